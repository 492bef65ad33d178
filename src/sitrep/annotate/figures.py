"""Figures: numbers with what they count, normalized so reports of the same quantity meet.

"around 2,500 troops in Iraq" held by the US, "2,500 of them Americans" and "2,500 U.S. forces"
all become (subject "US troops in Iraq", unit troops, value 2500). Word lists live in
`data/figures_lexicon.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from sitrep.annotate import _figure_subjects as fs
from sitrep.annotate._event_args import _dash, _gazetteer
from sitrep.annotate._event_summary import _participle
from sitrep.annotate._figure_subjects import clause_verb as _clause_verb
from sitrep.annotate._figure_subjects import figures_lexicon, stock_state
from sitrep.annotate._figure_subjects import owner as _owner
from sitrep.annotate._figure_subjects import owner_of as _owner_of
from sitrep.annotate._figure_subjects import unit_of as _unit_of
from sitrep.model import Document, Figure, TimeExpression, TimeSpan
from sitrep.temporal.govern import governing_timex, opens_period

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["FigureExtractor", "figures_lexicon", "parse_number"]

_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"}
_PLACE_LABELS = {"GPE", "LOC"}


def parse_number(text: str) -> float | None:
    """ "2,500" -> 2500, "1.5 million" -> 1500000, "two" -> 2, "45th" -> None."""
    lex = figures_lexicon()
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total: float | None = None
    for word in words:
        if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", word):
            total = float(word.replace(",", ""))
        elif word in lex["multipliers"] and total is not None:
            total *= lex["multipliers"][word]
        elif word in lex["number_words"]:
            total = (total or 0) + lex["number_words"][word]
        else:
            return None
    return total


class FigureExtractor:
    """Pipeline stage: fills `doc.figures` with counted quantities."""

    name: ClassVar[str] = "annotate.figures"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "timexes", "mentions", "events")
    assigns: ClassVar[tuple[str, ...]] = ("figures",)

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        taken = [(t.start, t.end) for t in doc.timexes]
        main = _main_country(doc, sdoc)
        sections = _section_countries(doc.text)
        seen: set[tuple[float, str, str, str]] = set()
        for sent in sdoc.sents:
            last: Figure | None = None
            # under a heading naming a country ("** Sudan" in a briefing), its figures are there
            country = next((c for at, c in reversed(sections) if at <= sent.start_char),
                           None) or main
            for tok in sent:
                if not _is_number(tok, taken):
                    continue
                if _hyphen_member(tok):
                    member = _member_figure(doc, sdoc, tok, country)
                    if member is not None:
                        doc.figures.append(member)
                    continue
                giver = _source_token(tok)
                fig = _figure(doc, sdoc, tok, _local_place(giver, tok) or country, last)
                if fig is None:
                    continue
                fig.source = _giver(doc, giver) if giver is not None else None
                last = fig
                key = (fig.value, fig.unit, fig.subject, fig.text)
                if key not in seen:  # a paragraph repeated by the page template
                    seen.add(key)
                    doc.figures.append(fig)


def _source_token(tok: Token) -> Token | None:
    """Who gives a figure: "according to X" in its sentence, else the subject of the telling
    verb above it ("a security source put the toll at about 400", "the ministry said 26
    were killed", "JNIM said in a statement that it had killed 300")."""
    verbs = set(figures_lexicon()["source_verbs"])
    for t in tok.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((o for o in t.doc[t.i + 1].children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    cur, seen = tok, 0
    while cur.head != cur and seen < 12:
        cur, seen = cur.head, seen + 1
        said = [cur] + [c for c in cur.children if c.dep_ in ("parataxis", "advcl", "ccomp")
                        and c.i > tok.i and not any(m.dep_ == "mark" for m in c.children)]
        # "26 were killed, the ministry said"; not "..., while officials said 140,000 fled"
        for verb in said:
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in verbs:
                subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subj is not None and not subj.is_ancestor(tok) and subj != tok:
                    return subj
    return None


_DISPLACED = ("fled", "evacuated", "displaced")


_HEADING = re.compile(r"^[ \t*#>•·-]*([A-Z][\w'’ -]{1,40}?)[ \t:]*$", re.M)


_DATELINE = re.compile(r"^([A-Z][A-Z .'’-]{2,30}?)(?:,[^\n\-–—(]{1,30})?\s*(?:\([^)\n]*\)\s*)?"
                       r"(?:-|–|—|--)\s", re.M)


def _section_countries(text: str) -> list[tuple[int, str | None]]:
    """(offset, country or None) of every short heading line: a country's name opens its
    section ("** Sudan", "HAITI"), any other heading ends it. In a roundup of briefs from
    several countries, each brief's dateline ("ISLAMABAD - ") opens one too."""
    from sitrep.annotate.places import country_name, geocode

    out: list[tuple[int, str | None]] = []
    for m in _HEADING.finditer(text):
        name = m[1].strip()
        if len(name.split()) > 4:
            continue
        out.append((m.start(), name.title() if _country_named(name.title()) else None))
    datelines = []
    for m in _DATELINE.finditer(text):
        place = geocode(m[1].strip().title())
        if place is not None and place.country:
            datelines.append((m.start(), country_name(place.country)))
    if len({c for _, c in datelines}) > 1:  # one dateline is the story's, not a section
        out = sorted(out + datelines)
    return out


def _country_named(name: str) -> bool:
    from sitrep.annotate.places import geocode

    place = geocode(name)
    return place is not None and place.precision == "country"


def _local_place(giver: Token | None, tok: Token) -> str | None:
    """Where a local counter of casualties counts: "Gaza's civil defence agency says strikes
    killed 113" (in Gaza), "Israeli emergency services said 16 were hurt" (in Israel). Not a
    military's count, which is often of the enemy's dead. Officials count their own people
    who fled or were evacuated: "Cambodian officials said 140,000 had fled"."""
    from sitrep.annotate.entities import demonym_country

    if giver is None:
        return None
    words = [t for t in giver.subtree if t.i <= giver.i]
    phrase = " ".join(t.lemma_.lower() for t in words)
    lex = figures_lexicon()
    if giver.lemma_.lower() in lex["officials"] and giver.dep_ == "nsubj":
        told = next((o for p in giver.head.children if p.dep_ == "prep" and p.lower_ == "in"
                     and p.i < giver.i for o in p.children
                     if o.dep_ == "pobj" and o.ent_type_ == "GPE"), None)
        if told is not None and _country_named(told.text):
            return told.text  # "In Israel, authorities say about 1,400 people were killed"
            # (not "In London, the ministry said": a capital is where it was told)
    if not any(c in phrase for c in lex["local_counters"]) and not (
            giver.lemma_.lower() in lex["officials"]
            and _measure(tok, _counted(tok)[0])[0] in _DISPLACED):
        return None
    found: list[tuple[bool, str]] = []  # (only where it sits?, place)
    for t in words:
        seat = t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-" and (
            t.doc[t.i + 2].lower_ == "based")  # "the Britain-based Syrian Observatory"
        if t.ent_type_ in ("GPE", "LOC"):
            ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
            found.append((seat, ent.text if ent is not None else t.text))
        elif (t.ent_type_ == "NORP" or t.dep_ in ("amod", "compound")) and demonym_country(
                t.text):  # "the Syrian Observatory for Human Rights", tagged one organisation
            found.append((seat, str(demonym_country(t.text))))
        elif t.pos_ == "PROPN" and t.dep_ == "compound" and _gazetteer(t.text):
            found.append((seat, t.text))  # "the Gaza health ministry"
    # where it counts before where it sits ("the Gaza-based ministry", alone, is Gaza's)
    return min(found, key=lambda f: f[0])[1] if found else None


def _giver(doc: Document, tok: Token) -> str | None:
    """The name of a source as the entity stage resolved it ("it" -> the ministry), else the
    words of its phrase."""
    mention = min(doc.mentions_in(tok.idx, tok.idx + len(tok)),
                  key=lambda m: m.end - m.start, default=None)
    if mention is not None and mention.entity and mention.entity in doc.entities:
        return doc.entities[mention.entity].name
    if tok.pos_ == "PRON" or tok.lemma_.lower() in figures_lexicon()["not_sources"]:
        return None  # "some estimates put the toll at 150,000": no one named
    def phrase(t: Token) -> list[Token]:  # without clauses, appositions and articles; with
        # "of" and the words of a name ("the Ministry of Health", "Justice pour Barsalogho")
        return [t] + [w for c in t.children if c.dep_ not in (
            "det", "punct", "relcl", "appos", "acl", "cc", "conj", "advcl", "prep") or (
            c.dep_ == "prep" and (c.lower_ == "of" or any(
                o.pos_ == "PROPN" for o in c.children))) for w in phrase(c)]
    toks = sorted(phrase(tok), key=lambda t: t.i)
    cut = [t.i + 1 for t in tok.doc[toks[0].i:tok.i] if _dash(t) or "\n" in t.text_with_ws]
    return tok.doc[max([toks[0].i, *cut]):toks[-1].i + 1].text  # "09:15 BST - the ministry"


def _is_number(tok: Token, taken: list[tuple[int, int]]) -> bool:
    if tok.pos_ != "NUM" and not tok.like_num:
        return False
    if tok.ent_type_ in _SKIP_ENTS or tok.tag_ == "JJ" or re.search(r"\d(st|nd|rd|th)$",
                                                                  tok.lower_):
        return False
    if any(s <= tok.idx < e for s, e in taken):
        return False
    # the second word of "1.5 million" is read with the first
    return not (tok.dep_ in ("compound", "quantmod") and tok.head.pos_ == "NUM")


def _value(tok: Token) -> float | None:
    parts = [c for c in tok.children if c.dep_ in ("compound", "quantmod") and c.like_num
             and c.i < tok.i]
    text = " ".join(t.text for t in sorted([*parts, tok], key=lambda t: t.i))
    return parse_number(text)


def _qualifier(tok: Token, noun: Token | None) -> tuple[str | None, int]:
    """(qualifier, index where the figure's text starts)."""
    lex = figures_lexicon()["qualifiers"]
    start = min([tok.i, *(c.i for c in tok.children if c.dep_ in ("compound", "quantmod")
                           and c.like_num and c.i < tok.i)])  # "Fifty-nine", "1.5 million"
    found: str | None = None
    mods = [c for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod") and c.i < tok.i]
    if noun is not None:
        mods += [c for c in noun.children if c.dep_ in ("amod", "advmod", "det") and c.i < tok.i
                 and c.lower_ in lex]
    for mod in sorted(mods, key=lambda t: t.i):
        for t in mod.subtree:
            if t.lower_ in lex and lex[t.lower_]:
                found = found or str(lex[t.lower_])
        start = min(start, mod.left_edge.i)
    if start > 0 and tok.doc[start - 1].lower_ in ("an", "a") and found:
        start -= 1
    return found, start


def _figure(doc: Document, sdoc: Doc, tok: Token, country: str | None,
            last: Figure | None) -> Figure | None:
    lex = figures_lexicon()
    value = _value(tok)
    if value is None or _vague(tok) or (tok.lower_ == "one" and tok.i + 1 < len(tok.doc)
                                        and tok.doc[tok.i + 1].lower_ == "of"):
        return None  # "one of its fighters" picks one out, it counts nothing
    noun, unit = _counted(tok)
    if noun is None and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
        return None  # "the two were killed": the people just named, not a toll
    if unit is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "vote":
        unit = "votes"  # "168 out of the 329-member parliament voted"; noun is the body
    if unit is None and last is not None and _refers_back(tok):
        noun, unit = None, last.unit  # "2,500 of them", "1,900 of whom"
    if unit is None and noun is None:
        unit = _elided_unit(tok)  # "26 civilians were killed and 46 wounded"
    if unit is None:
        return _toll(doc, sdoc, tok, country, value)
    if unit == "nations" and noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in (
            "across", "in", "throughout", "among", "between", "from", "into"):
        return None  # "fighters across the two countries": where, not how many members
    if unit == "nations" and value <= 2:
        return None  # "the two countries fought": the parties, not a tally of members
    if unit in lex["length_units"] and noun is not None and any(
            c.lower_ in ("square", "sq") for c in noun.children):
        return _area(doc, sdoc, tok, noun, unit, value)
    if unit in lex["length_units"] and tok.i > 1 and tok.doc[tok.i - 1].text == "(" and (
            lex["units"].get(tok.doc[tok.i - 2].lemma_.lower()) in lex["length_units"]):
        return None  # "a 3,488-km (2,167-mile) frontier": the conversion of the length before
    if unit in lex["length_units"] and noun is not None and noun.dep_ != "nummod":
        if noun.head.pos_ == "ADP" or noun.dep_ in ("npadvmod", "appos"):
            return None  # "pushed to within 200 km of the capital", "Tawila, about 60 km (37
            # miles) to the west": a distance, and its conversion, not a length
        return _length(doc, tok, noun, unit, value)
    qualifier, start = _qualifier(tok, noun)
    kind = _kind(doc, sdoc, tok, noun, unit, country, last)
    body = noun is not None and noun.lemma_.lower() in lex["legislatures"]
    end_tok = noun if noun is not None and noun.i > tok.i and not body else tok
    start_c, end_c = sdoc[start].idx, end_tok.idx + len(end_tok)
    return Figure(
        value=value, unit=kind.unit, subject=kind.subject,
        evidence=doc.evidence(start_c, end_c),
        date=last.date if last is not None and _part_of(doc, noun, last) else _date(
            doc, sdoc, tok, kind.trigger),
        measure=kind.measure, qualifier=qualifier, text=doc.text[start_c:end_c],
    )


def _elided_unit(tok: Token) -> str | None:
    """The unit of a bare number that is the subject of a casualty verb: the counted noun of
    the clause it is joined to ("26 civilians were killed and 46 wounded"), else people ("at
    least 40 were killed", "more than 2.5 million have fled")."""
    lex = figures_lexicon()
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "prep" or c.lower_ in (
            "no", "any", "every", "each") for c in tok.children) or (
            tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no") or (
            lex["measures"].get(verb.lemma_.lower()) not in lex["people_measures"]):
        return None  # "no one was hurt" counts nobody
    if verb.dep_ == "conj":
        other = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if other is not None and any(c.dep_ == "nummod" for c in other.children):
            return _unit_of(other)
    return "people"


def _toll(doc: Document, sdoc: Doc, tok: Token, country: str | None,
          value: float) -> Figure | None:
    """ "the death toll rose to 120", "put the number of people killed at 33": a casualty
    count told as a tally, as of the day of what it counts (else of the clause)."""
    lex = figures_lexicon()
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("to", "at") or prep.head.pos_ not in (
            "VERB", "AUX"):
        return None
    toll = next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                 and c.lemma_.lower() in lex["toll_nouns"]), None)
    if toll is None:
        return None
    words = [t.lemma_.lower() for t in toll.subtree]
    measure = next((lex["toll_measures"][w] for w in words if w in lex["toll_measures"]), None)
    if measure is None:
        return None
    inner = [t.idx for t in toll.subtree]
    day = next((tx.span for tx in doc.timexes if tx.type == "DATE" and tx.span.is_known
                and min(inner) <= tx.start <= max(inner)), None)
    qualifier, start = _qualifier(tok, None)
    start_c, end_c = sdoc[start].idx, tok.idx + len(tok)
    return Figure(
        value=value, unit="people", measure=measure,
        subject=_subject(doc, sdoc, tok, toll, "people", country, None, measure),
        evidence=doc.evidence(start_c, end_c), date=day or _date(doc, sdoc, tok),
        qualifier=qualifier, text=doc.text[start_c:end_c],
    )


