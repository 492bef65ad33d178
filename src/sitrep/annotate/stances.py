"""Stances: whether a statement supports or opposes a proposition common in conflict news.

The propositions (foreign troop presence, ceasefire and talks, sanctions, arms supplies, military
action, humanitarian access, elections, named agreements) live in data/quotes_stance.yaml with
their trigger terms, terms moving toward / away from them and their cues. A statement takes the
stance of its evaluation cues toward the terms it names, and the proposition is named with the
country or target the text gives ("sanctions on Russia", "ceasefire in Sudan").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitrep._data import load_yaml

if TYPE_CHECKING:
    from sitrep.model import Document, Quote

__all__ = ["assign_stances", "carried_stance", "main_countries", "stance_of"]

# a capitalized name of one to four words ("the Rapid Support Forces", "Ukraine")
_NAME = r"(?-i:(?P<t>(?:the\s+)?[A-Z][\w\-’']*(?:\s+(?:of\s+)?[A-Z][\w\-’']*){0,3}))"
_SLOT = re.compile(r"\[([^\]]*)\]")


def _compile(patterns: Sequence[str]) -> list[re.Pattern[str]]:
    return [re.compile(p.replace("NAME", _NAME), re.IGNORECASE) for p in patterns]


@cache
def _rules() -> dict[str, Any]:
    text = resources.files("sitrep.annotate").joinpath("data", "quotes_stance.yaml").read_text(
        "utf-8")
    data: dict[str, Any] = load_yaml(text)
    for p in data["propositions"]:
        p["_trigger"] = re.compile(p["trigger"], re.IGNORECASE)
        for k in ("toward", "away", "rejects", "positive", "negative", "stops", "target"):
            p["_" + k] = _compile(p.get(k, []))
    for k in ("positive", "negative", "stops", "negation", "harm", "referents"):
        data["_" + k] = _compile(data[k])
    return data


def stance_of(text: str, *, countries: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """(proposition, stance) of a statement: stance is support | oppose | neutral, or None when
    the statement addresses no proposition.

    `countries` (the document's, most mentioned first) name the country when the statement does
    not ("the presence of US forces is a must": US forces are not in the US).
    """
    rules = _rules()
    first: tuple[str, str] | None = None
    for prop in rules["propositions"]:
        if not prop["_trigger"].search(text):
            continue
        score, terms = _score(text, prop, rules)
        if score:
            return _name(prop, text, countries), "support" if score > 0 else "oppose"
        if first is None and (terms or not prop.get("needs_term")):
            first = (_name(prop, text, countries), "neutral")
    return first or (None, None)


def _score(text: str, prop: dict[str, Any], rules: dict[str, Any]) -> tuple[int, int]:
    """(sum of the judged directions, number of terms) of a statement on a proposition."""
    terms = [(m.start(), m.end(), sign) for sign, pats in ((1, prop["_toward"]),
                                                           (-1, prop["_away"]))
             for pat in pats for m in pat.finditer(text)]
    # a term inside a longer one is part of it: "presence" in "end the presence"
    terms = [t for t in terms if not any(a <= t[0] and t[1] <= b and (a, b) != t[:2]
                                         for a, b, _ in terms)]
    score = 0
    for s, e, sign in terms:
        others = [(a, b) for a, b, _ in terms if b <= s or a >= e]
        score += sign * _evaluation(text, s, e, rules, prop, others)
    for pat in prop["_rejects"]:  # 'we will fight on': a stance stated by the act itself
        for m in pat.finditer(text):
            neg = any(n.search(text, max(0, m.start() - 12), m.start())
                      for n in rules["_negation"])
            score += 1 if neg else -1
            terms.append((m.start(), m.end(), -1))
    return score, len(terms)


def _evaluation(text: str, s: int, e: int, rules: dict[str, Any], prop: dict[str, Any],
                others: Sequence[tuple[int, int]] = ()) -> int:
    """+1 / -1 / 0: how the nearest evaluation cue in the sentence judges the term at [s, e).
    A cue with another term of the proposition in between judges that term, not this one."""
    w = rules["window"]
    lo = max(text.rfind(".", 0, s) + 1, s - w)
    dot = text.find(".", e)
    hi = min(dot if dot >= 0 else len(text), e + w)
    best: tuple[int, int, int, int] | None = None  # (distance, -length, polarity, cue start)
    cues = [(1, "harm", p) for p in rules["_harm"]]
    cues += [(1, "pos", p) for p in [*prop["_positive"], *rules["_positive"]]]
    cues += [(-1, "neg", p) for p in [*prop["_negative"], *rules["_negative"]]]
    cues += [(-1, "stop", p) for p in [*prop["_stops"], *rules["_stops"]]]
    for pol, kind, pat in cues:
        for m in pat.finditer(text, lo, hi):
            if m.start() < e and s < m.end() and kind != "pos":
                continue  # the term itself
            if kind in ("harm", "stop") and m.end() > s:
                continue  # these count only when they act on a term after them
            if kind == "stop" and len(text[m.end():s].split()) > 2:
                continue  # "stop fighting and return to talks": it stops something else
            gap = (m.end(), s) if m.end() <= s else (e, m.start())
            if any(gap[0] <= a and b <= gap[1] for a, b in others):
                continue
            dist = max(s - m.end() if m.end() <= s else m.start() - e, 0)
            cand = (dist, -(m.end() - m.start()), pol, m.start())
            if best is None or cand[:2] < best[:2]:
                best = cand
    if best is None:
        return 0
    cue = best[3]
    # "is not a must", "not the withdrawal": a negation just before the cue or the term
    neg = any(p.search(text, max(lo, cue - 12), cue) or p.search(text, max(lo, s - 12), s)
              for p in rules["_negation"])
    return -best[2] if neg else best[2]


def _name(prop: dict[str, Any], text: str, countries: Sequence[str]) -> str:
    """The proposition's name with its slots filled; a bracketed part whose slot stays empty
    is dropped."""
    slots: dict[str, str | None] = {}
    template: str = prop["name"]
    if "{country}" in template:
        slots["country"] = _host_country(text, countries)
    if "{target}" in template:
        slots["target"] = _target(prop, text)

    def fill(part: str) -> str:
        if any(slots.get(k) is None for k in re.findall(r"\{(\w+)\}", part)):
            return ""
        return part.format(**slots)

    return fill(_SLOT.sub(lambda m: fill(m.group(1)), template)).strip() or template


def _target(prop: dict[str, Any], text: str) -> str | None:
    """The first name a target pattern finds: a country by its geocoded name, else as written."""
    from sitrep.annotate.places import geocode

    for pat in prop["_target"]:
        for m in pat.finditer(text):
            name = re.sub(r"^the\s+", "", m.group("t"), flags=re.IGNORECASE).strip()
            if not name or name.lower() in _STOP:
                continue
            place = geocode(name)
            return place.name if place is not None and place.precision == "country" else name
    return None


# capitalized words a target pattern may catch at a sentence start that name nothing
_STOP = {"it", "its", "they", "them", "this", "that", "these", "those", "he", "she", "we"}


def _host_country(text: str, countries: Sequence[str] = ()) -> str | None:
    """Where the statement is about: a country named after "in", "from", "leave", "troops to" ...
    first; else the document's main country that is not the owner of the forces the text names
    ("US forces" are not in the US)."""
    from sitrep.annotate.places import geocode

    name = r"((?:the\s+)?[A-Z][\w\-.]+(?:\s+[A-Z][\w\-]+){0,2})"
    where = (r"\b(?:in|from|across|throughout|(?:for )?(?:all|the whole) of|out of|leave|leaves"
             rf"|left|(?:troops|forces|soldiers) (?:to|into))\s+{name}")  # 'sent troops to Iraq'
    for m in re.finditer(where, text):
        words = m.group(1).split()
        for k in range(len(words), 0, -1):  # 'in the Central African Republic Sunday'
            place = geocode(" ".join(words[:k]))
            if place is not None and place.precision == "country":
                return place.name
    owner = (rf"(?:\bof\s+{name}|{name}\s+(?:and\s+\w+\s+)?(?:forces|troops|soldiers|military|army)"
             r"|\b([A-Z][\w.]*)-led\b)")  # a "US-led coalition" is not in the US either
    owners = set()
    for m in re.finditer(owner, text):
        place = geocode(m.group(1) or m.group(2) or m.group(3))
        if place is not None and place.precision == "country":
            owners.add(place.name)
    return next((c for c in countries if c not in owners), None)


def main_countries(doc: Document) -> list[str]:
    """The document's countries, most mentioned first; a city or province counts for its
    country, a known actor for its own (a war in Sudan names Khartoum, El Fasher and the RSF
    more often than Sudan)."""
    from sitrep.annotate.places import country_name, geocode

    counts: Counter[str] = Counter()
    for m in doc.mentions:
        ent = doc.entities.get(m.entity or "")
        if m.kind != "name":
            continue
        if ent is not None and ent.country and ent.type != "GPE":
            counts[ent.country] += 1  # a known actor: the army of Sudan
            continue
        # only place names: "UN" is also a town in India
        place = geocode(m.text) if m.label in ("GPE", "LOC", "FAC", "NORP") else None
        if place is not None and place.country:
            counts[place.country] += 1
    names = [country_name(cc) for cc, _ in counts.most_common()]
    return [n for n in names if n]


# --- assigning stances to a document's statements ----------------------------------------


def assign_stances(doc: Document, quotes: list[Quote]) -> None:
    """Set topic and stance on each statement; one with no proposition of its own takes the
    topic of the same speaker's statement just before it when it judges what that named."""
    countries = main_countries(doc)
    for i, q in enumerate(quotes):
        text = q.text
        if len(text.split()) < 6:  # a fragment: judge it in its sentence
            text = q.evidence.text
        q.topic, q.stance = stance_of(text, countries=countries)
        before = _run_topic(doc, quotes, i) if q.topic is None else None
        stance = carried_stance(doc.text, q.text, q.evidence.start) if before else None
        if before is not None and stance is not None:  # an undecided judgement stays off-topic
            q.topic, q.stance = before.topic, stance


def _run_topic(doc: Document, quotes: list[Quote], i: int) -> Quote | None:
    """The speaker's latest on-topic statement in the run of statements ending at quotes[i]:
    only the same speaker quoted in between, at most one paragraph of other text per gap."""
    q = quotes[i]
    for j in range(i - 1, -1, -1):
        prev, nxt = quotes[j], quotes[j + 1]
        between = doc.text[prev.evidence.end:nxt.evidence.start].split("\n")[1:-1]
        if not _same_speaker(prev, q) or sum(1 for line in between if line.strip()) > 1:
            return None
        if prev.topic is not None:
            return prev
    return None


def _same_speaker(a: Quote, b: Quote) -> bool:
    if a.speaker is not None and a.speaker == b.speaker:
        return True
    # entity resolution may key a bare surname apart from the full name ('Reyes said')
    sa, sb = a.speaker_name.lower().split(), b.speaker_name.lower().split()
    return bool(sa and sb) and sa[-1] == sb[-1] and (a.speaker is None or b.speaker is None
                                                      or len(sa) == 1 or len(sb) == 1)


def carried_stance(text: str, quote: str, start: int) -> str | None:
    """Stance of a topic-less statement that judges an earlier action ('the decision set a bad
    precedent'): its own judgement times the direction of the action it names, looked up in
    the statement itself, then backwards in `text` before `start`. None when it judges
    nothing it names."""
    rules = _rules()
    judgement = _judgement(quote, rules)
    if judgement == 0:
        return None
    for ref in (p for pat in rules["_referents"] for p in pat.finditer(quote)):
        word = ref.group(0).lower().rstrip("s")
        direction = _referent_direction(quote, word, rules) or \
            _referent_direction(text[:start], word, rules)
        if direction:
            return "support" if direction * judgement > 0 else "oppose"
    return None


def _judgement(text: str, rules: dict[str, Any]) -> int:
    """Sign of the evaluation cues in `text` (a negation right before a cue flips it)."""
    total = 0
    for pol, key in ((1, "_positive"), (-1, "_negative")):
        for pat in rules[key]:
            for m in pat.finditer(text):
                neg = any(n.search(text, max(0, m.start() - 12), m.start())
                          for n in rules["_negation"])
                total += -pol if neg else pol
    return (total > 0) - (total < 0)


def _referent_direction(text: str, word: str, rules: dict[str, Any]) -> int:
    """+1 / -1 when the last '<word> ... <toward/away term>' in `text` ('decision to expel')
    names an action for / against a proposition, else 0."""
    window = rules["referent_window"]
    for m in reversed(list(re.finditer(rf"\b{re.escape(word)}s?\b", text, re.IGNORECASE))):
        tail = text[m.end():m.end() + window].split(".")[0]
        for prop in rules["propositions"]:
            hits = [(t.start(), sign) for sign, pats in (
                (1, prop["_toward"]), (-1, [*prop["_away"], *prop["_rejects"]]))
                    for p in pats for t in [p.search(tail)] if t is not None]
            if hits:
                return min(hits)[1]  # the term nearest the referent
    return 0
