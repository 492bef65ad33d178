"""Stories: articles about one happening share a story; within it, reports link by trigger."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import BACKENDS
from sitrep.fuse.events import assign_event_ids, similarity
from sitrep.fuse.stories import assign_story, document_terms, story_link
from sitrep.model import Event, Evidence, Place, Precision, TimeSpan
from sitrep.store.testing import add_event, build_document, day, temporary_store, undated

FLOOD_A = [
    "Floodwater swept through Kestrel and Marwick on Tuesday after the Arden river burst "
    "its banks.",
    "Rescue teams in Kestrel pulled families from rooftops as the Arden kept rising.",
]
FLOOD_B = [
    "Families in Marwick and Kestrel were evacuated when the Arden river flooded the valley.",
    "Officials said the flooding in Kestrel was the worst in forty years.",
]
BANK = [
    "The central bank of Norland raised its interest rate by half a point.",
    "Norland's finance ministry welcomed the rate decision on Friday.",
]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path):
    with temporary_store(request.param, tmp_path) as s:
        yield s


def _ingest(store, sentences: list[str], lemma: str | None = None,  # noqa: ANN001, ANN202
            type_: str = "ASSAULT"):
    """Store an article through fusion, with one actorless event of trigger `lemma` (its
    evidence is the article's first word)."""
    doc = build_document(sentences)
    if lemma:
        add_event(doc, doc.text.split()[0], type=type_, date=day(2024, 3, 5))
        doc.events[-1].lemma = lemma
    store.add_document(doc, merges=assign_event_ids(doc, store))
    return doc


def test_articles_on_one_happening_share_a_story(store) -> None:
    first = _ingest(store, FLOOD_A)
    assert first.story == first.id  # the first article starts its story
    second = _ingest(store, FLOOD_B)
    bank = _ingest(store, BANK)
    assert second.story == first.id
    assert bank.story == bank.id
    assert store.stories_of([first.id, second.id, bank.id]) == {
        first.id: first.id, second.id: first.id, bank.id: bank.id}
    assert store.story_sizes([first.id]) == {first.id: 2}


KESTREL = [
    "Floodwater swept through Kestrel on Tuesday after the Arden river burst its banks.",
    "Rescue teams in Kestrel pulled families from rooftops as the Arden kept rising.",
]
MARWICK = [
    "A dam on the Lune gave way above Marwick, and the town's bridge collapsed.",
    "Marwick's hospital was evacuated while the Lune tore through the lower streets.",
]
BOTH = [
    "The Arden and the Lune both broke their banks: Kestrel and Marwick are under water.",
    "Rescue teams pulled families from rooftops in Kestrel, and Marwick's bridge collapsed.",
]


def test_an_article_close_to_two_stories_joins_them(store) -> None:
    kestrel = _ingest(store, KESTREL)
    marwick = _ingest(store, MARWICK)
    bank = _ingest(store, BANK)
    assert marwick.story == marwick.id  # told apart at first
    both = _ingest(store, BOTH)
    assert both.story == kestrel.id and both.story_joins == [marwick.id]
    assert store.stories_of([kestrel.id, marwick.id, both.id, bank.id]) == {
        kestrel.id: kestrel.id, marwick.id: kestrel.id, both.id: kestrel.id, bank.id: bank.id}
    assert store.story_sizes([kestrel.id]) == {kestrel.id: 3}


def test_stored_terms_give_document_frequencies(store) -> None:
    a = _ingest(store, FLOOD_A)
    _ingest(store, BANK)
    n, df = store.term_frequencies(["kestrel", "norland", "@kestrel", "absent"])
    assert n == 2 and df == {"kestrel": 1, "norland": 1, "@kestrel": 1}
    sharing = store.articles_sharing(["kestrel", "arden"], limit=5)
    assert list(sharing) == [a.id] and sharing[a.id] == document_terms(a)


def test_a_new_story_has_no_similarity_to_other_stories(store) -> None:
    _ingest(store, FLOOD_A)
    bank = build_document(BANK)
    match = assign_story(bank, store)
    assert match.story == bank.id and match.similarity == {}


def test_reports_in_one_story_fuse_by_trigger(store) -> None:
    """Actorless same-day reports of compatible types (ASSAULT with COERCE or PROTEST): one
    event only within a story, where the shared trigger is enough."""
    a = _ingest(store, FLOOD_A, "flood")
    b = _ingest(store, FLOOD_B, "flood", "COERCE")
    bank = _ingest(store, BANK, "flood", "PROTEST")  # same trigger, another story
    assert b.events[0].id == a.events[0].id
    assert bank.events[0].id != a.events[0].id


FLOOD_C = [
    "The Arden flood left Kestrel without power, and volunteers in Marwick filled sandbags.",
    "Kestrel's mayor said the river flooding would cost the valley millions.",
]
FLOOD_D = [
    "Marwick and Kestrel counted the damage from the Arden river flooding.",
    "The river flooded the valley, and families from Kestrel and Marwick were evacuated.",
]


def _ingest_on(store, sentences: list[str], when: TimeSpan):  # noqa: ANN001, ANN202
    doc = build_document(sentences)
    add_event(doc, doc.text.split()[0], type="ASSAULT", date=when)
    doc.events[-1].lemma = "flood"
    store.add_document(doc, merges=assign_event_ids(doc, store))
    return doc


def test_an_undated_report_links_by_trigger_when_the_story_has_one_such_event(store) -> None:
    a = _ingest_on(store, FLOOD_A, day(2024, 3, 5))
    b = _ingest_on(store, FLOOD_C, undated())
    assert b.events[0].id == a.events[0].id


def test_an_undated_report_stays_apart_when_the_story_has_two_such_events(store) -> None:
    """Two floods on different days: "the flooding", undated, could be either."""
    a = _ingest_on(store, FLOOD_A, day(2024, 3, 5))
    b = _ingest_on(store, FLOOD_B, day(2024, 4, 20))
    assert b.events[0].id != a.events[0].id
    c = _ingest_on(store, FLOOD_D, undated())
    assert c.events[0].id not in {a.events[0].id, b.events[0].id}
    # and the vague report did not fold the two floods into one
    assert {e.id for e in store.get_document(a.id).events} != {
        e.id for e in store.get_document(b.id).events}


def _mention(doc: str, text: str, lemma: str, place: Place | None = None,
             when: TimeSpan | None = None, type_: str = "ASSAULT") -> Event:
    return Event(type=type_, trigger=lemma, lemma=lemma, summary=text,
                 evidence=Evidence(doc, 0, text, 0, len(text)), date=when or day(2024, 3, 5),
                 location=place)


def test_story_score_needs_a_matching_trigger_dates_and_near_places() -> None:
    a = _mention("d1", "Gunmen attacked a checkpoint outside the town.", "attack")
    b = _mention("d2", "The assault on the checkpoint left two guards wounded.", "assault",
                 type_="COERCE")
    other = _mention("d2", "Two guards were wounded by the gunmen.", "wound", type_="COERCE")
    assert similarity(a, b) < 0.5  # only the day agrees, and the types differ
    assert similarity(a, b, story=0.4) >= 0.5  # synonyms within one story
    assert similarity(a, other, story=0.4) < 0.5  # another happening of the same story
    far = _mention("d2", b.evidence.text, "assault", Place("Kestrel", lat=10.0, lon=10.0))
    here = _mention("d1", a.evidence.text, "attack", Place("Norland", lat=40.0, lon=40.0))
    assert similarity(here, far, story=0.4) < 0.5
    # "on or before publication" is no date: a story has many attacks
    vague = _mention("d2", b.evidence.text, "assault", when=undated())
    assert similarity(a, vague, story=0.4) < 0.5
    # a weekend keeps happenings apart nearly as well as a day ("over the weekend" ~ Sunday)
    weekend = _mention("d2", b.evidence.text, "assault", type_="COERCE", when=TimeSpan(
        "2024-W10-WE", date(2024, 3, 9), date(2024, 3, 10), Precision.WEEK))
    sunday = _mention("d1", a.evidence.text, "attack", when=day(2024, 3, 10))
    assert similarity(sunday, weekend) < 0.5 <= similarity(sunday, weekend, story=0.4)


def test_story_link_averages_the_closest_articles_unlisted_counting_zero() -> None:
    sims = {"a": 0.6, "b": 0.2, "c": 0.3, "d": 0.9, "e": 0.1}
    stories = {"a": "s1", "b": "s1", "c": "s2", "d": "s3", "e": "s3"}
    sizes = {"s1": 2, "s2": 1, "s3": 40}
    assert story_link(sims, stories, sizes, k=3) == pytest.approx(
        {"s1": 0.4, "s2": 0.3, "s3": (0.9 + 0.1) / 3})