class _Kind(NamedTuple):
    unit: str
    measure: str
    subject: str
    trigger: Token | None  # the verb whose date is the figure's as-of date


def _kind(doc: Document, sdoc: Doc, tok: Token, noun: Token | None, unit: str,
          country: str | None, last: Figure | None) -> _Kind:
    """What the number measures: a vote, a body's size, a group's membership, casualties or
    a stock count, with the subject all reports of that quantity share."""
    if unit == "votes" or (unit == "members" and fs.is_legislative(tok, noun)):
        trigger = fs.vote_trigger(tok, noun) if not fs.is_total(tok, noun) else None
        if unit == "votes" and not fs.is_legislative(tok, noun):
            return _Kind("votes", "voted", fs.motion_votes(tok), fs.clause_verb(tok))
        body = fs.legislature(doc, tok, noun, country)
        if trigger is not None or unit == "votes":
            return _Kind("votes", "voted", f"votes in {body}", trigger)
        measure = "members" if fs.is_total(tok, noun) or fs.body_of(tok, noun) else "count"
        return _Kind("members", measure, f"members of {body}", None)
    if unit in ("nations", "members"):
        subj = fs.group_subject_token(tok)
        group = fs.group_name(doc, sdoc, subj) if subj is not None else None
        if group is not None:
            return _Kind("members", "members", f"members of {group}", None)
    if unit in figures_lexicon()["strike_units"] and noun is not None:
        return _strike(doc, sdoc, tok, noun, unit, country)
    measure, trigger = _measure(tok, noun)
    subset = noun is not None and noun.dep_ == "pobj" and noun.head.lemma_ == "include"
    if subset and measure == "count" and last is not None and _part_of(doc, noun, last):
        measure = last.measure or measure  # "has risen to 183, including 13 American troops"
    # "910 people, including 138 civilians": the part is a series of its own, not the toll's
    named = subset and noun is not None and noun.pos_ == "NOUN"  # "civilians", not "Africans"
    subject = _subject(doc, sdoc, tok, noun, noun.lower_ if named and noun else unit,
                       country, last, None if measure == "count" else measure)
    return _Kind(unit, measure, subject, trigger)


