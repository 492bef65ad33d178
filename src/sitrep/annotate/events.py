"""Event extraction: PLOVER-typed events with who did what to whom, where and when.

Triggers come from the lexicon in `data/plover.yaml` (verbs, event nouns carried by a support
verb, verb+object patterns, control verbs such as "voted to expel"); arguments come from the
dependency parse. Every event keeps the evidence span it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from sitrep.model import (
    ActorRole,
    Document,
    Event,
    EventStatus,
    Place,
    Precision,
    TimeSpan,
)
from sitrep.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventExtractor", "lexicon", "plover_code", "legacy_category"]

_CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp", "csubj"}
_BOUNDARY_DEPS = {"ccomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj", "xcomp"}
_SUBJ_DEPS = {"nsubj", "csubj"}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_QUANT_HEADS = {"some", "many", "most", "all", "several", "one", "none", "few", "dozens",
                "hundreds", "thousands", "majority", "half", "members", "member", "part",
                "hundred", "thousand", "dozen", "tens", "scores", "millions"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}


@cache
def lexicon() -> dict[str, Any]:
    """The PLOVER lexicon (data/plover.yaml) with lookup tables built once."""
    text = resources.files("sitrep.annotate").joinpath("data/plover.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    for key in ("verbs", "nouns"):
        table: dict[str, tuple[str, str | None]] = {}
        for category, entries in raw[key].items():
            for lemma, mode in (entries or {}).items():
                table.setdefault(str(lemma).lower(), (category, mode))  # first listed wins
        raw[f"_{key}"] = table
    raw["_control"] = {
        lemma: group for group, lemmas in raw["control"].items() for lemma in lemmas
    }
    return raw


def legacy_category(name: str) -> str | None:
    """An older CAMEO/PLOVER category name mapped to PLOVER v2 (None for DOCUMENT records)."""
    lex = lexicon()
    name = name.upper()
    if name in lex["categories"]:
        return name
    return lex["legacy"].get(name)


def plover_code(event: Event) -> str:
    """The single PLOVER category for an event, as the manual codes auxiliary modes: a refused
    cooperative act is REJECT, a future one AGREE (or CONCEDE), a future conflict THREATEN."""
    lex = lexicon()
    if event.negated:
        return str(lex["negated_recode"].get(event.type, event.type))
    if event.status in (EventStatus.PLANNED, EventStatus.HYPOTHETICAL):
        return str(lex["future_recode"].get(event.type, event.type))
    return event.type


@dataclass(slots=True)
class _Frame:
    """One event candidate in the parse before its arguments are read."""

    anchor: Token  # the clause verb (or the noun when nothing governs it)
    trigger: Token  # the word carrying the type (verb, event noun, or complement)
    type: str
    mode: str | None
    kind: str  # verb | pattern | support | control | noun
    complement: Token | None = None
    status: EventStatus | None = None
    extra: list[Token] = field(default_factory=list)  # more trigger-phrase tokens

    @property
    def core(self) -> list[Token]:
        toks = [self.anchor, self.trigger]
        if self.complement is not None:
            toks.append(self.complement)
        return toks

    @property
    def tokens(self) -> list[Token]:
        return [*self.core, *self.extra]


# --- trigger lookup ---------------------------------------------------------------------


def _children(tok: Token, deps: Iterable[str]) -> list[Token]:
    deps = set(deps)
    return [c for c in tok.children if c.dep_ in deps]


def _dobj(tok: Token) -> Token | None:
    objs = _children(tok, ("dobj", "obj"))
    return objs[0] if objs else None


def _noun_key(tok: Token) -> tuple[str, str | None] | None:
    """(category, mode) of an event noun, trying "drone strike" before "strike"."""
    nouns = lexicon()["_nouns"]
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    for mod in mods:
        hit = nouns.get(f"{mod.lemma_.lower()} {tok.lemma_.lower()}")
        if hit:
            return hit
    hit = nouns.get(tok.lemma_.lower()) or nouns.get(tok.text.lower())
    if hit:
        return hit
    lex = lexicon()
    if tok.lemma_.lower() in lex["light_nouns"]:  # "a mediation effort"
        for mod in mods:
            if mod.dep_ == "compound" and mod.lemma_.lower() in nouns:
                return nouns[mod.lemma_.lower()]
    if tok.lemma_.lower() in lex["ending_nouns"] or tok.lower_ in lex["ending_nouns"]:
        for prep in _children(tok, ("prep",)):
            if prep.lower_ == "of" and any(t.lemma_.lower() in lex["ending_objects"]
                                           for t in list(prep.subtree)[:20]):
                return ("RETREAT", "withdraw")
    return None


def _noun_trigger(tok: Token) -> tuple[str, str | None] | None:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "GPE", "ORG"):
        return None
    return _noun_key(tok)


def _pattern(tok: Token) -> dict[str, Any] | None:
    """A verb + object / particle / preposition pattern matching this verb."""
    lemma = tok.lemma_.lower()
    obj = _dobj(tok)
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    for pat in lexicon()["patterns"]:
        if pat["verb"] != lemma:
            continue
        if "object" in pat:
            if obj is None:
                continue
            obj = _expand_quantity(obj)
            mods = [c for c in obj.children if c.dep_ in ("compound", "amod")]
            words = {obj.lemma_.lower(), obj.lower_}
            words |= {f"{c.lower_} {obj.lower_}" for c in mods}
            words |= {c.lemma_.lower() for c in mods if c.dep_ == "compound"}
            if not words & set(pat["object"]):
                continue
        if "prt" in pat and pat["prt"] not in prts:
            continue
        if "prep" in pat and pat["prep"] not in preps:
            continue
        if "pobj" in pat:
            pobjs = {o.lemma_.lower() for c in tok.children if c.dep_ == "prep"
                     and c.lower_ == pat.get("prep") for o in c.children if o.dep_ == "pobj"}
            if not pobjs & set(pat["pobj"]):
                continue
        return dict(pat)
    return None


def _verb_trigger(tok: Token) -> tuple[str, str | None, str] | None:
    if tok.pos_ != "VERB" or tok.dep_ not in _CLAUSE_DEPS:
        return None
    pat = _pattern(tok)
    if pat is not None:
        return (pat["type"], pat.get("mode"), "pattern") if pat["type"] else None
    hit = lexicon()["_verbs"].get(tok.lemma_.lower())
    return (hit[0], hit[1], "verb") if hit else None


# --- frames ---------------------------------------------------------------------------------


def _complement(tok: Token) -> Token | None:
    """The event a control verb governs: "to X", "for X", a ccomp or an event-noun object."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            return c  # "calls for the government to expel"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on"):
            for p in _children(c, ("pobj",)):
                if _noun_trigger(p):
                    return p
    obj = _dobj(tok)
    if obj is not None and _noun_trigger(obj):
        return obj
    return None


