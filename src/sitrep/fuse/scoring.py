"""Coreference metrics: MUC, B3, CEAF-e, LEA and the CoNLL average, key against response.

A clustering is a list of sets of mention ids (any hashable). Conventions follow the reference
coreference scorer (Pradhan et al. 2014) and LEA (Moosavi & Strube 2016):

- singletons are kept by default (`singletons=False` drops one-mention clusters from both sides
  first, as CoNLL-2012 entity scoring does);
- with predicted mentions, a response mention absent from the key (spurious) and a key mention
  absent from the response (missing) are simply not in the other side's lookup: they lower
  precision or recall respectively, never both;
- a mention id listed in two clusters of one side is an error (ValueError).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Score", "muc", "b_cubed", "ceaf_e", "lea", "conll", "evaluate", "Clustering"]

Clustering = Sequence[Iterable[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    """Recall, precision and F1 of one metric (all in [0, 1])."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r + p else 0.0

    @classmethod
    def of(cls, r_num: float, r_den: float, p_num: float, p_den: float) -> Score:
        return cls(r_num / r_den if r_den else 0.0, p_num / p_den if p_den else 0.0)


def _prepare(clusters: Clustering, singletons: bool) -> list[frozenset[Hashable]]:
    out = [frozenset(c) for c in clusters]
    out = [c for c in out if c and (singletons or len(c) > 1)]
    seen: set[Hashable] = set()
    for c in out:
        if seen & c:
            raise ValueError(f"mention(s) {sorted(map(str, seen & c))} are in two clusters")
        seen |= c
    return out


def _index(clusters: list[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(clusters: list[frozenset[Hashable]], other: dict[Hashable, int]) -> tuple[int, int]:
    """Links kept over links needed: |C| - partitions(C) over |C| - 1, summed.

    A mention missing from the other side is a partition of its own.
    """
    num = den = 0
    for c in clusters:
        missing = sum(1 for m in c if m not in other)
        parts = len({other[m] for m in c if m in other}) + missing
        num += len(c) - parts
        den += len(c) - 1
    return num, den


def _b3_side(clusters: list[frozenset[Hashable]], other: dict[Hashable, int]) -> tuple[float, int]:
    num, den = 0.0, 0
    for c in clusters:
        counts = Counter(other[m] for m in c if m in other)
        num += sum(n * n for n in counts.values()) / len(c)
        den += len(c)
    return num, den


def _lea_side(clusters: list[frozenset[Hashable]], other: dict[Hashable, int],
              other_sizes: list[int]) -> tuple[float, int]:
    """Importance (cluster size) times the share of its links the other side resolves.

    A singleton has one self-link, resolved when the other side has it as a singleton too.
    """
    num, den = 0.0, 0
    for c in clusters:
        if len(c) == 1:
            (m,) = c
            resolved = 1.0 if m in other and other_sizes[other[m]] == 1 else 0.0
        else:
            counts = Counter(other[m] for m in c if m in other)
            common = sum(n * (n - 1) / 2 for n in counts.values())
            resolved = common / (len(c) * (len(c) - 1) / 2)
        num += len(c) * resolved
        den += len(c)
    return num, den


def muc(key: Clustering, response: Clustering, *, singletons: bool = True) -> Score:
    """MUC (Vilain et al. 1995): link-based; singletons neither help nor hurt."""
    k, r = _prepare(key, singletons), _prepare(response, singletons)
    rn, rd = _muc_side(k, _index(r))
    pn, pd = _muc_side(r, _index(k))
    return Score.of(rn, rd, pn, pd)


def b_cubed(key: Clustering, response: Clustering, *, singletons: bool = True) -> Score:
    """B3 (Bagga & Baldwin 1998): per-mention overlap of its key and response clusters."""
    k, r = _prepare(key, singletons), _prepare(response, singletons)
    rn, rd = _b3_side(k, _index(r))
    pn, pd = _b3_side(r, _index(k))
    return Score.of(rn, rd, pn, pd)


def ceaf_e(key: Clustering, response: Clustering, *, singletons: bool = True) -> Score:
    """Entity-based CEAF (Luo 2005, phi4): the best one-to-one alignment of clusters."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    k, r = _prepare(key, singletons), _prepare(response, singletons)
    if not k or not r:
        return Score(0.0, 0.0)
    sim = np.zeros((len(k), len(r)))
    r_index = _index(r)
    for i, kc in enumerate(k):
        for j, n in Counter(r_index[m] for m in kc if m in r_index).items():
            sim[i, j] = 2 * n / (len(kc) + len(r[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return Score.of(total, len(k), total, len(r))


def lea(key: Clustering, response: Clustering, *, singletons: bool = True) -> Score:
    """LEA (Moosavi & Strube 2016): link-based entity-aware metric."""
    k, r = _prepare(key, singletons), _prepare(response, singletons)
    rn, rd = _lea_side(k, _index(r), [len(c) for c in r])
    pn, pd = _lea_side(r, _index(k), [len(c) for c in k])
    return Score.of(rn, rd, pn, pd)


def conll(key: Clustering, response: Clustering, *, singletons: bool = True) -> float:
    """CoNLL F1: the mean of the MUC, B3 and CEAF-e F1 scores."""
    return evaluate(key, response, singletons=singletons)["conll"].f1


def evaluate(key: Clustering, response: Clustering, *,
             singletons: bool = True) -> dict[str, Score]:
    """All metrics at once; "conll" holds the CoNLL F1 as both recall and precision."""
    scores = {
        "muc": muc(key, response, singletons=singletons),
        "b3": b_cubed(key, response, singletons=singletons),
        "ceafe": ceaf_e(key, response, singletons=singletons),
        "lea": lea(key, response, singletons=singletons),
    }
    avg = sum(scores[m].f1 for m in ("muc", "b3", "ceafe")) / 3
    scores["conll"] = Score(avg, avg)
    return scores
