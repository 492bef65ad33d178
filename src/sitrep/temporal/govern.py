"""Which time expression dates an event: syntactic attachment first, then proximity."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sitrep.model import Precision, TimeSpan
from sitrep.temporal.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.model import Document, TimeExpression

__all__ = ["governing_timex", "unresolved_span", "opens_period", "closing_bound"]

_NOMINAL_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}
_PART_HEADS = {"hour", "minute", "morning", "afternoon", "evening", "night"}
# A clause introduced by these happens before/after its governing clause's date, not on it:
# "voted on January 5, days after the US launched an airstrike".
_SEQUENCE_WORDS = {"after", "before", "since", "until", "till", "following", "prior"}
def _in_dateline(doc: Document, start: int, end: int, sent_start: int) -> bool:
    """ "PORT SUDAN, May 5 (Reuters) - Drones struck ...": the dateline dates the story, not
    the event."""
    from sitrep.temporal.pubdate import inline_dateline

    m = inline_dateline(doc.text, sent_start)
    return bool(m and m["rest"] is not None and m.start("rest") <= start
                and end <= m.end("rest"))


_ENTRY = re.compile(r"[ \t]*(?::|[-–—][ \t])")


def chronology_entry(text: str, start: int, end: int) -> bool:
    """The expression opens a line of a chronology ("Feb 19: The offensive begins",
    "6 June 2014 - IS fighters launch an assault"): it dates the whole entry."""
    return bool(_ENTRY.match(text, end)) and not text[text.rfind("\n", 0, start) + 1:start].strip()


def _entry_of(doc: Document, start: int) -> int | None:
    """Index of the expression opening the chronology entry (the line) `start` is in."""
    line = doc.text.rfind("\n", 0, start) + 1
    for i, tx in enumerate(doc.timexes):
        if tx.start >= line:
            ok = tx.start < start and tx.type in ("DATE", "TIME") and tx.span.is_known
            return i if ok and chronology_entry(doc.text, tx.start, tx.end) else None
    return None


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _attachment(root: Token) -> Token | None:
    """The verb a time expression modifies ("killed ... on Thursday" -> killed)."""
    for t in root.ancestors:
        if _is_verb(t) and not naming_clause(t):
            return t
    return None


def naming_clause(verb: Token) -> bool:
    """ "launched what it calls Operation Peace Spring on Wednesday": the clause only names
    the object; its adjuncts are the launching's."""
    return verb.dep_ == "ccomp" and verb.lemma_.lower() in _event_lexicon()["naming_verbs"] and (
        any(c.dep_ == "dobj" and c.lower_ == "what" for c in verb.children))


def _modifies_noun(root: Token) -> Token | None:
    """The noun a time expression qualifies ("the January 3 anniversary" -> anniversary)."""
    if root.dep_ in _NOMINAL_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        return root.head
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ == "NOUN" \
            and root.head.lower_ == "of" and root.head.head.lemma_.lower() not in _PART_HEADS:
        return root.head.head  # "the attack of May 2" modifies attack; "the early hours of
        # this morning" is a time itself
    return None  # (a comparison's "since 2011" is `_comparison_since`'s)


def _dates_event_noun(root: Token, trig: Token, span: object) -> bool:
    """The expression hangs off another event noun on the way up to the trigger ("passed a
    motion ... after the assassination of X on Friday": Friday dates the assassination)."""
    from sitrep.fuse.lexical import is_event_noun

    clause = False  # a verb on the way up: "the war, which began on April 15, has killed"
    for t in root.ancestors:
        if t == trig:
            return False
        if t.pos_ == "NOUN" and t not in span and is_event_noun(t.lemma_.lower()):  # type: ignore[operator]
            # unless it is the trigger's cause ("the strike on Sunday wounded 12": Sunday's) or
            # the happening it was done in ("retook the land in a six-week war in 2020")
            return clause or not (t.dep_ in ("nsubj", "nsubjpass") and t.head == trig
                                  or _part_of(t, trig))
        clause = clause or _is_verb(t)
    return False


