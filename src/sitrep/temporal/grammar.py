"""Finding time expressions in text and reading them into an anchor-free `Reading`.

Each pattern is a regex built from the word lists plus a handler that turns the match into a
Reading (what the words say: "December 27" = month 12, day 27, year unknown). Anchoring the
reading on a date is `resolve.py`'s job, so the same reading can be resolved against a known
publication date, an estimated range or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from sitrep.temporal.lexicon import alternation, lexicon, lookup

__all__ = ["Reading", "find_candidates", "read_text"]


@dataclass(slots=True)
class Reading:
    """What an expression says, before anchoring. Unset fields are unknown."""

    type: str = "DATE"  # DATE | TIME | DURATION | SET
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 1 = Monday
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: int | None = None  # first year of the decade
    century: int | None = None  # 20 for "the 20th century"
    part: str | None = None  # part of day: MO AF EV NI
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None  # "Z" for a clock time given in UTC
    unit: str | None = None  # relative period unit: day week weekend month quarter year ...
    offset: int | None = None  # relative period offset in units
    anchor: str | None = None  # "dct" | "previous" for relative periods
    direction: int = 0  # -1 last, +1 next, 0 by tense (weekdays, months without year)
    same_year: bool = False  # "October of the same year"
    mod: str | None = None  # START | MID | END (part of a period) or quantity mod
    frac: tuple[float, float] | None = None  # the share of the period a part modifier keeps
    holiday: str | None = None  # key into the lexicon's holidays
    until_anchor: int = 0  # "earlier this month": -1 ends at the anchor, +1 starts there
    week_of: bool = False  # "the week of March 6": the week that holds the day
    value: str | None = None  # fixed values: P4M, PRESENT_REF, SET values
    span_back: bool = False  # a duration ending at the anchor ("the past four months")
    span_fwd: bool = False  # a duration starting at the anchor ("the next two years")
    amount: float | None = None  # the count of a duration (None = vague)
    # Comparisons take the grain of the period being reported on, the last quarter named:
    # "last" when that quarter is the latest reference ("profit rose from a year ago"),
    # "quarter" whenever one was named ("the year-ago period", "the 1988 quarter")
    prev_grain: str | None = None


_Handler = Callable[[re.Match[str]], Reading | None]

_B = r"(?<![\w$£€])"  # left word boundary that also rejects "$2020"
_E = r"(?![\w])"


def _units() -> str:
    return alternation(lexicon()["units"]) + r"(?:s|\b)"


@cache
def _blocks() -> dict[str, str]:
    lx = lexicon()
    num_words = alternation(lx["numbers"])
    tens = alternation([w for w, v in lx["numbers"].items() if v in range(20, 100, 10)])
    ones = alternation([w for w, v in lx["numbers"].items() if v in range(1, 10) and
                        w not in ("a", "an")])
    return {
        "MON": alternation(lx["months"], abbrev_dot=True),
        "WD": alternation([w for w in lx["weekdays"] if len(w) > 4]) + "|"
        + alternation([w for w in lx["weekdays"] if len(w) <= 4]) + r"\.",
        "WDF": alternation([w for w in lx["weekdays"] if len(w) > 4]),
        "DAYN": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d|\d)",
        # years read aloud in broadcast transcripts: "nineteen ninety-six", "two thousand and one"
        "SPOKEN_YEAR": rf"nineteen[\s-]+{tens}(?:[\s-]+{ones})?|two\s+thousand(?:\s+(?:and\s+)?"
        rf"{ones})?",
        "NUM": rf"(?:(?:\d{{1,3}}|{num_words})\s+and\s+a\s+half|\d{{1,3}}(?:\.\d+)?(?:\s+1/2)?|"
        rf"{tens}[\s-]+{ones}|{num_words})",
        "VAGUE": alternation(lx["vague_numbers"]),
        "UNIT": "(?:" + alternation(lx["units"]).replace(r"\s+", r"[\s-]+") + "|centuries)(?:s)?",
        "SEASON": alternation(lx["seasons"]),
        "DECADE_WORD": alternation(lx["decade_words"]),
        "DAYPART": alternation(lx["day_parts"]),
        "QMOD": alternation(lx["quantity_modifiers"]),
        "FIXED": alternation(lx["fixed"]),
        "OFFSET": alternation(lx["offset_words"]),
        "REL": alternation(lx["relative_words"]),
        "PART": alternation([p for p in lx["part_modifiers"] if p != "mid-"]),
        "ORD": alternation(lx["ordinals"]),
        "HOLIDAY": alternation(lx["holidays"]),
        "FREQ": alternation(lx["frequency_words"]),
        "BARE_CUE": "(?:" + "|".join(rf"(?<=\b{re.escape(w)}\s)"
                                     for w in lx["bare_duration_after"]) + ")",
        # "last" after these is the verb ("and last six weeks"); fixed-width lookbehinds
        "NOT_VERB": "(?!(?:" + "|".join(rf"(?<=\b{re.escape(w)}\s)"
                                        for w in lx["last_as_verb_after"]) + r")last\b)",
    }


def _num(text: str) -> float | None:
    """A count written in digits or words; None when vague ("several")."""
    t = " ".join(text.lower().replace("-", " ").split())
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t)
    m = re.fullmatch(r"(.+?) (?:1/2|and a half)", t)
    if m:
        whole = _num(m.group(1))
        return None if whole is None else whole + 0.5
    v = lookup("numbers", t)
    if v is not None:
        return float(v)
    parts = t.split()
    if len(parts) == 2 and all(lookup("numbers", p) for p in parts) and \
            lookup("numbers", parts[0]) >= 20:
        return float(lookup("numbers", parts[0]) + lookup("numbers", parts[1]))
    return None


def _unit(word: str) -> str:
    w = " ".join(word.lower().replace("-", " ").split()).rstrip("s")
    return "century" if w.startswith("centur") else w


def _month(word: str | None) -> int | None:
    return lookup("months", word) if word else None


def _month_ok(word: str) -> bool:
    """Months that are also common words ("may", "march") must be capitalized."""
    key = word.lower().rstrip(".")
    return not (key in lexicon()["ambiguous_months"] and not word[:1].isupper())


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _spoken_year(text)


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None


# ---------------------------------------------------------------- handlers


def _h_iso(m: re.Match[str]) -> Reading | None:
    month, day = int(m["mo"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    r = Reading(year=int(m["y"]), month=month, day=day)
    if m["hh"]:
        r.type, r.hour, r.minute = "TIME", int(m["hh"]), int(m["mi"])
    return r


def _h_numeric(m: re.Match[str]) -> Reading | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    # day first unless impossible, except the US slash form
    day, month = (b, a) if (m["sep"] == "/" and a <= 12) or b > 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Reading(year=y, month=month, day=day)


def _h_month_day(m: re.Match[str]) -> Reading | None:
    mon = m["mon"] or m["mon2"]
    if not _month_ok(mon):
        return None
    r = Reading(month=_month(mon), day=_day(m["d"] or m["d2"]), year=_year(m["y"]))
    if m["wd"]:
        r.weekday = lookup("weekdays", m["wd"])
    return r


def _h_month_year(m: re.Match[str]) -> Reading | None:
    if not _month_ok(m["mon"]):
        return None
    y = m.groupdict().get("y")
    return Reading(month=_month(m["mon"]), year=_year(y), same_year=y is None)


def _h_month_rel_year(m: re.Match[str]) -> Reading | None:
    """"June last year", "March 3 next year": the year counted from the DCT."""
    if not _month_ok(m["mon"]):
        return None
    return Reading(month=_month(m["mon"]), day=_day(m["d"]), unit="year", anchor="dct",
                   offset=lookup("relative_words", m["yrel"]))


def _h_month(m: re.Match[str]) -> Reading | None:
    mon = m["mon"]
    abbrev = len(mon.rstrip(".")) <= 4 and mon.lower() not in ("may", "june", "july")
    if not mon[:1].isupper() or (abbrev and not mon.endswith(".")):
        return None  # "Jan" alone is a name; "Jan." is a month
    rel = (m["rel"] or "").lower()
    r = Reading(month=_month(m["mon"]))
    r.direction = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if rel == "this":
        r.unit, r.offset, r.anchor = "year", 0, "dct"  # "this September": this year's
    return r


def _h_season(m: re.Match[str]) -> Reading | None:
    r = Reading(season=lookup("seasons", m["season"]), year=_year(m["y"]))
    rel = (m["rel"] or "").lower()
    if not rel and r.year is None and not (m["the"] and m["season"].lower() != "fall"):
        return None  # "fall" is a verb, "spring" a noun: a bare season needs a cue
    if rel == "this":
        r.unit, r.offset, r.anchor = "year", 0, "dct"
    elif rel:
        r.direction = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        r.anchor = "previous" if rel == "that" else "dct"
    return r


def _h_year(m: re.Match[str]) -> Reading | None:
    return Reading(year=int(m["y"]))


def _spoken_year(text: str) -> int:
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + int(_num(words[-1]) or 0) if len(words) > 2 else 2000
    return 1900 + int(_num(" ".join(words[1:])) or 0)


def _h_spoken_year(m: re.Match[str]) -> Reading | None:
    counted = rf"[\s-]*(?:{_blocks()['UNIT']}|percent|dollars|people|troops|soldiers|men|women)\b"
    if re.match(counted, m.string[m.end():], re.I):
        return None  # "nineteen ninety-six dollars", "two thousand troops": counts
    bare = m["sy"].lower().split() == ["two", "thousand"]
    if bare and not (m["cue"] or re.search(r"\b(?:in|since|by|until)\s+$",
                                           m.string[:m.start()], re.I)):
        return None
    return Reading(year=_spoken_year(m["sy"]))


def _h_decade(m: re.Match[str]) -> Reading | None:
    if m["dec"]:
        return Reading(decade=int(m["dec"]))
    if m["decw"]:  # "the nineties": the last century's, as news uses it
        return Reading(decade=1900 + lookup("decade_words", m["decw"]))
    return Reading(decade=1900 + int(m["dec2"]))


def _h_century(m: re.Match[str]) -> Reading | None:
    n = _day(m["c"])
    return Reading(century=n) if n and 1 <= n <= 30 else None


def _h_quarter(m: re.Match[str]) -> Reading | None:
    qw = m["q"] or m["q2"]
    q = lookup("ordinals", qw) if qw else int(m["qn"])
    y = _year(m["y"] or m["y2"] or m["y3"] or m["y4"])
    r = Reading(quarter=q if q and q > 0 else None, year=y)
    yrel = (m["yrel"] or m["yrel2"] or "").lower()
    if yrel:
        r.unit, r.offset, r.anchor = "year", lookup("relative_words", yrel), "dct"
    if r.quarter is None:
        return None
    r.direction = -1 if y is None and not yrel else 0
    return r


def _h_half(m: re.Match[str]) -> Reading | None:
    r = Reading(half=lookup("ordinals", m["h"]) % 3, year=_year(m["y"]))  # last (-1) -> 2
    yrel = (m["yrel"] or "").lower()
    if yrel:
        r.unit, r.offset, r.anchor = "year", lookup("relative_words", yrel), "dct"
    elif r.year is None:
        r.unit, r.offset, r.anchor = "year", 0, "dct"
    return r


def _h_rel_period(m: re.Match[str]) -> Reading | None:
    rel, unit = m["rel"].lower(), _unit(m["unit"])
    the = bool(m["pre"])
    if rel in ("past", "last", "next", "coming") and (the or rel == "past") and unit not in (
            "day", "weekend", "quarter"):
        # "the past year" is a stretch of time, "last year" a calendar year; "this past
        # weekend" is the last one; "the last quarter" is the reporting period before this one
        r = Reading(type="DURATION", unit=unit, amount=1)
        r.span_back, r.span_fwd = rel in ("past", "last"), rel in ("next", "coming")
        return r
    if unit == "weekend" and rel == "coming":
        return Reading(unit=unit, offset=0, anchor="dct")  # said midweek: this week's
    if rel in ("same", "full") and not the:
        return None  # "a full year" is a duration
    offset = lookup("relative_words", rel)
    anchor = "previous" if rel in ("following", "previous", "preceding", "prior", "same",
                                   "that") else "dct"
    if unit == "day" and rel in ("next", "last") and the:
        anchor = "previous"
    if unit == "day" and anchor == "dct":
        return None  # "this day", "next day" without "the": not a date on their own
    return Reading(unit=unit, offset=offset, anchor=anchor)


def _h_same_day(m: re.Match[str]) -> Reading | None:
    return Reading(unit="day", offset=0, anchor="previous")


def _h_part_of_current(m: re.Match[str]) -> Reading | None:
    key = " ".join(m["p"].lower().split()).removesuffix(" in")
    info = lookup("part_modifiers", key)
    r = Reading(unit=m["unit"].lower(), offset=0, anchor="dct", mod=info["mod"],
                frac=(info["lo"], info["hi"]))
    if key in ("earlier", "later"):
        r.until_anchor = -1 if key == "earlier" else 1
    return r


def _h_the_period(m: re.Match[str]) -> Reading | None:
    """"the quarter" in business news is the last one reported; "the weekend" by tense."""
    which = " ".join((m["which"] or "").lower().split())
    if m["unit"].lower() == "weekend":
        return Reading(unit="weekend", anchor="dct") if not which else None
    offset = {"": -1, "latest": -1, "most recent": -1, "current": 0, "same": 0}.get(which)
    if offset is None:
        return None
    # "the quarter", "the latest quarter": the one the report just named, if any
    grain = "quarter" if offset < 0 else None
    return Reading(unit="quarter", offset=offset, anchor="dct", prev_grain=grain)


def _h_comparison(m: re.Match[str]) -> Reading | None:
    """"the year-ago quarter", "year-earlier", "the latest period", "the 1988 quarter"."""
    if m["latest"]:
        return Reading(unit="quarter", offset=-1, anchor="dct", prev_grain="quarter")
    if m["y"]:
        return Reading(year=int(m["y"]), prev_grain="quarter")
    if m["q"]:
        return Reading(quarter=lookup("ordinals", m["q"]), unit="year", offset=-1, anchor="dct",
                       prev_grain="quarter")
    if m["what"]:  # the last reported quarter, a year back
        return Reading(unit="quarter", offset=-5, anchor="dct", prev_grain="quarter")
    return Reading(unit="year", offset=-1, anchor="dct", prev_grain="quarter")


def _h_the_year(m: re.Match[str]) -> Reading | None:
    return Reading(unit="year", offset=0, anchor="dct")


def _h_year_ended(m: re.Match[str]) -> Reading | None:
    return Reading(type="DURATION", unit="year", amount=1)


def _h_holiday(m: re.Match[str]) -> Reading | None:
    if not m["h"][:1].isupper():
        return None  # "christmas" in running text is capitalized; "may day" is not a holiday
    key = " ".join(m["h"].lower().replace("’", "'").split())
    rel = (m["rel"] or "").lower()
    r = Reading(holiday=key, year=_year(m["y"]))
    r.direction = {"last": -1, "next": 1}.get(rel, 0)
    if rel == "this":
        r.unit, r.offset, r.anchor = "year", 0, "dct"
    return r


def _h_day_adjacent(m: re.Match[str]) -> Reading | None:
    sign = 1 if m["dir"].lower() == "after" else -1
    return Reading(unit="day", offset=sign, anchor="previous")


def _h_long(m: re.Match[str]) -> Reading | None:
    plural = m["unit"].lower().endswith("s") and not m["num"]
    amount = _num(m["num"]) if m["num"] else None if plural else 1
    return Reading(type="DURATION", unit=_unit(m["unit"]), amount=amount)


def _h_counted(m: re.Match[str]) -> Reading | None:
    unit = _unit(m["unit"])
    if unit == "quarter" and re.match(r"\s+of\b", m.string[m.end():]) and \
            _num(m["num"] or "") in (1, 3):
        return None  # "three quarters of the vote": a fraction ("several quarters of losses")
    after = m.string[m.end():m.end() + 20]
    if unit == "second" and (m["num"] or "").lower() in ("a", "an") and not m["rel"] and \
            re.match(r"\s+[A-Za-z0-9]", after) and not re.match(
                r"\s+(?:of|or|and|to|in|later|ago|before|after|earlier)\b", after):
        return None  # "a second group": the ordinal
    if (m["num"] or "").lower() in ("a", "an") and not (m["rel"] or m["dir"] or m["qmod"]) \
            and _RATE_BEFORE.search(m.string[max(0, m.start() - 40):m.start()]):
        return None  # "$500 million a year", "four flights a week": a rate, not a time
    amount = _num(m["num"]) if m["num"] else None
    if amount is not None and m["half"]:
        amount += 0.5  # "a week and a half"
    if m["num"] and amount is None and not re.fullmatch(_blocks()["VAGUE"], m["num"], re.I):
        return None
    if m["range"]:
        amount = None
    direction = (m["dir"] or "").lower()
    rel = (m["rel"] or "").lower()
    if direction and lookup("units", unit).get("time"):
        direction = ""  # "an hour later": no calendar date to name, keep the duration
    if direction:
        info = lookup("offset_words", direction)
        if amount is None or amount != int(amount):
            return Reading(type="DATE", value="PAST_REF" if info["sign"] < 0 else "FUTURE_REF")
        compares = unit == "year" and _with_figures(m)
        return Reading(unit=unit, offset=int(amount) * info["sign"], anchor=info["anchor"],
                       prev_grain="last" if compares else None)
    r = Reading(type="DURATION", unit=unit, amount=amount, mod=_qmod(m["qmod"]))
    r.span_back = rel in ("past", "last", "previous", "recent")
    r.span_fwd = rel in ("next", "coming", "following")
    return r


# An amount, or a count of things, just before "a year"/"a week": "$1.76 a year", "4% a
# year", "700 seats a week", "24 hours a day"
_RATE_BEFORE = re.compile(r"(?:[$€£#]\s?\d[\d.,]*(?:\s+(?:million|billion|trillion))?|"
                          r"\d[\d.,]*\s*(?:%|percent|cents?|pence)|\b(?:\d[\d.,]*|one|two|three|"
                          r"four|five|six|seven|eight|nine|ten|twelve|dozen|hundred|thousand)"
                          r"\s+(?:[a-z-]+\s+)?[a-z]+s)\s+$", re.I)


def _with_figures(m: re.Match[str]) -> bool:
    """A comparison: money or percentages in the sentence ("profit rose 5% from a year ago"),
    or "than"/"from" just before ("prices higher than a year ago"); "a year ago, the
    country was in recession" is none."""
    text = m.string
    lo = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    hi = min((i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0),
             default=len(text))
    return bool(re.search(r"[$%£€#]|\b(?:cents?|pence|percent)\b", text[lo:hi], re.I) or
                re.search(r"\b(?:from|than|compared\s+with|versus)\s+$", text[lo:m.start()], re.I))


