"""The one data model shared by readers, stages, fusion, the store, queries and exports.

Character offsets (`start`, `end`) are always into `Document.text`, the cleaned article text,
so every fact can be traced back to the exact sentence that states it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = [
    "Precision",
    "EventStatus",
    "TimeSpan",
    "Sentence",
    "Evidence",
    "TimeExpression",
    "Mention",
    "Entity",
    "Place",
    "ActorRole",
    "Event",
    "Figure",
    "Quote",
    "FusedEvent",
    "Discrepancy",
    "RawDocument",
    "Document",
    "content_id",
]


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    RANGE = "range"  # an interval with no calendar name ("on or before 2020-01-05")
    UNKNOWN = "unknown"


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    PLANNED = "planned"
    CLAIMED = "claimed"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


@dataclass(slots=True)
class TimeSpan:
    """A resolved date: a calendar value at its real precision plus the interval it covers.

    `value` follows TIMEX3 (`2020`, `2020-01`, `2020-01-03`, `2020-W02`, `2021-Q3`, `XXXX-12-27`)
    or is None when unresolved. `earliest`/`latest` bound the interval (inclusive).
    """

    value: str | None
    earliest: date | None
    latest: date | None
    precision: Precision = Precision.UNKNOWN
    estimated: bool = False  # anchored on an estimated publication date
    unresolved: bool = False  # no time expression governs it: interval only

    @property
    def is_known(self) -> bool:
        return self.earliest is not None and self.latest is not None

    def overlaps(self, other: TimeSpan) -> bool:
        if not (self.is_known and other.is_known):
            return False
        assert self.earliest and self.latest and other.earliest and other.latest
        return self.earliest <= other.latest and other.earliest <= self.latest


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Evidence:
    """Where a fact is stated: the document, the sentence, and the span of the fact in it."""

    document: str
    sentence: int
    text: str  # the whole sentence
    start: int  # span of the fact (or of the sentence) in Document.text
    end: int


@dataclass(slots=True)
class TimeExpression:
    """A TIMEX3-style time expression found in the text and normalized."""

    text: str
    start: int
    end: int
    sentence: int
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2020-01-03, P4M, PRESENT_REF, XXXX-12-27 ...
    span: TimeSpan  # the interval the expression denotes (durations: None bounds)
    anchor: str | None = None  # "dct" | "previous" | None (absolute)


@dataclass(slots=True)
class Mention:
    """A span naming an entity; `entity` is the key of its Entity in `Document.entities`."""

    text: str
    start: int
    end: int
    sentence: int
    label: str  # PERSON | ORG | GPE | LOC | NORP | FAC ...
    entity: str | None = None
    kind: str = "name"  # name | acronym | title | pronoun | description


@dataclass(slots=True)
class Entity:
    """An actor or place. `key` is stable across documents (alias file id or normalized name)."""

    key: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | FAC | EVENT
    aliases: set[str] = field(default_factory=set)
    sector: str | None = None  # PLOVER-style: GOV, MIL, REB, IGO, ...
    country: str | None = None  # ISO 3166-1 alpha-2
    wikidata: str | None = None
    place: Place | None = None


@dataclass(slots=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None  # GeoNames feature class: P (city), A (admin) ...
    precision: str | None = None  # city | district | province | country
    geonameid: int | None = None


@dataclass(slots=True)
class ActorRole:
    entity: str | None  # Entity key when resolved
    name: str  # surface name as written
    role: str  # agent | recipient


@dataclass(slots=True)
class Event:
    """One event mention in one document; fusion groups these across documents."""

    type: str  # PLOVER event type, e.g. ATTACK, ACCUSE, CONSULT
    trigger: str
    summary: str
    evidence: Evidence
    date: TimeSpan
    status: EventStatus = EventStatus.OCCURRED
    mode: str | None = None  # PLOVER mode, e.g. "air" for ATTACK
    actors: list[ActorRole] = field(default_factory=list)
    location: Place | None = None
    negated: bool = False
    background: bool = False  # a recap of an event well before publication
    confidence: float = 0.5
    timex: int | None = None  # index into Document.timexes of the governing expression
    id: str | None = None  # fused event id, assigned by fusion
    lemma: str | None = None  # lemma of the trigger's head word ("kill" for "killed")


@dataclass(slots=True)
class Figure:
    """A number with what it counts: (subject, measure, unit, value, qualifier, as-of date)."""

    value: float
    unit: str  # troops | people | votes | nations | km | ...
    subject: str  # normalized subject, e.g. "US troops in Iraq"
    evidence: Evidence
    date: TimeSpan
    measure: str | None = None  # count | killed | injured | voted | members ...
    qualifier: str | None = None  # about | over | at least | up to | None (exact)
    text: str = ""  # the figure as written, e.g. "an estimated 6,000"
    source: str | None = None  # who gives it, when the text says ("the health ministry")


@dataclass(slots=True)
class Quote:
    text: str
    speaker: str | None  # Entity key
    speaker_name: str  # name as resolved (or as written when unresolved)
    evidence: Evidence
    date: TimeSpan | None = None
    cue: str | None = None  # said, told, added, argued ...
    kind: str = "direct"  # direct | reported
    stance: str | None = None  # support | oppose | neutral
    topic: str | None = None


@dataclass(slots=True)
class FusedEvent:
    """One real-world event: the event mentions of every document that reports it."""

    id: str
    type: str
    summary: str
    date: TimeSpan
    status: EventStatus = EventStatus.OCCURRED
    background: bool = False
    actors: list[ActorRole] = field(default_factory=list)
    location: Place | None = None
    mentions: list[Event] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return sorted({m.evidence.document for m in self.mentions})


@dataclass(slots=True)
class Discrepancy:
    """Sources that disagree about the same thing at the same time.

    `kind` is "figure" (different values for one subject) or "date" (different dates for one
    fused event); `claims` holds each side's figure or event mention with its evidence.
    """

    kind: str
    subject: str
    claims: list[Figure | Event]
    note: str = ""


@dataclass(slots=True)
class RawDocument:
    """What a reader hands on: text plus whatever metadata the source gave."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None  # from metadata (HTML meta, JSONL field)
    html: str | None = None
    stripped: list[str] = field(default_factory=list)  # junk removed by cleaning, for display
    header: list[str] = field(default_factory=list)  # raw lines above the body (bylines, dates)
    format: str = "text"  # text | html | jsonl | url | feed


@dataclass(slots=True)
class Document:
    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: date | None = None
    published_range: tuple[date, date] | None = None
    published_estimated: bool = False
    stripped: list[str] = field(default_factory=list)
    story: str | None = None  # set by fusion: the id of the story's first article
    # set by fusion: stored stories this article bridges; their articles join its story
    story_joins: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def dct(self) -> TimeSpan:
        """The document creation time the relative dates resolve against."""
        if self.published:
            return TimeSpan(self.published.isoformat(), self.published, self.published,
                            Precision.DAY)
        if self.published_range:
            lo, hi = self.published_range
            return TimeSpan(None, lo, hi, Precision.RANGE, estimated=True)
        return TimeSpan(None, None, None, Precision.UNKNOWN, unresolved=True)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the span [start, end): its sentence and the span itself."""
        s = self.sentence_at(start)
        if s is None:
            return Evidence(self.id, -1, self.text[start:end], start, end)
        return Evidence(self.id, s.index, s.text, start, end)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]


def content_id(text: str) -> str:
    """Documents are identified by their cleaned content: the same text twice is a no-op."""
    norm = " ".join(text.split()).lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
