"""User input to RawDocuments: files, directories, globs, URLs, JSONL and feeds.

Every failure is a ReadError naming the source, what went wrong and what to do, so one bad
file never stops a batch (`read_all` collects the errors).
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx

from sitrep.model import RawDocument
from sitrep.read._base import ReadError, Source
from sitrep.read.clean import clean
from sitrep.read.html import html_to_plain, read_html
from sitrep.read.lang import non_english_reason
from sitrep.settings import Settings

__all__ = [
    "ReadError",
    "Source",
    "decode_bytes",
    "discover",
    "read_all",
    "read_source",
    "read_text",
    "read_text_file",
]

log = logging.getLogger(__name__)

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_MAGIC = {
    b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP/Office archive", b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program", b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
OnError = Callable[[ReadError], None]


# ---------------------------------------------------------------------------- discovery


def _kind_of(path: Path) -> str:
    return EXTENSIONS.get(path.suffix.lower(), "text")


def discover(paths: Iterable[str]) -> list[Source]:
    """Expand files, directories (recursively), globs and http(s) URLs into sources.

    Order follows the arguments; directory and glob matches are sorted. Directories only
    contribute files with a known extension; a named path that does not exist becomes a
    `missing` source so the batch reports it instead of stopping.
    """
    out: list[Source] = []
    seen: set[str] = set()

    def add(src: Source) -> None:
        if src.location not in seen:
            seen.add(src.location)
            out.append(src)

    for raw in paths:
        arg = str(raw).strip()
        if re.match(r"(?i)^https?://", arg):
            add(Source(arg, "url"))
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in f.relative_to(path).parts)
                if f.is_file() and not hidden and f.suffix.lower() in EXTENSIONS:
                    add(Source(str(f), _kind_of(f)))
        elif path.is_file():
            add(Source(str(path), _kind_of(path)))
        elif glob.has_magic(arg):
            for m in sorted(glob.glob(os.path.expanduser(arg), recursive=True)):
                if Path(m).is_file():
                    add(Source(m, _kind_of(Path(m))))
        else:
            add(Source(arg, "missing"))
    return out


# ---------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Bytes to text: BOM, UTF-8, `encoding` (from HTTP) or a declared charset, then a guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _normalize(data.decode(codec))
            except UnicodeDecodeError as exc:
                raise ReadError(source, f"the text claims {codec} but does not decode "
                                        f"({exc.reason}); re-save it as UTF-8") from exc
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(source, f"this is {what}, not text; convert it to text or HTML first")
    if b"\x00" in data[:8192]:
        raise ReadError(source, "this is a binary file (it contains NUL bytes), not text; "
                                "convert it to .txt or .html first")
    text = None
    # UTF-8 first: declared charsets are often wrong, and UTF-8 rarely decodes anything else
    for codec in filter(None, ("utf-8", encoding or _declared_charset(data))):
        try:
            text = data.decode(codec)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        text = _guess_decode(data, source)
    if len(_CONTROL.findall(text[:20_000])) > 0.01 * min(len(text), 20_000) + 2:
        raise ReadError(source, "this looks like a binary file (many control characters), "
                                "not text; convert it to .txt or .html first")
    return _normalize(text)


_CHARSET = re.compile(
    rb"""<meta[^>]+charset=["']?([\w-]+)|<\?xml[^>]+encoding=["']([\w-]+)""", re.I
)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML file declares in its first bytes, if any."""
    m = _CHARSET.search(data[:4096])
    return (m.group(1) or m.group(2)).decode("ascii") if m else None


# letters Windows-1252 gives Central European bytes: a word ending in "æ" (the "-ić" of
# Slavic names), "¹" and "³" ("ą", "ł"), "ð" ("đ") and "¿" inside a word ("ż")
_CENTRAL = re.compile(r"[^\W\d_]æ\b|[¹³ðÐ]|[^\W\d_]¿[^\W\d_]")


def _plausible_western(text: str) -> bool:
    """Mostly ASCII letters, the rest Latin letters or typographic punctuation.

    Cyrillic or Greek bytes read as cp1252 turn into runs of accented Latin letters, which
    the letter ratio rejects.
    """
    letters = [c for c in text if c.isalpha()]
    extra = [c for c in text if ord(c) > 127]
    if not letters:
        return False
    if sum(1 for c in letters if ord(c) > 127) > 0.2 * len(letters):
        return False
    if _CENTRAL.search(text):
        return False  # Windows-1250 read as 1252: "Vuèiæ" (Vučić), "wy³¹cznie" (wyłącznie)
    return all(
        unicodedata.name(c, "").startswith("LATIN") or unicodedata.category(c)[0] in "PSZ"
        for c in extra
    )


def _guess_decode(data: bytes, source: str) -> str:
    """Non-UTF-8 bytes: Windows-1252 when it reads as Western text, else charset-normalizer."""
    with contextlib.suppress(UnicodeDecodeError):
        text = data.decode("cp1252")
        if _plausible_western(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(source, "the text encoding could not be recognised; re-save the file "
                                "as UTF-8")
    if best.encoding == "cp1250" and not re.search(rb"[\x80-\x9f]", data):
        # Windows-1250 keeps "š" and "Š" at 0x9A and 0x8A: Central European text with no byte
        # there is ISO-8859-2, where 0xB9 is "š" (not "ą") and 0xA9 "Š" (not "©")
        return data.decode("iso8859_2")
    return str(best)


_MOJIBAKE = re.compile("â€[™œ\x9d“”˜¦]|Ã[©¨¡³ºª±¶¼]|Â[ ·°«»]")


_LATIN1_ONLY = frozenset("\x81\x8d\x8f\x90\x9d")


def _fix_mojibake(text: str) -> str:
    """UTF-8 text once misread as Windows-1252 ("â€™" for "’"): undo it when that is clean."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return text
    try:
        # "sloppy" cp1252: the five bytes it leaves undefined pass through as Latin-1
        raw = b"".join(c.encode("cp1252") if ord(c) > 255 or c not in _LATIN1_ONLY
                       else c.encode("latin-1") for c in text)
        fixed = raw.decode("utf-8")
    except UnicodeError:
        return text
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else text