def _qmod(text: str | None) -> str | None:
    return lookup("quantity_modifiers", text) if text else None


def _h_plural_units(m: re.Match[str]) -> Reading | None:
    rel = " ".join((m["rel"] or "").lower().split())
    # "in recent weeks" is a stretch of unknown length ending now (TIMEX3 PXW), like "the
    # past weeks"
    r = Reading(type="DURATION", unit=_unit(m["unit"]), amount=None)
    r.span_back = rel.endswith(("past", "last", "recent"))
    r.span_fwd = rel.endswith(("next", "coming"))
    return r


# words after which an adjective is a noun instead ("the current of the river")
_FUNCTION_WORDS = {"of", "and", "or", "is", "was", "are", "were", "in", "to", "that", "which",
                   "at", "on", "by", "from", "with", "for", "as"}


def _h_bare_plural(m: re.Match[str]) -> Reading | None:
    """"for years", "within weeks": a stretch of unknown length (TIMEX3 PXY, PXW)."""
    return Reading(type="DURATION", unit=_unit(m["unit"]), amount=None)


def _h_fixed(m: re.Match[str]) -> Reading | None:
    info = lookup("fixed", m["w"])
    if info is None:
        return None
    if info.get("adjective"):
        nxt = re.match(r"\s+([a-z][\w-]*)", m.string[m.end():])
        if nxt is None or nxt[1] in info.get("not_before", ()) or nxt[1] in _FUNCTION_WORDS:
            return None
    if info["kind"] == "ref":
        return Reading(value=info["value"])
    if info["kind"] == "set":
        return Reading(type="SET", value=info["value"])
    r = Reading(unit="day", offset=info["offset"], anchor="dct", part=info.get("part"))
    if m["part"]:
        r.part = lookup("day_parts", m["part"])
    if r.part:
        r.type = "TIME"
    return r


