"""The `sitrep` command on the bundled sample corpus: every command, real output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "demo.db")
    result = CliRunner().invoke(cli, ["--db", path, "demo"])
    assert result.exit_code == 0, result.output
    return path


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_ingests_every_sample_article(db: str, examples_dir: Path) -> None:
    stats = json.loads(run(db, "stats", "--json"))
    articles = [p for p in examples_dir.iterdir() if p.suffix in (".txt", ".html")]
    records = sum(1 for p in examples_dir.glob("*.jsonl") for line in p.open() if line.strip())
    assert stats["documents"] == len(articles) + records


def test_timeline_dates_and_fuses_the_sample_story(db: str) -> None:
    lines = run(db, "timeline", "--from", "2019-12-27", "--to", "2020-01-05").splitlines()
    listed = json.loads(run(db, "timeline", "--from", "2019-12-27", "--to", "2020-01-05",
                            "--json"))
    starts = [e["date"]["earliest"] or e["date"]["latest"] for e in listed]
    assert starts == sorted(starts) and len(listed) == len(lines)  # date order ("2019-W52-WE")
    kirkuk = [x for x in lines if x.startswith("2019-12-27") and "Kirkuk" in x]
    assert kirkuk, lines
    strike = [x for x in lines if x.startswith("2020-01-03") and "Soleimani" in x]
    assert strike and "sources" in strike[0]
    assert int(strike[0].split("[")[1].split()[0]) >= 3  # reported by several outlets


@pytest.mark.parametrize("args, expect", [
    (["timeline", "--type", "CONSULT", "--include-undated"], "CONSULT"),
    (["timeline", "--actor", "Rapid Support Forces"], "Rapid Support Forces"),
    (["figures", "US troops in Iraq"], "US troops in Iraq"),
    (["discrepancies"], "figure:"),
    (["who", "Soleimani"], "aliases:"),
    (["quotes", "--speaker", "Soleimani"], ""),
    (["stances", "foreign troops"], "foreign troop presence"),
])
def test_commands_print_their_facts(db: str, args: list[str], expect: str) -> None:
    assert expect in run(db, *args)


def test_timeline_json_and_export_follow_the_contract(db: str, tmp_path: Path) -> None:
    events = json.loads(run(db, "timeline", "--json", "--limit", "5"))
    assert events and {"id", "type", "summary", "date", "evidence"} <= set(events[0])
    out = tmp_path / "kb.json"
    run(db, "export", "--format", "json", "-o", str(out))
    kb = json.loads(out.read_text(encoding="utf-8"))
    assert set(kb) >= {"documents", "events", "entities", "figures", "quotes"}
    assert all(ev["evidence"] for ev in kb["events"])


def test_bad_dates_are_refused_with_a_hint(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "timeline", "--from", "last week"])
    assert result.exit_code == 2 and "2020-01-03" in result.output


def test_demo_refuses_to_replace_a_database_of_other_articles(tmp_path: Path) -> None:
    from sitrep.model import Document
    from sitrep.store import Store

    path = tmp_path / "mine.db"
    with Store.open(str(path)) as store:
        store.add_document(Document(id="x1", source="/my/article.txt", text="An article."))
    result = CliRunner().invoke(cli, ["--db", str(path), "demo"])
    assert result.exit_code != 0 and "--force" in result.output
