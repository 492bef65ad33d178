"""Full-text search over documents, events and quotes.

On SQLite an FTS5 table owned by the web layer (`web_fts`) is rebuilt from the store's tables
whenever their row counts change (cheap to check, rare to happen while serving). On other
backends (PostgreSQL) the same search runs as case-insensitive LIKE. User input only ever reaches
SQL as bound parameters; FTS5 query syntax is neutralised by quoting every term.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from sqlalchemy import Engine, func, or_, select, text
from sqlalchemy.exc import OperationalError

from sitrep.store.schema import documents, event_mentions, events, quotes

__all__ = ["Searcher", "fts_query"]

log = logging.getLogger(__name__)

# Private-use markers around matches: they survive HTML escaping and become <mark> in templates.
HIT_START, HIT_END = "\ue000", "\ue001"
_TERM = re.compile(r"\S+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # FTS5 rejects NUL inside a string literal
_KINDS = ("document", "event", "quote")


def fts_query(q: str) -> str:
    """Every whitespace-separated term as an FTS5 string literal, implicitly ANDed."""
    terms = _TERM.findall(_CONTROL.sub(" ", q))
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


class Searcher:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fts = engine.dialect.name == "sqlite" and _has_fts5(engine)
        self._lock = threading.Lock()
        self._signature: tuple[int, ...] | None = None

    def search(self, q: str, *, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Hits grouped by kind (document, event, quote), best first."""
        if not fts_query(q):
            return {k: [] for k in _KINDS}
        if self.fts:
            try:
                self._refresh()
            except OperationalError:  # e.g. a read-only database: search without the index
                log.warning("cannot build the search index; falling back to LIKE", exc_info=True)
                self.fts = False
            else:
                return self._search_fts(q, limit)
        return self._search_like(q.strip(), limit)

    # -- FTS5 ---------------------------------------------------------------------------------

    def _counts(self, conn: Any) -> tuple[int, ...]:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (documents, events, event_mentions, quotes))

    def _refresh(self) -> None:
        with self._lock, self.engine.begin() as conn:
            sig = self._counts(conn)
            if sig == self._signature:
                return
            conn.execute(text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS web_fts USING fts5("
                "kind UNINDEXED, ref UNINDEXED, doc UNINDEXED, sentence UNINDEXED, title, body)"))
            conn.execute(text("CREATE TABLE IF NOT EXISTS web_fts_state (signature TEXT)"))
            stored = conn.execute(text("SELECT signature FROM web_fts_state")).scalar()
            if stored != repr(sig):
                self._rebuild(conn)
                conn.execute(text("DELETE FROM web_fts_state"))
                conn.execute(text("INSERT INTO web_fts_state VALUES (:s)"), {"s": repr(sig)})
            self._signature = sig

    def _rebuild(self, conn: Any) -> None:
        conn.execute(text("DELETE FROM web_fts"))
        ins = text("INSERT INTO web_fts (kind, ref, doc, sentence, title, body) "
                   "VALUES (:kind, :ref, :doc, :sentence, :title, :body)")
        d = documents.c
        rows = [{"kind": "document", "ref": r.id, "doc": r.id, "sentence": None,
                 "title": r.title or r.outlet or "", "body": r.text}
                for r in conn.execute(select(d.id, d.title, d.outlet, d.text))]
        m = event_mentions.c
        evidence: dict[str, list[str]] = {}
        first: dict[str, tuple[str, int]] = {}
        for r in conn.execute(select(m.event_id, m.document_id, m.sentence, m.sentence_text)
                              .order_by(m.id)):
            evidence.setdefault(r.event_id, []).append(r.sentence_text)
            first.setdefault(r.event_id, (r.document_id, r.sentence))
        for r in conn.execute(select(events.c.id, events.c.type, events.c.summary)):
            doc, sent = first.get(r.id, (None, None))
            rows.append({"kind": "event", "ref": r.id, "doc": doc, "sentence": sent,
                         "title": f"{r.type}: {r.summary}",
                         "body": "\n".join(dict.fromkeys(evidence.get(r.id, [])))})
        qc = quotes.c
        for r in conn.execute(select(qc.id, qc.document_id, qc.sentence, qc.speaker_name,
                                     qc.text)):
            rows.append({"kind": "quote", "ref": r.id, "doc": r.document_id,
                         "sentence": r.sentence, "title": r.speaker_name, "body": r.text})
        if rows:
            conn.execute(ins, rows)

    def _search_fts(self, q: str, limit: int) -> dict[str, list[dict[str, Any]]]:
        match = fts_query(q)
        out: dict[str, list[dict[str, Any]]] = {k: [] for k in _KINDS}
        stmt = text(
            "SELECT kind, ref, doc, sentence, title, "
            "snippet(web_fts, 5, :hs, :he, '…', 24) AS snippet "
            "FROM web_fts WHERE web_fts MATCH :q AND kind = :kind ORDER BY rank LIMIT :n")
        with self.engine.connect() as conn:
            for kind in _KINDS:
                params = {"q": match, "kind": kind, "n": limit, "hs": HIT_START, "he": HIT_END}
                out[kind] = [dict(r._mapping) for r in conn.execute(stmt, params)]
        return out

    # -- LIKE fallback ------------------------------------------------------------------------

    def _search_like(self, q: str, limit: int) -> dict[str, list[dict[str, Any]]]:
        d, e, qt = documents.c, events.c, quotes.c
        with self.engine.connect() as conn:
            docs = conn.execute(select(d.id, d.title, d.outlet, d.text).where(
                or_(d.text.icontains(q, autoescape=True), d.title.icontains(q, autoescape=True))
            ).limit(limit))
            evs = conn.execute(select(e.id, e.type, e.summary).where(
                e.summary.icontains(q, autoescape=True)).limit(limit))
            qs = conn.execute(select(qt.id, qt.document_id, qt.sentence, qt.speaker_name,
                                     qt.text).where(qt.text.icontains(q, autoescape=True))
                              .limit(limit))
            return {
                "document": [{"kind": "document", "ref": r.id, "doc": r.id, "sentence": None,
                              "title": r.title or r.outlet or "", "snippet": _around(r.text, q)}
                             for r in docs],
                "event": [{"kind": "event", "ref": r.id, "doc": None, "sentence": None,
                           "title": f"{r.type}: {r.summary}", "snippet": ""} for r in evs],
                "quote": [{"kind": "quote", "ref": r.id, "doc": r.document_id,
                           "sentence": r.sentence, "title": r.speaker_name,
                           "snippet": _around(r.text, q)} for r in qs],
            }


def _around(body: str, q: str, width: int = 80) -> str:
    i = body.lower().find(q.lower())
    if i < 0:
        return body[: 2 * width]
    lo = max(0, i - width)
    return (body[lo:i] + HIT_START + body[i:i + len(q)] + HIT_END
            + body[i + len(q):i + len(q) + width])


def _has_fts5(engine: Engine) -> bool:
    with engine.connect() as conn:
        opts = {r[0] for r in conn.execute(text("PRAGMA compile_options"))}
    return "ENABLE_FTS5" in opts
