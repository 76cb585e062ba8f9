"""Make data/processed/ from data/raw/ (raw files are never edited; processed files are only made here).

    python data/build.py            # rewrite data/processed/*.csv
    python data/build.py --check    # exit 1 if data/processed/ differs from a fresh build

The transformations live in analysis.datasets (build_official_trade, build_exchange_rates,
build_companies) so that tests can check the shipped files against a rebuild.
"""
from __future__ import annotations

import sys
from pathlib import Path

from analysis.datasets import BUILDERS

OUT = Path(__file__).resolve().parent / "processed"


def render(build) -> str:
    return build().to_csv(index=False, lineterminator="\n")


def main(argv: list[str]) -> int:
    check = "--check" in argv
    OUT.mkdir(exist_ok=True)
    stale = []
    for name, build in BUILDERS.items():
        text = render(build)
        path = OUT / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print(f"stale: {', '.join(stale)}; run: python data/build.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
