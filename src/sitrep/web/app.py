"""The FastAPI application: pages with JSON twins, an ingest endpoint, strict security headers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.settings import Settings
from sitrep.web._fts import Searcher
from sitrep.web._render import hits, json_script
from sitrep.web._sql import Reader
from sitrep.web._text import css_class, types_css

__all__ = ["create_app", "SECURITY_HEADERS"]

log = logging.getLogger(__name__)

HERE = Path(str(resources.files("sitrep.web")))

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

TAGS = [
    {"name": "timeline", "description": "Fused events in date order, filtered."},
    {"name": "events", "description": "One fused event with its evidence sentences."},
    {"name": "entities", "description": "Actors and places, their aliases, quotes and events."},
    {"name": "documents", "description": "Ingested articles; POST adds one (needs a token)."},
    {"name": "figures", "description": "Numbers with what they count, by series."},
    {"name": "map", "description": "Geocoded event locations."},
    {"name": "search", "description": "Full-text search over documents, events and quotes."},
]


class SecurityHeaders:
    """Adds the CSP and friends to every response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers[key] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Jinja2Templates:
    # autoescape=True for every template whatever its extension: article text is untrusted.
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["json_script"] = json_script
    env.filters["hits"] = hits
    env.filters["type_class"] = css_class
    env.globals["fmt_date"] = fmt_date
    return Jinja2Templates(env=env)


def fmt_date(span: Any) -> str:
    """A stored date at its real precision, as the CLI prints it."""
    from datetime import date as _date

    from sitrep.model import Precision, TimeSpan
    from sitrep.query.timeline import format_date

    if isinstance(span, TimeSpan):
        return format_date(span)
    if not span:
        return "unknown"

    def d(v: Any) -> _date | None:
        return _date.fromisoformat(v) if isinstance(v, str) else v

    try:
        precision = Precision(span.get("precision") or "unknown")
    except ValueError:
        precision = Precision.UNKNOWN
    return format_date(TimeSpan(span.get("value"), d(span.get("earliest")),
                                d(span.get("latest")), precision,
                                bool(span.get("estimated")), bool(span.get("unresolved"))))


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.method != "GET"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "title": f"{status}", "status": status, "message": message}, status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Not found"
        resp = _error(request, exc.status_code, message)
        if exc.headers:
            resp.headers.update(exc.headers)
        return resp

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "Something went wrong on the server (the error is in its "
                                    "log); try again, or report it with the URL.")

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}"
                 for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"error": "invalid request", "status": 422,
                                 "detail": jsonable(exc.errors())}, status_code=422)
        return _error(request, 400, "Invalid parameters: " + "; ".join(parts))


def jsonable(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value, custom_encoder={ValueError: str, Exception: str})


def create_app(db: str, *, token: str | None = None, settings: Settings | None = None) -> FastAPI:
    """The web app over the store at `db` (a SQLite path or SQLAlchemy URL).

    `token` enables `POST /documents` for clients sending `Authorization: Bearer <token>`;
    without it the endpoint answers 403. `settings` are used for ingesting (model, limits).
    """
    from sitrep.store import Store
    from sitrep.web.views import ROUTERS

    store = Store.open(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(lifespan=lifespan, title="sitrep", version="0.1.0", openapi_tags=TAGS,
                  description="A sourced timeline built from news articles. Every page has a "
                              "JSON twin: add `.json` to its path.",
                  docs_url=None, redoc_url=None)  # both load scripts from a CDN: CSP forbids
    app.state.store = store
    app.state.reader = Reader(store.engine)
    app.state.searcher = Searcher(store.engine)
    app.state.token = token or None
    app.state.settings = settings or Settings(db=db)
    app.state.templates = _templates()
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_errors(app)

    @app.get("/types.css", include_in_schema=False)
    def type_colors_css() -> Response:
        return Response(types_css(), media_type="text/css",
                        headers={"cache-control": "max-age=3600"})

    @app.get("/basemap.svg", include_in_schema=False)
    def basemap() -> Response:
        from sitrep.web._basemap import land_svg

        return Response(land_svg(), media_type="image/svg+xml",
                        headers={"cache-control": "max-age=86400"})

    @app.get("/robots.txt", include_in_schema=False)
    def robots() -> Response:
        return Response("User-agent: *\nDisallow: /search\n", media_type="text/plain")

    for router in ROUTERS:
        app.include_router(router)

    return app
