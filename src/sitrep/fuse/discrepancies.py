"""Where sources disagree: figures for the same subject and time, dates for the same event.

Sources are outlets, or the sources one article names for its figures ("according to X").

A change over time is a series, not a discrepancy: two figures only conflict when their as-of
dates fall within the window their unit allows (troop counts move monthly, coalition
memberships over years; `fuse/data/discrepancies.yaml`) and their value ranges, widened by the
qualifier ("about", "over", "at least"), cannot both be true.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from sitrep._data import load_yaml
from sitrep.model import Discrepancy, Figure, FusedEvent, Precision

_MAX = date.max

__all__ = ["figure_discrepancies", "date_discrepancies", "series", "value_range"]


@cache
def _config() -> dict[str, Any]:
    text = resources.files("sitrep.fuse").joinpath("data/discrepancies.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def value_range(figure: Figure) -> tuple[float, float]:
    """The values a figure allows, given its qualifier ("over 60" allows 60 up to 72)."""
    lo_f, hi_f = _config()["qualifiers"].get(figure.qualifier or "exact", [1.0, 1.0])
    return figure.value * lo_f, figure.value * hi_f


def _window_days(figure: Figure) -> int:
    windows: dict[str, int] = _config()["windows"]
    if figure.measure in windows:
        return windows[figure.measure]
    return windows.get(figure.unit, windows["default"])


def _close_in_time(a: Figure, b: Figure) -> bool:
    if not (a.date.is_known and b.date.is_known):
        return False
    assert a.date.earliest and a.date.latest and b.date.earliest and b.date.latest
    window = min(_window_days(a), _window_days(b))
    if a.measure in _config().get("moves", ()) and max(
            (f.date.latest - f.date.earliest).days for f in (a, b)) > window:  # type: ignore[operator]
        return False  # "ordered 3,500 last week" and "sent 750 on Tuesday" may be two moves
    gap = max((b.date.earliest - a.date.latest).days, (a.date.earliest - b.date.latest).days, 0)
    return gap <= window


def _drift(a: Figure, b: Figure) -> float:
    """How far a slow-moving count may have drifted between two as-of dates (coalition
    memberships grow a few percent a year: 85 members in 2021 and 87 in 2025 is growth)."""
    rates: dict[str, float] = _config().get("drift_per_year", {})
    rate = rates.get(a.measure or "", rates.get(a.unit, 0.0))
    if not rate or not (a.date.earliest and b.date.earliest):
        return 0.0
    return rate * abs((b.date.earliest - a.date.earliest).days) / 365.25


def _conflict(a: Figure, b: Figure, reported: Mapping[str, date] | None = None) -> bool:
    (alo, ahi), (blo, bhi) = value_range(a), value_range(b)
    d = _drift(a, b)
    alo, ahi = alo * (1 - d), ahi * (1 + d)
    if not (ahi < blo or bhi < alo):
        return False
    # a toll counted again a day later ("at least 12 killed", then "24"): it rose, unless
    # the later report gives fewer
    ra = reported.get(a.evidence.document) if reported else None
    rb = reported.get(b.evidence.document) if reported else None
    if (a.measure or "") in _config().get("cumulative", ()) and ra and rb and ra != rb:
        early_lo, late_hi = (alo, bhi) if ra < rb else (blo, ahi)
        return late_hi < early_lo
    return True


def _key(f: Figure) -> tuple[str, str, str]:
    return (f.subject.lower(), f.unit, f.measure or "")


def figure_discrepancies(figures: Iterable[Figure],
                         reported: Mapping[str, date] | None = None) -> list[Discrepancy]:
    """Figures on one subject, close in time, from documents whose values cannot all hold.

    Each discrepancy lists every claim of its time cluster side by side, not just the pair.
    `reported` (document id -> publication day) lets a casualty count rise from one day's
    reports to the next without conflict.
    """
    groups: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for f in figures:
        groups[_key(f)].append(f)
    found: list[Discrepancy] = []
    for (_subject, unit, _measure), figs in sorted(groups.items()):
        figs.sort(key=lambda f: (f.date.earliest or f.date.latest or _MAX, f.value))
        for cluster in _time_clusters(figs):
            conflicting = any(
                _sources_differ(a, b) and _conflict(a, b, reported)
                for i, a in enumerate(cluster) for b in cluster[i + 1:]
            )
            if conflicting:
                values = ", ".join(dict.fromkeys(c.text or _fmt(c.value) for c in cluster))
                found.append(Discrepancy("figure", cluster[0].subject, list(cluster),
                                         f"{unit}: {values}"))
    return found


def _sources_differ(a: Figure, b: Figure) -> bool:
    """Two outlets, or one article setting two sources side by side ("a security source put
    the toll at about 400. The victims' relatives said at least 600"): within a few sentences
    and of one order of size, not a toll of one side here and of the other there, nor one
    strike's dead beside the war's."""
    if a.evidence.document != b.evidence.document:
        return True
    cfg = _config()
    low, high = sorted((a.value, b.value))
    return bool(a.source and b.source and a.source.lower() != b.source.lower()) and abs(
        a.evidence.sentence - b.evidence.sentence) <= cfg["side_by_side"] and (
        high <= low * cfg["side_by_side_ratio"])


def _time_clusters(figs: list[Figure]) -> list[list[Figure]]:
    """Chain date-sorted figures whose as-of dates lie within their unit's window."""
    clusters: list[list[Figure]] = []
    for f in figs:
        if clusters and any(_close_in_time(g, f) for g in clusters[-1]):
            clusters[-1].append(f)
        else:
            clusters.append([f])
    return clusters


def date_discrepancies(events: Iterable[FusedEvent]) -> list[Discrepancy]:
    """Fused events whose sources give different days for it."""
    found = []
    for ev in events:
        days = {m.date.earliest.isoformat() for m in ev.mentions
                if m.date.precision == Precision.DAY and not m.date.unresolved
                and m.date.earliest is not None}
        if len(days) > 1:
            claims = [m for m in ev.mentions if m.date.precision == Precision.DAY
                      and not m.date.unresolved]
            found.append(Discrepancy("date", ev.summary, list(claims),
                                     "dates: " + ", ".join(sorted(days))))
    return found


def series(figures: Iterable[Figure], subject: str | None = None) -> dict[str, list[Figure]]:
    """Figures grouped by (subject, unit) in date order; `subject` picks the series named
    exactly (case-insensitive), else the ones whose subject is close to it."""
    figures = list(figures)
    if subject:
        exact = [f for f in figures if f.subject.lower() == subject.lower().strip()]
        figures = exact or [f for f in figures
                            if fuzz.token_set_ratio(subject.lower(), f.subject.lower()) >= 85]
    out: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        out[f"{f.subject} ({f.unit})"].append(f)
    for figs in out.values():
        figs.sort(key=lambda f: (f.date.earliest or f.date.latest or _MAX))
    return dict(out)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"
