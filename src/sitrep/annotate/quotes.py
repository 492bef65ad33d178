"""Quotes: who said what, direct ("...," X said) and reported (X said that ...), with a stance.

Direct quotes are found from the quotation marks of each paragraph (straight or curly, a quote
left open at the paragraph end, a closing mark whose opening mark was lost); the speaker is the
subject of the speech verb right after the quote or before it in the same sentence, resolved
through the entity mentions (names, pronouns, descriptions). Reported speech is a speech verb
with a clausal complement, "according to X", or a call/demand "for" something.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from sitrep._data import load_yaml
from sitrep.annotate.entities import speech_subject
from sitrep.annotate.stances import assign_stances, carried_stance, stance_of
from sitrep.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.model import Document, Mention, TimeSpan

__all__ = ["QuoteExtractor", "carried_stance", "quote_spans", "stance_of"]

_OPEN = "“„«"
_CLOSE = "”»"
_STRAIGHT = '"'
# "ERBIL, Kurdistan Region – " opens many wire stories; it is no part of what was said
_DATELINE = re.compile(r"[A-Z][A-Z .'\-]{2,}(?:,[^–—\n]{0,40}?)?\s+[–—-]{1,2}\s+")


def _load(name: str) -> Any:
    text = resources.files("sitrep.annotate").joinpath("data", name).read_text("utf-8")
    return load_yaml(text)


@cache
def _cues() -> dict[str, Any]:
    data = _load("quotes_cues.yaml")
    data["_verbs"] = frozenset(data["verbs"])
    data["_non_speakers"] = frozenset(data["non_speakers"])
    data["_groups"] = frozenset(data["group_nouns"])
    data["_person_nouns"] = frozenset(data["person_nouns"])
    return data


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks), paragraph by paragraph.

    A quote still open at the end of its paragraph runs to that end (news style opens each
    paragraph of a long quote and closes only the last); a closing mark with no opening one
    starts its quote at the paragraph start (a lost opening mark).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        spans += _para_quotes(para, pos)
        pos += len(para) + 1
    return [(s, e) for s, e in spans if e > s and text[s:e].strip()]


def _para_quotes(para: str, base: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    opened: int | None = None
    straight = False
    for i, ch in enumerate(para):
        if ch in _OPEN or (ch == _STRAIGHT and opened is None):
            if opened is None:
                opened, straight = i + 1, ch == _STRAIGHT
        elif ch in _CLOSE or (ch == _STRAIGHT and opened is not None):
            if opened is not None:
                out.append((base + opened, base + i))
                opened = None
            elif ch in _CLOSE and not out:  # lost opening mark: quote from paragraph start
                lead = len(para) - len(para.lstrip())
                if i - lead > 20:
                    out.append((base + lead, base + i))
    # a straight mark left open counts only when it opens the paragraph (news style for a quote
    # running on); elsewhere it is more likely a stray or unpaired mark
    lead = len(para) - len(para.lstrip())
    if opened is not None and (not straight or opened == lead + 1) and len(para) - opened > 20:
        out.append((base + opened, base + len(para.rstrip())))
    if not out:
        out = _single_quotes(para, base)
    return [_trim(para, base, s, e) for s, e in out]


# British style: ‘...’ where ’ is also the apostrophe; a closing ’ is not followed by a letter
_SINGLE = re.compile(r"(?<![\w’])‘(?P<q>[^‘”“\n]{3,}?)’(?![\w])")


def _single_quotes(para: str, base: int) -> list[tuple[int, int]]:
    return [(base + m.start("q"), base + m.end("q")) for m in _SINGLE.finditer(para)]


def _trim(para: str, base: int, s: int, e: int) -> tuple[int, int]:
    piece = para[s - base:e - base]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip(" ,"))
    return s + lead, e - trail


class QuoteExtractor:
    """Stage: fill `doc.quotes` with direct and reported statements and their speakers."""

    name: ClassVar[str] = "annotate.quotes"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "mentions", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        spans = quote_spans(doc.text)
        quotes = _direct_quotes(doc, sdoc, spans)
        quotes += _reported(doc, sdoc, spans, quotes)
        quotes.sort(key=lambda q: q.evidence.start)
        assign_stances(doc, quotes)
        doc.quotes = quotes


# --- direct quotes ------------------------------------------------------------------------


def _in_spans(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _is_cue(tok: Token, reported_ok: bool = False) -> bool:
    if tok.lemma_.lower() not in _cues()["_verbs"] or tok.pos_ not in ("VERB", "AUX"):
        return False
    return reported_ok or tok.lemma_.lower() not in _cues()["reported_only"]


def _after_cue(doc: Document, sdoc: Doc, end: int, spans: list[tuple[int, int]]) -> Token | None:
    """A speech verb in the clause right after the closing mark ('," X said.')."""
    para_end = doc.text.find("\n", end)
    para_end = len(doc.text) if para_end < 0 else para_end
    seen = 0
    for tok in sdoc:
        if tok.idx <= end or tok.idx >= para_end or tok.is_quote or tok.text in ",":
            continue
        if _in_spans(tok.idx, spans) or tok.text in ".!?;" or seen >= 16:
            break
        seen += 1
        if _is_cue(tok):
            return tok
    return None


def _before_cues(doc: Document, sdoc: Doc, start: int, spans: list[tuple[int, int]]
                 ) -> list[Token]:
    """Speech verbs before the opening mark in the same sentence, nearest first."""
    para_start = doc.text.rfind("\n", 0, start) + 1
    found: list[Token] = []
    for tok in sdoc:
        if tok.idx >= start:
            break
        if tok.idx < para_start or _in_spans(tok.idx, spans):
            continue
        if tok.text in ".!?" and tok.i + 1 < len(sdoc) and not sdoc[tok.i + 1].is_quote:
            found = []  # a sentence ended: cues before it govern something else
        elif _is_cue(tok):
            found.append(tok)
    return found[::-1]


def _attribution(doc: Document, sdoc: Doc, s: int, e: int, spans: list[tuple[int, int]]
                 ) -> tuple[Token, str | None, str] | None:
    """(cue verb, speaker key, speaker name) for the quote at [s, e), or None."""
    after = _after_cue(doc, sdoc, e, spans)
    cues = ([after] if after is not None else []) + _before_cues(doc, sdoc, s, spans)
    first: tuple[Token, str | None, str] | None = None
    for cue in cues:
        cue = _outer_cue(cue) or cue  # 'said X, who asked ...': the speech verb is 'said'
        key, name = _speaker(doc, sdoc, cue)
        if key is not None:
            return cue, key, name
        if first is None:
            first = (cue, key, name)  # attributed, to someone we cannot name
    return first


def _direct_quotes(doc: Document, sdoc: Doc, spans: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    last: Quote | None = None
    pending: list[tuple[int, int]] = []  # unattributed quotes waiting for a following speaker
    orphans: list[tuple[int, int]] = []  # unattributed quotes no speaker followed
    min_words = _cues()["min_words_unattributed"]
    for s, e in spans:
        text = doc.text[s:e]
        found = _attribution(doc, sdoc, s, e, spans)
        short = len(text.split()) < min_words
        if found is not None and not _opens_sentence(doc, s) \
                and not _governs(sdoc, found[0], s, e) \
                and (short or found[0].idx > e and not _ends_clause(doc, e, found[0].idx)):
            found = None  # 'called the bill "a gift" and said ...': a scare quote, not speech
        if found is None:
            headed = _headline_speaker(doc, s)
            if headed is not None and not short:
                key, name = headed
                q = Quote(text=text, speaker=key, speaker_name=name,
                          evidence=doc.evidence(s, e), date=doc.dct if doc.dct.is_known else None,
                          cue=":", kind="direct")
                quotes.append(q)
                continue
            if short or _has_cue(sdoc, s, e, spans):
                orphans += pending
                pending = []
                continue
            # a quote with no speech verb that opens its sentence next to an attributed one
            # continues it
            gap = doc.text[last.evidence.end:s] if last else "x" * 99
            if len(gap.strip()) > 60 or not _opens_sentence(doc, s):
                chain = _chain(doc, pending, s)
                orphans += [p for p in pending if p not in chain]
                pending = [*chain, (s, e)]
                continue
            assert last is not None
            key, name, cue_text, date = last.speaker, last.speaker_name, last.cue, last.date
        else:
            cue, key, name = found
            cue_text = cue.text.lower()
            date = _speech_date(doc, sdoc, cue, spans)
            # '“A ...' (paragraph left open) '“B,” X said.': A is X's too
            chain = _chain(doc, pending, s)
            orphans += [p for p in pending if p not in chain]
            quotes += [Quote(text=doc.text[ps:pe], speaker=key, speaker_name=name,
                             evidence=doc.evidence(ps, pe), date=date, cue=cue_text,
                             kind="direct") for ps, pe in chain]
        pending = []
        q = Quote(text=text, speaker=key, speaker_name=name, evidence=doc.evidence(s, e),
                  date=date, cue=cue_text, kind="direct")
        quotes.append(q)
        last = q
    return quotes + _floating(doc, sdoc, orphans + pending, spans)


def _chain(doc: Document, pending: list[tuple[int, int]], s: int) -> list[tuple[int, int]]:
    """The pending quotes that run on to the quote at `s`, each close to the next (a quote over
    several paragraphs, each opened and left open)."""
    chain: list[tuple[int, int]] = []
    for ps, pe in reversed(pending):
        if len(doc.text[pe:s].strip()) > 60:
            break
        chain.insert(0, (ps, pe))
        s = ps
    return chain


def _opens_sentence(doc: Document, s: int) -> bool:
    """Does the quote starting at `s` open its sentence (nothing but a finished sentence or a
    colon before its opening mark in the paragraph)?"""
    before = doc.text[doc.text.rfind("\n", 0, s) + 1:s].rstrip(_OPEN + _STRAIGHT + "‘ ")
    return not before or before[-1] in ".!?:" + _CLOSE + _STRAIGHT


def _ends_clause(doc: Document, e: int, cue: int) -> bool:
    """Does punctuation end the quoted clause before the attribution after it ('... defeat,” it
    says')?"""
    between = doc.text[e:cue].strip(_CLOSE + _STRAIGHT + "’ ")
    return between[:1] in (",", ".", "!", "?", ";", "—", "–", "-")


def _governs(sdoc: Doc, cue: Token, s: int, e: int) -> bool:
    """Is a word of the quoted fragment at [s, e) in the clause of the speech verb `cue`?"""
    span = sdoc.char_span(s, e, alignment_mode="expand")
    return span is not None and any(cue in t.ancestors for t in span)


def _headline_speaker(doc: Document, s: int) -> tuple[str | None, str] | None:
    """'Okafor: "We will not be intimidated"': a name and a colon open the paragraph."""
    para = doc.text.rfind("\n", 0, s) + 1
    m = re.fullmatch(r"\s*(\S.{0,60}?)\s*:\s*", doc.text[para:s].rstrip(_OPEN + _STRAIGHT))
    if m is None:
        return None
    who = _mention_at(doc, para + m.start(1))
    if who is None or who.start != para + m.start(1) or who.end != para + m.end(1):
        return None
    return who.entity, _name(doc, who)


def _floating(doc: Document, sdoc: Doc, orphans: list[tuple[int, int]],
              spans: list[tuple[int, int]]) -> list[Quote]:
    """Quotes no attribution reaches that open their paragraph ('President X gave a farewell
    address.' then paragraphs of quotes) speak for the person the sentence before is about."""
    out: list[Quote] = []
    for s, e in sorted(orphans):
        para = doc.text.rfind("\n", 0, s) + 1
        if out and not doc.text[out[-1].evidence.end:s].strip(_OPEN + _CLOSE + _STRAIGHT + " \n"):
            prev_q = out[-1]  # the next paragraph of a floating quote
            out.append(Quote(text=doc.text[s:e], speaker=prev_q.speaker,
                             speaker_name=prev_q.speaker_name, evidence=doc.evidence(s, e),
                             date=prev_q.date, cue="", kind="direct"))
            continue
        end = len(doc.text[:para].rstrip()) - 1  # the last character of the paragraph before
        if doc.text[para:s].strip(_OPEN + _STRAIGHT + " ") or end < 0 or _in_spans(end, spans) \
                or doc.text[end] in _CLOSE + _STRAIGHT:
            continue
        prev = sdoc.char_span(end, end + 1, alignment_mode="expand")
        subj = [t for t in prev[0].sent if t.dep_ in ("nsubj", "nsubjpass")
                and t.head.dep_ == "ROOT"] if prev is not None else []
        key, name = _resolve_np(doc, subj[0]) if subj else (None, "")
        if key is None or not _is_person(doc, key):
            continue
        out.append(Quote(text=doc.text[s:e], speaker=key, speaker_name=name,
                         evidence=doc.evidence(s, e), date=doc.dct if doc.dct.is_known else None,
                         cue="", kind="direct"))
    return out


def _has_cue(sdoc: Doc, s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Is there a speech verb outside quotes in the sentence (and paragraph) of [s, e)?"""
    span = sdoc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    text = sdoc.text
    lo = text.rfind("\n", 0, s) + 1
    hi = text.find("\n", e)
    hi = len(text) if hi < 0 else hi
    return any(_is_cue(t) and not _in_spans(t.idx, spans) and lo <= t.idx < hi
               for t in span.sent)


# --- speakers -----------------------------------------------------------------------------


def _mention_at(doc: Document, i: int, kinds: tuple[str, ...] | None = None) -> Mention | None:
    hits = [m for m in doc.mentions if m.start <= i < m.end and m.entity
            and (kinds is None or m.kind in kinds)]
    # the most specific (shortest) mention: a name inside a description wins
    return min(hits, key=lambda m: m.end - m.start) if hits else None


def _speaker(doc: Document, sdoc: Doc, verb: Token) -> tuple[str | None, str]:
    outer = _outer_cue(verb)
    if outer is not None:
        return _speaker(doc, sdoc, outer)
    subj = speech_subject(verb)
    key, name = _resolve_np(doc, subj) if subj is not None else (None, "")
    if key is None:  # 'said the commission's vice-president, Margit Kovács': parsed as 3 subjects
        for other in (c for c in verb.children if c.dep_ == "nsubj" and c is not subj):
            m = _mention_at(doc, other.idx)
            if m is not None and m.label == "PERSON":
                return m.entity, _name(doc, m)
    if key is None or not _is_person(doc, key):
        # "<dateline>, Prime Minister X announced": the person right before the verb speaks
        gov = subj.head if subj is not None else verb
        prev = _mention_at(doc, sdoc[max(gov.i - 1, 0)].idx)
        if prev is not None and prev.label == "PERSON" and prev.sentence == \
                _sent_index(doc, gov.idx):
            return prev.entity, _name(doc, prev)
    if key is None and subj is not None and subj.pos_ in ("PRON", "DET") and (
            not name or _nobody(doc, subj) is None):
        return None, ""  # an unresolved pronoun names nobody
    return key, name


def _outer_cue(verb: Token) -> Token | None:
    """'said X, who asked not to be named': a speech verb in a relative clause speaks for the
    speaker of the speech verb it hangs from (the parser often attaches the clause to the
    nearest noun, not to X)."""
    rel = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
           and c.lower_ in ("who", "which", "that")]
    if verb.dep_ != "relcl" or not rel:
        return None
    return next((a for a in verb.ancestors if _is_cue(a)), None)


def _is_dateline(tok: Token) -> bool:
    """'ERBIL, ...' / 'BAGHDAD —' opening a paragraph: a place line, never a speaker."""
    text = tok.doc.text
    at_start = tok.idx == 0 or text[tok.idx - 1] == "\n"
    return at_start and tok.is_alpha and tok.is_upper and len(tok) >= 3


def _nobody(doc: Document, subj: Token) -> tuple[str | None, str] | None:
    """For subjects that name nobody: (None, "") to drop, the 'of' group they stand for
    ('hundreds of fishermen'), or None when the subject is a real speaker."""
    if _is_dateline(subj):  # 'ERBIL, Region – Officials said': the apposition speaks
        appos = [t for t in subj.subtree if t.dep_ == "appos"]  # may hang on 'Region' too
        return _resolve_np(doc, appos[0]) if appos else (None, "")
    if subj.lower_ not in _cues()["_non_speakers"] and subj.pos_ != "PRON":
        return None
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            return _resolve_np(doc, pobj)
    return None, ""


def _is_person(doc: Document, key: str) -> bool:
    ent = doc.entities.get(key)
    return ent is not None and ent.type == "PERSON"


def _sent_index(doc: Document, offset: int) -> int:
    sent = doc.sentence_at(offset)
    return sent.index if sent else -1


def _resolve_np(doc: Document, subj: Token) -> tuple[str | None, str]:
    own = _mention_at(doc, subj.idx)
    if own is not None and own.entity and not _is_dateline(subj):
        return own.entity, _name(doc, own)
    nobody = _nobody(doc, subj)
    if nobody is not None:
        return nobody
    para = doc.text.count("\n", 0, subj.idx)
    subtree = [t for t in subj.subtree if doc.text.count("\n", 0, t.idx) == para]
    # 'the commission's vice-president for competition, Margit Kovács': the parse may hang the
    # appositive on any word of the phrase
    appos = [m for a in subtree if a.dep_ == "appos" for u in a.subtree
             if (m := _mention_at(doc, u.idx)) is not None]
    # a name the recognizer took for an organisation, in apposition to 'spokeswoman'
    named = [m for m in appos if m.kind == "name" and len(m.text.split()) > 1
             and subj.lemma_.lower() in _cues()["_person_nouns"]]
    for m in [m for m in appos if m.label == "PERSON"][:1] or named[-1:]:
        return m.entity, _name(doc, m)
    if subj.lemma_.lower() in _cues()["_groups"]:  # 'residents of X', 'relatives of Y'
        return None, _np_text(subj.doc[subtree[0].i:subtree[-1].i + 1])
    people = [m for t in subtree if (m := _mention_at(doc, t.idx)) and m.label == "PERSON"]
    if people:  # the person nearest the head noun
        best = min(people, key=lambda m: abs(m.start - subj.idx))
        return best.entity, _name(doc, best)
    words = {w.lower() for w in _cues()["statement_nouns"]}
    if subj.lemma_.lower() in words:  # "the coalition's statement", "a statement from X"
        for t in subtree:
            m = _mention_at(doc, t.idx)
            if m and t.dep_ in ("poss", "pobj", "compound"):
                return m.entity, _name(doc, m)
        if subj.dep_ in ("dobj", "pobj") or subj.head.dep_ == "prep":
            return _owner_of(doc, subj)
    np = _np_text(subj.doc[subj.left_edge.i:subj.i + 1])
    for t in subj.children:  # "the US military", "its officials": the state or group they serve
        m = _mention_at(doc, t.idx)
        if m and t.dep_ in ("compound", "poss") and m.label in ("ORG", "GPE"):
            return m.entity, np
    return None, np


def _owner_of(doc: Document, noun: Token) -> tuple[str | None, str]:
    """'X passed a resolution which calls for ...': the resolution speaks for X."""
    head = noun.head
    while head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    subj = speech_subject(head) if head.pos_ in ("VERB", "AUX") else None
    if subj is None or subj.i == noun.i:
        return None, _np_text(noun.doc[noun.left_edge.i:noun.i + 1])
    return _resolve_np(doc, subj)


def _np_text(span: Span) -> str:
    if len(span) > 1 and _is_dateline(span[0]):  # 'BAGHDAD — the ministry': the place goes
        dash = next((t.i for t in span[:8] if t.text in ("–", "—", "-", "--")), span.start)
        span = span.doc[dash + 1:span.end]
    words = span.text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _name(doc: Document, m: Mention) -> str:
    ent = doc.entities.get(m.entity or "")
    return ent.name if ent else m.text


def _speech_date(doc: Document, sdoc: Doc, verb: Token, spans: list[tuple[int, int]]
                 ) -> TimeSpan | None:
    """The time expression of the speech act ('told Rudaw on Friday'), else the publication."""
    clause = [t for t in verb.subtree if not _in_spans(t.idx, spans)
              and not (t.dep_ == "ccomp" or any(a.dep_ == "ccomp" for a in t.ancestors
                                                 if a.i != verb.i and verb in a.ancestors))]
    lo = min((t.idx for t in clause), default=verb.idx)
    hi = max((t.idx + len(t) for t in clause), default=verb.idx)
    for tx in doc.timexes:
        if lo <= tx.start < hi and not _in_spans(tx.start, spans) and tx.type == "DATE":
            inside_comp = any(t.dep_ == "ccomp" and t.left_edge.idx <= tx.start
                              < t.right_edge.idx + len(t.right_edge) for t in verb.children)
            if not inside_comp:
                return tx.span
    return doc.dct if doc.dct.is_known else None


# --- reported speech ----------------------------------------------------------------------


def _reported(doc: Document, sdoc: Doc, spans: list[tuple[int, int]], direct: list[Quote]
              ) -> list[Quote]:
    out: list[Quote] = []
    for tok in sdoc:
        found = _reported_at(tok)
        if found is None:
            continue
        content, speaker_tok = found
        if not len(content):
            continue
        s, e = content[0].idx, content[-1].idx + len(content[-1])
        covered = sum(min(e, qe) - max(s, qs) for qs, qe in spans if qs < e and s < qe)
        if covered > 0.5 * (e - s) or e - s < 15:
            continue  # the clause is a direct quote already
        if speaker_tok is None:
            key, name = _speaker(doc, sdoc, tok)
        else:
            key, name = _resolve_np(doc, speaker_tok)
        if not name and key is None:
            continue  # nobody (or an unresolved pronoun) speaks
        dateline = _DATELINE.match(doc.text, s, e)
        if dateline:
            s = dateline.end()
        if doc.text[s:e].count('"') % 2 and doc.text[e:e + 1] == '"':
            e += 1  # 'on the basis of "wise approaches".': the inner quote closes
        elif doc.text[s:e].count("“") > doc.text[s:e].count("”") and doc.text[e:e + 1] == "”":
            e += 1
        text = doc.text[s:e].strip(" ,.")
        if tok.lemma_.lower() in _cues()["demands"] and tok.idx < s:
            # keep the demand itself: 'calls for the expulsion ...'
            s = tok.idx
            text = doc.text[s:e].strip(" ,.")
        out.append(Quote(text=text, speaker=key, speaker_name=name, evidence=doc.evidence(s, e),
                         date=_speech_date(doc, sdoc, tok, spans), cue=_cue_text(tok),
                         kind="reported"))
    return out


def _cue_text(tok: Token) -> str:
    if tok.lower_ == "according":
        return "according to"
    return tok.text.lower()


def _reported_at(tok: Token) -> tuple[Span, Token | None] | None:
    """(content clause, explicit speaker token or None) when `tok` introduces reported speech."""
    doc = tok.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        pobj = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        if not pobj:
            return None
        head = tok.head
        sent = tok.sent
        before = [t for t in sent if t.i < tok.i and not t.is_punct]
        after = [t for t in sent if t.i > pobj[0].right_edge.i and not t.is_punct]
        # '<clause>, according to X, though ...': the phrase backs the clause it modifies
        rest = before if head.i < tok.i and len(before) >= 3 else after or before
        if not rest or head is None:
            return None
        return doc[rest[0].i:rest[-1].i + 1], pobj[0]
    if tok.lemma_.lower() in _cues()["demands"] and tok.pos_ in ("VERB", "NOUN"):
        return _demand_at(tok)
    if not _is_cue(tok, reported_ok=True) or any(c.dep_ == "neg" for c in tok.children):
        return None  # 'officials did not say how many ...' states nothing
    for comp in [c for c in tok.children if c.dep_ == "ccomp"]:
        if comp.i < tok.i and ";" in (t.text for t in doc[comp.right_edge.i:tok.i]):
            continue  # 'A happened; X threatens sanctions': two clauses, not what X said
        left = comp.left_edge
        while left.dep_ == "prep" and left.head == comp and left.right_edge.i < comp.i and all(
                t.ent_type_ in ("DATE", "TIME") for t in left.subtree if t != left):
            left = doc[left.right_edge.i + 1]  # 'said on Saturday it had': the telling's day
        if left.lower_ == "that":
            left = doc[left.i + 1]
        span = _clip(doc[left.i:comp.right_edge.i + 1], tok)
        if len(span):  # parses run across headlines: the clause in the cue's paragraph
            return span, None
    # inverted: "<clause>, a member of the committee told Rudaw" / "<clause>, revealed the MP"
    start = tok.left_edge.i
    if tok.dep_ in ("conj", "parataxis") and tok.head.i < tok.i and start > 0 \
            and doc[start - 1].text == "," and tok.head.left_edge.i < start - 1 \
            and not _has_own_complement(tok):
        return _clip(doc[tok.head.left_edge.i:start - 1], tok), None
    return None


def _has_own_complement(tok: Token) -> bool:
    """'..., and parliament asked the government to expel them': a verb with its own
    complement, or joined by 'and', is one more event in a list, not an inverted attribution."""
    doc = tok.doc
    # parses run across sentences: only a complement before the next full stop counts
    if any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i
           and not any(t.text in ".!?;" for t in doc[tok.i:c.i]) for c in tok.children):
        return True
    return any(c.dep_ == "cc" and tok.head.i < c.i < tok.i for c in tok.head.children)


def _demand_at(tok: Token) -> tuple[Span, Token | None] | None:
    """'X calls for Y', 'a resolution demanding Y', 'a call by X to do Y': X demands Y."""
    doc = tok.doc
    content = None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "for" and list(c.children):
            content = doc[c.i + 1:c.right_edge.i + 1]
        elif c.dep_ in ("dobj", "xcomp", "advcl", "acl") and content is None \
                and c.i > tok.i:
            content = doc[c.left_edge.i:c.right_edge.i + 1]
    if content is None:
        return None
    if tok.pos_ == "NOUN":
        by = [g for c in tok.children if c.dep_ == "poss" or c.lower_ in ("by", "from")
              for g in ([c] if c.dep_ == "poss" else c.children)]
        return (_clip(content, tok), by[0]) if by else None
    if tok.dep_ in ("relcl", "acl"):  # 'a resolution which calls for': who passed it
        owner = _owner_token(tok.head)
        return (_clip(content, tok), owner) if owner is not None else None
    return _clip(content, tok), None


def _owner_token(noun: Token) -> Token | None:
    head = noun.head
    while head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.i == noun.i:
        return None
    # only the verb's own subject: climbing further finds unrelated speakers
    for verb in (head, head.head) if head.dep_ == "conj" else (head,):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "poss")
                and not _is_dateline(c)]  # "BAGHDAD (Wire) - Iraq's parliament passed"
        if subj and subj[0].i != noun.i:
            return subj[0]
    return None


def _clip(span: Span, cue: Token) -> Span:
    """Keep the part of a clause in the cue's paragraph (parses run across headlines)."""
    cache = cue.doc.user_data
    text = cache.get("sitrep.text") or cache.setdefault("sitrep.text", cue.doc.text)
    lo = text.rfind("\n", 0, cue.idx) + 1
    hi = text.find("\n", cue.idx)
    hi = len(text) if hi < 0 else hi
    toks = [t for t in span if lo <= t.idx < hi]
    if not toks:
        return span[0:0]
    return cue.doc[toks[0].i:toks[-1].i + 1]
