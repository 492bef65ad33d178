"""HTML to RawDocument: trafilatura for the main text and metadata, htmldate for the date.

Broken or truncated pages never crash: when trafilatura finds nothing, a plain lxml text
conversion is used (noted in `stripped`), and a page with no text at all is a ReadError.
"""

from __future__ import annotations

import logging
import re
from datetime import date

import lxml.html
from lxml import etree

from sitrep.model import RawDocument
from sitrep.read._base import ReadError
from sitrep.read.clean import clean

__all__ = ["html_to_plain", "publication_date", "read_html"]

log = logging.getLogger(__name__)

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "figure",
    "figcaption", "dd", "dt", "dl", "form", "main", "title", "td", "th", "hr", "address",
}
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "head")
FALLBACK_NOTE = "[main-text detection failed: plain HTML text conversion used]"


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
        try:
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


def html_to_plain(html: str) -> str:
    """All visible text of a page, one block element per line (no main-content detection)."""
    tree = _parse(html)
    if tree is None:
        return ""
    for bad in list(tree.iter(*_DROP)):
        if bad.getparent() is not None:
            bad.drop_tree()
    # newlines around block elements (iteratively: deep broken markup must not recurse)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    text = tree.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def publication_date(html: str, url: str | None = None) -> date | None:
    """The original publication date (not the last update) by htmldate, or None."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception as exc:  # htmldate raises assorted errors on broken markup
        log.debug("htmldate failed: %s", exc)
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found[:10])
    except ValueError:
        return None


def _trafilatura(html: str, url: str | None) -> tuple[str | None, dict[str, str | None]]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=True,
        )
    except Exception as exc:  # a truncated page can trip lxml deep inside trafilatura
        log.debug("trafilatura failed: %s", exc)
        return None, {}
    if doc is None:
        return None, {}
    meta = {k: getattr(doc, k, None) for k in ("title", "sitename", "author", "date")}
    text = getattr(doc, "text", None)
    return text, meta


def read_html(html: str, *, source: str, url: str | None = None) -> RawDocument:
    """Main text (paragraphs separated by blank lines) plus title, outlet, author and date."""
    text, meta = _trafilatura(html, url)
    notes: list[str] = []
    if not text or not text.strip():
        text = html_to_plain(html)
        notes.append(FALLBACK_NOTE)
        meta.setdefault("title", _title_tag(html))
    if not text.strip():
        raise ReadError(source, "the HTML page has no visible text; check that it is the "
                                "article page itself and not a redirect or script-only page")
    infer = meta.get("title") is None and bool(notes)
    cleaned = clean(text, title=meta.get("title"), infer_title=infer)
    if not cleaned.text.strip():
        raise ReadError(source, "the HTML page has no article text after removing page "
                                "furniture; check the page or pass its plain text instead")
    published = publication_date(html, url)
    if published is None and meta.get("date"):
        published = _iso(meta["date"])
    return RawDocument(
        source=source,
        text=cleaned.text,
        title=meta.get("title") or cleaned.title,
        outlet=meta.get("sitename") or cleaned.outlet,
        author=meta.get("author") or cleaned.author,
        url=url,
        published=published,
        html=html,
        stripped=notes + cleaned.stripped,
        format="html",
    )


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _title_tag(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    return " ".join(m.group(1).split()) or None if m else None
