"""A cheap English check: stopword ratios and script, from data/stopwords.yaml."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

from sitrep._data import load_yaml

__all__ = ["guess_language", "non_english_reason"]

_WORD = re.compile(r"[^\W\d_]+", re.U)
_MIN_WORDS = 25  # below this the ratio is noise: give the text the benefit of the doubt


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    raw = load_yaml(
        resources.files("sitrep.read").joinpath("data/stopwords.yaml").read_text("utf-8")
    )
    return {lang: frozenset(str(w).lower() for w in words) for lang, words in raw.items()}


def _script(text: str) -> str | None:
    """The dominant non-Latin script of the letters, e.g. ARABIC, CYRILLIC, or None."""
    scripts: Counter[str] = Counter()
    for ch in text[:20_000]:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts[name.split(" ")[0] if name else "UNKNOWN"] += 1
    total = sum(scripts.values())
    if not total:
        return None
    top, count = scripts.most_common(1)[0]
    latin = scripts.get("LATIN", 0)
    if latin / total < 0.5 and top != "LATIN" and count / total >= 0.3:
        return top.title()
    return None


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code (or a script name) for the text, or None when too short to tell."""
    script = _script(text)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(text[:50_000])]
    if len(words) < _MIN_WORDS:
        return None
    scores = {
        lang: sum(1 for w in words if w in stop) / len(words)
        for lang, stop in _stopwords().items()
    }
    best = max(scores, key=lambda k: scores[k])
    # English prose runs at 0.3-0.5; accept it unless another language clearly wins
    if scores.get("en", 0.0) >= 0.12 and scores["en"] >= 0.6 * scores[best]:
        return "en"
    return best


def non_english_reason(text: str) -> str | None:
    """A user-facing reason to skip a non-English article, or None when it reads as English."""
    lang = guess_language(text)
    if lang in (None, "en"):
        return None
    return (
        f"the article does not look English (detected: {lang}); sitrep's extractors only "
        "handle English text, so translate it first or leave it out"
    )