def _normalize(text: str) -> str:
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return _fix_mojibake(text)


def _read_bytes(path: str, settings: Settings) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > settings.max_bytes:
            raise ReadError(path, f"the file is {size / 1e6:.1f} MB, above the "
                                  f"{settings.max_bytes / 1e6:.1f} MB limit (max_bytes); "
                                  "split it or raise the limit")
        with p.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)  # never read a growing file whole
    except FileNotFoundError as exc:
        raise ReadError(path, "no such file; check the path") from exc
    except IsADirectoryError as exc:
        raise ReadError(path, "this is a directory; pass it to discover() to read its "
                              "files") from exc
    except PermissionError as exc:
        raise ReadError(path, "permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise ReadError(path, f"the file could not be read ({exc.strerror or exc})") from exc
    if len(data) > settings.max_bytes:
        raise ReadError(path, f"the file is above the {settings.max_bytes / 1e6:.1f} MB limit "
                              "(max_bytes); split it or raise the limit")
    if not data.strip():
        raise ReadError(path, "the file is empty; nothing to read")
    return data


# ---------------------------------------------------------------------------- documents


def _finish(doc: RawDocument, settings: Settings) -> RawDocument:
    """The checks every document passes: some text, enough of it, in English."""
    n = len(doc.text.strip())
    if n == 0:
        raise ReadError(doc.source, "no article text is left after removing page furniture; "
                                    "check that this is an article")
    if n < settings.min_chars:
        raise ReadError(doc.source, f"only {n} characters of article text (min_chars is "
                                    f"{settings.min_chars}); too short to be an article")
    reason = non_english_reason(doc.text)
    if reason:
        raise ReadError(doc.source, reason)
    return doc


def read_text(text: str, *, source: str, url: str | None = None) -> RawDocument:
    """Scraped plain text to a RawDocument: cleaned body, headline, outlet and author."""
    c = clean(text)
    return RawDocument(source=source, text=c.text, title=c.title, outlet=c.outlet,
                       author=c.author, url=url, stripped=c.stripped, header=c.header,
                       format="text")


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _looks_feed(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    if head.startswith("<rss") or "<feed" in head:
        return True
    return "<?xml" in head and "<rss" in text[:2000].lower()


def read_text_file(path: str, *, settings: Settings) -> RawDocument:
    """A .txt file (an HTML page saved as .txt is read as HTML)."""
    text = decode_bytes(_read_bytes(path, settings), source=path)
    if not text.strip():
        raise ReadError(path, "the file is empty; nothing to read")
    doc = read_html(text, source=path) if _looks_html(text) else read_text(text, source=path)
    return _finish(doc, settings)


def _parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).date()
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    import dateparser

    found = dateparser.parse(s, languages=["en"])
    return found.date() if found else None


def _record(rec: Any, source: str) -> RawDocument:
    if not isinstance(rec, dict):
        raise ReadError(source, "the record is not a JSON object; each line must be "
                                '{"text": ...} or {"html": ...}')
    url = rec.get("url") or None
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        doc = read_html(rec["html"], source=source, url=url)
        doc.format = "jsonl"
    elif isinstance(rec.get("text"), str) and rec["text"].strip():
        doc = read_text(rec["text"], source=source, url=url)
        doc.format = "jsonl"
    else:
        raise ReadError(source, 'the record has no "text" or "html" field; add the article body')
    doc.title = rec.get("title") or doc.title
    doc.outlet = rec.get("outlet") or rec.get("source") or rec.get("sitename") or doc.outlet
    doc.author = rec.get("author") or doc.author
    try:
        doc.published = _parse_date(rec.get("published") or rec.get("date")) or doc.published
    except (ValueError, OverflowError, OSError) as exc:
        raise ReadError(source, f"the published date {rec.get('published')!r} is not a date "
                                "(use YYYY-MM-DD)") from exc
    return doc


def _iter_jsonl(text: str, path: str, settings: Settings) -> Iterator[RawDocument | ReadError]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            yield _finish(_record(json.loads(line), where), settings)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"line {n} is not valid JSON ({exc.msg} at column "
                                   f"{exc.colno}); fix or remove that line")
        except ReadError as exc:
            yield exc


