"""End to end on articles written in-house about the seeds' story (and one other war), none of
which shaped the rules: one event per real event, dates from other clauses, figures as a
series, no discrepancy made of slow change."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.fuse.discrepancies import figure_discrepancies, series
from sitrep.model import EventStatus, FusedEvent
from sitrep.pipeline import ingest
from sitrep.query.facts import discrepancies
from sitrep.query.timeline import format_date, timeline
from sitrep.settings import Settings
from sitrep.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

STORY = Path(__file__).parent / "data" / "story"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("story") / "story.db"
    store = Store.open(str(db))
    report = ingest([str(STORY)], store, settings=Settings(db=str(db)))
    assert not report.failed, report.failed
    return store


def _events(kb: Store) -> list[FusedEvent]:
    return timeline(kb, include_background=True, include_undated=True)


def _sources(kb: Store, ev: FusedEvent) -> set[str]:
    names = {d.id: Path(d.source).name[:1] for d in kb.documents()}
    return {names[d] for d in ev.documents}


def _with(kb: Store, *words: str) -> list[FusedEvent]:
    return [ev for ev in _events(kb)
            if all(w in " ".join(m.evidence.text for m in ev.mentions) for w in words)]


def test_the_strike_is_one_event_citing_every_report(kb: Store) -> None:
    # b dates it "two days after" Sunday's vote as well as "on Friday"; a and g in a recap
    strikes = {ev.id: ev for ev in _with(kb, "Soleimani") if ev.type == "ASSAULT"
               and ev.date.value == "2020-01-03"}
    assert len(strikes) == 1
    (strike,) = strikes.values()
    assert _sources(kb, strike) >= {"a", "b", "d", "g"}


def test_the_vote_is_one_event(kb: Store) -> None:
    votes = [ev for ev in _events(kb) if ev.type == "REQUEST" and ev.date.value == "2020-01-05"]
    assert len(votes) == 1
    assert _sources(kb, votes[0]) >= {"a", "b", "g"}  # "lawmakers" meet "the parliament"


def test_stocks_are_figures_not_events(kb: Store) -> None:
    assert not [ev for ev in _events(kb) if ev.type == "MOBILIZE"
                and any("stationed" in m.trigger or "deployed" in m.trigger
                        for m in ev.mentions)]
    points = next(iter(series(kb.figures().values(), "US troops in Iraq").values()))
    years = {p.date.earliest.year for p in points if p.date.earliest}
    assert {2020, 2021, 2024, 2025} <= years


def test_a_plan_is_dated_by_its_deadline(kb: Store) -> None:
    (leave,) = [ev for ev in _with(kb, "will leave bases") if ev.type == "RETREAT"]
    assert format_date(leave.date) == "2025-09"
    assert leave.mentions[0].status is EventStatus.PLANNED


def test_two_days_of_attacks_stay_two_events(kb: Store) -> None:
    # f1: Sunday's strike on the depot (its dateline "May 5" is the story's day, not the
    # strike's); f2: Monday's drones "a day after" it, and "the strike on the depot on Sunday"
    attacks = [ev for ev in _events(kb) if ev.type == "ASSAULT"
               and ev.date.value in ("2025-05-04", "2025-05-05")]
    by_day = {ev.date.value: ev for ev in attacks}
    assert len(attacks) == len(by_day) == 2
    assert len(by_day["2025-05-04"].documents) == 2
    assert len(by_day["2025-05-05"].documents) == 1


def test_growth_of_the_coalition_is_not_a_discrepancy(kb: Store) -> None:
    members = [f for f in kb.figures().values() if f.unit == "members"]
    assert {f.value for f in members} >= {85, 87}
    assert figure_discrepancies(members) == []


def test_background_recaps_keep_their_own_dates(kb: Store) -> None:
    mosul = [ev for ev in _with(kb, "seized Mosul") if ev.type == "ASSAULT"]
    assert [format_date(ev.date) for ev in mosul] == ["2014"] and mosul[0].background
    # the same sentence's "left at the end of 2011" is its own recap, with its own date
    left = [ev for ev in _with(kb, "seized Mosul") if ev.type == "RETREAT"]
    assert [format_date(ev.date) for ev in left] == ["2011"] and left[0].background
    overran = [ev for ev in _with(kb, "overran")]
    assert [format_date(ev.date) for ev in overran] == ["≤ 2014-12-31"]
    assert all(ev.date.latest and ev.date.latest < date(2024, 1, 1) for ev in overran)


def test_a_barrage_and_its_rising_toll(kb: Store) -> None:
    # k2's "Monday's attack ... killed 24" is dated by its possessive and joins k1's barrage
    monday = [ev for ev in _events(kb) if ev.type == "ASSAULT" and ev.date.value == "2024-07-08"]
    assert len(monday) == 1 and _sources(kb, monday[0]) == {"k"}
    assert len(monday[0].documents) == 2
    tolls = [f for f in kb.figures().values() if f.measure == "killed"
             and f.date.value == "2024-07-08"]
    assert {f.value for f in tolls} >= {12, 24, 33}
    # "at least 12" on the 9th, 24 and 33 on the 10th: a toll rising, no disagreement
    assert not [d for d in discrepancies(kb) if d.kind == "figure" and "killed" in d.subject]


def test_a_withdrawal_told_twice_and_its_figures(kb: Store) -> None:
    left = [ev for ev in _events(kb) if ev.type == "RETREAT" and ev.date.value == "2022-08-15"
            and "handed" not in ev.summary]  # the base's handover that day is its own act
    assert len(left) == 1 and _sources(kb, left[0]) == {"m"} and len(left[0].documents) == 2
    figures = {f.text: f for f in kb.figures().values()}
    dead = figures["Fifty-nine French soldiers"]
    assert (dead.value, dead.date.value) == (59, "2022-08-16")  # since 2013: to date
    assert figures["Roughly 3,000 French troops"].subject == "French troops"
