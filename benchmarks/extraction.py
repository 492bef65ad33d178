"""Article extraction benchmark: our HTML reader and our scraped-text cleaner vs gold.

Usage: python benchmarks/extraction.py [DIR] [--limit N]

DIR defaults to ../shared/eval/article-extraction (Zyte benchmark: html/*.html.gz and
ground-truth.json). Scoring follows the Zyte evaluate.py: 4-token shingles of \\w+ tokens,
precision and recall per page averaged over pages, F1 from the averages.

(a) main text from HTML: sitrep.read.html.read_html vs bare trafilatura.extract;
(b) boilerplate removal from scraped text: plain html-to-text of the whole page (no
    main-content detection), then clean_text, vs that plain text left unclean.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sitrep.read._base import ReadError
from sitrep.read.clean import clean_text
from sitrep.read.html import html_to_plain, read_html

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def prf(gold: str, pred: str) -> tuple[float, float]:
    """Per-page shingle precision and recall (an empty prediction counts as precision 1)."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    if tp + fp + fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def load(data_dir: Path, limit: int | None = None) -> list[tuple[str, str, str | None]]:
    """(html, gold text, url) per page, in a stable order."""
    gold = json.loads((data_dir / "ground-truth.json").read_text("utf-8"))
    items = []
    for key in sorted(gold)[:limit]:
        path = data_dir / "html" / f"{key}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            items.append((html, gold[key].get("articleBody", ""), gold[key].get("url")))
    return items


def _ours(html: str, url: str | None) -> str:
    try:
        return read_html(html, source=url or "page", url=url).text
    except ReadError:
        return ""


def _trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def _plain(html: str, url: str | None) -> str:
    return html_to_plain(html)


def _plain_clean(html: str, url: str | None) -> str:
    return clean_text(html_to_plain(html))[0]


SYSTEMS: dict[str, Callable[[str, str | None], str]] = {
    "sitrep read_html": _ours,
    "trafilatura.extract": _trafilatura,
    "plain html-to-text": _plain,
    "plain + clean_text": _plain_clean,
}


def evaluate(items: list[tuple[str, str, str | None]],
             systems: dict[str, Callable[[str, str | None], str]] | None = None,
             ) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and seconds per system."""
    out: dict[str, dict[str, float]] = {}
    for name, run in (systems or SYSTEMS).items():
        start = time.perf_counter()
        ps, rs = [], []
        for html, gold, url in items:
            p, r = prf(gold, run(html, url))
            ps.append(p)
            rs.append(r)
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[name] = {"precision": p, "recall": r, "f1": f1,
                     "seconds": time.perf_counter() - start}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = parser.parse_args(argv)
    if not (args.dir / "ground-truth.json").exists():
        print(f"{args.dir}: ground-truth.json not found; pass the benchmark folder",
              file=sys.stderr)
        return 2
    items = load(args.dir, args.limit)
    scores = evaluate(items)
    print(f"{len(items)} pages from {args.dir}")
    print(f"{'system':<22}{'F1':>7}{'P':>7}{'R':>7}{'sec':>8}")
    for name, s in scores.items():
        print(f"{name:<22}{s['f1']:>7.3f}{s['precision']:>7.3f}{s['recall']:>7.3f}"
              f"{s['seconds']:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
