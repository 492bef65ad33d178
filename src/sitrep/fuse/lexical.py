"""Lexical signals for event coreference: trigger lemmas, synonym groups, document clusters.

Two reports of one event mostly use the same trigger word or a close synonym ("quake" /
"earthquake", "arrest" / "detention"), and they come from articles about the same story.
These helpers measure both without WordNet: synonym groups live in
`fuse/data/coref_synonyms.yaml`, document similarity is TF-IDF cosine over content words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from sitrep._data import load_yaml

__all__ = ["trigger_key", "trigger_score", "synonym_groups", "document_clusters",
           "tfidf_vectors", "cosine", "sentence_overlap", "coref_score", "coref_settings",
           "is_event_noun", "article_terms", "tfidf", "DocumentIndex"]

_WORD = re.compile(r"[a-z][a-z0-9\-]+")
_DOUBLED = re.compile(r"([bdgkmnprt])\1$")  # running -> run; not kill, miss, buzz
# -ing stems no English word ends with: the verb lost its -e ("driv", "forc", "judg", "caus")
_E_DROPPED = re.compile(r"(?:v|[rn]c|dg|[aeiou]z|[^aeiou]u)$")
# British -ise spellings of -ize verbs ("organise", "apologising", "mobilisation"); not the
# short ones that only have an -ise form ("rise", "wise", "noise", "poise")
_BRITISH = re.compile(r"^([a-z]{4,}i)s(e|es|ed|ing|ation|ations)$")
# Capitalized runs ("Tara Reid", "Port of Basra" counts as "Port" + "Basra"): who and where.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("sitrep.fuse").joinpath("data/coref_synonyms.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


def coref_settings() -> dict[str, float]:
    """Weights and threshold of `coref_score` (the `score` section of the data file)."""
    return {k: float(v) for k, v in _data()["score"].items()}


@cache
def synonym_groups() -> dict[str, frozenset[int]]:
    """lemma -> ids of the synonym groups it belongs to."""
    out: dict[str, set[int]] = {}
    for i, group in enumerate(_data()["groups"]):
        for lemma in group:
            out.setdefault(str(lemma).lower(), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _event_nouns() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = _data()
    return (frozenset(data.get("event_nouns", ())), tuple(data.get("event_noun_suffixes", ())),
            frozenset(data.get("non_event_nouns", ())))


def is_event_noun(lemma: str) -> bool:
    """A noun lemma that names an event: listed, or deverbal (-tion, -ment) and not excluded."""
    listed, suffixes, excluded = _event_nouns()
    w = lemma.lower()
    return w in listed or (w.endswith(suffixes) and w not in excluded)


@cache
def trigger_key(lemma: str) -> str:
    """A trigger lemma reduced to a comparable stem: "shooting" ~ "shoot", "bombings" ~ "bomb",
    "checks" ~ "check".

    The -ing nominalization and plurals spaCy left (headline nouns, proper-noun tags) are
    undone; spaCy lemmas do the rest.
    """
    w = _BRITISH.sub(r"\1z\2", lemma.lower().strip())  # "apologised" ~ "apologized"
    if w in ("dies", "lies", "ties", "vies"):  # a verb's third person spaCy left ("Dies")
        return w[:-1]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ews")):
        w = w[:-1]
    if not (w.endswith("ing") and len(w) > 5):
        return w
    stem = w[:-3]
    if stem + "e" in synonym_groups() or stem + "e" in _data().get("e_stems", ()) or \
            _E_DROPPED.search(stem):
        return stem + "e"  # closing -> close, driving -> drive, causing -> cause
    return _DOUBLED.sub(r"\1", stem)  # running -> run


def trigger_score(a: str, b: str) -> float:
    """1.0 for the same trigger stem, 0.7 for synonyms, else 0.0."""
    ka, kb = trigger_key(a), trigger_key(b)
    if ka == kb:
        return 1.0
    groups = synonym_groups()
    ga = groups.get(ka, frozenset()) | groups.get(a.lower(), frozenset())
    gb = groups.get(kb, frozenset()) | groups.get(b.lower(), frozenset())
    return 0.7 if ga & gb else 0.0


def sentence_overlap(a: str, b: str, stopwords: frozenset[str] = frozenset()) -> float:
    """Wording shared by two evidence sentences: content-word Jaccard or fuzzy token overlap."""
    wa = {w for w in _WORD.findall(a.lower()) if w not in stopwords and len(w) > 2}
    wb = {w for w in _WORD.findall(b.lower()) if w not in stopwords and len(w) > 2}
    jacc = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    return max(jacc, fuzz.token_set_ratio(a, b) / 100 * 0.8)


@cache
def _weak_triggers() -> frozenset[str]:
    return frozenset(_data().get("weak_triggers", ()))


def coref_score(lemma_a: str, lemma_b: str, *, documents: float, sentences: float) -> float:
    """How likely two event mentions corefer: their triggers must match, then the articles
    (TF-IDF cosine, 1.0 within one article) and the sentences around them must agree.

    Light and reporting verbs ("say", "take") name too many happenings of one story: they
    only match when the sentences say nearly the same. Compare against
    `coref_settings()["threshold"]`.
    """
    trig = trigger_score(lemma_a, lemma_b)
    if trig == 0.0:
        return 0.0
    w = coref_settings()
    if trigger_key(lemma_a) in _weak_triggers() and sentences < w["weak_overlap"]:
        return 0.0
    return trig * (w["documents"] * documents + w["sentences"] * sentences)


def article_terms(text: str, stopwords: frozenset[str] = frozenset()) -> Counter[str]:
    """What an article is about: its content words, plus its capitalized runs as terms of
    their own ("@tara reid"), which tell two stories of one kind (two rehab stays) apart."""
    bag = Counter(w for w in _WORD.findall(text.lower()) if w not in stopwords and len(w) > 2)
    bag.update("@" + m.group(0).lower() for m in _NAME.finditer(text)
               if m.group(0).lower() not in stopwords)
    return bag


def tfidf_vectors(texts: Sequence[str], stopwords: frozenset[str] = frozenset()
                  ) -> list[dict[str, float]]:
    """L2-normalized TF-IDF vectors (sublinear tf) of each text's content words."""
    index = DocumentIndex(stopwords)
    for i, text in enumerate(texts):
        index.add(str(i), text)
    return [index.vector(str(i)) for i in range(len(texts))]


