"""Cross-document event fusion: one real-world event, many reports, one id.

An event mention joins an existing fused event when the types are compatible, the dates can be
the same day, and either enough of actors, place and wording agree, or the two reports belong
to one story (`sitrep.fuse.stories`) and use the same trigger word or a synonym (on the same
day, or on any day when the story names only one such happening); otherwise it starts a new
event. Within one article, a definite mention ("the attack") also joins the latest one with
its trigger. Weights and thresholds live in `fuse/data/fusion.yaml` and
`fuse/data/coref_synonyms.yaml`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from sitrep._data import load_yaml
from sitrep.annotate.entities import affiliation, alias_entry, entity_key, state_key
from sitrep.fuse.lexical import (
    coref_score,
    coref_settings,
    is_event_noun,
    sentence_overlap,
    synonym_groups,
    trigger_key,
    trigger_score,
)
from sitrep.fuse.stories import assign_story
from sitrep.model import Document, Event, EventStatus, FusedEvent, Precision, TimeSpan

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["assign_event_ids", "similarity", "cluster_document", "FusionConfig"]

_WORD = re.compile(r"[a-z0-9]+")
# a counted victim: "40 civilians", "eight soldiers", "at least 12 people"
_NUMBER = re.compile(r"(?:(?:some|about|around|at least|more than|nearly|over|up to)\s+)?"
                     r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|dozens?|scores|hundreds?|thousands?)\b", re.I)


@dataclass(frozen=True)
class FusionConfig:
    weights: dict[str, float]
    threshold: float
    document_threshold: float
    story_threshold: float
    story_merge: float
    unresolved_min_actors: float
    unresolved_date_score: float
    unresolved_apart_days: int
    actor_weights: dict[str, float]
    generic_heads: frozenset[str]
    head_synonyms: dict[str, str]
    site_heads: frozenset[str]
    site_words: frozenset[str]
    compatible: frozenset[frozenset[str]]
    stopwords: frozenset[str]


@cache
def config() -> FusionConfig:
    raw: dict[str, Any] = load_yaml(
        resources.files("sitrep.fuse").joinpath("data/fusion.yaml").read_text("utf-8")
    )
    return FusionConfig(
        weights=raw["weights"],
        threshold=raw["threshold"],
        document_threshold=raw["document_threshold"],
        story_threshold=raw["story_threshold"],
        story_merge=raw["story_merge"],
        unresolved_min_actors=raw["unresolved_min_actors"],
        unresolved_date_score=raw["unresolved_date_score"],
        unresolved_apart_days=int(raw["unresolved_apart_days"]),
        actor_weights=raw["actor_weights"],
        generic_heads=frozenset(raw["generic_heads"]),
        head_synonyms=raw.get("head_synonyms", {}),
        site_heads=frozenset(raw["site_heads"]),
        site_words=frozenset(raw["site_words"]),
        compatible=frozenset(frozenset(p) for p in raw["compatible_types"]),
        stopwords=frozenset(raw["stopwords"]),
    )


def _types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in config().compatible


def _bounds(span: TimeSpan) -> tuple[date, date] | None:
    """The interval a date allows; "on or before publication" is open towards the past."""
    if span.earliest is None and span.latest is None:
        return None
    return span.earliest or date.min, span.latest or date.max


def _vague(span: TimeSpan) -> bool:
    """An estimated date spanning weeks, or a range spanning months ("since the start of the
    year"), says little about which day it was."""
    if span.earliest is None or span.latest is None:
        return False
    days = (span.latest - span.earliest).days
    return (days > 7 and span.estimated) or (days > 31 and span.precision == Precision.RANGE)


def _date_score(a: TimeSpan, b: TimeSpan) -> float | None:
    """None when the two dates cannot be the same event; else how strongly they agree."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return 0.0
    if ba[0] > bb[1] or bb[0] > ba[1]:
        return None
    if a.unresolved and b.unresolved and a.latest and b.latest and abs(
            (a.latest - b.latest).days) > config().unresolved_apart_days:
        # both "on or before" publications months apart: news tells of its own days, so
        # these are likely two happenings unless more than an actor and a type agree
        return -config().unresolved_date_score
    if a.unresolved or b.unresolved or _vague(a) or _vague(b):
        return config().unresolved_date_score
    if a.precision == b.precision == Precision.DAY:
        return 1.0
    if {a.precision, b.precision} == {Precision.DAY, Precision.MONTH}:
        return 0.7
    return 0.5


def _actor_key(name: str, entity: str | None) -> str:
    """The entity key, else the head word of the description ("Iraq's 329-member parliament",
    "the Iraqi parliament" and "lawmakers" meet as name:parliament) unless the head is generic
    (then the whole description: "foreign forces" ~ "foreign troops"); a nationality is its
    state's key ("Russian" ~ "Russia")."""
    if entity:
        return state_key(name) or entity
    words = _WORD.findall(name.lower()) or [name.lower()]
    words[-1] = config().head_synonyms.get(words[-1], words[-1])
    head = words[-1]
    if head in config().site_heads:  # "Ain al-Asad air base" is not "Balad air base"
        proper = [w for w in name.split()[:-1] if (w[:1].isupper() or w.startswith(("al-", "el-")))
                  and w.lower() not in config().site_words and not state_key(w)]
        if proper:
            return "site:" + " ".join(proper).lower()
    return f"name:{head}" if head not in config().generic_heads else f"text:{' '.join(words)}"



def _telling(key: str) -> bool:
    """A key that says who: not a bare generic word ("people", "troops")."""
    return not (key.startswith("text:") and key[5:] in config().generic_heads)


def _actor_keys(event: Event, other: Event | None = None) -> set[str]:
    """Its actors' keys; with `other`, a description the resolver left without an entity
    takes the entity of an actor of `other` with the same head word ("the international
    coalition" ~ "the coalition", resolved)."""
    named = {_actor_key(x.name, None): _actor_key(x.name, x.entity)
             for x in (other.actors if other else ()) if x.entity}
    keys = {_actor_key(a.name, a.entity) if a.entity else _members_of(named.get(
        k := _actor_key(a.name, None), k), set(named.values())) for a in event.actors}
    return {k for k in keys if _telling(k)}


def _members_of(key: str, entities: set[str]) -> str:
    """A plural of a body's members ("Kataib Hezbollah members", "ISIS fighters") stands for
    the body when the other report names it."""
    words = key[5:].split() if key.startswith("text:") else []
    if len(words) > 1 and words[-1] in config().generic_heads:
        owner = entity_key(" ".join(words[:-1]), "ORG")
        if owner in entities:
            return owner
    return key


def _recipient_keys(event: Event) -> set[str]:
    return {_actor_key(x.name, x.entity) for x in event.actors if x.role == "recipient"}


def _specificity(key: str) -> float:
    """A shared person says more than a shared country: "US" is in half of all events."""
    weights = config().actor_weights
    kind = key.split(":", 1)[0] if ":" in key else "name"
    return weights.get(kind, weights["other"])


def _actor_score(a: Event, b: Event) -> float:
    ka, kb = _actor_keys(a, b), _actor_keys(b, a)
    if not ka or not kb:
        return 0.0
    shared = sum(map(_specificity, ka & kb)) / sum(map(_specificity, ka | kb))
    # Who was hit is the most telling: a shared named recipient counts almost fully.
    ra = {k for k in _recipient_keys(a) if _telling(k)}
    rb = {k for k in _recipient_keys(b) if _telling(k)}
    if any(_specificity(k) >= 1.0 for k in ra & rb):
        shared = max(shared, 0.9)
    elif ra & rb:
        shared = max(shared, 0.6)
    return shared


def _agents_conflict(a: Event, b: Event) -> bool:
    """Both name who did it, and nobody in common: Iran's missiles are not the US strike.
    A nationality is its state ("Russian missiles" are Russia's), and an officeholder acts for
    it ("Trump authorised the strike" ~ "the US struck")."""
    ga, gb = _agent_keys(a), _agent_keys(b)
    if ga & gb:
        return False
    # or one's doer is the other's target: opposite sides ("ISIS attacks Iraqi troops" is not
    # "the US resumes its operations against ISIS", nor an attack on ISIS whose doer is unsaid)
    return bool(ga and gb or ga & _recipient_keys(b) or gb & _recipient_keys(a))


def _agent_keys(event: Event) -> set[str]:
    agents = [x for x in event.actors if x.role == "agent" and x.entity]
    return {_actor_key(x.name, x.entity) for x in agents} | {
        k for x in agents if (k := affiliation(x.name))} | {
        k for x in event.actors if x.role == "agent" and not x.entity and (
            k := _owner_state(x.name))}


def _owner_state(name: str) -> str | None:
    """The state a described doer belongs to: "US embassy", "American jets", "Iraqi forces"."""
    words = name.split()
    if len(words) < 2:
        return None
    entry = alias_entry(words[0])
    return state_key(words[0]) or (str(entry["id"]) if entry and entry.get("type") == "GPE"
                                   else None)


def _far_apart(a: Event, b: Event) -> bool:
    """Both places geocoded, and not near each other."""
    return _place_score(a, b) <= -0.5


def _place_score(a: Event, b: Event) -> float:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return 0.0
    if la.name.lower() == lb.name.lower():
        return 1.0
    if la.country and la.country == lb.country and "country" in (la.precision, lb.precision):
        return 0.8  # "in Iraq" holds "near Kirkuk"
    if la.lat is not None and lb.lat is not None and la.lon is not None and lb.lon is not None:
        near = abs(la.lat - lb.lat) < 0.5 and abs(la.lon - lb.lon) < 0.5
        return 0.8 if near else -0.5
    if la.name.lower() in lb.name.lower() or lb.name.lower() in la.name.lower():
        return 0.8
    return -0.2


def _content_words(text: str) -> set[str]:
    stop = config().stopwords
    return {w for w in _WORD.findall(text.lower()) if w not in stop and len(w) > 2}


def _lexical_score(a: Event, b: Event) -> float:
    """Shared wording, or the same (or a synonymous) trigger word: "killed" ~ "assassinated"."""
    wa = _content_words(a.evidence.text) | _content_words(a.summary)
    wb = _content_words(b.evidence.text) | _content_words(b.summary)
    jacc = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    trigger = trigger_score(_word(a), _word(b))
    return max(jacc, fuzz.token_set_ratio(a.summary, b.summary) / 100 * 0.8, 0.6 * trigger)


def similarity(a: Event, b: Event, *, story: float | None = None,
               unambiguous: bool = False) -> float:
    """How likely two event mentions report the same event, in [0, 1]; 0 if impossible.

    `story` is the TF-IDF cosine of the two articles when they belong to one story, None
    otherwise: within a story, a shared trigger is evidence enough on the same day, or on
    any day when the story tells of only one such happening (`unambiguous`).
    """
    if not _types_compatible(a.type, b.type):
        return 0.0
    if not _same_mood(a, b):
        return 0.0
    date = _date_score(a.date, b.date)
    if date is None or _news_and_history(a, b) or _news_and_history(b, a):
        return 0.0
    evidence = _evidence_score(a, b, date)
    # a story's only such happening, undated, is the one told elsewhere; not a plan told
    # as a plan ("would keep targeting foreign forces") and an attack told as done
    # (nor when both are "on or before" publications months apart: two articles' own news)
    undated = (unambiguous and not (_tally(a) or _tally(b)) and _planned(a) == _planned(b)
               and date >= 0 and not _long_after(a, b) and not _long_after(b, a))
    if story is None or not (undated or _dated(a) and _dated(b)):
        return evidence
    return max(evidence, _story_score(a, b, story))


_LEDE = 1  # the last sentence index of an article's lede (the first may be its headline)


def _long_after(undated: Event, dated: Event) -> bool:
    """An undated report from an article published months after the other's day: a story's
    only such happening is then no evidence (a 2019 toll is not a 2017 air strike's)."""
    return undated.date.unresolved and not dated.date.unresolved and (
        undated.date.latest is not None and dated.date.latest is not None) and (
        (undated.date.latest - dated.date.latest).days > config().unresolved_apart_days)


def _news_and_history(news: Event, old: Event) -> bool:
    """An undated report in an article's lede, which tells its news ("said on Monday they had
    taken Goma"), and a recap of a happening well before it ("first seized Goma in 2012"):
    two events. (Undated recaps further down may well be that old happening.)"""
    return (news.date.unresolved and not news.background and old.background
            and news.evidence.sentence <= _LEDE
            and news.date.latest is not None and old.date.latest is not None
            and (news.date.latest - old.date.latest).days > config().unresolved_apart_days)


def _same_mood(a: Event, b: Event) -> bool:
    """Both affirmed or both negated, both hypothetical or neither: "would hit them if Iran
    attacks" is not Saturday's rocket attack."""
    return a.negated == b.negated and _hypothetical(a) == _hypothetical(b)


def _planned(event: Event) -> bool:
    return event.status == EventStatus.PLANNED


def _hypothetical(event: Event) -> bool:
    return event.status == EventStatus.HYPOTHETICAL


def _dated(event: Event) -> bool:
    """A day (or a weekend) from a time expression of its own: a story tells of many
    killings, and only their days keep them apart ("in December" or "on or before
    publication" cannot)."""
    span = event.date
    if span.unresolved or span.estimated:
        return False
    return span.precision == Precision.DAY or bool(  # a weekend spans two days
        span.earliest and span.latest and (span.latest - span.earliest).days <= 2)


def _story_score(a: Event, b: Event, story: float) -> float:
    """Trigger match x (article similarity + sentence overlap), rescaled so that its own
    threshold meets the fusion threshold. Different agents or far-apart places veto."""
    if _agents_conflict(a, b) or _far_apart(a, b):
        return 0.0
    words = sentence_overlap(a.evidence.text, b.evidence.text, config().stopwords)
    link = coref_score(_word(a), _word(b), documents=story, sentences=words)
    return min(1.0, link * config().threshold / coref_settings()["threshold"])


def _evidence_score(a: Event, b: Event, date: float) -> float:
    """Dates, actors, place and wording, weighted."""
    actors = _actor_score(a, b)
    weak_dates = any(x.date.unresolved or _vague(x.date) for x in (a, b))
    if weak_dates and (actors < config().unresolved_min_actors
                       or not _related_triggers(a, b) and not _shared_recipient(a, b)):
        # with no day to go by, one type and one cast are not enough: "the team fired its
        # coach" twice is two firings unless the words or whom it befell agree
        return 0.0
    w = config().weights
    score = (
        w["date"] * date
        + w["actors"] * actors
        + w["place"] * _place_score(a, b)
        + w["lexical"] * _lexical_score(a, b)
        + (w["same_type"] if a.type == b.type else 0.0)
        - (w["agent_conflict"] if _agents_conflict(a, b) else 0.0)
    )
    return max(0.0, min(1.0, score))


def _related_triggers(a: Event, b: Event) -> bool:
    """The same trigger word or a synonym ("suspended" ~ "paused")."""
    return trigger_score(_word(a), _word(b)) > 0


def _word(event: Event) -> str:
    """The trigger's lemma (its lower-cased text when the extractor left none)."""
    return event.lemma or event.trigger.lower()


def _shared_recipient(a: Event, b: Event) -> bool:
    return any(_telling(k) for k in _recipient_keys(a) & _recipient_keys(b))


def _matches(event: Event, candidates: Iterable[FusedEvent],
             story: Callable[[str], float | None], unambiguous: bool) -> dict[str, float]:
    """Score of each stored fused event against one mention (its best-matching mention);
    `story` gives a stored document's similarity within the mention's story, else None."""
    return {cand.id: _best_match(event, cand.mentions, story, unambiguous)
            for cand in candidates}


def _best_match(event: Event, mentions: Sequence[Event],
                story: Callable[[str], float | None], unambiguous: bool = False) -> float:
    """The best similarity to one of an event's mentions; 0 if any of them has a date that
    cannot be this one's (an event has one date: no chaining 3 January to 16 January)."""
    if any(_date_score(event.date, m.date) is None for m in mentions):
        return 0.0
    return max((similarity(event, m, story=story(m.evidence.document), unambiguous=unambiguous)
                for m in mentions), default=0.0)


def _apart(x: Sequence[Event], y: Sequence[Event], *, agents: bool = True) -> bool:
    """Two groups of reports that cannot tell one event: their dates, places or (if `agents`)
    their agents differ."""
    return any(_date_score(a.date, b.date) is None or _far_apart(a, b)
               or agents and _agents_conflict(a, b) for a in x for b in y)


def _ambiguous(event: Event, groups: Sequence[Sequence[Event]]) -> bool:
    """Whether a story's events (`groups`, each a list of reports) hold two happenings that
    `event`'s trigger could name and that are provably different (two attacks, days apart):
    then the trigger alone cannot say which one an undated report means."""
    lemma = _word(event)
    named = [g for g in groups
             if any(trigger_score(lemma, _word(m)) > 0 for m in g)]
    return any(_apart(x, y) or _befell_others(x, y)
               for i, x in enumerate(named) for y in named[i + 1:])


def _befell_others(x: Sequence[Event], y: Sequence[Event]) -> bool:
    """Two groups of dated reports whose victims are counted differently and named
    differently ("killed 40 civilians", "killed eight soldiers"): two happenings."""
    return any(not a.date.unresolved and not b.date.unresolved and _recipients_differ(a, b)
               and None not in (ca := _count(a), cb := _count(b)) and ca != cb
               for a in x for b in y)


def _count(event: Event) -> str | None:
    """The count its victims are given ("40 civilians": "40"), if any."""
    for x in event.actors:
        m = _NUMBER.match(x.name) if x.role == "recipient" else None
        if m:
            return m.group().lower()
    return None


def cluster_document(events: Sequence[Event]) -> list[list[int]]:
    """Group one document's event mentions that report the same event (index lists)."""
    clusters: list[list[int]] = []
    for i, event in enumerate(events):
        back = _antecedent(event, [[events[j] for j in c] for c in clusters])
        if back is not None:
            clusters[back].append(i)
            continue
        for cluster in clusters:
            if any(similarity(event, events[j]) >= config().document_threshold
                   and _share_something(event, events[j]) for j in cluster) and not any(
                    _far_apart(event, events[j]) for j in cluster):  # Anbar is not Kirkuk
                cluster.append(i)
                break
        else:
            clusters.append([i])
    return _headlines_into_lead(events, clusters)


def _share_something(a: Event, b: Event) -> bool:
    """An actor, or the trigger word or a synonym: one article's two killings on one day
    ("the colonel was killed", "the army resumed operations") are not one event by type
    and date alone."""
    return _actor_score(a, b) > 0 or _related_triggers(a, b)


def _headline(event: Event) -> bool:
    """A mention from the article's first sentence when it has no closing stop: its title."""
    return event.evidence.sentence == 0 and not event.evidence.text.rstrip().endswith(
        (".", "!", "?", '"', "”", "’", ")"))


def _headlines_into_lead(events: Sequence[Event], clusters: list[list[int]]) -> list[list[int]]:
    """A headline tells, undated and in the present, the happening the article then reports
    ("Russian missile strike on Kyiv kills 12"): it joins the first one of its type told in
    the body, unless their doers differ."""
    out = [c for c in clusters if not all(_headline(events[j]) for j in c)]
    for cluster in clusters:
        if cluster in out:
            continue
        head = events[cluster[0]]
        lead = next((c for c in out if any(
            events[j].type == head.type and not _agents_conflict(head, events[j])
            and _hypothetical(head) == _hypothetical(events[j]) for j in c)), None)
        if lead is None:
            out.append(cluster)
        else:
            lead.extend(cluster)
    return [sorted(c) for c in sorted(out, key=min)]


_DEFINITE = frozenset(["the", "this", "that", "these", "those", "its", "their", "his", "her"])
_INDEFINITE = frozenset(["a", "an", "another", "one", "two", "three", "several", "many", "some",
                         "new", "more", "other", "further", "fresh", "second"])
_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")


def _definite(event: Event) -> bool:
    """A trigger heading a definite noun phrase ("the attack", "Friday's strike", "this latest
    deal"): it refers back to a happening the article has already named. At most one
    modifier, and not a plural noun ("the missiles struck" is a subject and its verb)."""
    text = event.evidence.text
    at = text.find(event.trigger)
    if at <= 0:
        return False
    for n, word in enumerate(reversed(_TOKEN.findall(text[:at])[-2:])):
        w = word.lower()
        if w in _DEFINITE or w.endswith(("'s", "’s")):
            return True
        if n > 0 or not word[0].isalnum() or w in _INDEFINITE or w.endswith("s"):
            return False
    return False


_NOVEL = frozenset(["another", "new", "fresh", "second", "third", "further", "more", "other",
                    "renewed", "separate", "earlier", "previous", "several", "two", "three"])


def _novel(event: Event) -> bool:
    """ "another attack", "a second strike", "fresh clashes": a happening not told before."""
    text = event.evidence.text
    at = text.find(event.trigger)
    return at > 0 and any(w.lower() in _NOVEL for w in _TOKEN.findall(text[:at])[-2:])


_PERFECT = frozenset(["has", "have"])
_ADVERBS = frozenset(["already", "reportedly", "so", "far", "now", "also", "since", "then"])


def _tally(event: Event) -> bool:
    """A running toll whose subject is itself a happening ("the fighting has killed 550
    people", "the war has displaced millions"): it sums up a story's events, names none."""
    text = event.evidence.text
    at = text.find(event.trigger)
    words = [w.lower() for w in _TOKEN.findall(text[:at])[-5:]] if at > 0 else []
    words = [w for w in words if w not in _ADVERBS]
    if len(words) < 2 or words[-1] not in _PERFECT:
        return False
    # the word before "has", or the agent, a happening ("the war between X and Y has killed")
    heads = [words[-2], *(a.name.lower() for a in event.actors
                          if a.role == "agent" and " " not in a.name)]
    return any(h[0].isalpha() and (is_event_noun(trigger_key(h))
                                   or trigger_key(h) in synonym_groups()) for h in heads)


def _antecedent(event: Event, clusters: Sequence[Sequence[Event]]) -> int | None:
    """The cluster a mention of the same trigger refers back to: the latest one, unless the
    article names two such happenings that differ, or this one's date or agents differ, or
    (for an indefinite mention: "killed" twice) who it befell differs, or it is a toll."""
    if _tally(event) or _novel(event) or _ambiguous(event, clusters):
        return None
    definite = _definite(event)
    key = trigger_key(_word(event))
    for n in range(len(clusters) - 1, -1, -1):
        if any(trigger_key(_word(m)) == key for m in clusters[n]):
            if _apart([event], clusters[n]) or not all(
                    _same_mood(m, event) for m in clusters[n]):
                return None
            if not definite and any(_recipients_differ(event, m) for m in clusters[n]):
                return None
            return n
    return None


def _recipients_differ(a: Event, b: Event) -> bool:
    """Both say whom it befell, and nobody in common: killing Soleimani is not killing three
    soldiers in Jordan."""
    ra, rb = _recipient_keys(a), _recipient_keys(b)
    return bool(ra and rb and not ra & rb)


def _new_id(doc: Document, index: int) -> str:
    return "ev-" + hashlib.sha256(f"{doc.id}:{index}".encode()).hexdigest()[:12]


def assign_event_ids(doc: Document, store: Store) -> dict[str, set[str]]:
    """Give every event of `doc` the id of the fused event it reports, new or stored.

    Also places `doc` in its story (`doc.story`). Returns the stored events to merge: when
    one report matches two stored events, they were the same event told too differently to
    meet before (kept id -> ids folded into it).
    """
    threshold = config().threshold
    folded: dict[str, str] = {}  # stored event id -> the id it folds into
    reports: dict[str, list[Event]] = {}  # event id -> its reports, folded ones included
    loaded: dict[str, FusedEvent] = {}  # stored events read so far, for the next clusters
    match = assign_story(doc, store)
    stories: dict[str, str] = {}

    def story(doc_id: str) -> float | None:
        return match.similarity_to(doc_id, stories.get(doc_id))

    def root(event_id: str) -> str:
        while event_id in folded:
            event_id = folded[event_id]
        return event_id

    clusters = cluster_document(doc.events)
    for n, cluster in enumerate(clusters):
        members = [doc.events[i] for i in cluster]
        lo = min((m.date.earliest for m in members if m.date.earliest), default=None)
        hi = max((m.date.latest for m in members if m.date.latest), default=None)
        types = {t for m in members for t in _compatible_with(m.type)}
        candidates = store.event_candidates(types=types, earliest=lo, latest=hi, known=loaded)
        for c in candidates:
            loaded[c.id] = c
            reports.setdefault(c.id, list(c.mentions))
        unseen = {m.evidence.document for c in candidates for m in c.mentions} - set(stories)
        stories.update(store.stories_of(unseen))
        groups = [c.mentions for c in candidates
                  if any(story(x.evidence.document) is not None for x in c.mentions)]
        groups += [[doc.events[i] for i in other] for k, other in enumerate(clusters) if k != n]
        scores: dict[str, float] = {}
        for m in members:
            unambiguous = not _ambiguous(m, groups)
            for cid, score in _matches(m, candidates, story, unambiguous).items():
                scores[root(cid)] = max(score, scores.get(root(cid), 0.0))
        hits = sorted((c for c, v in scores.items() if v >= threshold),
                      key=lambda c: -scores[c])
        event_id = hits[0] if hits else _new_id(doc, cluster[0])
        for other in _foldable(hits, reports):
            folded[other] = event_id
            reports[event_id] += reports.pop(other)
        for m in members:
            m.id = event_id
    for ev in doc.events:  # a later cluster may have joined an event folded since
        if ev.id is not None:
            ev.id = root(ev.id)
    merges: dict[str, set[str]] = {}
    for other in folded:
        merges.setdefault(root(other), set()).add(other)
    return merges


def _foldable(hits: Sequence[str], mentions: dict[str, list[Event]]) -> list[str]:
    """The stored events (best first) that fold into the first: not when one report matched
    two events whose dates or places differ (it was too vague to tell them apart)."""
    if len(hits) < 2:
        return []
    kept = list(mentions[hits[0]])
    folds = []
    for h in hits[1:]:
        if not _apart(kept, mentions[h], agents=False):
            folds.append(h)
            kept += mentions[h]
    return folds


def _compatible_with(event_type: str) -> set[str]:
    out = {event_type}
    for pair in config().compatible:
        if event_type in pair:
            out |= set(pair)
    return out
