"""Headline summaries for events: "<Agent> <verb> <object> [in <place>]", agentless and
passive forms, complements of bare verbs, spelled as written. Private to annotate.events."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from sitrep.annotate._event_args import (
    _after_dash,
    _children,
    _dobj,
    _Frame,
    _noun_trigger,
    _pattern,
    balanced,
    lexicon,
)
from sitrep.model import EventStatus, Place

if TYPE_CHECKING:
    from spacy.tokens import Token


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
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "nummod", "poss")
            and c.i < tok.i and not (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))]
    for m in mods:  # not the "Monday's" of "Monday's attack"
        keep += [t for t in m.subtree if t.dep_ not in ("case", "det") and t.i < tok.i]
    keep = sorted(set(keep), key=lambda t: t.i)
    keep = _after_dash(keep)
    while keep[0].is_punct and len(keep) > 1:
        keep = keep[1:]
    # text_with_ws keeps "non-binding" and "anti-ISIS" glued as written; a word dropped in
    # between ("Iraq['s] parliament") leaves a space
    text = "".join(t.text_with_ws if t.whitespace_ or n.i == t.i + 1 else t.text + " "
                   for t, n in zip(keep, keep[1:], strict=False)) + keep[-1].text
    for prep in _children(tok, ("prep",)):
        if prep.i == tok.i + 1 and (prep.lower_ == "of" or prep.lower_ == "to" and
                                    tok.lemma_.lower() in lexicon()["to_complement_nouns"]):
            objs = _children(prep, ("pobj",))
            if objs:
                text += f" {prep.lower_} " + _compact(objs[0])  # "end to the war"
    return " ".join(text.split())


_WHEN_PREPS = frozenset(["after", "before", "during", "following", "since", "until", "amid",
                         "ahead", "despite", "pending"])


_UNREAL = (EventStatus.PLANNED, EventStatus.HYPOTHETICAL)


def _verb_phrase(frame: _Frame, status: EventStatus, negated: bool, plural: bool) -> str:
    anchor = frame.anchor
    base = anchor.lemma_.lower() if anchor.pos_ in ("VERB", "AUX") else ""
    if frame.kind == "noun" or not base:
        verb = str(lexicon()["summary_verbs"][frame.type])
        return verb if not plural else " ".join([verb.split()[0].removesuffix("s"),
                                                 *verb.split()[1:]])
    head = base if status in _UNREAL or negated or plural else _present(base)
    if status is EventStatus.PLANNED:
        head = ("not to " if negated else "to ") + head  # "would not withdraw"
    elif status is EventStatus.HYPOTHETICAL:
        head = ("would not " if negated else "would ") + head  # "would stop if Israel halted"
    elif negated:
        head = ("do not " if plural else "does not ") + head
    words: list[str] = [head] + _particles(anchor)
    if frame.kind == "support" and frame.trigger.pos_ in ("VERB", "AUX"):
        words.append(_tail(anchor) or "")  # "claimed that they want the withdrawal of X"
    elif frame.kind == "support":
        prep = frame.trigger.head if frame.trigger.dep_ == "pobj" else None
        outer = prep.head.head if prep is not None and prep.head.dep_ == "pobj" else None
        if prep is not None and (prep.head.dep_ == "dobj" and prep.head.head == anchor or (
                outer is not None and outer.head == anchor and prep.lower_ == "of")):
            quant = prep.head  # "carried out dozens of air strikes", "responded with a
            words += [outer.lower_] if outer is not None else []  # barrage of missiles"
            words += [t.text for t in quant.lefts if t.dep_ in (
                "det", "nummod", "amod", "quantmod") and t.lower_ != "the"] + [quant.text]
        if prep is not None and (prep.head == anchor or prep.lower_ == "of"):
            words.append(prep.lower_)  # not the "as" of "what it described as an offensive"
        words.append(_compact(frame.trigger))
    elif frame.kind == "pattern" or frame.kind == "verb":
        obj = _dobj(anchor)
        if obj is not None and (frame.kind == "pattern" or _noun_trigger(obj)):
            words.append(_compact(obj))
        elif obj is None and not _children(anchor, ("auxpass",)):  # "agreed to a ceasefire",
            # "withdrew from the deal"; a passive's object is its subject ("X was suspended
            # by the court over a call": the court suspends X)
            for prep in _children(anchor, ("prep",)):
                if prep.lower_ in _WHEN_PREPS:
                    continue  # "approved after a meeting": when, not what
                pobj = next(iter(_children(prep, ("pobj",))), None)
                if pobj is not None and prep.lower_ == "with" and _children(pobj, ("poss",)):
                    continue  # "negotiated ... with Putin's agreement": by his leave
                if pobj is not None and (_noun_trigger(pobj) or pobj.lemma_.lower() in (
                        "deal", "agreement", "treaty", "accord")):
                    words += [prep.lower_, _compact(pobj)]
                    break
    elif frame.kind == "control" and frame.complement is not None:
        comp = frame.complement
        addressee = _dobj(anchor)
        if addressee is not None and addressee.i < comp.i and not _noun_trigger(addressee):
            words.append(_compact(addressee))  # "urges protesters to withdraw"
        if comp.pos_ in ("VERB", "AUX"):
            neg = ["not"] if any(c.dep_ == "neg" for c in comp.children) else []
            words += [*neg, "to", comp.lemma_.lower(), *(_particles(comp) or [
                c.lower_ for c in comp.children if c.dep_ == "prep" and c.i == comp.i + 1
                and c.lower_ in ("out", "off", "back")])] if (
                comp.dep_ == "xcomp") else []  # "vows to step up the war", "to pull out"
            obj = _dobj(comp)
            if obj is not None and comp.dep_ == "xcomp":  # "votes to expel foreign troops"
                words.append(_compact(obj))
        else:
            prep = comp.head if comp.dep_ == "pobj" else None
            words += ([prep.lower_] if prep is not None else []) + [_compact(comp)]
    return " ".join(words)


def _participle(tok: Token) -> str:
    """ "killed", "struck": the past participle for an agentless headline."""
    lemma = tok.lemma_.lower()
    irregular = lexicon()["participles"]
    if lemma in irregular:
        return str(irregular[lemma])  # "froze" -> "frozen"
    if tok.tag_ in ("VBD", "VBN"):
        return tok.lower_
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _agentless(frame: _Frame, recipient: tuple[str, str] | None, status: EventStatus,
               negated: bool) -> list[str] | None:
    """ "Training of Iraqi forces halted", "Drone strike on X": an event whose doer is not
    named reads as its object and a participle, or as the event noun; None if neither."""
    if frame.kind in ("noun", "support"):
        parts = [_compact(frame.trigger)]
        if recipient and recipient[1] == "between":  # "ceasefire between X and Y ..."
            parts.append(f"between {recipient[0]}")
            recipient = None
        if frame.kind == "noun" and frame.anchor != frame.trigger and status is not (
                EventStatus.PLANNED) and not negated:
            parts.append(_onset_phrase(frame.anchor))  # "Ceasefire takes effect"
        if recipient:
            parts.append(f"{'on' if recipient[1] in ('', 'of') else recipient[1]} {recipient[0]}")
        return parts
    verb = frame.complement if frame.kind == "control" and frame.complement is not None and (
        frame.complement.pos_ in ("VERB", "AUX")) else frame.anchor
    obj = _dobj(verb)
    if recipient and not recipient[1]:
        theme = recipient[0]
    elif obj is not None and obj.lower_ not in lexicon()["non_actors"] and obj.pos_ != "PRON":
        theme = _compact(obj)
    else:
        return None
    if frame.type == "REQUEST" and verb != frame.anchor:
        # "It calls for the TPLF to disarm": asked, not done
        return ["Call for", theme, "not" if negated else "", "to", verb.lemma_.lower(),
                *_particles(verb)]
    aux = "to be" if status is EventStatus.PLANNED else "not" if negated else ""
    parts = [theme, aux, _participle(verb)]
    parts += _particles(verb)
    if recipient and recipient[1] and recipient[0] not in theme:
        parts.append(f"{recipient[1]} {recipient[0]}")
    return parts


def _onset_phrase(verb: Token) -> str:
    """ "takes effect", "comes into force", "begins": the verb saying an event noun began."""
    plural = any(c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS") for c in verb.children)
    words = [verb.lemma_.lower() if plural else _present(verb.lemma_)]  # "talks begin"
    for c in verb.children:
        if c.dep_ == "dobj" and c.lower_ == "effect":
            words.append("effect")
        elif c.lower_ == "out" and c.i == verb.i + 1:
            words.append("out")  # "breaks out"
        elif c.dep_ == "prep" and c.lower_ == "into":
            words += ["into", *(o.lower_ for o in c.children if o.dep_ == "pobj")]
    return " ".join(words)


_TAIL_CUT = {"advcl", "relcl", "parataxis", "appos", "cc", "conj", "acl", "npadvmod"}


def _tail(verb: Token) -> str | None:
    """The complement that completes a bare verb ("ask for more troops to focus on
    training"), as written, without nested clauses or dates; None when there is none."""
    for c in verb.children:
        if c.i < verb.i or c.dep_ not in ("prep", "xcomp", "advcl", "dobj", "dative", "ccomp"):
            continue
        if c.dep_ == "advcl" and (not any(m.lower_ in ("for", "to") for m in c.children
                                          if m.dep_ in ("mark", "aux"))
                                  or any(m.lower_ == "only" for m in c.children)):
            continue  # "left in 2011, only to return": what came after, not the purpose
        if c.dep_ == "prep" and (_dated_prep(c) or c.lower_ in _WHEN_PREPS):
            continue  # "agreed on Wednesday that ...", "met after eight members requested
            # consultations": when, not the complement
        toks = _trimmed(_glued(sorted(_tail_tokens(c), key=lambda t: t.i))[:14])
        if not toks or (len(toks) < 2 and toks[0].pos_ not in ("PRON", "NOUN", "PROPN")):
            return None
        return _written(toks)
    return None


def _trimmed(toks: list[Token]) -> list[Token]:
    """Without trailing function words or punctuation ("to hold a session in")."""
    toks = list(toks)
    while toks and toks[-1].dep_ != "prt" and (
            toks[-1].pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "PART") or toks[-1].is_punct):
        toks.pop()
    return toks


