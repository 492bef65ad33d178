"""Officeholders as evidence for when an undated article was written.

News names officeholders by their current title ("Iraqi Prime Minister X announced"), marks
those who left ("former President Y") and numbers terms ("Y's first term"). With the terms of
office from `data/offices.yaml`, each such mention bounds the publication date:

- current: title + name, no "former" => the date lies within one of X's terms in that office;
- former: "former/ex-/late Title Y" => the date is after the end of Y's earliest term;
- term: "Y's first term" => a second term has begun: the date is after its start.

Mentions that say nothing about the writer's present are skipped: "then-President", "under
President" (a past administration), titles in quotes or conditional sentences, and current-title
mentions in sentences that state a year (history told with titles of the time).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep._data import load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Holder", "OfficeConstraint", "holders", "find_office_constraints", "office_window"]

log = logging.getLogger(__name__)

Interval = tuple[date, date | None]  # inclusive; None = open (up to today)


@dataclass(frozen=True, slots=True)
class Term:
    start: tuple[date, date]  # earliest and latest possible first day (a month is a range)
    end: tuple[date, date] | None  # earliest and latest possible last day; None = in office


@dataclass(frozen=True, slots=True)
class Holder:
    name: str
    office: str
    titles: tuple[str, ...]
    names: tuple[str, ...]
    terms: tuple[Term, ...]
    country: str = ""  # the office's country (ISO alpha-2) or organisation


@dataclass(frozen=True, slots=True)
class OfficeConstraint:
    """What one mention says about the publication date: it lies in one of `intervals`."""

    kind: str  # current | former | term
    person: str
    office: str
    text: str  # the mention as written (title and name)
    start: int
    end: int
    intervals: tuple[Interval, ...]


def _bound(value: Any) -> tuple[date, date]:
    """A YAML term bound: a date, or "YYYY-MM" read as the month's first and last day."""
    if isinstance(value, date):
        return value, value
    y, m = (int(p) for p in str(value).split("-")[:2])
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date(y, m, 1), date.fromordinal(nxt.toordinal() - 1)


