"""End to end on the five shared seed articles: the facts the timeline must get right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.model import FusedEvent
from sitrep.pipeline import ingest
from sitrep.query.timeline import timeline
from sitrep.settings import Settings
from sitrep.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@pytest.fixture(scope="module")
def kb(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("e2e") / "seeds.db"
    store = Store.open(str(db))
    report = ingest([str(seeds_dir)], store, settings=Settings(db=str(db)))
    assert not report.failed, report.failed
    assert len(report.ingested) == 5
    return store


def _docs(kb: Store) -> dict[str, str]:
    """Seed file prefix (000..004) -> document id."""
    return {Path(d.source).name[:3]: d.id for d in kb.documents()}


def _on(kb: Store, day: str, *words: str) -> list[FusedEvent]:
    """Fused events dated `day` whose evidence mentions all `words`."""
    found = []
    for ev in timeline(kb, include_background=True):
        if ev.date.value != day:
            continue
        text = " ".join(m.evidence.text for m in ev.mentions).lower()
        if all(w.lower() in text for w in words):
            found.append(ev)
    return found


@pytest.mark.parametrize("prefix, published", [
    ("000", date(2020, 1, 17)),
    ("001", date(2020, 1, 5)),
    ("004", date(2021, 7, 25)),
])
def test_publication_dates(kb: Store, prefix: str, published: date) -> None:
    doc = kb.get_document(_docs(kb)[prefix])
    assert doc.published == published and not doc.published_estimated


@pytest.mark.parametrize("prefix, lo, hi", [
    ("002", date(2021, 12, 1), date(2021, 12, 31)),
    ("003", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_estimated_publication_ranges(kb: Store, prefix: str, lo: date, hi: date) -> None:
    doc = kb.get_document(_docs(kb)[prefix])
    assert doc.published is None and doc.published_estimated
    assert doc.published_range is not None
    assert lo <= doc.published_range[0] <= doc.published_range[1] <= hi


@pytest.mark.parametrize("day, words", [
    ("2019-12-27", ["Kirkuk"]),
    ("2019-12-29", ["airstrikes"]),
    ("2019-12-31", ["Embassy"]),
    ("2020-01-05", ["parliament"]),
    ("2021-07-26", ["Biden"]),
])
def test_key_events_have_their_dates(kb: Store, day: str, words: list[str]) -> None:
    assert _on(kb, day, *words), f"no event on {day} mentioning {words}"


def test_soleimani_strike_is_one_event_citing_all_five(kb: Store) -> None:
    strikes = _on(kb, "2020-01-03", "Soleimani") + _on(kb, "2020-01-03", "Suleimani")
    ids = {ev.id for ev in strikes}
    assert len(ids) == 1, [ev.summary for ev in strikes]
    assert set(strikes[0].documents) == set(_docs(kb).values())


def test_timeline_is_in_date_order(kb: Store) -> None:
    known = [ev.date.earliest for ev in timeline(kb) if ev.date.earliest and
             not ev.date.unresolved]
    assert known == sorted(known)


def test_nothing_comes_from_site_junk(kb: Store) -> None:
    junk = ("Masrour", "Middle East Peace and Security", "moderates all comments", "View Count")
    for ev in timeline(kb, include_background=True):
        for m in ev.mentions:
            assert not any(j in m.evidence.text for j in junk), m.evidence.text
    for doc in kb.documents():
        text = kb.get_document(doc.id).text
        assert not any(j in text for j in junk), (doc.source, [j for j in junk if j in text])