def _h_daypart(m: re.Match[str]) -> Reading | None:
    rel = m["rel"].lower().split()[-1]
    part = lookup("day_parts", m["part"])
    if rel == "last" and part != "NI":
        return None
    offset = {"last": -1, "next": 1, "following": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    anchor = "previous" if rel in ("that", "same", "next", "following", "previous",
                                   "preceding") else "dct"
    return Reading(type="TIME", unit="day", offset=offset, anchor=anchor, part=part)


def _h_daypart_adjacent(m: re.Match[str]) -> Reading | None:
    """ "the night before", "the evening after": a part of the day next to the one told."""
    sign = 1 if m["dir"].lower() == "after" else -1
    return Reading(type="TIME", unit="day", offset=sign, anchor="previous",
                   part=lookup("day_parts", m["part"]))


def _h_narrative_part(m: re.Match[str]) -> Reading | None:
    """A bare part of day is on the day the narrative is at; "overnight" is the night before."""
    nxt = re.match(r"\s+([a-z]+)", m.string[m.end():], re.I)
    if nxt and {nxt[1].lower(), nxt[1].lower().removesuffix("s")} & set(
            lexicon()["part_of_day_nouns"]):
        return None  # "the overnight rate", "morning prayers"
    if m["part"] and not re.search(r"\b(?:in|during|by|until|till|through|since|at|from)\s+$",
                                   m.string[max(0, m.start() - 8):m.start()], re.I):
        return None  # "a quiet morning", "the afternoon was calm": no time of its own
    part = "NI" if m["over"] else lookup("day_parts", m["part"])
    return Reading(type="TIME", unit="day", offset=-1 if m["over"] else 0, anchor="previous",
                   part=part)


def _h_weekday(m: re.Match[str]) -> Reading | None:
    rel = (m["rel"] or "").lower().split()[-1:]
    if m["pl"] or m["pl2"]:  # "on Mondays", "Tuesday nights": every one of them
        part = f"T{lookup('day_parts', m['part'])}" if m["part"] else ""
        return Reading(type="SET", value=f"XXXX-WXX-{lookup('weekdays', m['wd'])}{part}")
    r = Reading(weekday=lookup("weekdays", m["wd"]))
    r.direction = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
                   "following": 1}.get(" ".join(rel), 0)
    if rel in (["previous"], ["following"]):
        r.anchor = "previous"  # "the following Monday": counted from the day just named
    if m["part"]:
        r.type, r.part = "TIME", lookup("day_parts", m["part"])
    return r