def _inner_frame(comp: Token) -> _Frame | None:
    """The frame of a complement on its own ("resume operations", "given permission")."""
    if comp.pos_ in ("NOUN", "PROPN"):
        nt = _noun_trigger(comp)
        return _Frame(comp, comp, nt[0], nt[1], "noun") if nt else None
    frame = _support_frame(comp)
    if frame is not None:
        return frame
    vt = _verb_trigger(comp)
    if vt:
        return _Frame(comp, comp, vt[0], vt[1], vt[2])
    sub = _complement(comp) if comp.lemma_.lower() in lexicon()["_control"] else None
    return _control_frame(comp, sub) if sub is not None else None


def _control_frame(tok: Token, comp: Token, group: str | None = None) -> _Frame | None:
    lex = lexicon()
    group = group or lex["_control"][tok.lemma_.lower()]
    auxes = {c.lower_ for c in comp.children if c.dep_ in ("aux", "auxpass")}
    if group == "warn":  # "warned it would retaliate" threatens; "warned of X" does not
        if comp.dep_ == "xcomp" or auxes & {"will", "would", "shall"}:
            inner = _inner_frame(comp)
            return _Frame(tok, comp, "THREATEN", lex["threat_modes"].get(
                inner.type if inner else None), "control", comp)
        return None
    if group == "transparent" and comp.dep_ == "ccomp" and auxes & set(lex["request_modals"]):
        return _Frame(tok, comp, "REQUEST", None, "control", comp)  # "said Y must withdraw"
    inner = _inner_frame(comp)
    if inner is None:
        return None
    itype = inner.type
    if group == "request":
        return _Frame(tok, comp, "REQUEST", "change" if tok.lemma_ in ("vote", "resolve")
                      else None, "control", comp)
    if group == "threaten":
        return _Frame(tok, comp, "THREATEN", lex["threat_modes"].get(itype), "control", comp)
    if group == "reject":
        return _Frame(tok, comp, "REJECT", None, "control", comp)
    if group == "agree":
        if itype in lex["conflict_types"]:
            return _Frame(tok, comp, "THREATEN", lex["threat_modes"].get(itype), "control",
                          comp)
        return _Frame(tok, comp, "CONCEDE" if itype == "RETREAT" else "AGREE", None, "control",
                      comp)
    status = {"status_planned": EventStatus.PLANNED, "status_claimed": EventStatus.CLAIMED,
              "status_denied": EventStatus.DENIED}.get(group)
    if group == "status_planned" and tok.lemma_ in ("hope", "want", "seek"):
        status = EventStatus.HYPOTHETICAL
    if inner.kind == "noun" and tok.lemma_.lower() in lex["support_verbs"]:
        inner = _Frame(tok, comp, inner.type, inner.mode, "support")  # "resumed operations"
        inner.status = status
        return inner
    # the complement is the event; the control verb only sets its status
    inner.status = status or inner.status
    inner.extra.append(tok)
    return inner