class DocumentIndex:
    """Articles' content words with their document frequencies, for story similarity.

    Add every article of the collection (a topic, an ingest batch, the store), then ask for the
    TF-IDF cosine of two of them; words common to the whole collection weigh little.
    """

    def __init__(self, stopwords: frozenset[str] = frozenset()) -> None:
        self.stopwords = stopwords
        self.bags: dict[str, Counter[str]] = {}
        self.df: Counter[str] = Counter()
        self._vectors: dict[str, dict[str, float]] = {}

    def add(self, doc_id: str, text: str) -> None:
        self.add_terms(doc_id, article_terms(text, self.stopwords))

    def add_terms(self, doc_id: str, bag: Counter[str]) -> None:
        """Add an article by its `article_terms` (e.g. as stored)."""
        if doc_id in self.bags:
            self.df.subtract(self.bags[doc_id].keys())
        self.bags[doc_id] = bag
        self.df.update(bag.keys())
        self._vectors.clear()

    def vector(self, doc_id: str) -> dict[str, float]:
        if doc_id not in self._vectors:
            n, bag = len(self.bags), self.bags[doc_id]
            self._vectors[doc_id] = tfidf(bag, n, self.df)
        return self._vectors[doc_id]

    def similarity(self, a: str, b: str) -> float:
        """1.0 within one article, else the TF-IDF cosine of the two."""
        return 1.0 if a == b else cosine(self.vector(a), self.vector(b))


def tfidf(bag: Mapping[str, int], n: int, df: Mapping[str, int]) -> dict[str, float]:
    """L2-normalized TF-IDF of one bag of terms: sublinear tf, smoothed idf (+1, so that in a
    collection of two articles the words they share still count)."""
    vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df.get(w, 1))) + 1)
           for w, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def document_clusters(texts: Sequence[str], threshold: float = 0.2,
                      stopwords: frozenset[str] = frozenset()) -> list[int]:
    """Group articles about the same story: average-link clustering on TF-IDF cosine.

    Returns one cluster label per text. Articles on one story share rare names and words;
    articles on two similar stories (two different earthquakes) share mostly common ones.
    """
    vecs = tfidf_vectors(texts, stopwords)
    clusters: list[list[int]] = [[i] for i in range(len(texts))]
    sim = {(i, j): cosine(vecs[i], vecs[j]) for i in range(len(texts))
           for j in range(i + 1, len(texts))}

    def link(x: list[int], y: list[int]) -> float:
        pairs = [sim[min(i, j), max(i, j)] for i in x for j in y]
        return sum(pairs) / len(pairs)

    while len(clusters) > 1:
        best, pair = -1.0, (0, 0)
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                s = link(clusters[i], clusters[j])
                if s > best:
                    best, pair = s, (i, j)
        if best < threshold:
            break
        i, j = pair
        clusters[i] += clusters.pop(j)
    labels = [0] * len(texts)
    for k, members in enumerate(clusters):
        for i in members:
            labels[i] = k
    return labels
