"""Entity mentions and actors: find who and what a document names, and give each a stable key.

Mentions come from spaCy NER, corrected by context, and from the alias file (known actors are
found even when NER misses or mislabels them). Within a document, surnames, titles, acronyms
defined in the text, speech-subject pronouns and role descriptions link to the named entity.
Across documents, `entity_key` gives the same actor the same key whatever the transliteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar

from unidecode import unidecode

from sitrep._data import load_yaml
from sitrep.model import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.model import Document

__all__ = ["EntityResolver", "entity_key", "alias_entry", "normalize_name", "speech_subject",
           "speech_lemmas"]

NER_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
_APOS = "'’‘`ʼ´"


@cache
def speech_lemmas() -> frozenset[str]:
    """Lemmas of speech verbs (annotate/data/quotes_cues.yaml), shared with the quote stage."""
    return frozenset(_load_yaml("quotes_cues.yaml")["verbs"])


def speech_subject(verb: Token) -> Token | None:
    """Who performs a (speech) verb: its subject, the NP after an inverted verb (', revealed
    the MP'), the subject of the verb it is conjoined to, or the antecedent of 'who'/'which'."""
    tok: Token | None = verb
    for depth in range(3):
        if tok is None:
            return None
        kids = list(tok.children)
        subj = [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and depth == 0 and tok.i > 0 and (tok.doc[tok.i - 1].text == ","
                                                       or tok.doc[tok.i - 1].is_quote) \
                and tok.tag_ in ("VBD", "VBZ", "VBP"):
            subj = [c for c in kids if c.dep_ in ("dobj", "attr") and c.i > tok.i]
        if subj:  # an adjective parsed as a second subject is none ("Sudan's paramilitary")
            s = ([c for c in subj if c.pos_ != "ADJ"] or subj)[0]
            if s.lower_ in ("who", "which", "that") and s.head.dep_ == "relcl":
                s = _antecedent(s.head.head)
            return s
        agent = [c for c in kids if c.dep_ == "agent"]
        if agent and list(agent[0].children):
            return next(iter(agent[0].children))
        tok = tok.head if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i \
            else None
    return None


def _antecedent(tok: Token) -> Token:
    """'Khalaf, spokesperson for PM X, who said': the relative clause is about Khalaf, not X."""
    doc = tok.doc
    while tok.dep_ in ("pobj", "prep", "appos") and tok.head.i != tok.i:
        tok = tok.head
    i = tok.left_edge.i - 1
    while i > 0 and doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN":
        i -= 1  # titles and first names the parser left out of the phrase
    if i > 0 and doc[i].pos_ == "ADP":  # the parse attached 'who' inside a prepositional phrase
        j = i
        while j > 0 and doc[j].text != "," and "\n" not in doc[j].text:
            j -= 1
        if j > 0 and doc[j].text == "," and doc[j - 1].pos_ == "PROPN":
            return doc[j - 1]
    return tok


def _is_subject_of(tok: Token, verb: Token) -> bool:
    subj = speech_subject(verb)
    return subj is not None and subj.i == tok.i


def _load_yaml(name: str) -> Any:
    text = resources.files("sitrep.annotate").joinpath("data", name).read_text("utf-8")
    return load_yaml(text)


@cache
def _rules() -> dict[str, Any]:
    return _load_yaml("entities_rules.yaml")


@cache
def _translit() -> dict[str, Any]:
    data = _load_yaml("entities_translit.yaml")
    data["_letters"] = [(re.compile(a), b) for a, b in data["letters"]]
    return data


@cache
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles as lowercase token tuples, longest first, for prefix stripping."""
    out = {tuple(t.lower().split()) for t in _rules()["titles"]}
    return tuple(sorted(out, key=len, reverse=True))


def normalize_name(name: str) -> list[str]:
    """Name -> transliteration-robust word list (unidecode, particles, titles, spellings)."""
    tr = _translit()
    text = unidecode(name).lower()
    text = re.sub(r"['`’]s\b", "", text)
    text = re.sub(r"[" + re.escape(_APOS) + r"]", "", text)
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    words = _strip_title(words)
    words = [w for w in words if w not in tr["particles"]] or words
    joined: list[str] = []
    i = 0
    while i < len(words):
        w = tr["words"].get(words[i], words[i])
        if w in tr["join_next"] and i + 1 < len(words):
            w = w + tr["words"].get(words[i + 1], words[i + 1])
            i += 1
        joined.append(w)
        i += 1
    out = []
    for w in joined:
        for rx, rep in tr["_letters"]:
            w = rx.sub(rep, w)
        out.append(w)
    return out


def _strip_title(words: list[str]) -> list[str]:
    changed = True
    while changed and len(words) > 1:
        changed = False
        for t in _titles():
            tw = [x.rstrip(".") for x in t]
            if len(words) > len(tw) and words[: len(tw)] == tw:
                words = words[len(tw):]
                changed = True
                break
    return words


@cache
def _alias_index() -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = {}
    for entry in _load_yaml("aliases.yaml"):
        for form in [entry["name"], *entry.get("aliases", [])]:
            index.setdefault(" ".join(normalize_name(form)), entry)
    return index


def alias_entry(name: str) -> dict[str, Any] | None:
    """The alias-file entry naming `name` (any known spelling), or None."""
    return _alias_index().get(" ".join(normalize_name(name)))


@cache
def _demonyms() -> dict[str, str]:
    return {k.lower(): v for k, v in _load_yaml("demonyms.yaml").items()}


@cache
def country_demonym(country: str) -> str | None:
    """The nationality adjective of a country ("Pakistan" -> "Pakistani"), the first listed."""
    names = _load_yaml("demonyms.yaml")
    return next((k for k, v in names.items() if v.lower() == country.strip().lower()), None)


def _country_key(country: str | None) -> str | None:
    return entity_key(country, "GPE") if country else None


def state_key(name: str) -> str | None:
    """The key of the state a nationality names ("Russian" -> Russia's; its people too:
    "the Americans" -> the US's), or None."""
    return _country_key(demonym_country(name))


def demonym_country(name: str) -> str | None:
    """The country a nationality names ("Russian", "the Americans"), or None."""
    word = name.strip().lower()
    word = word[4:] if word.startswith("the ") else word
    return _demonyms().get(word) or (_demonyms().get(word[:-1]) if word.endswith("s")
                                     else None)


@cache
def _office_countries() -> dict[str, str]:
    from sitrep.temporal.offices import holders

    return {n: h.country for h in holders() for n in h.names if len(h.country) == 2}


def affiliation(name: str) -> str | None:
    """The key of the state a known officeholder acts for ("Donald Trump" -> the US's)."""
    from sitrep.annotate.places import country_name

    code = _office_countries().get(name.strip())
    return _country_key(country_name(code) if code else None)


def entity_key(name: str, type: str) -> str:
    """Stable cross-document key: the alias-file id when known, else `type:normalized-name`."""
    entry = alias_entry(name)
    if entry is not None:
        return str(entry["id"])
    words = normalize_name(name) or [re.sub(r"\W+", "-", name.lower()).strip("-") or "x"]
    return f"{type.lower()}:{'-'.join(words)}"


def _form_pattern(form: str) -> str:
    parts = re.split(r"[\s\-]+", form.strip())
    parts = [re.sub("[" + re.escape(_APOS) + "]", "[" + _APOS + "]?", re.escape(p).replace(
        "\\'", "'")) for p in parts]
    return r"[\s\-]+".join(parts)


@cache
def _alias_regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[str, bool]]]:
    """One case-sensitive and one case-insensitive alternation over every alias form."""
    cs: list[str] = []
    ci: list[str] = []
    lookup: dict[str, tuple[str, bool]] = {}
    for entry in _load_yaml("aliases.yaml"):
        forms = [(f, False) for f in [entry["name"], *entry.get("aliases", [])]]
        forms += [(f, True) for f in entry.get("metonyms", [])]
        for form, metonym in forms:
            (ci if re.search(r"[\s\-]", form) else cs).append(form)
            lookup[" ".join(normalize_name(form))] = (entry["id"], metonym)
    def alt(forms: list[str]) -> str:
        body = "|".join(_form_pattern(f) for f in sorted(set(forms), key=len, reverse=True))
        return r"(?<![\w\-])(?:" + body + r")(?![\w\-]|['’]\w\w)"
    return re.compile(alt(cs)), re.compile(alt(ci), re.IGNORECASE), lookup


@cache
def _entries_by_id() -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in _load_yaml("aliases.yaml")}


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    kind: str = "name"
    key: str | None = None  # fixed key (alias file, acronym)
    alias: bool = False
    name_start: int | None = None  # where the name begins after a title

    @property
    def name_span(self) -> tuple[int, int]:
        return (self.name_start if self.name_start is not None else self.start, self.end)


