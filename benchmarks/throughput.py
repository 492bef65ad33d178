"""Throughput of a full sitrep ingest next to bare spaCy `nlp.pipe`, same corpus, one run.

    python benchmarks/throughput.py [PATH ...] [--copies N] [--dask]

PATH defaults to the bundled sample corpus plus ../shared/seeds when present. Both systems see
the same cleaned article texts; the full ingest also reads, cleans, tags time, resolves entities,
geocodes, extracts events, figures and quotes, fuses and writes to a fresh SQLite file.
The result is printed as articles/second for each and their ratio (sitrep / spaCy). With
--dask, the same ingest also runs on a local Dask cluster of 2 worker processes (started and
warmed up before the clock starts), printed as its ratio to the serial ingest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sitrep.annotate.nlp import load_nlp
from sitrep.cli import demo_corpus
from sitrep.model import RawDocument
from sitrep.pipeline import ingest
from sitrep.read.files import discover, read_all
from sitrep.settings import Settings
from sitrep.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def corpus(paths: list[str], settings: Settings) -> list[RawDocument]:
    docs, errors = read_all(discover(paths), settings=settings)
    for e in errors:
        print(f"skipped {e.source}: {e.reason}", file=sys.stderr)
    return docs


def write_copies(docs: list[RawDocument], copies: int, folder: Path) -> None:
    """Distinct copies (a numbered line appended) so content dedup does not skip them."""
    for k in range(copies):
        for i, doc in enumerate(docs):
            body = f"{doc.title or ''}\n\n{doc.text}\n\nCopy {k} of article {i}.\n"
            (folder / f"{k:03d}-{i:03d}.txt").write_text(body, encoding="utf-8")


def dask_ingest(folder: Path, settings: Settings, db: Path, workers: int) -> tuple[float, int]:
    """Seconds for the same ingest with annotation on a local cluster, and documents stored."""
    from sitrep.distributed import connect, preload

    with connect(workers=workers) as client, Store.open(str(db)) as store:
        preload(client, settings.model)  # workers load spaCy before the clock starts
        t0 = time.perf_counter()
        report = ingest([str(folder)], store, settings=settings, client=client)
        return time.perf_counter() - t0, len(report.ingested)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--copies", type=int, default=3, help="repeat the corpus N times")
    ap.add_argument("--model", default=Settings().model)
    ap.add_argument("--dask", action="store_true",
                    help="also time ingest on a local Dask cluster of 2 worker processes")
    args = ap.parse_args()
    paths = args.paths or [str(demo_corpus())] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    settings = replace(Settings(), model=args.model)
    docs = corpus(paths, settings)
    nlp = load_nlp(settings.model)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        write_copies(docs, args.copies, folder)
        files = sorted(folder.iterdir())
        texts = [f.read_text(encoding="utf-8") for f in files]
        list(nlp.pipe(texts[:2]))  # warm up both on the same model instance

        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        spacy_s = time.perf_counter() - t0

        store = Store.open(str(Path(tmp) / "bench.db"))
        t0 = time.perf_counter()
        report = ingest([str(folder)], store, settings=replace(settings, db=tmp))
        sitrep_s = time.perf_counter() - t0
        if args.dask:
            dask_s, dask_n = dask_ingest(folder, settings, Path(tmp) / "dask.db", workers=2)

    n = len(texts)
    print(f"corpus: {n} articles ({len(docs)} distinct x {args.copies}), "
          f"{sum(map(len, texts)):,} characters; model {settings.model}")
    print(f"ingested {len(report.ingested)}, failed {len(report.failed)}")
    print(f"{'system':<28}{'seconds':>10}{'articles/s':>14}")
    print(f"{'bare spaCy nlp.pipe':<28}{spacy_s:>10.2f}{n / spacy_s:>14.2f}")
    print(f"{'sitrep full ingest':<28}{sitrep_s:>10.2f}{n / sitrep_s:>14.2f}")
    print(f"ratio sitrep/spaCy throughput: {spacy_s / sitrep_s:.2f} "
          f"(1.0 = as fast as bare spaCy)")
    if args.dask:
        print(f"{'sitrep ingest, Dask x2':<28}{dask_s:>10.2f}{n / dask_s:>14.2f}"
              f"   (ingested {dask_n})")
        print(f"ratio Dask/serial ingest throughput: {sitrep_s / dask_s:.2f} "
              f"(1.0 = no faster than serial)")


if __name__ == "__main__":
    main()
