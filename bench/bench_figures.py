"""Bench the figure layer: `normalize` on 1,000,000 strings, and `scan` beside price-parser, quantulum3
and Duckling (pyduckling-native-phihos, when installed) on the same synthetic documents.

    python bench/bench_figures.py [--strings 1000000] [--docs 2000] [--corpus dev.jsonl]

Speed only (items/s and the ratio to each peer); accuracy lives in the tests. Writes JSON lines to
bench/data/figures-results.jsonl and prints them.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def figure_strings(n: int, distinct: int, seed: int = 7) -> list[str]:
    """n table cells drawn from `distinct` different figure strings (EN and RU, money, percent, growth)."""
    rng = random.Random(seed)
    forms = [
        lambda x: f"{x:.1f}M USD", lambda x: f"${x:.2f} bn", lambda x: f"{x:.1f} million US dollars",
        lambda x: f"{x:.1f} млн долларов".replace(".", ","), lambda x: f"+{x:.1f}%", lambda x: f"{x:.1f} times",
        lambda x: f"{x:,.0f} EUR", lambda x: f"{x:.1f} млрд тенге".replace(".", ","), lambda x: "n/a",
        lambda x: f"в {x:.1f} раза".replace(".", ","), lambda x: f"{x:.0f}",
    ]
    pool = [rng.choice(forms)(rng.uniform(0.1, 9999)) for _ in range(distinct)]
    return [rng.choice(pool) for _ in range(n)]


def bench_normalize(n: int) -> list[dict]:
    import pandas as pd

    import analysis

    out = []
    for distinct in (1_000, 100_000):
        values = pd.Series(figure_strings(n, distinct), dtype="str")
        analysis.normalize(values.head(1000))  # warm up rules
        t0 = time.perf_counter()
        frame = analysis.normalize(values)
        s = time.perf_counter() - t0
        out.append({"bench": "normalize", "strings": n, "distinct": distinct, "seconds": round(s, 2),
                    "strings_per_s": round(n / s), "unread": int(frame["value"].isna().sum())})
    return out


def _timed(fn, docs) -> tuple[float, int]:
    t0 = time.perf_counter()
    found = 0
    for d in docs:
        found += fn(d)
    return time.perf_counter() - t0, found


def bench_scan(n_docs: int, corpus: str | None = None) -> list[dict]:
    """Every tool on the same documents: `n_docs` synthetic ones, or the items of a JSONL `corpus` (fields
    "text" and "published"). Each tool first reads one document of each language, so that rules compiled
    on first use are not timed for one tool and not another."""
    import analysis
    from corpus_gen import generate

    items = [json.loads(line) for line in open(corpus, encoding="utf-8")] if corpus else list(generate(n_docs, seed=11))
    docs = [d["text"] for d in items]
    published = {id(d["text"]): d.get("published") for d in items}
    warm = list({d.get("lang") or ("ru" if any("\u0400" <= ch <= "\u04ff" for ch in d["text"][:200]) else "en"): d["text"]
                 for d in items}.values())
    runners = {"analysis.scan": lambda t: len(analysis.scan(t))}
    try:
        from analysis.extraction import extract_records
        from analysis.frames import extract

        runners["analysis.extract_records"] = lambda t: len(extract_records(t, published.get(id(t))))
        runners["analysis.extract"] = lambda t: len(extract(t, published.get(id(t))))
    except ImportError:
        pass
    try:
        from price_parser import Price

        runners["price-parser"] = lambda t: int(Price.fromstring(t).amount is not None)
    except ImportError:
        pass
    try:
        warnings.simplefilter("ignore")
        from quantulum3 import parser as q

        q.parse("52.9 million US dollars")
        runners["quantulum3"] = lambda t: len(q.parse(t))
    except Exception:
        pass
    try:
        import duckling as dk

        zones = dk.load_time_zones("/usr/share/zoneinfo")
        locale = dk.parse_locale("EN_US", dk.default_locale_lang(dk.parse_lang("EN")))
        ctx = dk.Context(dk.parse_ref_time(zones, "UTC", 0), locale)
        dims = dk.parse_dimensions(["amount-of-money", "number"])
        runners["duckling"] = lambda t: len(dk.parse(t, ctx, dims, False))
        runners["duckling"](docs[0])
    except Exception as e:  # not installed, or its API differs
        print(f"duckling skipped: {type(e).__name__}: {e}", file=sys.stderr)
    for fn in runners.values():
        for t in warm:
            fn(t)
    results = {}
    for name, fn in runners.items():
        sample = docs if name != "quantulum3" else docs[: max(200, n_docs // 5)]  # quantulum3 is slow
        s, found = _timed(fn, sample)
        results[name] = {"bench": "scan", "corpus": Path(corpus).name if corpus else "synthetic", "tool": name, "docs": len(sample), "seconds": round(s, 2),
                         "docs_per_s": round(len(sample) / s, 1), "found": found}
    ours = results["analysis.scan"]["docs_per_s"]
    peer = results.get("duckling", {}).get("docs_per_s")
    for r in results.values():
        r["analysis_scan_speed_ratio"] = round(ours / r["docs_per_s"], 3)
        if peer:
            r["ratio_to_duckling"] = round(r["docs_per_s"] / peer, 3)
    return list(results.values())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--strings", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=2_000)
    ap.add_argument("--corpus", help="a JSONL file of items (text, published) to scan instead of synthetic documents")
    ap.add_argument("--skip", nargs="*", default=[], choices=["normalize", "scan"])
    args = ap.parse_args(argv)
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    rows = []
    if "scan" not in args.skip:
        rows += bench_scan(args.docs, args.corpus)
    if "normalize" not in args.skip:
        rows += bench_normalize(args.strings)
    with open(data / "figures-results.jsonl", "a") as fh:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
