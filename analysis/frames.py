"""The package's frames: the declared schemas, to_frame and validate, `normalize` for figure columns and
`scan` and `extract` for free text (the frame forms of the readers)."""
from __future__ import annotations

import functools
import re

from typing import Iterable

from .errors import SchemaError

INDICATORS = ("trade_turnover", "exports", "imports", "trade_balance", "investment", "enterprises", "other")

# the ``basis`` of a figure, where a frame has that column (official tables, sources, news set beside them):
# what kind of figure it is, so charts and reconcile keep the kinds apart (legend words:
# ``[chart_labels.series]`` of the rules files). A tidy frame from `extract` has no basis: its rows are "news".
BASES: dict[str, str] = {
    "news": "a figure read from the news by `extract`",
    "reported": "a figure a ministry or an official gave, as a news outlet quoted it (not statistics)",
    "reporter": "a statistics office's own figure for its country's trade",
    "mirror": "the partner's statistics turned round to read from the reporter's side",
    "official": "official statistics, side not stated",
}

# column -> pandas dtype of the tidy frame returned by `extract`
TIDY_COLUMNS: dict[str, str] = {
    "source": "str",
    "published": "str",
    "indicator": "str",
    "reporter": "str",
    "partner": "str",
    "period_start": "str",      # "YYYY-MM"
    "period_end": "str",
    "value": "float64",         # base units; deficits negative
    "unit": "str",              # ISO 4217, "count" or "percent"
    "multiplier": "float64",    # new / old for the compared period
    "compared_start": "str",
    "compared_end": "str",
    "base_value": "float64",
    "base_low": "float64",
    "base_high": "float64",
    "quote": "str",
    "start": "int64",
    "end": "int64",
    "lang": "str",
    "flags": "str",             # consistency notes, ";"-separated; empty when none
}

NORMALIZE_COLUMNS: dict[str, str] = {
    "value": "float64",
    "unit": "str",
    "multiplier": "float64",
    "kind": "str",
    "error": "str",
}

# one row per document that could not be read or extracted (`extract_corpus`'s second frame)
ERROR_COLUMNS: dict[str, str] = {"source": "str", "line": "Int64", "reason": "str"}


def empty_frame(columns: dict[str, str] = TIDY_COLUMNS):
    """An empty frame with the declared columns and dtypes."""
    # a copy of one built once: twenty empty Series cost ~4 ms, a copy 0.04 (every text without figures asks)
    return _empty(tuple(columns.items())).copy()


@functools.cache
def _empty(columns: tuple[tuple[str, str], ...]):
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns})


def to_frame(records: Iterable[dict], columns: dict[str, str] = TIDY_COLUMNS):
    """Records (dicts) -> a frame with exactly the declared columns and dtypes."""
    import numpy as np
    import pandas as pd

    records = list(records)
    if not records:
        return empty_frame(columns)
    if all(name in ("float64", "int64", "str") for name in columns.values()):
        return _frame_of_blocks(records, columns)
    # column by column with the final dtype: four times faster than from_records + astype
    data = {}
    for column, name in columns.items():
        values = [r.get(column) for r in records]
        if name == "float64":
            data[column] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        elif name == "int64":
            data[column] = np.array(values, dtype="int64")
        else:
            data[column] = _text_array(values, column, _dtype(name))
    return pd.DataFrame(data, copy=False)


def _frame_of_blocks(records: list[dict], columns: dict[str, str]):
    """The frame of `to_frame` built from its blocks: the float and the int columns one 2-D array each, as the
    DataFrame constructor would consolidate them. A frame of three rows cost ~0.65 ms through the constructor and
    `pd.array`, more than reading a short text."""
    import numpy as np
    import pandas as pd
    from pandas.api.internals import create_dataframe_from_blocks

    names = list(columns)
    blocks = []
    for kind in ("float64", "int64"):
        at = [i for i, c in enumerate(names) if columns[c] == kind]
        if at:
            rows = [[r.get(names[i]) for r in records] for i in at]
            if kind == "float64":
                rows = [[np.nan if v is None else v for v in row] for row in rows]
            blocks.append((np.array(rows, dtype=kind).reshape(len(at), len(records)), np.array(at)))
    for i, c in enumerate(names):
        if columns[c] == "str":
            blocks.append((_text_array([r.get(c) for r in records], c, _dtype("str")), np.array([i])))
    # a copy of the columns: a caller may name them (`frame.columns.name = ...`), which changes that Index object
    return create_dataframe_from_blocks(blocks, index=pd.RangeIndex(len(records)), columns=_columns_index(tuple(names)).copy())


