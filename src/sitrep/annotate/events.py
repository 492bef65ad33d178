"""Event extraction: PLOVER-typed events with who did what to whom, where and when.

Triggers come from the lexicon in `data/plover.yaml` (verbs, event nouns carried by a support
verb, verb+object patterns, control verbs such as "voted to expel"); arguments come from the
dependency parse. Every event keeps the evidence span it was read from.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from sitrep.annotate._event_args import (
    _CLAUSE_DEPS,
    _actor,
    _by_agent,
    _children,
    _dateline,
    _dobj,
    _expand_quantity,
    _Frame,
    _gazetteer,
    _is_actor,
    _location,
    _noun_agent,
    _noun_trigger,
    _pattern,
    _place_name,
    _recipient,
    _subject,
    _target,
    _territory,
    _verb_trigger,
    gerund_subject,
    lexicon,
)
from sitrep.annotate._event_summary import _compact, _summary
from sitrep.annotate._figure_subjects import AIRCRAFT_MODEL, stock_state
from sitrep.model import (
    ActorRole,
    Document,
    Event,
    EventStatus,
    Place,
    Precision,
    TimeExpression,
    TimeSpan,
)
from sitrep.settings import Settings
from sitrep.temporal.govern import closing_bound, governing_timex, opens_period
from sitrep.temporal.resolve import add_months

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventExtractor", "lexicon", "plover_code", "legacy_category", "match_lemma"]

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


def _joined(actors: list[ActorRole]) -> str:
    """"Paris and its allies", not "Paris and Paris’ allies"."""
    names = [a.name for a in actors]
    if len(names) == 2:
        for mark in ("’s ", "’ "):
            if names[1].startswith(names[0] + mark):
                last = names[0].split()[-1]  # "Turkish troops and their allies"
                plural = last.lower() == last and last.endswith("s") and not last.endswith("ss")
                names[1] = ("their " if plural else "its ") + names[1][len(names[0] + mark):]
    return " and ".join(names)


# --- frames ---------------------------------------------------------------------------------


def _complement(tok: Token) -> Token | None:
    """The event a control verb governs: "to X", "for X", a ccomp or an event-noun object."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and not (
                c.i < tok.i and any(t.text == ";" for t in tok.doc[c.i:tok.i])):
            return c  # "Kabul blamed Islamabad; Islamabad did not confirm": two clauses
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
        asked = next(iter(_children(comp, ("nsubj",))), None)
        if asked is not None and asked.pos_ in ("NOUN", "PROPN") and not _is_actor(asked) and (
                asked.lemma_.lower() not in {*lex["armed_forces"], *lex["state_bodies"],
                                             *lex["meeting_parties"], *lex["member_nouns"]}):
            return None  # "'Safety must come first,' a spokesperson said": asks no one
        return _Frame(tok, comp, "REQUEST", None, "control", comp)  # "said Y must withdraw"
    inner = _inner_frame(comp)
    if inner is None:
        return None
    itype = inner.type
    obj = _dobj(tok) if comp.dep_ == "xcomp" else None
    if group == "transparent" and tok.lemma_.lower() in lex["directive_verbs"] and \
            obj is not None and obj.lemma_.lower() not in lex["armed_forces"]:
        group = "request"  # "ordered France to withdraw": a demand on France
    if group == "request":
        return _Frame(tok, comp, "REQUEST", "change" if tok.lemma_ in ("vote", "resolve")
                      else None, "control", comp)
    if group == "threaten":
        return _Frame(tok, comp, "THREATEN", lex["threat_modes"].get(itype), "control", comp)
    if group == "reject":
        return _Frame(tok, comp, "REJECT", None, "control", comp)
    if group == "agree" and any(c.dep_ == "neg" for c in comp.children):
        # "promised not to attack" pledges restraint; "vowed not to withdraw" refuses
        return _Frame(tok, comp, "AGREE" if itype in lex["conflict_types"] else "REJECT",
                      None, "control", comp)
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
        if tok.i in used or _capability(tok):
            continue
        group = None
        if tok.pos_ == "VERB" and tok.dep_ in _CLAUSE_DEPS:
            group = lex["_control"].get(tok.lemma_.lower())
        elif tok.pos_ in ("ADJ", "VERB") and tok.dep_ == "acomp":
            group = adjectives.get(tok.lower_)  # "is willing to withdraw"
        if group is None:
            continue
        comp = _complement(tok)
        pat = _pattern(tok)
        if pat is not None and pat["type"] and "object" in pat and (
                comp is None or comp.pos_ not in ("VERB", "AUX")):
            continue  # a verb+object pattern wins over an event-noun object: "called a
            # summit" is no call for one ("ordered troops to attack" stays an order)
        frame = _control_frame(tok, comp, group) if comp is not None else None
        if frame is not None:
            frames.append(frame)
            used.update(t.i for t in frame.tokens)
    for tok in sent:
        if tok.i in used or tok.lemma_.lower() == "warn":
            continue  # a warning is a threat only through "warned it would ..." (control)
        if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "dobj", "pcomp") and (
                tok.head.lemma_.lower() if tok.dep_ != "pcomp" else tok.head.head.lemma_.lower()
        ) in lex["cessation_verbs"]:
            continue  # "called for both sides to stop fighting": no fighting is told
        if _capability(tok.head if tok.dep_ == "conj" else tok) or tok.dep_ in (
                "amod", "compound"):
            used.update(c.i for c in tok.children if c.dep_ in ("dobj", "prep", "xcomp"))
            continue
        if tok.pos_ == "VERB" and tok.dep_ in _CLAUSE_DEPS:
            frame = _support_frame(tok)
            if frame is not None:
                if frame.trigger.i not in used:
                    frames.append(frame)
                    used.add(frame.trigger.i)
                continue
            vt = _verb_trigger(tok)
            if vt and _asserts(tok):
                continue  # "insisted the campaign targeted only terrorists": a claim
            if vt and vt[2] == "pattern" and (pat := _pattern(tok)) and "agent" in pat and (
                    "object" not in pat) and any(c.dep_ == "advcl" and c.tag_ == "VBG" and (
                        _verb_trigger(c) or ("",))[0] == vt[0] for c in tok.children):
                continue  # "a car bomb exploded, killing 12": the killing tells it, by the bomb
            if vt:
                frame = _Frame(tok, tok, vt[0], vt[1], vt[2])
                obj = _dobj(tok)
                if vt[2] == "pattern" and obj is not None:
                    frame.extra.append(obj)  # "passed a resolution": the object is the phrase
                frames.append(frame)
        elif tok.pos_ in ("NOUN", "PROPN") or gerund_subject(tok):
            nt = _noun_trigger(tok)
            subject_of_trigger = tok.dep_ == "nsubj" and _verb_trigger(tok.head) is not None
            target = _undergone(tok)
            if target is not None and (und := nt or _undergone_noun(tok)):
                frames.append(_Frame(target.head, tok, und[0], und[1], "noun"))  # "the bases
                # came under attack", "the convoy came under fire"
            elif nt and _noun_agent(tok) is not None and tok.dep_ != "compound" and (
                    not subject_of_trigger):
                frames.append(_Frame(tok, tok, nt[0], nt[1], "noun"))
            elif nt and (onset := _onset_of(tok)) is not None and not _children(
                    onset, ("neg",)):  # "the truce would not start until ...": it did not
                # "the ceasefire took effect on Sunday", "the offensive began": it happened
                frames.append(_Frame(onset, tok, nt[0], nt[1], "noun"))
    return frames


