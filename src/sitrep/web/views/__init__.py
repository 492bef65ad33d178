"""One module per page family; each page is also served as JSON at its path + `.json`."""

from __future__ import annotations

from fastapi import APIRouter

from sitrep.web.views import documents, entities, events, figures, ingest, maps, search, timeline

__all__ = ["ROUTERS"]

# ingest first: POST /documents must not be shadowed; the order is otherwise irrelevant.
ROUTERS: list[APIRouter] = [ingest.router, timeline.router, events.router, entities.router,
                            documents.router, figures.router, maps.router, search.router]
