"""The frame every official source returns: tidy rows with provenance, the mirror view of a partner's rows,
and both sides of a pair (`pair_sides`), one contract for every source."""
from __future__ import annotations

import datetime as _dt
import re

from ..errors import SourceOfflineError, SourceQueryError, SourceTimeoutError, SourceWarning

# column -> dtype of every frame `analysis.sources` returns
SOURCE_COLUMNS: dict[str, str] = {
    "indicator": "str",       # exports | imports | trade_balance | gdp | trade_gdp | exchange_rate | other
    "reporter": "str",        # ISO3 (WLD world, EUU EU); the side the row is read from
    "partner": "str",         # ISO3; missing for one-country indicators (World Bank)
    "period": "str",          # "2023", "2023-Q1" or "2023-01", as the source's frequency
    "period_start": "str",    # "YYYY-MM"
    "period_end": "str",
    "value": "float64",       # full units (a source's multiplier already applied)
    "unit": "str",            # ISO 4217, "percent of GDP", "KZT per USD"
    "basis": "str",           # reporter: the reporter's own figure; mirror: the partner's figure, turned round
    "statistics": "str",      # whose statistics the figure is (ISO3 of the publishing country)
    "aggregate": "bool",      # the reporter is a region, income group or the world, not a country
    "source": "str",          # "UN Comtrade", "IMF", "World Bank"
    "dataset": "str",         # the source's dataset ("IMTS", "WDI", "Comtrade final C/A/HS")
    "series_key": "str",      # the source's own key of the series
    "retrieved_at": "str",    # when the figure was fetched, ISO 8601 UTC
    "note": "str",            # estimates, code changes, the multiplier applied; empty when none
}

_MIRROR = {"exports": "imports", "imports": "exports"}
_MONTHLY = re.compile(r"^(\d{4})-?M?(\d{2})$")
_QUARTERLY = re.compile(r"^(\d{4})-?Q([1-4])$")


