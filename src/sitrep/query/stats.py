"""Summary numbers of a store, for the CLI `stats` command and the web front page."""

from __future__ import annotations

from typing import Any

from sitrep.store import Store

__all__ = ["stats"]


def stats(store: Store) -> dict[str, Any]:
    """Counts of documents, events, mentions, entities, figures and quotes; documents per
    outlet; events per type; and the span of resolved event dates (ISO strings or None)."""
    counts = store.counts()
    earliest, latest = store.date_span()
    return {
        "documents": counts["documents"],
        "events": counts["events"],
        "event_mentions": counts["event_mentions"],
        "entities": counts["entities"],
        "figures": counts["figures"],
        "quotes": counts["quotes"],
        "documents_per_outlet": store.documents_per_outlet(),
        "events_per_type": store.events_per_type(),
        "date_span": {
            "earliest": earliest.isoformat() if earliest else None,
            "latest": latest.isoformat() if latest else None,
        },
    }
