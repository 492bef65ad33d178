"""Who or what a figure counts: owners, bodies that vote, groups that have members.

Helpers for `sitrep.annotate.figures`, kept apart so each module stays small. They turn the
noun a number counts into a normalized subject ("US troops in Iraq", "votes in Iraqi
parliament", "members of anti-ISIS coalition") so reports of the same quantity meet.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from sitrep.temporal.pubdate import inline_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.model import Document

_RELATIVE = ("which", "who", "that")
_PRONOUNS = ("it", "its", "they", "them")


@cache
def figures_lexicon() -> dict[str, Any]:
    """The figures word lists (data/figures_lexicon.yaml), loaded once."""
    path = resources.files("sitrep.annotate").joinpath("data/figures_lexicon.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


AIRCRAFT_MODEL = re.compile(r"(?:[A-Z][A-Za-z]{0,2}-\d+\w*|MiGs?|Sukhois?)$")  # F-16s, Su-35


def unit_of(noun: Token) -> str | None:
    units = figures_lexicon()["units"]
    for mod in (c for c in noun.children if c.dep_ in ("compound", "amod", "preconj", "nmod")):
        hit = units.get(f"{mod.lower_} {noun.lemma_.lower()}")
        if hit:
            return str(hit)
        if AIRCRAFT_MODEL.match(mod.text) and noun.lemma_.lower() == "fighter":
            return "aircraft"  # "10 F-35 fighters"
    hit = units.get(noun.lemma_.lower()) or units.get(noun.lower_)
    if not hit and noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS") and not any(
            p.dep_ == "prep" and p.lower_ == "of" for c in noun.children if c.dep_ == "nummod"
            for p in c.children):
        return "people"  # "46,000 Palestinians have been killed"; not "2,500 of them Americans"
    return str(hit) if hit else None


def of_object(noun: Token) -> Token | None:
    """The object of "of" after a noun: "members of the militia" -> militia."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
        if obj is not None:
            return obj
    return None


def owner(tok: Token, doc: Document | None = None) -> str | None:
    """Canonical owner from a name or adjective ("U.S." -> "US", "American" -> "US"); a
    pronoun resolves through its Mention when the entity stage linked one."""
    owners = figures_lexicon()["owners"]
    keys = [tok.text.lower(), tok.lemma_.lower()]
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:  # "the United States" as one name
        keys.insert(0, re.sub(r"^the\s+", "", ent.text.lower()))
    if doc is not None and tok.pos_ == "PRON":
        for m in doc.mentions_in(tok.idx, tok.idx + len(tok)):
            if m.entity and m.entity in doc.entities:
                keys.append(doc.entities[m.entity].name.lower())
    for key in keys:
        if key in owners:
            return str(owners[key])
    if tok.ent_type_ in ("NORP", "GPE"):
        name = re.sub(r"^the\s+", "", ent.text) if ent is not None else tok.text
        if tok.ent_type_ == "GPE":  # "Pakistan's soldiers" are the "Pakistani troops"
            from sitrep.annotate.entities import country_demonym
            from sitrep.annotate.places import big_city, country_name, geocode

            place = geocode(name) if big_city(name) else None  # "Moscow will deploy":
            if place is not None and place.country:  # the Russian troops
                name = country_name(place.country) or name
            found = country_demonym(name) or name
            return str(owners.get(found.lower(), owners.get(name.lower(), found)))
        # a people in the plural is its adjective: "Palestinians" -> "Palestinian"
        return name[:-1] if tok.ent_type_ == "NORP" and name.endswith("ns") else name
    return None


def owner_of(noun: Token | None) -> str | None:
    """ "US troops", "American soldiers", "Britain's forces", "members of the Iraqi forces"."""
    if noun is None:
        return None
    for c in sorted(noun.children, key=lambda t: t.i):
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i:
            found = owner(c)
            if found:
                return found
    for c in noun.children:
        if c.dep_ == "appos":
            found = owner(c)
            if found:
                return found
    if noun.head.dep_ == "appos" or noun.dep_ == "appos":  # "2,500 of them Americans"
        return owner(noun)
    obj = of_object(noun)
    if obj is not None and noun.lemma_.lower() == "member":
        return owner_of(obj)
    return None


def side_owner(tok: Token) -> str | None:
    """ "45 civilians have been killed on the Israeli side": the side's owner is theirs."""
    verb = clause_verb(tok)
    if verb is None:
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "among")):
        for side in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_ == "side"):
            adj = next((m for m in side.children if m.dep_ in ("amod", "compound", "poss")
                        and m.ent_type_ in ("NORP", "GPE")), None)
            if adj is not None:
                return owner(adj)
    return None


def clause_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") and cur != tok:
            return cur
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def country_owner(country: str | None) -> str | None:
    """ "Iraq" -> "Iraqi": the owner word the lexicon gives a country name."""
    if country is None:
        return None
    return str(figures_lexicon()["owners"].get(country.lower(), country))


