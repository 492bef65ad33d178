"""`POST /documents`: ingest one article (text, HTML or a URL). Needs the server's token."""

from __future__ import annotations

import hmac
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, model_validator

from sitrep.model import Document, RawDocument
from sitrep.settings import Settings
from sitrep.store import Store

router = APIRouter()
_LOCK = threading.Lock()  # one annotation at a time: spaCy and fusion are not re-entrant here


class NewDocument(BaseModel):
    """Exactly one of `text`, `html` or `url`."""

    text: str | None = Field(None, max_length=2_000_000, description="Plain article text")
    html: str | None = Field(None, max_length=5_000_000, description="An article's HTML page")
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://",
                            description="An article URL to fetch")
    title: str | None = Field(None, max_length=500)
    published: date | None = Field(None, description="Publication date (YYYY-MM-DD)")
    source: str | None = Field(None, max_length=500, description="Where it came from")

    @model_validator(mode="after")
    def one_input(self) -> NewDocument:
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class Ingested(BaseModel):
    id: str
    created: bool
    title: str | None
    published: date | None
    events: int
    figures: int
    quotes: int
    url: str


def require_token(request: Request,
                  authorization: Annotated[str | None, Header()] = None) -> None:
    """403 when the server has no token, 401 unless the request carries it (constant time)."""
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, "Ingesting over HTTP is disabled: start the server with "
                                 "--token (or SITREP_TOKEN) to enable POST /documents.")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             expected.encode()):
        raise HTTPException(401, "Missing or wrong token: send 'Authorization: Bearer <token>'.",
                            headers={"WWW-Authenticate": "Bearer"})


def read_raw(body: NewDocument, settings: Settings) -> RawDocument:
    from sitrep.read.files import fetch, read_text
    from sitrep.read.html import read_html

    source = body.source or body.url or "api"
    if body.url:
        text, ctype = fetch(body.url, settings=settings, public_only=True)
        raw = (read_html(text, source=source, url=body.url) if "html" in ctype
               or text.lstrip()[:1] == "<" else read_text(text, source=source, url=body.url))
    elif body.html:
        raw = read_html(body.html, source=source)
    else:
        raw = read_text(body.text or "", source=source)
    if body.title:
        raw.title = body.title
    if body.published:
        raw.published = body.published
    return raw


def ingest_one(raw: RawDocument, store: Store, settings: Settings) -> tuple[Document, bool]:
    """Annotate, fuse and store one document, as the batch pipeline does; (doc, created)."""
    from sitrep.annotate.nlp import load_nlp
    from sitrep.fuse.events import assign_event_ids
    from sitrep.pipeline import annotate, default_stages, prepare

    doc = prepare(raw)
    if store.has_document(doc.id):
        return store.get_document(doc.id), False
    if len(doc.text) < settings.min_chars:
        raise HTTPException(422, f"The cleaned text has {len(doc.text)} characters, fewer than "
                                 f"min_chars ({settings.min_chars}): nothing to ingest.")
    with _LOCK:
        nlp = load_nlp(settings.model)
        annotate(doc, nlp(doc.text), default_stages())
        merges = assign_event_ids(doc, store)
        created = store.add_document(doc, merges=merges)
    return doc, created


@router.post("/documents", tags=["documents"], status_code=201, response_model=Ingested,
             summary="Ingest one article (text, HTML or URL); needs 'Authorization: Bearer'",
             dependencies=[Depends(require_token)],
             responses={401: {"description": "Missing or wrong token"},
                        403: {"description": "Ingesting is disabled (no token configured)"}})
async def post_document(request: Request, body: NewDocument) -> Any:
    from sitrep.read._base import ReadError

    settings: Settings = request.app.state.settings
    try:
        raw = await run_in_threadpool(read_raw, body, settings)
    except ReadError as exc:
        raise HTTPException(422, f"Could not read {exc.source}: {exc.reason}") from exc
    doc, created = await run_in_threadpool(ingest_one, raw, request.app.state.store, settings)
    result = Ingested(id=doc.id, created=created, title=doc.title, published=doc.published,
                      events=len(doc.events), figures=len(doc.figures), quotes=len(doc.quotes),
                      url=f"/documents/{doc.id}")
    from fastapi.responses import JSONResponse

    return JSONResponse(result.model_dump(mode="json"), status_code=201 if created else 200)