def _written(toks: list[Token]) -> str:
    """The words as written, spacing included ("anti-ISIS", "non-binding" stay whole); a
    space where words were left out between them ("respond forcefully" to -> "... to")."""
    return "".join(a.text + (a.whitespace_ if b.i == a.i + 1 else " ")
                   for a, b in itertools.pairwise(toks)) + toks[-1].text


def _says(phrase: str, name: str) -> bool:
    """The phrase already names the participant, possessives aside ("take control of
    headquarters of Russia Southern Military District")."""
    def bare(text: str) -> str:
        return re.sub(r"[’']s\b", "", text)

    return bare(name) in bare(phrase)


def _purpose(verb: Token) -> str | None:
    """ "to hold an extraordinary session" after "asked parliament": the requested act."""
    for c in verb.children:
        if c.dep_ == "xcomp" and c.i > verb.i and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            toks = _trimmed(_glued(sorted(_tail_tokens(c), key=lambda t: t.i))[:12])
            if len(toks) >= 2:
                return _written(toks)
    return None


def _glued(toks: list[Token]) -> list[Token]:
    """Add the pieces of words split by the tokenizer ("US-led", "Fazl-ur-Rehman")."""
    keep = {t.i for t in toks}
    doc = toks[0].doc if toks else None
    for t in list(toks):
        k = t.i
        while doc is not None and k > 0 and not doc[k - 1].whitespace_ and (
                doc[k - 1].text not in (",", "(", "\"", "“")):
            k -= 1
            keep.add(k)
        k = t.i
        while doc is not None and k + 1 < len(doc) and not doc[k].whitespace_ and (
                doc[k + 1].text not in (",", ")", ".", "\"", "”", ";", ":")):
            k += 1
            keep.add(k)
    return [doc[i] for i in sorted(keep)] if doc is not None else toks


