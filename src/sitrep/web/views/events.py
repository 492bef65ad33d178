"""One fused event: `/events/{id}` with every evidence sentence that reports it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from sitrep.web._render import Page, twin
from sitrep.web._sql import Reader
from sitrep.web.views._common import reader

router = APIRouter()


@twin(router, "/events/{event_id}", name="event", tags=["events"],
      summary="One fused event: type, date, actors, place, and its evidence sentences")
def event_detail(request: Request, event_id: Annotated[str, Path(max_length=80)],
                 rd: Annotated[Reader, Depends(reader)]) -> Page:
    event = rd.event(event_id)
    if event is None:
        raise HTTPException(404, f"No event {event_id!r}: it may have been re-fused; "
                                 "look it up on the timeline.")
    return Page("event.html", f"{event['type']}: {event['summary']}", {"event": event})