def _text_array(values: list, column: str, dtype):
    import pandas as pd

    arrow = _arrow_text_class(dtype)
    if arrow is not None and all(v is None or type(v) is str for v in values):
        import pyarrow as pa

        try:   # what pd.array does for str and None, without its conversions
            return arrow(pa.array(values, type=pa.large_string()), dtype=dtype)
        except UnicodeEncodeError:
            pass
    try:
        return pd.array(values, dtype=dtype)
    except UnicodeEncodeError:   # a lone surrogate (a file name's stray byte, a JSON "\udcff")
        return pd.array([_encodable(v, column) for v in values], dtype=dtype)


@functools.cache
def _arrow_text_class(dtype):
    """The array class of a str dtype stored by pyarrow (None for any other): pandas looks it up anew on every call."""
    if dtype.name != "str" or getattr(dtype, "storage", None) != "pyarrow":
        return None
    return dtype.construct_array_type()


@functools.cache
def _columns_index(names: tuple[str, ...]):
    import pandas as pd

    return pd.Index(names)


@functools.cache
def _dtype(name: str):
    import pandas as pd

    return pd.api.types.pandas_dtype(name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value, column: str):
    r"""A string that UTF-8 can hold: names (`source`) keep the stray bytes as backslash escapes so two
    files stay two; other text gets U+FFFD where a character could not be read.

    >>> _encodable("news\udcff.txt", "source"), _encodable("a\udcffb", "quote")
    ('news\\udcff.txt', 'a\ufffdb')
    """
    if not isinstance(value, str):
        return value
    if column == "source":
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return _SURROGATE.sub("\ufffd", value)


def require_columns(frame, needed: Iterable[str], what: str = "frame") -> None:
    """Raise SchemaError naming each missing column and the columns present."""
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"{what} lacks column(s) {', '.join(map(repr, missing))}; it has {', '.join(map(repr, frame.columns))}"
        )