def now() -> str:
    """The current time, UTC, to the second: the ``retrieved_at`` of a fetch."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def period_bounds(period: str, source: str = "source") -> tuple[str, str, str]:
    """A source's period -> (period, first month, last month).

    >>> period_bounds("2023")
    ('2023', '2023-01', '2023-12')
    >>> period_bounds("2023-M02")
    ('2023-02', '2023-02', '2023-02')
    >>> period_bounds("202203")
    ('2022-03', '2022-03', '2022-03')
    >>> period_bounds("2023-Q3")
    ('2023-Q3', '2023-07', '2023-09')
    """
    text = str(period).strip()
    if re.fullmatch(r"\d{4}", text):
        return text, f"{text}-01", f"{text}-12"
    m = _MONTHLY.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        month = f"{m.group(1)}-{m.group(2)}"
        return month, month, month
    m = _QUARTERLY.match(text)
    if m:
        q = int(m.group(2))
        return f"{m.group(1)}-Q{q}", f"{m.group(1)}-{3 * q - 2:02d}", f"{m.group(1)}-{3 * q:02d}"
    raise SourceQueryError(source, f"period={text!r}", "not a year, YYYY-Qn or YYYY-MM period")


def to_rows(records: list[dict]):
    """Records -> a frame with exactly `SOURCE_COLUMNS` (missing text is <NA>)."""
    from ..frames import to_frame

    for r in records:
        r.setdefault("aggregate", False)
        r.setdefault("note", "")
    frame = to_frame(records, {c: ("object" if d == "bool" else d) for c, d in SOURCE_COLUMNS.items()})
    frame["aggregate"] = frame["aggregate"].astype(bool)
    return frame


def empty_rows():
    """An empty frame of `SOURCE_COLUMNS`."""
    return to_rows([])


def mirror(frame, home: str):
    """The partner's rows about `home`, turned round to read from `home`'s side (``basis`` = mirror).

    B's imports from A become A's exports to B as B records them; a balance changes sign. The frame is not
    changed; rows whose partner is not `home` are left out.
    """
    out = frame[frame["partner"] == home].copy()
    reporter = out["reporter"].copy()
    out["reporter"], out["partner"] = out["partner"], reporter
    out["indicator"] = out["indicator"].map(lambda i: _MIRROR.get(i, i)).astype("str")
    out.loc[out["indicator"] == "trade_balance", "value"] *= -1
    out["basis"] = "mirror"
    return out.reset_index(drop=True)


# what sinks one side of a pair, not the other: no such data or a query refused for that reporter (a 404,
# an unknown code that year), an answer the offline cache lacks, a time-out of that side's call. A refused
# key or a source that cannot be reached at all (no connection, a 5xx) is the whole source's: it raises.
SIDE_FAILURES = (SourceQueryError, SourceOfflineError, SourceTimeoutError)


def pair_sides(name: str, source: str, a: str, b: str, side):
    """Both sides of the pair (`a`, `b`): ``side(a, b)``, `a`'s own rows, and ``side(b, a)`` turned round
    to read from `a`'s side (`mirror`).

    One failing side never sinks the other: a side whose call raises one of `SIDE_FAILURES` is left out,
    a `SourceWarning` names it and the reason (`name` opens the message, e.g. "IMF IMTS"), and
    ``frame.attrs["missing"]`` maps its reporter's code to that reason ({} when both answered). When both
    sides fail, the error (the first side's type, `source` its source) names both and both reasons.
    """
    import warnings

    import pandas as pd

    a, b = a.upper(), b.upper()
    parts, missing, errors = [], {}, []
    for reporter, partner in ((a, b), (b, a)):
        try:
            rows = side(reporter, partner)
        except SIDE_FAILURES as exc:
            missing[reporter] = f"{exc.kind} failed ({exc.query}): {exc.reason}"
            errors.append(exc)
            continue
        parts.append(rows if reporter == a else mirror(rows, a))
    if len(errors) == 2:
        first = errors[0]
        reason = "; ".join(f"{code}'s side: {why}" for code, why in missing.items())
        raise type(first)(source, f"pair {a}-{b}", f"neither side answered: {reason}") from first
    for code, why in missing.items():
        other = b if code == a else a
        warnings.warn(f"{name} {a}-{b}: {code}'s side is missing ({why}); only {other}'s figures"
                      f"{' (mirrored)' if other == b else ''} are returned", SourceWarning,
                      stacklevel=_outside_level())
    parts = [p for p in parts if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else empty_rows()
    out.attrs["missing"] = missing
    return out


def _outside_level() -> int:
    """The `stacklevel` that points a warning raised in the caller of this function at the first code outside
    `analysis.sources` (the user's `trade_pair` or `imf.pair` call, not the package's own lines)."""
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == here:
        frame, level = frame.f_back, level + 1
    return level


_PAGES = {  # source -> the page a reader can open for the series
    "UN Comtrade": "https://comtradeplus.un.org/TradeFlow",
    "IMF": "https://data.imf.org/en/datasets/IMF.STA:IMTS",
    "World Bank": "https://data.worldbank.org/indicator/",
}


def to_official(frame):
    """Rows of `SOURCE_COLUMNS` with the columns `analysis.reconcile` and `official_trade` readers use
    (source_name, source_url, authority, confidence), so a live answer can be the ``official`` frame.

    >>> import pandas as pd
    >>> to_official(empty_rows()).columns[-4:].tolist()
    ['source_name', 'source_url', 'authority', 'confidence']
    """
    out = frame.copy()
    out["source_name"] = (out["source"] + " " + out["dataset"]).astype("str")
    code = out["series_key"].str.split(".").str[1]
    wb = out["source"] == "World Bank"
    out["source_url"] = out["source"].map(_PAGES).astype("str")
    out.loc[wb, "source_url"] = out.loc[wb, "source_url"] + code[wb]
    out["authority"] = out["source"]
    out["confidence"] = "high"
    return out
