"""Arguments of an event frame: the PLOVER lexicon, trigger lookup, who did it (subject,
agent of a passive, pronoun antecedent), to whom, and where. Private to annotate.events."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from sitrep.model import ActorRole, Document, EventStatus, Place

if TYPE_CHECKING:
    from spacy.tokens import Token


_CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp", "csubj",
                "dep"}
_BOUNDARY_DEPS = {"ccomp", "advcl", "relcl", "conj", "acl", "parataxis", "csubj", "xcomp"}
_SUBJ_DEPS = {"nsubj", "csubj"}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_QUANT_HEADS = {"some", "many", "most", "all", "several", "one", "none", "few", "dozens",
                "hundreds", "thousands", "majority", "half", "members", "member", "part",
                "hundred", "thousand", "dozen", "tens", "scores", "millions", "series",
                "wave", "barrage", "spate", "string", "number", "handful", "round"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_COUNT_WORDS = {"dozens", "hundreds", "thousands", "millions", "tens", "scores", "dozen",
                "hundred", "thousand", "million"}
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
    if not objs and tok.pos_ == "VERB" and tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]  # "shelled Aleppo" parsed as an adverb of "shelled"
        if nxt.head == tok and nxt.dep_ in ("advmod", "npadvmod") and nxt.pos_ == "PROPN" \
                and nxt.ent_type_ not in ("DATE", "TIME"):
            return nxt
    if _misparsed_relative(tok):
        return objs[1]
    return objs[0] if objs else None


def _misparsed_relative(verb: Token) -> bool:
    """ "a war that researchers estimate killed 600,000", with "estimate" taken for a noun:
    the relative pronoun is the subject of "killed", not a first object beside "600,000"."""
    if verb.dep_ != "relcl":
        return False
    objs = _children(verb, ("dobj",))
    return len(objs) > 1 and objs[0].lower_ in _RELATIVE and any(
        t.lemma_.lower() in lexicon()["belief_verbs"] and t.pos_ == "NOUN"
        for s in _children(verb, ("nsubj",)) for t in s.subtree)


def _reduced_relative(verb: Token, prev: Token | None) -> bool:
    """A participle right after a prepositional object, parsed as a clause of the verb
    after it: "Under protocols agreed in the 1990s, troops ..."."""
    return verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBD") and prev is not None and (
        prev.dep_ == "pobj" and prev.pos_ == "NOUN" and prev.head.i < prev.i) and not any(
        c.dep_ in ("mark", "aux", "auxpass", "dobj") for c in verb.children) and (
        verb.head.i > verb.i)


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
    if tok.pos_ == "PROPN" and any(c.lower_ == "operation" and c.i == tok.left_edge.i
                                   for c in mods):
        return nouns.get("operation")  # "Operation Peace Spring", a military operation
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
    if tok.lemma_.lower() in lex["pause_nouns"]:  # "a one-month pause in fighting"
        after = [p for p in _children(tok.head, ("prep",)) if p.i == tok.i + 1]  # misattached
        for prep in [*_children(tok, ("prep",)), *after]:
            if prep.lower_ in ("in", "to", "of", "on") and any(
                    o.lemma_.lower() in lex["fighting_nouns"] for o in _children(prep, ("pobj",))):
                return ("RETREAT", "ceasefire")
    return None


def _noun_trigger(tok: Token) -> tuple[str, str | None] | None:
    if tok.ent_type_ in ("PERSON", "GPE", "ORG") or tok.pos_ not in ("NOUN", "PROPN") and not (
            _nominal_adjective(tok) or gerund_subject(tok)):
        return None
    return _noun_key(tok)


def gerund_subject(tok: Token) -> bool:
    """A gerund the parser tagged a verb, standing as a subject: "Fighting between the M23
    and the army intensified"."""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass") and not any(
        c.dep_ in ("dobj", "aux", "nsubj") for c in tok.children)


def _nominal_adjective(tok: Token) -> bool:
    """An adjective the parser left heading a noun phrase ("launched an offensive")."""
    return tok.pos_ == "ADJ" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
        c.dep_ == "det" for c in tok.children)


def _passive_patient(tok: Token) -> Token | None:
    """The object of a passive verb: "the statement was released", "a statement released by"."""
    subj = _children(tok, ("nsubjpass",))
    if subj:
        return subj[0]
    return tok.head if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.i != tok.i else None