def _frames(sent: Span) -> list[_Frame]:
    lex = lexicon()
    frames: list[_Frame] = []
    used: set[int] = set()
    adjectives = {w: g for g, words in lex["control_adjectives"].items() for w in words}
    for tok in sent:  # control verbs first: they decide what their complement is
        if tok.i in used:
            continue
        group = None
        if tok.pos_ == "VERB" and tok.dep_ in _CLAUSE_DEPS:
            group = lex["_control"].get(tok.lemma_.lower())
        elif tok.pos_ in ("ADJ", "VERB") and tok.dep_ == "acomp":
            group = adjectives.get(tok.lower_)  # "is willing to withdraw"
        if group is None:
            continue
        comp = _complement(tok)
        frame = _control_frame(tok, comp, group) if comp is not None else None
        if frame is not None:
            frames.append(frame)
            used.update(t.i for t in frame.tokens)
    for tok in sent:
        if tok.i in used or tok.lemma_.lower() == "warn":
            continue  # a warning is a threat only through "warned it would ..." (control)
        clause = tok.head if tok.dep_ == "conj" else tok
        if (clause.dep_ == "acl" and clause.head.lemma_.lower() in lex["control_nouns"]) or (
                tok.dep_ in ("amod", "compound")):
            used.update(c.i for c in tok.children if c.dep_ in ("dobj", "prep"))
            continue
        if tok.pos_ == "VERB" and tok.dep_ in _CLAUSE_DEPS:
            frame = _support_frame(tok)
            if frame is not None:
                if frame.trigger.i not in used:
                    frames.append(frame)
                    used.add(frame.trigger.i)
                continue
            vt = _verb_trigger(tok)
            if vt:
                frame = _Frame(tok, tok, vt[0], vt[1], vt[2])
                obj = _dobj(tok)
                if vt[2] == "pattern" and obj is not None:
                    frame.extra.append(obj)  # "passed a resolution": the object is the phrase
                frames.append(frame)
        elif tok.pos_ in ("NOUN", "PROPN"):
            nt = _noun_trigger(tok)
            subject_of_trigger = tok.dep_ == "nsubj" and _verb_trigger(tok.head) is not None
            if nt and _noun_agent(tok) is not None and tok.dep_ != "compound" and (
                    not subject_of_trigger):
                frames.append(_Frame(tok, tok, nt[0], nt[1], "noun"))
    return frames


def _support_frame(tok: Token) -> _Frame | None:
    """ "conducted a drone strike", "responded with airstrikes", "carried out attacks"."""
    lex = lexicon()
    if tok.lemma_.lower() not in lex["support_verbs"]:
        return None
    pat = _pattern(tok)
    if pat is not None and pat["type"]:
        return None  # a specific verb+object pattern wins ("hold talks", "reach a deal")
    cands = []
    obj = _dobj(tok)
    if obj is not None:
        cands.append(obj)
    for prep in _children(tok, ("prep",)):
        if prep.lower_ in ("with", "for"):
            cands.extend(_children(prep, ("pobj",)))
    for cand in cands:
        nt = _noun_trigger(cand)
        if nt:
            return _Frame(tok, cand, nt[0], nt[1], "support")
    return None


# --- arguments --------------------------------------------------------------------------------