def _asserts(tok: Token) -> bool:
    """A demanding verb ("insist") whose reported clause states a fact in the indicative
    ("insisted the campaign targeted only terrorists"), not what someone must do ("insisted
    that Israel withdraw", "insisted they should leave")."""
    if tok.lemma_.lower() not in lexicon()["assertive_requests"]:
        return False
    return any(c.tag_ in ("VBD", "VBZ", "VBN") and not any(
        a.dep_ == "aux" and a.tag_ == "MD" for a in c.children) for c in _children(tok, ("ccomp",)))


def _capability(clause: Token) -> bool:
    """The infinitive of a right, a plan or an effort ("the right to resume fighting"): no
    event of its own."""
    return clause.dep_ == "acl" and clause.head.lemma_.lower() in lexicon()["control_nouns"]


def _undergone_summary(frame: _Frame, target: Token, agent: str | None,
                       recips: list[ActorRole], status: EventStatus, negated: bool) -> str:
    """ "US bases come under rocket and drone attacks by the Islamic Resistance"."""
    plural = _plural(target, recips[0].name)
    verb = ("do not come" if plural else "does not come") if negated else (
        "to come" if status is not EventStatus.OCCURRED else "come" if plural else "comes")
    by = f" by {agent}" if agent else ""
    name = recips[0].name
    return f"{name[:1].upper()}{name[1:]} {verb} under {_compact(frame.trigger)}{by}"


def _onset_of(noun: Token) -> Token | None:
    """The verb saying that an event noun began: its own verb ("clashes erupted"), or one
    the parser hung on it ("Heavy fighting flared again on Wednesday", "flared" an acl)."""
    if noun.dep_ == "nsubj" and _onset(noun.head):
        return noun.head
    rel = next((c for c in noun.children if c.dep_ == "relcl" and _onset(c) and any(
        s.dep_ == "nsubj" and s.lower_ in ("which", "that") for s in c.children)), None) if (
        noun.dep_ in ("nsubj", "nsubjpass")) else None  # not "in an operation that began"
    if rel is not None:
        return rel  # "The truce, which took effect on 2 April, has brought ..."
    if noun.dep_ == "ROOT":
        return next((c for c in noun.children if c.dep_ == "acl" and c.i == noun.i + 1
                     and c.tag_ in ("VBD", "VBN") and _onset(c)), None)
    return None


def _undergone_noun(noun: Token) -> tuple[str, str | None] | None:
    """A noun that is an event only as something undergone ("came under fire")."""
    kind = lexicon()["undergone_nouns"].get(noun.lemma_.lower())
    return (kind, None) if kind else None


def _undergone(noun: Token) -> Token | None:
    """The target undergoing an event noun: "U.S. bases have come under (dozens of) rocket
    attacks"; none for a plan or a minister that "came under fire" from critics."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "pobj":
        noun = noun.head.head  # "dozens of attacks"
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ != "VERB" or (
            prep.head.lemma_.lower() not in lexicon()["undergo_verbs"]):
        return None
    subj = next((c for c in prep.head.children if c.dep_ == "nsubj"), None)
    lex = lexicon()
    targets = {*lex["armed_forces"], *lex["site_nouns"], *lex["territory_nouns"],
               *lex["undergoing_targets"]}
    if subj is None or not (subj.ent_type_ in ("GPE", "LOC", "FAC") or {
            subj.lemma_.lower(), subj.lower_, subj.lower_.removesuffix("s")} & targets):
        return None  # ("bases" has the lemma "basis")
    return subj


def _onset(verb: Token) -> bool:
    """A verb saying that its subject, an event noun, began: "began", "took effect", "came
    into force"."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    if lemma in lexicon()["onset_verbs"]:
        return True
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    if lemma == "break":  # "fighting broke out"
        return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "out"
                   for c in verb.children)
    return lemma == "come" and any(c.dep_ == "prep" and c.lower_ == "into" and any(
        o.lower_ in ("force", "effect") for o in c.children) for c in verb.children)


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
        cands.append(_expand_quantity(obj))  # "carried out dozens of air strikes"
    for named in _children(tok, ("ccomp",)):  # "launched what it called a special operation"
        if named.lemma_.lower() in lexicon()["naming_verbs"] and any(
                c.dep_ == "dobj" and c.lower_ == "what" for c in named.children):
            cands += [_expand_quantity(o) for o in _children(named, ("oprd", "dobj"))
                      if o.lower_ != "what"]
            cands += [o for p in _children(named, ("prep",)) if p.lower_ == "as"
                      for o in _children(p, ("pobj",))]
    for prep in _children(tok, ("prep",)):
        if prep.lower_ in ("with", "for"):  # "responded with hundreds of missiles"
            cands.extend(_expand_quantity(o) for o in _children(prep, ("pobj",)))
    for cand in cands:
        nt = _noun_trigger(cand)
        if nt:
            return _Frame(tok, cand, nt[0], nt[1], "support")
    return None


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
    up = frame.anchor  # "vowed to keep targeting ships": a promise, not a deed
    while up.dep_ == "xcomp" and up.head != up:
        up = up.head
        c = lex["control"]
        if up.lemma_.lower() in (*c["agree"], *c["threaten"], *c["status_planned"]):
            return EventStatus.PLANNED
    local = [frame.anchor, *_chain(frame.trigger, 2)] + ([subject] if subject else [])
    for tok in local:
        for c in tok.children:
            if c.lower_ in lex["claimed_adverbs"]:
                return EventStatus.CLAIMED
            if c.dep_ == "acl" and c.lemma_.lower() in lex["claimed_verbs"]:
                return EventStatus.CLAIMED
    return _modal_status(frame)


def _conditional(verb: Token) -> bool:
    """A clause opened by "if", "unless", "whether" (not "as if": a comparison)."""
    return any(m.dep_ == "mark" and m.lower_ in lexicon()["hypothetical_marks"] and not (
        m.i > 0 and m.doc[m.i - 1].lower_ == "as") for m in verb.children)


def _pending(verb: Token) -> bool:
    """A clause opened by "until", "before", "once" in the present tense: a condition still
    to be met ("fight until every soldier leaves"), no event."""
    return verb.tag_ in ("VBZ", "VBP") and any(
        m.dep_ == "mark" and m.lower_ in lexicon()["pending_marks"] for m in verb.children)


