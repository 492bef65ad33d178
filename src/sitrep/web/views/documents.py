"""Articles: `/documents` and `/documents/{id}` (sentences anchored `#s<n>`, facts marked)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from sitrep.store import Store
from sitrep.web._render import Page, twin
from sitrep.web._sql import Reader, safe_url
from sitrep.web._text import document_view
from sitrep.web.views._common import reader, store

router = APIRouter()


@twin(router, "/documents", name="documents", tags=["documents"],
      summary="Every ingested document, newest first")
def document_list(request: Request, rd: Annotated[Reader, Depends(reader)]) -> Page:
    return Page("documents.html", "Documents", {"documents": rd.document_list()})


@twin(router, "/documents/{doc_id}", name="document", tags=["documents"],
      summary="One document: cleaned text, sentences, and every fact extracted from it")
def document_detail(request: Request, doc_id: Annotated[str, Path(max_length=64)],
                    st: Annotated[Store, Depends(store)]) -> Page:
    try:
        doc = st.get_document(doc_id)
    except KeyError:
        raise HTTPException(404, f"No document {doc_id!r}; see the list of documents.") from None
    lead, sentences = document_view(doc)
    return Page("document.html", doc.title or doc.outlet or doc.id, {"document": doc}, {
        "doc": doc, "lead": lead, "sentences": sentences, "url": safe_url(doc.url)})