def _expand_quantity(tok: Token) -> Token:
    """ "168 out of the parliament", "some of the protesters": the group is the actor."""
    if tok.pos_ == "NUM" or tok.lemma_.lower() in _QUANT_HEADS or tok.lower_ in _QUANT_HEADS:
        for prep in _children(tok, ("prep",)):
            inner = prep
            if prep.lower_ == "out":
                inner = next((c for c in prep.children if c.dep_ == "prep"), prep)
            objs = _children(inner, ("pobj",))
            if objs:
                return objs[0]
    return tok


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of a clause, inherited through xcomp/advcl/conj/relcl."""
    seen = 0
    while seen < 6:
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in _SUBJ_DEPS | {"nsubjpass", "csubjpass"}]
        if subjects:  # the one nearest the verb (a dateline can parse as a second subject)
            before = [c for c in subjects if c.i < verb.i]
            c = before[-1] if before else subjects[0]
            if c.lower_ in _RELATIVE and verb.dep_ in ("relcl", "acl"):
                return verb.head, False
            return _expand_quantity(c), c.dep_ in ("nsubjpass", "csubjpass")
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and prev is not None and prev.dep_ == "pobj" and prev.pos_ in (
                "NOUN", "PROPN"):
            return prev, False  # "resulted in the blocs passing a resolution"
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return verb.head, True  # "a session boycotted by X"
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            poss = _children(verb.head, ("poss",))
            return (poss[0] if poss else verb.head), False
        controller = _dobj(verb.head) if verb.dep_ == "xcomp" else None
        if controller is not None:
            return _expand_quantity(controller), False  # "prompted the US to launch"
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp") and verb.head != verb:
            verb = verb.head
            continue
        return None, False
    return None, False


def _by_agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            objs = _children(c, ("pobj",))
            if objs:
                return objs[0]
    return None


def _noun_agent(noun: Token) -> Token | None:
    """Agent of an event noun: "by X", "attributed to X", "X's", or a "US airstrike"."""
    by = _by_agent(noun)
    if by is not None:
        return by
    claimed = lexicon()["claimed_verbs"]
    for c in noun.children:
        if c.dep_ == "acl" and c.lemma_.lower() in claimed:
            agent = _by_agent(c)
            if agent is not None:
                return agent
            for prep in _children(c, ("prep",)):
                objs = _children(prep, ("pobj",))
                if prep.lower_ in ("to", "on") and objs:
                    return objs[0]
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if (c.dep_ in ("compound", "amod") and c.i < noun.i and c.ent_type_ in _ACTOR_LABELS
                and c.lower_ not in lexicon()["weapon_modes"]):
            return c
    return None


def _recipient(frame: _Frame, passive_subject: Token | None) -> tuple[Token, str] | None:
    """(recipient token, preposition or "" for an object): a named actor when there is one.

    Candidates in order: indirect object, direct object (not the theme of a transfer verb such
    as "gave X aid"), the category's recipient prepositions, then any preposition whose object
    is a named actor or place ("agreed to set up a center in Tokyo").
    """
    lex = lexicon()
    if passive_subject is not None:
        return passive_subject, ""
    preps = set(lex["recipient_preps"]["default"]) | set(lex["recipient_preps"].get(
        frame.type, []))
    order = [frame.trigger, frame.anchor]
    if frame.complement is not None:
        order.insert(0, frame.complement)
    order += [t for t in frame.extra if t.pos_ in ("NOUN", "PROPN")]  # "imposed sanctions on X"
    primary: list[tuple[Token, str]] = []
    other: list[tuple[Token, str]] = []
    for tok in order:
        transfer = tok.lemma_.lower() in lex["transfer_verbs"]
        for c in tok.children:
            if c.dep_ == "dative" and c.pos_ != "ADP":
                primary.append((c, ""))
        obj = _dobj(tok)
        pattern_obj = frame.kind == "pattern" and tok is frame.anchor
        if (obj is not None and obj not in frame.tokens and not _noun_trigger(obj)
                and not pattern_obj and not transfer):
            primary.append((_expand_quantity(obj), ""))
        for prep in _children(tok, ("prep", "dative")):
            word = prep.lower_
            objs = [o for o in _children(prep, ("pobj",)) if o.ent_type_ not in ("DATE", "TIME")
                    and not _noun_trigger(o)]
            if not objs:
                continue
            if word in preps or (transfer and word in ("to", "for")) or (
                    word == "of" and tok.pos_ == "NOUN"
                    and frame.type not in ("RETREAT", "MOBILIZE", "CONSULT")):
                primary.append((objs[0], word))
            elif word in ("to", "with", "into", "on", "from", "against", "toward", "towards",
                          "for", "between") or (word in ("in", "at") and objs[0].ent_type_
                                                not in _PLACE_LABELS):
                other.append((objs[0], word))  # "in Kirkuk" is a place, not a recipient
    for extra in frame.extra:  # objects of merged clauses ("..., assassinating X")
        obj = _dobj(extra)
        if obj is not None and extra.lemma_.lower() not in lex["_control"]:
            primary.append((obj, ""))
    for cand in primary:
        if _is_actor(cand[0]):
            return cand
    if primary:
        return primary[0]
    return next((c for c in other if _is_actor(c[0])), None)


def _name_tokens(tok: Token) -> list[Token]:
    """The words naming an argument: its phrase without clauses, appositions or conjuncts."""
    cut = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep", "parataxis"}

    def collect(t: Token) -> list[Token]:
        out = [t]
        for c in t.children:
            if c.dep_ not in cut:
                out.extend(collect(c))
        return out

    keep = collect(tok)
    for prep in _children(tok, ("prep",)):  # "supporters of the militia", "head of X"
        if prep.lower_ == "of" and prep.i == tok.i + 1 and tok.pos_ != "PROPN":
            keep.append(prep)
            keep.extend(t for o in _children(prep, ("pobj",)) for t in collect(o))
            break
    keep = sorted(set(keep), key=lambda t: t.i)
    while keep and keep[0].dep_ in ("det", "punct", "case") and len(keep) > 1:
        keep = keep[1:]
    lo, hi = keep[0].i, keep[-1].i
    toks = list(tok.doc[lo:hi + 1])
    breaks = [k for k, t in enumerate(toks) if "\n" in t.text_with_ws and t.i < tok.i]
    if breaks:  # a headline or page furniture glued on by the sentence splitter
        toks = toks[breaks[-1] + 1:]
    while len(toks) > 1 and (toks[-1].is_space or toks[-1].is_punct):
        toks = toks[:-1]
    return toks[:12]


def _actor(tok: Token, doc: Document, role: str) -> list[ActorRole]:
    """Roles for an argument (one per conjunct), resolved to Mentions where one covers it."""
    heads = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ in
                     ("PROPN", "NOUN")]
    roles = []
    for head in heads:
        mention = _mention_for(head, doc)
        if mention is not None and mention.entity is not None:
            name = mention.text
            if head.pos_ == "PRON" and mention.entity in doc.entities:
                name = doc.entities[mention.entity].name  # "he" -> the person it refers to
            roles.append(ActorRole(mention.entity, name, role))
            continue
        if head.pos_ == "PRON":
            speaker = _speaker_subject(head)
            if speaker is not None:  # "the US said it will deploy": it = the US
                roles.extend(_actor(speaker, doc, role)[:1])
                continue
            ante = _antecedent(head)
            if ante is not None:
                m = _mention_for(ante.root, doc)
                roles.append(ActorRole(m.entity if m else None, m.text if m else ante.text,
                                       role))
                continue
        toks = _name_tokens(head)
        text = " ".join(doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])].split())
        roles.append(ActorRole(mention.entity if mention else None, text, role))
    return roles


def _speaker_subject(pron: Token) -> Token | None:
    """The subject of the verb whose reported clause a pronoun subject sits in."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ not in ("it", "they", "he", "she"):
        return None
    clause = pron.head
    while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ != "PRON" else None