def _machine(tok: Token) -> bool:
    """An aircraft or a weapon, however tagged: "F-16s", "warplanes", "drones"."""
    weapons = lexicon()["weapon_modes"]
    return bool(AIRCRAFT_MODEL.match(tok.text)) or tok.lemma_.lower() in weapons or (
        tok.lower_.removesuffix("s") in weapons)


def _clause_heads(frame: _Frame) -> list[Token]:
    """The anchor and the clauses it continues, whose auxiliaries set its tense ("will end,
    leaving ..."); a finite clause in the past with a subject and a conjunction of its own
    keeps its own ("would send jets, a day after F-16s flew near the destroyer")."""
    verb = frame.anchor
    if verb.dep_ == "advcl" and verb.tag_ == "VBD" and any(
            c.dep_ == "mark" for c in verb.children) and _children(verb, ("nsubj",)):
        return [verb]
    return _chain(verb, 2, {"advcl", "xcomp", "conj"})


def _rule_allows(frame: _Frame, agent: Token | None) -> bool:
    """What a rule, a law or a state of things allows is no concession by anyone: "Article
    4, which allows any member to convene allies", "a state of emergency, allowing the
    government to rule by decree"."""
    verb = frame.anchor
    if verb.lemma_.lower() not in lexicon()["enabling_verbs"]:
        return False
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP")
                                    for c in verb.children):
        agent = verb.head  # "Article 4, which allows"
    if agent is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        agent = _dobj(verb.head) or next((c for c in verb.head.children if c.dep_ in (
            "nsubjpass", "nsubj")), None)  # "declared a state of emergency, allowing ..."
    if agent is None or agent.pos_ != "NOUN":
        return False
    from sitrep.fuse.lexical import is_event_noun

    lex, lemma = lexicon(), agent.lemma_.lower()
    return lemma in {*lex["content_nouns"], *lex["rule_nouns"], *lex["abstract_agents"],
                     *lex["pause_nouns"], *lex["non_violent_causes"]} or (
        lemma == "state" and any(c.dep_ == "prep" and c.lower_ == "of" for c in agent.children)
    ) or bool(_noun_trigger(agent)) or is_event_noun(lemma)
    # "Nato's founding treaty, which allows", "a state of emergency, allowing", "the pause
    # allows for that to happen"


def _anyone(tok: Token | None) -> bool:
    """A participant that is no one in particular: "any group", "every Syrian who was
    imprisoned", "anyone", "the president or anyone else"."""
    if tok is not None and tok.tag_ in ("WP", "WDT") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "every Syrian who ...": the antecedent
    if tok is None:
        return False
    either = tok.conjuncts if any(c.lower_ == "or" for c in tok.children) else ()
    return any(t.lower_ in lexicon()["anyone_words"] or any(
        c.dep_ == "det" and c.lower_ in ("any", "every") for c in t.children)
        for t in (tok, *either))


def _told_as_past(frame: _Frame) -> bool:
    """The trigger's own verb is in a past tense: "killed", "were killed", "have killed"."""
    verb = frame.anchor
    if verb.pos_ not in ("VERB", "AUX") or frame.kind == "control":
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False  # "would be killed", "will have left"
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(
        a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)


def _will(frame: _Frame) -> bool:
    """The frame's clause is in the future tense ("will withdraw", "shall meet")."""
    planned = set(lexicon()["planned_aux"])
    return any(c.dep_ == "aux" and c.lower_ in planned
               for tok in _clause_heads(frame) for c in tok.children)


def _modal_status(frame: _Frame) -> EventStatus:
    lex = lexicon()
    if frame.status is EventStatus.PLANNED:
        return EventStatus.PLANNED
    speech_act = frame.type in lex["speech_act_types"]
    if _conditional(frame.anchor) or not speech_act and any(
            c.dep_ == "advcl" and _conditional(c) for c in frame.anchor.children):
        # "would hit them if Iran attacked": both sides; but "threatened sanctions if ..."
        # did threaten
        return EventStatus.HYPOTHETICAL
    heads = _clause_heads(frame)
    # what a threat, a demand or a deal is about is to come; the act itself is not
    content = frame.kind == "control" and speech_act
    for tok in [*heads, frame.complement] if frame.complement and not content else heads:
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if auxes & set(lex["planned_aux"]) or tok in (frame.anchor, frame.complement) and (
                auxes & set(lex["obligation_aux"]) and "have" not in auxes):
            return EventStatus.PLANNED  # "must ratify it": still to do; "must have killed":
            # done; "said X must be held accountable and called on allies": called
        if tok.dep_ == "xcomp" and "to" in auxes and tok.head.lemma_ == "be" and \
                tok.head.tag_ in ("VBZ", "VBP"):
            return EventStatus.PLANNED  # "are to be freed", "is to visit": arranged
        if "would" in auxes and (tok.dep_ == "ccomp" or tok.dep_ == "conj"
                                 and tok.head.dep_ == "ccomp"):
            # reported future: "announced it would resume", "said troops would no longer
            # fight but would keep training"
            return EventStatus.PLANNED
        if auxes & set(lex["hypothetical_aux"]):
            return EventStatus.HYPOTHETICAL
        if tok.dep_ == "conj" and any(c.dep_ in ("aux", "auxpass") and c.tag_ in (
                "MD", "VBD", "VBZ", "VBP") for c in tok.children):
            break  # "would be investigated and ... had already been arrested": its own tense
    for tok in _chain(frame.anchor):
        if any(c.dep_ == "mark" and c.lower_ in lex["hypothetical_marks"]
               for c in tok.children):
            return EventStatus.HYPOTHETICAL
    return EventStatus.OCCURRED


def _negated(frame: _Frame) -> bool:
    lex = lexicon()
    if any(t.lemma_.lower() in lex["failure_verbs"] for t in frame.extra):
        return True  # "failed to destroy them"
    toks = frame.tokens
    if frame.kind == "control" and frame.type in lex["speech_act_types"]:
        # "urged them not to attack", "vowed not to withdraw": the "not" is what is asked
        # or promised; the act itself happened
        toks = [t for t in toks if t is not frame.complement]
    for tok in toks:
        if _children(tok, ("aux",)) and tok.head.lemma_ in ("have", "be") and any(
                c.lower_ == "yet" for c in tok.head.children):
            return True  # "has yet to deploy": it has not
        for c in tok.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
            if c.dep_ == "advmod" and c.lower_ == "longer" and _children(c, ("neg",)):
                return True  # "would no longer fight"
            if c.dep_ in ("nsubj", "nsubjpass") and any(  # "no soldiers were killed"
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children):
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
    if frame.kind == "pattern":  # "signed an agreement on Wednesday": the phrase's own day
        end = max([end, *(t.idx + len(t) for t in frame.extra)])
    return governing_timex(doc, start, end, sdoc)