def _part_of(doc: Document, noun: Token | None, last: Figure | None) -> bool:
    """ "183, including 13 American troops": the noun is included in the figure just before."""
    return noun is not None and last is not None and noun.dep_ == "pobj" and (
        noun.head.lemma_ == "include") and last.evidence.end <= noun.head.idx and not (
        doc.text[last.evidence.end:noun.head.idx].strip(" ,"))


def _strike(doc: Document, sdoc: Doc, tok: Token, noun: Token, unit: str,
            country: str | None) -> _Kind:
    """ "30 rockets struck the compound": a count of one attack, named by its target so two
    attacks in one month are a series, not a disagreement."""
    verb = _clause_verb(noun)
    place = _place(noun, tok, doc) or country
    if verb is not None and verb.lemma_.lower() in figures_lexicon()["interception_verbs"] and any(
            c.dep_ == "auxpass" or c.dep_ == "nsubj" and c != noun for c in verb.children):
        # "74 drones were shot down", "air defences intercepted 12 missiles": not fired
        return _Kind(unit, "intercepted", " ".join(
            w for w in (unit, "intercepted", f"in {place}" if place else None) if w), verb)
    target = fs.strike_target(noun, verb) if verb is not None else None
    if target and place and (place.lower() in target.lower() or _gazetteer(target)):
        place = None  # "rockets fired at Green Zone", not "... at Green Zone in Green Zone";
        # "drones fired at Ukraine", not "... at Ukraine in Russia"
    if target is None and place is not None and place == country and not _place(noun, tok, doc):
        target, place = place, None  # fired, no target named, in a story about a country: at
        # it ("Iran fired 170 drones" in a story on Israel joins "300 drones fired at Israel")
    words = [unit, "fired", f"at {target}" if target else None, f"in {place}" if place else None]
    return _Kind(unit, "fired", " ".join(w for w in words if w), verb)