def _mention_for(tok: Token, doc: Document) -> Any:
    found = doc.mentions_in(tok.idx, tok.idx + len(tok))
    if not found:
        return None
    return min(found, key=lambda m: m.end - m.start)


def _antecedent(pron: Token) -> Span | None:
    """Nearest earlier named person (he/she) or group (it/they) within two sentences."""
    labels = {"he": {"PERSON"}, "him": {"PERSON"}, "she": {"PERSON"}, "her": {"PERSON"},
              }.get(pron.lower_)
    if not labels:
        return None
    sent_start = pron.sent.start
    floor = max(0, sent_start - 120)
    for ent in reversed(pron.doc.ents):
        if ent.end <= pron.i and ent.start >= floor and ent.label_ in labels:
            return ent
    return None


def _location(frame: _Frame, extra: list[Token]) -> tuple[str, Place] | None:
    """(preposition, Place) for the nearest place phrase attached to the trigger phrase."""
    lex = lexicon()
    queue = [*frame.tokens, *extra]
    seen: set[int] = set()
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        for c in tok.children:
            if c.dep_ in _BOUNDARY_DEPS - {"acl"} and c not in frame.tokens:
                continue
            if c.dep_ == "prep" and c.lower_ in lex["location_preps"]:
                for pobj in _children(c, ("pobj",)):
                    name = _place_name(pobj)
                    if name:
                        return c.lower_, Place(name=name)
            queue.append(c)
    return None


def _place_name(tok: Token) -> str | None:
    toks = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("compound", "amod", "nmod")
            or t == tok]
    if not any(t.ent_type_ in _PLACE_LABELS for t in toks):
        return None
    toks = sorted(toks, key=lambda t: t.i)
    if tok.pos_ == "NOUN" and not any(t.pos_ == "PROPN" for t in toks[:-1]):
        return None
    return " ".join(t.text for t in toks).replace(" - ", "-")


# --- status, negation, time -----------------------------------------------------------------


def _chain(tok: Token, limit: int = 4, deps: set[str] | None = None) -> list[Token]:
    """The token and the clause heads it hangs from (for markers set on a governing verb)."""
    out = [tok]
    deps = deps or (_CLAUSE_DEPS - {"ROOT"} | {"dobj", "pobj", "prep"})
    while tok.dep_ in deps and limit:
        tok = tok.head
        out.append(tok)
        limit -= 1
    return out


def _status(frame: _Frame, subject: Token | None = None) -> EventStatus:
    lex = lexicon()
    if frame.status is not None and frame.status is not EventStatus.PLANNED:
        return frame.status
    for tok in _chain(frame.anchor, deps={"ccomp", "xcomp", "dobj", "pobj", "prep"}):
        lemma = tok.lemma_.lower()
        if lemma in lex["control"]["status_denied"] and tok != frame.anchor:
            return EventStatus.DENIED
        if lemma in ("reject", "dismiss") and any(
                c.lemma_.lower() in ("claim", "report", "allegation") for c in tok.children):
            return EventStatus.DENIED
        if tok != frame.anchor and lemma in lex["control"]["status_claimed"]:
            return EventStatus.CLAIMED
    local = [frame.anchor, *_chain(frame.trigger, 2)] + ([subject] if subject else [])
    for tok in local:
        for c in tok.children:
            if c.lower_ in lex["claimed_adverbs"]:
                return EventStatus.CLAIMED
            if c.dep_ == "acl" and c.lemma_.lower() in lex["claimed_verbs"]:
                return EventStatus.CLAIMED
    return _modal_status(frame)


def _modal_status(frame: _Frame) -> EventStatus:
    lex = lexicon()
    if frame.status is EventStatus.PLANNED:
        return EventStatus.PLANNED
    for tok in (frame.anchor, frame.complement) if frame.complement else (frame.anchor,):
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & set(lex["planned_aux"]):
            return EventStatus.PLANNED
        if "would" in auxes and tok.dep_ == "ccomp":
            return EventStatus.PLANNED  # reported future: "announced it would resume"
        if auxes & set(lex["hypothetical_aux"]):
            return EventStatus.HYPOTHETICAL
    for tok in _chain(frame.anchor):
        if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"]
               for c in tok.children):
            return EventStatus.HYPOTHETICAL
    return EventStatus.OCCURRED


