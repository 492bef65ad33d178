"""Reading facts back: figure series, discrepancies, entity profiles, quotes and stances."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from unidecode import unidecode

from sitrep.fuse.discrepancies import date_discrepancies, figure_discrepancies, series
from sitrep.model import Discrepancy, Entity, Figure, FusedEvent, Quote
from sitrep.store import Store

__all__ = ["figure_series", "figure_conflicts", "discrepancies", "find_entity", "Profile",
           "profile", "quotes", "stances"]


def figure_series(store: Store, subject: str | None = None) -> dict[str, list[Figure]]:
    """Figures grouped into series by subject and unit, in as-of date order."""
    return series(store.figures().values(), subject)


def figure_conflicts(store: Store) -> list[Discrepancy]:
    """Figures that disagree at the same time (a toll rising between reports does not)."""
    reported = {d.id: d.published or (d.published_range[1] if d.published_range else None)
                for d in store.documents(with_text=False)}
    return figure_discrepancies(store.figures().values(),
                                {k: v for k, v in reported.items() if v is not None})


def discrepancies(store: Store) -> list[Discrepancy]:
    """Figures that disagree at the same time, and events reported on different days."""
    return figure_conflicts(store) + date_discrepancies(store.fused_events())


def _norm(text: str) -> str:
    return unidecode(text).lower().replace("-", " ").strip()


def find_entity(store: Store, name: str) -> Entity | None:
    """The entity whose key, name or alias best matches `name` (exact first, then fuzzy)."""
    want = _norm(name)
    best, best_score = None, 0.0
    for ent in store.entities():
        names = {ent.key, ent.name, *ent.aliases}
        if any(_norm(n) == want for n in names):
            return ent
        score = max(fuzz.ratio(want, _norm(n)) for n in names)
        if score > best_score:
            best, best_score = ent, score
    return best if best_score >= 85 else None


@dataclass
class Profile:
    entity: Entity
    mentions_by_month: dict[str, int] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    as_agent: list[FusedEvent] = field(default_factory=list)
    as_recipient: list[FusedEvent] = field(default_factory=list)


def profile(store: Store, name: str) -> Profile | None:
    """Everything known about one actor: aliases, mentions over time, quotes, events."""
    ent = find_entity(store, name)
    if ent is None:
        return None
    prof = Profile(ent, quotes=list(store.quotes(speaker=ent.key).values()))
    for ev in store.fused_events(actor=ent.key):
        roles = {a.role for m in ev.mentions for a in m.actors if a.entity == ent.key}
        if "agent" in roles:
            prof.as_agent.append(ev)
        if "recipient" in roles:
            prof.as_recipient.append(ev)
    published = {d.id: d.published or (d.published_range[0] if d.published_range else None)
                 for d in store.documents(with_text=False)}
    months: Counter[str] = Counter()
    for doc_id, n in store.mention_counts(ent.key).items():
        when = published.get(doc_id)
        months[when.isoformat()[:7] if when else "undated"] += n
    prof.mentions_by_month = dict(sorted(months.items()))
    return prof


def quotes(store: Store, speaker: str | None = None) -> list[Quote]:
    """Quotes, optionally by one speaker (key, name or alias)."""
    if speaker:
        ent = find_entity(store, speaker)
        found = store.quotes(speaker=ent.key if ent else speaker)
    else:
        found = store.quotes()
    return list(found.values())


def stances(store: Store, topic: str) -> dict[str, list[Quote]]:
    """Quotes with a stance on a topic matching `topic`, by stance (support/oppose/neutral)."""
    out: dict[str, list[Quote]] = {"support": [], "oppose": [], "neutral": []}
    for q in store.quotes().values():
        if q.stance and q.topic and _topic_matches(topic, q.topic):
            out.setdefault(q.stance, []).append(q)
    return out


def _stems(text: str) -> set[str]:
    return {w.rstrip("s") for w in _norm(text).split()}


def _topic_matches(query: str, topic: str) -> bool:
    """Every word of the query is in the topic ("foreign troops" ~ "foreign troop presence in
    Iraq"), or the two are close as strings."""
    return _stems(query) <= _stems(topic) or fuzz.token_set_ratio(_norm(query),
                                                                   _norm(topic)) >= 80
