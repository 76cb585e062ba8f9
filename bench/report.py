"""Print the latest bench results (bench/data/*.jsonl) as Markdown tables, for bench/RESULTS.md."""
from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def rows(name):
    path = DATA / name
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def main() -> int:
    out = []
    corpus = rows("corpus-results.jsonl")
    if corpus:
        out += ["| documents | mode | docs/s | seconds | rows | errors | peak RSS driver (MB) | peak RSS child (MB) |",
                "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in corpus:
            out.append(f"| {r['documents']:,} | {r['mode']} | {r['docs_per_s']} | {r['seconds']} | {r['rows']:,} | "
                       f"{r['errors']} | {r['peak_rss_mb']} | {r['peak_child_rss_mb']} |")
        out.append("")
    figs = rows("figures-results.jsonl")
    scan = [r for r in figs if r["bench"] == "scan"]
    if scan:
        out += ["| tool | documents | docs/s | figures found | analysis.scan speed ÷ tool |", "| --- | ---: | ---: | ---: | ---: |"]
        for r in scan:
            out.append(f"| {r['tool']} | {r['docs']:,} | {r['docs_per_s']} | {r['found']:,} | {r['analysis_scan_speed_ratio']} |")
        out.append("")
    norm = [r for r in figs if r["bench"] == "normalize"]
    if norm:
        out += ["| strings | distinct | seconds | strings/s | unread |", "| ---: | ---: | ---: | ---: | ---: |"]
        for r in norm:
            out.append(f"| {r['strings']:,} | {r['distinct']:,} | {r['seconds']} | {r['strings_per_s']:,} | {r['unread']:,} |")
        out.append("")
    for r in rows("fuzz-results.jsonl"):
        out.append("```json\n" + json.dumps(r, ensure_ascii=False, indent=1) + "\n```")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
