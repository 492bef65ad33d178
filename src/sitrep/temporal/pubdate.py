"""Publication dates: from the article header, from the URL, or estimated from the content."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep._data import load_yaml
from sitrep.model import Precision, TimeExpression
from sitrep.temporal.grammar import Reading, find_candidates, read_text
from sitrep.temporal.offices import OfficeConstraint, find_office_constraints, office_window
from sitrep.temporal.resolve import add_months

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["copyright_range", "date_from_url", "date_order", "estimate_range", "find_dateline",
           "inline_dateline", "narrow_by_page"]

# "KHARTOUM, May 29 (Reuters) - ", "SANAA (Example Wire) — ", "KYIV, Ukraine (AP) — ": the
# place (and maybe date) a wire story opens its first paragraph with
_INLINE_DATELINE = re.compile(
    r"\s*(?P<city>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?:\s*\([^)\n]{1,40}\))?"
    r"(?:,(?P<rest>[^\n—–]{0,40}?))?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|-{1,2}|:)\s")

_WEEKDAY_OR_BULLET = re.compile(r"^\s*(?:[•·*|>-]\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?",
                                re.I)


@cache
def _cfg() -> dict[str, Any]:
    with open(Path(__file__).parent / "data" / "pubdate.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


def _full_date(r: Reading) -> date | None:
    if r.year is None or r.month is None or r.day is None or r.type not in ("DATE", "TIME"):
        return None
    try:
        return date(r.year, r.month, r.day)
    except ValueError:
        return None


def _header_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first non-empty lines."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, line.rstrip("\r\n")))
            if len(out) >= _cfg()["header_lines"]:
                break
        pos += len(line)
    return out


@lru_cache(maxsize=16)
def _content_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every expression with an explicit year."""
    return [(s, r.year) for s, _e, r in find_candidates(text) if r.year]


def find_dateline(text: str) -> tuple[date, int, int] | None:
    """The publication date stated in the header of scraped text, with its offsets.

    A header line with a full date (day, month, year) counts when it is short (a byline or
    dateline, not running text). Site chrome is rejected: a lone date on the first line
    behind a bullet or weekday when another candidate exists, or a date more than a year
    after every year the content mentions (the scrape date of an old article).
    """
    cfg = _cfg()
    cands: list[tuple[int, date, int, int, str]] = []  # (line no, date, start, end, line)
    for no, (off, line) in enumerate(_header_lines(text)):
        inline = _INLINE_DATELINE.match(line)
        if inline and inline["rest"]:  # "PRETORIA, Nov 2, 2022 — <first paragraph>"
            for s, e, r in find_candidates(inline["rest"]):
                d = _full_date(r)
                if d is not None:
                    d = date_order(d, inline["rest"][s:e], text)
                    at = off + inline.start("rest")
                    cands.append((no, d, at + s, at + e, line[:inline.end()]))
        if len(line.strip()) > cfg["max_dateline_chars"] or _is_sentence(line):
            continue
        for s, e, r in find_candidates(line):
            d = _full_date(r)
            if d is not None:
                cands.append((no, date_order(d, line[s:e], text), off + s, off + e, line))
    kept = [c for c in cands if not _is_chrome(c, cands, text)]
    if not kept:
        return None
    low = [c for c in kept if not any(u in c[4].lower() for u in cfg["update_cues"])]
    cued = [c for c in (low or kept)
            if any(cue in c[4].lower() for cue in cfg["dateline_cues"])]
    no, d, s, e, _ = (cued or low or kept)[0]
    return d, s, e


_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/\d{2,4}")


def date_order(d: date, written: str, text: str) -> date:
    """ "10/09/2025" is 9 October in a US story and 10 September in a British one: an
    ambiguous slashed date follows the way the rest of the page writes."""
    m = _SLASHED.fullmatch(written.strip())
    if m is None or int(m[1]) > 12 or int(m[2]) > 12 or m[1] == m[2] or not _day_first(text):
        return d
    return d.replace(month=d.day, day=d.month)


