"""Export speed and memory: many charts × formats through one browser (`write_charts`) against a browser
per chart (one `write_charts` call per chart, as a loop over charts would do), and HTML sizes.

    .venv/bin/python bench/bench_export.py [--n 200] [--formats png svg pdf html] [--separate 10] [--tabs 1]

Prints a small table (seconds per chart per format, peak memory (PSS) of this process plus every browser
process it started, sampled every 0.1 s); nothing is asserted (timings belong here, not in the tests). The
separate-browser side runs on the first `--separate` charts only and is scaled per chart.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

from analysis.frames import to_frame
from analysis.views import charts, export

NAN = float("nan")


def figures(n: int):
    rows = []
    for i in range(n):
        rows.append(dict(source=f"bench-{i}", published="2022-11-06", indicator="trade_turnover", reporter="KAZ",
                         partner="SRB", period_start="2022-01", period_end="2022-09", value=(40 + i) * 1e6,
                         unit="USD", multiplier=3.7, compared_start="2021-01", compared_end="2021-09",
                         base_value=(40 + i) * 1e6 / 3.7, base_low=(40 + i - 0.05) * 1e6 / 3.75,
                         base_high=(40 + i + 0.05) * 1e6 / 3.65, quote="", start=0, end=0, lang="en", flags=""))
    frame = to_frame(rows)
    return {f"fig-{i:03d}": charts.turnover_chart(frame.iloc[[i]], title=f"Bench figure {i}") for i in range(n)}


def _pss(pid: str) -> int:
    """Proportional set size in bytes (shared pages split between the processes sharing them), or 0."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss_mb() -> float:
    """Memory of this process and all its descendants, in MB: PSS where Linux gives it (chromium's
    processes share most of their pages; RSS would count them once per process), else RSS."""
    me = os.getpid()
    parents, rss = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(d)] = int(fields[1])
            rss[int(d)] = _pss(d) or int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo, seen = 0, [me], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        todo += [c for c, p in parents.items() if p == pid]
    return total / 1e6


class PeakRSS:
    def __enter__(self):
        self.peak, self._stop = _tree_rss_mb(), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--formats", nargs="+", default=["png", "svg", "pdf", "html"])
    ap.add_argument("--separate", type=int, default=10, help="charts for the browser-per-chart side (0: skip)")
    ap.add_argument("--tabs", type=int, default=export.TABS, help="tabs rendering at once in the one browser")
    args = ap.parse_args(argv)
    export.TABS = args.tabs

    figs = figures(args.n)
    formats = tuple(args.formats)
    per = len(formats)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            export.write_charts(figs, tmp / "batch", formats=formats)
            batch = time.perf_counter() - t0
        batch_peak = mem.peak

        single = single_peak = None
        if args.separate:
            some = dict(list(figs.items())[: args.separate])
            with PeakRSS() as mem:
                t0 = time.perf_counter()
                for name, fig in some.items():
                    export.write_charts({name: fig}, tmp / "single", formats=formats)
                single = (time.perf_counter() - t0) / len(some) * args.n
            single_peak = mem.peak

        one = {"fig": next(iter(figs.values()))}
        (offline,) = export.write_charts(one, tmp / "offline", formats=("html",), include_plotlyjs="inline")
        (cdn,) = export.write_charts(one, tmp / "cdn", formats=("html",), include_plotlyjs="cdn")
        shared = export.write_charts(figs, tmp / "shared", formats=("html",))
        shared_total = sum(p.stat().st_size for p in shared) + (tmp / "shared" / "plotly.min.js").stat().st_size
        sizes = offline.stat().st_size, cdn.stat().st_size

    n = args.n
    print(f"{n} charts x {per} formats ({', '.join(formats)}), {args.tabs} tab(s)")
    print(f"  one browser (one write_charts call): {batch:7.1f} s = {batch / n:.3f} s per chart = "
          f"{batch / n / per:.3f} s per chart per format; peak RSS {batch_peak:,.0f} MB")
    if single is not None:
        print(f"  a browser per chart (first {args.separate}, scaled to {n}): {single:7.1f} s = {single / n:.3f} s per "
              f"chart; peak RSS {single_peak:,.0f} MB")
        print(f"  ratio one browser / browser per chart: {batch / single:.3f} (x{single / batch:.1f} faster)")
    print(f"HTML: one chart inline {sizes[0] / 1e6:.2f} MB, cdn {sizes[1] / 1e3:.1f} KB; {n} charts sharing "
          f"one plotly.min.js {shared_total / 1e6:.2f} MB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
