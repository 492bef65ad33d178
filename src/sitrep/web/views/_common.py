"""Helpers shared by the views: the app's store/reader, and the timeline filter form."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request

from sitrep.store import Store
from sitrep.web._sql import Reader, TimelineFilter

__all__ = ["reader", "store", "parse_date", "period_end", "FilterParams"]


def reader(request: Request) -> Reader:
    r: Reader = request.app.state.reader
    return r


def store(request: Request) -> Store:
    s: Store = request.app.state.store
    return s


def parse_date(value: str | None, *, end: bool = False) -> date | None:
    """2020, 2020-01 or 2020-01-03; as an end bound a year or month means its last day."""
    if not value or not value.strip():
        return None
    parts = value.strip().split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) > 3 or not 1 <= nums[0] <= 9999:
            raise ValueError
        first = date(nums[0], *(nums[1:] + [1] * (3 - len(nums)))[:2])
        if not end or len(nums) == 3:
            return first
        if len(nums) == 1:
            return date(first.year, 12, 31)
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    except (ValueError, IndexError, OverflowError):
        raise HTTPException(400, f"{value!r} is not a date like 2020, 2020-01 or "
                                 "2020-01-03") from None


def period_end(value: str | None) -> date | None:
    return parse_date(value, end=True)


_From = Annotated[str | None, Query(alias="from", max_length=10,
                                    description="Earliest date: 2020, 2020-01 or 2020-01-03")]
_To = Annotated[str | None, Query(max_length=10,
                                  description="Latest date; a year or month covers all of it")]
_Type = Annotated[str | None, Query(max_length=40, description="PLOVER type, e.g. ASSAULT")]
_Actor = Annotated[str | None, Query(max_length=200,
                                     description="Part of an actor's name, alias or key")]
_Place = Annotated[str | None, Query(max_length=200, description="Part of a place name")]
_Q = Annotated[str | None, Query(max_length=200, description="Words in summary or evidence")]
_Bg = Annotated[bool, Query(description="Also show recaps of older events")]


class FilterParams:
    """The timeline form: `from`, `to`, `type`, `actor`, `place`, `q`, `background`."""

    def __init__(self, from_: _From = None, to: _To = None, type: _Type = None,
                 actor: _Actor = None, place: _Place = None, q: _Q = None,
                 background: _Bg = False) -> None:
        self.values: dict[str, Any] = {"from": from_ or "", "to": to or "", "type": type or "",
                                       "actor": actor or "", "place": place or "", "q": q or "",
                                       "background": background}
        self.filter = TimelineFilter(start=parse_date(from_), end=period_end(to),
                                     type=type or None, actor=actor or None, place=place or None,
                                     q=q or None, background=background)