@cache
def _dates_in_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "10 September" and "September 10", with the temporal lexicon's month names
    capitalised ("may" the verb is no month)."""
    from sitrep.temporal.lexicon import lexicon

    names = sorted(lexicon()["months"], key=len, reverse=True)
    months = "(?:" + "|".join(re.escape(m.capitalize()) for m in names) + ")"
    return (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{months}\b"),
            re.compile(rf"\b{months}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\d|,?\s*\d{{3}})"))


@lru_cache(maxsize=16)
def _day_first(text: str) -> bool:
    """Whether the page writes day before month: unambiguous slashed dates first, then dates
    in words ("10 September" against "September 10"), then British spellings against
    American ones ("defence", "neighbour" against "defense", "neighbor")."""
    for a, b in _SLASHED.findall(text):
        if int(a) > 12 >= int(b):
            return True
        if int(b) > 12 >= int(a):
            return False
    day_month, month_day = _dates_in_words()
    words = len(day_month.findall(text)) - len(month_day.findall(text))
    if words:
        return words > 0
    low = text.lower()
    spelling = 0
    for british, american in _cfg()["spellings"].items():
        spelling += len(re.findall(rf"\b{british}", low)) - len(re.findall(rf"\b{american}", low))
    return spelling > 0


def _is_sentence(line: str) -> bool:
    """Running text ("... were killed on January 3, 2020.") is not a dateline."""
    low = line.lower()
    if any(cue in low for cue in ("published", "posted", "updated")):
        return False
    return bool(re.search(r"[.!?\"”]\s*$", line)) and len(line.split()) > 5


def _is_chrome(c: tuple[int, date, int, int, str], cands: list[Any], text: str) -> bool:
    no, d, s, e, line = c
    prefix = _WEEKDAY_OR_BULLET.match(line)
    # A clock-like line ("Sunday, 08 February 2026") atop the page, years after everything
    # the article mentions, is the scrape date of an old page. Bylines ("05-01-2020", "Agency
    # March 3, 2020") and dates under the headline are exempt: articles often name no year
    # but those of older events ("led the group since 1992").
    years = [y for off, y in _content_years(text) if off != s]
    clock = bool(prefix and prefix.group().strip()) and no == 0
    if clock and years and d.year > max(years) + _cfg()["max_years_after_content"]:
        return True
    rest = line[prefix.end() if prefix else 0:]
    lone = no == 0 and len(rest.strip()) <= (e - s) + 1
    if not lone:
        return False
    # "• Sunday, 08 February 2026" alone atop the page is the site's clock, never a dateline;
    # a bare weekday-date line is only when the header has another candidate
    return line.lstrip()[:1] in "•·*|>" or len(cands) > 1


_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<s>[/_-]?)(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)"
                       r"(?!\d)|/(?P<y2>(?:19|20)\d\d)/(?P<m2>[01]?\d)/(?P<d2>[0-3]?\d)(?:/|$)")


def date_from_url(url: str) -> date | None:
    """A publication date written in a URL path (/2020/01/17/, 2020-01-17, 20200117)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    for m in _URL_DATE.finditer(path):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        try:
            found = date(int(y), int(mo), int(d))
        except ValueError:
            continue
        if date(1990, 1, 1) <= found <= date.today() + timedelta(days=2):
            return found
    return None


# ------------------------------------------------------------ estimating from content


def _tenses(timexes: list[TimeExpression], sdoc: Doc | None) -> list[int]:
    """Tense of each expression's clause; nominal month-days with a forward noun count +1."""
    if sdoc is None:
        return [0] * len(timexes)
    from sitrep.temporal.tagger import tense_of

    forward = set(_cfg()["forward_nouns"])
    out = []
    for tx in timexes:
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or not len(span):
            out.append(0)
            continue
        t = tense_of(span.root)
        head = span.root.head
        if t == 0 and head.lemma_.lower() in forward:
            t = 1
        elif t == 0 and span.root.dep_ in ("compound", "nmod", "amod") and head is not span.root:
            t = tense_of(head)  # "began with the December 27 attack": the clause's past
        out.append(t)
    return out