def _negated(frame: _Frame) -> bool:
    for tok in frame.tokens:
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
    return False


def _governing_timex(doc: Document, sdoc: Doc, frame: _Frame) -> int | None:
    """Index of the DATE timex in the same sentence attached to the trigger's clause.

    A fallback for sitrep.temporal.tagger.governing_timex: a timex governs the event when its
    head hangs from the trigger phrase or from a clause the event inherits time from
    (an advcl/xcomp/conj chain), never across a reported-speech ccomp.
    """
    own = {t.i for t in frame.tokens}
    chain = [frame.anchor]
    tok = frame.anchor
    while tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "relcl", "acl"):
        tok = tok.head  # a relative clause takes the date of the noun it describes
        chain.append(tok)
    rank = {t.i: k for k, t in enumerate(chain)}
    best: tuple[int, int, int] | None = None
    for idx, tx in enumerate(doc.timexes):
        if tx.type not in ("DATE", "TIME") or not tx.span.is_known:
            continue
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or span.sent.start != frame.anchor.sent.start:
            continue
        head = span.root
        while head.dep_ != "ROOT" and head.i not in own and head.i not in rank and (
                head.pos_ not in ("VERB", "AUX") or head.i in range(span.start, span.end)):
            head = head.head
            if head.pos_ == "NOUN" and _noun_trigger(head):
                break  # "the January 3 anniversary", "the assassination on Friday"
        if head.i in own:
            key = (0, abs(span.start - frame.anchor.i), idx)
        elif head.i in rank:
            key = (rank[head.i] + 1, abs(span.start - frame.anchor.i), idx)
        else:
            continue
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _timex_for(doc: Document, sdoc: Doc, frame: _Frame) -> int | None:
    try:
        from sitrep.temporal.tagger import governing_timex  # type: ignore[attr-defined]
    except ImportError:
        return _governing_timex(doc, sdoc, frame)
    start, end = _phrase_bounds(frame)
    return governing_timex(doc, start, end, sdoc)


def _unresolved(doc: Document) -> TimeSpan:
    try:
        from sitrep.temporal.tagger import unresolved_span  # type: ignore[attr-defined]
    except ImportError:
        dct = doc.dct
        return TimeSpan(None, None, dct.latest, Precision.RANGE, estimated=dct.estimated,
                        unresolved=True)
    return unresolved_span(doc)


def _phrase_bounds(frame: _Frame) -> tuple[int, int]:
    toks = frame.core
    lo = min(toks, key=lambda t: t.i)
    hi = max(toks, key=lambda t: t.i)
    return lo.idx, hi.idx + len(hi)


# --- summaries --------------------------------------------------------------------------------

_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def _present(lemma: str) -> str:
    """Third person singular present, headline style ("conducts", "carries", "meets")."""
    lemma = lemma.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _compact(tok: Token) -> str:
    """A noun without determiners or clauses: "drone strike", "expulsion of US troops"."""
    keep = [tok]
    for m in (c for c in tok.children if c.dep_ in ("compound", "amod", "nummod", "poss")
              and c.i < tok.i):
        keep += [t for t in m.subtree if t.dep_ not in ("case", "det") and t.i < tok.i]
    keep = sorted(set(keep), key=lambda t: t.i)
    while keep[0].is_punct and len(keep) > 1:
        keep = keep[1:]
    # text_with_ws keeps "non-binding" and "anti-ISIS" glued as written
    text = "".join(t.text_with_ws for t in keep[:-1]) + keep[-1].text
    for prep in _children(tok, ("prep",)):
        if prep.lower_ == "of" and prep.i == tok.i + 1:
            objs = _children(prep, ("pobj",))
            if objs:
                text += " of " + _compact(objs[0])
    return " ".join(text.split())