def _vague(tok: Token) -> bool:
    return tok.lower_ in figures_lexicon()["vague"]


def _hyphen_member(tok: Token) -> bool:
    nxt = tok.doc[tok.i + 1: tok.i + 3]
    return (len(nxt) == 2 and nxt[0].text == "-"
            and nxt[1].lemma_.lower() in figures_lexicon()["body_size_nouns"])


def _refers_back(tok: Token) -> bool:
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any(o.lower_ in ("them", "whom", "these", "those") for o in prep.children):
            return True
    return False


def _counted(tok: Token) -> tuple[Token | None, str | None]:
    """The noun a number counts and its unit: "2,500 troops", "25 members of a militia"."""
    noun = tok.head if tok.dep_ == "nummod" else None
    if noun is None:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "out")):
            objs = [o for o in prep.subtree if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")]
            if objs:
                noun = objs[0]
                break
    if noun is None:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc):
            noun = tok.doc[tok.i + 2]  # "618-kilometer border"
    if noun is None:
        return None, None
    unit = _unit_of(noun)
    if unit == "members":
        unit = _members_unit(noun)
    return noun, unit


def _members_unit(noun: Token) -> str:
    """ "members of the security forces" are troops, "militia members" militants."""
    lex = figures_lexicon()
    obj = fs.of_object(noun)
    near = [c for c in noun.children if c.dep_ == "compound"]
    if obj is not None:
        near += [obj, *(c for c in obj.children if c.dep_ == "compound")]
        inner = _unit_of(obj)
        if inner not in (None, "members", "nations"):
            return str(inner)
    if any(c.lemma_.lower() in lex["militant_groups"] for c in near):
        return "militants"
    return "members"