def _pattern(tok: Token) -> dict[str, Any] | None:
    """A verb + object / particle / preposition pattern matching this verb."""
    lemma = tok.lemma_.lower()
    obj = _dobj(tok) or _passive_patient(tok)
    if obj is not None and obj.lower_ in ("which", "that", "who") and tok.dep_ == "relcl":
        obj = tok.head  # "the base, which was handed over": the base
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt" or (
        c.dep_ in ("advmod", "prep") and c.i == tok.i + 1 and c.lower_ in (
            "back", "out", "off", "down", "up", "aside", "away", "around"))}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep" and not any(
        o.ent_type_ in ("DATE", "TIME") for o in c.children)}  # "called X Y on Sunday"
    passive = tok.dep_ == "acl" and tok.tag_ == "VBN" or any(
        c.dep_ == "auxpass" for c in tok.children)
    for pat in lexicon()["patterns"]:
        if pat["verb"] != lemma or pat.get("voice") == "active" and passive:
            continue  # "drones launched overnight" describes drones; who launched them?
        if pat.get("object") == "none":
            if obj is not None:
                continue  # "new arrivals are sheltering in schools": they take shelter
        elif "object" in pat:
            if obj is None:
                continue
            obj = _expand_quantity(obj)
            mods = [c for c in obj.children if c.dep_ in ("compound", "amod")]
            words = {obj.lemma_.lower(), obj.lower_}
            words |= {f"{c.lower_} {obj.lower_}" for c in mods}
            words |= {c.lemma_.lower() for c in mods if c.dep_ == "compound"}
            if pat["object"] == "territory":  # "took Goma", "took the town"
                if not _territory(obj):
                    continue
            elif pat["object"] == "body":  # "left ECOWAS", "quit the alliance"; not a place
                ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                from sitrep.fuse.lexical import is_event_noun

                subj = _nsubj(tok)
                if subj is not None and subj.pos_ == "NOUN" and (
                        _noun_trigger(subj) or is_event_noun(subj.lemma_.lower())):
                    continue  # "the fall of the city leaves the RSF in control": an outcome
                if not (obj.ent_type_ == "ORG" and obj.pos_ == "PROPN" and not _gazetteer(
                        ent.text if ent is not None else obj.text)
                        or obj.lemma_.lower() in lexicon()["body_nouns"]):
                    continue
            elif pat["object"] != "any" and not words & set(pat["object"]):
                continue
            elif obj.lemma_.lower() == "state" and not any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in obj.children):
                continue  # "declare a state of emergency"; "declaring a new state" is a polity
        if "subject" in pat:  # intransitive: "the combat mission will end"
            subj = _nsubj(tok)
            if obj is not None or subj is None or not (
                    {subj.lemma_.lower(), subj.lower_} & set(pat["subject"])) or any(
                    t.tag_ in ("WDT", "WP", "WRB") for t in subj.subtree):
                continue  # "did not say how many troops would leave": a question
        if "agent" in pat:  # a subject of this kind: "troops left Kabul", "rockets fell"
            subj = _nsubj(tok)
            if subj is None or not {subj.lemma_.lower(), subj.lower_} & set(pat["agent"]) or any(
                    c.dep_ in ("compound", "amod") and c.lemma_.lower() in lexicon()[
                        "relief_modifiers"] for c in subj.children):
                continue  # "aid convoys entered the city" bring relief, no force
        if "prt" in pat and pat["prt"] not in prts:
            continue
        if "parties" in pat:  # "the two ministers spoke by telephone", "X spoke with Y by
            subj = _nsubj(tok)  # phone"; not "X, speaking by telephone" to a reporter
            if subj is None or not (_children(subj, ("conj",)) or subj.tag_ in (
                    "NNS", "NNPS") or any(c.lower_ == "with" for c in _children(tok, ("prep",)))):
                continue
        if "xcomp" in pat and not any(c.dep_ == "xcomp" and c.lemma_.lower() in pat["xcomp"]
                                      for c in tok.children):
            continue
        if "prep" in pat and pat["prep"] not in preps:
            continue
        if "pobj" in pat:
            objs = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == pat.get("prep")
                    for o in c.children if o.dep_ == "pobj"]
            if pat["pobj"] == "place":  # a named place or a site noun: "swept into the capital"
                if not any(_territory(o) or o.ent_type_ == "FAC" or o.lemma_.lower() in (
                        lexicon()["site_nouns"]) for o in objs):
                    continue
            elif not {o.lemma_.lower() for o in objs} & set(pat["pobj"]):
                continue
        return dict(pat)
    return None


def _territory(tok: Token) -> bool:
    """A town, a region or a base: "seized Goma" (tagged a person), "took the airport"."""
    return tok.ent_type_ in ("GPE", "LOC") or tok.lemma_.lower() in lexicon()[
        "territory_nouns"] or tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON") and (
        _gazetteer(tok.text))