def _on_other_event_noun(root: Token, verb: Token, span: object) -> bool:
    """The expression qualifies another event noun in a conjunct of its own ("followed by
    raids, and then by the siege on New Year's Eve": the siege's day, not the raids')."""
    from sitrep.fuse.lexical import is_event_noun

    noun = False
    for t in root.ancestors:
        if t == verb:
            return False
        noun = noun or (t.pos_ == "NOUN" and t not in span  # type: ignore[operator]
                        and is_event_noun(t.lemma_.lower()))
        if noun and t.dep_ == "conj":
            return True
    return False


def _cause_of(noun: Token, trig: Token) -> bool:
    """ "Monday's attack killed 24": the event noun that did what the trigger tells."""
    from sitrep.fuse.lexical import is_event_noun, synonym_groups, trigger_key

    key = trigger_key(noun.lemma_.lower())
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head == trig and bool(
        is_event_noun(key) or key in synonym_groups())


def _part_of(noun: Token, trig: Token) -> bool:
    """The happening the trigger was done in ("seized power in a 2021 coup", "killed during
    the 2014 offensive"): its date is the trigger's."""
    from sitrep.annotate.events import lexicon
    from sitrep.fuse.lexical import is_event_noun

    prep = noun.head
    lemma = noun.lemma_.lower()
    if lemma in lexicon()["cause_nouns"]:
        return False  # "in retaliation for an attack two days earlier": a reason, not a part
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head == trig and (
        prep.lower_ in ("in", "during")) and (is_event_noun(lemma)
                                              or lemma in lexicon().get("_nouns", {}))


def _frames_trigger(noun: Token, trig: Token) -> bool:
    """A dated occasion whose clause holds the trigger dates it too ("a January 5 session ...
    that resulted in passing a resolution"); a commemoration or deadline does not ("the
    January 3 anniversary of the strike that killed him")."""
    from sitrep.temporal.pubdate import _cfg  # forward nouns are declared with the pub dates

    return noun in trig.ancestors and noun.lemma_.lower() not in _cfg()["forward_nouns"]


_FUTURE_AUX = frozenset(["will", "shall", "'ll", "wo"])  # not "would": "said it would resume"


def _appointment(root: Token, trig: Token) -> bool:
    """ "called a summit for Wednesday": the day is the summit's, not the calling's."""
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "for" and (
        trig.lemma_ in lexicon()["tense_cues"]["schedule_verbs"]) and (
        prep.head == trig or prep.head.dep_ == "dobj" and prep.head.head == trig)


def _separate_clause(trig: Token, verb: Token) -> bool:
    """Between the trigger and the verb the date attaches to lies a clause with a time of its
    own: an after/before clause, or a relative clause ("warned on Monday of the anniversary
    of the strike that killed him": Monday is not when he was killed), or a reported future."""
    for t in (trig, *trig.ancestors):
        if t == verb:
            return False
        if t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX") and not (
                t.head.lemma_.lower() in _event_lexicon()["occasion_nouns"] and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
            return True  # (not "sat together last week for the first time to discuss")
        if t.dep_ == "conj" and t.head == verb and None not in (_tense(t), _tense(verb)) and (
                _tense(t) != _tense(verb)) and (_own_aux(t) or "future" in (
                    _tense(t), _tense(verb))):
            return True  # "will hold a summit on Sunday, and have threatened sanctions"; not
            # "had crossed the line on Monday and attacked", whose "had" both share
        if t.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX
                                     for c in t.children):
            return True  # "said on Friday that the mission will end": not Friday's
        if any(c.dep_ in ("mark", "prep") and c.lower_ in _SEQUENCE_WORDS and not _lapse(c)
               for c in t.children):
            return True
    return False


def _tense(verb: Token) -> str | None:
    """The tense a clause marks: future, perfect or past; None when it marks none."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "perfect"
    return "past" if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD" else None


def _own_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


_LAPSE_UNITS = {"minute", "hour", "day", "week", "month", "year", "decade"}


def _lapse(prep: Token) -> bool:
    """ "after ten days", "within weeks": a lapse counted from the clause's own date, not a
    happening with a date of its own ("seized Goma in 2012 but withdrew after ten days")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.lemma_.lower() in _LAPSE_UNITS and any(
        c.like_num or c.lower_ in ("a", "an", "several", "few") for c in o.children)
        for o in objs)


_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "appos"}


