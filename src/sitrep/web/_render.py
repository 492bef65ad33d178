"""One view, two representations: every page answers as HTML and, with `.json`, as JSON.

A view returns a `Page` (template name + JSON-able data); `twin()` registers it under `path`
(HTML, hidden from OpenAPI) and `path.json` (JSON, documented), Datasette style.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup, escape

__all__ = ["Page", "twin", "json_script", "hits", "page_url"]


@dataclass(slots=True)
class Page:
    template: str
    title: str
    data: dict[str, Any]
    context: dict[str, Any] = field(default_factory=dict)  # template-only extras


def twin(router: APIRouter, path: str, *, name: str, summary: str,
         tags: list[str]) -> Callable[[Callable[..., Page]], Callable[..., Page]]:
    """Register `view` at `path` (HTML) and `path.json` (JSON, in the OpenAPI schema)."""

    openapi_tags: list[str | Enum] = list(tags)

    def deco(view: Callable[..., Page]) -> Callable[..., Page]:
        @wraps(view)
        def as_json(*args: Any, **kwargs: Any) -> JSONResponse:
            return JSONResponse(jsonable_encoder(view(*args, **kwargs).data))

        @wraps(view)
        def as_html(*args: Any, **kwargs: Any) -> HTMLResponse:
            request: Request = kwargs["request"]
            page = view(*args, **kwargs)
            json_path = (request.url.path.rstrip("/") or "/timeline") + ".json"
            query = str(request.url.query)
            ctx = {"title": page.title, "data": page.data, "json_url": json_path
                   + (f"?{query}" if query else ""), **page.context}
            return request.app.state.templates.TemplateResponse(request, page.template, ctx)

        # The .json route goes first: `/events/{id}` would otherwise swallow `x.json`.
        router.add_api_route(path + ".json", as_json, methods=["GET"], name=f"{name}_json",
                             summary=summary, tags=openapi_tags,
                             response_class=JSONResponse)
        router.add_api_route(path, as_html, methods=["GET"], name=name, include_in_schema=False,
                             response_class=HTMLResponse)
        return view

    return deco


_JS_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
               ord("'"): "\\u0027", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_script(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no `</script>`, no `<!--`."""
    text = json.dumps(jsonable_encoder(value), ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_JS_ESCAPES))


def hits(snippet: str | None) -> Markup:
    """Escape a search snippet, then turn the match markers into <mark>."""
    from sitrep.web._fts import HIT_END, HIT_START

    safe = str(escape(snippet or ""))
    return Markup(safe.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))


def page_url(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    return request.url.path + ("?" + urlencode(params) if params else "")