def _measure(tok: Token, noun: Token | None) -> tuple[str, Token | None]:
    """(measure, the word that states it): "25 people killed", "the death toll at 25"."""
    lex = figures_lexicon()
    measures, nouns = lex["measures"], lex["measure_nouns"]
    base = noun or tok
    for c in base.children:  # "25 people killed", "militants wounded in"
        if c.dep_ == "acl" and c.lemma_.lower() in measures:
            return str(measures[c.lemma_.lower()]), c
    if base.dep_ == "pobj" and base.head.lower_ == "of" and base.head.head != tok and (
            base.head.head.like_num or (
            base.head.head.pos_ in ("VERB", "AUX") and base.head.i < base.head.head.i and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.like_num
                for c in base.head.head.children))):
        return "count", None  # "Of the 67 people on board, 38 were killed", "2,000 of the
        # 5,000 troops": the whole, not those killed
    deed = base.head.head if base.dep_ == "pobj" and base.head.lower_ == "of" else None
    if deed is not None and deed.lemma_.lower() in lex["deed_nouns"]:
        return str(lex["deed_nouns"][deed.lemma_.lower()]), deed  # "the massacre of 40"
    verb = _clause_verb(base)
    if verb is None:
        return "count", None
    if "dobj" in (base.dep_, tok.dep_) and verb.lemma_.lower() in lex["source_verbs"]:
        verb = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > base.i and not any(
            s.dep_ in ("nsubj", "nsubjpass") for s in c.children)), verb)  # "said more than
        # 900 people, among them 130 civilians, had been killed": parsed as what was said;
        # "reported 22 of its fighters killed"
    lemma = verb.lemma_.lower()
    if lemma == "include" and base.dep_ in ("pobj", "dobj") and verb.dep_ in ("prep", "acl") \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        return _measure(verb.head, verb.head)  # "910 people, including 138 civilians, killed"
    states = lex["state_measures"]
    if verb.lower_ in states and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"
                                     for c in verb.children):
        return str(states[verb.lower_]), verb  # "100 people were still missing"
    phrasal = f"{lemma} " + " ".join(c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ in ("prep", "advmod") and c.i == verb.i + 1 and c.lower_ == "out"))
    if phrasal in lex["phrasal_measures"]:
        return str(lex["phrasal_measures"][phrasal]), verb  # "100,000 people flown out"
    if lemma in lex["driving_verbs"] and any(
            p.lower_ in ("from", "out") and any(o.lemma_.lower() in ("home", "house")
                                                for o in p.subtree)
            for p in verb.children if p.dep_ == "prep"):
        return "displaced", verb  # "350,000 residents have been forced from their homes"
    state = next((c for c in verb.children if c.dep_ in ("acomp", "xcomp", "oprd")
                  and c.lower_ in states), None)
    if lemma in lex["state_verbs"] and state is not None:
        return str(states[state.lower_]), state  # "60,000 residents remain displaced"
    if lemma in measures:
        if stock_state(verb):
            return "count", None  # "2,500 troops are deployed in Iraq": a stock, not a move
        if base.dep_ == "nsubj" and lemma not in lex["self_measures"] and any(
                c.dep_ == "dobj" for c in verb.children):
            return "count", None  # the doers: "50 soldiers killed 12 militants", "1,200
            # troops took refuge at a UN base"
        if measures[lemma] in ("killed", "injured") and noun is not None and lex["units"].get(
                noun.lemma_.lower(), "people") not in lex["person_units"]:
            return "count", None  # "rebels lost 30 tanks": none of them killed
        if measures[lemma] == "deployed" and noun is not None and lex["units"].get(
                noun.lemma_.lower(), "troops") not in lex["deployed_units"]:
            return "count", None  # "send 3.6 million refugees your way": no deployment
        if measures[lemma] == "deployed" and _promised(verb):
            return "pledged", verb  # "will send 3,000 troops", "plans to deploy 500"
        return str(measures[lemma]), verb
    for c in verb.children:  # "put the death toll at 25"
        if c.dep_ in ("dobj", "nsubj", "attr") and c.lemma_.lower() in nouns:
            return str(nouns[c.lemma_.lower()]), verb
    return "count", None


