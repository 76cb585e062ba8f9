"""Bench `analysis.consolidate` on generated tidy rows (default 1,000,000).

    python bench/bench_consolidate.py [--rows 1000000] [--copies 4] [--decimals 1] [--repeat 2]

Each key (indicator, pair, period) gets one true value in millions written with `--decimals` decimals,
copied 1..2*copies-1 times in rounded forms ("$52.9 million", "$53m", "52,9 млн долларов", "almost 53
million dollars"), either side for turnover, with a wrong copy for one key in ten and growth-only rows for
one in eight. `--decimals 2` makes most quotes distinct (the worst case for reading quotes). Speed and
peak memory only; correctness lives in tests/test_consolidate.py. Prints one JSON line per run.
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time


def generate(n_rows: int, copies: int = 4, decimals: int = 1, seed: int = 14):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    countries = np.array(["KAZ", "SRB", "UZB", "TUR", "CHN", "DEU", "RUS", "IND", "KGZ", "AZE"], dtype=object)
    indicators = np.array(["trade_turnover", "exports", "imports", "trade_balance", "investment"], dtype=object)
    n_keys = max(1, n_rows // copies)
    per_key = rng.integers(1, 2 * copies, n_keys)
    key = np.repeat(np.arange(n_keys), per_key)[:n_rows]
    if len(key) < n_rows:
        key = np.r_[key, rng.integers(0, n_keys, n_rows - len(key))]
    n = len(key)
    # every key its own (pair, indicator, year, month): conflicts come only from the wrong copies
    code = rng.permutation(90 * 4 * 100 * 12)[:n_keys] if n_keys <= 432_000 else np.arange(n_keys)
    month, code = code % 12 + 1, code // 12
    year, code = 1925 + code % 100, code // 100
    ind, pair = code % 4, code // 4
    rep, par = pair // 9 % len(countries), (pair // 9 + pair % 9 + 1) % len(countries)
    ind = np.where((ind == 0) & (rep > par), 3 + (ind == 0), ind)  # turnover has no side: B-A is A-B
    true = np.round(rng.uniform(1, 999, n_keys), decimals)
    growth_key = rng.random(n_keys) < 0.125
    mult = np.round(rng.uniform(0.5, 3.0, n_keys), 2)

    k_rep, k_par, k_ind = rep[key], par[key], ind[key]
    swap = (indicators[k_ind] == "trade_turnover") & (rng.random(n) < 0.5)
    form = rng.integers(0, 5, n)
    wrong = (rng.random(n) < 0.1 / copies)
    value = true[key] * np.where(wrong, 1.3, 1.0)
    quotes = []
    shown = np.empty(n)
    for i, (v, f) in enumerate(zip(value.tolist(), form.tolist())):
        if f == 0:
            q, s = f"${v:.{decimals}f} million", round(v, decimals)
        elif f == 1:
            q, s = f"{v:.{decimals}f} million US dollars", round(v, decimals)
        elif f == 2:
            q, s = f"${v:.0f}m", round(v)
        elif f == 3:
            q, s = f"almost {math.ceil(v):.0f} million dollars", math.ceil(v)
        else:
            q, s = f"{v:.{decimals}f} млн долларов".replace(".", ","), round(v, decimals)
        quotes.append(q)
        shown[i] = s * 1e6
    g = growth_key[key]
    mult_rows = mult[key]
    quotes = np.array(quotes, dtype=object)
    quotes[g] = [f"up {round((m - 1) * 100)}%" if m >= 1 else f"down {round((1 - m) * 100)}%"
                 for m in mult_rows[g].tolist()]
    mult_rows = np.where(g, np.round(mult_rows, 2), np.nan)
    shown = np.where(g, np.nan, shown)
    period_end = np.char.add(np.char.add(year[key].astype(str), "-"), np.char.zfill(month[key].astype(str), 2))
    frame = pd.DataFrame({
        "source": pd.array(np.char.add("outlet", rng.integers(0, 500, n).astype(str)), dtype="str"),
        "published": pd.array(np.char.add(np.char.add((year[key] + 1).astype(str), "-0"),
                                          rng.integers(1, 10, n).astype(str)), dtype="str"),
        "indicator": pd.array(indicators[k_ind], dtype="str"),
        "reporter": pd.array(np.where(swap, countries[k_par], countries[k_rep]), dtype="str"),
        "partner": pd.array(np.where(swap, countries[k_rep], countries[k_par]), dtype="str"),
        "period_start": pd.array(np.char.add(year[key].astype(str), "-01"), dtype="str"),
        "period_end": pd.array(period_end, dtype="str"),
        "value": shown,
        "unit": pd.array(np.where(g, None, "USD"), dtype="str"),
        "multiplier": mult_rows,
        "quote": pd.array(quotes, dtype="str"),
        "lang": pd.array(np.where(form == 4, "ru", "en"), dtype="str"),
        "flags": pd.array(np.full(n, ""), dtype="str"),
    })
    # integer ratios would be written as percents; keep the multipliers the quotes state
    up = frame["quote"].str.startswith("up ") & g
    frame.loc[g, "multiplier"] = np.where(
        up[g], 1 + frame.loc[g, "quote"].str.extract(r"(\d+)")[0].astype(float).to_numpy() / 100,
        1 - frame.loc[g, "quote"].str.extract(r"(\d+)")[0].astype(float).to_numpy() / 100)
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--decimals", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    import analysis

    t0 = time.perf_counter()
    rows = generate(args.rows, args.copies, args.decimals)
    gen = time.perf_counter() - t0
    distinct = rows["quote"].nunique()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for run in range(args.repeat):
        t = time.perf_counter()
        facts = analysis.consolidate(rows)
        seconds = time.perf_counter() - t
        print(json.dumps({
            "rows": len(rows), "distinct_quotes": int(distinct), "decimals": args.decimals, "run": run + 1,
            "seconds": round(seconds, 2), "rows_per_s": round(len(rows) / seconds),
            "facts": len(facts), "in_conflict": int(facts["conflict"].sum()),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_before_mb": round(rss_before, 1), "generate_s": round(gen, 1),
        }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