_GAP = re.compile(r"^P(\d+)([DWMY])$")


def _answer_to(tok: Token) -> Token | None:
    """The noun of a deed answering `tok` ("in retaliation for the group's attacks" ->
    retaliation): what is answered came before."""
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "to") and (
            tok.head.head.lemma_.lower() in lexicon()["cause_nouns"]):
        return tok.head.head
    return None


def _offset_date(doc: Document, sdoc: Doc, frame: _Frame) -> TimeSpan | None:
    """The date another clause gives: "passed a resolution on Sunday, two days after a strike
    killed X" (Sunday less the gap; "a week before" adds it), "formed in 2014 after jihadists
    overran Mosul" (on or before 2014), "in January 2020, when a drone strike killed X"."""
    tok = frame.trigger if frame.kind == "noun" else frame.anchor
    if tok.dep_ == "conj" and tok.head.dep_ == "relcl":
        tok = tok.head  # "in 2020, when the US killed X and lawmakers voted to ..."
    when = _when_date(doc, tok)
    if when is not None:
        return when
    cause = _answer_to(tok)
    if tok.dep_ == "advcl":
        holder = tok
        link = next((c for c in tok.children if c.dep_ == "mark"), None)
        word = link.lower_ if link is not None else ""
    elif cause is not None and cause.dep_ == "pobj":
        holder = link = cause.head  # "(struck) in retaliation for the group's attacks": before
        word = "after"
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        holder = link = tok.head
        word = link.lower_
    else:
        return None
    main = holder.head
    if link is None or word not in ("after", "before") or main.pos_ not in ("VERB", "AUX"):
        return None
    idx = governing_timex(doc, main.idx, main.idx + len(main), sdoc)
    inner = [t.idx for t in holder.subtree]
    if idx is not None and min(inner) <= doc.timexes[idx].start <= max(inner):
        return None  # the clause's own date
    # "in January 2020, when parliament voted ... two days after a strike killed X"
    clause = main
    while clause.dep_ == "xcomp":  # "voted to expel troops two days after ...": the vote's
        clause = clause.head
    base = doc.timexes[idx].span if idx is not None else _when_date(doc, clause)
    if base is None:
        return None  # no date to count from
    gap, months = None, None
    for c in {*holder.children, *link.children}:  # "two days after" hangs from either
        for tx in doc.timexes if c.dep_ == "npadvmod" else ():
            m = _GAP.match(tx.value or "") if tx.start <= c.idx < tx.end else None
            if m and m[2] in "DW":
                gap = timedelta(days=int(m[1]) * (7 if m[2] == "W" else 1))
            elif m:
                months = int(m[1]) * (12 if m[2] == "Y" else 1)
    if months is not None and base.earliest and not base.unresolved:
        # "nearly two years after the group overran it": that month, give or take
        first = add_months(base.earliest.replace(day=1), -months if word == "after"
                           else months)
        last = add_months(first, 1) - timedelta(days=1)
        return TimeSpan(first.strftime("%Y-%m"), first, last, Precision.MONTH,
                        estimated=True)
    if gap is None:
        if word == "after" and base.latest and not base.unresolved:
            return TimeSpan(None, None, base.latest, Precision.RANGE,  # on or before
                            estimated=base.estimated, unresolved=True)
        return None
    if not base.earliest or not base.latest or base.unresolved:
        return None
    shift = gap if word == "before" else -gap
    if base.precision != Precision.DAY:  # "two days after" a vote in January 2020
        return TimeSpan(None, base.earliest + shift, base.latest + shift, Precision.RANGE,
                        estimated=True)
    day = base.earliest + shift
    return TimeSpan(day.isoformat(), day, day, Precision.DAY, estimated=base.estimated)


def _antecedent_date(doc: Document, sdoc: Doc, cause: Token | None) -> TimeSpan | None:
    """ "... an air strike on 1 April on its consulate. That strike killed seven officers":
    the deed named again with "that" or "the" takes the date it had the sentence before."""
    if cause is None or not any(c.dep_ == "det" and c.lower_ in ("that", "this", "the")
                                for c in cause.children):
        return None
    sent = cause.sent
    if sent.start == 0:
        return None
    from sitrep.fuse.lexical import trigger_key

    before = sdoc[sent.start - 1].sent
    key = trigger_key(cause.lemma_.lower())  # "shelled ... The shelling": one key
    for tok in reversed(before):
        if tok.pos_ in ("NOUN", "VERB") and trigger_key(tok.lemma_.lower()) == key:
            idx = governing_timex(doc, tok.idx, tok.idx + len(tok), sdoc)
            return doc.timexes[idx].span if idx is not None else None
    return None


def _when_date(doc: Document, tok: Token) -> TimeSpan | None:
    """The date a "when" clause describes: "in January 2020, when a drone strike killed X"."""
    if tok.dep_ == "relcl" and any(c.lower_ == "when" for c in tok.children):
        return next((tx.span for tx in doc.timexes if tx.type == "DATE" and tx.span.is_known
                     and tx.start <= tok.head.idx < tx.end), None)
    return None


def _since_then(doc: Document, frame: _Frame) -> TimeSpan | None:
    """ "The offensive began on November 27. Since then, 910 people have been killed" (or "have
    since been killed"): from the last date told before the sentence to publication."""
    verb = frame.anchor
    if not any(c.lower_ == "since" and (c.dep_ == "advmod" or any(
            t.lower_ == "then" for t in c.children)) for c in verb.children) or (
            doc.dct.latest is None):  # "since then", "has since killed"
        return None
    start = verb.sent.start_char
    before = [tx for tx in doc.timexes if tx.end <= start and tx.type == "DATE"
              and tx.span.is_known and tx.span.earliest and tx.span.earliest <= doc.dct.latest]
    if not before:
        return None
    first = before[-1].span.earliest
    return TimeSpan(None, first, doc.dct.latest, Precision.RANGE, estimated=doc.dct.estimated)


_SOON_AFTER = re.compile(r"(?i)\W*(?:(?:(?:a few|a couple of|several|some|two|three|\d+)\s+)?"
                         r"(?:hours|minutes|moments)\s+(?:later|afterwards?)|within\s+(?:hours|"
                         r"minutes)|(?:shortly|soon)\s+(?:afterwards?|after\s+that))\b")


def _hours_later(doc: Document, frame: _Frame) -> TimeSpan | None:
    """ "Later on Sunday, ... Hours afterwards (within hours, shortly afterwards), Israel
    freed 90 prisoners": the day told last before the sentence."""
    sent = frame.anchor.sent
    main = frame.anchor
    while main.dep_ in ("conj", "xcomp") or main.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in main.children):
        main = main.head  # "..., and Thailand sent jets to bomb targets"
    if not _SOON_AFTER.match(sent.text) or main.dep_ != "ROOT":
        return None  # the sentence's own deed, not one it reports or supposes
    before = [tx for tx in doc.timexes if tx.end <= sent.start_char and tx.type in (
        "DATE", "TIME") and tx.span.is_known and tx.span.precision is Precision.DAY]
    if not before:
        return None
    day = before[-1].span.earliest
    return TimeSpan(day.isoformat(), day, day, Precision.DAY) if day else None


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


