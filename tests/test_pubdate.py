"""Publication dates: header datelines, URLs, and estimates from the content."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.model import Document
from sitrep.pipeline import sentences_of
from sitrep.temporal import TimeTagger, date_from_url, estimate_range, find_dateline, tag

# Headers of our own making, in the shapes scraped pages take.
HEADERS = [
    ("Aid convoy reaches the city\n\n14-03-2019\nStaff writer\n\nThe convoy arrived in 2019.",
     date(2019, 3, 14)),
    ("Ceasefire holds\n  2018-06-02 09:15    12 Comments\nFighting stopped in 2018.",
     date(2018, 6, 2)),
    ("Some Outlet March 9, 2017 World\nTalks resumed in 2017 after a pause.", date(2017, 3, 9)),
    ("Published: 9 March 2017\nTalks resumed in 2017 after a pause.", date(2017, 3, 9)),
    ("Updated 12 March 2017\nPublished 9 March 2017\nTalks resumed in 2017.", date(2017, 3, 9)),
    # site chrome: today's date on the first line, years after anything the article mentions
    ("• Monday, 03 May 2027\nlogo\nHeadline\nAgency News April 2, 2016 Politics\n"
     "Elections were held in 2015 and 2016.", date(2016, 4, 2)),
    # a wire dateline opening the first paragraph, however long the paragraph runs
    ("Deal signed\n\nPRETORIA, Nov 2, 2022 — The government and the rebels agreed on "
     "Wednesday to a permanent cessation of hostilities, the mediators said, in a deal aimed "
     "at ending a two-year conflict that has killed many thousands of people.",
     date(2022, 11, 2)),
    # an ambiguous slashed date is read the way the page writes: American by default ...
    ("Drones down\nLast updated 11:05, 10/09/2025\nThe defense secretary spoke to Mr. Smith.",
     date(2025, 10, 9)),
    # ... day first on a page with British spelling, day-first dates in words, or an
    # unambiguous day-first date
    ("Drones down\nLast updated 11:05, 10/09/2025\nThe defence secretary spoke to Mr Smith "
     "about the neighbouring country.", date(2025, 9, 10)),
    ("Drones down\nLast updated 10/09/2025\nThe drills begin on 12 September.",
     date(2025, 9, 10)),
    ("Drones down\nLast updated 10/09/2025\nThe drills begin on September 12.",
     date(2025, 10, 9)),
    ("Drones down\nLast updated 10/09/2025\nThe earlier talks held on 21/08/2025 in Geneva had "
     "failed.", date(2025, 9, 10)),
]


@pytest.mark.parametrize(("text", "expected"), HEADERS)
def test_find_dateline(text: str, expected: date) -> None:
    found = find_dateline(text)
    assert found is not None
    d, start, end = found
    assert d == expected
    assert text[start:end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "• Tuesday, 04 May 2027\nlogo",  # the site's clock, even with nothing else around
        "Headline\nThe militia said its fighters were killed on January 3, 2020, near the "
        "airport.\nMore text follows here.",
        "No dates at all in this header\nnor in the body.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/2020/01/17/some-story", date(2020, 1, 17)),
        ("https://example.org/2019-11-03-story.html", date(2019, 11, 3)),
        ("https://example.org/a/20180405/story", date(2018, 4, 5)),
        ("https://example.org/story-12345678", None),
        ("https://example.org/2020/13/45/x", None),
    ],
)
def test_date_from_url(url: str, expected: date | None) -> None:
    assert date_from_url(url) == expected


# ------------------------------------------------------------------ the real seeds

SEED_DATELINES = {"000": date(2020, 1, 17), "001": date(2020, 1, 5), "004": date(2021, 7, 25)}


def _seed(seeds_dir, prefix: str) -> str:  # type: ignore[no-untyped-def]
    files = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not found in {seeds_dir}")
    return files[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("prefix", "expected"), sorted(SEED_DATELINES.items()))
def test_seed_datelines(seeds_dir, prefix: str, expected: date) -> None:  # type: ignore[no-untyped-def]
    found = find_dateline(_seed(seeds_dir, prefix))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_seed_without_dateline(seeds_dir, prefix: str) -> None:  # type: ignore[no-untyped-def]
    assert find_dateline(_seed(seeds_dir, prefix)) is None


def _tagged(nlp, text: str, published: date | None) -> Document:  # type: ignore[no-untyped-def]
    sdoc = nlp(text)
    doc = Document(id="s", source="seed", text=text, published=published)
    doc.sentences = sentences_of(sdoc)
    TimeTagger()(doc, sdoc)
    return doc


@pytest.mark.slow
def test_seed_003_estimated_in_2025(seeds_dir, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = _tagged(nlp, _seed(seeds_dir, "003"), None)
    assert doc.published_estimated and doc.published_range is not None
    lo, hi = doc.published_range
    assert date(2025, 1, 1) <= lo <= hi <= date(2025, 12, 31)


@pytest.mark.slow
def test_seed_002_estimated_in_december_2021(seeds_dir, nlp) -> None:  # type: ignore[no-untyped-def]
    # The month follows from the text (an upcoming December 31 deadline and January 3
    # anniversary); the year from its officeholders: a current Iraqi prime minister whose
    # term ended in 2022 and a US president already "former".
    doc = _tagged(nlp, _seed(seeds_dir, "002"), None)
    assert doc.published_range is not None
    lo, hi = doc.published_range
    assert date(2021, 12, 1) <= lo <= hi <= date(2021, 12, 31)


@pytest.mark.slow
@pytest.mark.parametrize(("prefix", "published"), sorted(SEED_DATELINES.items()))
def test_seed_estimate_contains_dateline(seeds_dir, nlp, prefix: str,  # type: ignore[no-untyped-def]
                                         published: date) -> None:
    # ignoring the dateline, the estimate from the content must still cover the real date
    sdoc = nlp(_seed(seeds_dir, prefix))
    rng = estimate_range(tag(sdoc, None), sdoc=sdoc)
    assert rng is not None and rng[0] <= published <= rng[1]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("prefix", "published", "expr", "value"),
    [
        ("000", date(2020, 1, 17), "On Thursday", "2020-01-16"),
        ("000", date(2020, 1, 17), "two days later", "2019-12-31"),
        ("004", date(2021, 7, 25), "on Monday", "2021-07-26"),
        ("004", date(2021, 7, 25), "on Saturday", "2021-07-24"),
    ],
)
def test_seed_resolution(seeds_dir, nlp, prefix: str, published: date, expr: str,  # type: ignore[no-untyped-def]
                         value: str) -> None:
    text = _seed(seeds_dir, prefix)
    doc = _tagged(nlp, text, published)
    at = text.index(expr) + expr.index(" ") + 1 if expr.startswith(("On ", "on ")) \
        else text.index(expr)
    tx = next(t for t in doc.timexes if t.start <= at < t.end)
    assert tx.value == value


@pytest.mark.parametrize("header, expected", [
    # a byline date stands even when the article only names years long past
    ("Talks collapse\n14-03-2023\nSara Ahmed", date(2023, 3, 14)),
    # a clock line years after everything the article mentions is the scrape date
    ("Sunday, 08 February 2031\nTalks collapse", None),
    # ... but a weekday-date under the headline is the story's own
    ("World\nTalks collapse\nSaturday 08 February 2031 12:05 GMT", date(2031, 2, 8)),
])
def test_byline_dates_stand_and_clock_lines_fall(header: str, expected: date | None) -> None:
    body = ("The ceasefire signed in 2014 broke down on Tuesday after both sides accused "
            "each other of shelling the port, officials said.")
    found = find_dateline(f"{header}\n\n{body}")
    assert (found[0] if found else None) == expected


# ------------------------------------------------------------ estimates: recency conventions


def _estimate(nlp, text: str) -> tuple[date, date] | None:  # type: ignore[no-untyped-def]
    sdoc = nlp(text)
    return estimate_range(tag(sdoc, None), sdoc=sdoc)


@pytest.mark.slow
def test_bare_month_is_another_year_than_the_dated_one(nlp) -> None:  # type: ignore[no-untyped-def]
    # the writer dated one March ("March 2016") and left the other bare ("March 3"): they are
    # different years, and the estimate lands just after the later March 3, not in 2016
    text = ("The minister toured the port in March 2016. The crisis began with the March 3 "
            "bombing of the port, officials said.")
    rng = _estimate(nlp, text)
    assert rng is not None
    lo, hi = rng
    assert lo == date(2017, 3, 3) and hi <= date(2017, 4, 30)


@pytest.mark.slow
def test_sample_without_date_lands_after_its_latest_reference(examples_dir, nlp  # type: ignore[no-untyped-def]
                                                              ) -> None:
    # iraq-07 reports strikes a dozen days after "the December 27 rocket attack" and recalls
    # "a visit in December 2018": the estimate is early 2020, not the turn of 2019
    from sitrep.pipeline import prepare
    from sitrep.read.files import discover, read_source
    from sitrep.settings import Settings

    path = examples_dir / "iraq-07-ain-al-asad-missiles.txt"
    raw = next(r for s in discover([str(path)]) for r in read_source(s, settings=Settings()))
    doc = _tagged(nlp, prepare(raw).text, None)
    assert doc.published_estimated and doc.published_range is not None
    lo, hi = doc.published_range
    assert date(2019, 12, 27) <= lo <= date(2020, 1, 8) <= hi <= date(2020, 2, 15)


@pytest.mark.slow
def test_a_page_date_alone_on_its_line_is_a_last_resort(nlp) -> None:  # type: ignore[no-untyped-def]
    # the scrape date (2031) stands alone; the content dates itself to 2019-2020
    text = ("• Monday, 14 April 2031\n\nRebels retake the river port\n\n"
            "The rebels said on Friday they had retaken the port, which the army seized in "
            "May 2019. Talks collapsed on December 27 and fighting resumed two days later.")
    sdoc = nlp(text)
    rng = estimate_range(tag(sdoc, None), sdoc=sdoc)
    assert rng is not None and date(2019, 5, 1) <= rng[0] <= rng[1] <= date(2021, 12, 31)


@pytest.mark.parametrize(("stripped", "expected"), [
    # the copyright year caps the range, and the one September 16 left is the day
    (["© 2025 Newswire. All rights reserved."], (date(2025, 9, 16), date(2025, 9, 16))),
    # two September 16s in the range: no day
    ([], (date(2025, 1, 25), date(2026, 12, 7))),
    # a stale copyright, before anything the content allows, says nothing
    (["Copyright © 2019 Newswire"], (date(2025, 1, 25), date(2026, 12, 7))),
])
def test_page_narrows_an_estimate(stripped: list[str], expected: tuple[date, date]) -> None:
    from sitrep.temporal.pubdate import narrow_by_page

    text = "Boat struck\n\nWASHINGTON, Sept 16 (Newswire) - The military struck a second boat."
    assert narrow_by_page((date(2025, 1, 25), date(2026, 12, 7)), text, stripped) == expected


def test_copyright_alone_caps_the_range() -> None:
    from sitrep.temporal.pubdate import narrow_by_page

    rng = (date(2025, 1, 25), date(2026, 12, 7))
    assert narrow_by_page(rng, "No dateline here.", ["© 2024–2025 Example Media"]) == (
        date(2025, 1, 25), date(2025, 12, 31))


@pytest.mark.slow
def test_a_page_with_no_year_but_its_copyright(nlp) -> None:  # type: ignore[no-untyped-def]
    # "March 23" alone under the byline, "Saturday" in the lede, no year anywhere in the
    # story: the copyright year is all there is, and the day it names is the estimate
    text = ("BAGHOUZ, Syria (FW) — US-backed fighters declared victory Saturday over the "
            "Islamic State group, five years after it declared its caliphate.")
    sdoc = nlp(text)
    doc = Document(id="s", source="t", text=text, published=None,  # the header was cleaned off
                   stripped=["By Layla Haddad", "March 23", "Share: Facebook | X | Email",
                             "© 2019 Frontline Wire. All rights reserved."])
    doc.sentences = sentences_of(sdoc)
    TimeTagger()(doc, sdoc)
    assert doc.published_range == (date(2019, 3, 23), date(2019, 3, 23))
    assert doc.published_estimated
    assert [t.value for t in doc.timexes if t.text == "Saturday"] == ["2019-03-23"]
    # no copyright either: nothing to go on
    doc = Document(id="s", source="t", text=text, published=None)
    doc.sentences = sentences_of(sdoc)
    TimeTagger()(doc, sdoc)
    assert doc.published_range is None
