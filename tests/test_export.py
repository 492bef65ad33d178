"""The JSON export contract (docs/export.md) and the CSV files."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import BACKENDS
from sitrep.query.export import CSV_FILES, export_csv, export_json
from sitrep.store.testing import (
    add_event,
    build_document,
    day,
    sample_documents,
    temporary_store,
)

DATE = {"value", "earliest", "latest", "precision"}
EVIDENCE = {"document", "text", "start", "end"}
CONTRACT = {
    "documents": {"id", "source", "title", "outlet", "published", "published_range",
                  "estimated"},
    "events": {"id", "type", "summary", "status", "background", "date", "actors", "location",
               "evidence", "sources"},
    "entities": {"id", "name", "type", "aliases", "sector", "country", "wikidata", "place"},
    "figures": {"id", "value", "unit", "subject", "date", "evidence", "measure", "qualifier",
                "text", "source"},
    "quotes": {"id", "speaker", "text", "document", "date", "evidence", "cue", "kind", "stance",
               "topic"},
}


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory):
    with temporary_store(request.param, tmp_path_factory.mktemp("export")) as s:
        for doc in sample_documents():
            s.add_document(doc)
        yield s


@pytest.fixture(scope="module")
def data(store):
    return export_json(store)


def by_id(items: list[dict]) -> dict[str, dict]:
    return {x["id"]: x for x in items}


def test_export_has_exactly_the_contract_keys(data):
    assert set(data) == set(CONTRACT)
    for section, keys in CONTRACT.items():
        assert data[section], f"the sample corpus should fill {section}"
        for item in data[section]:
            assert set(item) == keys, section
    for ev in data["events"]:
        assert set(ev["date"]) == DATE
        assert all(set(a) == {"entity", "name", "role"} for a in ev["actors"])
        assert ev["location"] is None or set(ev["location"]) == {"name", "lat", "lon"}
        assert ev["evidence"] and all(set(x) == EVIDENCE for x in ev["evidence"])
    for item in data["figures"] + data["quotes"]:
        assert set(item["date"]) == DATE
        assert all(set(x) == EVIDENCE for x in item["evidence"])
    assert all(set(q["speaker"]) == {"entity", "name"} for q in data["quotes"])
    json.dumps(data, allow_nan=False)  # plain JSON all the way down


def test_export_values(data):
    docs = data["documents"]
    assert [d["published"] for d in docs] == ["2021-03-10", "2021-03-11", None]
    assert docs[2]["published_range"] == ["2021-12-01", "2021-12-31"]
    assert [d["estimated"] for d in docs] == [False, False, True]
    events = by_id(data["events"])
    shelling = events["ev-shelling"]
    assert shelling["date"] == {"value": "2021-03-09", "earliest": "2021-03-09",
                                "latest": "2021-03-09", "precision": "day"}
    assert shelling["sources"] == 2 and len(shelling["evidence"]) == 2
    assert shelling["location"] == {"name": "Mirska", "lat": 48.1, "lon": 37.2}
    first = shelling["evidence"][0]
    doc_text = " ".join(s.text for s in sample_documents()[0].sentences)
    assert doc_text[first["start"]:first["end"]] == "shelled"
    assert first["text"].startswith("Artillery units")
    assert events["ev-ceasefire"]["date"]["value"] == "2014"
    assert events["ev-ceasefire"]["background"] is True
    assert events["ev-talks"]["date"]["value"] == "2021-12"
    assert events["ev-earlier-talks"]["date"] == {"value": None, "earliest": None,
                                                  "latest": "2021-12-31", "precision": "range"}
    assert events["ev-denial"]["status"] == "denied"
    army = by_id(data["entities"])["valdoria-army"]
    assert army["aliases"] == ["VAF", "Valdorian Armed Forces", "Valdorian army"]
    assert by_id(data["entities"])["mirska"]["place"]["lat"] == 48.1
    (figure,) = data["figures"]
    assert (figure["value"], figure["unit"], figure["measure"]) == (14, "people", "killed")
    (quote,) = data["quotes"]
    assert quote["speaker"] == {"entity": "anna-roth", "name": "Anna Roth"}
    assert quote["document"] == docs[0]["id"] == quote["evidence"][0]["document"]


def read_csv(path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_files_round_trip(store, data, tmp_path):
    written = export_csv(store, tmp_path / "out")
    assert [p.name for p in written] == list(CSV_FILES)
    for name in ("documents", "events", "entities", "figures", "quotes"):
        rows = read_csv(tmp_path / "out" / f"{name}.csv")
        assert [r["id"] for r in rows] == [x["id"] for x in data[name]]
    events = {r["id"]: r for r in read_csv(tmp_path / "out" / "events.csv")}
    assert events["ev-shelling"]["date_value"] == "2021-03-09"
    assert events["ev-shelling"]["sources"] == "2"
    assert events["ev-protest"]["date_value"] == ""
    assert (events["ev-ceasefire"]["background"], events["ev-denial"]["background"]) == (
        "true", "false")


def test_csv_quotes_commas_quotes_and_newlines(tmp_path):
    awkward = 'Police said, "stay home",\nthen left; 5% stayed.'
    doc = build_document([awkward], published=day(2020, 1, 1).earliest)
    add_event(doc, "Police said", type="DEMAND", date=day(2020, 1, 1), event_id="e1",
              summary=awkward)
    with temporary_store("sqlite", tmp_path) as s:
        s.add_document(doc)
        export_csv(s, tmp_path)
    (row,) = read_csv(tmp_path / "events.csv")
    assert row["summary"] == awkward and row["evidence"] == awkward