_MUNITIONS = frozenset(["drones", "missiles", "rockets", "shells", "mortars", "bombs"])


def strike_target(noun: Token, verb: Token) -> str | None:
    """What rockets or drones hit: the object of "struck", or "at/on/against" the target."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c != noun
            and noun not in c.conjuncts and unit_of(c) != unit_of(noun) and (
                unit_of(c) not in _MUNITIONS)]  # "fired 127 missiles and 109 drones": no target
    for prep in (c for c in verb.children if c.dep_ == "prep"
                 and c.lower_ in ("at", "on", "against", "into", "inside", "near")):
        objs += [c for c in prep.children if c.dep_ == "pobj"
                 and c.ent_type_ not in ("DATE", "TIME")]  # "fell on Saturday": no target
    if not objs:
        return None
    obj = objs[0]
    mods = [c for c in obj.children if c.dep_ == "compound" and c.i < obj.i]
    head = obj.text if obj.pos_ == "PROPN" else obj.lemma_.lower()  # "Green Zone", "base"
    return " ".join([*(m.text for m in mods), head])


# --- votes and legislatures -----------------------------------------------------------------

def body_of(tok: Token, noun: Token | None) -> Token | None:
    """The legislature a count of members/lawmakers belongs to ("the chamber's 329 members",
    "168 members of Iraq's parliament", "168 out of the 329-member parliament")."""
    bodies = figures_lexicon()["legislatures"]
    if noun is not None and noun.lemma_.lower() in bodies:
        return noun
    near: list[Token] = []
    for base in (t for t in (noun, tok) if t is not None):
        near += [c for c in base.children if c.dep_ in ("poss", "compound", "nmod")]
        for prep in (c for c in base.children if c.dep_ == "prep" and c.lower_ in ("of", "out",
                                                                                   "in")):
            near += [t for t in prep.subtree if t.pos_ in ("NOUN", "PROPN")]
    return next((t for t in near if t.lemma_.lower() in bodies), None)


def is_legislative(tok: Token, noun: Token | None) -> bool:
    lex = figures_lexicon()
    if noun is not None and noun.lemma_.lower() in lex["legislators"]:
        return True
    return body_of(tok, noun) is not None


def vote_trigger(tok: Token, noun: Token | None) -> Token | None:
    """The verb (or "votes" noun) that makes a count of lawmakers a vote count."""
    verbs = figures_lexicon()["vote_verbs"]
    base = noun if noun is not None and noun != tok else tok
    cur = base
    for _ in range(3):  # "the votes of 168 of the chamber's members"
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.lemma_ == "vote":
            return clause_verb(cur.head.head) or cur.head.head
        cur = cur.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in verbs:
        return tok.head
    verb = clause_verb(base)
    if verb is not None and verb.lemma_.lower() in verbs and base.dep_ in ("nsubj", "pobj",
                                                                           "nsubjpass"):
        return verb
    return None


def is_total(tok: Token, noun: Token | None) -> bool:
    """ "168 of the chamber's 329 members": 329 is the body's size, not a second count."""
    if noun is None or tok.dep_ != "nummod" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ in ("of", "out") and prep.head.like_num


def legislature(doc: Document, tok: Token, noun: Token | None, country: str | None) -> str:
    """ "Iraqi parliament": the body's owner and normalized name."""
    lex = figures_lexicon()
    body = body_of(tok, noun)
    name = str(lex["legislatures"][body.lemma_.lower()]) if body is not None else "parliament"
    who = owner_of(body) if body is not None else None
    if who is None and body is not None and body.dep_ == "compound":
        who = owner_of(body.head)  # "the 329-member parliament": hyphen words head the noun
    who = who or owner_of(noun) or country_owner(country)
    return " ".join(w for w in (who, name) if w)


def motion_votes(tok: Token) -> str:
    """Votes cast by an unnamed body: named after what was voted on ("votes on resolution")."""
    verb = clause_verb(tok)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
        if verb is not None else None
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return "votes"
    return f"votes on {subj.lemma_.lower()}"


# --- groups with members (coalitions, alliances) --------------------------------------------

def group_subject_token(tok: Token) -> Token | None:
    """The subject of a membership clause ("the coalition comprises 60 countries", "the
    coalition, which ... now counts 80 members", "Consisting of 84 nations, the Coalition")."""
    verb = clause_verb(tok)
    if verb is not None and verb.dep_ in ("xcomp", "pcomp") and verb.lemma_.lower() not in \
            figures_lexicon()["membership_verbs"]:
        verb = verb.head
    if verb is None or verb.lemma_.lower() not in figures_lexicon()["membership_verbs"]:
        return None
    subj = None
    for _ in range(4):  # a conjoined or participle clause shares its head's subject
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head == verb:
            break
        verb = verb.head
    if subj is not None and subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subj = verb.head  # "the coalition, which counts 80 members"
    while subj is not None and subj.pos_ == "NOUN" and unit_of(subj) is None:
        poss = next((c for c in subj.children if c.dep_ in ("poss", "nmod")
                     and c.pos_ in ("PROPN", "NOUN")), None)
        if poss is None:
            break
        subj = poss  # "the Coalition's mission" -> the Coalition
    return subj


