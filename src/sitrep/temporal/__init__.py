"""Time expressions: finding, normalizing (TIMEX3) and anchoring them; publication dates."""

from sitrep.temporal.govern import governing_timex, unresolved_span
from sitrep.temporal.pubdate import date_from_url, estimate_range, find_dateline
from sitrep.temporal.tagger import TimeTagger, tag

__all__ = [
    "TimeTagger",
    "tag",
    "find_dateline",
    "date_from_url",
    "estimate_range",
    "governing_timex",
    "unresolved_span",
]
