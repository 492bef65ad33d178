"""Officeholder mentions as evidence for the publication date (sentences of our own)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import Document, Precision, TimeExpression, TimeSpan
from sitrep.pipeline import sentences_of
from sitrep.temporal import TimeTagger
from sitrep.temporal.offices import find_office_constraints, holders, office_window
from sitrep.temporal.pubdate import estimate_range
from sitrep.temporal.tagger import tag

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "kind", "person", "earliest", "latest"),
    [
        # current: title + name, no "former": within the term (open terms run to today)
        ("Ukrainian President Volodymyr Zelensky met aid workers on Tuesday.", "current",
         "Volodymyr Zelensky", date(2019, 5, 20), None),
        ("The Iraqi premier, Mustafa al-Kadhimi, visited the border post.", "current",
         "Mustafa al-Kadhimi", date(2020, 5, 7), date(2022, 10, 27)),
        ("Mark Rutte, the NATO secretary-general, warned allies on Friday.", "current",
         "Mark Rutte", date(2024, 10, 1), None),
        ("UN chief Antonio Guterres called for a pause in the fighting.", "current",
         "Antonio Guterres", date(2017, 1, 1), None),
        # former: after the end of the earliest term
        ("The ministry said former Prime Minister Nouri al-Maliki attended the funeral.",
         "former", "Nouri al-Maliki", date(2014, 9, 8), None),
        ("Prosecutors questioned ex-President Petro Poroshenko on Monday.", "former",
         "Petro Poroshenko", date(2019, 5, 20), None),
        ("Donald Trump, the former US president, spoke at a rally.", "former", "Donald Trump",
         date(2021, 1, 20), None),
        # first term: a second one has begun
        ("The settlement was approved in Benjamin Netanyahu's first term.", "term",
         "Benjamin Netanyahu", date(2009, 3, 31), None),
        ("The first Trump administration left the accord.", "term", "Donald Trump",
         date(2025, 1, 20), None),
    ],
)
def test_constraint_kinds(text: str, kind: str, person: str, earliest: date,
                          latest: date | None) -> None:
    found = find_office_constraints(text)
    assert [(c.kind, c.person) for c in found] == [(kind, person)]
    lo, hi = found[0].intervals[0]
    assert (lo, hi) == (earliest, latest)
    assert text[found[0].start:found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed by then-President Barack Obama.",  # says nothing about now
        "“Prime Minister Haider al-Abadi must go,” the protesters chanted.",  # quoted
        "If President Joe Biden visits, security will be tight.",  # hypothetical
        "President Marta Kovalenko spoke to reporters on Monday.",  # unknown person
        "In 2016, Prime Minister David Cameron called a referendum.",  # history, titled then
        "Vice President Joe Biden toured the base.",  # another office
        "Under President George W. Bush the troops surged.",  # a past administration
        "Jordan's King Abdullah received the envoy.",  # a namesake not in the data
        "President Bashir Gemayel was elected that summer.",  # a longer name
        "Biden said the talks were useful.",  # a name without a title
    ],
)
def test_no_constraint(text: str) -> None:
    assert find_office_constraints(text) == []


def test_apposition_with_premier() -> None:
    found = find_office_constraints("Mustafa al-Kadhimi, Iraq's prime minister, said so.")
    assert [(c.kind, c.intervals) for c in found] == [
        ("current", ((date(2020, 5, 7), date(2022, 10, 27)),))]


def test_ambiguous_surname_takes_the_union() -> None:
    # "President Bush": either Bush; current => one of their terms, former => after the first
    found = find_office_constraints("President Bush met the envoy on Monday.")
    assert len(found) == 1
    assert set(found[0].intervals) == {(date(1989, 1, 20), date(1993, 1, 20)),
                                       (date(2001, 1, 20), date(2009, 1, 20))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iraqi Prime Minister Mustafa al-Kadhimi spoke. Aides of former President Donald Trump "
         "left.", [(date(2021, 1, 20), date(2022, 10, 27))]),
        ("Israeli Prime Minister Benjamin Netanyahu and US President Donald Trump met today.",
         [(date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), TODAY)]),
        # contradictory mentions are ignored, not turned into an empty window
        ("Prime Minister Nouri al-Maliki spoke. Later Prime Minister Mustafa al-Kadhimi spoke.",
         None),
        ("The weather was fine.", None),
    ],
)
def test_office_window(text: str, expected: list[tuple[date, date]] | None) -> None:
    assert office_window(find_office_constraints(text), today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # officeholders alone give the range when it is narrow enough
        ("Iraqi Prime Minister Mustafa al-Kadhimi spoke. Aides of former President Donald "
         "Trump left.", (date(2021, 1, 20), date(2022, 10, 27))),
        ("Supreme Leader Ali Khamenei gave a sermon on Friday.", None),  # decades: no estimate
    ],
)
def test_estimate_from_offices_alone(text: str, expected: tuple[date, date] | None) -> None:
    found = find_office_constraints(text)
    assert estimate_range([], offices=found, today=TODAY) == expected


def test_data_is_consistent() -> None:
    for h in holders():
        assert h.terms and h.titles and h.names, h.name
        for t, nxt in zip(h.terms, h.terms[1:], strict=False):
            assert t.end is not None and t.end[1] <= nxt.start[0], h.name
        for t in h.terms:
            assert t.end is None or t.start[0] <= t.end[1], h.name


@pytest.mark.slow
def test_estimate_picks_the_year_the_terms_allow(nlp) -> None:  # type: ignore[no-untyped-def]
    # the month follows from the text; only the officeholders tell the year
    text = ("Iraqi Prime Minister Mustafa al-Kadhimi warned on Monday of protests over the "
            "December 31 deadline for the handover. The talks began under former President "
            "Donald Trump in June 2020.")
    sdoc = nlp(text)
    timexes = tag(sdoc, None)
    lo, hi = estimate_range(timexes, sdoc=sdoc, offices=[]) or (None, None)
    assert lo and hi and lo.year == hi.year == 2020 and hi.month == 12  # earliest December
    lo, hi = estimate_range(timexes, sdoc=sdoc) or (None, None)
    assert lo and hi and lo.year == hi.year == 2021 and hi.month == 12


@pytest.mark.slow
def test_tagger_uses_offices(nlp) -> None:  # type: ignore[no-untyped-def]
    # no dated content at all: the terms of office alone bound the publication date
    text = ("Iraqi Prime Minister Mustafa al-Kadhimi met aid workers on Tuesday. Aides of former "
            "President Donald Trump arrived later.")
    sdoc = nlp(text)
    doc = Document(id="t", source="test", text=text)
    doc.sentences = sentences_of(sdoc)
    TimeTagger()(doc, sdoc)
    assert doc.published_estimated
    assert doc.published_range == (date(2021, 1, 20), date(2022, 10, 27))


def test_terms_outside_the_content_years_are_searched() -> None:
    # an upcoming December 31 and a recap of 2014: the content alone searches around 2014;
    # the officeholders allow only 2021-2022, so the December within their window wins
    timexes = [
        TimeExpression("December 31", 0, 11, 0, "DATE", "XXXX-12-31",
                       TimeSpan("XXXX-12-31", None, None, Precision.DAY)),
        TimeExpression("in 2014", 20, 27, 0, "DATE", "2014",
                       TimeSpan("2014", date(2014, 1, 1), date(2014, 12, 31), Precision.YEAR)),
    ]
    found = find_office_constraints("Iraqi Prime Minister Mustafa al-Kadhimi spoke. Aides of "
                                    "former President Donald Trump left.")
    without = estimate_range(timexes, tenses=[1, -1], offices=[], today=TODAY)
    assert without is not None and without[1].year < 2021
    lo, hi = estimate_range(timexes, tenses=[1, -1], offices=found, today=TODAY) or (None, None)
    assert lo and hi and date(2021, 1, 20) <= lo <= hi <= date(2021, 12, 31) and hi.month == 12
