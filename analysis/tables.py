"""Frame files: tidy frames written to and read back from CSV, Parquet and JSON Lines, exactly.

Frames are written by :func:`write_frame` (atomic: a temporary file renamed into place) and read back by
:func:`read_frame` with the declared dtypes, so a tidy frame makes an exact round trip. CSV text cells that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR), header cells
included, are prefixed with ``'`` on writing and restored on reading.

CSV cannot tell an empty string from a missing cell, so text cells are written in one documented encoding:
every text cell is quoted (so a bare CR or LF inside stays inside), a missing cell is empty, and an empty
string is written as a lone ``'`` (what a spreadsheet shows as an empty text cell); a cell made only of
``'`` gets one more. :func:`read_frame` undoes both, so ``""``, missing, CR, LF and quotes round-trip exactly.
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
from pathlib import Path
from typing import Iterator

from .files import atomic_write

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_EMPTY = re.compile(r"^'*$")  # "" and quote-only cells: one more quote, so "" survives CSV
_MARKED_EMPTY = re.compile(r"^'+$")


def neutralize_formulas(frame):
    """Copy of `frame` whose text cells a spreadsheet would run as formulas get a leading ``'``.

    Cells already starting with quotes before such a character get one more, so
    :func:`restore_formulas` undoes it exactly.
    """
    out = _rewrite_text_cells(frame, _FORMULA, lambda s: "'" + s)
    names = {c: "'" + c for c in out.columns if isinstance(c, str) and _FORMULA.match(c)}
    return out.rename(columns=names) if names else out


def restore_formulas(frame):
    """Undo :func:`neutralize_formulas`, header cells included."""
    out = _rewrite_text_cells(frame, _ESCAPED, lambda s: s.str.slice(1))
    names = {c: c[1:] for c in out.columns if isinstance(c, str) and _ESCAPED.match(c)}
    return out.rename(columns=names) if names else out


def _mark_empty_strings(frame):
    return _rewrite_text_cells(frame, _EMPTY, lambda s: "'" + s)


def _unmark_empty_strings(frame):
    return _rewrite_text_cells(frame, _MARKED_EMPTY, lambda s: s.str.slice(1))


def _rewrite_text_cells(frame, pattern, change):
    """Copy of `frame` where the text cells matching `pattern` become `change(cells as str)`."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
            mask = s.map(lambda v: isinstance(v, str) and pattern.match(v) is not None).astype(bool)
            if mask.any():
                out[col] = s.where(~mask, change(s.astype("str")))
    return out


def _format_of(path: Path, format: str | None) -> str:
    if format:
        fmt = format.lower().lstrip(".")
    else:
        suffixes = [s.lower() for s in path.suffixes]
        fmt = suffixes[-1].lstrip(".") if suffixes else ""
    fmt = {"pq": "parquet", "ndjson": "jsonl", "json": "jsonl"}.get(fmt, fmt)
    if fmt not in ("csv", "parquet", "jsonl"):
        raise ValueError(f"cannot tell the format of {str(path)!r}: use .csv, .parquet or .jsonl (or format=)")
    return fmt


def _dequantify(frame):
    """pint-pandas columns -> float magnitudes; the unit goes into the column name as ``name[unit]``."""
    out = None
    for col in frame.columns:
        dtype = frame[col].dtype
        if type(dtype).__name__ == "PintType":
            out = frame.copy() if out is None else out
            unit = f"{dtype.units:~}" or str(dtype.units)
            out[col] = frame[col].pint.magnitude.astype("float64")
            out = out.rename(columns={col: f"{col}[{unit}]"})
    return frame if out is None else out


_UNIT_COLUMN = re.compile(r"^(.+)\[([^\[\]]+)\]$")


def _quantify(frame):
    """Columns named ``name[unit]`` -> pint-pandas columns (needs pint_pandas and a registry knowing the unit)."""
    renames = {c: _UNIT_COLUMN.match(c) for c in frame.columns if isinstance(c, str) and _UNIT_COLUMN.match(c)}
    if not renames:
        return frame
    import pint_pandas  # noqa: F401  (registers the dtype)

    out = frame.copy()
    for col, m in renames.items():
        out[col] = out[col].astype(f"pint[{m.group(2)}]")
    return out.rename(columns={c: m.group(1) for c, m in renames.items()})


def _jsonable(v):
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item"):  # numpy scalar
        return _jsonable(v.item())
    if v is getattr(__import__("pandas"), "NA"):
        return None
    return v


def _jsonl_lines(frame) -> Iterator[str]:
    cols = list(frame.columns)
    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in cols]
    for values in zip(*columns):
        yield json.dumps({c: _jsonable(v) for c, v in zip(cols, values)}, ensure_ascii=False,
                         allow_nan=False) + "\n"


def write_frame(frame, path: str | os.PathLike, *, format: str | None = None, neutralize: bool = True) -> Path:
    """Write `frame` to CSV, Parquet or JSON Lines atomically (format from the suffix unless given).

    CSV: UTF-8, no index, full float precision; formula-like text cells neutralised unless
    ``neutralize=False``. pint-pandas columns are written as float magnitudes named ``name[unit]``.
    """
    path = Path(path)
    fmt = _format_of(path, format)
    with FrameWriter(path, format=fmt, neutralize=neutralize) as writer:
        writer.write(frame)
    return path


