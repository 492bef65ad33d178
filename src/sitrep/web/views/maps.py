"""The map: geocoded event locations as points on an offline dot-matrix basemap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from sitrep.web._basemap import graticule, project
from sitrep.web._render import Page, twin
from sitrep.web._sql import Reader
from sitrep.web.views._common import FilterParams, reader

router = APIRouter()


@twin(router, "/map", name="map", tags=["map"],
      summary="Events with coordinates (same filters as the timeline)")
def event_map(request: Request, params: Annotated[FilterParams, Depends()],
              rd: Annotated[Reader, Depends(reader)]) -> Page:
    located = rd.located_events(params.filter)
    places: dict[tuple[float, float], dict] = {}
    for ev in located:
        x, y = project(ev["location_lat"], ev["location_lon"])
        spot = places.setdefault((x, y), {"x": x, "y": y, "name": ev["location_name"],
                                          "events": []})
        spot["events"].append(ev)
    spots = sorted(places.values(), key=lambda s: -len(s["events"]))
    bounds = _bounds(spots)
    px = float(bounds.split()[2]) / 1100  # one screen pixel at the page's usual map width
    for s in spots:
        s["r"] = round(px * (4 + 2.5 * len(s["events"]) ** 0.5), 3)
        s["font"] = round(px * 13, 3)
    return Page("map.html", "Map", {"filters": params.values, "events": located}, {
        "graticule": graticule(), "spots": spots,
        "bounds": bounds})


def _bounds(spots: list[dict]) -> str:
    """A viewBox around the points (whole world when none), padded, at 2:1."""
    if not spots:
        return "0 0 360 180"
    xs, ys = [s["x"] for s in spots], [s["y"] for s in spots]
    pad = 8
    x0, x1 = max(0, min(xs) - pad), min(360, max(xs) + pad)
    y0, y1 = max(0, min(ys) - pad), min(180, max(ys) + pad)
    w, h = max(x1 - x0, 80.0), y1 - y0  # at least 80 degrees wide: keep some context
    if w > x1 - x0:
        x0 = max(0, min(360 - w, (x0 + x1 - w) / 2))
    if w < 2 * h:  # widen to keep the 2:1 aspect of the page box
        cx, w = (x0 + x1) / 2, 2 * h
        x0 = max(0, min(360 - w, cx - w / 2))
    else:
        cy, h = (y0 + y1) / 2, w / 2
        y0 = max(0, min(180 - h, cy - h / 2))
    return f"{x0:g} {y0:g} {w:g} {h:g}"
