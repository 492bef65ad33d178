"""Document text cut into sentences and highlighted spans, for templates to render escaped.

Nothing here produces HTML: segments are plain strings plus the labels of the facts covering
them, and the template escapes every piece (article text is untrusted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from sitrep._data import load_yaml
from sitrep.model import Document

__all__ = ["Span", "Segment", "SentenceView", "document_view", "type_colors", "css_class"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # event | figure | quote
    label: str  # shown as the mark's title
    cls: str = ""  # extra CSS class, e.g. the event type's colour class


@dataclass(slots=True)
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join([f"k-{k}" for k in self.kinds] + self.classes)


@dataclass(slots=True)
class SentenceView:
    index: int
    segments: list[Segment]
    gap: str  # the text between this sentence and the next (paragraph breaks)


def fact_spans(doc: Document) -> list[Span]:
    spans = [Span(e.evidence.start, e.evidence.end, "event",
                  f"{e.type}: {e.summary}", css_class(e.type)) for e in doc.events]
    spans += [Span(f.evidence.start, f.evidence.end, "figure",
                   f"{f.text or f.value:} {f.unit} — {f.subject}") for f in doc.figures]
    spans += [Span(q.evidence.start, q.evidence.end, "quote",
                   f"quote by {q.speaker_name}") for q in doc.quotes]
    return [s for s in spans if 0 <= s.start < s.end <= len(doc.text)]


def _segments(text: str, lo: int, hi: int, spans: list[Span]) -> list[Segment]:
    """Cut text[lo:hi] at every span boundary; each piece lists the spans covering it."""
    inside = [s for s in spans if s.start < hi and lo < s.end]
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for s in inside for x in (s.start, s.end)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        cover = [s for s in inside if s.start <= a and b <= s.end]
        out.append(Segment(text[a:b], sorted({s.kind for s in cover}),
                           [s.label for s in cover], sorted({s.cls for s in cover if s.cls})))
    return out


def document_view(doc: Document) -> tuple[str, list[SentenceView]]:
    """(text before the first sentence, sentences with highlighted segments)."""
    spans = fact_spans(doc)
    sents = sorted(doc.sentences, key=lambda s: s.start)
    if not sents:
        return "", [SentenceView(0, _segments(doc.text, 0, len(doc.text), spans), "")]
    views = []
    for i, s in enumerate(sents):
        nxt = sents[i + 1].start if i + 1 < len(sents) else len(doc.text)
        views.append(SentenceView(s.index, _segments(doc.text, s.start, s.end, spans),
                                  doc.text[s.end:nxt]))
    return doc.text[: sents[0].start], views


@cache
def _types() -> dict[str, Any]:
    raw: dict[str, Any] = load_yaml(
        resources.files("sitrep.web").joinpath("data/event_types.yaml").read_text("utf-8"))
    return raw


def type_colors() -> dict[str, str]:
    return dict(_types()["colors"])


def type_quads() -> dict[str, list[str]]:
    return dict(_types()["quads"])


def unknown_color() -> str:
    return str(_types()["unknown"])


def css_class(event_type: str) -> str:
    """A CSS class for an event type (types are data: keep only safe characters)."""
    return "t-" + re.sub(r"[^A-Za-z0-9_-]", "_", event_type or "UNKNOWN").upper()


def types_css() -> str:
    """The stylesheet that colours each event type (served at /types.css: no inline styles)."""
    lines = [f".{css_class(t)}{{--tc:{c}}}" for t, c in type_colors().items()]
    head = ":root{--tc-unknown:" + unknown_color() + "}"
    return "\n".join([head, *lines]) + "\n"
