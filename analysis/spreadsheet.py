"""Frames to an Excel workbook (``.xlsx``, through openpyxl from the ``xlsx`` extra), formula-safe.

A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab or CR first, as for CSV),
header cells included, is written as text with Excel's own "typed with a leading apostrophe" mark
(``quotePrefix``): it shows as written and never runs. Every text cell is stored as text, so nothing
becomes a formula, a number or a date on the way. Characters XML cannot hold (NUL and other C0 controls
but tab, LF and CR) become U+FFFD. The file appears atomically (a temporary file, then a rename).
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

from .files import atomic_write

EXTRA = "analysis[xlsx]"
MAX_CELL = 32_767  # Excel's limit on the characters of one cell
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _openpyxl():
    try:
        import openpyxl
    except ImportError as exc:
        raise ImportError(f".xlsx output needs the openpyxl package: pip install '{EXTRA}'") from exc
    return openpyxl


def write_xlsx(frame, path: str | os.PathLike, *, sheet: str = "rows") -> Path:
    """Write `frame` (no index) to one sheet of a new workbook at `path`; return the path."""
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)

    def cell(value, where):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        if isinstance(value, str):
            if len(value) > MAX_CELL:
                raise ValueError(f"{path}: {where} holds {len(value):,} characters; an .xlsx cell holds at most "
                                 f"{MAX_CELL:,} (write CSV, Parquet or JSON Lines instead)")
            c = WriteOnlyCell(ws, value=_ILLEGAL.sub("\ufffd", value))
            c.data_type = "s"
            if _FORMULA.match(value):
                c.quotePrefix = True
            return c
        if hasattr(value, "item"):  # numpy scalars
            value = value.item()
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        if isinstance(value, float) and math.isinf(value):
            return str(value)
        return value

    columns = [str(c) for c in frame.columns]
    ws.append([cell(c, f"header {c!r}") for c in columns])
    data = frame.astype(object).where(frame.notna(), None)
    for i, values in enumerate(data.itertuples(index=False, name=None)):
        ws.append([cell(v, f"row {i}, column {columns[j]!r}") for j, v in enumerate(values)])
    with atomic_write(path, "wb") as fh:
        book.save(fh)
    return path