def _nsubj(tok: Token) -> Token | None:
    """The active subject; in a sentence the parser left without a verb ("The last US troops
    left on Monday": "left" hangs on "troops"), the noun the participle hangs on."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and (
            tok.head.pos_ in ("NOUN", "PROPN")):
        return tok.head
    return subj


def _verb_trigger(tok: Token) -> tuple[str, str | None, str] | None:
    if tok.pos_ != "VERB" or tok.dep_ not in _CLAUSE_DEPS:
        return None
    if tok.i > 1 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 2].whitespace_ and (
            not tok.doc[tok.i - 1].whitespace_):
        return None  # the end of a compound word: "war-wounded", "ICRC-supported"
    pat = _pattern(tok)
    if pat is not None:
        return (pat["type"], pat.get("mode"), "pattern") if pat["type"] else None
    hit = lexicon()["_verbs"].get(tok.lemma_.lower())
    return (hit[0], hit[1], "verb") if hit else None


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


def _gapped_passive(verb: Token) -> bool:
    """ "56 civilians had been killed and nearly 600 people wounded": a bare participle
    joined to a passive takes its auxiliaries, so its subject is the one it befell."""
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and not _children(
        verb, ("aux", "auxpass")) and bool(_children(verb.head, ("auxpass",)))


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of a clause, inherited through xcomp/advcl/conj/relcl."""
    seen, active, to_be, raised = 0, False, False, False
    while seen < 6:
        seen += 1
        if _misparsed_relative(verb):
            return _relative_head(verb), False
        # "BAGHDAD — X, ..., was killed": the dateline is no subject, its apposition is
        subjects = [s for c in verb.children if c.dep_ in _SUBJ_DEPS | {"nsubjpass", "csubjpass"}
                    for s in (_apposed_name(c) if _dateline(c) else [c])]
        if subjects:  # the one nearest the verb (a dateline can parse as a second subject)
            before = [c for c in subjects if c.i < verb.i]
            c = before[-1] if before else subjects[0]
            passive = (c.head.dep_ if c.dep_ == "appos" else c.dep_) in (
                "nsubjpass", "csubjpass") and not active  # "were fired and struck X": active
            passive = (passive or _gapped_passive(verb) or to_be) and not raised
            if c.lower_ in _RELATIVE or any(p.lower_ == "whose" for p in c.children):
                # "X, who was kidnapped by", "X, whose role is to train": X is the argument
                return _relative_head(verb), passive
            if passive and c.lemma_.lower() == "member" and _children(c, ("nummod", "compound")):
                return c, passive  # "three staff members of the WFP were killed": people
            return _expand_quantity(c), passive
        left = _left_subject(verb)
        if left is not None:
            return left, any(c.dep_ == "auxpass" for c in verb.children)
        prev = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.tag_ == "VBG" and prev is not None and prev.dep_ == "pobj" and prev.pos_ in (
                "NOUN", "PROPN") and prev.ent_type_ not in ("DATE", "TIME"):
            return prev, False  # "resulted in the blocs passing a resolution"
        if _reduced_relative(verb, prev):
            return prev, True  # "Under protocols agreed in the 1990s, troops avoid ...":
            # the protocols were agreed, by no one the clause names
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and _dobj(verb) is not None:
            # a participle with an object is a misparsed active past: "an air strike on a
            # market killed 12 civilians" was done by the strike, not the market
            top = verb.head
            while top.dep_ == "pobj" and top.head.head.pos_ in ("NOUN", "PROPN"):
                top = top.head.head
            return top, False
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a session boycotted by X"; but in a sentence with no other verb the noun is
            # the subject ("Several blocs called on Monday for ...")
            return verb.head, verb.head.dep_ != "ROOT"
        if verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in lexicon()[
                "occasion_nouns"] and _children(verb, ("aux",)) and (
                outer := next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")),
                              None)) is not None:
            verb = outer  # "sat together for the first time to discuss": the sitters discuss
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            poss = _children(verb.head, ("poss",))
            return (poss[0] if poss else verb.head), False
        controller = _dobj(verb.head) if verb.dep_ == "xcomp" else None
        if controller is None and verb.dep_ in ("xcomp", "advcl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and (
                verb.head.lemma_.lower() in lexicon()["_control"]):
            controller = next((o for p in _children(verb.head, ("prep",)) if p.lower_ == "on"
                               for o in _children(p, ("pobj",))
                               if o.ent_type_ not in ("DATE", "TIME")), None)  # "called on X to"
        if controller is not None:
            return _expand_quantity(controller), False  # "prompted the US to launch"
        if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.i > 1 and not _children(
                verb, ("aux", "auxpass", "dobj")) and verb.head.tag_ != "VBG" and (
                verb.doc[verb.i - 1].lower_ in ("and", "or")) and (
                verb.doc[verb.i - 2].dep_ == "pobj" and verb.doc[verb.i - 2].pos_ == "NOUN"):
            return None, False  # "wounded in air strikes and shelling": a noun, no one's
        parallel = next((a for a in verb.ancestors if a.tag_ == "VBG" and a.dep_ == "advcl"),
                        None) if verb.dep_ == "conj" and verb.tag_ == "VBG" and (
            verb.head.tag_ != "VBG") else None
        if parallel is not None:
            verb = parallel  # "claiming that fighters were ready to die ... and urging
            continue  # Russians": the participle is the claimer's, parsed under "die"
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp") and verb.head != verb:
            head = verb.head
            # "33 hostages are to be freed": the subject of "are" is who is freed
            # "had arrived in Moscow and been granted asylum": the conjunct's own passive
            to_be = to_be or (verb.dep_ in ("xcomp", "conj") and any(
                c.dep_ == "auxpass" for c in verb.children))
            # "ministers are expected to discuss": the raised subject does the discussing
            raised = raised or (verb.dep_ == "xcomp" and not _passive(verb) and _passive(
                head) and head.lemma_.lower() in lexicon()["raising_verbs"] and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))  # not
            # "were reported killed"
            participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and \
                verb.doc[verb.i - 1].text == "," and verb.lemma_.lower() in lexicon()[
                    "speaker_acts"] and head.head.lemma_.lower() in lexicon()["speaker_acts"]
            if head.dep_ == "ccomp" and (participle or verb.dep_ == "conj" and not _passive(
                    verb) and _speaker_act(verb, head)):
                # "X said Y "must be held accountable" and called on Z", "X said the move
                # came too soon, and urged Z": the parse hangs the active verb on the reported
                # clause; its doer is the one who spoke; so in "demanded that X leave,
                # rejecting the timetable"
                head = head.head
            # "were fired and struck X" is active; "were surrounded and fired upon" shares
            # the passive auxiliary
            active = active or (verb.dep_ == "conj" and not _passive(verb) and not (
                verb.tag_ == "VBN" and _passive(head)))
            verb = head
            continue
        return None, False
    return None, False


def _speaker_act(verb: Token, clause: Token) -> bool:
    """A verb only a speaker does ("urged", "called on") hung on a reported clause whose
    subject is no actor ("the departure came too soon") or a passive one ("the gunmen must
    be held accountable"); "the missiles were fired and struck" keeps its missiles."""
    subj = _children(clause, _SUBJ_DEPS)
    return verb.lemma_.lower() in lexicon()["speaker_acts"] and (_passive(clause) or not (
        subj and (_is_actor(subj[0]) or subj[0].pos_ == "PRON")))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _apposed_name(tok: Token) -> list[Token]:
    """The apposition a dateline subject stands for, through a describing one: "EL FASHER -
    Sudan's paramilitary Rapid Support Forces (RSF)" is the Forces."""
    appos = next((a for a in tok.children if a.dep_ == "appos"), None)
    while appos is not None and appos.pos_ != "PROPN" and (
            nxt := next((a for a in appos.children if a.dep_ == "appos"), None)) is not None:
        appos = nxt
    return [appos] if appos is not None else []


def _dateline(tok: Token) -> bool:
    """ "BAGHDAD —", "EL FASHER/PORT SUDAN -": a dateline the parser took for a subject."""
    if not tok.text.isupper() or len(tok.text) < 2:
        return False
    for t in tok.doc[tok.i + 1:tok.i + 8]:
        if t.text in ("—", "–", "--", "-"):
            return len(tok.text) > 3 or t.i > tok.i + 1
        if not (t.text.isupper() or t.text in ("/", ",", "&")):
            return False
    return False


