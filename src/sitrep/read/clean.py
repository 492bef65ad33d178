"""Strip site furniture from scraped article text, conservatively.

Scraped pages carry headers, counters, share buttons, comment policies, teasers of other
articles and repeated paragraphs. Rules are line-shaped and live in `data/junk.yaml`: a short
line is junk when every fragment of it matches a furniture pattern; a long prose line is only
ever removed when it repeats an earlier paragraph, matches a comment/cookie policy pattern, or
sits in a teaser block of other articles at the end of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from sitrep._data import load_yaml

__all__ = [
    "Cleaned",
    "clean",
    "clean_text",
    "extract_source_line",
    "header_lines",
    "junk_rules",
    "normalize_lines",
]

_SPLIT = re.compile(r"\s{2,}|\s*[•·|]\s*")
_SOURCE = re.compile(r"^\s*(?:source|sources|via)\s*:\s*(?P<name>[^.:]{2,60}?)\s*\.?\s*$", re.I)
_BY = re.compile(r"^\s*(?:by|written by|reporting by)\s+(?P<name>.+?)\s*$", re.I)
_URL_TAIL = re.compile(r"(?<=[.!?\"”’)])\s+(https?://\S+)\s*$")
_TERMINAL = tuple(".!?\"”’)»:。！？」）")
_WORD = re.compile(r"\w+", re.U)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class _Rules:
    max_fragment_words: int
    fragment: re.Pattern[str]
    date: re.Pattern[str]
    byline: re.Pattern[str]
    teaser_heading: re.Pattern[str]
    label_line: re.Pattern[str]
    label_line_words: int
    comment_heading: re.Pattern[str]
    strong: re.Pattern[str]
    weak: re.Pattern[str]
    teaser_tail_ratio: float
    outlet_words: frozenset[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def junk_rules() -> _Rules:
    """Compile data/junk.yaml once (users extend the YAML, not this code)."""
    raw: dict[str, Any] = load_yaml(
        resources.files("sitrep.read").joinpath("data/junk.yaml").read_text("utf-8")
    )
    subs = {
        "{month}": "(?:" + "|".join(raw["months"]) + ")",
        "{weekday}": "(?:" + "|".join(raw["weekdays"]) + ")",
        "{time}": "(?:" + raw["time"] + ")",
    }
    dates = []
    for pat in raw["date_fragments"]:
        for key, val in subs.items():
            pat = pat.replace(key, val)
        dates.append(pat)
    date = _alt(dates)
    full = re.IGNORECASE
    return _Rules(
        max_fragment_words=int(raw["max_fragment_words"]),
        fragment=re.compile(rf"(?:{_alt(raw['fragments'])}|{date})[\s.,:;!>-]*", full),
        date=re.compile(date, full),
        # "<Name> <date> <Section>": a byline that names the outlet or author before a date.
        byline=re.compile(
            rf"(?:by\s+)?(?P<name>[A-Z][\w.'&-]*(?:\s+[A-Z0-9][\w.'&-]*){{0,4}})[\s,|-]+"
            rf"(?P<date>(?i:{date}))(?:[\s,|-]+(?P<section>[A-Z][\w &-]{{0,30}}))?",
            re.UNICODE,
        ),
        label_line=re.compile(_alt(raw["label_lines"]), full),
        label_line_words=int(raw["label_line_words"]),
        teaser_heading=re.compile(rf"(?:{_alt(raw['teaser_headings'])})\s*:?", full),
        comment_heading=re.compile(rf"(?:{_alt(raw['comment_headings'])})\s*:?", full),
        strong=re.compile(_alt(raw["policy_strong"]), full),
        weak=re.compile(_alt(raw["weak"]), full),
        teaser_tail_ratio=float(raw["teaser_tail_ratio"]),
        outlet_words=frozenset(str(w).lower() for w in raw["outlet_words"]),
    )


@dataclass(slots=True)
class Cleaned:
    """The article text with paragraphs separated by blank lines, and what was removed."""

    text: str
    stripped: list[str] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    header: list[str] = field(default_factory=list)


def normalize_lines(text: str) -> list[str]:
    """Lines with exotic spaces made plain and trailing space stripped (no line is dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = re.sub(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000\t]", " ", text)
    text = re.sub(r"[\u200b-\u200d\u2060]", "", text)
    return [line.rstrip() for line in text.split("\n")]


def _squash(line: str) -> str:
    return " ".join(line.split())


@lru_cache(maxsize=1 << 16)
def _nwords(line: str) -> int:
    # scripts written without spaces: two characters count as a word
    return len(_WORD.findall(_CJK.sub(" ", line))) + len(_CJK.findall(line)) // 2


@lru_cache(maxsize=1 << 16)
def _is_prose(line: str) -> bool:
    """A sentence-like line: the start of the article body (never junk by shape alone)."""
    n = _nwords(line)
    if n < 20 and _META.match(line) and _STAMP.search(line):
        return False  # "By Dan Hark, Defense Correspondent | Sept. 27, 2025 at 8:14 p.m."
    if n < 20 and line.lstrip()[:1] in "▸►▶›»→":
        return False  # "▸ Fuel ships dock in Hodeidah (10 April 2022)": a link to a story
    return n >= 20 or (n >= 8 and line.rstrip().endswith(_TERMINAL))


# a byline or a publication stamp, however it ends
_META = re.compile(r"\s*(?:by\s+\S.*\s[|•·]\s|(?:published|updated|last updated|posted)\b)",
                   re.I)
_STAMP = re.compile(r"\b(?:19|20)\d\d\b|\d{1,2}:\d{2}")


def _is_furniture(raw_line: str, rules: _Rules) -> bool:
    """Every fragment of a short line is furniture (counters, buttons, dates, labels)."""
    line = raw_line.strip()
    if not line:
        return False
    if _nwords(line) <= rules.label_line_words and rules.label_line.fullmatch(line):
        return not line.endswith(".")  # a link to another article, not a sentence
    if _menu(line):
        return True
    if _nwords(line) > rules.max_fragment_words * 2:
        return False
    parts = [p for p in _SPLIT.split(line) if p.strip()]
    if not parts:
        return True  # only separators
    return all(
        _nwords(p) <= rules.max_fragment_words and rules.fragment.fullmatch(p.strip())
        for p in parts
    )


_BAR = re.compile(r"\s+[|•·]\s+|[ \t]{3,}")  # "World | Europe", "Home   News   UK"
_SECTION = re.compile(r"\s[|•·/>]\s")


def _menu(line: str) -> bool:
    """A bar of four or more short links: "World | U.S. | Europe | Africa | Asia", "Topics:
    Syria | Bashar al-Assad | Russia | Israel"."""
    parts = _BAR.split(line)
    return len(parts) >= 4 and not any(c.isdigit() for c in line) and all(  # a table row has
        0 < _nwords(p) <= 4 and not p.rstrip().endswith(("!", "?")) for p in parts)  # figures


_DESK = re.compile(r"\b(?:reporter|correspondent|staff writer|agencies|bureau|news desk)\b", re.I)


def _byline_name(name: str) -> str:
    """The name in "By <name>, Defense Correspondent | Sept. 27, 2025": before any role or
    date ("and" joins two names and stays)."""
    return re.split(r"\s[|•·]\s|,\s", name)[0]


def _desk_byline(line: str) -> bool:
    """A byline naming a role or desk rather than "By <name>": "Staff reporter in Beirut and
    agencies", "Europe correspondent"."""
    return _nwords(line) <= 8 and not line.endswith(_TERMINAL) and bool(_DESK.search(line))


def _only_dates(line: str, rules: _Rules) -> bool:
    """A line that is nothing but a date: inside the body it may head a live-blog section."""
    parts = [p.strip(" .,:;-") for p in _SPLIT.split(line.strip()) if p.strip(" .,:;-")]
    return bool(parts) and all(rules.date.fullmatch(p) for p in parts)


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _name_like(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def extract_source_line(text: str) -> str | None:
    """The outlet named on a "Source: X" line (the last one wins), or None."""
    found = None
    for line in normalize_lines(text):
        m = _SOURCE.match(line)
        if m and _nwords(m["name"]) <= 6:
            found = _squash(m["name"])
    return found


def _body_start(lines: list[str]) -> int:
    """The first line of running text; a cookie or privacy notice above the headline (prose
    too) is furniture of the header."""
    rules = junk_rules()
    for i, line in enumerate(lines):
        if _is_prose(line) and not rules.strong.search(_squash(line)):
            return i
    return len(lines)


def header_lines(text: str) -> list[str]:
    """The raw non-empty lines before the first prose line (title, dateline, byline ...)."""
    lines = normalize_lines(text)
    return [line.strip() for line in lines[: _body_start(lines)] if line.strip()]


def _outlet_or_author(name: str, rules: _Rules) -> str:
    words = {w.lower() for w in _WORD.findall(name)}
    return "outlet" if words & rules.outlet_words else "author"


def _is_title(line: str) -> bool:
    return _nwords(line) >= 2 and not _is_prose(line)


def _read_header(head: list[str], out: Cleaned, rules: _Rules, infer_title: bool) -> list[str]:
    """Take title, byline, dates and furniture out of the header; keep anything else.

    With `infer_title` (scraped pages) the headline is the last header line of 4+ words (the
    one nearest the body; else the first of 2+), and short lines with no sentence end (menus,
    section names) go too.
    """
    rest: list[str] = []
    for line in head:
        sq = _squash(line)
        if not sq:
            continue
        by = rules.byline.fullmatch(sq)
        m = _BY.match(sq)
        if _is_furniture(line, rules):
            out.stripped.append(sq)
        elif by and _nwords(by["name"]) <= 5:
            _set_once(out, _outlet_or_author(by["name"], rules), by["name"])
            out.stripped.append(sq)
        elif (m and _nwords(_byline_name(m["name"])) <= 5) or (
                not out.author and _name_like(sq) and rest):
            _set_once(out, "author", _byline_name(m["name"]) if m else sq)
            out.stripped.append(sq)
        elif (out.author and _key(sq) == _key(out.author)) or (  # the byline printed twice,
                infer_title and _desk_byline(sq)):  # or one naming a desk
            out.stripped.append(sq)
        else:
            rest.append(sq)
    standfirst = None
    if infer_title and out.title is None:
        # section bars ("Analysis | Horn of Africa") and paths ("WORLD NEWS / MIDDLE EAST")
        # are headlines only when nothing else is
        heads = [x for x in rest if _is_title(x) and not _SECTION.search(x)] or [
            x for x in rest if _is_title(x)]
        long = [x for x in heads if _nwords(x) >= 4]
        out.title = long[-1] if long else (heads[0] if heads else None)
        if len(long) >= 2 and rest.index(long[-1]) == rest.index(long[-2]) + 1 and (
                _nwords(long[-1]) > _nwords(long[-2]) >= 6):
            out.title, standfirst = long[-2], long[-1]  # a headline, then its longer summary
    title_key = _key(out.title) if out.title else None
    kept: list[str] = []
    for sq in rest:
        menu = infer_title and _nwords(sq) < 6 and not sq.endswith(_TERMINAL)
        if (title_key and _key(sq) == title_key) or menu or sq == standfirst:
            out.stripped.append(sq)
        else:
            kept.append(sq)
    return kept


def _set_once(out: Cleaned, attr: str, value: str) -> None:
    if getattr(out, attr) is None:
        # "Omar Saleh | World desk": the desk or section after a bar is not part of the name
        setattr(out, attr, _squash(re.split(r"\s[|•·]\s", value)[0]))


def _comment_section(lines: list[str], rules: _Rules) -> set[int]:
    """Indices of comment-policy lines: strong policy patterns, and weak ones next to them."""
    marked: set[int] = set()
    in_section = False
    for i, line in enumerate(lines):
        sq = _squash(line)
        if not sq:
            continue
        if rules.strong.search(sq) or rules.comment_heading.fullmatch(sq):
            marked.add(i)
            in_section = True
        elif in_section and (rules.weak.search(sq) or _is_furniture(sq, rules)):
            marked.add(i)
        elif _is_prose(sq):
            in_section = False
    return marked


def _teaser_like(lines: list[str], before: int, rules: _Rules) -> bool:
    """Teasers of other articles: headlines, each followed by at most one lede or caption.

    Two prose paragraphs in a row mean the article goes on, so nothing is cut.
    """
    content = [x for x in lines if x.strip() and not _is_furniture(x, rules)
               and not rules.strong.search(_squash(x))]  # cookie and copyright notices
    after = sum(len(x) for x in content if _is_prose(x))
    if after > rules.teaser_tail_ratio * before:
        return False
    if after and not any(_is_title(x) for x in content):
        return False  # prose with no headline of its own: the article's last paragraphs
    return not any(_is_prose(a) and _is_prose(b) for a, b in pairwise(content))


def _teasers(lines: list[str], rules: _Rules) -> tuple[int, set[int]]:
    """Where a teaser block ends the page (or len(lines)), and teaser lines inside the body.

    A heading inside the article ("Don't miss") only takes the headline-like lines up to
    the next prose paragraph with it.
    """
    before = 0
    inner: set[int] = set()
    for i, line in enumerate(lines):
        sq = _squash(line)
        if before and rules.teaser_heading.fullmatch(sq):
            if _teaser_like(lines[i + 1 :], before, rules):
                return i, inner
            for j in range(i + 1, len(lines)):
                if _is_prose(lines[j]) or _nwords(lines[j]) > 20:
                    break
                inner.add(j)
        if _is_prose(line):
            before += len(line)
    return len(lines), inner


def _sign_off(lines: list[str], rules: _Rules) -> str | None:
    """A lone outlet name printed after the last paragraph ("Reuters", "Rudaw")."""
    tail = [_squash(x) for x in lines if _squash(x)]
    for line in reversed(tail[-4:]):
        if _is_furniture(line, rules):
            continue
        words = line.split()
        if 1 <= len(words) <= 3 and all(w[:1].isupper() and w.isalnum() for w in words):
            return line
        return None
    return None


def _body(lines: list[str], out: Cleaned, rules: _Rules, body_from: int = 0) -> list[str]:
    """Drop furniture, policies, repeated paragraphs and consecutive repeats from the body.

    Lines from `body_from` on are the article body, where a bare date line is kept.
    """
    policy = _comment_section(lines, rules)
    seen: set[str] = set()
    prev = ""
    kept: list[str] = []
    for i, line in enumerate(lines):
        sq = _squash(line)
        if not sq:
            continue
        key = _key(sq)
        src = _SOURCE.match(sq)
        if src and _nwords(src["name"]) <= 6:
            _set_once(out, "outlet", src["name"])
            out.stripped.append(sq)
        elif i in policy or rules.teaser_heading.fullmatch(sq) or (
            _is_furniture(line, rules) and not (i >= body_from and _only_dates(line, rules))
        ):
            out.stripped.append(sq)
        elif key and (key == prev or (key in seen and _nwords(sq) >= 5)):
            out.stripped.append(sq)  # a paragraph (or byline) printed twice
        else:
            url = _URL_TAIL.search(sq)
            if url:  # a bare link pasted after a paragraph is not part of the sentence
                out.stripped.append(url.group(1))
                sq = sq[: url.start()].rstrip()
            kept.append(sq)
            seen.add(key)
        prev = key
    return kept


def _menu_runs(lines: list[str], min_run: int = 5) -> set[int]:
    """Runs of short lines with no sentence end (menus, link lists, tag clouds)."""
    runs: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "end of text."]):
        sq = line.strip()
        if not sq:
            continue
        if _nwords(sq) <= 4 and not sq.endswith(_TERMINAL):
            run.append(i)
            continue
        if len(run) >= min_run:
            runs.update(run)
        run = []
    return runs


