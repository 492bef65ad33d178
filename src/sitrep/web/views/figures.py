"""Figures: one chart per series (subject and unit), every point linked to its sentence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from sitrep.model import Figure
from sitrep.store import Store
from sitrep.web._render import Page, twin
from sitrep.web._sql import Reader
from sitrep.web.views._common import reader, store

router = APIRouter()

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 200, 56, 16, 12, 28  # chart box in SVG units


def _x_of(points: list[dict[str, Any]]) -> list[float | None]:
    """Day numbers (midpoint of the date interval), None when undated."""
    out: list[float | None] = []
    for p in points:
        d = p["date"]
        lo, hi = d.get("earliest"), d.get("latest") or d.get("earliest")
        if lo is None:
            out.append(None)
            continue
        a, b = date.fromisoformat(lo).toordinal(), date.fromisoformat(hi).toordinal()
        out.append((a + b) / 2)
    return out


def chart(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Point positions in the SVG box; undated points sit in a column at the right."""
    xs = _x_of(points)
    dated = [x for x in xs if x is not None]
    lo, hi = (min(dated), max(dated)) if dated else (0.0, 1.0)
    span = (hi - lo) or 1.0
    vmax = max((p["value"] for p in points), default=1.0) or 1.0
    inner_w, inner_h = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    placed = []
    for p, x in zip(points, xs, strict=True):
        px = PAD_L + (inner_w * (x - lo) / span if len(set(dated)) > 1 else inner_w / 2) \
            if x is not None else W - PAD_R
        py = PAD_T + inner_h * (1 - max(0.0, p["value"]) / vmax)
        placed.append({**p, "x": round(px, 1), "y": round(py, 1), "dated": x is not None})
    line = [q for q in placed if q["dated"]]
    line.sort(key=lambda q: q["x"])
    ticks = [{"y": round(PAD_T + inner_h * (1 - f), 1), "label": f"{vmax * f:,.0f}"}
             for f in (0, 0.5, 1)]
    first = date.fromordinal(int(lo)).isoformat() if dated else ""
    last = date.fromordinal(int(hi)).isoformat() if dated else ""
    return {"points": placed, "polyline": " ".join(f"{q['x']},{q['y']}" for q in line),
            "ticks": ticks, "first": first, "last": last}


def _discrepancies(st: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The store's figure discrepancies (fusion decides what conflicts), as page rows."""
    from sitrep.query.facts import figure_conflicts

    by_span = {(r["document_id"], r["start"], r["end"]): r for r in rows}
    out = []
    for d in figure_conflicts(st):
        claims = [by_span.get((f.evidence.document, f.evidence.start, f.evidence.end))
                  for f in d.claims if isinstance(f, Figure)]
        found = [c for c in claims if c is not None]
        if found:
            out.append({"subject": d.subject, "note": d.note, "unit": found[0]["unit"],
                        "figures": found})
    return out


@twin(router, "/figures", name="figures", tags=["figures"],
      summary="Figures grouped into series (subject, unit), with conflicting values")
def figure_list(request: Request, rd: Annotated[Reader, Depends(reader)],
                st: Annotated[Store, Depends(store)]) -> Page:
    rows = rd.figure_list()
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in rows:
        groups[(f["subject"], f["unit"])].append(f)
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    series: list[dict[str, Any]] = [{"subject": s, "unit": u, "points": pts}
                                    for (s, u), pts in ordered]
    charts = [chart(pts) for _, pts in ordered]
    return Page("figures.html", "Figures",
                {"series": series, "discrepancies": _discrepancies(st, rows)},
                {"charts": charts, "W": W, "H": H, "PAD_L": PAD_L, "PAD_R": PAD_R,
                 "PAD_B": PAD_B})
