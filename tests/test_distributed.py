"""Ingest on a Dask cluster stores exactly what a serial ingest stores; failures stay per file."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.model import Document, RawDocument
from sitrep.pipeline import IngestReport, annotate_batch, default_stages, ingest, prepare
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.testing import temporary_store

pytestmark = pytest.mark.slow

# Two stories that fuse across outlets (the Soleimani strike; the end of the combat mission)
SUBSET = ["iraq-02-embassy-stormed.txt", "iraq-03-soleimani-drone-strike.html",
          "iraq-04-suleimani-funeral-reaction.txt", "iraq-07-ain-al-asad-missiles.txt",
          "iraq-08-combat-mission-ends.txt", "mixed-briefs.jsonl"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip(
        "distributed", reason="Dask is not installed (pip install 'sitrep[dask]')")
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def subset(examples_dir: Path) -> list[str]:
    return [str(examples_dir / name) for name in SUBSET]


def snapshot(store: Store, report: IngestReport) -> dict[str, Any]:
    """Everything stored: full documents (annotations included) and the fused knowledge base."""
    from sitrep.query.export import export_json

    return {**export_json(store), "annotated": [store.get_document(i) for i in report.ingested]}


@pytest.fixture(scope="module")
def serial(subset: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with temporary_store("sqlite", tmp_path_factory.mktemp("serial")) as store:
        report = ingest(subset, store)
        assert report.ok
        return {"report": report, **snapshot(store, report)}


def test_dask_ingest_stores_what_serial_ingest_stores(
        client: Any, subset: list[str], serial: dict[str, Any], tmp_path: Path) -> None:
    with temporary_store("sqlite", tmp_path) as store:
        # small batches: several in flight at once, consumed in input order
        report = ingest(subset, store, settings=replace(Settings(), batch_size=2),
                        client=client)
        got = snapshot(store, report)
    assert report.ok and report.duplicates == []
    assert report.ingested == serial["report"].ingested and len(report.ingested) == 7
    for key in ("annotated", "documents", "events", "entities", "figures", "quotes"):
        assert got[key] == serial[key], key
    # the comparison covers real fusion and figures, not empty lists
    assert any(e["sources"] >= 2 for e in got["events"])
    assert got["figures"] and got["quotes"]
    assert all(d.sentences and d.timexes and d.entities for d in got["annotated"])


class Explodes:
    name = "test.explodes"
    requires = ("sentences",)
    assigns = ()

    def __call__(self, doc: Document, sdoc: object) -> None:
        if "Ain al-Asad" in doc.text:
            raise RuntimeError("boom")


def test_a_failing_stage_fails_one_document_only(
        client: Any, subset: list[str], tmp_path: Path) -> None:
    with temporary_store("sqlite", tmp_path) as store:
        report = ingest(subset, store, stages=[*default_stages(), Explodes()],
                        settings=replace(Settings(), batch_size=3), client=client)
        stored = sorted(Path(d.source).name for d in store.documents())
    assert [(Path(f.source).name, f.reason) for f in report.failed] == [
        ("iraq-07-ain-al-asad-missiles.txt", "annotation failed: RuntimeError('boom')")]
    assert len(report.ingested) == 6
    assert "iraq-07-ain-al-asad-missiles.txt" not in stored
    assert set(stored) >= {"iraq-02-embassy-stormed.txt", "iraq-08-combat-mission-ends.txt"}


def test_bad_files_are_failures_not_a_crash(
        client: Any, examples_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = examples_dir / "iraq-02-embassy-stormed.txt"
    (folder / "good.txt").write_bytes(good.read_bytes())
    (folder / "copy.txt").write_bytes(good.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with temporary_store("sqlite", tmp_path) as store:
        report = ingest([str(folder)], store, client=client)
        stored = [Path(d.source).name for d in store.documents()]
    assert sorted(Path(f.source).name for f in report.failed) == ["binary.txt", "empty.txt"]
    assert all(f.reason for f in report.failed)
    assert len(report.ingested) == 1 and len(report.duplicates) == 1
    assert stored in (["copy.txt"], ["good.txt"])


def test_in_flight_batches_are_bounded(client: Any) -> None:
    """The driver never reads more than `in_flight` batches ahead of what it has consumed."""
    from sitrep.distributed import annotate_on

    text = ("Protesters gathered outside the embassy in Baghdad on Tuesday, officials said. "
            "Police fired tear gas at the crowd of {n} hundred people.")
    pulled = 0

    def batches() -> Iterator[list[Document]]:
        nonlocal pulled
        for n in range(6):
            pulled += 1
            yield [prepare(RawDocument(source=f"{n}.txt", text=text.format(n=n)))]

    seen = []
    for k, results in enumerate(annotate_on(client, batches(), model=Settings().model,
                                            in_flight=2)):
        assert pulled <= k + 2
        seen += [r.source for r in results]
    assert seen == [f"{n}.txt" for n in range(6)]


def test_an_annotated_document_survives_pickling(nlp: Any, examples_dir: Path) -> None:
    from sitrep.read.files import discover, read_all

    path = examples_dir / "iraq-03-soleimani-drone-strike.html"
    raws, errors = read_all(discover([str(path)]), settings=Settings())
    assert not errors
    [doc] = annotate_batch(nlp, [prepare(raws[0])], default_stages())
    assert isinstance(doc, Document)
    assert doc.events and doc.entities and doc.timexes and doc.mentions and doc.quotes
    assert any(e.place for e in doc.entities.values()) and any(e.aliases for e in
                                                               doc.entities.values())
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == doc and back is not doc
    assert back.dct == doc.dct


def test_one_bad_text_fails_alone_when_the_pipe_breaks() -> None:
    """A spaCy error on one text of a batch fails that document, not the batch."""
    import spacy
    from spacy.language import Language

    @Language.component("test_refuses_sirens")
    def refuse(sdoc: Any) -> Any:
        if "siren" in sdoc.text:
            raise ValueError("no sirens")
        return sdoc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_refuses_sirens")
    nlp.max_length = 60
    texts = {"ok.txt": "Troops moved north. Talks resumed.", "siren.txt": "A siren sounded.",
             "long.txt": "Shelling went on all night. " * 4}
    docs = [prepare(RawDocument(source=s, text=t)) for s, t in texts.items()]
    results = annotate_batch(nlp, docs, [])
    assert [r.source for r in results] == list(texts)
    ok, siren, long = results
    assert isinstance(ok, Document) and [s.text for s in ok.sentences] == [
        "Troops moved north.", "Talks resumed."]
    assert not isinstance(siren, Document) and "no sirens" in siren.reason
    assert not isinstance(long, Document) and "too long for the NLP model" in long.reason


def test_cli_ingests_on_a_running_cluster(client: Any, examples_dir: Path,
                                          tmp_path: Path) -> None:
    from sitrep.cli import cli

    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", "--dask", client.scheduler.address,
                                      str(examples_dir / "iraq-02-embassy-stormed.txt"),
                                      str(examples_dir / "mixed-briefs.jsonl")])
    assert result.exit_code == 0, result.output
    assert "ingested 3" in result.output and "failed 0" in result.output
    with Store.open(db) as store:
        assert store.counts()["documents"] == 3


def test_cli_explains_a_missing_dask_and_conflicting_options(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.cli import cli

    args = ["--db", str(tmp_path / "kb.db"), "ingest", str(tmp_path)]
    both = CliRunner().invoke(cli, [*args, "--dask", "tcp://127.0.0.1:1", "--workers", "2"])
    assert both.exit_code == 2 and "not both" in both.output
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    missing = CliRunner().invoke(cli, [*args, "--workers", "2"])
    assert missing.exit_code == 1
    assert "Dask is not installed" in missing.output
    assert "pip install 'sitrep[dask]'" in missing.output


def test_an_address_where_no_scheduler_answers_is_a_clear_error() -> None:
    import socket
    import threading

    from sitrep.distributed import DaskError, connect

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def babble() -> None:  # another protocol answers: bytes that are no Dask frame
        conn, _ = server.accept()
        conn.sendall(b"\xff" * 64)
        conn.recv(1024)
        conn.close()

    threading.Thread(target=babble, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    with pytest.raises(DaskError, match="127.0.0.1"), connect(address):
        pass
    server.close()