def _relative_head(verb: Token) -> Token | None:
    """The noun a relative clause describes (None when the parse has no relative clause)."""
    tok = verb
    for _ in range(4):
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return _event_noun_above(tok.head) or tok.head
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _event_noun_above(noun: Token) -> Token | None:
    """ "the attack on the base near Kirkuk, which killed": the clause describes the attack,
    not the place it was hung on."""
    if noun.ent_type_ not in _PLACE_LABELS and not (
            noun.pos_ == "PROPN" and noun.head.lower_ in lexicon()["location_preps"]):
        return None  # only a place ("near Gao") is taken for the clause's misplaced head
    tok = noun
    for _ in range(4):
        if tok.dep_ != "pobj":
            return None
        tok = tok.head.head
        if tok.pos_ == "NOUN" and _noun_trigger(tok):
            return tok
    return None


_SUBORDINATORS = {"after", "before", "since", "until", "as", "when", "once", "while"}


def _left_subject(verb: Token) -> Token | None:
    """A subject the parser hung elsewhere: "after the US launched" (US as object of "after")
    or "as X threatens Y, launching attacks" (the participle belongs to the nearer clause)."""
    sent_start = verb.sent.start
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for k in range(verb.i - 1, max(sent_start, verb.i - 14) - 1, -1):
        tok = verb.doc[k]
        if tok.head == verb and tok.dep_ in ("aux", "auxpass", "neg"):
            continue  # its own "was" of "after X was killed"
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            if verb.tag_ != "VBG" or verb.dep_ != "advcl" or tok.i == verb.head.i:
                return None
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return subj if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None
        if (tok.dep_ == "pobj" and tok.head.lower_ in _SUBORDINATORS
                and tok.pos_ in ("NOUN", "PROPN") and (
                    verb.dep_ in ("dep", "advcl") and verb.tag_ in ("VBD", "VBZ", "VBP")
                    or verb.dep_ == "conj" and passive and verb.tag_ == "VBN"
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))):
            return tok  # "broke out after the head of the group, X, was killed"
    return None


def _by_agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            objs = _children(c, ("pobj",))
            if objs and not (objs[0].lemma_.lower() in lexicon()["means_nouns"] and not _children(
                    objs[0], ("det", "poss"))):  # "evacuated by boat": how, not who
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
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") and c.ent_type_ not in (
                "DATE", "TIME"):  # "Monday's attack" is no one's
            return c
        if (c.dep_ in ("compound", "amod") and c.i < noun.i and c.ent_type_ in _ACTOR_LABELS
                and c.lower_ not in lexicon()["weapon_modes"] and not any(
                    p.dep_ == "prep" and p.lower_ == "between" for p in noun.children)):
            return c  # not "an Oval Office meeting between Trump and Zelensky": theirs
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
    anti = _anti(frame)
    if anti is not None:
        return anti, "against"
    preps = set(lex["recipient_preps"]["default"]) | set(lex["recipient_preps"].get(
        frame.type, []))
    order = [frame.trigger, frame.anchor]
    if frame.complement is not None:
        order.insert(0, frame.complement)
    order += [t for t in frame.extra if t.pos_ in ("NOUN", "PROPN")]  # "imposed sanctions on X"
    if frame.kind == "support" and frame.trigger.dep_ == "pobj" and \
            frame.trigger.head.head.dep_ == "dobj":
        order.append(frame.trigger.head.head)  # "a series of raids on rebel positions"
    primary: list[tuple[Token, str]] = []
    other: list[tuple[Token, str]] = []
    for tok in order:
        transfer = tok.lemma_.lower() in lex["transfer_verbs"]
        for c in tok.children:
            if c.dep_ == "dative" and c.pos_ != "ADP":
                primary.append((c, ""))
        obj = _dobj(tok)
        if tok is frame.complement and frame.type == "REQUEST" and _children(tok, _SUBJ_DEPS):
            # "demanded that the US cancel plans", "calling for foreign forces to leave the
            # country": the one asked is the clause's subject; its object is what is asked
            primary += [(_expand_quantity(c), "") for c in _children(tok, _SUBJ_DEPS)]
            continue
        pattern_obj = frame.kind == "pattern" and tok is frame.anchor
        taken = pattern_obj and (_pattern(tok) or {}).get("object") == "territory"
        if taken and obj is not None:
            primary.append((obj, ""))  # "took Goma": the place taken is the target
        if (obj is not None and obj not in frame.tokens and not _noun_trigger(obj)
                and _expand_quantity(obj) != frame.trigger
                and not pattern_obj and not transfer):
            primary.append((_expand_quantity(obj), ""))
        for prep in _children(tok, ("prep", "dative")):
            word = prep.lower_
            if prep.i > 0 and prep.doc[prep.i - 1].lower_ in lex["source_words"]:
                continue  # "according to US officials": a source, not a recipient
            objs = [o for o in _children(prep, ("pobj",)) if o.ent_type_ not in ("DATE", "TIME")
                    and not _noun_trigger(o) and o.lower_ != "time"]  # "08:30 local time",
            # "at the time"
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
    for obj in _merged_objects(frame):  # objects of merged clauses ("..., assassinating X")
        primary.append((obj, ""))
    primary = [c for c in primary if not _dateline(c[0])]  # "threatened BAGHDAD —"
    for cand in primary:
        if _is_actor(cand[0]):
            return cand
    if primary:
        return primary[0]
    return next((c for c in other if _is_actor(c[0]) or c[1] == "between" and any(
        _is_actor(t) for t in c[0].conjuncts)), None)  # "between the army and the RSF"


_OWNER_DEPS = ("poss", "compound", "amod", "nmod")
_OWNER_PREPS = ("from", "by", "of")
_PARTY_PREPS = ("from", "to", "with", "against", "toward", "towards")


