"""Timeline, date formatting and stats over a store (SQLite; PostgreSQL with SITREP_TEST_PG)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import BACKENDS
from sitrep.model import Precision, TimeSpan
from sitrep.query.stats import stats
from sitrep.query.timeline import format_date, timeline
from sitrep.store.testing import (
    before,
    day,
    month,
    sample_documents,
    temporary_store,
    undated,
    year,
)


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory):
    # Read-only tests: one store per backend for the whole module keeps them fast.
    with temporary_store(request.param, tmp_path_factory.mktemp("query")) as s:
        for doc in sample_documents():
            s.add_document(doc)
        yield s


def ids(events) -> list[str]:
    return [e.id for e in events]


def test_timeline_is_in_date_order_with_undated_last(store):
    # 2014 recap, the March 9 shelling, the March 11 denial, December talks (month, estimated)
    # starting Dec 1, the "on or before Dec 31" failure sorted by its latest bound, undated last.
    assert ids(timeline(store)) == ["ev-ceasefire", "ev-shelling", "ev-denial", "ev-talks",
                                    "ev-earlier-talks", "ev-protest"]


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"start": date(2021, 3, 10)}, ["ev-denial", "ev-talks", "ev-earlier-talks"]),
    ({"end": date(2021, 3, 9)}, ["ev-ceasefire", "ev-shelling", "ev-earlier-talks"]),
    ({"start": date(2021, 3, 1), "end": date(2021, 3, 31)},
     ["ev-shelling", "ev-denial", "ev-earlier-talks"]),
    ({"actor": "VAF"}, ["ev-shelling", "ev-denial"]),  # an alias
    ({"actor": "valdorian ARMED forces"}, ["ev-shelling", "ev-denial"]),  # the name
    ({"actor": "valdoria-army"}, ["ev-shelling", "ev-denial"]),  # the key
    ({"actor": "mirska"}, ["ev-shelling"]),
    ({"actor": "negotiators from both sides"}, ["ev-talks"]),  # an unresolved actor's name
    ({"actor": "Nobody"}, []),
    ({"type": "consult"}, ["ev-talks", "ev-earlier-talks"]),
    ({"search": "GENEVA"}, ["ev-talks"]),  # in the evidence sentence only
    ({"search": "this week"}, ["ev-shelling"]),  # in the fused summary
    ({"search": "%"}, []),
    ({"include_background": False},
     ["ev-shelling", "ev-denial", "ev-talks", "ev-earlier-talks", "ev-protest"]),
    ({"limit": 2}, ["ev-ceasefire", "ev-shelling"]),
    ({"actor": "VAF", "type": "ACCUSE", "limit": 5}, ["ev-denial"]),
])
def test_timeline_filters(store, kwargs, expected):
    assert ids(timeline(store, **kwargs)) == expected


def test_timeline_events_carry_their_evidence(store):
    (ev,) = timeline(store, type="ATTACK")
    assert len(ev.mentions) == 2 and len(ev.documents) == 2
    assert all(m.trigger in m.evidence.text for m in ev.mentions)
    assert ev.mentions[0].evidence.text.startswith("Artillery units")


@pytest.mark.parametrize(("span", "expected"), [
    (day(2019, 12, 27), "2019-12-27"),
    (month(2020, 1), "2020-01"),
    (year(2014), "2014"),
    (before(date(2020, 1, 5)), "≤ 2020-01-05"),
    (month(2021, 12, estimated=True), "2021-12 (est.)"),
    (TimeSpan("2020-W02", date(2020, 1, 6), date(2020, 1, 12), Precision.WEEK), "2020-W02"),
    (TimeSpan("201X", date(2010, 1, 1), date(2019, 12, 31), Precision.DECADE), "2010s"),
    (TimeSpan(None, date(2020, 1, 1), date(2020, 1, 5), Precision.RANGE),
     "2020-01-01 – 2020-01-05"),
    (TimeSpan(None, date(2020, 1, 1), None, Precision.RANGE, unresolved=True), "≥ 2020-01-01"),
    (TimeSpan("XXXX-12-27", None, None, Precision.DAY), "XXXX-12-27"),
    (undated(), "unknown"),
    (None, "unknown"),
])
def test_format_date_prints_the_real_precision(span, expected):
    assert format_date(span) == expected


def test_stats(store):
    assert stats(store) == {
        "documents": 3, "events": 6, "event_mentions": 7, "entities": 3, "figures": 1,
        "quotes": 1,
        "documents_per_outlet": {"": 1, "Northern Ledger": 1, "Southern Courier": 1},
        "events_per_type": {"CONSULT": 2, "ACCUSE": 1, "AGREE": 1, "ATTACK": 1, "PROTEST": 1},
        "date_span": {"earliest": "2014-01-01", "latest": "2021-12-31"},
    }
