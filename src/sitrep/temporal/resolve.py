"""Anchoring a Reading on a date: TIMEX3 value plus the interval it covers.

Conventions (TimeML news practice): a weekday or a month without a year takes the occurrence
the tense points to (past: the latest on or before the anchor; future: the first on or after
it; no tense: the nearest), "last"/"next" force the direction, "two days later" counts from
the previous resolved date, and nothing is guessed without an anchor: such expressions keep
an underspecified value ("XXXX-12-27") and `unresolved=True`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.model import Precision, TimeSpan
from sitrep.temporal.grammar import Reading
from sitrep.temporal.lexicon import lexicon, lookup

__all__ = ["Context", "resolve", "add_months", "period", "calendar_span"]

_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# the next smaller TIMEX3 unit for a fractional count: (code, time unit?) -> (code, per unit)
_SMALLER = {("Y", False): ("M", 12), ("D", False): ("H", 24), ("H", True): ("M", 60),
            ("M", True): ("S", 60)}
# How far (days) the tense may push a date without a year before the nearest occurrence wins:
# "was last seen Nov. 3" on Nov. 1 is more likely a slip than a date almost a year back.
_REACH = 300
# With no tense to go by, news mostly reports the past: a date without a year is the past
# occurrence unless the next one is more than this many times closer ("the Oct. 23 slaying").
_PAST_BIAS = 2


@dataclass(slots=True)
class Context:
    dct: date | None = None
    prev: date | None = None  # the last resolved date in the text
    prev_precision: Precision | None = None
    tense: int = 0  # -1 past, +1 future, 0 present / unknown
    prev_quarter: tuple[int, int] | None = None  # (year, quarter) of the last quarter named


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    return date(year, m + 1, min(d.day, calendar.monthrange(year, m + 1)[1]))


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def period(kind: str, y: int, n: int = 0) -> tuple[str, date, date, Precision]:
    """Value and interval of a named calendar period (n = month, quarter, half or season)."""
    if kind == "year":
        return f"{y:04d}", date(y, 1, 1), date(y, 12, 31), Precision.YEAR
    if kind == "month":
        lo, hi = _month_span(y, n)
        return f"{y:04d}-{n:02d}", lo, hi, Precision.MONTH
    if kind == "quarter":
        lo, hi = _month_span(y, 3 * n - 2)[0], _month_span(y, 3 * n)[1]
        return f"{y:04d}-Q{n}", lo, hi, Precision.QUARTER
    if kind == "half":
        lo, hi = _month_span(y, 6 * n - 5)[0], _month_span(y, 6 * n)[1]
        return f"{y:04d}-H{n}", lo, hi, Precision.QUARTER
    if kind == "decade":
        return f"{y // 10:03d}", date(y, 1, 1), date(y + 9, 12, 31), Precision.DECADE
    if kind == "century":
        c = y  # century number: 20 -> 1900-1999
        return f"{c - 1:02d}", date(100 * (c - 1), 1, 1), date(100 * (c - 1) + 99, 12, 31), \
            Precision.CENTURY
    raise ValueError(kind)


def _season(y: int, code: str) -> tuple[str, date, date, Precision]:
    start = date(y, _SEASON_MONTHS[code], 1)
    end = add_months(start, 3) - timedelta(days=1)
    return f"{y:04d}-{code}", start, end, Precision.SEASON


def holiday_date(key: str, year: int) -> date:
    """The date of a named day (lexicon `holidays`) in `year`."""
    info = lexicon()["holidays"][key]
    if "date" in info:
        month, day = (int(x) for x in str(info["date"]).split("-"))
        return date(year, month, day)
    month, wd, n = info["month"], info["weekday"], info["n"]
    if n > 0:
        first = date(year, month, info.get("from_day", 1))
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - wd) % 7)


def _day(d: date) -> tuple[str, date, date, Precision]:
    return d.isoformat(), d, d, Precision.DAY


def _week(d: date) -> tuple[str, date, date, Precision]:
    y, w, wd = d.isocalendar()
    lo = d - timedelta(days=wd - 1)
    return f"{y:04d}-W{w:02d}", lo, lo + timedelta(days=6), Precision.WEEK


def calendar_span(d: date, unit: str) -> TimeSpan:
    """The day, ISO week or month holding `d`, as a TimeSpan."""
    value, lo, hi, precision = (_week(d) if unit == "week" else period("month", d.year, d.month)
                                if unit == "month" else _day(d))
    return TimeSpan(value, lo, hi, precision)


def _shift(base: date, unit: str, n: int) -> tuple[str, date, date, Precision] | None:
    """The calendar period `n` units away from `base` ("last month", "two days later")."""
    if unit in ("day", "night"):
        return _day(base + timedelta(days=n))
    if unit in ("week", "weekend", "fortnight"):
        v, lo, hi, p = _week(base + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
        if unit == "weekend":
            return v + "-WE", hi - timedelta(days=1), hi, p
        return v, lo, hi, p
    if unit == "month":
        d = add_months(base, n)
        return period("month", d.year, d.month)
    if unit == "quarter":
        q = (base.month - 1) // 3 + n
        return period("quarter", base.year + q // 4, q % 4 + 1)
    if unit == "year":
        return period("year", base.year + n)
    if unit == "decade":
        return period("decade", base.year // 10 * 10 + 10 * n)
    if unit == "century":
        return period("century", base.year // 100 + 1 + n)
    years = lookup("units", unit) or {}
    if years.get("code") == "Y":  # "a quarter century ago"
        return period("year", base.year + n * years.get("mult", 1))
    return None


def _pick(cands: list[tuple[str, date, date, Precision]], dct: date, direction: int,
          *, reach: int = 0) -> tuple[str, date, date, Precision]:
    """The candidate period the direction points to, relative to `dct`.

    With `reach`, a tense-given direction only holds within `reach` days: "said ... Nov. 10"
    written on Nov. 3 is most likely a week ahead (reported plans), not a year back.
    """
    if reach:
        picked = _pick(cands, dct, direction)
        if min(abs((picked[1] - dct).days), abs((picked[2] - dct).days)) <= reach:
            return picked  # measured to its nearer end ("in December" of last year)
        direction = 0
    if direction < 0:
        past = [c for c in cands if c[1] <= dct]
        return max(past, key=lambda c: c[1]) if past else cands[0]
    if direction > 0:
        fut = [c for c in cands if c[2] >= dct]
        return min(fut, key=lambda c: c[1]) if fut else cands[-1]

    def dist(c: tuple[str, date, date, Precision]) -> float:
        if c[1] <= dct <= c[2]:
            return 0
        if c[2] < dct:
            return (dct - c[2]).days
        return _PAST_BIAS * (c[1] - dct).days
    return min(cands, key=dist)


def _weekday(dct: date, wd: int, direction: int, explicit: bool) -> date:
    delta = (dct.isoweekday() - wd) % 7
    if direction > 0:
        ahead = (wd - dct.isoweekday()) % 7
        return dct + timedelta(days=ahead or (7 if explicit else 0))
    if explicit and delta == 0:
        delta = 7  # "last Monday" said on a Monday is a week ago
    return dct - timedelta(days=delta)


def _underspecified(r: Reading) -> str:
    """A TIMEX3 value with X for what the anchor would have given."""
    if r.month is not None:
        y = f"{r.year:04d}" if r.year else "XXXX"
        return f"{y}-{r.month:02d}" + (f"-{r.day:02d}" if r.day else "")
    if r.weekday is not None:
        return f"XXXX-WXX-{r.weekday}"
    if r.quarter is not None:
        return f"XXXX-Q{r.quarter}"
    if r.season is not None:
        return f"XXXX-{r.season}"
    if r.half is not None:
        return f"XXXX-H{r.half}"
    if r.holiday is not None:
        return "XXXX-XX-XX"
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}.get(r.unit or "", "XXXX")


def _at_prev_grain(r: Reading, ctx: Context) -> tuple[str, date, date, Precision] | None:
    """A comparison ("a year ago", "the year-ago period") as the last quarter named, shifted."""
    if ctx.prev_quarter is None or (r.prev_grain == "last" and not _in_prev_quarter(ctx)):
        return None
    y, q = ctx.prev_quarter[0], r.quarter or ctx.prev_quarter[1]
    if r.year is not None:
        return period("quarter", r.year, q)
    shift = 4 * (r.offset or 0) if r.unit == "year" else (r.offset or 0) + 1
    n = 4 * y + q - 1 + shift
    return period("quarter", n // 4, n % 4 + 1)


def _in_prev_quarter(ctx: Context) -> bool:
    """Whether the last date named is the reported quarter, or a day or month inside it
    ("net income in the quarter ended Sept. 30 ... a year earlier": still the quarter)."""
    if ctx.prev_precision == Precision.QUARTER:
        return True
    if ctx.prev is None or ctx.prev_quarter is None or ctx.prev_precision not in (
            Precision.DAY, Precision.MONTH):
        return False
    return (ctx.prev.year, (ctx.prev.month - 1) // 3 + 1) == ctx.prev_quarter


def _absolute(r: Reading, ctx: Context) -> tuple[str, date, date, Precision] | None:
    """Readings that name their own calendar period, once the year is known or inferred."""
    dct = ctx.dct
    if r.prev_grain and dct is not None:
        found = _at_prev_grain(r, ctx)
        if found is not None:
            return found
    direction = r.direction or ctx.tense
    year = r.year
    if year is None and r.same_year and ctx.prev:
        year = ctx.prev.year
    if r.unit == "year" and r.offset is not None:
        base = ctx.prev if r.anchor == "previous" and ctx.prev else dct
        if base is None:
            return None
        year = base.year + r.offset
    if r.month is not None:
        month, day = r.month, r.day
        if year is None:
            if dct is None:
                return None

            def build_md(y: int) -> tuple[str, date, date, Precision]:
                if day:
                    return _day(date(y, month, min(day, calendar.monthrange(y, month)[1])))
                return period("month", y, month)
            return _pick([build_md(dct.year + k) for k in (-1, 0, 1)], dct, direction,
                         reach=0 if r.direction else _REACH)
        if day:
            try:
                return _day(date(year, month, day))
            except ValueError:
                return None
        return period("month", year, month)
    if r.holiday is not None:
        if year is not None:
            return _day(holiday_date(r.holiday, year))
        if dct is None:
            return None
        cands = [_day(holiday_date(r.holiday, dct.year + k)) for k in (-1, 0, 1)]
        return _pick(cands, dct, direction, reach=0 if r.direction else _REACH)
    if r.quarter is not None or r.half is not None or r.season is not None:
        kind, n = (("quarter", r.quarter) if r.quarter else ("half", r.half) if r.half else
                   ("season", 0))
        def build(y: int) -> tuple[str, date, date, Precision]:
            return _season(y, r.season or "SU") if kind == "season" else period(kind, y, n)
        if year is not None:
            return build(year)
        if dct is None:
            return None
        cands = [build(dct.year + k) for k in (-2, -1, 0, 1)]
        if r.direction and kind == "season":
            # "next spring" said in spring is the one after, "last spring" the one before
            cands = [c for c in cands if (c[1] > dct if r.direction > 0 else c[2] < dct)]
        return _pick(cands, dct, direction or -1)
    if r.decade is not None:
        return period("decade", r.decade)
    if r.century is not None:
        return period("century", r.century)
    if year is not None:
        return period("year", year)
    return None


def _relative(r: Reading, ctx: Context) -> tuple[tuple[str, date, date, Precision] | None, str]:
    """Weekdays and periods counted from the DCT or the previous date."""
    if r.weekday is not None:
        base, anchor = ctx.dct, "dct"
        if r.anchor == "previous" and ctx.prev and ctx.prev_precision == Precision.DAY:
            base, anchor = ctx.prev, "previous"
        if base is None:
            return None, anchor
        d = _weekday(base, r.weekday, r.direction or ctx.tense or -1, bool(r.direction))
        return _day(d), anchor
    if r.unit == "weekend" and r.offset is None and ctx.dct is not None:
        # "the weekend": the one just past, or the coming one in a future clause
        in_weekend = ctx.dct.isoweekday() >= 6
        offset = 0 if in_weekend or ctx.tense > 0 else -1
        return _shift(ctx.dct, "weekend", offset), "dct"
    base, anchor = ctx.dct, "dct"
    # "It happened at 3:45 p.m." after "takes effect Jan. 1": a past clock time is not on a
    # day still ahead
    clock_ahead = r.hour is not None and ctx.dct is not None and ctx.prev is not None and \
        ctx.prev > ctx.dct and ctx.tense < 0
    if r.anchor == "previous" and ctx.prev is not None and _prev_fits(r.unit, ctx) and \
            not clock_ahead:
        base, anchor = ctx.prev, "previous"
    elif r.anchor == "previous" and ctx.prev is not None and not clock_ahead and r.offset and (
            r.part is None and r.unit in ("week", "weekend", "month", "quarter", "year")):
        # "In January, ... the following week": a week after a month cannot be counted, and
        # it is not the week after publication either
        return None, "previous"
    if base is None or r.unit is None or r.offset is None:
        return None, anchor
    return _shift(base, r.unit, r.offset), anchor


def _prev_fits(unit: str | None, ctx: Context) -> bool:
    """A previous date can anchor "two days later" only if it is known to the day."""
    fine = {"day": {Precision.DAY}, "night": {Precision.DAY},
            "week": {Precision.DAY, Precision.WEEK}, "weekend": {Precision.DAY, Precision.WEEK},
            "month": {Precision.DAY, Precision.WEEK, Precision.MONTH}}
    return ctx.prev_precision in fine.get(unit or "", set(Precision))


def _duration_value(r: Reading) -> str:
    unit = lookup("units", r.unit or "") or {"code": "X"}
    code, mult = unit["code"], unit.get("mult", 1)
    if r.unit == "decade":
        code, mult = "Y", 10
    elif r.unit == "century":
        code, mult = "Y", 100
    elif r.unit == "weekend":
        code, mult = "D", 2
    prefix = "PT" if unit.get("time") else "P"
    if r.amount is None:
        return f"{prefix}X{code}"
    n = r.amount * mult
    if n != int(n) and code == "W":  # ISO weeks mix with no other unit: "1.5 weeks" P10DT12H
        days, hours = divmod(round(n * 7 * 24), 24)
        return f"P{days}D" + (f"T{hours}H" if hours else "")
    smaller = _SMALLER.get((code, bool(unit.get("time"))))
    if n != int(n) and smaller:
        # TIMEX3 values have whole numbers: "2 1/2 years" is P2Y6M, "half a day" PT12H
        small, per = smaller
        whole, rest = int(n), int(round((n - int(n)) * per))
        head = f"{whole}{code}" if whole else ""
        sep = "T" if small == "H" or (small == "M" and unit.get("time")) else ""
        return f"{prefix}{head}{sep if prefix == 'P' else ''}{rest}{small}"
    return f"{prefix}{int(n) if n == int(n) else n}{code}"


def _duration_span(r: Reading, ctx: Context) -> TimeSpan:
    if ctx.dct is None or r.amount is None or not (r.span_back or r.span_fwd):
        return TimeSpan(None, None, None, Precision.RANGE)
    n = int(r.amount)
    days = {"day": 1, "week": 7, "weekend": 2, "fortnight": 14}.get(r.unit or "")
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(
        r.unit or "")
    sign = -1 if r.span_back else 1
    if days:
        other = ctx.dct + timedelta(days=sign * n * days)
    elif months:
        other = add_months(ctx.dct, sign * n * months)
    else:
        other = ctx.dct
    lo, hi = sorted((other, ctx.dct))
    return TimeSpan(None, lo, hi, Precision.RANGE)


def _narrow(r: Reading, res: tuple[str, date, date, Precision], ctx: Context
            ) -> tuple[date, date]:
    """Apply "early/mid/late" (a share of the period) and "earlier/later this month"."""
    _, lo, hi, _ = res
    if r.frac:
        n = (hi - lo).days
        lo, hi = lo + timedelta(days=int(n * r.frac[0])), lo + timedelta(days=int(n * r.frac[1]))
    if r.until_anchor and ctx.dct and lo <= ctx.dct <= hi:
        lo, hi = (lo, ctx.dct) if r.until_anchor < 0 else (ctx.dct, hi)
    return lo, hi


def _time_value(r: Reading, day_value: str) -> str:
    if r.hour is not None:
        return f"{day_value}T{r.hour:02d}:{r.minute or 0:02d}{r.zone or ''}"
    if r.part:
        return f"{day_value}T{r.part}"
    return day_value


def resolve(r: Reading, ctx: Context) -> tuple[str, TimeSpan, str | None]:
    """(TIMEX3 value, interval, anchor kind) of a reading in a context."""
    if r.value is not None:
        return r.value, _ref_span(r.value, ctx), ("dct" if r.type == "DATE" else None)
    if r.type == "DURATION":
        return _duration_value(r), _duration_span(r, ctx), None
    anchor: str | None = None
    res = _absolute(r, ctx)
    explicit = res is not None and (r.year is not None or r.decade is not None
                                    or r.century is not None)
    if res is None:
        res, anchor = _relative(r, ctx)
    elif not explicit:
        anchor = "previous" if r.same_year or (r.anchor == "previous" and ctx.prev) else "dct"
    if res is None:
        return _time_value(r, _underspecified(r)), TimeSpan(None, None, None, Precision.UNKNOWN,
                                                              unresolved=True), anchor
    if r.week_of and res[3] == Precision.DAY:  # "the week of March 6"
        year, week, weekday = res[1].isocalendar()
        monday = res[1] - timedelta(days=weekday - 1)
        res = (f"{year}-W{week:02d}", monday, monday + timedelta(days=6), Precision.WEEK)
    lo, hi = _narrow(r, res, ctx)
    value = _time_value(r, res[0]) if r.type == "TIME" else res[0]
    return value, TimeSpan(value, lo, hi, res[3]), anchor


def _ref_span(value: str, ctx: Context) -> TimeSpan:
    d = ctx.dct
    if value == "PRESENT_REF":
        return TimeSpan(value, d, d, Precision.RANGE, unresolved=d is None)
    if value == "PAST_REF":
        return TimeSpan(value, None, d, Precision.RANGE, unresolved=d is None)
    if value == "FUTURE_REF":
        return TimeSpan(value, d, None, Precision.RANGE, unresolved=d is None)
    return TimeSpan(value, None, None, Precision.RANGE)  # SET
