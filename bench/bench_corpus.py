"""Bench extract_corpus: documents/s in 1 process, 2 processes and on a 2-worker dask LocalCluster, and
peak memory at 10k vs 100k documents (streaming to Parquet, and in memory).

    python bench/bench_corpus.py                  # 10k docs, every mode
    python bench/bench_corpus.py --sizes 10000 100000 --modes serial-stream processes dask

Each measurement runs in a fresh interpreter so peak RSS (ru_maxrss) belongs to that run alone.
Results are appended as JSON lines to bench/data/corpus-results.jsonl and printed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

MODES = ("serial-stream", "serial-memory", "processes", "dask")


def one(mode: str, path: str, out: str) -> dict:
    from _extractors import extractor, has_extract

    from analysis.corpus import extract_corpus, write_corpus

    fn = extractor()
    t0 = time.perf_counter()
    if mode == "serial-stream":
        docs, rows, errors = write_corpus(path, out, extract=fn, progress=False)
    elif mode == "serial-memory":
        frame, errors = extract_corpus(path, extract=fn, progress=False)
        rows, docs = len(frame), None
    elif mode == "processes":
        docs, rows, errors = write_corpus(path, out, extract=fn, workers=2, progress=False)
    elif mode == "dask":
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            t0 = time.perf_counter()
            docs, rows, errors = write_corpus(path, out, extract=fn, client=client, progress=False)
    else:
        raise SystemExit(f"unknown mode {mode}")
    seconds = time.perf_counter() - t0
    n = sum(1 for _ in open(path, "rb"))
    return {
        "mode": mode, "documents": n, "rows": int(rows), "errors": int(len(errors)), "seconds": round(seconds, 2),
        "docs_per_s": round(n / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_child_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "extract": "analysis.extract" if has_extract() else "scan stand-in",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", nargs="+", type=int, default=[10_000])
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    ap.add_argument("--one", nargs=3, metavar=("MODE", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(*args.one)))
        return 0
    from corpus_gen import write

    data = HERE / "data"
    data.mkdir(exist_ok=True)
    results = data / "corpus-results.jsonl"
    for n in args.sizes:
        corpus = data / f"corpus-{n}.jsonl"
        if not corpus.exists():
            write(n, corpus)
        for mode in args.modes:
            out = data / f"rows-{n}-{mode}.parquet"
            proc = subprocess.run([sys.executable, __file__, "--one", mode, str(corpus), str(out)],
                                  capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr[-2000:], file=sys.stderr)
                continue
            line = proc.stdout.strip().splitlines()[-1]
            print(line, flush=True)
            with open(results, "a") as fh:
                fh.write(line + "\n")
            if out.exists():
                os.remove(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
