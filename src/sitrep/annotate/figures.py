"""Figures: numbers with what they count, normalized so reports of the same quantity meet.

"around 2,500 troops in Iraq" held by the US, "2,500 of them Americans" and "2,500 U.S. forces"
all become (subject "US troops in Iraq", unit troops, value 2500). Word lists live in
`data/figures_lexicon.yaml`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from sitrep.annotate import _figure_subjects as fs
from sitrep.annotate._figure_subjects import clause_verb as _clause_verb
from sitrep.annotate._figure_subjects import figures_lexicon
from sitrep.annotate._figure_subjects import owner as _owner
from sitrep.annotate._figure_subjects import owner_of as _owner_of
from sitrep.annotate._figure_subjects import unit_of as _unit_of
from sitrep.model import Document, Figure, TimeSpan
from sitrep.temporal.govern import governing_timex

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
    requires: ClassVar[tuple[str, ...]] = ("sentences", "timexes", "mentions")
    assigns: ClassVar[tuple[str, ...]] = ("figures",)

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        taken = [(t.start, t.end) for t in doc.timexes]
        country = _main_country(doc, sdoc)
        seen: set[tuple[float, str, str, str]] = set()
        for sent in sdoc.sents:
            last: Figure | None = None
            for tok in sent:
                if not _is_number(tok, taken):
                    continue
                if _hyphen_member(tok):
                    member = _member_figure(doc, sdoc, tok)
                    if member is not None:
                        doc.figures.append(member)
                    continue
                fig = _figure(doc, sdoc, tok, country, last)
                if fig is None:
                    continue
                last = fig
                key = (fig.value, fig.unit, fig.subject, fig.text)
                if key not in seen:  # a paragraph repeated by the page template
                    seen.add(key)
                    doc.figures.append(fig)


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
    start = tok.i
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
    if value is None or _vague(tok):
        return None
    noun, unit = _counted(tok)
    if unit is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "vote":
        unit = "votes"  # "168 out of the 329-member parliament voted"; noun is the body
    if unit is None and last is not None and _refers_back(tok):
        noun, unit = None, last.unit  # "2,500 of them", "1,900 of whom"
    if unit is None:
        return None
    if unit in lex["length_units"] and noun is not None and noun.dep_ != "nummod":
        return _length(doc, tok, noun, unit, value)
    qualifier, start = _qualifier(tok, noun)
    measure = _measure(tok, noun)
    subject = _subject(doc, sdoc, tok, noun, unit, country, last)
    end_tok = noun if noun is not None and noun.i > tok.i and unit != "votes" else tok
    start_c, end_c = sdoc[start].idx, end_tok.idx + len(end_tok)
    return Figure(
        value=value, unit=unit, subject=subject, evidence=doc.evidence(start_c, end_c),
        date=_date(doc, sdoc, tok), measure=measure, qualifier=qualifier,
        text=doc.text[start_c:end_c],
    )


def _vague(tok: Token) -> bool:
    return tok.lower_ in figures_lexicon()["vague"]


def _hyphen_member(tok: Token) -> bool:
    nxt = tok.doc[tok.i + 1: tok.i + 3]
    return len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lemma_.lower() == "member"


def _refers_back(tok: Token) -> bool:
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        if any(o.lower_ in ("them", "whom", "these", "those") for o in prep.children):
            return True
    return False


def _counted(tok: Token) -> tuple[Token | None, str | None]:
    """The noun a number counts and its unit: "2,500 troops", "25 members of a militia"."""
    lex = figures_lexicon()
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
        groups = [c for c in noun.subtree if c.lemma_.lower() in lex["militant_groups"]]
        groups += [c for c in noun.children if c.dep_ == "compound"
                   and c.lemma_.lower() in lex["militant_groups"]]
        if groups:
            unit = "militants"
    return noun, unit


def _measure(tok: Token, noun: Token | None) -> str:
    measures = figures_lexicon()["measures"]
    base = noun or tok
    for c in base.children:  # "25 people killed", "militants wounded in"
        if c.dep_ == "acl" and c.lemma_.lower() in measures:
            return str(measures[c.lemma_.lower()])
    verb = _clause_verb(base)
    if verb is not None and verb.lemma_.lower() in measures:
        return str(measures[verb.lemma_.lower()])
    return "count"


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
        if c.lower_ not in ("which", "who", "that"):
            return _owner(c, doc)
        # "members like the US – which has ...": the nearest name before the pronoun
        for t in reversed(c.doc[max(0, c.i - 5): c.i]):
            owner = _owner(t) if t.ent_type_ in ("GPE", "NORP") else None
            if owner:
                return owner
        return _owner(verb.head, doc)
    return None


def _place(noun: Token | None, tok: Token) -> str | None:
    """A place attached by "in"/"to" to the counted noun, its participle or its verb."""
    base = noun or tok
    heads = [base, *[c for c in base.children if c.dep_ == "acl"]]
    if base.head is not base and base.head.pos_ in ("VERB", "AUX"):
        heads.append(base.head)
    for h in heads:
        for prep in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "to",
                                                                                 "inside")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.ent_type_ in _PLACE_LABELS:
                    ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
                    text = ent.text if ent is not None else obj.text
                    return re.sub(r"^the\s+", "", text, flags=re.I)
    return None


def _subject(doc: Document, sdoc: Doc, tok: Token, noun: Token | None, unit: str,
             country: str | None, last: Figure | None) -> str:
    if unit == "votes":
        body = noun if noun is not None and noun is not tok else None
        owner = _owner_of(body)
        name = body.lemma_.lower() if body is not None else "the vote"
        return " ".join(w for w in ("votes in", owner, name) if w)
    if unit == "nations":
        group = _group_name(doc, tok)
        return f"members of {group}" if group else "nations"
    owner = _owner_of(noun) or _possessor(noun, doc)
    if owner is None and (tok.dep_ == "nummod" or tok.head.ent_type_ in ("NORP", "GPE")):
        owner = _owner(tok.head)  # "2,500 Americans", "2,500 of them Americans"
    place = _place(noun, tok)
    if last is not None and _refers_back(tok):  # "2,500 of them": the earlier figure's place
        place = (last.subject.split(" in ", 1)[1] if " in " in last.subject else None) or place
        first = last.subject.split(" ")[0]
        owner = owner or (first if first != last.unit else None)
    place = place or country
    return " ".join(w for w in (owner, unit, "in" if place else None, place) if w)


def _member_figure(doc: Document, sdoc: Doc, tok: Token) -> Figure | None:
    """ "Iraq's 329-member parliament": the size of a body."""
    value = _value(tok)
    member = tok.doc[tok.i + 2]
    body = member.head if member.head is not member else member
    if value is None:
        return None
    owner = _owner_of(body)
    start, end = tok.idx, body.idx + len(body)
    return Figure(value=value, unit="members", subject=" ".join(
        w for w in ("members of", owner, body.lemma_.lower()) if w),
        evidence=doc.evidence(start, end), date=_date(doc, sdoc, tok), measure="members",
        text=doc.text[start:end])


def _length(doc: Document, tok: Token, noun: Token, unit: str, value: float) -> Figure:
    head = noun.head if noun.head is not noun else noun
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


def _date(doc: Document, sdoc: Doc, tok: Token) -> TimeSpan:
    """The DATE governing the figure's clause, else the publication date (an as-of count)."""
    verb = _clause_verb(tok)
    for tx in doc.timexes:
        if tx.type != "DATE" or not tx.span.is_known:
            continue
        span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or span.sent.start != tok.sent.start:
            continue
        if _clause_verb(span.root) is verb and verb is not None:
            return tx.span
    return doc.dct


def _main_country(doc: Document, sdoc: Doc) -> str | None:
    """The country the article is about: the most named country-level place."""
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