def _verb_phrase(frame: _Frame, status: EventStatus, negated: bool, plural: bool) -> str:
    anchor = frame.anchor
    base = anchor.lemma_.lower() if anchor.pos_ in ("VERB", "AUX") else ""
    if frame.kind == "noun" or not base:
        verb = str(lexicon()["summary_verbs"][frame.type])
        return verb if not plural else " ".join([verb.split()[0].removesuffix("s"),
                                                 *verb.split()[1:]])
    head = base if status is EventStatus.PLANNED or negated or plural else _present(base)
    if status is EventStatus.PLANNED:
        head = "to " + head
    elif negated:
        head = ("do not " if plural else "does not ") + head
    words: list[str] = [head] + [c.lower_ for c in anchor.children if c.dep_ == "prt"]
    if frame.kind == "support":
        prep = frame.trigger.head if frame.trigger.dep_ == "pobj" else None
        words += ([prep.lower_] if prep is not None else []) + [_compact(frame.trigger)]
    elif frame.kind == "pattern" or frame.kind == "verb":
        obj = _dobj(anchor)
        if obj is not None and (frame.kind == "pattern" or _noun_trigger(obj)):
            words.append(_compact(obj))
        elif obj is None:  # "agreed to a ceasefire", "withdrew from the deal"
            for prep in _children(anchor, ("prep",)):
                pobj = next(iter(_children(prep, ("pobj",))), None)
                if pobj is not None and (_noun_trigger(pobj) or pobj.lemma_.lower() in (
                        "deal", "agreement", "treaty", "accord")):
                    words += [prep.lower_, _compact(pobj)]
                    break
    elif frame.kind == "control" and frame.complement is not None:
        comp = frame.complement
        if comp.pos_ in ("VERB", "AUX"):
            words += ["to", comp.lemma_.lower()] if comp.dep_ == "xcomp" else []
            obj = _dobj(comp)
            if obj is not None and _noun_trigger(obj):
                words.append(_compact(obj))
        else:
            prep = comp.head if comp.dep_ == "pobj" else None
            words += ([prep.lower_] if prep is not None else []) + [_compact(comp)]
    return " ".join(words)


def _summary(frame: _Frame, agent: str | None, recipient: tuple[str, str] | None,
             place: tuple[str, Place] | None, status: EventStatus, negated: bool,
             passive: bool, plural: bool = False) -> str:
    parts: list[str] = []
    if agent is None and passive and recipient:
        parts = [recipient[0], "not" if negated else "", frame.anchor.text]
        obj = _dobj(frame.anchor)
        if obj is not None:
            parts.append(_compact(obj))
    else:
        if agent:
            parts.append(agent)
        parts.append(_verb_phrase(frame, status, negated, plural and agent is not None))
        if recipient and recipient[0] not in parts[-1]:
            name, prep = recipient
            if frame.kind in ("support", "noun") and frame.type == "ASSAULT" and prep in (
                    "", "of"):
                prep = "on"
            elif prep == "of" and frame.kind != "noun":
                prep = ""
            parts.append(f"{prep} {name}".strip())
    if place is not None and place[1].name not in " ".join(parts):
        parts.append(f"{place[0]} {place[1].name}")
    text = " ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


# --- the stage --------------------------------------------------------------------------------

_BASE_CONFIDENCE = {"pattern": 0.75, "control": 0.7, "support": 0.7, "verb": 0.6, "noun": 0.5}


def _merge(frames: list[_Frame]) -> list[_Frame]:
    """Drop a frame that only elaborates an outer one of the same type ("launched an airstrike
    that killed X", "conducted a strike, assassinating X"); the outer one gets its details."""
    out: list[_Frame] = []
    for frame in frames:
        gov = frame.anchor.head
        if frame.kind == "noun" and frame.anchor.dep_ == "pobj":
            gov = gov.head  # "killed in a rocket attack", "killed by a US airstrike"
        outer = next((o for o in frames if o is not frame and o.type == frame.type
                      and (frame.anchor.dep_ in ("advcl", "relcl", "acl", "xcomp")
                           or frame.kind == "noun")
                      and gov in o.tokens), None)
        purpose = frame.anchor.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in frame.anchor.children)
        if outer is None and purpose:  # "staged rallies to demand reforms": the motive
            outer = next((o for o in frames if o is not frame and gov in o.tokens), None)
            if outer is not None:
                continue
        if outer is not None:
            outer.extra.append(frame.anchor)
            if outer.mode is None:
                outer.mode = frame.mode
            continue
        out.append(frame)
    return out


