"""Which time expression dates an event: syntactic attachment first, then proximity."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.model import Precision, TimeSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.model import Document

__all__ = ["governing_timex", "unresolved_span"]

_NOMINAL_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _attachment(root: Token) -> Token | None:
    """The verb a time expression modifies ("killed ... on Thursday" -> killed)."""
    for t in root.ancestors:
        if _is_verb(t):
            return t
    return None


def _modifies_noun(root: Token) -> Token | None:
    """The noun a time expression qualifies ("the January 3 anniversary" -> anniversary)."""
    if root.dep_ in _NOMINAL_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ == "NOUN" \
            and root.head.lower_ == "of":
        return root.head.head  # "the attack of May 2" modifies attack
    return None


def governing_timex(doc: Document, start: int, end: int, sdoc: Doc) -> int | None:
    """Index into `doc.timexes` of the expression that dates the event triggered at [start, end).

    Preference: an expression attached to the trigger or inside its subtree; else one attached
    to a verb that governs the trigger (a nominal trigger's verb); else the nearest one in the
    sentence that is not attached to another verb. Durations, sets and expressions qualifying
    another noun ("the January 3 anniversary") never date an event.
    """
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trig = span.root
    sent = doc.sentence_at(start)
    trig_chain = {trig, *trig.ancestors}
    attached, governing, loose = [], [], []
    for i, tx in enumerate(doc.timexes):
        if tx.type not in ("DATE", "TIME") or (sent and not sent.start <= tx.start < sent.end):
            continue
        tspan = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if tspan is None or not len(tspan) or trig.sent != tspan.root.sent:
            continue
        root = tspan.root
        dist = abs(tx.start - start)
        noun = _modifies_noun(root)
        if noun is not None and noun not in span:
            continue
        if noun is not None or trig in root.ancestors:
            attached.append((dist, i))
            continue
        verb = _attachment(root)
        if verb is None:
            loose.append((dist, i))
        elif verb in trig_chain:
            governing.append((dist, i))
    for group in (attached, governing, loose):
        if group:
            return min(group)[1]
    return None


def unresolved_span(doc: Document) -> TimeSpan:
    """The interval of an event no expression dates: on or before publication."""
    dct = doc.dct
    return TimeSpan(None, None, dct.latest, Precision.RANGE, estimated=dct.estimated,
                    unresolved=True)