def _in_order(pieces: list[str], text: str) -> list[str]:
    """Removed pieces in the order they appear on the page (repeats at their later places)."""
    text = f"\n{text}\n"
    after: dict[str, int] = {}
    placed = []
    for n, piece in enumerate(pieces):
        at = text.find(f"\n{piece}\n", after.get(piece, 0))  # a whole line first
        at = at if at >= 0 else text.find(piece, after.get(piece, 0))
        after[piece] = at + 1 if at >= 0 else after.get(piece, 0)
        placed.append((at if at >= 0 else len(text), n, piece))
    return [piece for _, _, piece in sorted(placed)]


def clean(text: str, *, title: str | None = None, infer_title: bool = True) -> Cleaned:
    """Clean scraped article text; `title` is a known headline to remove from the body.

    With `infer_title`, the first short non-furniture line before the body is the headline.
    """
    rules = junk_rules()
    out = Cleaned(text="", title=_squash(title) if title else None)
    lines = normalize_lines(text)
    start = _body_start(lines)
    out.header = [x.strip() for x in lines[:start] if x.strip()]
    head = _read_header(lines[:start], out, rules, infer_title)
    body = lines[start:]
    cut, inner = _teasers(body, rules)
    if inner:
        out.stripped.extend(_squash(body[i]) for i in sorted(inner) if body[i].strip())
        body = [x for i, x in enumerate(body) if i not in inner]
        cut -= sum(1 for i in inner if i < cut)
    if cut < len(body):
        out.stripped.extend(_squash(x) for x in body[cut:] if x.strip())
        body = body[:cut]
    if infer_title:  # scraped whole pages: navigation menus between paragraphs
        menus = _menu_runs(body)
        out.stripped.extend(_squash(body[i]) for i in sorted(menus))
        body = [x for i, x in enumerate(body) if i not in menus]
    signoff = _sign_off(body, rules)
    if signoff and not _is_prose(signoff):
        _set_once(out, "outlet", signoff)
        idx = max(i for i, x in enumerate(body) if _squash(x) == signoff)
        out.stripped.append(signoff)
        body = body[:idx] + body[idx + 1 :]
    kept = _body(head + body, out, rules, body_from=len(head))
    # short lines with no sentence end after the last paragraph: footer menus, tags, credits
    tail: list[str] = []
    while infer_title and kept and _nwords(kept[-1]) < 8 and not kept[-1].endswith(_TERMINAL):
        tail.append(kept.pop())
    out.stripped.extend(reversed(tail))
    out.stripped = _in_order(out.stripped, "\n".join(_squash(x) for x in lines))
    out.text = "\n\n".join(kept)
    return out


def clean_text(text: str) -> tuple[str, list[str]]:
    """The cleaned article text (headline removed) and the removed junk pieces, for display."""
    result = clean(text)
    return result.text, result.stripped
