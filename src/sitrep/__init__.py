"""sitrep: turn news coverage of a conflict into a sourced, queryable timeline."""

from sitrep.model import Document, Event, Figure, Quote, RawDocument
from sitrep.settings import Settings

__all__ = ["Document", "Event", "Figure", "Quote", "RawDocument", "Settings", "__version__"]
__version__ = "0.1.0"