def _target(frame: _Frame, recipient: tuple[Token, str] | None) -> Token | None:
    """Whom a non-physical act is aimed at when the recipient slot (which the headline
    shows) holds a thing, or nothing: the party behind a thing it asks, offers or says, or
    the one asked in a that-clause ("demanded that the US match ...")."""
    lex = lexicon()
    if frame.type in lex["physical_types"]:
        return None
    thing = recipient[0] if recipient is not None else next(  # "rejected a U.S. request"
        (t for t in (frame.trigger, *frame.extra) if t.pos_ == "NOUN"), None)
    if thing is not None and thing.lemma_.lower() in lex["party_things"]:
        return _party(frame, thing)
    if recipient is None and frame.type == "REQUEST" and frame.complement is None:
        return next((s for c in _children(frame.anchor, ("ccomp",))
                     for s in _children(c, _SUBJ_DEPS) if _is_actor(s)), None)
    return None


def _party(frame: _Frame, obj: Token) -> Token | None:
    """The named party behind a thing acted on ("rejected a U.S. request", "an offer from
    Kabul", "shared evidence with the U.S."): whom a diplomatic act is aimed at."""
    for c in obj.children:
        if c.dep_ in _OWNER_DEPS and c.ent_type_ in _ACTOR_LABELS:
            return c
    for prep in [*_children(obj, ("prep",)), *(p for t in (frame.anchor, frame.trigger)
                                                for p in _children(t, ("prep",)))]:
        if prep.lower_ in (_OWNER_PREPS if prep.head is obj else _PARTY_PREPS):
            for o in _children(prep, ("pobj",)):
                if _is_actor(o) and o.ent_type_ not in ("DATE", "TIME"):
                    return o
    return None


def _anti(frame: _Frame) -> Token | None:
    """The named target of an "anti-X" happening ("anti-ISIS operations", "anti-Assad
    protests"): X, whatever else the parse hangs on the noun."""
    for tok in frame.tokens:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in tok.children:
            nxt = c.nbor(2) if c.i + 2 < len(c.doc) else None
            if c.lower_ == "anti" and c.nbor(1).text == "-" and nxt is not None and (
                    nxt.head == tok and nxt.text[:1].isupper()):
                return nxt
    return None


def _merged_objects(frame: _Frame) -> list[Token]:
    """Objects of the clauses merged into a frame ("..., assassinating X"); none when the
    frame's own object is its pattern ("left Mali, ending a nine-year presence")."""
    if frame.kind == "pattern" and _dobj(frame.anchor) is not None:
        return []
    return [obj for extra in frame.extra if extra.lemma_.lower() not in lexicon()["_control"]
            and (obj := _dobj(extra)) is not None]


def _after_dash(toks: list[Token]) -> list[Token]:
    """The words after a spaced dash ("May 5 - Drones": a dateline the parser ran into the
    phrase); "anti-ISIS" has no spaces and stays."""
    if not toks:
        return toks
    dashes = [t.i for t in toks[0].doc[toks[0].i:toks[-1].i] if t.text in ("-", "--", "–", "—")
              and t.whitespace_ and t.i > 0 and t.doc[t.i - 1].whitespace_]
    return [t for t in toks if t.i > dashes[-1]] if dashes else toks


def _calendar_word(word: str) -> bool:
    """A month or a weekday name ("May", "Sept."), as the temporal lexicon knows them."""
    from sitrep.temporal.lexicon import lookup

    return lookup("months", word) is not None or lookup("weekdays", word) is not None


_KEPT_DETERMINERS = frozenset(["each", "both", "either", "neither"])


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
    keep = _after_dash(sorted(set(keep), key=lambda t: t.i))
    while keep and keep[0].dep_ in ("det", "punct", "case") and len(keep) > 1 and not (
            keep[0].lower_ in _KEPT_DETERMINERS or keep[0].lower_ == "the" and tok.lower_ in (
                "other", "others")):  # "each side blamed the other"
        keep = keep[1:]
    lo, hi = keep[0].i, keep[-1].i
    count = next((e for e in tok.doc.ents if e.label_ == "CARDINAL" and e.start <= tok.i < e.end),
                 None)
    if count is not None:  # "tens of thousands", parsed as two objects
        lo, hi = min(lo, count.start), max(hi, count.end - 1)
    quant = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if quant is not None and quant.i < tok.i and (quant.pos_ == "NUM" or quant.lower_ in (
            _COUNT_WORDS)):  # "hundreds of people": the count names them too
        lo = min(lo, min(t.i for t in quant.subtree if t.dep_ != "det"))
    toks = list(tok.doc[lo:hi + 1])
    if any(t.text == "(" for t in toks) and not any(t.text == ")" for t in toks):
        toks = toks[:next(k for k, t in enumerate(toks) if t.text == "(")]  # "X (JNIM"
    breaks = [k for k, t in enumerate(toks) if t.i < tok.i and (
        "\n" in t.text_with_ws or _dash(t))]
    if breaks:  # a headline or page furniture glued on by the sentence splitter
        toks = toks[breaks[-1] + 1:]
    while len(toks) > 1 and (toks[-1].is_space or toks[-1].is_punct
                             or toks[-1].dep_ in ("case", "prep", "cc")):
        toks = toks[:-1]  # "the Coalition’s support": the actor is "Coalition"
    return toks[:12]


