"""Actors and places: `/entities` and `/entities/{key}` (aliases, mentions, quotes, events)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from sitrep.web._render import Page, twin
from sitrep.web._sql import Reader
from sitrep.web.views._common import reader

router = APIRouter()


@twin(router, "/entities", name="entities", tags=["entities"],
      summary="Every entity with its number of mentions and events")
def entity_list(request: Request, rd: Annotated[Reader, Depends(reader)]) -> Page:
    return Page("entities.html", "Entities", {"entities": rd.entity_list()})


@twin(router, "/entities/{key:path}", name="entity", tags=["entities"],
      summary="One entity: aliases, mentions per month, quotes, events as agent or recipient")
def entity_detail(request: Request, key: Annotated[str, Path(max_length=200)],
                  rd: Annotated[Reader, Depends(reader)]) -> Page:
    entity = rd.entity(key)
    if entity is None:
        raise HTTPException(404, f"No entity {key!r}; see the list of entities.")
    peak = max((m["mentions"] for m in entity["mentions_by_month"]), default=0)
    return Page("entity.html", entity["name"], {"entity": entity}, {"peak": peak})