def _h_clock(m: re.Match[str]) -> Reading | None:
    if m["noon"]:
        h, mi = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
    elif m["h24"] or m["h24b"]:
        h, mi = int(m["h24"] or m["h24b"]), int(m["mi24"] or m["mi24b"])
    elif m["mil"]:
        if re.search(r"(?:[ap]\.?m\.?|\d)\s*\($", m.string[max(0, m.start() - 8):m.start()]):
            return None  # "10:35 a.m. (0735 GMT)": the same moment, converted
        h, mi = int(m["mil"][:2]), int(m["mil"][2:])
    elif m["h2"]:  # "4 in the morning", "7 in the evening"
        h, mi = int(m["h2"]) % 12, int(m["mi2"] or 0)
        h += 12 if m["dp"].lower() != "morning" else 0
    else:
        h, mi = int(m["h"]), int(m["mi"] or 0)
        ap = (m["ap"] or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 23:
            return None
    # a bare clock time is on the day the narrative is at: the last day named, else the DCT
    r = Reading(type="TIME", hour=h, minute=mi, unit="day", offset=0, anchor="previous",
                zone=lookup("time_zones", m["tz"] or m["tz2"] or m["tz3"] or ""))
    if m["wd"] or m["mon"]:  # "9 a.m. Tuesday", "5 p.m. EST Nov. 9"
        r.unit, r.offset, r.anchor = None, None, None
        r.weekday = lookup("weekdays", m["wd"] or "")
        r.month, r.day = _month(m["mon"]), _day(m["d"])
    elif m["fx"]:
        r.offset, r.anchor = lookup("fixed", m["fx"])["offset"], "dct"
    return r


def _h_set(m: re.Match[str]) -> Reading | None:
    word = m["what"]
    wd = lookup("weekdays", word)
    if wd:
        return Reading(type="SET", value=f"XXXX-WXX-{wd}")
    mon = lookup("months", word)
    if mon:
        return Reading(type="SET", value=f"XXXX-{mon:02d}")
    unit = lookup("units", _unit(word))
    if unit is None:
        return None
    n = _num(m["num"]) if m["num"] else 1
    n = int((n or 1) * unit.get("mult", 1))
    code = unit["code"] if unit["code"] != "WE" else "W"
    return Reading(type="SET", value=("PT" if unit.get("time") else "P") + f"{n}{code}")


def _h_frequency(m: re.Match[str]) -> Reading | None:
    """"twice a day", "three times a week", "once per month": the period that repeats."""
    unit = lookup("units", _unit(m["what"]))
    if unit is None or (m["num"] or "").lower() in ("a", "an"):
        return None
    code = unit["code"] if unit["code"] != "WE" else "W"
    return Reading(type="SET", value=("PT" if unit.get("time") else "P") + f"1{code}")


def _h_ref(m: re.Match[str]) -> Reading | None:
    return Reading(value=m["ref"])


@cache
def _patterns() -> list[tuple[re.Pattern[str], _Handler]]:
    b = _blocks()
    spec: list[tuple[str, _Handler]] = [
        (rf"(?P<y>{b['YEAR']})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[ T]+(?P<hh>[01]\d|2[0-3]):"
         r"(?P<mi>[0-5]\d))?", _h_iso),
        (rf"(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>{b['YEAR']}|\d\d(?!\d))",
         _h_numeric),
        (rf"(?:(?P<wd>{b['WD']}),?\s+)?(?:(?P<mon>{b['MON']})\s+(?P<d>{b['DAYN']})|(?:the\s+)?"
         rf"(?P<d2>{b['DAYN']})\s+(?:of\s+)?(?P<mon2>{b['MON']}))(?:,?\s+(?P<y>{b['YEAR']}))?",
         _h_month_day),
        (rf"(?P<mon>{b['MON']})(?:\s+of)?,?\s+(?P<y>{b['YEAR']}|{b['SPOKEN_YEAR']})",
         _h_month_year),
        (rf"(?P<mon>{b['MON']})\s+of\s+(?:the\s+)?(?:same|that)\s+year", _h_month_year),
        (rf"(?P<mon>{b['MON']})(?:\s+(?P<d>{b['DAYN']}))?(?:\s+of)?,?\s+(?P<yrel>this|last|next)"
         r"\s+year", _h_month_rel_year),
        (rf"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<mon>{b['MON']})(?!\s*\d)", _h_month),
        (rf"(?:(?P<rel>this|last|next|past|coming|that)\s+|(?P<the>the\s+)?)(?P<season>{b['SEASON']})"
         rf"(?:(?:\s+of)?\s+(?P<y>{b['YEAR']}|{b['SPOKEN_YEAR']}))?", _h_season),
        (rf"(?:fiscal\s+(?:year\s+)?)?(?<![\d,.])(?P<y>{b['YEAR']})", _h_year),
        (rf"(?:the\s+)?(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<dec2>\d0)s)|the\s+(?:nineteen[\s-]+)?"
         rf"(?P<decw>{b['DECADE_WORD']})", _h_decade),
        (rf"(?P<cue>the\s+year\s+)?(?P<sy>{b['SPOKEN_YEAR']})", _h_spoken_year),
        (r"(?:the\s+)?(?P<c>\d{1,2}(?:st|nd|rd|th))[\s-]+century", _h_century),
        (rf"(?:(?P<yrel>this|last|next)\s+year's\s+)?(?:the\s+)?(?:(?:fiscal|calendar)\s+)?"
         rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter"
         rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y>{b['YEAR']})|(?P<yrel2>this|last|next)"
         rf"\s+year))?(?:,?\s+(?P<y2>{b['YEAR']}))?|\bQ(?P<qn>[1-4])(?:\s+(?P<y3>{b['YEAR']}))?"
         rf"|(?:the\s+)?(?P<y4>{b['YEAR']})\s+(?P<q2>first|second|third|fourth)[\s-]+quarter",
         _h_quarter),
        (rf"the\s+(?P<h>first|second|1st|2nd|last)\s+half(?:\s+of\s+(?:(?P<y>{b['YEAR']})|"
         r"(?P<yrel>this|last|next)\s+year|the\s+year))?(?!\s+of\b)", _h_half),
        (rf"(?P<pre>the\s+)?(?P<rel>{b['REL']}|following|preceding)\s+(?:fiscal\s+)?(?P<unit>week|"
         r"weekend|month|(?:quarter|half)[\s-]+century|quarter|year|decade|century|day)(?!s)",
         _h_rel_period),
        (rf"(?P<p>{b['PART']}|(?:earlier|later)\s+in)\s+the\s+(?P<unit>year|month|week|decade)",
         _h_part_of_current),
        # "earlier in the day": the day the story tells of (TimeML: the anchor's date)
        (r"(?:earlier|later)\s+(?:in|that)\s+(?:the\s+)?day", _h_same_day),
        (r"the\s+(?:(?P<which>latest|most\s+recent|current|same)\s+)?(?P<unit>quarter|weekend)",
         _h_the_period),
        (r"(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?:ago|earlier)(?:\s+(?:(?P<q>"
         r"first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?(?P<what>quarter|period))?"
         r"(?!\s*[$\d]|\s+\w+[\s-]+(?:months|weeks))"
         rf"|the\s+(?P<latest>latest|most\s+recent)\s+period|the\s+(?P<y>{b['YEAR']})\s+"
         r"(?:quarter|period)", _h_comparison),
        (r"the\s+day\s+(?P<dir>before|after)(?!\s+(?:the|a|an|his|her|their|its)\b)",
         _h_day_adjacent),
        # "raised its forecast for the year", "a slow start to the year": the current one
        (r"(?:(?<=\bfor\s)|(?<=\bto\s)|(?<=\bin\s))the\s+year(?!\s*(?:-|'|’|before|after|since|ago|earlier|later|"
         r"in\s+which|when|that|ended|ending|of)\b|\s+to\s+\w+\.?\s+\d)", _h_the_year),
        # "revenue for the year ended March 31": a fiscal year, twelve months to that date
        (r"the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending|that\s+ended)\b)", _h_year_ended),
        (rf"(?:(?P<qmod>{b['QMOD']})\s+(?!the\b))?(?:(?P<pre>the\s+)?{b['NOT_VERB']}(?P<rel>past|last|next|"
         rf"coming|previous|first|final|following|recent)\s+)?(?P<num>{b['NUM']}|{b['VAGUE']})"
         rf"(?P<range>\s+(?:to|or)\s+{b['NUM']})?(?:\s+(?:more|additional|further|straight|"
         r"consecutive|full|trading|business|working))?"
         rf"[\s-]+(?P<unit>{b['UNIT']})(?!-old|\s+old|-long)"
         r"(?P<half>\s+and\s+a\s+half)?"
         rf"(?:\s+or\s+so)?(?:\s+(?P<dir>{b['OFFSET']})(?:(?<=before|.after)(?=\s*[,.;:)]|\s*$)"
         r"|(?<!before|.after)))?", _h_counted),
        # "a day-long meeting", "the decades-long feud", "a 10-day-long offensive"
        (rf"(?:(?!an?[\s-])(?P<num>{b['NUM']})[\s-]+)?(?P<unit>{b['UNIT']})-long\b", _h_long),
        (r"(?P<rel>recent|coming|past|the\s+past|the\s+coming|the\s+next|the\s+last)\s+"
         r"(?P<unit>(?:second|minute|hour|day|week|month|year|decade|quarter)s)",
         _h_plural_units),
        # "grew over the years", "through the decades": a stretch of unknown length
        (r"(?:(?<=\bover\s)|(?<=\bthrough\s)|(?<=\bacross\s))the\s+(?P<unit>(?:week|month|year|"
         r"decade)s|centuries)(?!\s+\d)\b", _h_bare_plural),
        (rf"{b['BARE_CUE']}(?P<unit>(?:minute|hour|day|week|month|"
         r"year|decade)s)(?!\s+(?:old|ago|before|after|earlier|later)\b)", _h_bare_plural),
        (rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{b['HOLIDAY']})(?:,?\s+(?P<y>{b['YEAR']}))?",
         _h_holiday),
        (rf"(?P<w>{b['FIXED']})(?:\s+(?P<part>{b['DAYPART']}))?", _h_fixed),
        (rf"(?P<part>{b['DAYPART']})\s+(?P<w>today|yesterday|tomorrow)\b", _h_fixed),
        # "orders poured in in the morning", "by mid-afternoon", "shelled the town overnight"
        (r"(?:the\s+)?(?P<part>morning|afternoon|evening|mid[- ]?morning|mid[- ]?afternoon)"
         r"(?!\s+of\b)|(?P<over>overnight)", _h_narrative_part),
        (rf"(?P<rel>this|that|last|the\s+next|the\s+following|the\s+previous|the\s+preceding"
         rf"|the\s+same)\s+(?P<part>{b['DAYPART']})", _h_daypart),
        (rf"the\s+(?P<part>{b['DAYPART']})\s+(?P<dir>before|after)"
         r"(?!\s+(?:the|a|an|his|her|their|its)\b)", _h_daypart_adjacent),
        (rf"(?:(?P<rel>last|next|this|coming|past|the\s+(?:previous|following))\s+)?"
         rf"(?P<wd>{b['WDF']})(?P<pl>s)?"
         rf"(?:\s+(?P<part>{b['DAYPART']})(?P<pl2>s)?)?", _h_weekday),
        (r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
         r"(?:\s+(?:(?P<tz>(?-i:[ECMP][SD]?T)|GMT|UTC)\b|local\s+time\b))?"
         # 24-hour clocks: "18:00 UTC", "0830 GMT", "14.30 local time", "at 21:45"
         r"|(?P<h24>[01]?\d|2[0-3])[:.](?P<mi24>[0-5]\d)\s*(?:(?P<tz2>GMT|UTC|Z)|local\s+time"
         r"|hrs)\b|(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)\s*(?:(?P<tz3>GMT|UTC|Z)|local\s+time|hrs)\b"
         r"|(?<=\bat\s)(?P<h24b>0\d|1[3-9]|2[0-3]):(?P<mi24b>[0-5]\d)(?!\d|[:.]\d|\s*[ap]\.?m\b)"
         r"|(?P<noon>noon|midnight|midday)|(?P<h2>1[0-2]|[1-9])"
         r"(?::(?P<mi2>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<dp>morning|afternoon|evening))"
         rf"(?:\s+(?:on\s+)?(?P<wd>{b['WDF']})|\s+(?P<fx>today|yesterday|tomorrow)|,?\s+(?:on\s+)?"
         rf"(?P<mon>{b['MON']})\s+(?P<d>{b['DAYN']}))?", _h_clock),
        (rf"(?:every|each)\s+(?:(?P<num>{b['NUM']})\s+)?(?P<what>{b['UNIT']}|{b['WDF']}|"
         rf"{b['MON']})", _h_set),
        (rf"(?:{b['FREQ']}|(?P<num>{b['NUM']})\s+times)\s+(?:a|an|per|each|every)\s+(?P<what>{b['UNIT']})",
         _h_frequency),
        (r"(?P<ref>the\s+future|the\s+past)(?!\s+\w+\s+(?:years|months|weeks|days))", _h_ref),
    ]
    out = []
    for regex, handler in spec:
        out.append((re.compile(_B + "(?:" + regex + ")" + _E, re.I), handler))
    return out


