"""Make data/processed/ from data/raw/ (raw files are never edited; processed files are only made here).

    python data/build.py            # rewrite data/processed/*
    python data/build.py --check    # exit 1 if data/processed/ differs from a fresh build

The small tables are built by analysis.datasets (BUILDERS: reported_trade, exchange_rates, trade_gdp,
companies); the statistics offices' files by analysis.snapshot (national_trade.csv, needs the `build`
extra: xlrd, openpyxl, pycountry). The IMF DOTS workbooks (33 MB, 235 files) are not shipped raw: when
../shared/data/official/imf-dots-legacy is beside the repository, dots_annual.csv.gz is rebuilt from them;
otherwise the shipped one is kept (and --check says so).
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from analysis import snapshot
from analysis.datasets import BUILDERS

OUT = Path(__file__).resolve().parent / "processed"


def render(build) -> str:
    return build().to_csv(index=False, lineterminator="\n")


def render_national() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(snapshot.STAT_COLUMNS)
    rows = snapshot.national_rows()
    for r in sorted(rows, key=lambda r: (r[0], r[2], r[1], r[3])):
        w.writerow([*r[:4], f"{r[4]:.2f}", *r[5:]])
    return buf.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    OUT.mkdir(exist_ok=True)
    stale = []
    builds = {name: (lambda b=build: render(b)) for name, build in BUILDERS.items()}
    builds["national_trade.csv"] = render_national
    for name, make in builds.items():
        text = make()
        path = OUT / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 1} rows)")
    if snapshot.DOTS_DIR.is_dir():
        rows = snapshot.read_dots()
        target = OUT / "dots_annual.csv.gz"
        fresh = OUT / "dots_annual.csv.gz.new"
        snapshot.write_dots(fresh, rows)
        if check:
            if fresh.read_bytes() != target.read_bytes():
                stale.append(target.name)
            fresh.unlink()
        else:
            fresh.replace(target)
            print(f"wrote {target} ({len(rows)} rows)")
    else:
        print(f"note: {snapshot.DOTS_DIR} not found; dots_annual.csv.gz kept as shipped", file=sys.stderr)
    if stale:
        print(f"stale: {', '.join(stale)}; run: python data/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