def _promised(verb: Token) -> bool:
    """A move still to come: "will send", "is to deploy", "plans to send", "said it would
    send"."""
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if any(a.lower_ in ("will", "shall", "'ll") for a in auxes):
        return True
    if any(a.lower_ == "would" for a in auxes) and verb.dep_ == "ccomp" and (
            verb.head.lemma_.lower() in figures_lexicon()["source_verbs"]):
        return True  # a future told in the past
    return any(a.lower_ == "to" for a in auxes) and verb.dep_ == "xcomp" and (
        verb.head.lemma_.lower() in figures_lexicon()["pledging_verbs"]
        or verb.head.lemma_ == "be")


def _possessor(noun: Token | None, doc: Document) -> str | None:
    """ "the US, which has 2,500 troops": the subject of a having verb owns the noun."""
    if noun is None or noun.dep_ not in ("dobj", "attr"):
        return None
    verb = noun.head
    if verb.lemma_.lower() not in figures_lexicon()["possession_verbs"]:
        return None
    for c in verb.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if c.lower_ not in ("which", "who", "that", "it", "they"):
            return _owner(c, doc)
        linked = _owner(c, doc)
        if linked:
            return linked
        # "members like the US – which has ...", "the US said it will deploy ...": the
        # nearest name before the pronoun
        for t in reversed(c.doc[max(0, c.i - 6): c.i]):
            owner = _owner(t) if t.ent_type_ in ("GPE", "NORP") else None
            if owner:
                return owner
        return _owner(verb.head, doc)
    return None