def validate(frame):
    """Check a tidy frame against the contract; return it unchanged or raise SchemaError naming column and rows.

    Checked: the columns are there; each column has its declared kind of dtype (text, float, integer);
    ``indicator`` is one of INDICATORS; ``reporter``/``partner`` are ISO alpha-3 codes; periods are
    ``YYYY-MM`` with start <= end; ``value`` and the base columns are finite or NaN; ``start``/``end`` are
    offsets with 0 <= start <= end. Every problem is reported (up to 10 rows each) in one error.
    The frame is never modified.
    """
    import numpy as np
    import pandas as pd

    require_columns(frame, [c for c in TIDY_COLUMNS if c != "flags"], "tidy frame")
    problems = []

    def bad(column, mask, why):
        mask = np.asarray(pd.Series(mask, index=frame.index).fillna(False), dtype=bool)
        if mask.any():
            rows = list(frame.index[mask][:10])
            more = f" (and {int(mask.sum()) - 10} more)" if mask.sum() > 10 else ""
            problems.append(f"column {column!r} {why} in rows {rows}{more}")

    for col, dtype in TIDY_COLUMNS.items():
        if col not in frame.columns:
            continue
        s = frame[col]
        if dtype == "str":
            ok = pd.api.types.is_string_dtype(s.dtype) or (
                s.dtype == object and s.map(lambda v: v is None or isinstance(v, str) or v != v).all())
            if not ok:
                problems.append(f"column {col!r} should hold text but has dtype {s.dtype}")
        elif dtype == "float64":
            if not (pd.api.types.is_float_dtype(s.dtype) or pd.api.types.is_integer_dtype(s.dtype)):
                problems.append(f"column {col!r} should be float64 but has dtype {s.dtype}")
        elif dtype == "int64":
            if not pd.api.types.is_integer_dtype(s.dtype):
                problems.append(f"column {col!r} should be int64 but has dtype {s.dtype}")
    if problems:
        raise SchemaError("tidy frame is invalid: " + "; ".join(problems))

    bad("indicator", ~frame["indicator"].isin(INDICATORS), f"is not one of {INDICATORS}")
    for col in ("reporter", "partner"):
        s = frame[col]
        bad(col, s.notna() & ~s.astype("str").str.fullmatch(r"[A-Z]{3}"), "is not an ISO 3166-1 alpha-3 code")
    for a, b in (("period_start", "period_end"), ("compared_start", "compared_end")):
        for col in (a, b):
            s = frame[col]
            bad(col, s.notna() & ~s.astype("str").str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])"), "is not a YYYY-MM month")
        both = frame[a].notna() & frame[b].notna()
        bad(a, both & (frame[a].astype("str") > frame[b].astype("str")), f"is after {b!r}")
    for col in ("value", "multiplier", "base_value", "base_low", "base_high"):
        value = pd.to_numeric(frame[col], errors="coerce")
        bad(col, value.notna() & ~value.abs().lt(float("inf")), "is not finite")
    start, end = frame["start"], frame["end"]
    bad("start", start < 0, "is negative")
    bad("end", end < start, "is before 'start'")
    if problems:
        raise SchemaError("tidy frame is invalid: " + "; ".join(problems))
    return frame


def normalize(values, *, unit: str | None = None, scale=None):
    """Figure cells of one column -> a frame aligned to them with value, unit, multiplier, kind and error.

    `values` is a column: a Series (its index is kept), a list, an array or any iterable of cells. Cells
    are read as a table writes them: "52.9M USD", "+25%", a plain "52.9" or "1 234,5" (kind "number", no
    unit), "(1.2)" and "$-5m" as negatives, int and float cells as numbers. "", "n/a", "—", "-", "..", "x"
    and None/NaN (rules: ``[cells] missing``) are kind "missing" with NaN and *no* error.

    `unit` and `scale` are the column's own statement ("USD mn"): ``unit`` an ISO 4217 code in any case, a
    currency name, "percent" or "count"; ``scale`` a factor (1e6) or a scale word ("million", "млн").
    A bare number takes both; an amount without its own scale word ("$52.9") takes the scale; a cell's
    own currency and scale win. `analysis.hint_from_header` reads them from a header:
    ``normalize(df[c], **hint_from_header(c))``.

    Never raises on a bad cell: it gets NaN and the reason in `error` (inf, a list, text without a figure).
    TypeError for a str or a DataFrame (pass a column); ValueError for a unit or scale it cannot read.
    Repeated cells are read once.

    >>> normalize(["52.9M USD", "+25%", "n/a", "(1.2)"])[["value", "unit", "kind"]].to_dict("list")
    {'value': [52900000.0, 1.25, nan, -1.2], 'unit': ['USD', 'ratio', nan, nan], 'kind': ['money', 'ratio', 'missing', 'number']}
    >>> normalize(["52.9", "$1.5"], unit="usd", scale="million")["value"].tolist()
    [52900000.0, 1500000.0]
    """
    import numpy as np
    import pandas as pd

    from .reading.cells import MISSING, read_cell, scale_factor, unit_code

    series = _column(values)
    unit = unit_code(unit)
    factor = scale_factor(scale)
    if unit == "percent" and factor != 1.0:
        raise ValueError(f"scale={scale!r} does not apply to percent")
    keys = series
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in _UNIFORM:
        # factorize would fail on a list and merge True with 1: such cells are kept apart, one by one
        keys = pd.Series([_Apart(v) if isinstance(v, (bool, np.bool_)) or _unhashable(v) else v for v in series],
                         dtype="object")
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    # (value, unit, multiplier, kind, error) per distinct cell; code -1 (None, NaN, NA) is missing
    table = [read_cell(u.cell if isinstance(u, _Apart) else u, unit, factor) for u in uniques]
    table.append(MISSING)
    take = np.asarray(codes)
    out = {}
    for name, col in zip(NORMALIZE_COLUMNS, zip(*table)):
        arr = np.asarray(col, dtype="float64" if NORMALIZE_COLUMNS[name] == "float64" else object)
        out[name] = arr[take]
    frame = pd.DataFrame(out, index=series.index)
    return frame.astype(NORMALIZE_COLUMNS)