def balanced(text: str) -> str:
    """Text with its spaces squeezed, and without quote marks when a cut left one unpaired
    ('two ISIS-K "planners' of '"planners and facilitators"')."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        text = re.sub("[\"“”]", "", text)
    return " ".join(text.split())


def _actor(tok: Token, doc: Document, role: str) -> list[ActorRole]:
    """Roles for an argument (one per conjunct), resolved to Mentions where one covers it."""
    if any(c.tag_ == "WP$" for c in tok.children):
        return []  # "whose strategy and aims": the relative clause's own noun, no actor
    heads = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ in
                     ("PROPN", "NOUN")]
    roles = []
    for head in heads:
        mention = _mention_for(head, doc)
        if mention is not None and not _clean_name(mention.text):
            mention = None  # "JEDDAH — Representatives of": a dateline glued onto a name
        if mention is not None and mention.entity is not None:
            name = re.sub(r"^(?:the|a|an)\s+", "", mention.text, flags=re.I)  # "the coalition"
            if mention.label == "PERSON":  # "USAID chief Samantha Power": not "chief ..."
                name = re.sub(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])", "", name)
            if head.pos_ == "PRON" and mention.entity in doc.entities:
                name = doc.entities[mention.entity].name  # "he" -> the person it refers to
            elif _children(head, ("nummod",)) and mention.label == "NORP":
                toks = _name_tokens(head)  # "more than 46,000 Palestinians": the count too
                name = doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]
            roles.append(ActorRole(mention.entity, name, role))
            continue
        if head.lower_ in lexicon()["non_actors"]:
            continue  # "who", "that", "whoever": never an actor by itself
        if head.pos_ == "PRON":
            ref = _resolve_pronoun(head, doc) if role == "agent" or head.dep_ in _SUBJ_DEPS | {
                "nsubjpass"} else _resolve_object(head, doc)  # "he was granted asylum"
            if ref is None and head.lower_ == "it" and head.dep_ == "dobj" and (
                    _verb_trigger(head.head) or ("",))[0] in lexicon()["aimed_types"]:
                ref = _resolve_pronoun(head, doc)  # "rebels accused it of air strikes": the
                # party last told of, not a place
            if ref is not None:
                roles.append(ActorRole(ref[0], ref[1], role))
            continue  # an unresolved "it" or "they" is no actor to show
        toks = _name_tokens(head)
        lead = 0
        while lead < len(toks) - 1 and toks[lead].ent_type_ in ("DATE", "TIME"):
            lead += 1
        if any(_calendar_word(t.text) for t in toks[:lead]):
            toks = toks[lead:]  # "on 10 May fighters occupied": the date is no part of them
        text = balanced(doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])])
        poss = next((t for t in toks if t.dep_ == "poss" and t.head.i == head.i
                     and t.pos_ == "PRON"), None)
        if poss is not None and role == "agent":  # "its fighters" -> "RSF’s fighters"
            ref = _resolve_pronoun(poss, doc)
            rest = doc.text[poss.idx + len(poss):toks[-1].idx + len(toks[-1])].strip()
            owner = ref[1] + ("’" if ref[1].endswith("s") else "’s") if ref else ""
            text = f"{owner} {rest}".strip()
        people = [m for c in head.children if c.dep_ == "appos" for m in [_mention_for(c, doc)]
                  if m is not None and m.label == "PERSON" and m.entity] if (
            mention is None and head.pos_ == "NOUN") else []  # "his counterpart Wang Yi"
        if mention is None and head.pos_ == "NOUN":  # "..., Karim Haddad, and the unit's
            people += [m for m in _apposed_people(head, doc) if m not in people]  # spokesman, X"
        if people:  # "a Yazidi lawmaker, Vian Dakhil,": the person is the actor, named once
            roles += [ActorRole(m.entity, m.text, role) for m in people]
        else:
            body = _owner_entity(head, doc) if mention is None else None
            roles.append(ActorRole(mention.entity if mention else body, text, role))
    return roles


def _owner_entity(head: Token, doc: Document) -> str | None:
    """The body a plural of its members belongs to ("Kataib Hezbollah members", "ISIS
    fighters"): they act and suffer as it."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in lexicon()["member_nouns"]:
        return None
    for c in head.children:
        if c.dep_ == "compound" and c.i < head.i:
            m = _mention_for(c, doc)
            if m is not None and m.entity is not None and m.end <= head.idx:
                return str(m.entity)
    for prep in _children(head, ("prep",)):  # "staff members of the WFP"
        for o in _children(prep, ("pobj",)) if prep.lower_ == "of" else []:
            m = _mention_for(o, doc)
            if m is not None and m.entity is not None and m.label in ("ORG", "NORP", "GPE"):
                return str(m.entity)
    return None


def _apposed_people(tok: Token, doc: Document) -> list[Any]:
    """People a description names right after it, when the parse misses the apposition: "the
    deputy chief of the militia, Ali Hassan, and its spokesman, Omar Said, near the airport"."""
    d, end = tok.doc, tok.sent.end
    appos = [c for c in tok.children if c.dep_ == "appos"]
    skip = {t.i for c in appos for t in c.subtree}
    i = max(t.i for t in tok.subtree if t.i not in skip and not t.is_punct) + 1
    while i < end and d[i].text in (")", "]"):  # "... Forces (PMF), Abu Mahdi ..."
        i += 1
    out: list[Any] = []
    while i + 1 < end and d[i].text == ",":
        m = _mention_for(d[i + 1], doc)
        if m is None or m.label != "PERSON" or not m.entity:
            break
        name = d.char_span(m.start, m.end, alignment_mode="expand")
        if name is not None and name.root.dep_ in _SUBJ_DEPS | {"nsubjpass"}:
            break  # "destroyed a boat, President Donald Trump said": the teller
        if m not in out:
            out.append(m)
        j = i + 1
        while j < end and d[j].idx < m.end:
            j += 1
        k = j + 1 if j < end and d[j].text == "," else j
        if not (k < end and d[k].lower_ == "and"):
            break
        i = next((n for n in range(k + 1, min(end, k + 9)) if d[n].text == ","), end)
    return out


def _dash(t: Token) -> bool:
    """A dash between words ("09:15 BST - Ukraine's air force"), not a hyphen inside one."""
    return t.text in ("—", "–", "--") or t.text == "-" and bool(t.whitespace_) and (
        t.i > 0 and bool(t.doc[t.i - 1].whitespace_))


def _clean_name(text: str) -> bool:
    words = text.split()
    return bool(words) and not any(d in text for d in ("—", "–", "\n")) and (
        words[-1].lower() not in ("of", "and", "the", "for", "to", "in"))


def _resolve_pronoun(pron: Token, doc: Document) -> tuple[str | None, str] | None:
    """(entity key, name) a pronoun stands for: the speaker for "we" in a quote, the subject of
    the reporting clause ("the US said it will"), else the latest agreeing subject of a clause
    in this or the previous sentence (he/she: the latest person named)."""
    lex = lexicon()
    low = pron.lower_
    # "the US said it will": the speaker; but a quoted "he" is never the one quoted
    third = low in ("it", "they", "he", "she") and not _inside_quote(pron)
    speaker = _speaker_subject(pron) if third else None
    if speaker is None and low in lex["speaker_pronouns"]:
        speaker = _quote_speaker(pron)
    if speaker is not None:
        speaker = _expand_quantity(speaker)
        m = _mention_for(speaker, doc)
        person = speaker.ent_type_ == "PERSON" or (m is not None and m.label == "PERSON")
        if person and low in ("it", "its") and m is not None and m.entity in doc.entities and (
                " " not in doc.entities[m.entity].name):
            person = False  # "Total said it was withdrawing": a one-word "person" that is an "it"
        owner = next((c for c in speaker.children if c.dep_ == "poss" and (
            c.ent_type_ == "PERSON")), None) if speaker.lemma_.lower() in lex[
                "speaking_bodies"] else None
        if not person and owner is not None and low in ("he", "she", "his", "her"):
            speaker, person = owner, True  # "Lukashenko's office said he had negotiated"
        if speaker.pos_ == "PRON" or speaker.lemma_.lower() in lex["abstract_agents"] or (
                person and low in ("it", "its", "they", "their", "them")) or (
                not person and low in ("he", "she", "his", "her")):
            speaker = None  # "all the intelligence indicates that they ...": not a speaker
    ante = speaker if speaker is not None else _antecedent(pron, doc)
    owner = pron.head.head
    if pron.dep_ == "poss" and pron.head.dep_ == "conj" and owner.pos_ in ("NOUN", "PROPN") \
            and (owner.tag_ in ("NNS", "NNPS")) == (low == "their"):
        ante = owner  # "Paris and its European allies": the allies are Paris's
    return _named(ante, doc) if ante is not None else None


def _named(tok: Token, doc: Document) -> tuple[str | None, str]:
    """(entity key, name) of the noun a pronoun was resolved to."""
    m = _mention_for(tok, doc)
    if m is None or m.entity is None:  # "the army's commander, General X,": X
        m = next((a for c in tok.children if c.dep_ == "appos"
                  for a in [_mention_for(c, doc)] if a is not None and a.entity), None)
    if m is not None and m.entity is not None:
        return m.entity, doc.entities[m.entity].name if m.entity in doc.entities else m.text
    toks = _name_tokens(tok)
    return None, doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]