class EntityResolver:
    """Stage: fill `doc.mentions` and `doc.entities` (key -> Entity)."""

    name: ClassVar[str] = "annotate.entities"
    requires: ClassVar[tuple[str, ...]] = ("sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("mentions", "entities")

    def __call__(self, doc: Document, sdoc: Doc) -> None:
        text = doc.text
        cands = _alias_candidates(text, sdoc)
        cands = _merge(cands, _ner_candidates(sdoc), text)
        cands = _merge(cands, _title_candidates(text), text)
        cands = _merge(cands, _speaker_candidates(sdoc, cands), text)
        cands = _same_name_same_kind([_fix_label(c, text, sdoc) for c in cands], text)
        cands = _merge(cands, _surname_candidates(sdoc, cands, text), text)
        cands = _join_adjacent(cands, text)
        cands += _acronym_candidates(text, cands)
        cands.sort(key=lambda c: c.start)
        mentions = _link(doc, cands)
        quoted = _quoted_ranges(text)
        mentions += _pronoun_mentions(doc, sdoc, mentions, quoted)
        mentions += _description_mentions(doc, sdoc, mentions)
        mentions.sort(key=lambda m: (m.start, m.end))
        doc.mentions = mentions
        doc.entities = _build_entities(mentions, text)


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    from sitrep.annotate.quotes import quote_spans

    return [(s, e) for s, e in quote_spans(text)]


def _alias_candidates(text: str, sdoc: Doc) -> list[_Cand]:
    cs, ci, lookup = _alias_regexes()
    out: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    matches = sorted([*cs.finditer(text), *ci.finditer(text)],
                     key=lambda m: (m.start(), -(m.end() - m.start())))
    for m in matches:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found = lookup.get(" ".join(normalize_name(m.group())))
        if found is None:
            continue
        key, metonym = found
        if metonym and not _is_subject(sdoc, m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        entry = _entries_by_id()[key]
        out.append(_Cand(m.start(), m.end(), entry["type"], key=key, alias=True))
    return out


def _is_subject(sdoc: Doc, start: int, end: int) -> bool:
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.dep_ in ("nsubj", "nsubjpass", "agent") or (
        span.root.dep_ == "conj" and span.root.head.dep_ in ("nsubj", "nsubjpass"))


def _ner_candidates(sdoc: Doc) -> list[_Cand]:
    out = []
    text = sdoc.text  # Doc.text re-joins every token on each access
    for ent in sdoc.ents:
        label = ent.label_
        if label not in NER_LABELS:
            geo = _geo(ent.text) if label in ("PRODUCT", "WORK_OF_ART", "EVENT", "LAW") else None
            if geo is None or geo.precision != "country":
                continue
            label = "GPE"  # "sent 200 marines to Cyprus" with Cyprus tagged a PRODUCT
        start, end = ent.start_char, ent.end_char
        s = text[start:end]
        cut = s.find("\n")  # NER runs across headline breaks
        if cut > 0:
            end = start + cut
            s = s[:cut]
        lead = re.match(r"(?i)(?:the|a|an)\s+", s)
        if lead:
            start += lead.end()
        s = text[start:end]
        tail = re.search(r"(?:['’]s?|[\s(\-–,]+)$", s)
        if tail:
            end -= len(tail.group())
        if end > start and re.search(r"[A-Za-z]", text[start:end]):
            out.append(_Cand(start, end, label))
    return out


_NAME_WORD = r"(?:[A-Z][\w’'.]*(?:\s?-\s?[A-Z]?[\w’']+)*|(?:al|el|bin|ibn|bint)-?[A-Z]?[\w’']*)"


@cache
def _title_regex() -> re.Pattern[str]:
    forms = sorted({t for t in _rules()["titles"]}, key=len, reverse=True)
    alt = "|".join(re.escape(t).replace("\\ ", r"\s+") for t in forms)
    return re.compile(r"(?<![\w\-])(?i:" + alt + r")(?:\s+(?i:" + alt + r"))*\s+(?P<name>"
                      + _NAME_WORD + r"(?:[ ]" + _NAME_WORD + r"){0,3})")


def _title_candidates(text: str) -> list[_Cand]:
    """'PM Adel Abdul-Mahdi': a title followed by capitalized words names a person."""
    out = []
    for m in _title_regex().finditer(text):
        name = m.group("name")
        words = name.split()
        if not words[0][:1].isupper() or _title_len(words) or len(name) < 3:
            continue
        if text[m.start():m.start() + 1].islower() and not re.match(r"(?i)pm|mp", m.group()):
            continue  # "general Trump"-style lower-case titles are too ambiguous
        end = m.end("name")
        # a full stop after a word (not an initial) ends the sentence: 'President X. Its ...'
        stop = re.search(r"\w{3,}(?=\.(?:\s|$))", name)
        if stop is not None:
            end = m.start("name") + stop.end()
        out.append(_Cand(m.start("name"), end, "PERSON"))
    return out


def _surname_candidates(sdoc: Doc, cands: list[_Cand], text: str) -> list[_Cand]:
    """A person named in full is later called by surname alone, which NER often misses at the
    start of a sentence ("Reyes later told reporters"); linking decides which person it is."""
    surnames = set()
    for c in cands:
        words = text[c.name_start or c.start:c.end].split()
        if c.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            surnames.add(words[-1])
    out = []
    for tok in sdoc:
        if tok.text in surnames and not any(c.start <= tok.idx < c.end for c in cands):
            out.append(_Cand(tok.idx, tok.idx + len(tok), "PERSON"))
    return out


def _merge(first: list[_Cand], later: list[_Cand], text: str) -> list[_Cand]:
    """Earlier candidates win over overlapping later ones, except a longer PERSON name around a
    known surname ("Yair Netanyahu" is not Benjamin Netanyahu)."""
    out = list(first)
    for c in later:
        hits = [a for a in out if a.start < c.end and c.start < a.end]
        if not hits:
            out.append(c)
        elif c.label == "PERSON" and all(_longer_person(c, a, text) for a in hits):
            out = [a for a in out if a not in hits] + [c]
    return out


def _longer_person(c: _Cand, a: _Cand, text: str) -> bool:
    if not (a.alias and a.label == "PERSON" and c.start <= a.start and a.end <= c.end):
        return False
    words = [w.lower() for w in text[c.start:c.end].split()]
    return len(words) - _title_len(words) > len(text[a.start:a.end].split())


def _title_len(words: list[str]) -> int:
    """How many leading words of `words` form titles."""
    low = [w.lower().rstrip(".") for w in words]
    n = 0
    changed = True
    while changed:
        changed = False
        for t in _titles():
            tw = [x.rstrip(".") for x in t]
            if low[n:n + len(tw)] == tw:
                n += len(tw)
                changed = True
                break
    return n


def _fix_label(c: _Cand, text: str, sdoc: Doc) -> _Cand:
    if c.alias:
        return _extend_title(c, text)
    words = list(re.finditer(r"\S+", text[c.start:c.end]))
    n = _title_len([w.group() for w in words])
    if 0 < n < len(words):  # "Major General Maan" tagged ORG: a titled person
        c = _Cand(c.start, c.end, "PERSON", "title", name_start=c.start + words[n].start())
    elif n == len(words):
        c.label = "TITLE"  # a bare title ("Spokesperson") is no entity
        return c
    if c.label == "PERSON" and len(words) >= 3 and _org_name(text[c.start:c.end]):
        c.label = "ORG"  # "Tigray People's Liberation Front" tagged a person
    acronym = re.fullmatch(r"[A-Z]{2,6}", text[c.start:c.end]) is not None
    if c.label == "PERSON" and acronym:
        c.label = "ORG"  # an acronym is no one's name ("JNIM said")
    if c.label == "PERSON" and c.name_start is None:
        _extend_left_propn(c, sdoc)
    c = _extend_title(c, text)
    if c.label in ("PERSON", "ORG") and _looks_like_place(c, text, sdoc):
        c.label = "GPE"
    elif c.label in ("GPE", "LOC", "ORG", "NORP") and _speech_subject(sdoc, c) and not acronym \
            and _geo(text[c.start:c.end]) is None and not _org_name(text[c.start:c.end]):
        c.label = "PERSON"
        _extend_left_propn(c, sdoc)
    return c


def _same_name_same_kind(cands: list[_Cand], text: str) -> list[_Cand]:
    """A name the article uses as a place once is that place everywhere in it: the small
    model tags "Mali" a person in "left Mali on Monday" and a place in "in Mali"."""
    from sitrep.annotate.places import big_city

    places = {text[c.start:c.end] for c in cands if c.label in ("GPE", "LOC")}
    surnames = {text[c.start:c.end].split()[-1] for c in cands
                if c.label == "PERSON" and len(text[c.start:c.end].split()) > 1}
    for c in cands:
        name = text[c.start:c.end]
        if c.label in ("PERSON", "ORG") and not c.alias and name in places:
            c.label = "GPE"
        elif c.label == "PERSON" and not c.alias and " " not in name and name not in surnames \
                and (geo := _geo(name)) is not None and (geo.precision == "country" or big_city(
                    name)) and _same_name(geo.name, name):
            c.label = "GPE"  # "Mali's army said" with Mali tagged a person; "asked Kyiv to
            # hold elections", "cooperating with Bogotá": a capital is no one's name
        elif c.label == "PERSON" and not c.alias and " " not in name and name not in surnames \
                and demonym_country(name):
            c.label = "NORP"  # "told Azerbaijani state television": a nationality, no one
        elif c.label == "NORP" and not c.alias and " " not in name and not state_key(name) \
                and (geo := _geo(name)) is not None and _same_name(geo.name, name):
            c.label = "GPE"  # "retook Kidal" with Kidal tagged a nationality
    return cands


def _org_name(name: str) -> bool:
    """'World Health Organization', 'Sudan Doctors Union': a name an organisation word ends."""
    words = name.lower().split()
    return bool(words) and words[-1] in _rules()["org_words"]


def _extend_title(c: _Cand, text: str) -> _Cand:
    """Take the titles right before a name into the mention ("PM Abdul-Mahdi")."""
    if c.label != "PERSON":
        return c
    before = text[max(0, c.start - 60):c.start]
    words = list(re.finditer(r"[A-Za-z][\w.\-]*", before))
    for k in range(len(words)):
        tail = words[k:]
        if before[tail[-1].end():].strip():
            continue
        if _title_len([w.group() for w in tail]) == len(tail) and re.fullmatch(
                r"[\s\w.\-]*", before[tail[0].start():]):
            start = c.start - len(before) + tail[0].start()
            return _Cand(start, c.end, "PERSON", "title", c.key, c.alias, name_start=c.name_span[0])
    return c


def _looks_like_place(c: _Cand, text: str, sdoc: Doc) -> bool:
    span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or _geo(text[c.start:c.end]) is None:
        return False
    before = text[max(0, c.start - 25):c.start].lower()
    cues = sorted(_rules()["place_cues"], key=len, reverse=True)
    if any(re.search(r"\b" + re.escape(cue) + r"\s+$", before) for cue in cues):
        return True
    root = span.root  # a conjunct of places is a place ("in Anbar, Kirkuk and Nineveh")
    if c.label == "PERSON" and root.dep_ == "dobj" and root.head.lemma_.lower() in _rules()[
            "place_taking_verbs"] and _same_name(_geo(text[c.start:c.end]).name,
                                                 text[c.start:c.end]):
        return True  # "took Goma": a town, not a person (and "attacked Hamas" stays a group)
    related = [root.head, *root.conjuncts] if root.dep_ == "conj" else list(root.conjuncts)
    return any(t.ent_type_ in ("GPE", "LOC") for t in related)


def _same_name(a: str, b: str) -> bool:
    return unidecode(a).lower() == unidecode(b).lower()


def _speech_subject(sdoc: Doc, c: _Cand) -> bool:
    span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or len(span.text.split()) > 3:  # "El-Ghassim Wane" is two words
        return False
    root = span.root
    if root.dep_ == "appos":  # "the head of the mission, El-Ghassim Wane, told reporters"
        root = root.head
    return root.head.lemma_ in speech_lemmas() and _is_subject_of(root, root.head)


def _extend_left_propn(c: _Cand, sdoc: Doc) -> None:
    span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return
    i = span.start
    while i > 0 and sdoc[i - 1].pos_ == "PROPN" and sdoc[i - 1].text[:1].isupper() \
            and sdoc[i - 1].whitespace_ and not sdoc[i - 1].ent_type_ \
            and _title_len([sdoc[i - 1].text]) == 0 and "\n" not in sdoc[i - 1].text:
        i -= 1
    if i < span.start:
        c.start = sdoc[i].idx
        c.name_start = None


def _join_adjacent(cands: list[_Cand], text: str) -> list[_Cand]:
    """NER splits long names ("Mazin Aboud" + "Jawad al-Saadi"): join adjacent PERSONs."""
    cands = sorted((c for c in cands if c.label != "TITLE"), key=lambda c: c.start)
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and prev.label == c.label == "PERSON" and not prev.alias and not c.alias \
                and re.fullmatch(r" ", text[prev.end:c.start]):
            prev.end = c.end
            continue
        if prev and c.start < prev.end:
            continue
        out.append(c)
    return out


_ACRO_DEF = re.compile(
    r"(?P<long>(?:[A-Z][\w’'\-]*|[a-z]{1,3}-\w+)(?:\s+(?:of|for|the|and|[a-z]{1,3}-\w+|"
    r"[A-Z][\w’'\-]*))*?)"  # "al-Islam wal-Muslimin": Arabic particles stay lower case
    r"(?:['’]s)?\s*\(\s*(?P<acr>[A-Z][A-Za-z.\-]{1,9})\s*[),]")


def _acronym_ok(acr: str, long: str) -> bool:
    letters = re.sub(r"[^A-Z]", "", acr)
    initials = "".join(w[0].upper() for w in re.findall(r"[A-Za-z][\w’'\-]*", long)
                       if w.lower() not in ("of", "for", "the", "and"))
    if not letters or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials + re.sub(r"[^A-Z]", "", long))
    return all(ch in it for ch in letters)


def _acronym_candidates(text: str, cands: list[_Cand]) -> list[_Cand]:
    """'Popular Mobilization Forces (PMF)': every later 'PMF' is the same entity."""
    out: list[_Cand] = []
    spans = [(c.start, c.end) for c in cands]
    for m in _ACRO_DEF.finditer(text):
        acr, long = m.group("acr"), m.group("long")
        words = long.split()
        for k in range(len(words)):  # the shortest tail that the acronym fits
            if words[k].lower() in ("of", "for", "the", "and"):
                continue  # a name does not start with "of"
            tail = " ".join(words[k:])
            if _acronym_ok(acr, tail) and len(words) - k >= len(re.sub(r"[^A-Z]", "", acr)) - 1:
                long = tail
                break
        else:
            continue
        key = entity_key(long, "ORG")
        label = "ORG"
        for c in cands:
            if c.start <= m.start("long") + m.group("long").rfind(long) < c.end and c.key:
                key, label = c.key, c.label
        for a in re.finditer(r"(?<![\w\-])" + re.escape(acr) + r"(?![\w\-])", text):
            same = [c for c in cands if (c.start, c.end) == (a.start(), a.end()) and not c.alias]
            for c in same:  # NER found the acronym: it still names the defined entity
                c.key, c.label, c.kind = key, label, "acronym"
            if not same and not any(a.start() < e and s < a.end() for s, e in spans):
                out.append(_Cand(a.start(), a.end(), label, "acronym", key=key))
                spans.append((a.start(), a.end()))
    _undefined_acronyms(text, cands)
    return out


def _undefined_acronyms(text: str, cands: list[_Cand]) -> None:
    """'the Tigray People's Liberation Front ... the TPLF': an acronym never spelled out in
    brackets is the one organisation named in this document whose initials it is."""
    def initials(name: str) -> str:
        return "".join(w[0] for w in re.findall(r"[A-Za-z][\w\-]*", re.sub(r"['’]s\b", "", name))
                       if w.lower() not in ("of", "for", "the", "and"))

    longs: dict[str, set[str]] = {}
    for c in cands:
        name = text[c.start:c.end]
        if c.label == "ORG" and len(name.split()) >= 3 and c.kind != "acronym":
            longs.setdefault(initials(name).upper(), set()).add(
                c.key or entity_key(re.sub(r"^the\s+", "", name, flags=re.I), "ORG"))
    for c in cands:
        acr = text[c.start:c.end]
        if c.label == "ORG" and not c.alias and c.kind != "acronym" and re.fullmatch(
                r"[A-Z]{3,6}", acr) and len(longs.get(acr, ())) == 1:
            c.key, c.kind = next(iter(longs[acr])), "acronym"


def _geo(name: str) -> Any:
    from sitrep.annotate.places import geocode

    return geocode(name)


def _link(doc: Document, cands: list[_Cand]) -> list[Mention]:
    """Key every candidate: alias id, full name, or the named person a surname points to."""
    text = doc.text
    full: list[tuple[int, list[str], str]] = []  # (position, words, key) of multi-word persons
    for c in cands:
        if c.label == "PERSON":
            s, e = c.name_span
            words = normalize_name(text[s:e])
            if len(words) >= 2 and not _kin(text, c.start, c.end):
                full.append((c.start, words, c.key or entity_key(text[s:e], "PERSON")))
    mentions = []
    for c in cands:
        s, e = c.name_span
        name = text[s:e]
        key = c.key
        if c.label != "PERSON" and not c.alias and _surname_of_earlier(name, c.start, full) \
                and (c.label == "ORG" or _geo(name) is None):
            c.label = "PERSON"  # 'Kramm laughed' tagged ORG after 'Chancellor Dieter Kramm'
        if c.label == "PERSON" and (not key or c.alias and len(normalize_name(name)) == 1):
            # a surname goes to a full name in this document before the alias file
            key = _person_key(name, c.start, full)
        if key is None:
            key = entity_key(name, c.label)
        sent = doc.sentence_at(c.start)
        mentions.append(Mention(text[c.start:c.end], c.start, c.end,
                                sent.index if sent else -1, c.label, key, c.kind))
    return mentions


_KIN = r"(?:son|daughter|father|mother|brother|sister|wife|husband|widow|cousin|nephew|niece|" \
    r"uncle|aunt|grandson|granddaughter|grandfather|grandmother)"
_KIN_BEFORE = re.compile(r"\b" + _KIN + r"\s*,?\s*$", re.I)
_KIN_AFTER = re.compile(r"\s*,\s*(?:the|his|her|a)\b[^,.;]{0,40}?\b" + _KIN + r"\b", re.I)


def _kin(text: str, start: int, end: int) -> bool:
    """ "his son Yair Netanyahu", "Hafez al-Assad, the ousted president's father": a
    relative named in passing, whom the bare surname does not mean."""
    return bool(_KIN_BEFORE.search(text[max(0, start - 30):start])
                or _KIN_AFTER.match(text, end))


def _surname_of_earlier(name: str, pos: int, full: list[tuple[int, list[str], str]]) -> bool:
    words = normalize_name(name)
    return len(words) == 1 and any(p < pos and len(w) > 1 and w[-1] == words[0]
                                   for p, w, _ in full)


def _person_key(name: str, pos: int, full: list[tuple[int, list[str], str]]) -> str:
    words = normalize_name(name)
    if len(words) >= 2:
        same = [k for _, w, k in full if w == words]
        if same:
            return same[0]
    # a surname (or surname tail) links to the one full name it ends; several -> most recent
    matches = [(p, k) for p, w, k in full if len(w) > len(words) and w[-len(words):] == words]
    keys = {k for _, k in matches}
    if len(keys) == 1:
        return keys.pop()
    if keys:
        before = [(p, k) for p, k in matches if p < pos]
        return max(before)[1] if before else min(matches)[1]
    entry = alias_entry(name)
    return str(entry["id"]) if entry else entity_key(name, "PERSON")


def _pronoun_mentions(doc: Document, sdoc: Doc, mentions: list[Mention],
                      quoted: list[tuple[int, int]]) -> list[Mention]:
    """A speech-subject pronoun -> the most recent compatible mention outside quotes:
    he/she a PERSON, it an organisation (not a news outlet) in this or the last sentence."""
    out: list[Mention] = []
    outside = [m for m in mentions if not any(s <= m.start < e for s, e in quoted)]
    persons = [m for m in outside if m.label == "PERSON"]
    media = {e["id"] for e in _entries_by_id().values() if e.get("sector") == "MED"}
    orgs = [m for m in outside if m.label == "ORG" and m.entity not in media]
    pron = set(_rules()["pronouns"])
    org_pron = set(_rules()["org_pronouns"])
    for tok in sdoc:
        low = tok.lower_
        if low not in pron | org_pron or any(s <= tok.idx < e for s, e in quoted):
            continue
        if not (tok.dep_ == "nsubj" and tok.head.lemma_ in speech_lemmas()
                and _is_subject_of(tok, tok.head) or tok.dep_ == "poss"
                and tok.head.dep_ == "nsubj" and tok.head.head.lemma_ in speech_lemmas()):
            continue  # 'it said', 'its statement said'
        sent = doc.sentence_at(tok.idx)
        idx = sent.index if sent else -1
        # 'its' inside a sentence ('X said that its officials told') owns what that sentence names
        reach = 0 if tok.dep_ == "poss" and not tok.is_sent_start else 1
        pool = persons if low in pron else [m for m in orgs if idx - m.sentence <= reach]
        prior = [m for m in pool if m.end <= tok.idx]
        if not prior:
            continue
        if low in pron:  # the person that last spoke or acted in the nearest sentence naming one
            prior = [m for m in prior if m.sentence == prior[-1].sentence]
        ante = _speaker_antecedent(sdoc, prior)
        out.append(Mention(tok.text, tok.idx, tok.idx + len(tok), idx,
                           ante.label, ante.entity, "pronoun"))
    return out


def _speaker_antecedent(sdoc: Doc, prior: list[Mention]) -> Mention:
    """What 'it' or 'he' speaks for: the one that last spoke ('X said A. B, it said'; 'Biden
    said the fall of the Assad government ... He said'), else the last one that is no object
    ('... against the Islamic State'), else the last one."""
    speakers = _speaker_tokens(sdoc)

    def role(m: Mention) -> int:
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return 0
        root = span.root
        if root.i in speakers:
            return 2
        return 0 if root.dep_ in ("pobj", "dobj", "poss") else 1  # objects are talked about

    best = max(role(m) for m in prior)
    return [m for m in prior if role(m) == best][-1]


def _speaker_tokens(sdoc: Doc) -> set[int]:
    """Indices of the tokens that are subjects of speech verbs."""
    out = set()
    for tok in sdoc:
        if tok.lemma_.lower() in speech_lemmas() and tok.pos_ in ("VERB", "AUX"):
            subj = speech_subject(tok)
            if subj is not None:
                out.add(subj.i)
    return out


def _speaker_candidates(sdoc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """A proper noun that says something is a person, whatever NER thought ('Dizayee added')."""
    out = []
    for i in _speaker_tokens(sdoc):
        tok = sdoc[i]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.is_sent_start and \
                tok.text.isupper() or tok.lower_ in _rules()["org_heads"] \
                or any(c.dep_ == "det" for c in tok.children):
            continue  # "The Coalition said" is a description, "ERBIL," a dateline
        if any(c.start <= tok.idx < c.end and c.label != "TITLE" for c in cands):
            continue
        left = min([tok.i, *[c.i for c in tok.children if c.dep_ == "compound"
                             and c.pos_ == "PROPN" and c.i < tok.i]])
        start = sdoc[left].idx
        if _geo(sdoc[left:tok.i + 1].text) is not None:
            continue
        out.append(_Cand(start, tok.idx + len(tok), "PERSON"))
    return out


def _role_words(text: str) -> set[str]:
    """The roles a text names; a word inside a longer role word found there does not count
    ('the prime minister' is no 'minister')."""
    low = " " + text.lower() + " "
    hits = [(role, w) for role, words in _rules()["roles"].items() for w in words
            if f" {w} " in low]
    return {role for role, w in hits
            if not any(w != v and f" {w} " in f" {v} " for _, v in hits)}


def _person_context(doc: Document, m: Mention) -> str:
    """A person's title and appositive (", a member of the committee,") as role evidence."""
    after = doc.text[m.end:m.end + 120]
    app = re.match(r"\s*,\s*([^,;.\n]+)", after)
    # 'The interior minister, Anders Vik,': the role may come first
    lead = re.search(r"(?:^|[.!?\n]\s*)((?i:the|an?|its|his|her|their)\s+[^,;.\n]{3,50}),\s*$",
                     doc.text[max(0, m.start - 60):m.start])
    return " ".join([lead.group(1) if lead else "", m.text, app.group(1) if app else ""])


def _description_mentions(doc: Document, sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'the MP', 'the head of X' as a speech subject -> the person with that role nearby."""
    out: list[Mention] = []
    persons = [m for m in mentions if m.label == "PERSON" and m.kind != "pronoun"]
    orgs = [m for m in mentions if m.label in ("ORG", "GPE")]
    seen: dict[str, str] = {}
    for tok in sdoc:
        if not (_speaking_noun(tok) or _acting_org(tok)) or any(
                m.start <= tok.idx < m.end for m in mentions):
            continue
        span = _np_span(tok)
        if any(m.start < t.right_edge.idx + len(t.right_edge) and t.left_edge.idx < m.end
               for t in [tok] for m in persons):
            continue  # the description names its person right there ("spokesman X", appositive)
        desc = span.text
        norm = " ".join(desc.lower().split()[1:])
        described = sorted(orgs + [m for m in out if m.label == "ORG"], key=lambda m: m.start)
        key = seen.get(norm) or _resolve_description(doc, span, persons, described)
        if key is None:
            continue
        seen[norm] = key
        label = "PERSON" if any(m.entity == key for m in persons) else "ORG"
        sent = doc.sentence_at(span.start_char)
        out.append(Mention(desc, span.start_char, span.end_char, sent.index if sent else -1,
                           label, key, "description"))
    return out


def _acting_org(tok: Token) -> bool:
    """ "The international coalition ... has suspended operations": an organisation's head
    noun, definite, doing something; it is the organisation the article named before."""
    return (tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in _rules()["org_heads"]
            and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children))


def _speaking_noun(tok: Token) -> bool:
    """A common noun that speaks: the subject of a speech verb, or owns the statement that does."""
    if tok.pos_ not in ("NOUN", "PROPN") or not tok.text.isalpha():
        return False
    if tok.head.lemma_ in speech_lemmas() and _is_subject_of(tok, tok.head):
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and any(  # "the army dismissed it and said ..."
            c.lemma_ in speech_lemmas() for c in tok.head.conjuncts):
        return True
    return tok.dep_ == "poss" and tok.head.dep_ == "nsubj" and tok.head.head.lemma_ in \
        speech_lemmas()


def _np_span(tok: Token) -> Span:
    left = min([tok.i, *[t.i for t in tok.lefts if t.dep_ in ("det", "amod", "compound",
                                                                "poss", "nmod")]])
    right = tok.i
    for t in tok.rights:  # "the head of Iraq's Security Media Cell"
        if t.dep_ == "prep" and t.lower_ == "of":
            right = max(right, t.right_edge.i)
    doc = tok.doc
    return doc[left:right + 1]


def _resolve_description(doc: Document, span: Span, persons: list[Mention],
                         orgs: list[Mention]) -> str | None:
    head = span.root.lower_
    start = span.start_char
    if head in _rules()["org_heads"] and span[0].lower_ == "the":
        sent = doc.sentence_at(start)
        idx = sent.index if sent else 0
        here = _place_before(doc, span, orgs, idx)
        if here is not None:  # 'In Tehran, the government said': the government of Iran
            return here
        named = [m for m in orgs if head in (
            m.text + " " + _entries_by_id().get(m.entity or "", {}).get("name", "")).lower()]
        nation = _nation_of(span)
        if nation is not None:  # "the Indian army" is no Chinese army named further down
            named = [m for m in named if _of_nation(m, nation)]
        prior = [m for m in named if m.end <= start]
        if prior:
            return prior[-1].entity
        force = _national_force(doc, head, orgs, start)
        if force is None and nation is not None and not named:
            demonym = country_demonym(nation[1]) or nation[1]
            return entity_key(f"{demonym} {span.root.text}", "ORG")  # its own actor
        if force is None and len({m.entity for m in named}) == 1:
            return named[0].entity  # "The coalition ... " in the lead, named further down
        return force
    roles = _role_words(span.text)
    if not roles:
        return None
    sent = doc.sentence_at(start)
    idx = sent.index if sent else 0
    near = [m for m in persons if abs(m.sentence - idx) <= 4]
    speakers = _speaker_tokens(span.doc)
    near_speakers = [m for m in near if any(span.doc[i].idx in range(m.start, m.end)
                                            for i in speakers)]
    fits = [m for m in near if roles & _role_words(_person_context(doc, m))]
    before = [m for m in fits if m.end <= start]
    if before:
        return before[-1].entity
    # a lead often describes a speaker before naming them: the next person who speaks
    after = [m for m in fits if m.start > start] or [
        m for m in near_speakers if m.start > start and m.sentence - idx <= 2
        and not _other_office(roles, _role_words(_person_context(doc, m)))]
    # an indefinite one ('a senior official said') only in its paragraph: an anonymous source,
    # not the next person named
    if span[0].lower_ in ("a", "an"):
        after = [m for m in after if "\n" not in doc.text[start:m.start]]
    return after[0].entity if after else None


def _nation_of(span: Span) -> tuple[str, str] | None:
    """(country code, country name) of the nationality or country modifying a description
    ("the Indian army", "the Sudanese government"), or None."""
    for tok in span:
        if tok.i < span.root.i and tok.dep_ in ("amod", "compound", "poss") and (
                tok.ent_type_ in ("NORP", "GPE")):
            name = demonym_country(tok.text) or tok.text
            place = _geo(name)
            if place is not None and place.precision == "country" and place.country:
                return place.country, name
    return None


def _of_nation(mention: Mention, nation: tuple[str, str]) -> bool:
    """The mentioned organisation belongs to the country: by the alias file, or by a name
    that says so ("Sudanese Armed Forces")."""
    code, name = nation
    entry = _entries_by_id().get(mention.entity or "")
    if entry is not None and entry.get("country"):
        return bool(entry["country"] == code)
    words = {w.lower() for w in re.findall(r"[\w']+", mention.text)}
    return bool(words & {name.lower(), (country_demonym(name) or name).lower()}) or (
        demonym_country(mention.text.split()[0]) == name)


def _national_force(doc: Document, head: str, places: list[Mention], start: int) -> str | None:
    """'the army said' after "Sudan's army" or "the Sudanese army": the known military
    (alias file, sector MIL) of that country whose names end with the same word."""
    for m in reversed([m for m in places if m.label == "GPE" and m.end <= start]):
        if not re.match(rf"(?:'s|’s)?\s+{re.escape(head)}\b", doc.text[m.end:m.end + 40],
                        re.IGNORECASE):
            continue
        place = _geo(m.text)
        country = place.country if place is not None else None
        for entry in _entries_by_id().values():
            names = [entry.get("name", ""), *entry.get("aliases", [])]
            if (country and entry.get("country") == country and entry.get("sector") == "MIL"
                    and any(n.lower().split()[-1:] == [head] for n in names if n)):
                return str(entry["id"])
        return None
    return None


def _place_before(doc: Document, span: Span, places: list[Mention], idx: int) -> str | None:
    """The country of a place that opens the sentence of a government description ('In
    Tehran, the government ...'), as an entity key."""
    if span.root.lower_ not in _rules()["state_heads"]:
        return None
    lead = [m for m in places if m.sentence == idx and m.end <= span.start_char
            and m.label == "GPE" and re.fullmatch(r"\W*(?:in|from)\s+", doc.text[
                doc.sentences[idx].start:m.start], re.IGNORECASE)]
    place = _geo(lead[0].text) if lead else None
    if place is None or not place.country:
        return None
    from sitrep.annotate.places import country_name

    return entity_key(country_name(place.country) or lead[0].text, "GPE")


def _other_office(wanted: set[str], held: set[str]) -> bool:
    """A description of one office ('the prime minister') never names the holder of another
    ('President X')."""
    offices = set(_rules()["offices"])
    return bool(wanted & offices) and bool(held & offices) and not wanted & held


def _build_entities(mentions: list[Mention], text: str) -> dict[str, Entity]:
    ents: dict[str, Entity] = {}
    order = {"name": 0, "title": 0, "acronym": 1, "description": 2, "pronoun": 3}
    for m in sorted(mentions, key=lambda m: (order.get(m.kind, 4), m.start)):
        if m.entity is None:
            continue
        ent = ents.get(m.entity)
        if ent is None:
            entry = _entries_by_id().get(m.entity)
            if entry:
                ent = Entity(m.entity, entry["name"], entry["type"], sector=entry.get("sector")
                             or None, country=entry.get("country") or None,
                             wikidata=entry.get("wikidata") or None)
            else:
                ent = Entity(m.entity, _display(m), m.label)
            ents[m.entity] = ent
        if m.kind in ("name", "acronym", "title"):
            ent.aliases.add(_display(m))
            if m.kind != "acronym" and m.entity not in _entries_by_id() \
                    and len(_display(m)) > len(ent.name):
                ent.name = _display(m)  # the fullest form names the entity
    return ents


def _display(m: Mention) -> str:
    if m.kind == "title":
        words = m.text.split()
        return " ".join(words[_title_len(words):]) or m.text
    if m.kind == "description":  # "the Indian army" names the actor "Indian army"
        return re.sub(r"^(?:the|a|an)\s+", "", " ".join(m.text.split()), flags=re.I)
    return " ".join(m.text.split())
