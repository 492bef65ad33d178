"""The timeline: fused events in date order, filtered, with dates printed at their precision."""

from __future__ import annotations

from datetime import date

from sitrep.model import FusedEvent, Precision, TimeSpan
from sitrep.store import Store

__all__ = ["timeline", "format_date"]


def timeline(
    store: Store,
    *,
    start: date | None = None,
    end: date | None = None,
    actor: str | None = None,
    type: str | None = None,
    search: str | None = None,
    include_background: bool = True,
    include_undated: bool = True,
    limit: int | None = None,
) -> list[FusedEvent]:
    """Fused events in date order; undated events last, unresolved ones by their latest bound.

    start/end keep events whose date interval overlaps [start, end] (undated events are then
    dropped); actor matches an entity key, name or alias; type is a PLOVER type; search looks in
    summaries and evidence sentences. All matching is case-insensitive. include_undated=False
    drops events known only as "on or before publication" (no time expression governs them).
    """
    events = store.fused_events(
        types=[type] if type else None,
        start=start,
        end=end,
        actor=actor.strip() if actor else None,
        search=search.strip() if search else None,
        include_background=include_background,
        dated_only=start is not None or end is not None,
        limit=limit if include_undated else None,
    )
    if include_undated:
        return events
    dated = [e for e in events if e.date.is_known and not e.date.unresolved]
    return dated[:limit] if limit is not None else dated


_CALENDAR = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}  # ISO prefix lengths


def format_date(span: TimeSpan | None) -> str:
    """A date at its real precision: "2019-12-27", "2020-01", "2014", "≤ 2020-01-05",
    "2021-12 (est.)"; "unknown" when nothing is known."""
    if span is None:
        return "unknown"
    text = _format(span)
    return f"{text} (est.)" if span.estimated and text != "unknown" else text


def _format(span: TimeSpan) -> str:
    precision = Precision(span.precision)
    if not span.unresolved:
        if precision in _CALENDAR and span.earliest is not None:
            return span.earliest.isoformat()[: _CALENDAR[precision]]
        if precision is Precision.DECADE and span.earliest is not None:
            return f"{span.earliest.year}s"
        if span.value and precision not in (Precision.RANGE, Precision.UNKNOWN):
            return span.value  # 2020-W02, 2021-Q3, 2021-SU, XXXX-12-27 ...
    lo, hi = span.earliest, span.latest
    if lo and hi:
        return lo.isoformat() if lo == hi else f"{lo.isoformat()} – {hi.isoformat()}"
    if hi:
        return f"≤ {hi.isoformat()}"
    if lo:
        return f"≥ {lo.isoformat()}"
    return span.value or "unknown"