def _iter_feed(text: str, where: str, settings: Settings) -> Iterator[RawDocument | ReadError]:
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        yield ReadError(where, "no feed entries found; check that this is an RSS or Atom feed")
        return
    for i, entry in enumerate(parsed.entries, start=1):
        src = f"{where}#{entry.get('id') or entry.get('link') or i}"
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        try:
            if len(html_to_plain(f"<html><body>{body}</body></html>")) < settings.min_chars:
                raise ReadError(src, "the feed entry holds only a summary; ingest its link "
                                     f"({entry.get('link') or 'none given'}) to read the "
                                     "full article")
            doc = read_html(body, source=src, url=entry.get("link"))
            doc.format = "feed"
            doc.title = entry.get("title") or doc.title
            doc.author = entry.get("author") or doc.author
            doc.outlet = parsed.feed.get("title") or doc.outlet
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            doc.published = date(*stamp[:3]) if stamp else doc.published
            yield _finish(doc, settings)
        except ReadError as exc:
            yield exc


def public_host(url: str) -> None:
    """Raise ReadError unless every address `url`'s host resolves to is public: a server that
    fetches URLs for its clients must not reach its own network (127.0.0.1, 10.x, cloud
    metadata at 169.254.169.254, ...)."""
    import ipaddress
    import socket

    host = httpx.URL(url).host
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as exc:
        raise ReadError(url, f"the host {host!r} could not be resolved") from exc
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not addr.is_global:
            raise ReadError(url, f"the host {host!r} is a private or local address ({addr}); "
                                 "the server only fetches public pages")