# --- the stage --------------------------------------------------------------------------------

_BASE_CONFIDENCE = {"pattern": 0.75, "control": 0.7, "support": 0.7, "verb": 0.6, "noun": 0.5}


def _merge(frames: list[_Frame]) -> list[_Frame]:
    """Drop a frame that only elaborates an outer one of the same type ("launched an airstrike
    that killed X", "conducted a strike, assassinating X"); the outer one gets its details."""
    out: list[_Frame] = []
    merged: set[int] = set()
    for frame in frames:
        gov = frame.anchor.head
        if frame.kind == "noun" and frame.anchor.dep_ == "pobj":
            gov = gov.head  # "killed in a rocket attack", "killed by a US airstrike"
        own_subject = frame.anchor.dep_ == "advcl" and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in frame.anchor.children)
        govs = [gov]
        if frame.anchor.tag_ == "VBG" and frame.anchor.dep_ == "advcl" and not own_subject:
            # "hit X hours before the truce began, killing 10": the parse hangs the
            # participle on the nearer clause; it tells of the main one
            govs += [t for t in list(gov.ancestors)[:2] if t.pos_ == "VERB"]
        outer = None if own_subject else next(  # "..., while two rockets struck X": another
            (o for g in govs for o in frames if o is not frame and id(o) not in merged
             and o.type == frame.type
             and (frame.anchor.dep_ in ("advcl", "relcl", "acl", "xcomp")
                  or frame.kind == "noun")
             and g in o.tokens), None)
        purpose = frame.anchor.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in frame.anchor.children)
        if outer is None and purpose:  # "staged rallies to demand reforms": the motive
            outer = next((o for o in frames if o is not frame and gov in o.tokens), None)
            if outer is not None:
                continue
        if outer is not None:
            merged.add(id(frame))
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
                doc.events += self._gapped(doc, sdoc, frame, event)

    def _gapped(self, doc: Document, sdoc: Doc, frame: _Frame, event: Event) -> list[Event]:
        """ "captured Aleppo on Friday, Hama on Thursday and Homs on Sunday": one verb, one
        more happening for each name the sentence pairs with a date of its own."""
        obj = _dobj(frame.anchor)
        if frame.kind not in ("verb", "pattern") or event.timex is None or obj is None or (
                obj.pos_ != "PROPN") or event.status is not EventStatus.OCCURRED:
            return []
        names = [a for a in event.actors if a.role == "recipient"]
        first = doc.timexes[event.timex]
        tokens = sdoc.char_span(first.start, first.end, alignment_mode="expand")
        if not names or tokens is None or first.start < obj.idx:
            return []
        out: list[Event] = []
        i, end = tokens.end, obj.sent.end
        while i < end:
            j = i
            while j < end and sdoc[j].lower_ in (",", "and", "then"):
                j += 1
            k = j + (j < end and sdoc[j].lower_ == "the")
            chunk = k
            while chunk < end and sdoc[chunk].pos_ == "PROPN":
                chunk += 1
            if j == i or chunk == k:
                break
            m = chunk
            while m < min(end, chunk + 3) and sdoc[m].lower_ in ("early", "late", "on", "in",
                                                                  "at", "by"):
                m += 1
            tx = next((n for n, t in enumerate(doc.timexes) if m < end and t.start == (
                sdoc[m].idx) and t.type in ("DATE", "TIME")), None)
            if tx is None or doc.dct.latest and (doc.timexes[tx].span.earliest or (
                    doc.dct.latest)) > doc.dct.latest:
                break  # no date of its own, or one still ahead
            name = sdoc[k:chunk].text
            span = doc.timexes[tx].span
            place = Place(name=name) if event.location is not None and _gazetteer(name) \
                else None
            actors = [a for a in event.actors if a.role != "recipient"] + [
                ActorRole(next((mn.entity for mn in doc.mentions_in(sdoc[k].idx, sdoc[k].idx + 1)
                                if mn.label in ("GPE", "LOC", "FAC")), None), name,
                          "recipient")]
            out.append(dataclasses.replace(
                event, summary=event.summary.replace(names[0].name, name), actors=actors,
                evidence=doc.evidence(sdoc[k].idx, doc.timexes[tx].end), date=span,
                timex=tx, location=place, background=self._background(doc, span)))
            tend = sdoc.char_span(doc.timexes[tx].start, doc.timexes[tx].end,
                                  alignment_mode="expand")
            i = tend.end if tend is not None else chunk + 1
        return out

    def _event(self, doc: Document, sdoc: Doc, frame: _Frame) -> Event | None:
        lex = lexicon()
        if _not_an_act(frame) or any(tx.start <= frame.trigger.idx < tx.end
                                     for tx in doc.timexes):
            return None  # nor is a word of a date: "start on March 10" is no march
        if frame.kind == "noun" and frame.trigger.dep_ == "dobj" and (
                frame.trigger.head.lemma_.lower() in lex["cancel_verbs"]):
            return None  # "cancelled a planned visit": no visit is told
        who = _doer(frame)
        agent_tok, subject_tok, passive, cause = who.agent, who.subject, who.passive, who.cause
        if subject_tok is not None and not passive and (
                subject_tok.lemma_.lower() in lex["non_violent_causes"]):
            return None  # "a stampede killed 50 mourners": an accident, no one's act
        if passive and frame.type == "ASSAULT" and any(
                o.lemma_.lower() in lex["non_violent_causes"] for p in _children(
                    frame.anchor, ("prep", "agent")) if p.lower_ in ("in", "by", "during")
                for o in _children(p, ("pobj",))):
            return None  # "12 people were killed in floods", "killed by the earthquake"
        passive_subject = subject_tok if passive else None
        undergoer = _undergone(frame.trigger) if frame.kind == "noun" else None
        if undergoer is not None:
            passive_subject = undergoer  # "the bases came under attack": the bases
        recipient = _recipient(frame, passive_subject)
        if recipient is not None and frame.anchor.lemma_.lower() in lex["reciprocal_verbs"] and (
                not _is_actor(recipient[0])) and recipient[0] is not _dobj(frame.anchor):
            recipient = None  # "met on Friday to discuss the attacks": no one met the attacks
        if _anyone(agent_tok) or _anyone(subject_tok):
            return None  # "would not back any group carrying out attacks": no one in particular
            # does it ("ready to cooperate with any leadership" is still an offer)
        if _rule_allows(frame, agent_tok) or (not passive and _rule_allows(frame, subject_tok)):
            return None  # "a state of emergency, allowing the government to issue decrees"
        agents = _actor(agent_tok, doc, "agent") if agent_tok is not None else []
        recips = _actor(recipient[0], doc, "recipient") if recipient is not None else []
        target = _target(frame, recipient)  # stored: whom it is aimed at; shown: `recipient`
        targets = (_actor(target, doc, "recipient") if target is not None else []) or recips
        ftype, mode = frame.type, frame.mode
        if ftype in ("AGREE", "THREATEN") and (promised := _promise(frame.anchor)):
            ftype, mode = promised, None
        if ftype == "ASSAULT" and agent_tok is not None and (
                agent_tok.lemma_.lower() in lex["crowd_agents"]):
            ftype, mode = "PROTEST", "riot"
        if ftype == "ASSAULT" and subject_tok is not None and not passive and (
                subject_tok.lemma_.lower() in lex["sanction_agents"]):
            ftype, mode = "SANCTION", None  # "the package would hit banks": sanctions
        if ftype == "PROTEST" and mode == "obstruct" and agent_tok is not None and (
                agent_tok.ent_type_ in ("GPE", "ORG")
                or agent_tok.lemma_.lower() in {*lex["armed_forces"], *lex["state_bodies"]}):
            ftype, mode = "COERCE", "restrict"  # a state blocking goods restricts, no protest
        if ftype == "ASSAULT" and frame.anchor.lemma_.lower() in lex["verbal_clashes"] and all(
                (x.entity or "").startswith("person:") for x in agents + recips) and recips:
            return None  # "Zelensky clashed with Trump": words, not blows
        if ftype == "COERCE" and mode == "seize" and recipient is not None and (
                _territory(recipient[0]) or any(m.label in ("GPE", "LOC") for m in (
                    doc.mentions_in(recipient[0].idx, recipient[0].idx + len(recipient[0]))))):
            ftype, mode = "ASSAULT", None  # seizing a town is taking territory, not property
        if ftype == "ASSAULT" and mode is None:
            mode = _weapon_mode(frame)
        place = _location(frame, recipient[0] if recipient else None, agent_tok)
        if place is None and recipient is not None and not recipient[1] and ftype in (
                {*lex["physical_types"], "CONSULT", "RETREAT"}) and (
                recipient[0].pos_ == "PROPN" or recipient[0].lemma_.lower() in lex["site_nouns"]):
            # "shelled Kharkiv", "visited Baghdad"; "urged Azerbaijan" is not in Azerbaijan
            name = _place_name(recipient[0]) or next((_place_name(o) for p in _children(
                recipient[0], ("prep",)) if p.lower_ == "of" for o in _children(p, ("pobj",))),
                None)  # "shelled the city of Kharkiv"
            if name is None and recips and (recips[0].entity or "").startswith(("gpe:", "loc:")):
                name = recips[0].name  # "took Goma": a town the entity stage recognised
            place = ("in", Place(name=name)) if name else None
        if place is not None and any(a.entity and a.entity.startswith("person:") and
                                     place[1].name in a.name for a in agents + targets):
            place = None  # "the strike on Soleimani": a person the tagger took for a place
        if _pending(frame.anchor):
            return None
        status = _status(frame, subject_tok if frame.kind != "noun" else None)
        negated = _negated(frame)
        if negated and recipient is not None and recipient[0].lower_ in lex["anyone_words"]:
            return None  # "we are not fighting anyone": no one, nothing done ("will not accept
            # any violation" still refuses)
        tidx = _timex_for(doc, sdoc, frame)
        if tidx is not None and not doc.timexes[tidx].span.is_known:
            tidx = None  # "the following week" with nothing to count from: not dated by it
        if tidx is not None and frame.kind == "noun" and _answer_to(frame.trigger) and not (
                frame.trigger.left_edge.idx <= doc.timexes[tidx].start
                <= frame.trigger.right_edge.idx):
            tidx = None  # "struck on Friday in retaliation for the attacks": not Friday's
        date = doc.timexes[tidx].span if tidx is not None else (
            _offset_date(doc, sdoc, frame) or _since_then(doc, frame)
            or _hours_later(doc, frame) or _antecedent_date(doc, sdoc, cause)
            or _unresolved(doc))
        closing = closing_bound(doc, tidx) if tidx is not None else None
        if closing is not None and date.earliest and closing.span.latest and (
                closing.span.latest > date.earliest):
            # "attacked 150 times between October 2023 and February 2024": the whole period
            date = TimeSpan(None, date.earliest, closing.span.latest, Precision.RANGE,
                            estimated=date.estimated or closing.span.estimated)
        if tidx is not None and (opens_period(doc, doc.timexes[tidx].start) or _since_clause(
                sdoc, doc.timexes[tidx], frame.anchor)) and (
                date.earliest and doc.dct.latest and date.earliest <= doc.dct.latest):
            # "have attacked 27 vessels since November 19": from then to publication
            date = TimeSpan(None, date.earliest, doc.dct.latest, Precision.RANGE,
                            estimated=doc.dct.estimated)
        if status is EventStatus.OCCURRED and date.earliest and doc.dct.latest and (
                date.earliest > doc.dct.latest) and tidx is not None and _told_as_past(frame):
            # "were killed, prompting the board to pull out next month", "the talks were
            # mediated by Qatar, and a meeting is planned on October 25": a past deed is not
            # dated by another clause's future
            date, tidx = _unresolved(doc), None
        if status is EventStatus.OCCURRED and date.earliest and doc.dct.latest and (
                date.earliest > doc.dct.latest):
            status = EventStatus.PLANNED
        if status is EventStatus.PLANNED and date.latest and doc.dct.earliest and (
                date.latest < doc.dct.earliest) and _will(frame):
            date = _unresolved(doc)  # "will not allow a return to the situation before
            # October 7": a past date is not when what will happen happens
        if status is EventStatus.PLANNED and date.unresolved and doc.dct.earliest:
            date = TimeSpan(None, doc.dct.earliest, None, Precision.RANGE,  # on or after
                            estimated=doc.dct.estimated, unresolved=True)
        named_event = subject_tok is not None and _noun_trigger(subject_tok) is not None and (
            subject_tok != frame.trigger)  # "the truce began": dated or placed, or nothing
        if not named_event and not self._anchored(frame, agent_tok, recipient, place,
                                                  not date.unresolved, passive):
            return None
        start, end = _phrase_bounds(frame)
        confidence = _BASE_CONFIDENCE[frame.kind] + 0.1 * bool(agents) + 0.05 * bool(recips)
        confidence += 0.05 * (tidx is not None) + 0.1 * (frame.anchor.dep_ == "ROOT")
        agent_name = _joined(agents[:2]) if agents else None
        teller = agent_tok
        if cause is not None and (agent_name is None or agent_tok is not None and (
                agent_tok.head == cause and (agent_tok.pos_ == "ADJ" or agent_tok.dep_ in (
                    "amod", "compound")))):
            # "Israeli strikes hit", not "Israeli hits"; "Air strike on market kills 12"
            agent_name, teller = _compact(cause) + _target_of(cause), cause
        summary = _undergone_summary(frame, undergoer, agent_name, recips, status, negated) if (
            undergoer is not None and recips) else _summary(frame, agent_name,
                           ((_joined(recips[:2]) if recipient[1] == "between" else
                             recips[0].name), recipient[1]) if recips and recipient else None,
                           place, status, negated, passive,
                           plural=_plural(teller or cause, agent_name) or len(agents) > 1,
                           adjectival=agent_tok is not None and agent_tok.pos_ == "ADJ"
                           and agent_tok.head == frame.trigger)
        if summary is None:
            return None
        if status is EventStatus.DENIED and "den" not in summary.lower():
            summary += " (denied)"  # "Ministry targets civilian sites (denied)"
        return Event(
            type=ftype, trigger=doc.text[start:end], summary=summary,
            evidence=doc.evidence(start, end), date=date, status=status, mode=mode,
            actors=agents + targets, location=place[1] if place else None, negated=negated,
            background=self._background(doc, date), confidence=round(min(confidence, 0.95), 2),
            timex=tidx, lemma=_lemma(frame),
        )

    @staticmethod
    def _anchored(frame: _Frame, agent: Token | None, recipient: tuple[Token, str] | None,
                  place: tuple[str, Place] | None, dated: bool, passive: bool) -> bool:
        """False for generic talk and site furniture ("we welcome comments", "comments will be
        rejected"): an event needs a real actor, a place or a date."""
        lex = lexicon()
        quoted = any(ch in frame.anchor.sent.text for ch in "\"“”")
        if (agent is not None and agent.pos_ == "PRON" and agent.lower_ in lex["first_person"]
                and not quoted):
            return False
        if (frame.anchor.lemma_.lower() in lex["actor_object_verbs"] and frame.kind == "verb"
                and (recipient is None or not _is_actor(recipient[0]))
                and not _meet_among_themselves(frame.anchor, agent, recipient)):
            return False
        if frame.anchor.lemma_.lower() in lex["actor_agent_verbs"] and (
                agent is None or agent.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP")
                or _machine(agent)):
            return False  # "two F-16s flew near the destroyer": no visit
        if agent is None:
            named = recipient is not None and _is_actor(recipient[0])
            return place is not None or dated or (passive and named)
        return True

    def _background(self, doc: Document, date: TimeSpan) -> bool:
        pub = doc.published or (doc.published_range[0] if doc.published_range else None)
        if pub is None or date.latest is None or date.unresolved:
            return False
        return date.latest < pub - timedelta(days=self.background_days)