def _describes_participant(root: Token, trig: Token, span: object) -> bool:
    """The expression sits in a relative clause about a participant, not about the deed:
    "Williams, who swam to stardom in the 1940s, dies at 91" (the 1940s are hers). A clause
    on a prepositional object still hints at the time ("died of injuries he sustained on
    December 8")."""
    for t in root.ancestors:
        if t == trig:
            return False
        if t.dep_ in ("relcl", "acl") and _is_verb(t):  # not the event noun itself:
            return t.head.dep_ in _PARTICIPANT_DEPS and t.head not in span  # type: ignore[operator]
    return False  # "launched an offensive known as Operation 1027 last October"


def _antecedent_day(root: Token, trig: Token) -> bool:
    """ "a strike on Sept. 2 that killed 11 people": the day of the happening whose relative
    clause tells the trigger is the trigger's."""
    from sitrep.fuse.lexical import is_event_noun

    noun = trig.head
    return trig.dep_ == "relcl" and root.dep_ == "pobj" and root.head.dep_ == "prep" and (
        root.head.lower_ in ("on", "in", "at")) and root.head.head == noun and (
        is_event_noun(noun.lemma_.lower()) or noun.lemma_.lower() in _event_lexicon()["_nouns"])


def _aside_of_other_clause(root: Token, trig: Token) -> bool:
    """ "12 million have been driven from their homes, and famine has been confirmed in
    Zamzam, where it was first declared last August": a relative clause inside another
    clause with its own subject says nothing of the trigger's time."""
    relative = joined = False
    for t in root.ancestors:
        if t == trig:
            break
        relative = relative or t.dep_ in ("relcl", "acl") and t.pos_ in ("VERB", "AUX")
        joined = joined or t.dep_ == "conj" and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
    return relative and joined


def _later_conjunct(clause: Token, trig: Token) -> bool:
    """ "declared martial law ..., and Congress later extended it until the end of the year":
    a clause joined to the trigger's that says it came later has its own time ("X was
    killed and two were wounded on Sunday" share theirs)."""
    return clause.dep_ == "conj" and clause.head == trig and any(
        c.dep_ == "advmod" and c.lower_ in ("later", "then", "afterwards", "afterward",
                                            "subsequently", "eventually") and not list(
            c.children) for c in clause.children)  # a bare "later", not "two days later"


def _relative_clause_day(root: Token, trig: Token) -> bool:
    """The day of a clause the trigger comes before ("attending his final summit before Rutte
    takes office on 1 October"): that clause's day, not the trigger's. (A day "after" which
    the trigger came still dates it, as the nearest thing told.)"""
    for t in root.ancestors:
        if t == trig:
            return False
        if any(c.dep_ == "mark" and c.lower_ in _RELATIVE_MARKS for c in t.children):
            return True
    return False


_RELATIVE_MARKS = frozenset(["before"])  # "backed the forces until the group lost its
# last territory in December 2017" ends then: that month still dates the backing


def _comparison_since(root: Token, trig: Token) -> bool:
    """The date is the baseline of a comparison, not the day of what is compared: "the worst
    fighting since the Taliban seized power in 2021", "the first time a member has fired on
    Russian assets since 2022", "the deadliest attack since 2019"."""
    for t in (root, *root.ancestors):
        if t == trig:
            return False  # the since-clause's own verb: "seized" is 2021's
        if t.dep_ == "pobj" and t.head.lower_ == "since":
            if t in trig.ancestors:
                return False  # the baseline's own deed: "since an ambush in 1975, when
                # four troops were killed"
            compared = t.head.head
        elif any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            compared = t.head
        else:
            continue
        while compared.dep_ in ("relcl", "acl") and compared.pos_ in ("VERB", "AUX"):
            compared = compared.head  # "the first time [a member has fired] since"
        return any(c.dep_ in ("amod", "nummod") and (
            c.tag_ in ("JJS", "RBS") or c.ent_type_ == "ORDINAL" or c.lower_ in (
                "first", "last", "only") or any(g.lower_ == "most" for g in c.children))
            for c in compared.children)
    return False