def group_name(doc: Document, sdoc: Doc, subj: Token) -> str | None:
    """A normalized, readable name for a group, so "the coalition", "the US-led Coalition"
    and "it" in one article and "the Global Coalition" in another meet."""
    lex = figures_lexicon()
    if subj.lower_ in _PRONOUNS:
        subj = _antecedent(sdoc, subj) or subj
        if subj.lower_ in _PRONOUNS:
            return None
    if subj.lemma_.lower() in lex["legislatures"]:
        return None
    key = _entity_at(doc, subj)
    lemma = subj.lemma_.lower()
    if key is None and subj.pos_ == "NOUN":
        key = _entity_named(doc, lemma) or _group_by_context(doc, lemma)
    if key is not None:
        names: dict[str, str] = lex["group_names"]
        ent = doc.entities.get(key)
        return names.get(key) or (ent.name if ent else key)
    return lemma if subj.pos_ == "NOUN" else subj.text


def _antecedent(sdoc: Doc, pron: Token) -> Token | None:
    """The nearest earlier group noun or organization within two sentences ("... the
    coalition was formed in 2014. It now has 84 members")."""
    groups = figures_lexicon()["group_nouns"]
    sents = list(sdoc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start <= pron.i < s.end)
    lo = sents[max(0, idx - 2)].start
    for t in reversed(sdoc[lo:pron.i]):
        if t.lemma_.lower() in groups or (t.ent_type_ == "ORG" and t.dep_ != "compound"):
            return t
    return None


def _entity_at(doc: Document, tok: Token) -> str | None:
    span = tok.subtree if tok.pos_ == "PROPN" else [tok]
    toks = list(span)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    for m in doc.mentions_in(start, end):
        if m.entity and m.entity in doc.entities and doc.entities[m.entity].type == "ORG":
            return m.entity
    return None


def _entity_named(doc: Document, lemma: str) -> str | None:
    """The organization of the article whose name holds the bare noun ("coalition")."""
    counts = Counter(m.entity for m in doc.mentions if m.entity)
    named = [k for k, e in doc.entities.items() if e.type == "ORG"
             and re.search(rf"\b{re.escape(lemma)}\b", e.name, re.I)]
    return max(named, key=lambda k: counts[k]) if named else None


def _group_by_context(doc: Document, lemma: str) -> str | None:
    """A bare "coalition" in an article about ISIS is the anti-ISIS coalition."""
    present = {m.entity for m in doc.mentions if m.entity}
    for rule in figures_lexicon()["group_context"].get(lemma, []):
        if present & set(rule["when"]):
            return str(rule["group"])
    return None


# --- the country an article is about --------------------------------------------------------

def main_country(doc: Document, sdoc: Doc) -> str | None:
    """The country the article is about: the country of the places it names, places where
    things happen ("in Baghdad") weighing more than actors ("the US said")."""
    from sitrep.annotate.places import country_name, geocode

    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for e in doc.entities.values():
        if e.place is not None and e.place.precision == "country" and e.place.country:
            names[e.place.country] = e.place.name  # "Palestinian Territory", not "West Bank"
    head = doc.text[:300]
    datelines = (inline_dateline(doc.text, m.start()) for m in re.finditer(r"(?m)^", head))
    dateline = next((d for d in datelines if d), None)
    in_title: set[str] = set()
    for m in doc.mentions:  # labels as the entity stage corrected them ("Kyiv" a place)
        if m.label not in ("GPE", "LOC") or dateline and dateline.start() <= m.start < (
                dateline.end()):
            continue  # the dateline's city is counted below
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        weight = 3 if root is not None and root.dep_ == "pobj" and root.head.lower_ in (
            "in", "across", "inside", "throughout") else 1
        place = doc.entities[m.entity].place if m.entity in doc.entities else None
        if place is not None and place.country:
            counts[place.country] += weight
            if doc.title and m.text not in in_title and re.search(
                    r"\b" + re.escape(m.text) + r"\b", doc.title):
                in_title.add(m.text)  # the headline names what the story is about, as
                counts[place.country] += 5  # the dateline says where it is told from
    if dateline:  # "SANAA (Reuters) —": the story is told from there
        place = geocode(dateline["city"].title())
        if place is not None and place.country:
            counts[place.country] += 5
    for cc, _n in counts.most_common():
        name = names.get(cc) or country_name(cc)
        if name:
            return name
    return None


def stock_state(verb: Token) -> bool:
    """A stock told as a present passive of a placing verb ("2,500 troops are stationed in
    Iraq"), not a move ("will be deployed", "were sent")."""
    if verb.lemma_.lower() not in figures_lexicon()["stock_verbs"]:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return (any(a.dep_ == "auxpass" and a.tag_ in ("VBP", "VBZ") for a in aux)
            and not any(a.lower_ in ("will", "would", "to") for a in aux))
