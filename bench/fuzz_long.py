"""The long fuzz run: 1,000,000 generated inputs through parse, scan and normalize (and extract when it exists).

    python bench/fuzz_long.py [--n 1000000] [--workers 2] [--seed 1]

Inputs mix trade-text tokens with hostile ones (huge digit runs, repeated separators, unbalanced brackets
and quotes, control characters, RTL marks, zero-width spaces, other scripts' digits) and arbitrary unicode.
Checked per input: only documented exceptions (ParseError from parse), spans inside the input and slicing
to the reported text, values finite or NaN. Reported: counts, failures by kind with the shortest input,
and the worst time per KB (inputs of 256+ characters) and worst time per input. Appends a JSON line to
bench/data/fuzz-results.jsonl.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

TOKENS = None


def tokens():
    global TOKENS
    if TOKENS is None:
        from test_fuzz import TOKENS as T  # one list of hostile pieces, shared with the test suite

        TOKENS = T
    return TOKENS


def make_input(rng: random.Random) -> str:
    r = rng.random()
    toks = tokens()
    if r < 0.45:
        return "".join(rng.choice(toks) for _ in range(rng.randint(0, 40)))
    if r < 0.75:
        return " ".join(rng.choice(toks) for _ in range(rng.randint(0, 30)))
    if r < 0.99:
        return "".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x2fff), rng.randint(0, 0x10ffff)]))
                       for _ in range(rng.randint(0, 80))).encode("utf-8", "replace").decode("utf-8", "replace")
    if r < 0.997:  # long repeated pieces: roughly-linear time check
        piece = rng.choice(["1", "9 ", "1,", "(", "«", "52.9 million US dollars, ", "на 25%, ", "\u200b1", ". "])
        return piece * rng.randint(20, 300)
    return rng.choice(["1" * 5000, "1" * 5000 + " million", "," * 10000, "(" * 5000 + "1", "\u202e" * 3000])


def finite_or_nan(x) -> bool:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return x is None
    return math.isnan(x) or math.isfinite(x)


def check_chunk(args):
    seed, n, with_extract, heavy_every = args
    import analysis
    from analysis.errors import ParseError

    extract = None
    if with_extract:
        from analysis.frames import extract
    rng = random.Random(seed)
    failures: dict[str, str] = {}
    counts = {"inputs": 0, "parse_ok": 0, "parse_error": 0, "scanned": 0, "extracted": 0, "scan_rows": 0}
    worst_per_kb = {}  # function -> (seconds per KB, input start, input chars)
    worst_abs = (0.0, 0)

    def fail(kind, text):
        if kind not in failures or len(text) < len(failures[kind]):
            failures[kind] = text

    batch = []
    for _ in range(n):
        text = make_input(rng)
        counts["inputs"] += 1
        batch.append(text)
        t0 = time.perf_counter()
        marks = [t0]
        try:
            fig = analysis.parse(text)
            counts["parse_ok"] += 1
            if not finite_or_nan(fig.value):
                fail("parse: non-finite value", text)
            if text[fig.span[0]:fig.span[1]] != fig.raw:
                fail("parse: span does not slice to raw", text)
        except ParseError:
            counts["parse_error"] += 1
        except Exception as e:
            fail(f"parse raised {type(e).__name__}", text)
        marks.append(time.perf_counter())
        heavy = counts["inputs"] % heavy_every == 0
        try:
            if not heavy:
                raise StopIteration
            counts["scanned"] += 1
            frame = analysis.scan(text)
            counts["scan_rows"] += len(frame)
            for r in frame.itertuples(index=False):
                if not (0 <= r.start <= r.end <= len(text)) or text[r.start:r.end] != r.text:
                    fail("scan: span does not slice to text", text)
                if not finite_or_nan(r.value):
                    fail("scan: non-finite value", text)
        except StopIteration:
            pass
        except Exception as e:
            fail(f"scan raised {type(e).__name__}", text)
        marks.append(time.perf_counter())
        if extract is not None and heavy:
            counts["extracted"] += 1
            try:
                rows = extract(text)
                for r in rows.itertuples(index=False):
                    if text[r.start:r.end] != r.quote:
                        fail("extract: quote does not slice", text)
                    if not finite_or_nan(r.value):
                        fail("extract: non-finite value", text)
            except Exception as e:
                fail(f"extract raised {type(e).__name__}", text)
        marks.append(time.perf_counter())
        dt = marks[-1] - t0
        if dt > worst_abs[0]:
            worst_abs = (dt, len(text))
        if len(text) >= 256:
            for name, a, b in list(zip(("parse", "scan", "extract"), marks, marks[1:]))[: 3 if heavy else 1]:
                per_kb = (b - a) / len(text) * 1024
                if per_kb > worst_per_kb.get(name, (0.0,))[0]:
                    worst_per_kb[name] = (per_kb, text[:50], len(text))
        if len(batch) == 1000:
            try:
                out = analysis.normalize(batch)
                bad = out["value"].map(lambda v: not finite_or_nan(v))
                if bad.any():
                    fail("normalize: non-finite value", min((b for b, x in zip(batch, bad) if x), key=len))
                # a missing cell ("", "n/a") is NaN with kind "missing" and no error, by design (issue 12)
                nan_no_reason = out["value"].isna() & out["error"].fillna("").eq("") & out["kind"].ne("missing")
                if nan_no_reason.any():
                    fail("normalize: NaN without a reason", batch[int(nan_no_reason.to_numpy().argmax())])
            except Exception as e:
                fail(f"normalize raised {type(e).__name__}", min(batch, key=len))
            batch = []
    return counts, failures, worst_per_kb, worst_abs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk", type=int, default=20_000)
    ap.add_argument("--heavy-every", type=int, default=1,
                    help="scan and extract every k-th input (parse and normalize see all of them)")
    args = ap.parse_args(argv)
    try:
        import analysis.extraction  # noqa: F401
        with_extract = True
    except ImportError:
        with_extract = False
    jobs = [(args.seed * 1_000_003 + i, min(args.chunk, args.n - i * args.chunk), with_extract, args.heavy_every)
            for i in range(math.ceil(args.n / args.chunk))]
    t0 = time.perf_counter()
    totals: dict[str, int] = {}
    failures: dict[str, str] = {}
    worst_kb: dict = {}
    worst_abs = (0.0, 0)
    with get_context("forkserver").Pool(args.workers) as pool:
        for counts, fails, wkb, wabs in pool.imap_unordered(check_chunk, jobs):
            for k, v in counts.items():
                totals[k] = totals.get(k, 0) + v
            for k, v in fails.items():
                if k not in failures or len(v) < len(failures[k]):
                    failures[k] = v
            for name, v in wkb.items():
                if v[0] > worst_kb.get(name, (0.0,))[0]:
                    worst_kb[name] = v
            worst_abs = max(worst_abs, wabs)
            print(f"\r{totals['inputs']:,} inputs, {len(failures)} failure kinds", end="", file=sys.stderr)
    print(file=sys.stderr)
    result = {
        "bench": "fuzz", **totals, "heavy_every": args.heavy_every, "extract_checked": with_extract, "seconds": round(time.perf_counter() - t0, 1),
        "inputs_per_s": round(totals["inputs"] / (time.perf_counter() - t0), 1),
        "worst_ms_per_kb": {k: {"ms_per_kb": round(v[0] * 1000, 2), "input_start": v[1], "chars": v[2]}
                            for k, v in worst_kb.items()},
        "worst_ms_per_input": round(worst_abs[0] * 1000, 2), "worst_input_chars": worst_abs[1],
        "failures": {k: (v if len(v) <= 120 else f"{v[:40]!r}... ({len(v)} chars)") for k, v in failures.items()},
    }
    (HERE / "data").mkdir(exist_ok=True)
    with open(HERE / "data" / "fuzz-results.jsonl", "a") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
