"""Consolidate a fused event from its mentions: the row `events` keeps for each event id.

Each rule prefers what most sources agree on and breaks ties in favour of the earliest
document, so adding a later article never flips a settled field on a coin toss.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from sitrep.model import ActorRole, Event, EventStatus, FusedEvent, Place, Precision, TimeSpan

__all__ = ["consolidate", "best_date", "merge_actors"]

T = TypeVar("T", bound=Hashable)
_RANK = {p: i for i, p in enumerate(Precision)}  # Precision lists day first: finer is better


def _most_common(values: Iterable[T]) -> T:
    # Counter keeps first-seen order among equal counts: ties go to the earliest document.
    return Counter(values).most_common(1)[0][0]


def _date_rank(span: TimeSpan) -> tuple[int, int, bool]:
    if span.is_known and not span.unresolved:
        tier = 0  # a resolved calendar date
    elif span.earliest or span.latest or span.value:
        tier = 1  # an interval only ("on or before publication") or a yearless value
    else:
        tier = 2
    return tier, _RANK.get(Precision(span.precision), len(_RANK)), bool(span.estimated)


def best_date(spans: Sequence[TimeSpan]) -> TimeSpan:
    """The most frequent date among the most precise resolved ones (spans in document order)."""
    if not spans:
        return TimeSpan(None, None, None, Precision.UNKNOWN, unresolved=True)
    top = min(_date_rank(s) for s in spans)
    best = [s for s in spans if _date_rank(s) == top]
    key = _most_common((s.value, s.earliest, s.latest) for s in best)
    return replace(next(s for s in best if (s.value, s.earliest, s.latest) == key))


def merge_actors(mentions: Iterable[Event]) -> list[ActorRole]:
    """Every actor once per role, resolved entities merged by key, others by name."""
    seen: dict[tuple[str, str], ActorRole] = {}
    for m in mentions:
        for a in m.actors:
            ident = a.entity or a.name.casefold()
            seen.setdefault((ident, a.role), ActorRole(a.entity, a.name, a.role))
    return list(seen.values())


def _location(mentions: Sequence[Event]) -> Place | None:
    located = [m.location for m in mentions if m.location is not None]
    with_coords = [p for p in located if p.lat is not None and p.lon is not None]
    return replace((with_coords or located)[0]) if located else None


def consolidate(event_id: str, mentions: Sequence[Event]) -> FusedEvent:
    """One FusedEvent from its mentions, given in document order (earliest document first).

    date: most frequent of the most precise resolved dates; type and status: most common;
    summary: from the most confident of the mentions carrying that date (a report that dates
    the event tells it best); background: only if every mention is background;
    location: the first with coordinates (else the first named).
    """
    if not mentions:
        raise ValueError(f"event {event_id!r} has no mentions to consolidate")
    date = best_date([m.date for m in mentions])
    dated = [m for m in mentions if (m.date.value, m.date.earliest, m.date.latest)
             == (date.value, date.earliest, date.latest)] or list(mentions)
    # max() keeps the first of equal maxima: confidence ties go to the earliest document.
    lead = max(dated, key=lambda m: m.confidence)
    return FusedEvent(
        id=event_id,
        type=_most_common(m.type for m in mentions),
        summary=lead.summary,
        date=date,
        status=EventStatus(_most_common(EventStatus(m.status) for m in mentions)),
        background=all(m.background for m in mentions),
        actors=merge_actors(mentions),
        location=_location(mentions),
        mentions=list(mentions),
    )