@dataclass(slots=True)
class _Doer:
    agent: Token | None  # who did it (None when not named)
    subject: Token | None  # the clause subject as parsed
    passive: bool
    cause: Token | None  # an event noun as subject with no doer: "a rocket attack killed X"


def _doer(frame: _Frame) -> _Doer:
    """The agent of a frame: the active subject, the "by" phrase of a passive, the owner of an
    event noun; never an abstract noun ("the decision resumed operations")."""
    agent_tok, passive = _subject(frame.anchor)
    subject_tok, cause = agent_tok, None
    lex = lexicon()
    if agent_tok is not None and not passive and frame.type == "REQUEST" and (
            agent_tok.pos_ == "NOUN" and agent_tok.lemma_.lower() in lex["content_nouns"]):
        # "the agreement calls for the rebels to disarm": a text asks, and says who
        return _Doer(agent_tok, subject_tok, passive, None)
    if passive:
        agent_tok = _by_agent(frame.anchor) or _when_doer(frame.anchor)
        if agent_tok is not None and _noun_trigger(agent_tok):  # "killed by a US airstrike"
            frame.mode = frame.mode or (_noun_trigger(agent_tok) or (None, None))[1]
            if (_noun_trigger(agent_tok) or ("",))[0] == frame.type:
                cause = agent_tok  # "Iranian missiles kill 28", not "Iranian kills 28"
            agent_tok = _noun_agent(agent_tok)
    if frame.kind == "noun":
        agent_tok = _noun_agent(frame.trigger)
    elif agent_tok is not None and _noun_trigger(agent_tok):
        # "missile attacks attributed to X struck a base": X did it
        frame.mode = frame.mode or (_noun_trigger(agent_tok) or (None, None))[1]
        if (_noun_trigger(agent_tok) or ("",))[0] == frame.type:
            cause = agent_tok  # "an attack killed X", not "the deal launched strikes"
        agent_tok = _noun_agent(agent_tok)
    elif agent_tok is None and frame.kind == "support":
        agent_tok = _noun_agent(frame.trigger)
    if agent_tok is not None and (agent_tok.pos_ == "NOUN" and (
            agent_tok.lemma_.lower() in lex["abstract_agents"])
            or agent_tok.ent_type_ in ("DATE", "TIME")):  # "on Tuesday night demanding"
        agent_tok = None
    return _Doer(agent_tok, subject_tok, passive, cause)