_Constraint = tuple[int, Any]  # (weight, predicate on a candidate day)


def _window(anchor_days: list[date], lo: int, hi: int):  # type: ignore[no-untyped-def]
    """d - a in [lo, hi] days for some candidate anchor a."""
    return lambda d: any(lo <= (d - a).days <= hi for a in anchor_days)


def _constraints(timexes: list[TimeExpression], tenses: list[int], years: range
                 ) -> list[_Constraint]:
    out: list[_Constraint] = []
    this_year_sents = {tx.sentence for tx in timexes if tx.text.lower().endswith("this year")}
    dated_months: dict[int, set[int]] = {}
    for tx in timexes:
        r = read_text(tx.text)
        if r is not None and r.month and r.year and not r.day:
            dated_months.setdefault(r.month, set()).add(r.year)
    seen: set[tuple[str, int]] = set()
    for tx, tense in zip(timexes, tenses, strict=True):
        if (tx.text, tense) in seen:
            continue  # a repeated paragraph is no new evidence
        seen.add((tx.text, tense))
        r = read_text(tx.text)
        if r is None or r.type not in ("DATE", "TIME") or r.value:
            continue
        sp = tx.span
        if r.year is not None and sp.earliest and sp.latest and not r.unit:
            lo, hi = sp.earliest, sp.latest
            if tense > 0:
                out.append((2, lambda d, hi=hi: d <= hi))
                if tx.sentence in this_year_sents and r.month is None:
                    out.append((2, lambda d, lo=lo: d < lo))  # "this year, and ... in 2026"
            else:
                out.append((2, lambda d, lo=lo: d >= lo))
        elif r.month is not None and r.year is None and not r.same_year:
            # within reach and half of it, so nearer days score more; a named day also
            # within a tenth of it: news is written soon after the day it reports
            for k in (1.0, 0.5, 0.1) if r.day else (1.0, 0.5):
                out.append((1, _month_constraint(r, tense, years, k)))
            # a month the text also names with a year ("a visit in December 2018") is, when
            # written bare ("the December 27 attack"), another year's: the writer added the
            # year to tell the two apart
            if r.month in dated_months:
                out.append((1, _occurrence_not_in(r, tense, dated_months[r.month])))
    return out


def _occurrence_not_in(r: Reading, tense: int, banned: set[int]
                       ):  # type: ignore[no-untyped-def]
    """The occurrence a bare month(-day) names on day d (the next one in a future clause,
    else the last) falls outside the `banned` years."""
    assert r.month is not None
    month = r.month

    def pred(d: date) -> bool:
        occ = [date(y, month, min(r.day or 1, monthrange(y, month)[1]))
               for y in (d.year - 1, d.year, d.year + 1)]
        o = min(a for a in occ if a >= d) if tense > 0 else max(a for a in occ if a <= d)
        return o.year not in banned
    return pred


def _month_constraint(r: Reading, tense: int, years: range, k: float
                      ):  # type: ignore[no-untyped-def]
    """A month (-day) without year: past within a year before, future within half a year
    (`k` scales the reach)."""
    assert r.month is not None
    past, fut = int(366 * k), int(183 * k)
    if r.day:
        days = [date(y, r.month, min(r.day, monthrange(y, r.month)[1])) for y in years]
        ok = [a for a in days if r.weekday is None or a.isoweekday() == r.weekday]
        if tense < 0:
            return _window(ok, 0, past)
        if tense > 0:
            return _window(ok, -fut, 0)
        return _window(ok, -fut, fut)
    starts = [date(y, r.month, 1) for y in years]
    if tense < 0:
        return _window(starts, 0, past)
    if tense > 0:
        return _window([add_months(a, 1) for a in starts], -fut, 0)
    ends = [add_months(a, 1) - timedelta(days=1) for a in starts]
    return lambda d: any(-fut <= (d - a).days and (d - e).days <= fut
                         for a, e in zip(starts, ends, strict=True))