def _dated_prep(prep: Token) -> bool:
    """ "on Wednesday", "by the close of the year": a preposition that only dates."""
    for o in prep.children:
        if o.ent_type_ in ("DATE", "TIME") or any(
                p.lower_ == "of" and any(x.ent_type_ in ("DATE", "TIME") for x in p.children)
                for p in o.children if p.dep_ == "prep"):
            return True
    return False


def _tail_tokens(tok: Token) -> list[Token]:
    """A complement's words without nested clauses, dates, brackets or asides."""
    out = [tok]
    for c in tok.children:
        hyphen = c.text in ("-", "–") and not c.whitespace_ and c.i > 0 and (
            not c.doc[c.i - 1].whitespace_)
        if (c.dep_ in _TAIL_CUT and not (c.dep_ in ("cc", "conj") and tok.pos_ != "VERB")) or (
                c.is_punct and not hyphen) or "\n" in c.text or (c.dep_ == "prep" and (
                    _dated_prep(c) or c.lower_ in _WHEN_PREPS and c.head.pos_ == "VERB")):
            continue  # nor when it was: "to restore Bazoum after the July coup"
        out.extend(_tail_tokens(c))
    return out


_DANGLING = {"of", "to", "on", "in", "at", "for", "with", "by", "from", "the", "a", "an",
             "and", "or", "that", "its", "their", "his", "her", "as", "those", "these"}