@cache
def _cfg() -> dict[str, Any]:
    with open(Path(__file__).parent / "data" / "offices.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


@cache
def holders() -> tuple[Holder, ...]:
    """Every officeholder in the data file, one per person and office."""
    cfg = _cfg()
    out = []
    for p in cfg["people"]:
        office = cfg["offices"][p["office"]]
        terms = tuple(Term(_bound(s), None if e is None else _bound(e)) for s, e in p["terms"])
        names = set(p["names"]) | {p["name"]}
        names |= {re.sub(r"\bal-", "Al-", n) for n in names}  # sentence-initial or styled
        out.append(Holder(p["name"], p["office"], tuple(t.lower() for t in office["titles"]),
                          tuple(sorted(names)), terms, str(office.get("country", ""))))
    return tuple(out)


@cache
def _by_name() -> dict[str, list[Holder]]:
    idx: dict[str, list[Holder]] = {}
    for h in holders():
        for n in h.names:
            idx.setdefault(n, []).append(h)
    return idx


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Names; a title ending the text before a name; a title in apposition; term ordinals."""
    names = sorted(_by_name(), key=len, reverse=True)
    name_re = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    titles = sorted({t for h in holders() for t in h.titles}, key=len, reverse=True)
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    before = re.compile(r"(?:(?<![\w-])(?P<hy>[a-z]+)-|(?<![\w-]))(?P<title>" + alt
                        + r")\s*,?\s*$", re.I)
    appos = re.compile(r"^\s*,\s+(?P<pre>(?:[\w.'’-]+\s+){0,4}?)(?:(?P<hy>[a-z]+)-)?"
                       r"(?P<title>" + alt + r")(?![\w-])(?!['’]s)(?!\s+[A-Z])", re.I)
    nouns = "|".join(map(re.escape, _cfg()["cues"]["term_nouns"]))
    ordinal = re.compile(r"^['’]s\s+first\s+(?:" + nouns + r")\b", re.I)
    return name_re, before, appos, ordinal


_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_WORD = re.compile(r"[\w.'’-]+")
_FIRST_BEFORE = re.compile(r"\bfirst\s+$", re.I)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches, paragraph by paragraph; a closing mark with no opening one quotes
    from the paragraph start (a quote carried over from the previous paragraph)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        for m in re.finditer(r"“[^”]*”?|\"[^\"]*\"?", line):
            spans.append((pos + m.start(), pos + m.end()))
        close = line.find("”")
        if close >= 0 and "“" not in line[:close]:
            spans.append((pos, pos + close + 1))
        pos += len(line)
    return spans


def _sentences(doc: Doc | str) -> tuple[str, list[tuple[int, int]]]:
    if isinstance(doc, str):
        bounds, start = [], 0
        for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n+", doc):
            bounds.append((start, m.start()))
            start = m.end()
        return doc, [*bounds, (start, len(doc))]
    return doc.text, [(s.start_char, s.end_char) for s in doc.sents]


def _modifier(words: list[str]) -> str | None:
    """Walk back from a title over capitalized words (country, organisation) and articles:
    "former"/"ex" => "former"; "then"/"vice"/"under" ... => "skip"; else None (current)."""
    cues = _cfg()["cues"]
    for w in reversed(words[-5:]):
        low = w.lower().strip(".,")
        if low in cues["former"]:
            return "former"
        if low in cues["skip"]:
            return "skip"
        if low in ("the", "a", "an") or w[:1].isupper():
            continue
        return None
    return None


def _classify(before: str, after: str) -> tuple[str, str | None, int, int] | None:
    """(kind, title, chars of `before`, chars of `after` the mention spans) of a name from
    the sentence text around it; None = no evidence about the present."""
    _name_re, before_re, appos_re, ordinal_re = _patterns()
    window = before[-80:]
    title_m = before_re.search(window)
    title = " ".join(title_m["title"].lower().split()) if title_m else None
    pre = len(window) - title_m.start() if title_m else 0
    nouns = "|".join(_cfg()["cues"]["term_nouns"])
    om = ordinal_re.match(after) or (re.match(r"^\s+(?:" + nouns + r")\b", after, re.I)
                                     if _FIRST_BEFORE.search(before) else None)
    if om:
        return "term", title, pre, om.end()
    if title_m:
        words = _WORD.findall(window[: title_m.start()])
        if title_m["hy"]:
            words.append(title_m["hy"])
        mod = _modifier(words)
        return None if mod == "skip" else (mod or "current", title, pre, 0)
    ap = appos_re.match(after)
    if ap:
        words = _WORD.findall(ap["pre"]) + ([ap["hy"]] if ap["hy"] else [])
        cues = _cfg()["cues"]
        if all(w.lower() in cues["former"] or w.lower() in cues["skip"] or w[:1].isupper()
               or w.lower() in ("the", "a", "an") for w in words):
            mod = _modifier(words)
            title = " ".join(ap["title"].lower().split())
            return None if mod == "skip" else (mod or "current", title, 0, ap.end())
    return None


def _intervals(kind: str, cands: list[Holder]) -> tuple[Interval, ...]:
    if kind == "current":
        return tuple((t.start[0], t.end[1] if t.end else None) for h in cands for t in h.terms)
    if kind == "former":
        ends = [h.terms[0].end[0] for h in cands if h.terms[0].end]
        return ((min(ends), None),) if ends else ()
    seconds = [h.terms[1].start[0] for h in cands if len(h.terms) > 1]
    return ((min(seconds), None),) if seconds else ()


def find_office_constraints(doc: Doc | str) -> list[OfficeConstraint]:
    """Officeholder mentions in a spaCy Doc (or plain text) that bound its publication date."""
    text, sents = _sentences(doc)
    name_re = _patterns()[0]
    quotes = _quote_spans(text)
    cues = _cfg()["cues"]["hypothetical"]
    hypo = re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")\b", re.I)
    out: list[OfficeConstraint] = []
    for m in name_re.finditer(text):
        if any(qs <= m.start() < qe for qs, qe in quotes):
            continue
        ss, se = next(((s, e) for s, e in sents if s <= m.start() < e), (0, len(text)))
        sentence, before, after = text[ss:se], text[ss:m.start()], text[m.end():se]
        if hypo.search(sentence) or re.match(r"^\s+[A-Z][a-z]", after):
            continue  # conditional, or a longer name ("President Bashir Gemayel")
        found = _classify(before, after)
        if found is None:
            continue
        kind, title, pre, post = found
        if kind == "current" and _YEAR.search(sentence):
            continue  # "In 2014, Prime Minister X ...": history told with the titles of then
        cands = [h for h in _by_name()[m.group()] if title is None or title in h.titles]
        intervals = _intervals(kind, cands) if cands else ()
        if intervals:
            s, e = m.start() - pre, m.end() + post
            out.append(OfficeConstraint(kind, cands[0].name, cands[0].office, text[s:e], s, e,
                                        intervals))
    return out


def _intersect(a: list[tuple[date, date]], b: list[tuple[date, date]]
               ) -> list[tuple[date, date]]:
    out = []
    for lo1, hi1 in a:
        for lo2, hi2 in b:
            lo, hi = max(lo1, lo2), min(hi1, hi2)
            if lo <= hi:
                out.append((lo, hi))
    return sorted(out)


def office_window(constraints: list[OfficeConstraint], *, today: date | None = None
                  ) -> list[tuple[date, date]] | None:
    """The stretches of days every constraint allows (open ends stop at `today`).

    None when there is no constraint, or when they contradict each other (a misread mention
    or stale data): then they are ignored rather than ruling out every day.
    """
    if not constraints:
        return None
    today = today or date.today()
    allowed = [(date(1900, 1, 1), today)]
    for c in constraints:
        allowed = _intersect(allowed, [(lo, hi or today) for lo, hi in c.intervals])
        if not allowed:
            log.debug("officeholder constraints conflict, ignored: %s",
                      [(k.kind, k.text) for k in constraints])
            return None
    return allowed