def estimate_range(timexes: list[TimeExpression], *, sdoc: Doc | None = None,
                   tenses: list[int] | None = None,
                   offices: list[OfficeConstraint] | None = None,
                   today: date | None = None) -> tuple[date, date] | None:
    """Estimate the publication date range from the content's time expressions.

    Explicit dates in past-tense clauses are lower bounds, in future-tense clauses upper
    bounds; months and month-days without a year must lie within reach in the tense's
    direction. The days that satisfy the most (weighted) constraints form the range; when
    they fall into several stretches, the one nearest the latest bound wins (news reports
    recent pasts and near futures).

    Officeholder mentions ("Prime Minister X announced", "former President Y"; found in
    `sdoc` unless `offices` is given) restrict the days considered to those their terms of
    office allow; alone, they give the range when it is narrow enough.
    """
    if offices is None and sdoc is not None:
        offices = find_office_constraints(sdoc)
    allowed = office_window(offices or [], today=today)
    if sdoc is not None and tenses is None:
        # a page's own dates are a last resort: only when the content dates nothing itself
        content = [tx for tx in timexes if not _furniture(tx, sdoc)]
        if any(tx.span.earliest for tx in content):
            timexes = content
    if tenses is None:
        tenses = _tenses(timexes, sdoc)
    dated = [(tx.span.earliest.year, t) for tx, t in zip(timexes, tenses, strict=True)
             if tx.span.earliest and tx.span.precision != Precision.RANGE]
    if not dated:
        return _office_range(allowed)
    # search a few years from the latest year a non-future clause mentions: a text is
    # written after what it reports, and the search stays small
    ref = max((y for y, t in dated if t <= 0), default=max(y for y, _ in dated))
    years = range(ref - 1, ref + 7)
    stretches = _search_days(years, allowed)
    if allowed and not stretches:
        # the content's years and the officeholders disagree: trust the terms of office
        # (explicit years stay constraints) and search the years they allow
        stretches = _clip_recent(allowed)
        years = range(stretches[0][0].year - 1, stretches[-1][1].year + 2)
    cons = _constraints(timexes, tenses, years)
    if not cons:
        return _office_range(allowed)
    scores: list[tuple[date, int]] = []
    for day, end in stretches:
        while day <= end:
            scores.append((day, sum(w for w, pred in cons if pred(day))))
            day += timedelta(days=1)
    best = max(s for _, s in scores)
    runs = _runs(scores, best)
    # an explicit future year bounds the date from above: take the stretch nearest it;
    # otherwise the one nearest the explicit past references (news reports recent events)
    pick = runs[-1] if _explicit_future(timexes, tenses) else runs[0]
    lo, hi = pick
    if (hi - lo).days < _cfg()["min_estimate_days"]:
        # a best stretch of a few days is overconfident: widen it to its calendar month(s)
        # over the days just one soft constraint short
        wide = [r for r in _runs(scores, best - 1) if r[0] <= lo and hi <= r[1]]
        if wide:
            lo = max(wide[0][0], lo.replace(day=1))
            hi = min(wide[0][1], hi.replace(day=monthrange(hi.year, hi.month)[1]))
    return lo, hi


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–]\s*)?"
                        r"((?:19|20)\d\d)\b", re.I)


def narrow_by_page(rng: tuple[date, date], text: str, stripped: list[str]
                   ) -> tuple[date, date]:
    """Narrow an estimated range with what the page says of itself: a copyright year is the
    latest the story can be (a stale one, before the range, is ignored); a dateline with a
    day but no year ("WASHINGTON, Sept 16 (Reuters) -") is that day, when the range holds it
    once."""
    lo, hi = rng
    years = [int(m[1]) for line in stripped for m in _COPYRIGHT.finditer(line)]
    if years and lo.year <= max(years) and date(max(years), 12, 31) < hi:
        hi = date(max(years), 12, 31)
    # the header the cleaner took off the text comes first among the stripped lines
    md = _yearless_dateline(text) or _yearless_dateline("\n".join(stripped))
    if md is not None:
        days = []
        for year in range(lo.year, hi.year + 1):
            try:
                day = date(year, *md)
            except ValueError:  # 29 February
                continue
            if lo <= day <= hi:
                days.append(day)
        if len(days) == 1:
            return days[0], days[0]
    return lo, hi