def _antecedent(pron: Token, doc: Document) -> Token | None:
    """The latest clause subject before the pronoun that agrees with it in number and kind:
    subjects are what later pronouns most often continue ("the militia ... its commanders")."""
    lex = lexicon()
    labels = lex["pronoun_labels"].get(pron.lower_)
    if not labels:
        return None
    person = "PERSON" in labels
    plural = pron.lower_ in ("they", "their", "them")
    sdoc = pron.doc
    floor = sdoc[max(0, pron.sent.start - 1)].sent.start
    best = None
    for tok in sdoc[floor:pron.i]:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if pron.i > 0 and tok.head.i == pron.head.i or _inside_quote(tok) != _inside_quote(pron):
            continue
        tok = _expand_quantity(tok)
        if tok.lemma_.lower() in lex["abstract_agents"] or tok.ent_type_ in (
                "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
            continue
        m = _mention_for(tok, doc)
        is_person = tok.ent_type_ == "PERSON" or (m is not None and m.label == "PERSON") or any(
            c.ent_type_ == "PERSON" for c in tok.children if c.dep_ in ("compound", "appos"))
        many = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
        group = tok.ent_type_ in ("ORG", "NORP") or m is not None and m.label in ("ORG", "NORP")
        if plural:  # "they": any group ("the Serbs", "both sides", "the RSF", "the Houthis")
            if not many and not group:
                continue
        elif person != is_person or (not person and many and not group):
            continue
        if best is not None and best.sent == tok.sent and _subordinate(tok) and not (
                _subordinate(best)):
            continue  # "The Taliban launched an offensive, as the last US troops began to
            # withdraw. On Friday, they captured Kandahar": the main clause's subject
        best = tok
    return best


def _subordinate(subj: Token) -> bool:
    """The subject of an adverbial clause with a conjunction ("as the troops began")."""
    verb = subj.head
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children)


def _resolve_object(pron: Token, doc: Document) -> tuple[str | None, str] | None:
    """(entity key, name) an object "it" or "him"/"her" stands for: the latest place or site
    named as an object ("seized the palace ... after the group overran it"), the latest person
    ("Soleimani ... killed him"), in this or the previous sentence, outside the pronoun's own
    clause."""
    low = pron.lower_
    if low not in ("it", "him", "her") or _inside_quote(pron):
        return None
    lex = lexicon()
    sites = set(lex["site_nouns"])
    hit = _verb_trigger(pron.head) if pron.dep_ == "dobj" else None
    # "proposed a truce ... the army rejected it": a word-act's "it" may be a thing proposed
    things = set(lex["party_things"]) if hit and hit[0] in lex["response_types"] else set()
    sdoc = pron.doc
    floor = sdoc[max(0, pron.sent.start - 1)].sent.start
    best = None
    for tok in sdoc[floor:pron.i]:
        if tok.head.i == pron.head.i or tok.pos_ not in ("NOUN", "PROPN"):
            continue  # "the group overran it": not the group
        m = _mention_for(tok, doc)
        if low == "it":
            # "the palace in Khartoum", "seized the palace in Khartoum": the palace
            setting = tok.dep_ == "pobj" and (tok.head.head.pos_ in ("NOUN", "PROPN") or (
                best is not None and best.dep_ == "dobj" and best.head == tok.head.head))
            if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and not setting and \
                    tok.tag_ not in ("NNS", "NNPS") and not _children(tok, ("conj",)) \
                    and (tok.lemma_.lower() in sites | things or tok.ent_type_ in (
                        "FAC", "GPE", "LOC")):
                best = tok
        elif tok.ent_type_ == "PERSON" or (m is not None and m.label == "PERSON"):
            best = tok
    return _named(best, doc) if best is not None else None