_PARTICLES = {"down", "up", "out", "off", "back", "away", "over", "in", "aside", "around"}


def _particles(verb: Token) -> list[str]:
    """A phrasal verb's particle, also when parsed as an adverb ("stepped down as CEO")."""
    return [c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in _PARTICLES and c.i == verb.i + 1)]


def _bare_words(frame: _Frame) -> set[str]:
    """Words a verb phrase ends with when it has no object ("asks", "to ask", "pulls out")."""
    lemma = frame.anchor.lemma_.lower()
    words = {lemma, _present(lemma)} | set(_particles(frame.anchor))
    comp = frame.complement
    if frame.kind == "control" and comp is not None and comp.dep_ == "ccomp":
        words.add(comp.lemma_.lower())  # "claim want": the reported clause is missing
    return words


# a count capitalized only because it opened its sentence ("Twelve people were killed")
_CAPITAL_COUNT = re.compile(r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|"
                            r"Twelve|Twenty|Thirty|Forty|Fifty|Dozens|Hundreds|Thousands|Several|"
                            r"Many|Some|At least|More than)\b")


def _summary(frame: _Frame, agent: str | None, recipient: tuple[str, str] | None,
             place: tuple[str, Place] | None, status: EventStatus, negated: bool,
             passive: bool, plural: bool = False, adjectival: bool = False) -> str | None:
    """A headline "<Agent> <verb> <object> [in <place>]", "<recipient> killed in <place>",
    "<Adjective> <event noun> on <recipient>" when the doer is the noun's adjective, or None
    when nothing readable can be said (no doer and no object)."""
    parts: list[str] = []
    if recipient and agent and _CAPITAL_COUNT.match(recipient[0]):
        recipient = (recipient[0][0].lower() + recipient[0][1:], recipient[1])  # "kills twelve"
    if agent is None and passive and recipient:
        planned = "to be" if status is EventStatus.PLANNED else ""  # "talks to be held"
        verb = frame.anchor
        forced = verb.head.text + " to" if verb.dep_ == "xcomp" and _children(
            verb.head, ("auxpass",)) and verb.head.lemma_.lower() not in lexicon()[
                "raising_verbs"] else ""  # "Isis forced to yield its territory"; not
        # "Prisoners to be expected to released"
        parts = [recipient[0], "not" if negated else "", planned, forced, verb.text,
                 *_particles(verb)]  # "Gao base handed over"
        obj = _dobj(frame.anchor)
        if obj is not None:
            parts.append(_compact(obj))
        comp = frame.complement if frame.kind == "control" else next(
            (c for c in frame.anchor.children if c.dep_ == "xcomp"), None)
        if comp is not None and comp.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in comp.children):
            parts += ["to", comp.lemma_.lower(), *_particles(comp)]  # "asked to leave"
    elif agent is None:
        found = _agentless(frame, recipient, status, negated)
        if found is None or (frame.kind == "noun" and not recipient and place is None
                             and frame.anchor == frame.trigger):
            return None  # "Air strikes": no doer, no target, no place
        parts = found
    elif frame.kind == "noun" and not recipient and place is None:
        return None  # "the Coalition's support": "Coalition supports" says nothing
    elif frame.kind == "noun" and adjectival:
        parts = [_compact(frame.trigger)]  # "American strike on X", not "American attacks"
        if recipient and not _says(parts[0], recipient[0]):
            parts.append(f"{recipient[1] if recipient[1] not in ('', 'of') else 'on'} "
                         f"{recipient[0]}")
    else:
        parts.append(agent)
        phrase = _verb_phrase(frame, status, negated, plural)
        head, _, last = phrase.rpartition(" ")
        if recipient and head and last in ("it", "them", "him", "her") and not (
                head.endswith(" of")):  # "the remains of four of them" keeps its "them"
            phrase = head  # "vows to retake the city", not "vows to retake it city"
        parts.append(phrase)
        comp = frame.complement if frame.kind == "control" else None
        if comp is not None and comp.dep_ != "xcomp" and _children(comp, ("nsubj",)) and (
                comp.pos_ == "VERB" and (tail := _tail(frame.anchor))):
            parts.append(tail)  # "calls for foreign forces to leave", "demands that the US ..."
        elif recipient and not _says(parts[-1], recipient[0]):
            name, prep = recipient
            if frame.kind in ("support", "noun") and frame.type == "ASSAULT" and prep in (
                    "", "of"):
                prep = "on"
            elif prep == "of" and frame.kind != "noun":
                prep = ""
            if frame.kind == "control" and prep in ("on", "upon") and " to " in f" {phrase} ":
                # "calls on the rebels to lift", not "calls to lift ... on rebels"
                head, _, rest = f" {phrase} ".partition(" to ")
                parts[-1] = f"{head.strip()} {prep} {name} to {rest.strip()}"
            else:
                if not prep and frame.kind == "pattern":  # "rockets land at X", never "land X"
                    prep = (_pattern(frame.anchor) or {}).get("recipient_prep", "")
                if prep and parts[-1].split()[-1:] == [prep]:
                    prep = ""  # "protests against X", not "protests against against X"
                purpose = _purpose(frame.anchor) if prep in ("", "on", "upon") and (
                    frame.kind in ("verb", "pattern")) else None  # "urges parties to engage"
                if not (purpose and name in purpose):  # "fight to retake the airfield",
                    parts.append(f"{prep} {name}".strip())  # not "fight airfield to ..."
                parts.append(purpose or "")
        elif frame.kind not in ("noun", "support") and (
                phrase.split()[-1] in _bare_words(frame)):
            # a bare verb ("X to ask", "X pledges"): complete it or do not show it
            verb = frame.anchor
            if frame.kind == "control" and frame.complement is not None and (
                    frame.complement.dep_ == "ccomp"):  # "claimed that they want ..."
                parts[-1] = phrase.rsplit(" ", 1)[0] if " " in phrase else phrase
            tail = _tail(verb)
            if tail is None and verb.lemma_.lower() not in lexicon()["intransitive_ok"]:
                return None
            parts.append(tail or "")
    motion = place is not None and place[0] in ("into", "to", "toward", "towards")
    if motion and frame.type in ("ASSAULT", "COERCE") and passive:
        place = None  # "members killed into the Green Zone": the motion belongs elsewhere
    said = " ".join(parts)
    if place is not None and place[1].name not in said and not (
            recipient and recipient[0] in place[1].name):  # "strike central Beirut"
        parts.append(f"{place[0]} {place[1].name}")
    words = " ".join(p for p in parts if p).split()
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()  # "accuses army of", "welcome start of": never end on a function word
    text = balanced(" ".join(words))
    return text[:1].upper() + text[1:]
