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
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

__all__ = ["trigger_key", "trigger_score", "synonym_groups", "document_clusters",
           "tfidf_vectors", "cosine"]

_WORD = re.compile(r"[a-z][a-z0-9\-]+")
_DOUBLED = re.compile(r"([bdfgklmnprstz])\1$")


@cache
def synonym_groups() -> dict[str, frozenset[int]]:
    """lemma -> ids of the synonym groups it belongs to."""
    text = resources.files("sitrep.fuse").joinpath("data/coref_synonyms.yaml").read_text("utf-8")
    out: dict[str, set[int]] = {}
    for i, group in enumerate(yaml.safe_load(text)["groups"]):
        for lemma in group:
            out.setdefault(str(lemma).lower(), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def trigger_key(lemma: str) -> str:
    """A trigger lemma reduced to a comparable stem: "shooting" ~ "shoot", "bombings" ~ "bomb".

    Only the -ing nominalization and plural are undone; spaCy lemmas do the rest.
    """
    w = lemma.lower().strip()
    if w in synonym_groups():
        return w
    if w.endswith("ings") and len(w) > 6:
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        stem = w[:-3]
        stem = _DOUBLED.sub(r"\1", stem)  # running -> run
        return stem
    return w


def trigger_score(a: str, b: str) -> float:
    """1.0 for the same trigger stem, 0.7 for synonyms, else 0.0."""
    ka, kb = trigger_key(a), trigger_key(b)
    if ka == kb:
        return 1.0
    groups = synonym_groups()
    ga = groups.get(ka, frozenset()) | groups.get(a.lower(), frozenset())
    gb = groups.get(kb, frozenset()) | groups.get(b.lower(), frozenset())
    return 0.7 if ga & gb else 0.0


def tfidf_vectors(texts: Sequence[str], stopwords: frozenset[str] = frozenset()
                  ) -> list[dict[str, float]]:
    """L2-normalized TF-IDF vectors (sublinear tf) of each text's content words."""
    bags = [Counter(w for w in _WORD.findall(t.lower()) if w not in stopwords and len(w) > 2)
            for t in texts]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


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
