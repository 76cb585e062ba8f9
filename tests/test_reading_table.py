"""The reading table (tests/cases/reading_written.tsv): sentences written for this project, read end to end.

One line per expected row (a sentence with no trade row has indicator "-"); `source` says who wrote it
(`written`: for this project; `issue-11`: the examples of the issue). A known failure is a strict xfail.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from analysis import extract

TABLE = Path(__file__).with_name("cases") / "reading_written.tsv"
FIELDS = ("indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
          "compared_start", "compared_end")


def _cases():
    groups: dict[tuple[str, str], dict] = {}
    with TABLE.open(encoding="utf-8") as fh:
        for line in csv.DictReader(fh, delimiter="\t"):
            case = groups.setdefault((line["published"], line["text"]), {"rows": [], "xfail": ""})
            if line["indicator"] != "-":
                case["rows"].append(tuple(_value(f, line[f]) for f in FIELDS))
            case["xfail"] = case["xfail"] or line["xfail"]
    out = []
    for (published, text), case in groups.items():
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case["xfail"] else []
        out.append(pytest.param(published or None, text, case["rows"], marks=marks, id=text[:50]))
    return out


def _value(field: str, cell: str):
    if cell == "":
        return None
    return float(cell) if field in ("value", "multiplier") else cell


def _normal(row: dict) -> tuple:
    def cell(f):
        v = row[f]
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return None
        return round(float(v), 4) if f in ("value", "multiplier") else v
    return tuple(cell(f) for f in FIELDS)


def _order(row: tuple) -> tuple:
    """Rows sorted with missing cells first, whatever the cell types."""
    return tuple(("", "") if v is None else (type(v).__name__, v) for v in row)


@pytest.mark.parametrize("published, text, expected", _cases())
def test_the_table_reads_as_written(published, text, expected):
    got = sorted((_normal(r) for r in extract(text, published=published).to_dict("records")), key=_order)
    want = sorted((tuple(round(v, 4) if isinstance(v, float) else v for v in row) for row in expected), key=_order)
    assert got == want
