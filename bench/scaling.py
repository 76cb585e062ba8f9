"""Is time roughly linear in input length? Time parse, scan and extract on hostile patterns at 1-16 KB.

    python bench/scaling.py

Prints ms per KB at each size (a flat row is linear; a row that doubles with the size is quadratic) and
appends JSON to bench/data/scaling-results.jsonl.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

PATTERNS = {
    "money list": "52.9 million US dollars, ",
    "ru percent list": "на 25%, ",
    "digits": "1",
    "zero-width digits": "\u200b1",
    "sentences": "Exports rose 25% to $3.7bn in 2022. ",
    "brackets": "(",
    "signed changes": "-30% ",
    "worded signs": "minus 30% ",
    "changes": "up 30% ",
    "bracketed changes": "(-30%) ",
    "glued amounts": "$1",
    "glued percents": "1%",
    "spaced amounts": "$1 ",
    "spaced percents": "1% ",
    "changes to amounts in one sentence": "rose 5% to $1 billion, ",   # growth x value attachment (was quadratic)
}
SIZES_KB = (1, 2, 4, 8, 16)


def best_of(fn, text, repeat=2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            fn(text)
        except Exception:
            pass
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    import analysis
    from analysis.frames import extract

    fns = {"parse": analysis.parse, "scan": analysis.scan, "extract": extract}
    analysis.scan("warm up 52.9 million US dollars"), extract("Exports rose 25%.")
    results = []
    for name, piece in PATTERNS.items():
        for fname, fn in fns.items():
            row = {"pattern": name, "function": fname}
            for kb in SIZES_KB:
                text = (piece * (kb * 1024 // len(piece) + 1))[: kb * 1024]
                row[f"{kb}KB_ms_per_kb"] = round(best_of(fn, text) * 1000 / kb, 2)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            results.append(row)
    out = Path(__file__).resolve().parent / "data"
    out.mkdir(exist_ok=True)
    with open(out / "scaling-results.jsonl", "a") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
