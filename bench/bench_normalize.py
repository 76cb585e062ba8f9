"""Bench `normalize` on table columns (issue 12): 1,000,000 cells drawn from 1,000 (and 100,000) distinct
ones, as table cells come: amounts, changes, plain numbers, accounting negatives and missing marks.

    python bench/bench_normalize.py [--cells 1000000]

Peers in the same run: the column reader as it was before issue 12 (factorize + `reading.figures.read_one`,
which reads no plain numbers, negatives or missing marks) and `pandas.to_numeric` on a column of plain
numbers only (the floor: no units at all). Also the worst per-KB time of hostile cells (dense figures, long
digit runs) against the 50 ms per KB budget. Speed only; behaviour lives in tests/test_normalize.py.
Writes JSON lines to bench/data/normalize-results.jsonl and prints them.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cells(n: int, distinct: int, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    forms = [
        lambda x: f"{x:.1f}M USD", lambda x: f"${x:.2f} bn", lambda x: f"{x:.1f} million US dollars",
        lambda x: f"{x:.1f} млн долларов".replace(".", ","), lambda x: f"+{x:.1f}%", lambda x: f"{x:.1f} times",
        lambda x: f"{x:,.0f} EUR", lambda x: f"{x:.1f} млрд руб".replace(".", ","), lambda x: f"{x:.1f}",
        lambda x: f"({x:.1f})", lambda x: f"$-{x:.0f}m", lambda x: f"{x:,.1f}", lambda x: f"{x:.0f}",
        lambda x: rng.choice(["n/a", "—", "", "..", "-", "x"]),
    ]
    pool = list(dict.fromkeys(rng.choice(forms)(rng.uniform(0.1, 9999)) for _ in range(distinct * 2)))[:distinct]
    return [rng.choice(pool) for _ in range(n)]


def before_issue_12(values):
    """The column reader as it was: factorize, then the free-text reader's read_one per distinct cell."""
    import numpy as np
    import pandas as pd

    from analysis.frames import NORMALIZE_COLUMNS
    from analysis.reading.figures import read_one

    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = [read_one(u) for u in uniques]
    table.append((np.nan, None, np.nan, None, "missing value"))
    take = np.asarray(codes)
    out = {name: np.asarray(col, dtype="float64" if NORMALIZE_COLUMNS[name] == "float64" else object)[take]
           for name, col in zip(NORMALIZE_COLUMNS, zip(*table))}
    return pd.DataFrame(out, index=values.index).astype(NORMALIZE_COLUMNS)


def timed(fn, *args, repeat: int = 3, **kwargs):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def hostile(limit_cells: int = 40) -> list[dict]:
    """Worst cells: each ~1,000 characters (the reader's cap per figure) and one 16 KB cell."""
    import analysis

    patterns = ["$1", "1%", "52.9 ", "$15-20 million ", "($1.2 billion) ", "на 25%, ", "(", "1" * 50 + ",",
                "-$", "n/a "]
    rows = []
    for p in patterns:
        for size in (1000, 16_384):
            cell = (p * (size // len(p) + 1))[:size]
            s, out = timed(analysis.normalize, [cell] * 1, repeat=2)
            rows.append({"bench": "normalize-hostile", "pattern": p[:20], "bytes": len(cell.encode()),
                         "ms_per_kb": round(1000 * s / (len(cell.encode()) / 1024), 2),
                         "error": out["error"].iloc[0][:40]})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cells", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    import pandas as pd

    import analysis

    rows = []
    n = args.cells
    for distinct in (1_000, 100_000):
        raw = cells(n, distinct)
        for dtype in ("object", "str"):
            values = pd.Series(raw, dtype=dtype)
            analysis.normalize(values.head(2000))  # rules compiled outside the timing
            s, out = timed(analysis.normalize, values, repeat=3 if distinct == 1_000 else 1)
            old, _ = timed(before_issue_12, values, repeat=3 if distinct == 1_000 else 1)
            rows.append({"bench": "normalize", "cells": n, "distinct": distinct, "dtype": dtype, "seconds": round(s, 3),
                         "cells_per_s": round(n / s), "before_issue_12_s": round(old, 3),
                         "speed_vs_before": round(old / s, 2),
                         "missing": int(out["kind"].eq("missing").sum()), "errors": int(out["error"].ne("").sum())})
    raw = cells(n, 1_000)
    s, _ = timed(analysis.normalize, raw)
    rows.append({"bench": "normalize-list", "cells": n, "distinct": 1_000, "seconds": round(s, 3), "cells_per_s": round(n / s)})
    s, _ = timed(analysis.normalize, pd.Series(raw, dtype="str"), unit="USD", scale="million")
    rows.append({"bench": "normalize-hints", "cells": n, "distinct": 1_000, "seconds": round(s, 3), "cells_per_s": round(n / s)})
    plain = pd.Series([f"{random.Random(i % 1000).uniform(0, 9999):.1f}" for i in range(n)], dtype="str")
    s_ours, _ = timed(analysis.normalize, plain)
    s_pd, _ = timed(pd.to_numeric, plain)
    rows.append({"bench": "normalize-plain-numbers", "cells": n, "distinct": 1_000, "seconds": round(s_ours, 3),
                 "cells_per_s": round(n / s_ours), "pandas_to_numeric_s": round(s_pd, 3),
                 "ratio_to_to_numeric": round(s_pd / s_ours, 2)})
    rows += hostile()
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    with open(data / "normalize-results.jsonl", "a") as fh:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
