"""The temporal word lists (data/lexicon.yaml), loaded once, and regex alternations."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from sitrep._data import load_yaml

__all__ = ["lexicon", "alternation", "lookup"]

_DATA = Path(__file__).parent / "data"


@cache
def lexicon() -> dict[str, Any]:
    """The lexicon as a dict; every list/mapping keyed by lower-case words."""
    with open(_DATA / "lexicon.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)


def alternation(words: Any, *, abbrev_dot: bool = False) -> str:
    """A non-capturing regex alternation, longest first so "a couple of" beats "a"."""
    parts = []
    for w in sorted({str(w) for w in words}, key=len, reverse=True):
        pat = re.escape(w).replace(r"\ ", r"\s+")
        # abbreviations ("Jan", "Tues") may carry a dot; short full words ("May", "July")
        # may not: their dot ends the sentence
        if abbrev_dot and len(w) <= 4 and w.isalpha() and _abbreviates(w, words):
            pat += r"\.?"
        parts.append(pat)
    return "(?:" + "|".join(parts) + ")"


def _abbreviates(word: str, words: Any) -> bool:
    """Whether `word` is short for a longer entry of the same table ("jul" for "july");
    without values to compare (a plain list), every short word counts as one."""
    if not isinstance(words, dict):
        return True
    return any(len(other) > len(word) and str(other).startswith(word) and v == words[word]
               for other, v in words.items())


def lookup(table: str, word: str) -> Any:
    """Value of `word` in lexicon table `table`, ignoring case, dots and spacing."""
    key = " ".join(word.lower().rstrip(".").split())
    return lexicon()[table].get(key)
