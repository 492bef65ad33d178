"""Stories: the articles about one happening, found by the TF-IDF similarity of their terms.

A new article joins the stored story it is closest to (mean TF-IDF cosine, over the whole
store's terms, to the story's three closest articles), else it starts a story of its own; an
article close to two stories (`story_merge`) joins them into one. Within a
story, event fusion links two reports of the same day by their trigger words alone ("the
quake" / "the earthquake"); otherwise it needs dates, actors and places to agree.
The thresholds live in `fuse/data/fusion.yaml` (`story_threshold`, `story_merge`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.fuse.lexical import article_terms, cosine, tfidf

if TYPE_CHECKING:
    from sitrep.model import Document
    from sitrep.store import Store

__all__ = ["StoryMatch", "assign_story", "document_terms", "story_link"]

LINK_K = 3  # a story's closest articles an article is compared with
NEIGHBOURS = 200  # stored articles compared in full: those sharing most of the top terms
TOP_TERMS = 30  # the new article's heaviest terms used to find them


def document_terms(doc: Document) -> Counter[str]:
    """The terms an article is compared by: its title and text (see `article_terms`)."""
    from sitrep.fuse.events import config

    return article_terms(f"{doc.title or ''}\n{doc.text}", config().stopwords)


def story_link(similarities: Mapping[str, float], story_of: Mapping[str, str],
               sizes: Mapping[str, int], k: int = LINK_K) -> dict[str, float]:
    """One article's similarity to each story: the mean over the story's `k` closest
    articles (all of them in a smaller story; unlisted ones count 0). A plain average over
    a long-running story would dilute as it grows; one closest article would chain."""
    per: dict[str, list[float]] = defaultdict(list)
    for doc_id, sim in similarities.items():
        per[story_of[doc_id]].append(sim)
    return {story: sum(sorted(sims, reverse=True)[:k]) / min(k, max(sizes.get(story, 1), 1))
            for story, sims in per.items()}


@dataclass
class StoryMatch:
    """The story a new article belongs to, and its similarity to that story's articles."""

    story: str
    similarity: dict[str, float] = field(default_factory=dict)
    joins: frozenset[str] = frozenset()  # stored stories that merge into `story`

    def similarity_to(self, doc_id: str, story: str | None) -> float | None:
        """TF-IDF cosine to a stored article in story `story`; None if another story."""
        if story != self.story and story not in self.joins:
            return None
        return self.similarity.get(doc_id, 0.0)


def assign_story(doc: Document, store: Store, threshold: float | None = None) -> StoryMatch:
    """Find the stored story `doc` belongs to (`story_link`), or start one with its id; other
    stories it is as close to as `story_merge` join that one.

    Sets `doc.story` and `doc.story_joins`. Nothing is written: the store keeps the story, the
    joins and the terms when the document is added.
    """
    from sitrep.fuse.events import config

    threshold = config().story_threshold if threshold is None else threshold
    merge = max(threshold, config().story_merge)
    terms = document_terms(doc)
    n, df = store.term_frequencies(terms)
    n, df = n + 1, {w: df.get(w, 0) + 1 for w in terms}  # the new article counts too
    vec = tfidf(terms, n, df)
    top = sorted(vec, key=lambda w: -vec[w])[:TOP_TERMS]
    stored = store.articles_sharing(top, limit=NEIGHBOURS)
    others = set().union(*stored.values()) - set(df) if stored else set()
    df.update(store.term_frequencies(others)[1])
    sims = {d: cosine(vec, tfidf(bag, n, df)) for d, bag in stored.items()}
    story_of = store.stories_of(sims)
    scores = story_link(sims, story_of, store.story_sizes(set(story_of.values())))
    best = max(scores, key=lambda s: scores[s], default=None)
    doc.story = best if best is not None and scores[best] >= threshold else doc.id
    # (merge >= threshold: an article that starts a story of its own joins none)
    doc.story_joins = sorted(s for s, v in scores.items() if v >= merge and s != doc.story)
    joins = frozenset(doc.story_joins)
    return StoryMatch(doc.story, {d: v for d, v in sims.items()
                                  if story_of[d] == doc.story or story_of[d] in joins}, joins)