def _target_of(noun: Token) -> str:
    """ " on the market" of "an air strike on a market killed 12": what a cause struck."""
    for prep in _children(noun, ("prep",)):
        pobj = next(iter(_children(prep, ("pobj",))), None)
        if prep.i == noun.i + 1 and prep.lower_ in ("on", "against") and pobj is not None \
                and pobj.ent_type_ not in ("DATE", "TIME"):
            return f" {prep.lower_} {_compact(pobj)}"
    return ""


def _when_doer(verb: Token) -> Token | None:
    """The doer of a violent "when" clause that a passive toll hangs on: "12 people were
    killed when a Russian drone struck a block" were killed by the drone."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ == "when"
                                     for m in c.children):
            hit = _verb_trigger(c)
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if hit and hit[0] == "ASSAULT" and subj is not None and subj.pos_ in ("NOUN",
                                                                                  "PROPN"):
                return subj
    return None


def _not_an_act(frame: _Frame) -> bool:
    """ "called the raid an escalation", "what the UN calls a crisis", "as the mission is
    called" name things;
    "asked not to be named" is a source's anonymity; states and habits are not events."""
    verb = frame.anchor
    if frame.kind != "noun" and _state(verb):
        return True
    if frame.kind in ("noun", "support"):
        return False
    if verb.dep_ == "acl" and (_noun_trigger(verb.head) or ("",))[0] == frame.type:
        return True  # "an exercise mobilizing units" elaborates the exercise, told elsewhere
    obj = _dobj(verb)
    if obj is not None and _dateline(obj):
        return True  # a headline run into the dateline: "... threatens sanctions BAGHDAD —"
    if verb.lemma_.lower() in lexicon()["naming_verbs"] and any(
            c.dep_ == "oprd" or c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "as the mission is formally called": a name, no request
    if frame.type == "REQUEST" and frame.kind == "verb" and verb.lemma_.lower() in lexicon()[
            "naming_verbs"] and _dobj(verb) is not None and not any(
            c.dep_ in ("xcomp", "ccomp") or c.dep_ in ("prep", "prt") and c.lower_ in (
                "for", "on", "upon") and not any(o.ent_type_ in ("DATE", "TIME")
                                                 for o in c.children) for c in verb.children):
        return True  # "called the fall of the regime 'an act of justice'": a call for
        # something says "for", "on" or "to"
    if any(c.dep_ == "dobj" and c.lower_ in ("what", "whatever") for c in verb.children):
        return True
    if frame.type == "REQUEST" and obj is not None and obj.lemma_.lower() in lexicon()[
            "refuge_objects"]:
        return True  # "had sought shelter in Tawila": flight, not a request
    if frame.type == "AID" and obj is not None and obj.lemma_.lower() in lexicon()[
            "information_objects"]:
        return True  # "did not provide evidence about the cargo": telling, not aid
    if frame.type == "REQUEST" and (any(t.text == "?" for t in verb.doc[verb.i:verb.sent.end])
                                    or obj is not None and obj.lemma_.lower() == "question"):
        return True  # "Vance asked him, 'Have you said thank you once?'": a question
    if frame.type == "REQUEST" and frame.kind == "verb" and verb.lemma_.lower() == "seek" and (
            _children(verb, ("xcomp",))):
        return True  # "sought to calm his country": an attempt, not a request
    anonymity = set(lexicon()["anonymity_verbs"])
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in anonymity and any(
        a.dep_ == "auxpass" for a in c.children) for c in verb.children)