class EventExtractor:
    """Pipeline stage: PLOVER events with actors, place, status and governing date."""

    name: ClassVar[str] = "annotate.events"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "timexes", "mentions")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, *, settings: Settings | None = None) -> None:
        self.background_days = (settings or Settings()).background_days

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        seen: set[tuple[str, str, str | None]] = set()
        for sent in sdoc.sents:
            for frame in _merge(_frames(sent)):
                event = self._event(doc, sdoc, frame)
                if event is None:
                    continue
                key = (event.type, event.summary.lower(), event.date.value)
                if key in seen:  # a paragraph repeated by the page template
                    continue
                seen.add(key)
                doc.events.append(event)

    def _event(self, doc: Document, sdoc: Doc, frame: _Frame) -> Event | None:
        lex = lexicon()
        agent_tok, passive = _subject(frame.anchor)
        subject_tok = agent_tok
        passive_subject = agent_tok if passive else None
        if passive:
            agent_tok = _by_agent(frame.anchor)
            if agent_tok is not None and _noun_trigger(agent_tok):  # "killed by a US airstrike"
                frame.mode = frame.mode or (_noun_trigger(agent_tok) or (None, None))[1]
                agent_tok = _noun_agent(agent_tok)
        if frame.kind == "noun":
            agent_tok = _noun_agent(frame.trigger)
        elif agent_tok is not None and _noun_trigger(agent_tok):
            # "missile attacks attributed to X struck a base": X did it
            frame.mode = frame.mode or (_noun_trigger(agent_tok) or (None, None))[1]
            agent_tok = _noun_agent(agent_tok)
        elif agent_tok is None and frame.kind == "support":
            agent_tok = _noun_agent(frame.trigger)
        recipient = _recipient(frame, passive_subject)
        for extra in frame.extra:
            if recipient is None and extra.lemma_.lower() not in lex["_control"]:
                obj = _dobj(extra)
                recipient = (obj, "") if obj is not None else None
        agents = _actor(agent_tok, doc, "agent") if agent_tok is not None else []
        recips = _actor(recipient[0], doc, "recipient") if recipient is not None else []
        ftype, mode = frame.type, frame.mode
        if ftype == "ASSAULT" and agent_tok is not None and (
                agent_tok.lemma_.lower() in lex["crowd_agents"]):
            ftype, mode = "PROTEST", "riot"
        if ftype == "ASSAULT" and mode is None:
            mode = _weapon_mode(frame)
        place = _location(frame, [t for t in (agent_tok, recipient and recipient[0]) if t])
        if place is None and recipient is not None and not recipient[1]:
            name = _place_name(recipient[0]) or next((_place_name(o) for p in _children(
                recipient[0], ("prep",)) if p.lower_ == "of" for o in _children(p, ("pobj",))),
                None)  # "shelled the city of Kharkiv"
            place = ("in", Place(name=name)) if name else None
        status = _status(frame, subject_tok if frame.kind != "noun" else None)
        negated = _negated(frame)
        tidx = _timex_for(doc, sdoc, frame)
        date = doc.timexes[tidx].span if tidx is not None else _unresolved(doc)
        if status is EventStatus.OCCURRED and date.earliest and doc.dct.latest and (
                date.earliest > doc.dct.latest):
            status = EventStatus.PLANNED
        named_event = subject_tok is not None and _noun_trigger(subject_tok) is not None
        if not named_event and not self._anchored(frame, agent_tok, recipient, place, tidx,
                                                  passive):
            return None
        start, end = _phrase_bounds(frame)
        confidence = _BASE_CONFIDENCE[frame.kind] + 0.1 * bool(agents) + 0.05 * bool(recips)
        confidence += 0.05 * (tidx is not None) + 0.1 * (frame.anchor.dep_ == "ROOT")
        agent_name = " and ".join(a.name for a in agents[:2]) if agents else None
        summary = _summary(frame, agent_name,
                           (recips[0].name, recipient[1]) if recips and recipient else None,
                           place, status, negated, passive,
                           plural=_plural(agent_tok) or len(agents) > 1)
        return Event(
            type=ftype, trigger=doc.text[start:end], summary=summary,
            evidence=doc.evidence(start, end), date=date, status=status, mode=mode,
            actors=agents + recips, location=place[1] if place else None, negated=negated,
            background=self._background(doc, date), confidence=round(min(confidence, 0.95), 2),
            timex=tidx, lemma=frame.anchor.lemma_.lower(),
        )

    @staticmethod
    def _anchored(frame: _Frame, agent: Token | None, recipient: tuple[Token, str] | None,
                  place: tuple[str, Place] | None, tidx: int | None, passive: bool) -> bool:
        """False for generic talk and site furniture ("we welcome comments", "comments will be
        rejected"): an event needs a real actor, a place or a date."""
        lex = lexicon()
        quoted = any(ch in frame.anchor.sent.text for ch in "\"“”")
        if (agent is not None and agent.pos_ == "PRON" and agent.lower_ in lex["first_person"]
                and not quoted):
            return False
        if (frame.anchor.lemma_.lower() in lex["actor_object_verbs"] and frame.kind == "verb"
                and (recipient is None or not _is_actor(recipient[0]))):
            return False
        if frame.anchor.lemma_.lower() in lex["actor_agent_verbs"] and (
                agent is None or agent.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP")):
            return False
        if agent is None:
            named = recipient is not None and _is_actor(recipient[0])
            return (place is not None or tidx is not None) or (passive and named)
        return True

    def _background(self, doc: Document, date: TimeSpan) -> bool:
        pub = doc.published or (doc.published_range[0] if doc.published_range else None)
        if pub is None or date.latest is None or date.unresolved:
            return False
        return date.latest < pub - timedelta(days=self.background_days)


def _weapon_mode(frame: _Frame) -> str | None:
    weapons = lexicon()["weapon_modes"]
    for tok in frame.tokens:
        for t in [tok, *tok.children]:
            for word in (t.lower_, t.lemma_.lower()):
                if word in weapons:
                    return str(weapons[word])
    return None


def _plural(tok: Token | None) -> bool:
    if tok is None:
        return False
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children) or (
        tok.lower_ in ("they", "we"))


def _is_actor(tok: Token) -> bool:
    """A named or human argument (an entity, or a plural group noun such as "protesters")."""
    if tok.ent_type_ in _ACTOR_LABELS or tok.pos_ == "PROPN":
        return True
    return any(c.ent_type_ in _ACTOR_LABELS for c in tok.children if c.dep_ in (
        "compound", "amod", "poss"))
