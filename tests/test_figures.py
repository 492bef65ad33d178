"""Figures: numbers with what they count, qualified and normalized (own sentences + seeds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.annotate.figures import FigureExtractor, figures_lexicon, parse_number
from sitrep.model import Document, Sentence, content_id

PUB = date(2023, 6, 1)


@pytest.mark.parametrize("text,value", [
    ("2,500", 2500.0), ("168", 168.0), ("1.5 million", 1_500_000.0), ("two", 2.0),
    ("twenty five", 25.0), ("45th", None), ("several", None),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_owner_aliases_meet() -> None:
    owners = figures_lexicon()["owners"]
    assert {owners[k] for k in ("us", "u.s.", "american", "united states")} == {"US"}


def _figures(nlp, text: str, pub: date = PUB):
    doc = Document(id=content_id(text), source="test", text=text, published=pub)
    sdoc = nlp(text)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.text)
                     for i, s in enumerate(sdoc.sents)]
    FigureExtractor()(doc, sdoc)
    return doc.figures


@pytest.mark.slow
@pytest.mark.parametrize("text,value,unit,measure,qualifier,subject", [
    ("There are about 4,000 French troops in Mali.", 4000, "troops", "count", "about",
     "French troops in Mali"),
    ("At least 12 soldiers were wounded in an ambush near Gao.", 12, "troops", "injured",
     "at least", None),
    ("More than 300 civilians were killed in Khartoum.", 300, "people", "killed", "over",
     "people in Khartoum"),
    ("Up to 50 militants were arrested in the raid.", 50, "militants", "arrested", "up to",
     None),
    ("Nearly 900 U.S. forces remain in Syria.", 900, "troops", "count", "under",
     "US troops in Syria"),
    ("The alliance comprises 31 countries.", 31, "nations", "count", None,
     "members of alliance"),
    ("The country shares a 1,200-kilometer border with Sudan.", 1200, "km", "length", None,
     "border with Sudan"),
])
def test_figure(nlp, text, value, unit, measure, qualifier, subject) -> None:
    figs = _figures(nlp, text)
    assert len(figs) == 1, figs
    fig = figs[0]
    assert (fig.value, fig.unit, fig.measure, fig.qualifier) == (value, unit, measure,
                                                                 qualifier)
    if subject:
        assert fig.subject == subject
    assert fig.evidence.text == text
    assert fig.text in text


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The 3rd Brigade was formed in 2019.",
    "The 45-year-old commander was replaced.",
    "Turnout was 45 percent on 12 May.",
    "Hundreds of soldiers fled across the border.",
    "Tens of thousands of people marched.",
])
def test_not_a_figure(nlp, text: str) -> None:
    assert _figures(nlp, text) == []


@pytest.mark.slow
def test_same_quantity_meets_across_wordings(nlp) -> None:
    a = _figures(nlp, "The United States has around 900 troops in Syria.")
    b = _figures(nlp, "About 900 American soldiers are deployed in Syria.")
    assert [f.subject for f in a] == [f.subject for f in b] == ["US troops in Syria"]


@pytest.mark.slow
def test_votes_and_membership(nlp) -> None:
    figs = _figures(nlp, "Some 250 of the Kenyan 349-member assembly voted to impeach him.")
    by_unit = {f.unit: f for f in figs}
    assert by_unit["votes"].value == 250 and by_unit["votes"].measure == "voted"
    assert by_unit["members"].value == 349
    assert by_unit["members"].subject == "members of Kenyan assembly"


@pytest.mark.slow
def test_back_reference_takes_earlier_subject(nlp) -> None:
    figs = _figures(nlp, "There are 3,000 foreign soldiers in Niger, 1,100 of them Americans.")
    assert [(f.value, f.subject) for f in figs] == [
        (3000, "foreign troops in Niger"), (1100, "US troops in Niger")]


# --- seeds ----------------------------------------------------------------------------------

SEEDS = {"001": date(2020, 1, 5), "003": date(2025, 3, 10), "004": date(2021, 7, 25)}


def _seed(nlp, seeds_dir: Path, prefix: str):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return _figures(nlp, path.read_text(encoding="utf-8"), SEEDS[prefix])


@pytest.mark.slow
@pytest.mark.e2e
def test_seed_troop_figures(nlp, seeds_dir: Path) -> None:
    got = {(f.value, f.subject, f.qualifier) for p in SEEDS for f in _seed(nlp, seeds_dir, p)}
    assert (6000, "US troops in Iraq", "about") in got
    assert (2500, "US troops in Iraq", "about") in got
    assert (2500, "US troops in Iraq", None) in got
    assert (3500, "foreign troops in Iraq", None) in got
    assert (400, "UK troops in Iraq", None) in got
    assert any(v == 60 and s.startswith("members of") and q == "over" for v, s, q in got)


@pytest.mark.slow
@pytest.mark.e2e
def test_seed_vote_figures(nlp, seeds_dir: Path) -> None:
    figs = _seed(nlp, seeds_dir, "003")
    votes = [f for f in figs if f.unit == "votes"]
    assert [(f.value, f.subject, f.measure) for f in votes] == [
        (168, "votes in Iraqi parliament", "voted")]
    assert any(f.value == 329 and f.unit == "members" for f in figs)
    assert not any(f.value in (2014, 2026, 45) for f in figs)


def test_lexicon_has_no_yaml_booleans() -> None:
    def leaves(node: object) -> list[object]:
        if isinstance(node, dict):
            return [*node.keys(), *(x for v in node.values() for x in leaves(v))]
        if isinstance(node, list):
            return [x for v in node for x in leaves(v)]
        return [node]

    assert not any(isinstance(x, bool) for x in leaves(figures_lexicon()))