def _meet_among_themselves(verb: Token, agent: Token | None,
                           recipient: tuple[Token, str] | None) -> bool:
    """ "NATO leaders will meet in Washington": a plural of actors meeting one another."""
    lex = lexicon()
    if verb.lemma_.lower() in lex["reciprocal_verbs"] and agent is not None and (
            agent.lemma_.lower() in lex["sitting_bodies"]) and (
            recipient is None or not _is_actor(recipient[0])):
        return True  # "the Security Council was scheduled to meet": a body sits
    return (verb.lemma_.lower() in lex["reciprocal_verbs"] and recipient is None
            and agent is not None and _plural(agent)
            and (_is_actor(agent) or agent.lemma_.lower() in lex["meeting_parties"]))


def _state(verb: Token) -> bool:
    """A stock ("2,500 troops are stationed in Iraq": a figure, not a move), a state or
    habit in a relative clause ("cells that still carry out attacks") or a condition ("as
    long as it occupies cities"), not a happening."""
    if stock_state(verb):
        return True
    while verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "cells that carry out raids and (help) kill civilians"
    simple_present = verb.tag_ in ("VBP", "VBZ") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)
    if simple_present and verb.dep_ == "advcl" and verb.head.lower_ == "long" and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "as long as it occupies cities": a standing condition
    return (verb.dep_ == "relcl" and simple_present
            and verb.head.lemma_.lower() not in lexicon()["content_nouns"])


def _weapon_mode(frame: _Frame) -> str | None:
    weapons = lexicon()["weapon_modes"]
    for tok in frame.tokens:
        for t in [tok, *tok.children]:
            for word in (t.lower_, t.lemma_.lower()):
                if word in weapons:
                    return str(weapons[word])
    return None


def _since_clause(sdoc: Doc, tx: TimeExpression, anchor: Token) -> bool:
    """The date is that of a "since" clause of the event: "have killed 113 people since the
    deal was announced on Wednesday" runs from Wednesday to now."""
    span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
    verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None) if (
        span is not None and len(span)) else None
    return verb is not None and verb.dep_ == "advcl" and verb.head == anchor and any(
        c.dep_ == "mark" and c.lower_ == "since" for c in verb.children)


def _plural(tok: Token | None, name: str | None = None) -> bool:
    if tok is None:
        return False
    if tok.pos_ == "PRON" and name:  # "they" -> "the two sides" (plural), "the RSF" (not)
        last = name.split()[-1]
        singular = lexicon()["singular_names"]
        return last.endswith("s") and not last.endswith("ss") and not any(
            name.lower().endswith(n) for n in singular) and not (
            tok.lower_ == "it" and _gazetteer(name))  # "Caracas said it is cooperating"
    if any(c.dep_ == "conj" for c in tok.children) or tok.lower_ in ("they", "we"):
        return True
    if any((name or tok.text).lower().endswith(n) for n in lexicon()["singular_names"]):
        return False  # "the Philippines deploys"
    if tok.tag_ == "NNP" and tok.lower_.endswith("s") and not tok.lower_.endswith("ss") and (
            not tok.text.isupper()) and any(c.lower_ == "the" for c in tok.children):
        return True  # "the Houthis" tagged a singular name
    if tok.text.isupper() and len(tok.text) > 2:
        return False  # an acronym tagged a plural: "ECOWAS threatens"
    if tok.ent_type_ == "GPE" and tok.pos_ == "PROPN":
        return False  # a place tagged a plural: "Caracas cooperates"
    return tok.tag_ in ("NNS", "NNPS")


def _lemma(frame: _Frame) -> str:
    """The word an event is matched by across reports: the event noun of a light verb
    ("conducted a drone strike" is a strike), else the clause verb."""
    if frame.kind == "support" or (frame.kind == "noun" and frame.anchor is not frame.trigger):
        return frame.trigger.lemma_.lower()  # "the ceasefire took effect" is a ceasefire
    return match_lemma(frame.anchor)


def match_lemma(tok: Token) -> str:
    """A verb's lemma, with its particle or object when fusion knows the phrase ("passed
    away", "pulled out", "opened fire"): alone, "pass" or "open" would name another
    happening."""
    from sitrep.fuse.lexical import synonym_groups

    lemma = tok.lemma_.lower()
    for c in tok.children:  # spaCy tags the particle prt, advmod or prep ("out of")
        if c.i == tok.i + 1 and c.dep_ in ("prt", "advmod", "prep") and \
                f"{lemma} {c.lower_}" in synonym_groups():
            return f"{lemma} {c.lower_}"
        if c.dep_ in ("dobj", "oprd") and f"{lemma} {c.lemma_.lower()}" in synonym_groups():
            return f"{lemma} {c.lemma_.lower()}"  # "opened fire", "caught fire"
    return lemma


def _promise(verb: Token) -> str | None:
    """The type a commitment takes from what it promises: harm is a threat ("promised severe
    revenge", "pledged a harsh response"), help an agreement ("vowed more aid")."""
    lex = lexicon()
    obj = _dobj(verb)
    if verb.lemma_.lower() not in lex["commitment_verbs"] or obj is None or obj.pos_ != "NOUN":
        return None
    lemma = obj.lemma_.lower()
    return "THREATEN" if lemma in lex["harm_objects"] else (
        "AGREE" if lemma in lex["benign_objects"] else None)