def _place(noun: Token | None, tok: Token, doc: Document, away: bool = False) -> str | None:
    """A place attached by "in"/"to" (and "from" when they leave: `away`) to the counted
    noun, its participle or its verb (named a place by spaCy or by the entity stage, which
    corrects "Kyiv" tagged as a person)."""
    def named(obj: Token) -> str | None:
        if obj.ent_type_ in _PLACE_LABELS or any(
                m.label in _PLACE_LABELS for m in doc.mentions_in(obj.idx, obj.idx + 1)):
            ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
            return re.sub(r"^the\s+", "", ent.text if ent is not None else obj.text, flags=re.I)
        return None

    base = noun or tok
    heads = [base, *[c for c in base.children if c.dep_ == "acl"]]
    if base.head != base and base.head.pos_ in ("VERB", "AUX"):
        heads.append(base.head)
        if base.head.dep_ == "advcl" and base.head.tag_ == "VBG":
            # "attacked southern Israel, killing 1,200 people": where the attack was
            outer = base.head.head
            heads.append(outer)
            place = next((o for o in outer.children if o.dep_ == "dobj"), None)
            if place is not None and named(place):
                return named(place)
            where = next((named(t) for t in (place.subtree if place is not None else [])
                          if t.dep_ == "pobj" and t.head.lower_ == "in" and named(t)), None)
            if where:  # "struck ports and power stations in Sanaa, killing nine"
                return where
    for h in heads:
        for prep in (c for c in h.children if c.dep_ == "prep" and (c.lower_ in (
                "in", "to", "into", "inside") or away and c.lower_ == "from")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if named(obj):
                    return named(obj)
        if h.dep_ == "relcl" and any(c.lower_ == "where" for c in h.children) and named(h.head):
            return named(h.head)  # "Kerman, where a stampede killed 50 mourners"
    return None


def _event_place(base: Token, doc: Document) -> str | None:
    """Where the event stage placed the deed that counts them: the verb ("a strike killed
    three soldiers at Tower 22, an outpost in Jordan") or the event they fell "in" ("killed in
    the strikes", the strikes told earlier on nine sites in Pakistan); else the place the deed
    struck ("raids on Qamishli")."""
    deeds = [base.head] if base.head != base and base.head.pos_ == "VERB" else []
    shared = [c for v in deeds for c in v.children if c.dep_ == "conj"]  # "killed and 46
    for h in [base, *deeds, *shared]:  # wounded in the strikes"
        deeds += [o for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
                  for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    for deed in deeds:
        told = [e for e in doc.events if e.evidence.start <= deed.idx < e.evidence.end]
        if not told and deed.pos_ == "NOUN":  # "the strikes": the last strikes told
            told = [e for e in doc.events if e.evidence.end <= deed.idx
                    and e.lemma == deed.lemma_.lower()][-1:]
        for e in told:
            if e.location is not None:
                return e.location.name
            hit = next((a.name for a in e.actors if a.role == "recipient" and a.entity in (
                doc.entities) and doc.entities[a.entity].place is not None), None)
            if hit:  # "raids on Qamishli"
                return hit
    return None


def _subject(doc: Document, sdoc: Doc, tok: Token, noun: Token | None, unit: str,
             country: str | None, last: Figure | None, measure: str | None = None) -> str:
    """ "US troops in Iraq"; casualties and moves name their measure: "US troops injured in
    Iraq", so they never join the stock count's series."""
    if unit == "nations":
        return "nations"
    side = fs.side_owner(noun or tok)
    owner = _owner_of(noun) or _possessor(noun, doc) or side
    if owner is None and (tok.dep_ == "nummod" or tok.head.ent_type_ in ("NORP", "GPE")):
        owner = _owner(tok.head)  # "2,500 Americans", "2,500 of them Americans"
    if owner is None and noun is not None:
        owner = _teller_owner(noun, tok, doc)
    place = _place(noun, tok, doc, away=measure in ("withdrawn", "evacuated", "fled")) or (
        _event_place(noun or tok, doc))
    if last is not None and _refers_back(tok):  # "2,500 of them": the earlier figure's place
        place = (last.subject.split(" in ", 1)[1] if " in " in last.subject else None) or place
        first = last.subject.split(" ")[0]
        owner = owner or (first if first != last.unit else None)
    place = place or (None if side else country)  # "on the Israeli side": not the story's
    if owner is not None and owner == fs.country_owner(place):
        place = None  # at home: "French troops", never "French troops in France"
    return " ".join(w for w in (owner, unit, measure, "in" if place else None, place) if w)


def _teller_owner(noun: Token, tok: Token, doc: Document) -> str | None:
    """ "Pakistan's military said 23 of its soldiers were killed": "its" is the teller's."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if poss is None:
        return None
    found = _owner(poss, doc)
    giver = _source_token(tok) if found is None else None
    if giver is None or giver.pos_ == "PRON":
        return found
    return next((o for t in giver.subtree if t.i <= giver.i and (o := _owner(t))), None)


def _member_figure(doc: Document, sdoc: Doc, tok: Token, country: str | None
                   ) -> Figure | None:
    """ "Iraq's 329-member parliament": the size of a body."""
    value = _value(tok)
    member = tok.doc[tok.i + 2]
    body = member.head if member.head != member else member
    if value is None:
        return None
    if body.lemma_.lower() in figures_lexicon()["legislatures"]:
        name = fs.legislature(doc, tok, body, country)
    else:
        name = " ".join(w for w in (_owner_of(body), body.lemma_.lower()) if w)
    start, end = tok.idx, body.idx + len(body)
    return Figure(value=value, unit="members", subject=f"members of {name}",
                  evidence=doc.evidence(start, end), date=doc.dct, measure="members",
                  text=doc.text[start:end])


def _length(doc: Document, tok: Token, noun: Token, unit: str, value: float) -> Figure:
    head = noun.head if noun.head != noun else noun
    words = [head.lemma_.lower()]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        obj = next((o for o in prep.children if o.dep_ == "pobj"), None)
        if obj is not None:
            words += [prep.lower_, obj.text]
            break
    start, end = tok.idx, head.idx + len(head)
    return Figure(value=value, unit=unit, subject=" ".join(words),
                  evidence=doc.evidence(start, end), date=doc.dct, measure="length",
                  text=doc.text[start:end])


def _area(doc: Document, sdoc: Doc, tok: Token, noun: Token, unit: str, value: float
          ) -> Figure:
    """ "controlled about 1,000 square kilometres of the Kursk region": an area, as of the
    day it is told, named by the verb and the place it lies in."""
    verb = noun.head if noun.head.pos_ == "VERB" else None
    words = ["area", _participle(verb) if verb is not None else None]
    of = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
               for o in p.children if o.dep_ == "pobj"), None)
    if of is not None:  # "of Russia's Kursk region": the region, without its owner
        words += ["in", " ".join(t.text for t in of.subtree if t.i <= of.i and t.dep_ in (
            "compound", "amod") and t.head == of or t == of)]
    qualifier, first = _qualifier(tok, noun)
    start, end = sdoc[first].idx, noun.idx + len(noun)
    return Figure(value=value, unit=f"sq {unit}", subject=" ".join(w for w in words if w),
                  evidence=doc.evidence(start, end), date=_date(doc, sdoc, tok, verb),
                  measure="area", qualifier=qualifier, text=doc.text[start:end])


def _date(doc: Document, sdoc: Doc, tok: Token, trigger: Token | None = None) -> TimeSpan:
    """The date of the event a figure reports (a vote, a strike), else the DATE governing its
    clause, else the publication date (an as-of count)."""
    if trigger is not None:
        i = governing_timex(doc, trigger.idx, trigger.idx + len(trigger), sdoc)
        if i is not None and opens_period(doc, doc.timexes[i].start):
            return doc.dct  # "59 soldiers have died since 2013": a count to date
        if i is not None and doc.timexes[i].span.is_known:
            return _as_of(doc, doc.timexes[i])
        dated = _dated_by_antecedent(doc, trigger)
        if dated is not None:
            return dated
    verb = _clause_verb(tok)
    for tx in doc.timexes:
        if tx.type != "DATE" or not tx.span.is_known:
            continue
        if opens_period(doc, tx.start):
            continue  # a count to date, as of publication
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or span.sent.start != tok.sent.start or (span.root.dep_ in (
                "amod", "compound", "nmod") and span.root.head.pos_ in ("NOUN", "PROPN")):
            continue  # "a 14th-century site": the site's, not the count's ("Sunday's vote"
            # is the vote's, which the count is of)
        if verb is not None and _clause_verb(span.root) == verb and not _baseline(
                span.root, verb, tok):
            return _as_of(doc, tx)
    return doc.dct


def _baseline(root: Token, verb: Token, tok: Token) -> bool:
    """ "7.1 million need aid, up from 5.9 million a year ago": the date of the figure it is
    compared with, not its own."""
    for t in root.ancestors:
        if t in (verb, tok):
            return False
        if t.lower_ in ("from", "than") or t.lower_ == "with" and t.head.lemma_ == "compare":
            return not any(a == t for a in tok.ancestors)
    return False


def _as_of(doc: Document, tx: TimeExpression) -> TimeSpan:
    """ "now", "currently" say "as of publication": the publication date, shown as such."""
    return doc.dct if tx.value == "PRESENT_REF" else tx.span


def _dated_by_antecedent(doc: Document, trigger: Token) -> TimeSpan | None:
    """ "since January 5, 2020, when 168 lawmakers voted": a clause on a date takes it."""
    cur = trigger
    while cur.dep_ in ("relcl", "acl", "advcl") and cur.head != cur:
        cur = cur.head
        for tx in doc.timexes:
            if tx.type == "DATE" and tx.start <= cur.idx < tx.end and tx.span.is_known:
                return tx.span
    return None


def _main_country(doc: Document, sdoc: Doc) -> str | None:
    return fs.main_country(doc, sdoc) or _named_country(doc, sdoc)


def _named_country(doc: Document, sdoc: Doc) -> str | None:
    """Without linked places: the most named country-level place."""
    counts: Counter[str] = Counter()
    for ent in sdoc.ents:
        if ent.label_ == "GPE":
            # places things happen "in" weigh more than names of actors ("the US said")
            weight = 3 if ent.root.dep_ == "pobj" and ent.root.head.lower_ in (
                "in", "across", "inside", "throughout") else 1
            counts[re.sub(r"^the\s+", "", ent.text, flags=re.I)] += weight
    countries = {e.name for e in doc.entities.values()
                 if e.place is not None and e.place.precision == "country"}
    if countries:
        ranked = [(n, c) for n, c in counts.most_common() if n in countries]
        if ranked:
            return ranked[0][0]
    return counts.most_common(1)[0][0] if counts else None