class FrameWriter:
    """Write a frame in chunks (streaming) to CSV, Parquet or JSON Lines; atomic on close.

    >>> with FrameWriter("out.csv") as w:          # doctest: +SKIP
    ...     for chunk in chunks: w.write(chunk)
    """

    def __init__(self, path: str | os.PathLike | None, *, format: str | None = None, neutralize: bool = True,
                 stream=None, row_group_rows: int = 16_384):
        self.path = Path(path) if path is not None else None
        self.format = _format_of(self.path, format) if self.path is not None else (format or "csv")
        self.neutralize = neutralize
        self._stream = stream  # a text stream (stdout) instead of a path: csv or jsonl only
        self._ctx = None
        self._fh = None
        self._parquet = None
        self._columns = None
        self._header = False
        self._pending: list = []  # Parquet: Arrow tables waiting to fill one row group
        self._schema = None
        self._pending_rows = 0
        self.row_group_rows = row_group_rows
        self.rows = 0

    def __enter__(self):
        if self._stream is None:
            mode = "wb" if self.format == "parquet" else "w"
            kw = {} if mode == "wb" else {"encoding": "utf-8", "newline": ""}
            self._ctx = atomic_write(self.path, mode, **kw)
            self._fh = self._ctx.__enter__()
        else:
            if self.format == "parquet":
                raise ValueError("Parquet cannot go to a text stream; give a file name")
            self._fh = self._stream
        return self

    def write(self, frame) -> None:
        frame = _dequantify(frame)
        if self._columns is None:
            self._columns = list(frame.columns)
        elif list(frame.columns) != self._columns:
            raise ValueError(f"chunk columns {list(frame.columns)} differ from the first chunk's {self._columns}")
        if self.format == "csv":
            if self.neutralize:
                frame = neutralize_formulas(frame)
            frame = _mark_empty_strings(frame)
            # QUOTE_NONNUMERIC: every text cell quoted, so a bare CR (not in the "\n" line end) stays inside
            if not self._header:  # plain header line unless a name needs quotes
                names = [str(c) for c in frame.columns]
                quote = csv.QUOTE_ALL if any("\r" in c for c in names) else csv.QUOTE_MINIMAL
                csv.writer(self._fh, lineterminator="\n", quoting=quote).writerow(names)
            frame.to_csv(self._fh, index=False, header=False, lineterminator="\n",
                         quoting=csv.QUOTE_NONNUMERIC)
            self._header = True
        elif self.format == "jsonl":
            self._fh.writelines(_jsonl_lines(frame))
        else:
            # Parquet keeps every row group's metadata in memory until the file closes: many tiny row groups
            # grow memory with the corpus, so chunks are gathered (as compact Arrow tables) into row groups
            import pyarrow as pa

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._schema is None:
                self._schema = table.schema
            elif table.schema != self._schema:
                table = table.cast(self._schema)
            self._pending.append(table)
            self._pending_rows += len(frame)
            if self._pending_rows >= self.row_group_rows:
                self._flush_parquet()
        self.rows += len(frame)

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._fh, self._schema)
        if self._pending:
            self._parquet.write_table(pa.concat_tables(self._pending))
        self._pending, self._pending_rows = [], 0

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None and self._schema is not None:
                self._flush_parquet()
            if self._parquet is not None:
                self._parquet.close()
            if self._stream is not None:
                self._stream.flush()
                return False
            return self._ctx.__exit__(exc_type, exc, tb)
        finally:
            self._fh = None

def _declared_dtypes(columns) -> dict[str, str]:
    from .frames import ERROR_COLUMNS, NORMALIZE_COLUMNS, TIDY_COLUMNS

    for schema in (TIDY_COLUMNS, ERROR_COLUMNS, NORMALIZE_COLUMNS):
        if set(columns) == set(schema) or (schema is TIDY_COLUMNS and set(schema) - {"flags"} <= set(columns)):
            return {c: d for c, d in schema.items() if c in columns}
    return {}


def read_frame(path: str | os.PathLike, *, format: str | None = None, schema: dict[str, str] | None = None,
               quantify: bool = False):
    """Read a frame written by :func:`write_frame` back with the declared dtypes (exact round trip).

    The tidy, errors and normalize schemas are recognised by their columns; other frames get
    pandas' inference (missing cells are the only NaN: "NA" stays the string "NA"). ``schema`` (column ->
    dtype, e.g. ``TIDY_COLUMNS``) forces the columns and dtypes, which an empty JSON Lines file needs.
    ``quantify=True`` turns ``name[unit]`` columns back into pint-pandas columns.
    """
    import pandas as pd

    path = Path(path)
    fmt = _format_of(path, format)
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "jsonl":
        records = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    records.append(json.loads(line))
        frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
        dtypes = _declared_dtypes(list(frame.columns))
        frame = frame.astype({c: d for c, d in dtypes.items()}) if dtypes else frame
        if not dtypes:
            frame = frame.convert_dtypes(dtype_backend="numpy_nullable").infer_objects()
            text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
            frame = frame.astype({c: "str" for c in text}) if text else frame  # pandas' default text dtype
    else:
        if path.stat().st_size == 0:
            return pd.DataFrame()
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
        dtypes = _declared_dtypes(list(header))
        frame = pd.read_csv(path, dtype=dtypes or None, keep_default_na=False, na_values=[""],
                            encoding="utf-8-sig")
        frame = restore_formulas(_unmark_empty_strings(frame))
        if dtypes:
            if "flags" in frame.columns and "flags" in dtypes:
                frame["flags"] = frame["flags"].fillna("")  # the tidy contract: empty when none
            frame = frame.astype(dtypes)
    if schema is not None:
        from .frames import require_columns

        if frame.empty and len(frame.columns) == 0:
            frame = pd.DataFrame({c: pd.Series(dtype=d) for c, d in schema.items()})
        require_columns(frame, list(schema), str(path))
        frame = frame[list(schema)].astype(schema)
    if quantify:
        frame = _quantify(frame)
    return frame