def _before_reported_subject(root: Token, clause: Token) -> bool:
    """ "said on Saturday it had killed": a day between a speech verb and the subject of its
    reported clause is the telling's, though the parse hangs it on the clause."""
    while clause.dep_ == "conj":
        clause = clause.head
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return clause.dep_ == "ccomp" and subj is not None and (
        clause.head.i < root.i < subj.left_edge.i) and clause.head.lemma_.lower() in (
        _telling())


def _telling() -> set[str]:
    return set(_event_lexicon()["telling_verbs"])


def _event_lexicon() -> dict[str, Any]:
    from sitrep.annotate.events import lexicon

    return lexicon()


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
    attached, governing, deep, loose = [], [], [], []
    for i, tx in enumerate(doc.timexes):
        if tx.type not in ("DATE", "TIME") or (sent and not sent.start <= tx.start < sent.end):
            continue
        if _in_dateline(doc, tx.start, tx.end, sent.start if sent else 0):
            continue
        tspan = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
        if tspan is None or not len(tspan) or trig.sent != tspan.root.sent:
            continue
        root = tspan.root
        if _appointment(root, trig) or _comparison_since(root, trig):
            continue
        dist = abs(tx.start - start)
        if _antecedent_day(root, trig):
            attached.append((dist, i))
            continue
        noun = _modifies_noun(root)
        if noun is not None and noun.pos_ == "PROPN" and trig in noun.ancestors:
            noun = None  # a name takes no date: "launched Operation 1027 last October"
        if noun is not None and noun not in span and not (
                _frames_trigger(noun, trig) or _cause_of(noun, trig) or _part_of(noun, trig)):
            continue
        if noun is not None or trig in root.ancestors:
            if noun is None and _dates_event_noun(root, trig, span):
                continue
            # inside a clause of its own below the trigger ("killed ... from injuries he
            # sustained on December 8"), it dates that clause first; the trigger's own
            # relative clause is attached ("the strike that killed him last week")
            own = _attachment(root)
            if noun is None and own is not None and _before_reported_subject(root, own):
                governing.append((dist, i))  # "said on Monday it had killed 12 on Sunday"
                continue
            if noun is None and own is not None and own not in trig_chain and own not in span \
                    and not (own.dep_ in ("relcl", "acl") and own.head == trig):
                if not _describes_participant(root, trig, span) and not _relative_clause_day(
                        root, trig) and not _later_conjunct(own, trig) and not (
                        _aside_of_other_clause(root, trig)):
                    deep.append((dist, i))
            else:
                attached.append((dist, i))
            continue
        if tx.value == "PRESENT_REF":
            continue  # "now" of another clause ("it now has 84 members and backed ... until
            # 2017") is the telling's time, not the deed's day
        verb = _attachment(root)
        if verb is None:
            loose.append((dist, i))
        elif verb in trig_chain and not _separate_clause(trig, verb) and not (
                _on_other_event_noun(root, verb, span)):
            governing.append((dist, i))
    for group in (attached, governing):
        if group:
            return min(group)[1]
    entry = _entry_of(doc, start)
    if entry is not None:
        return entry
    for group in (loose, deep):
        if group:
            return min(group)[1]
    return None


def unresolved_span(doc: Document) -> TimeSpan:
    """The interval of an event no expression dates: on or before publication."""
    dct = doc.dct
    return TimeSpan(None, None, dct.latest, Precision.RANGE, estimated=dct.estimated,
                    unresolved=True)


def closing_bound(doc: Document, index: int) -> TimeExpression | None:
    """The expression that closes a period the one at `index` opens: "between October 2023
    and February 2024", "from May to July"."""
    tx = doc.timexes[index]
    if not re.search(r"\b(?:between|from)\s+$", doc.text[max(0, tx.start - 9):tx.start], re.I):
        return None
    nxt = next((t for t in doc.timexes if t.start >= tx.end), None)
    if nxt is None or nxt.type != "DATE" or not nxt.span.is_known or not re.fullmatch(
            r"\s*(?:and|to|until|till|through|-|–)\s*", doc.text[tx.end:nxt.start]):
        return None
    return nxt


def opens_period(doc: Document, start: int) -> bool:
    """The expression at `start` opens a period that runs to now ("since 2013", "since
    November 19"): it dates where a count or a run of attacks starts, not the count."""
    return bool(re.search(r"\bsince\s+(?:the\s+)?$", doc.text[max(0, start - 12):start], re.I))
