"""The temporal tagger: find time expressions in a spaCy Doc and resolve them TIMEX3-style."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from sitrep.model import Precision, TimeExpression, TimeSpan
from sitrep.temporal.govern import (
    chronology_entry,
    governing_timex,
    naming_clause,
    unresolved_span,
)
from sitrep.temporal.grammar import Reading, find_candidates, read_text
from sitrep.temporal.lexicon import lexicon
from sitrep.temporal.resolve import Context, calendar_span, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.model import Document

# governing_timex and unresolved_span live in govern.py; re-exported for the events stage
__all__ = ["TimeTagger", "tag", "tense_of", "governing_timex", "unresolved_span"]

_NAMED_DAY = re.compile(r"^[A-Z][\w']+(?:\s+[A-Z][\w']+)*\s+(?:Day|Eve)$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_REPORTING = {"say", "tell", "report", "announce", "add", "state", "note", "claim", "be",
              "have", "confirm", "deny", "believe", "think", "know"}
_INTENT = {"plan", "expect", "schedule", "due", "set", "intend", "aim", "prepare", "hope",
           "going", "agree", "vow", "pledge", "promise", "threaten", "want"}


def _verb_of(tok: Token) -> Token | None:
    """The verb a token hangs from (the token itself if it is one)."""
    for t in [tok, *tok.ancestors]:
        if (t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")) and not naming_clause(t):
            return t
    return None


def _past_as_vbp(verb: Token) -> bool:
    """"Weakness hurt the index": a plural-present tag on a singular subject is the past of a
    verb whose forms coincide (hurt, cut, set, hit)."""
    return verb.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP")
                                      for c in verb.children)


def _pluperfect(head: Token) -> bool:
    """The clause an infinitive hangs from is past perfect ("had been due", "had planned")."""
    if head.dep_ == "acomp":
        head = head.head
    return any(a.lower_ == "had" and a.dep_ in ("aux", "auxpass") for a in head.children)


def _plan_tense(tok: Token, verb: Token, auxes: list[Token]) -> int | None:
    """A past plan whose date is the planned thing's: "has scheduled a news conference
    Thursday" is ahead, "planned a demonstration on Saturday" either side of the DCT; in
    "agreed Tuesday to talk" the date is the agreement's (None: the verb's own tense)."""
    if verb.lemma_ not in _INTENT or verb.tag_ not in ("VBD", "VBN"):
        return None
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return 1
    if any(t.pos_ in ("NOUN", "PROPN") for t in tok.ancestors
           if t.i != verb.i and verb in t.ancestors):
        return 0
    return None


def _deferred(tok: Token, verb: Token) -> bool:
    """ "postponed until Tuesday morning", "pushed back to Friday": the date is the new one."""
    if verb.lemma_ not in _cues("deferral_verbs"):
        return False
    for t in tok.ancestors:
        if t == verb:
            return False
        if t.dep_ == "prep" and t.lower_ in ("until", "till", "to", "through") and \
                t.head == verb:
            return True
    return False


def _scheduled(tok: Token, verb: Token) -> bool:
    """ "called a summit for Wednesday", "set the vote for Friday": the appointment lies ahead
    of its making."""
    if verb.lemma_ not in _cues("schedule_verbs") or _pluperfect(verb):
        return False  # "had been scheduled for Monday": that Monday has gone by
    prep = tok.head if tok.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "for" and (
        prep.head == verb or prep.head.dep_ in ("dobj", "nsubjpass") and prep.head.head == verb)


def _decreed(tok: Token, verb: Token) -> bool:
    """ "signed a decree dissolving all institutions by January 1": what a decree, a law or a
    deal orders is to come, whatever the tense of its signing."""
    nouns = _cues("directive_nouns")
    ordered = verb.dep_ == "acl" and verb.head.lemma_.lower() in nouns or (
        verb.dep_ == "advcl" and any(c.dep_ == "dobj" and c.lemma_.lower() in nouns
                                     for c in verb.head.children))  # the parse's other reading
    return ordered and verb.tag_ == "VBG" and tok.dep_ == "pobj" and tok.head.lower_ in (
        "by", "until")


_DAY_OF = re.compile(r"\s+(?:as\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:day|holiday)\b", re.I)


def _declared_day(tok: Token, verb: Token) -> bool:
    """ "declared Monday a non-working day", "declared Wednesday a day of mourning": the day
    so named is one still to come."""
    return verb.lemma_ in _cues("naming_verbs") and tok.dep_ in ("npadvmod", "dobj") and (
        tok.head == verb) and bool(_DAY_OF.match(tok.doc.text, tok.idx + len(tok)))


def _cues(name: str) -> set[str]:
    return set(lexicon()["tense_cues"][name])


def tense_of(tok: Token) -> int:
    """-1 past, +1 future, 0 present/unknown for the clause governing `tok`."""
    if tok.dep_ in ("poss", "compound", "nmod", "amod"):
        return 0  # "Wednesday's ruling", "the December 31 deadline": no tense of its own
    verb = _verb_of(tok)
    if verb is None:
        return 0
    if _deferred(tok, verb) or _scheduled(tok, verb) or _decreed(tok, verb) or _declared_day(
            tok, verb):
        return 1
    if tok.dep_ == "pobj" and tok.head.lower_ in ("until", "till") and tok.head.head == verb \
            and verb.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in verb.children):
        return 1  # "has until Monday to raise the money", "stays shut until Thursday"
    for _ in range(3):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return 1
        if verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in _cues(
                "future_adjectives") for c in verb.children):
            return 1  # "results are due Friday", "talks were likely before the summer"
        if verb.tag_ == "VB" and verb.dep_ in ("advcl", "xcomp") and verb.head.lemma_ == "be" \
                and any(c.dep_ == "acomp" and c.lower_ in _cues("future_adjectives")
                        for c in verb.head.children):
            return 1  # "is due to free 90 prisoners on Monday", the "to" parsed with "due"
        if verb.tag_ == "VBG" and not auxes and verb.dep_ == "advcl" and \
                verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head  # "will strike for 48 hours starting on Thursday": the clause's
            continue
        if verb.tag_ in ("VB", "VBG") and any(a.tag_ == "MD" for a in auxes) and not any(
                a.lemma_ == "have" for a in auxes):
            return 1  # "would travel Thursday", "would be traveling Thursday": ahead
        if not auxes and verb.dep_ == "conj" and verb.lower_ == verb.lemma_ and any(
                a.lower_ in ("would", "will", "shall", "'ll", "wo") for a in verb.head.children
                if a.dep_ == "aux"):
            return 1  # "would keep its doors open and set a period until July 29": "set" is
            # the bare form under "would", whatever the tagger says
        plan = _plan_tense(tok, verb, auxes)
        if plan is not None:
            return plan
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or _past_as_vbp(verb):
            return -1
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return -1
        if (verb.tag_ == "VB" or verb.tag_ == "VBN" and any(  # "to be released"
                a.lower_ == "be" for a in auxes)) and any(a.lower_ == "to" for a in auxes):
            if _pluperfect(verb.head):
                return -1  # "had been due to expire Friday", "had planned to fly Tuesday"
            if verb.head.lemma_ in _cues("implicative_verbs") and (
                    verb.head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in verb.head.children
                                                   if a.dep_ in ("aux", "auxpass"))):
                return -1  # "were forced to withdraw on Monday": they did, then
            if verb.head.lemma_ in _INTENT or verb.head.lemma_ in _cues("directive_verbs"):
                return 1
            if verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP"):
                return 1  # "is to resume trading Tuesday": an arrangement
            if verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
                continue
            return 1
        if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP")
                                      for a in auxes):
            return 1  # "is meeting on Monday": arranged future
        if verb.tag_ == "VBN" and verb.lemma_ in _INTENT and any(
                a.tag_ in ("VBZ", "VBP") for a in auxes):
            return 1  # "is scheduled for Tuesday"
        if verb.tag_ in ("VBZ", "VBP") and not auxes and verb.lemma_ not in _REPORTING and \
                verb.lemma_ not in _cues("stative_verbs"):
            return 1  # news present with a date is a timetable: "talks open Tuesday"
        return 0
    return 0


def _spacy_candidates(sdoc: Doc, text: str, taken: list[tuple[int, int, Reading]]
                      ) -> list[tuple[int, int, Reading]]:
    """spaCy DATE/TIME entities our patterns missed, kept only when we can read them."""
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        r = _read_in_context(text, s, e)
        if r is None and _NAMED_DAY.search(text[s:e]):
            # a date spaCy knows and we cannot read ("Thanksgiving Day"): kept, unresolved
            r = Reading(type=ent.label_)
        if r is not None:
            out.append((s, e, r))
    return out


def _read_in_context(text: str, s: int, e: int) -> Reading | None:
    """The reading of text[s:e] when our patterns, seeing the words around it, agree it is
    one expression: "a quarter" in "more than a quarter of the market" is a fraction."""
    lo = max(0, s - 40)
    for cs, ce, r in find_candidates(text[lo:e + 40]):
        if (cs + lo, ce + lo) == (s, e):
            return r
    # a bare number our cues did not take for a year ("sales in 1989 rose"): spaCy's word
    alone = read_text(text[s:e])
    return alone if alone is not None and text[s:e].isdigit() else None


def _sentence_index(sdoc: Doc) -> list[Span]:
    return list(sdoc.sents) if sdoc.has_annotation("SENT_START") else [sdoc[:]]


def _readings(sdoc: Doc) -> list[tuple[int, int, int, Reading, int, bool]]:
    """(start, end, sentence, reading, tense, aside) of every expression in the Doc."""
    text = sdoc.text
    cands = find_candidates(text)
    cands += _spacy_candidates(sdoc, text, cands)
    sents = _sentence_index(sdoc)
    out = []
    si = 0
    for s, e, r in sorted(cands, key=lambda c: c[0]):
        while si + 1 < len(sents) and sents[si].end_char <= s:
            si += 1
        r = _page_order(r, text[s:e], text)
        span = sdoc.char_span(s, e, alignment_mode="expand")
        tense = tense_of(span.root) if span is not None and len(span) else 0
        aside = span is not None and len(span) > 0 and _is_aside(span)
        if span is not None and _is_premodifier(span):
            s = span[1].idx  # "the [third-quarter] results": the article is the noun's
        out.append((s, e, si, r, tense, aside))
    return out


_YEAR_HEADING = re.compile(r"^[ \t]*((?:1[89]|20)\d\d)[ \t]*$", re.M)


def _page_order(r: Reading, written: str, text: str) -> Reading:
    """ "10/07/2017" on a page that writes day first is 10 July (as its dateline is)."""
    from sitrep.temporal.pubdate import date_order

    if r.year is None or r.month is None or r.day is None:
        return r
    try:
        d = date_order(date(r.year, r.month, r.day), written, text)
    except ValueError:
        return r
    return r if d.month == r.month else replace(r, month=d.month, day=d.day)


# a live-blog entry's time stamp on a line of its own: "09:20", "14:32 GMT", "2h ago"
_STAMP = re.compile(r"(?mi)^[ \t]*(?:\d{1,2}[:.]\d{2}(?:[ \t]*(?:gmt|utc|bst|cet|et|[ap]\.?m\.?))?"
                    r"|\d+[ \t]*(?:m|mins?|minutes?|h|hrs?|hours?)[ \t]+ago)[ \t]*$")


def _is_aside(span: Span) -> bool:
    """A date told in passing: in a relative clause or a "since" phrase ("talks it had pursued
    since late 2022"), not where the narrative is."""
    if span.start > 0 and span.doc[span.start - 1].lower_ == "since":
        return True
    return any(t.dep_ in ("relcl", "acl") for t in span.root.ancestors)


def _is_premodifier(span: Span) -> bool:
    """A time expression modifying a noun after it, behind that noun's article."""
    if len(span) < 2 or span[0].lower_ != "the":
        return False
    root = span[1:].root
    return span[0].head is not root and root.dep_ in ("amod", "compound", "nmod") and \
        root.head.i >= span.end


def _resolve_one(r: Reading, ctx: Context, dct_range: tuple[date, date] | None
                 ) -> tuple[str, TimeSpan, str | None]:
    """Resolve against a known DCT, or against both ends of an estimated range."""
    if ctx.dct is not None or dct_range is None:
        return resolve(r, ctx)
    lo_v, lo_s, anchor = resolve(r, replace(ctx, dct=dct_range[0]))
    hi_v, hi_s, _ = resolve(r, replace(ctx, dct=dct_range[1]))
    if anchor is None and lo_v == hi_v:
        return lo_v, lo_s, anchor  # absolute: the anchor did not matter
    bounds_lo = [d for d in (lo_s.earliest, hi_s.earliest) if d]
    bounds_hi = [d for d in (lo_s.latest, hi_s.latest) if d]
    earliest = min(bounds_lo) if len(bounds_lo) == 2 else None
    latest = max(bounds_hi) if len(bounds_hi) == 2 else None
    if lo_v == hi_v:
        span = TimeSpan(lo_v, earliest, latest, lo_s.precision, estimated=True)
        return lo_v, span, anchor
    base_v, _, _ = resolve(r, replace(ctx, dct=None))
    return base_v, TimeSpan(base_v, earliest, latest, Precision.RANGE, estimated=True), anchor


_GRAIN = list(Precision)  # finest first


def tag(sdoc: Doc, dct: date | None, *, dct_range: tuple[date, date] | None = None
        ) -> list[TimeExpression]:
    """Every time expression in `sdoc`, resolved against `dct` (or an estimated range)."""
    out: list[TimeExpression] = []
    ctx = Context(dct=dct)
    text = sdoc.text  # Doc.text re-joins every token on each access
    readings = _readings(sdoc)
    prev_end = last_end = 0
    late = False  # the narrative's day was told late: its evening or night
    prev_si = -1  # the sentence of the narrative's day
    year_head: int | None = None
    headings = [(m.start(1), int(m[1])) for m in _YEAR_HEADING.finditer(text)]
    for n, (s, e, si, r, tense, aside) in enumerate(readings):
        while headings and headings[0][0] < s:
            year_head = headings.pop(0)[1]  # a chronology's year heading: "2017" on its own
        if chronology_entry(text, s, e):
            # a chronology entry, "Feb 19: The offensive begins": told in the present, past
            # or not; a yearless day is in the year of the heading above it
            tense = 0
            if r.year is None and r.month is not None and year_head is not None:
                r = replace(r, year=year_head)
        ctx.tense = tense
        nxt = readings[n + 1] if n + 1 < len(readings) else None
        if r.anchor == "previous" and r.unit == "day" and nxt is not None and \
                not text[e:nxt[0]].strip() and nxt[3].type == "DATE":
            # "the day before last Tuesday's hearing": counted from the day named next
            _, ahead, _ = _resolve_one(nxt[3], replace(ctx, tense=nxt[4]), dct_range)
            if ahead.precision == Precision.DAY and ahead.earliest:
                ctx.prev, ctx.prev_precision = ahead.earliest, ahead.precision
        if _STAMP.search(text, last_end, s):
            # a live blog's "09:20": a new entry, told on publication day, whatever the
            # entry before it recalled
            ctx.prev = ctx.prev_precision = None
            late = False
        last_end = e
        if r.weekday is not None and r.anchor != "previous" and si == prev_si and ctx.prev and (
                ctx.prev_precision == Precision.DAY and ctx.prev.isoweekday() == r.weekday) and (
                dct is not None and (dct - ctx.prev).days > 7) and text[:s].endswith(" a "):
            r = replace(r, anchor="previous")  # "4 July 2014 - delivers a Friday sermon",
            # "on March 3, a Tuesday": the past day just named (not "from Sept. 14 to
            # Thursday", nor a day in the DCT's own week)
        if r.part == "NI" and r.anchor == "previous" and r.offset == -1 and late:
            r = replace(r, offset=0)  # "Late on Saturday, ... pulled out overnight": that night
        value, span, anchor = _resolve_one(r, ctx, dct_range)
        out.append(TimeExpression(text[s:e], s, e, si, r.type, value, span, anchor))
        overnight = r.part is not None and r.anchor == "previous" and r.offset == -1
        coarser = aside and ctx.prev_precision is not None and "\n" not in text[prev_end:s] \
            and _GRAIN.index(span.precision) > _GRAIN.index(ctx.prev_precision)
        if r.type in ("DATE", "TIME") and span.is_known and span.precision not in (
                Precision.RANGE, Precision.UNKNOWN) and span.earliest and not overnight \
                and not coarser:
            # "overnight" is the night before the narrative's day, and a coarser date told in
            # passing in the same paragraph is off to the side: the narrative stays on its day
            ctx.prev, ctx.prev_precision = span.earliest, span.precision
            prev_end, prev_si = e, si
            late = value.endswith(("TEV", "TNI")) or bool(_LATE.search(text, max(0, s - 9), s))
            q = _QUARTER.fullmatch(value)
            if q and not r.prev_grain and dct and span.latest and span.latest < dct:
                # a quarter already over: the one later comparisons refer to
                ctx.prev_quarter = int(q[1]), int(q[2])
    return _anniversaries(out, text, dct)


_LATE = re.compile(r"\blate\s+(?:on\s+)?$", re.I)
_ANNIVERSARY = re.compile(
    r"(?P<n>\w+)\s+years?\s+ago,?\s+(?:today|this\s+week|this\s+month)$", re.I)


def _anniversaries(out: list[TimeExpression], text: str, dct: date | None
                   ) -> list[TimeExpression]:
    """ "Twenty years ago today", "a year ago this week": that day, week or month N years
    back (one expression, not two)."""
    merged: list[TimeExpression] = []
    for tx in out:
        prev = merged[-1] if merged else None
        unit = re.sub(r"\s+", " ", tx.text.lower())
        if (prev is not None and dct is not None and unit in ("today", "this week", "this month")
                and prev.value and re.fullmatch(r"\d{4}", prev.value)
                and not text[prev.end:tx.start].strip(" " if "week" in unit or "month" in unit
                                                      else " ,")  # "a year ago, this week"
                and _ANNIVERSARY.match(f"{prev.text} {tx.text}")):
            try:
                day = dct.replace(year=int(prev.value))
            except ValueError:  # 29 February
                day = dct.replace(year=int(prev.value), day=28)
            span = calendar_span(day, unit.removeprefix("this ") if unit != "today" else "day")
            merged[-1] = TimeExpression(text[prev.start:tx.end], prev.start, tx.end,
                                        prev.sentence, "DATE", str(span.value), span,
                                        prev.anchor)
            continue
        merged.append(tx)
    return merged


class TimeTagger:
    """Pipeline stage: fills `doc.timexes`, estimating the publication date when unknown."""

    name: ClassVar[str] = "temporal.tagger"
    requires: ClassVar[tuple[str, ...]] = ("sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("timexes",)

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        from sitrep.temporal.pubdate import (
            copyright_range,
            date_from_url,
            estimate_range,
            find_dateline,
            narrow_by_page,
        )

        if doc.published is None:
            # a dateline in the header (kept or stripped by cleaning), else the URL
            header = doc.text  # the header lines were searched by pipeline.prepare
            found = find_dateline(header)
            doc.published = found[0] if found else date_from_url(doc.url or "")
        if doc.published is None and doc.published_range is None:
            first = tag(sdoc, None)
            rng = estimate_range(first, sdoc=sdoc) or copyright_range(doc.stripped)
            if rng is not None:
                rng = narrow_by_page(rng, doc.text, doc.stripped)
                doc.published_range, doc.published_estimated = rng, True
        if doc.published is not None:
            doc.timexes = tag(sdoc, doc.published)
        else:
            doc.timexes = tag(sdoc, None, dct_range=doc.published_range)
        base = doc.sentences[0].index if doc.sentences else 0
        for tx in doc.timexes:
            sent = doc.sentence_at(tx.start)
            tx.sentence = sent.index if sent else tx.sentence + base