def _column(values):
    """`values` as one object/str Series; TypeError for one string or a whole table."""
    import collections.abc

    import numpy as np
    import pandas as pd

    if isinstance(values, (str, bytes)):
        raise TypeError(f"normalize() reads a column of cells, not one {type(values).__name__} "
                        f"({values[:40]!r}): pass a list or a Series, or use analysis.parse() for one figure")
    if isinstance(values, pd.DataFrame):
        names = ", ".join(map(repr, list(values.columns)[:10]))
        raise TypeError(f"normalize() reads one column, not a DataFrame: pass a column, e.g. df[name] "
                        f"(columns: {names})")
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise TypeError(f"normalize() reads one column, not a {values.ndim}-dimensional array of shape {values.shape}")
    if isinstance(values, collections.abc.Mapping):
        return pd.Series(dict(values), dtype="object")
    if not isinstance(values, collections.abc.Iterable):
        raise TypeError(f"normalize() reads a column of cells (a list or a Series), not {type(values).__name__}")
    return pd.Series(list(values), dtype="object")


_UNIFORM = ("string", "empty", "floating", "integer", "decimal", "mixed-integer-float")


class _Apart:
    """A cell wrapped so that factorize keeps it apart: unhashable (a list, a dict), or a bool (True == 1)."""

    __slots__ = ("cell",)

    def __init__(self, cell):
        self.cell = cell


def _unhashable(v) -> bool:
    try:
        hash(v)
    except TypeError:
        return True
    return False


SCAN_COLUMNS = {
    "kind": "str", "value": "float64", "unit": "str", "multiplier": "float64", "start": "int64", "end": "int64",
    "text": "str", "precision": "float64", "low": "float64", "high": "float64", "alt_multiplier": "float64",
    "bound": "str", "note": "str", "lang": "str",
}


def scan(text: str, lang: str | None = None):
    """Every figure in free text as a DataFrame, one row each, with offsets into `text`.

    Never raises on a `str`; a non-string raises TypeError naming its type.

    >>> scan("Exports rose 12% to $5.2 bn.")[["kind", "value", "unit", "text"]].values.tolist()
    [['ratio', 1.12, 'ratio', 'rose 12%'], ['money', 5200000000.0, 'USD', '$5.2 bn']]
    """
    from .reading.figures import _figures

    figures = _figures(text, lang)
    return to_frame(({
        "kind": f.kind, "value": f.value, "unit": f.unit, "multiplier": f.multiplier, "start": f.span[0],
        "end": f.span[1], "text": f.raw, "precision": f.precision, "low": f.low, "high": f.high,
        "alt_multiplier": f.alt_multiplier, "bound": f.bound, "note": f.note, "lang": f.lang,
    } for f in figures), SCAN_COLUMNS)


def extract(text: str, published=None, source=None):
    """Tidy trade observations from one text (columns: `analysis.frames.TIDY_COLUMNS`).

    `published` ("2022-11-06", a date or a Timestamp) resolves "last year"; without it a dateline in the
    text is used. Raises TypeError for a non-string; never raises on a string.
    """
    from .extraction import extract_records

    return to_frame(extract_records(text, published, source))


def is_missing(x) -> bool:
    """None, NaN, NaT and pandas' NA all count as missing; anything else (including "") does not.

    >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing(0)
    (True, True, False, False)
    """
    if x is None or type(x).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        return False