def _inside_quote(tok: Token) -> bool:
    before = tok.doc[tok.sent.start:tok.i].text
    return (before.count("“") > before.count("”")) or before.count('"') % 2 == 1


def _quote_speaker(pron: Token) -> Token | None:
    """The named subject of the reporting verb of the sentence a quoted "we" sits in."""
    verbs = set(lexicon()["speech_verbs"])
    for tok in pron.sent:
        if tok.lemma_.lower() in verbs and tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def _speaker_subject(pron: Token) -> Token | None:
    """The subject of the verb whose reported clause a pronoun subject sits in."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ not in ("it", "they", "he", "she"):
        return None
    clause = pron.head
    while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
        clause = clause.head
    verb = clause.head
    if clause.dep_ in ("acl", "relcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        # "said in a statement that it had killed": the statement's, so the speaker's
        noun = clause.head
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    elif clause.dep_ != "ccomp":
        return None
    # the subject nearest the verb: "Sudan's paramilitary Rapid Support Forces said" parses
    # two, and the name is the second
    subj = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i),
               key=lambda c: c.i, default=None) or next(
        (c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ != "PRON" else None


def _mention_for(tok: Token, doc: Document) -> Any:
    found = doc.mentions_in(tok.idx, tok.idx + len(tok))
    if not found:
        return None
    return min(found, key=lambda m: m.end - m.start)


def _location(frame: _Frame, target: Token | None, doer: Token | None
              ) -> tuple[str, Place] | None:
    """(preposition, Place) for the nearest place phrase attached to the trigger phrase or its
    target; a place on a doer ("a group in Myanmar captured the base in Lashio") only when
    the deed has none."""
    first = [target] if target is not None else []
    doers = [doer] if doer is not None else []
    if doer is not None and doer.pos_ == "PRON":  # "the coalition fighting in Yemen said it
        doers += [c for t in frame.extra if t.lemma_.lower() in _told()  # would halt"
                  for c in t.children if c.dep_ == "nsubj"]
    return _nearest_place(frame, first, doers=False) or _nearest_place(
        frame, [*first, *doers], doers=True)


@cache
def _told() -> frozenset[str]:
    """Verbs that tell or claim what their complement did."""
    lex = lexicon()
    return frozenset([*lex["telling_verbs"], *lex["control"]["status_claimed"]])


def _nearest_place(frame: _Frame, extra: list[Token], doers: bool) -> tuple[str, Place] | None:
    lex = lexicon()
    # "In London, the ministry confirmed that jets had shot down drones": the telling's place
    # is not the deed's
    queue = [*frame.core, *(t for t in frame.extra if t.lemma_.lower() not in _told()), *extra]
    seen: set[int] = set()
    while queue:
        tok = queue.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        for c in tok.children:
            if c.dep_ in _BOUNDARY_DEPS - {"acl"} and c not in frame.tokens or (
                    c.dep_ == "nsubj" and not doers and c not in extra) or (
                    c.dep_ == "acl" and tok.dep_ == "appos"):
                continue  # "killed X, the commander recognized as its emir in Southeast Asia"
            if c.dep_ == "prep" and c.lower_ in lex["location_preps"] and not (
                    c.i > 0 and c.doc[c.i - 1].lower_ in lex["source_words"]):
                for pobj in _children(c, ("pobj",)):
                    name = _place_name(pobj) or (next((_place_name(o) for p in _children(
                        pobj, ("prep",)) if p.lower_ == "of" for o in _children(p, ("pobj",))),
                        None) if pobj.lemma_.lower() in lex["site_nouns"] else None)
                    if name:  # "in Mosul", "in the port city of Odesa"
                        return c.lower_, Place(name=name)
            queue.append(c)
    return None


def _place_name(tok: Token) -> str | None:
    toks = [t for t in tok.subtree if t.i <= tok.i and _modifies(t, tok)]
    if not any(t.ent_type_ in _PLACE_LABELS or (t.pos_ == "PROPN" and not t.ent_type_ and
                                                _gazetteer(t.text)) for t in toks):
        return None
    toks = sorted(toks, key=lambda t: t.i)
    if tok.pos_ == "NOUN" and (tok.tag_ == "NNS" or not any(
            t.pos_ == "PROPN" for t in toks[:-1]) or _noun_trigger(tok)):
        return None  # "US service members" is no place, "the Kirkuk base" is, "the US
        # killing" is a happening
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end - 1
                and e.label_ in _PLACE_LABELS), None)
    if ent is not None and ent.root == tok:  # "the Line of Control": the name runs on
        return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    first = tok.i  # the words right before the name that belong to it, as written
    while first > toks[0].i and (tok.doc[first - 1] in toks or tok.doc[first - 1].text in (
            "-", "–")):
        first -= 1
    return tok.doc[first:tok.i + 1].text.lstrip("-– ")


def _gazetteer(name: str) -> bool:
    """A name the gazetteer knows, for places the tagger left unlabelled ("the Kharkiv
    region")."""
    from sitrep.annotate.places import geocode

    return geocode(name) is not None


def _modifies(t: Token, head: Token) -> bool:
    """`t` is `head` or names it through compounds and adjectives only ("the Kirkuk base",
    not the "Hong" of "Hong Kong's way")."""
    while t != head:
        if t.dep_ not in ("compound", "amod", "nmod"):
            return False
        t = t.head
    return True


def _is_actor(tok: Token) -> bool:
    """A named or human argument (an entity, or a plural group noun such as "protesters")."""
    if tok.ent_type_ in _ACTOR_LABELS or tok.pos_ == "PROPN":
        return True
    return any(c.ent_type_ in _ACTOR_LABELS for c in tok.children if c.dep_ in (
        "compound", "amod", "poss"))
