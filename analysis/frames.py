"""The package's frames: the declared schemas, to_frame and validate, `normalize` for figure columns and
`scan` and `extract` for free text (the frame forms of the readers)."""
from __future__ import annotations

from typing import Iterable

from .errors import SchemaError

INDICATORS = ("trade_turnover", "exports", "imports", "trade_balance", "investment", "enterprises", "other")

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
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})


def to_frame(records: Iterable[dict], columns: dict[str, str] = TIDY_COLUMNS):
    """Records (dicts) -> a frame with exactly the declared columns and dtypes."""
    import numpy as np
    import pandas as pd

    records = list(records)
    if not records:
        return empty_frame(columns)
    # column by column with the final dtype: four times faster than from_records + astype
    data = {}
    for column, dtype in columns.items():
        values = [r.get(column) for r in records]
        if dtype == "float64":
            data[column] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        elif dtype == "int64":
            data[column] = np.array(values, dtype="int64")
        else:
            data[column] = pd.array(values, dtype=dtype)
    return pd.DataFrame(data, copy=False)


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


def normalize(values):
    """Figure strings -> a frame aligned to them with value, unit, multiplier, kind and error.

    Never raises on a bad row: it gets NaN and the reason in `error`. Repeated strings are read once.

    >>> normalize(["52.9M USD", "+25%", "n/a"])[["value", "unit", "kind"]].to_dict("list")
    {'value': [52900000.0, 1.25, nan], 'unit': ['USD', 'ratio', nan], 'kind': ['money', 'ratio', nan]}
    """
    import numpy as np
    import pandas as pd

    from .reading.figures import read_one

    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype="object")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = [read_one(u) for u in uniques]  # (value, unit, multiplier, kind, error) per distinct string
    table.append((np.nan, None, np.nan, None, "missing value"))  # code -1
    cols = list(zip(*table))
    take = np.asarray(codes)
    out = {}
    for name, col in zip(NORMALIZE_COLUMNS, cols):
        arr = np.asarray(col, dtype="float64" if NORMALIZE_COLUMNS[name] == "float64" else object)
        out[name] = arr[take]
    frame = pd.DataFrame(out, index=series.index)
    return frame.astype(NORMALIZE_COLUMNS)


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
