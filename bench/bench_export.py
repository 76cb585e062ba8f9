"""Export speed: 20 figures in one `write_charts` call (one browser) vs 20 separate `plotly.io.write_image`
calls (a browser each), and the size of one exported HTML chart with plotly.js embedded vs from the CDN.

    .venv/bin/python bench/bench_export.py [--n 20] [--format png]

Prints a small table; nothing is asserted (timings belong here, not in the tests).
"""
from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from analysis.views import charts, export
from analysis.frames import to_frame

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
    return {f"fig-{i:02d}": charts.turnover_chart(frame.iloc[[i]], title=f"Bench figure {i}") for i in range(n)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--format", default="png")
    args = ap.parse_args(argv)
    import plotly.io as pio

    figs = figures(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        export.write_charts(figs, tmp / "batch", formats=(args.format,))
        batch = time.perf_counter() - t0

        (tmp / "single").mkdir()
        t0 = time.perf_counter()
        for name, fig in figs.items():
            w, h = export.figure_size(fig)
            pio.write_image(fig, tmp / "single" / f"{name}.{args.format}", width=w, height=h)
        single = time.perf_counter() - t0

        one = {"fig": next(iter(figs.values()))}
        (offline,) = export.write_charts(one, tmp / "offline", formats=("html",), offline_html=True)
        (cdn,) = export.write_charts(one, tmp / "cdn", formats=("html",), offline_html=False)
        sizes = offline.stat().st_size, cdn.stat().st_size

    n = args.n
    print(f"{n} figures as {args.format}")
    print(f"  one write_charts call (one browser): {batch:6.2f} s  = {batch / n:.3f} s per figure")
    print(f"  {n} separate write_image calls:       {single:6.2f} s  = {single / n:.3f} s per figure")
    print(f"  ratio batch / separate: {batch / single:.2f}  (speed-up x{single / batch:.1f})")
    print(f"HTML of one chart: include_plotlyjs=True {sizes[0] / 1e6:.2f} MB; 'cdn' {sizes[1] / 1e3:.1f} KB")
    return 0 if math.isfinite(batch) else 1


if __name__ == "__main__":
    raise SystemExit(main())
