"""Discrepancies: disagreeing sources are listed; changes over time are a series."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.fuse.discrepancies import date_discrepancies, figure_discrepancies, series, value_range
from sitrep.model import Event, Evidence, Figure, FusedEvent, Precision, TimeSpan


def on(y: int, m: int, d: int) -> TimeSpan:
    x = date(y, m, d)
    return TimeSpan(x.isoformat(), x, x, Precision.DAY)


def fig(doc: str, value: float, when: TimeSpan, qualifier: str | None = None,
        unit: str = "troops", subject: str = "US troops in Iraq") -> Figure:
    return Figure(value=value, unit=unit, subject=subject, qualifier=qualifier, date=when,
                  evidence=Evidence(doc, 0, "s", 0, 1), text=f"{qualifier or ''} {value}".strip())


@pytest.mark.parametrize("qualifier, expected", [
    (None, (100, 100)), ("about", (95, 105)), ("over", (100, 120)), ("up to", (50, 100)),
])
def test_value_range(qualifier: str | None, expected: tuple[float, float]) -> None:
    lo, hi = value_range(fig("d", 100, on(2020, 1, 1), qualifier))
    assert (round(lo), round(hi)) == expected


def test_same_time_different_values_is_a_discrepancy() -> None:
    figs = [fig("a", 5000, on(2020, 1, 5), "about"), fig("b", 6000, on(2020, 1, 6)),
            fig("c", 5200, on(2020, 1, 4), "about")]
    found = figure_discrepancies(figs)
    assert len(found) == 1
    assert {f.value for f in found[0].claims} >= {5000, 6000}


def test_moves_in_one_week_may_be_two() -> None:
    week = TimeSpan("2020-W01", date(2019, 12, 30), date(2020, 1, 5), Precision.WEEK)
    sent = [fig("a", 750, on(2019, 12, 31), "about", subject="troops deployed in Iraq"),
            fig("b", 3500, week, "about", subject="troops deployed in Iraq")]
    for f in sent:
        f.measure = "deployed"
    assert figure_discrepancies(sent) == []  # "sent 750 on Tuesday", "ordered 3,500 last week"
    sent[1].date = on(2019, 12, 31)
    assert len(figure_discrepancies(sent)) == 1  # the same day: the reports disagree


def test_change_over_time_is_a_series_not_a_discrepancy() -> None:
    figs = [fig("a", 5000, on(2020, 1, 5)), fig("b", 2500, on(2021, 12, 9))]
    assert figure_discrepancies(figs) == []
    (name, points), = series(figs, "US troops in Iraq").items()
    assert [p.value for p in points] == [5000, 2500]


def test_compatible_qualified_values_agree() -> None:
    figs = [fig("a", 5000, on(2020, 1, 5), "about"), fig("b", 5100, on(2020, 1, 6))]
    assert figure_discrepancies(figs) == []


def test_same_document_never_disagrees_with_itself() -> None:
    figs = [fig("a", 5000, on(2020, 1, 5)), fig("a", 3500, on(2020, 1, 5))]
    assert figure_discrepancies(figs) == []


def _cited(value: float, source: str | None, sentence: int) -> Figure:
    f = fig("a", value, on(2024, 8, 27), "about", "people", "people killed in Burkina Faso")
    f.source, f.evidence = source, Evidence("a", sentence, "s", 0, 1)
    return f


def test_one_article_setting_two_sources_side_by_side_disagrees() -> None:
    (found,) = figure_discrepancies([_cited(400, "security source", 3),
                                     _cited(600, "relatives of victims", 4)])
    assert [c.source for c in found.claims] == ["security source", "relatives of victims"]
    # one source, an unnamed one, or two tolls told far apart (two sides): no discrepancy
    assert not figure_discrepancies([_cited(400, "officials", 3), _cited(600, "Officials", 4)])
    assert not figure_discrepancies([_cited(400, None, 3), _cited(600, "relatives", 4)])
    assert not figure_discrepancies([_cited(400, "army", 3), _cited(600, "rebels", 9)])
    # nor one strike's dead beside the war's
    assert not figure_discrepancies([_cited(3, "army", 3), _cited(150_000, "rebels", 4)])


def test_coalition_size_claims_years_apart_still_conflict() -> None:
    figs = [fig("a", 84, on(2021, 12, 9), unit="nations", subject="members of the coalition"),
            fig("b", 60, on(2024, 3, 1), "over", unit="nations",
                subject="members of the coalition")]
    assert len(figure_discrepancies(figs)) == 1


def test_slow_growth_of_a_coalition_is_no_conflict() -> None:
    # 85 then 87 members four years on is growth; 87 against 85 in the same month is not
    later = [fig("a", 85, on(2021, 12, 9), unit="members", subject="members of the coalition"),
             fig("b", 87, on(2025, 9, 30), unit="members", subject="members of the coalition")]
    assert figure_discrepancies(later) == []
    same = [later[0], fig("b", 87, on(2021, 12, 20), unit="members",
                          subject="members of the coalition")]
    assert len(figure_discrepancies(same)) == 1


def test_rising_death_toll_is_a_series() -> None:
    figs = [fig("a", 56, on(2023, 4, 16), "at least", unit="people", subject="people killed"),
            fig("b", 400, on(2023, 4, 25), "more than", unit="people", subject="people killed")]
    for f in figs:
        f.measure = "killed"
    assert figure_discrepancies(figs) == []


def test_a_toll_counted_again_next_day_rises() -> None:
    # both count Monday's dead; the second report, a day later, counts more
    figs = [fig("a", 12, on(2024, 7, 8), "at least", unit="people", subject="people killed"),
            fig("b", 24, on(2024, 7, 8), unit="people", subject="people killed")]
    for f in figs:
        f.measure = "killed"
    assert len(figure_discrepancies(figs)) == 1  # without report days: two claims
    assert figure_discrepancies(figs, {"a": date(2024, 7, 9), "b": date(2024, 7, 10)}) == []
    # a later report with fewer dead disagrees
    assert len(figure_discrepancies(figs, {"a": date(2024, 7, 10), "b": date(2024, 7, 9)})) == 1


def test_event_reported_on_different_days() -> None:
    def mention(doc: str, when: TimeSpan) -> Event:
        return Event("ASSAULT", "struck", "strike", Evidence(doc, 0, "s", 0, 1), when)
    ev = FusedEvent("ev-1", "ASSAULT", "strike", on(2020, 1, 3),
                    mentions=[mention("a", on(2020, 1, 3)), mention("b", on(2020, 1, 2))])
    (d,) = date_discrepancies([ev])
    assert d.kind == "date" and "2020-01-02" in d.note