def fetch(url: str, *, settings: Settings, client: httpx.Client | None = None,
          public_only: bool = False) -> tuple[str, str]:
    """GET a URL with the timeout and size cap from settings: (decoded text, content type).

    `public_only` refuses private and local hosts, redirects included (`public_host`)."""
    own = client is None
    hooks = {"request": [lambda req: public_host(str(req.url))]} if public_only else {}
    client = client or httpx.Client(follow_redirects=True, timeout=settings.fetch_timeout,
                                    headers={"User-Agent": "sitrep/0.1 (+news timeline tool)"},
                                    event_hooks=hooks)
    try:
        with client.stream("GET", url, timeout=settings.fetch_timeout) as resp:
            if resp.status_code >= 400:
                raise ReadError(url, f"the server answered HTTP {resp.status_code}; check the "
                                     "URL or save the page and read the file")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise ReadError(url, f"the page is above the {settings.max_bytes / 1e6:.1f} "
                                         "MB limit (max_bytes); raise the limit to read it")
                chunks.append(chunk)
            ctype = resp.headers.get("content-type", "").lower()
            data = b"".join(chunks)
            charset = resp.charset_encoding
    except httpx.TimeoutException as exc:
        raise ReadError(url, f"no answer within {settings.fetch_timeout:g} s (fetch_timeout); "
                             "try again later or raise the timeout") from exc
    except httpx.HTTPError as exc:
        raise ReadError(url, f"the page could not be fetched ({exc}); check the URL and your "
                             "connection") from exc
    finally:
        if own:
            client.close()
    if not data.strip():
        raise ReadError(url, "the server sent an empty page")
    return decode_bytes(data, source=url, encoding=charset), ctype


def _iter_url(src: Source, settings: Settings,
              client: httpx.Client | None) -> Iterator[RawDocument | ReadError]:
    text, ctype = fetch(src.location, settings=settings, client=client)
    if any(k in ctype for k in ("rss", "atom")) or _looks_feed(text):
        yield from _iter_feed(text, src.location, settings)
    elif "html" in ctype or _looks_html(text):
        doc = read_html(text, source=src.location, url=src.location)
        doc.format = "url"
        yield _finish(doc, settings)
    else:
        doc = read_text(text, source=src.location, url=src.location)
        doc.format = "url"
        yield _finish(doc, settings)


def _iter_source(src: Source, settings: Settings,
                 client: httpx.Client | None) -> Iterator[RawDocument | ReadError]:
    where = src.location
    if src.kind == "missing":
        raise ReadError(where, "no such file, directory or matching glob; check the path")
    if src.kind == "url":
        yield from _iter_url(src, settings, client)
        return
    if src.kind == "text":
        yield read_text_file(where, settings=settings)
        return
    text = decode_bytes(_read_bytes(where, settings), source=where)
    if src.kind == "jsonl":
        yield from _iter_jsonl(text, where, settings)
    elif src.kind == "feed" or (src.kind == "html" and _looks_feed(text)):
        yield from _iter_feed(text, where, settings)
    elif src.kind == "html":
        yield _finish(read_html(text, source=where), settings)
    else:
        raise ReadError(where, f"unknown source kind {src.kind!r}")


def read_source(source: Source, *, settings: Settings, client: httpx.Client | None = None,
                on_error: OnError | None = None) -> list[RawDocument]:
    """The documents of one source; raises ReadError when the source as a whole fails.

    Per-record failures inside a .jsonl file or a feed go to `on_error` (logged when None);
    if every record fails, the first error is raised.
    """
    docs: list[RawDocument] = []
    errors: list[ReadError] = []
    try:
        for item in _iter_source(source, settings, client):
            if isinstance(item, ReadError):
                errors.append(item)
                if on_error is not None:
                    on_error(item)
                else:
                    log.warning("%s", item)
            else:
                docs.append(item)
    except ReadError:
        raise
    except Exception as exc:  # a bug or a library failure must not stop a batch either
        log.debug("unexpected failure reading %s", source.location, exc_info=True)
        raise ReadError(source.location, f"unexpected error ({type(exc).__name__}: {exc}); "
                                         "please report it with this file") from exc
    if not docs and errors:
        raise ReadError(source.location, f"none of its {len(errors)} records could be read; "
                                         f"first problem: {errors[0].reason}")
    return docs


def read_all(sources: Iterable[Source], *, settings: Settings,
             client: httpx.Client | None = None) -> tuple[list[RawDocument], list[ReadError]]:
    """Read every source; never raises for bad input: failures come back as ReadErrors."""
    docs: list[RawDocument] = []
    errors: list[ReadError] = []
    for src in sources:
        try:
            docs.extend(read_source(src, settings=settings, client=client,
                                    on_error=errors.append))
        except ReadError as exc:
            errors.append(exc)
    return docs, errors