_CUE_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|from|to|through|during|before|after|"
                         r"of|between|and|early|late|mid|last|next|this|the|each|every|around|"
                         r"fiscal|year|spring|summer|autumn|winter|fall)|[-(])\s*$", re.I)
_CUE_AFTER_YEAR = re.compile(r"^\s*(?:[,.;:)?!'\"]|$|and\b|or\b|to\b|when\b|after\b|the\b|"
                             r"budget|elections?\b|season|fiscal|census|[-–])", re.I)


def _needs_cue(r: Reading, text: str, start: int, end: int, word: str) -> bool:
    """Bare years and ambiguous month names are numbers/words unless the context says date."""
    before = text[max(0, start - 20):start]
    if r.year is not None and word.isdigit():
        return not (_CUE_BEFORE.search(before) or _CUE_AFTER_YEAR.match(text[end:end + 12]))
    if r.month is not None and r.day is None and r.year is None and not r.direction:
        # bare "May"/"March": a month only after a cue ("in May", "since March")
        ambiguous = word.lower().rstrip(".") in lexicon()["ambiguous_months"]
        return ambiguous and not _CUE_BEFORE.search(before)
    return False


def _extend_left(text: str, start: int, end: int, r: Reading) -> tuple[int, Reading]:
    """Take in a part-of-period or quantity modifier written just before the expression."""
    before = text[max(0, start - 30):start]
    b = _blocks()
    if r.type == "DATE" and r.day is not None and r.value is None:
        m = re.search(r"(?<![\w-])(?:the\s+)?week\s+of\s+$", before, re.I)
        if m:
            return start - (len(before) - m.start()), replace(r, week_of=True)
    if r.type in ("DATE", "TIME") and r.value is None and r.frac is None:
        m = re.search(rf"(?<![\w-])(?:the\s+(?=early|mid|late))?(?P<p>{b['PART']})\s+$|"
                      r"(?<![\w-])(?P<mid>mid)-$", before, re.I)
        key = (m["p"] or "mid-").lower() if m else ""
        if m and not (r.weekday is not None and key in ("earlier", "later")):
            info = lookup("part_modifiers", key) or lookup("part_modifiers", "mid-")
            r = replace(r, mod=info["mod"], frac=(info["lo"], info["hi"]))
            if key in ("earlier", "later"):
                r.until_anchor = -1 if key == "earlier" else 1
            return start - (len(before) - m.start()), r
    if r.type == "DURATION" and r.mod is None and not text.startswith("the", start):
        m = re.search(rf"(?<![\w-])(?P<q>{b['QMOD']})\s+$", before, re.I)
        if m:
            return start - (len(before) - m.start()), replace(r, mod=_qmod(m["q"]))
        plural = text[start:end].endswith("s")
        if plural and re.search(r"(?<![\w-])the\s+$", before, re.I):
            # "the nine months" is a noun phrase; "the five-year plan" keeps its article out
            return start - len(before) + before.lower().rindex("the"), r
    if r.type == "TIME" and r.hour is not None:
        m = re.search(r"(?<![\w-])(?:around|about|approximately|shortly\s+(?:before|after))\s+$",
                      before, re.I)
        if m:
            return start - (len(before) - m.start()), replace(r, mod="APPROX")
    return start, r


def read_text(text: str) -> Reading | None:
    """The reading of a whole expression (e.g. a spaCy DATE entity), or None."""
    for start, end, r in find_candidates(text):
        if start == 0 and end == len(text):
            return r
    return None


def find_candidates(text: str) -> list[tuple[int, int, Reading]]:
    """Every time expression in `text` as (start, end, reading), longest match first."""
    found: list[tuple[int, int, int, Reading]] = []
    for prio, (pat, handler) in enumerate(_patterns()):
        for m in pat.finditer(text):
            r = handler(m)
            if r is None or _needs_cue(r, text, m.start(), m.end(), m.group(0)):
                continue
            start, r = _extend_left(text, m.start(), m.end(), r)
            found.append((start, m.end(), prio, r))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, Reading]] = []
    for start, end, _prio, r in found:
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, r))
    return sorted(taken, key=lambda t: t[0])
