"""Search: `/search?q=` over documents, events and quotes (SQLite FTS5, LIKE elsewhere)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from sitrep.web._render import Page, twin

router = APIRouter()


@twin(router, "/search", name="search", tags=["search"],
      summary="Documents, events and quotes containing every word of `q`")
def search(request: Request,
           q: Annotated[str, Query(max_length=200, description="Words to find")] = "") -> Page:
    results = request.app.state.searcher.search(q)
    return Page("search.html", f"Search: {q}" if q else "Search", {"q": q, "results": results})
