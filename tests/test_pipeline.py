"""Ingest as a whole: bad input is reported per file, good files land, nothing half-written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.model import Document, RawDocument
from sitrep.pipeline import ingest
from sitrep.settings import Settings
from sitrep.store import Store

pytestmark = pytest.mark.slow

ARTICLE = """Rebels shell river port as talks stall

KOSTI, Sudan — Rebel artillery shelled the river port of Kosti on Tuesday, killing at least
twelve civilians, a local health official said.

The army said its forces repelled an attack on the southern edge of the town two days later.
"We will not abandon the port," said Colonel Amir Tahir, a spokesman for the garrison.
Mediators from the African Union had hoped to reopen talks in Addis Ababa this month.
"""

LATIN1 = ("Negotiators meeting at the Hôtel Métropole in Genève announced a three-day truce on "
          "Wednesday. Fighting resumed near the market of Aïn Témouchent on Thursday, the "
          "prefect said, after the mediators failed to agree on a prisoner exchange. The army "
          "had moved two battalions into the région overnight, according to officials.\n")


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as fh:
        line = b"The convoy moved north along the river road at dawn and stopped.\n"
        fh.write(line * (20_000_000 // len(line)))
    (folder / "broken.html").write_text(
        "<html><head><title>Strike on depot</title></head><body><div><p>Government "
        "aircraft struck a fuel depot outside Kosti on Monday, destroying two tankers, "
        "witnesses said.<p>The rebels said the depot was civilian. <div><b>unclosed"
        "<p>Aid agencies warned that fuel shortages would halt water pumps in the town "
        "within days, and called on both sides to protect civilian infrastructure.",
        encoding="utf-8")
    return folder


def test_bad_inputs_are_reported_and_good_files_land(messy: Path, tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "kb.db"))
    report = ingest([str(messy)], store, settings=Settings(db=str(tmp_path / "kb.db")))
    failed = {Path(f.source).name: f.reason for f in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "huge.txt"}, failed
    assert all(reason.strip() for reason in failed.values())
    titles = {d.source.rsplit("/", 1)[-1] for d in store.documents()}
    assert titles == {"good.txt", "latin1.txt", "broken.html"}
    latin = next(d for d in store.documents() if d.source.endswith("latin1.txt"))
    assert "Hôtel Métropole" in store.get_document(latin.id).text


def test_same_content_twice_is_a_noop(messy: Path, tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "kb.db"))
    settings = Settings(db=str(tmp_path / "kb.db"))
    first = ingest([str(messy / "good.txt")], store, settings=settings)
    again = ingest([str(messy / "good.txt")], store, settings=settings)
    assert len(first.ingested) == 1 and again.ingested == [] and len(again.duplicates) == 1
    assert store.counts()["documents"] == 1


class Explodes:
    name = "test.explodes"
    requires = ("sentences",)
    assigns = ()

    def __call__(self, doc: Document, sdoc: object) -> None:
        if "Kosti" in doc.text:
            raise RuntimeError("boom")


def test_a_failing_stage_fails_one_document_only(messy: Path, tmp_path: Path) -> None:
    from sitrep.pipeline import default_stages

    store = Store.open(str(tmp_path / "kb.db"))
    stages = [*default_stages(), Explodes()]
    report = ingest([str(messy / "good.txt"), str(messy / "latin1.txt")], store,
                    settings=Settings(db=str(tmp_path / "kb.db")), stages=stages)
    assert [Path(f.source).name for f in report.failed] == ["good.txt"]
    assert "boom" in report.failed[0].reason
    assert [Path(d.source).name for d in store.documents()] == ["latin1.txt"]


def test_ingest_uses_the_settings_background_days(tmp_path: Path) -> None:
    """An event 40 days before publication is news by default (60), a recap at 30."""
    src = tmp_path / "report.txt"
    src.write_text("Published: 2023-06-30\n\nRebels attacked the town of Kidal on May 20, "
                   "killing four soldiers, the army said in a statement to reporters.\n",
                   encoding="utf-8")
    flags = {}
    for days in (60, 30):
        db = str(tmp_path / f"kb{days}.db")
        with Store.open(db) as store:
            ingest([str(src)], store, settings=Settings(db=db, background_days=days, min_chars=50))
            [doc] = store.documents()
            [attack] = [e for e in store.get_document(doc.id).events if e.type == "ASSAULT"]
            flags[days] = attack.background
    assert flags == {60: False, 30: True}


@pytest.mark.slow
def test_the_pipeline_parses_empty_and_blank_texts(nlp) -> None:  # type: ignore[no-untyped-def]
    assert len(nlp("")) == 0 and len(list(nlp("\n\n").sents)) <= 1
    lines = [s.text.strip() for s in nlp("Rebels seize port\n\nRebels seized the port.").sents]
    assert lines == ["Rebels seize port", "Rebels seized the port."]  # a headline stands apart


def test_a_date_alone_under_the_body_dates_a_story_with_none_above() -> None:
    from sitrep.pipeline import prepare

    body = "Gunmen attacked a police post on Tuesday, officials said."
    raw = RawDocument(source="x", text=body, stripped=["Sept. 18, 2024", "Share this"])
    assert prepare(raw).published == date(2024, 9, 18)
    raw = RawDocument(source="x", text=body, header=["Sept. 17, 2024"],
                      stripped=["Sept. 17, 2024", "Sept. 18, 2024"])
    assert prepare(raw).published == date(2024, 9, 17)  # the header's comes first
