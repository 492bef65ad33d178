"""The timeline (`/`, `/timeline`) and the plain event list (`/events`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from sitrep.web._render import Page, page_url, twin
from sitrep.web._sql import PAGE_SIZE, Reader
from sitrep.web._text import type_colors, type_quads
from sitrep.web.views._common import FilterParams, reader

router = APIRouter()

_PageNo = Annotated[int, Query(ge=1, le=100_000, description="Page of 200 events")]


def _timeline_page(request: Request, params: FilterParams, rd: Reader, page: int,
                   *, axis: bool, template: str, title: str) -> Page:
    flt = params.filter
    all_rows = rd.axis(flt)  # every match, column-wise: the axis and the total
    total = len(all_rows["ids"])
    offset = (page - 1) * PAGE_SIZE
    events = rd.event_page(flt, offset=offset)
    data = {
        "filters": params.values,
        "total": total,
        "page": page,
        "page_size": PAGE_SIZE,
        "next": page_url(request, page=page + 1) if offset + PAGE_SIZE < total else None,
        "prev": page_url(request, page=page - 1 if page > 2 else None) if page > 1 else None,
        "events": events,
    }
    if axis:
        data["axis"] = all_rows
    types = rd.event_types()
    colors = type_colors()
    return Page(template, title, data, {
        "types": types, "quads": type_quads(), "colors": colors, "show_axis": axis,
        "legend": [t for t, _ in types]})


@twin(router, "/timeline", name="timeline", tags=["timeline"],
      summary="Fused events in date order, with a compact axis of every match")
def timeline(request: Request, params: Annotated[FilterParams, Depends()],
             rd: Annotated[Reader, Depends(reader)], page: _PageNo = 1) -> Page:
    """Events are paginated (200 a page); `axis` holds every match column-wise (`ids`,
    `start` in days since 1970-01-01, `days` long, `type` index into `types`, `bound`) so a
    client can draw the whole period at once."""
    return _timeline_page(request, params, rd, page, axis=True, template="timeline.html",
                          title="Timeline")


@twin(router, "/events", name="events", tags=["events"],
      summary="Fused events in date order (a page of 200), same filters as the timeline")
def event_list(request: Request, params: Annotated[FilterParams, Depends()],
               rd: Annotated[Reader, Depends(reader)], page: _PageNo = 1) -> Page:
    return _timeline_page(request, params, rd, page, axis=False, template="timeline.html",
                          title="Events")


@router.get("/", include_in_schema=False, name="home", response_class=HTMLResponse)
def home(request: Request, params: Annotated[FilterParams, Depends()],
         rd: Annotated[Reader, Depends(reader)], page: _PageNo = 1) -> HTMLResponse:
    page_obj = _timeline_page(request, params, rd, page, axis=True, template="timeline.html",
                              title="Timeline")
    query = str(request.url.query)
    ctx = {"title": page_obj.title, "data": page_obj.data,
           "json_url": "/timeline.json" + (f"?{query}" if query else ""), **page_obj.context}
    resp: HTMLResponse = request.app.state.templates.TemplateResponse(request, "timeline.html",
                                                                      ctx)
    return resp