def copyright_range(stripped: list[str]) -> tuple[date, date] | None:
    """The year of the page's copyright notice, as a range: the only hint of when a page
    written with no year at all ("Saturday", "March 23", "© 2019") was published."""
    years = [int(m[1]) for line in stripped for m in _COPYRIGHT.finditer(line)]
    return (date(max(years), 1, 1), date(max(years), 12, 31)) if years else None


def _yearless_dateline(text: str) -> tuple[int, int] | None:
    """(month, day) of a dateline naming no year: a wire dateline opening the first
    paragraph, or a short byline-like header line."""
    cfg = _cfg()
    for _off, line in _header_lines(text):
        inline = _INLINE_DATELINE.match(line)
        if inline and inline["rest"]:
            part = inline["rest"]
        elif len(line.strip()) <= cfg["max_dateline_chars"] and not _is_sentence(line) and any(
                cue in line.lower() for cue in cfg["dateline_cues"]):
            part = line
        elif any(r.type == "DATE" and e - s == len(line.strip()) for s, e, r in
                 find_candidates(line.strip())):
            part = line  # "March 23" alone on its line under the byline
        else:
            continue
        for _s, _e, r in find_candidates(part):
            if r.type == "DATE" and r.month and r.day and r.year is None:
                return r.month, r.day
    return None


def _furniture(tx: TimeExpression, sdoc: Doc) -> bool:
    """A date alone on its line, with no clause around it ("• Sunday, 08 February 2026",
    "Gulan Media January 17, 2020 News"): a page's or a byline's date, not the content's."""
    text = sdoc.text
    lo = text.rfind("\n", 0, tx.start) + 1
    hi = text.find("\n", tx.end)
    line = sdoc.char_span(lo, hi if hi >= 0 else len(text), alignment_mode="contract")
    return line is not None and not any(t.pos_ in ("VERB", "AUX") and t.is_alpha for t in line)


def _search_days(years: range, allowed: list[tuple[date, date]] | None
                 ) -> list[tuple[date, date]]:
    """The stretches of days to score: the years searched, within the officeholders' terms."""
    lo, hi = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
    if allowed is None:
        return [(lo, hi)]
    return [(max(lo, a), min(hi, b)) for a, b in allowed if a <= hi and lo <= b]


def _clip_recent(allowed: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Keep the search small: the last `max_office_search_years` the terms allow."""
    floor = allowed[-1][1] - timedelta(days=366 * _cfg()["max_office_search_years"])
    return [(max(a, floor), b) for a, b in allowed if b >= floor]


def _office_range(allowed: list[tuple[date, date]] | None) -> tuple[date, date] | None:
    """With no dated content, the officeholders' window itself when it is narrow enough."""
    if not allowed:
        return None
    lo, hi = allowed[0][0], allowed[-1][1]
    return (lo, hi) if (hi - lo).days <= _cfg()["max_office_only_days"] else None


def _explicit_future(timexes: list[TimeExpression], tenses: list[int]) -> bool:
    for tx, tense in zip(timexes, tenses, strict=True):
        r = read_text(tx.text)
        if tense > 0 and r is not None and r.year is not None and not r.unit:
            return True
    return False


def _runs(scores: list[tuple[date, int]], floor: int) -> list[list[date]]:
    """Stretches of consecutive days scoring at least `floor`."""
    runs: list[list[date]] = []
    for day, s in scores:
        if s < floor:
            continue
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return runs


def inline_dateline(text: str, pos: int = 0) -> re.Match[str] | None:
    """The wire dateline opening the paragraph at `pos`, if any: groups `city` and `rest`
    (what follows the comma: a date or a country)."""
    return _INLINE_DATELINE.match(text, pos)
