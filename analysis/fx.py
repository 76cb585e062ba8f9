"""Currency conversion of tidy frames with period-average exchange rates (`to_currency`).

Each money row is converted with the average rate of *its own* period: the mean over the months the
period covers, each month taking a monthly rate where the table has one and else the annual average
of its own year. A rate from another year is never used: a missing (currency, period) is an error
that lists every one missing. Conversion goes through the package's pint registry, one Context per
rate table and period, so currencies are never mixed by accident.
"""
from __future__ import annotations

import re

from .errors import ConversionError, SchemaError

DEFAULT_SOURCES = ("World Bank WDI", "WDI", "WDI via Knoema", "FRED H.10")
ERRORS = ("raise", "flag")
MONEY_COLUMNS = ("value", "base_value", "base_low", "base_high")
_NEEDED = ("value", "unit", "period_start", "period_end")
_UNUSABLE = ("no period", "bad period")  # a row's own fault: flagged, never a reason to refuse the others


def _months(start: str, end: str) -> list[tuple[int, int]]:
    y0, m0 = int(start[:4]), int(start[5:7])
    y1, m1 = int(end[:4]), int(end[5:7])
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


class RateTable:
    """Rates per USD from a frame with columns currency, year, per_usd, source (and optional month).

    Where several sources give a rate for the same currency and period, the first source in
    ``sources`` wins (and is reported); sources not listed are ignored.
    """

    def __init__(self, rates, sources=DEFAULT_SOURCES):
        from .frames import require_columns

        require_columns(rates, ["currency", "year", "per_usd", "source"], "rate table")
        rates = rates[rates["source"].isin(list(sources))] if sources is not None else rates
        order = {s: i for i, s in enumerate(sources)} if sources is not None else {}
        has_month = "month" in rates.columns
        self.annual: dict[tuple[str, int], tuple[float, str]] = {}
        self.monthly: dict[tuple[str, int, int], tuple[float, str]] = {}
        best: dict = {}
        for row in rates.itertuples(index=False):
            month = getattr(row, "month", None) if has_month else None
            month = None if month is None or month != month else int(month)  # NaN -> None
            if not isinstance(row.currency, str) or row.year != row.year or not row.per_usd > 0:
                continue  # a rate row without a currency, a year or a usable rate gives no rate
            code = row.currency.strip().upper()
            key = (code, int(row.year)) if month is None else (code, int(row.year), month)
            rank = order.get(row.source, len(order))
            if key not in best or rank < best[key]:
                best[key] = rank
                target = self.annual if month is None else self.monthly
                target[key] = (float(row.per_usd), str(row.source))

    def period_rate(self, currency: str, start: str, end: str) -> tuple[float, str] | None:
        """(mean per-USD rate over the months of start..end, sources used) or None if any month lacks one."""
        if currency == "USD":
            return 1.0, "identity"
        values, used = [], []
        for y, m in _months(start, end):
            hit = self.monthly.get((currency, y, m)) or self.annual.get((currency, y))
            if hit is None:
                return None
            values.append(hit[0])
            kind = "monthly" if (currency, y, m) in self.monthly else "annual"
            used.append(f"{hit[1]} {kind} {y}")
        return sum(values) / len(values), "; ".join(dict.fromkeys(used))


_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _period(start, end) -> tuple[str, str] | str:
    """(start, end) of a row's period, or why it has none usable ("no period", "bad period ...")."""
    start = start if isinstance(start, str) and start else None
    end = end if isinstance(end, str) and end else None
    if start is None or end is None:
        return "no period"
    if not (_PERIOD.fullmatch(start) and _PERIOD.fullmatch(end)):
        return f"bad period {start!r}..{end!r} (not YYYY-MM)"
    if start > end:
        return f"bad period {start}..{end} (start after end)"
    return start, end


def _sources(sources):
    """A source name or an iterable of them -> a tuple (a bare string is one source, not its letters)."""
    if sources is None:
        return None
    if isinstance(sources, str):
        return (sources,)
    return tuple(sources)


def _code(unit):
    """'usd' -> 'USD' when it is a currency code; anything else unchanged."""
    from . import units

    if isinstance(unit, str) and len(unit.strip()) == 3 and units.is_currency(unit.strip().upper()):
        return unit.strip().upper()
    return unit


def to_currency(frame, currency: str = "USD", *, rates=None, sources=DEFAULT_SOURCES, errors: str = "raise"):
    """A converted copy of a tidy frame: every money row expressed in ``currency``.

    ``rates`` is a frame like `analysis.datasets.exchange_rates()` (the default): currency, year,
    per_usd, source, optionally month. Money rows are rows whose ``unit`` is a currency of the registry;
    ``value`` and, where present, ``base_value``, ``base_low`` and ``base_high`` are converted with the
    average rate of the row's own period (``period_start``..``period_end``). Other rows (count, percent,
    ratio) pass unchanged.

    Adds ``fx_rate`` (units of ``currency`` per one unit of the original currency; 1.0 when already in
    ``currency``; NaN for non-money rows), ``fx_source`` (the rate sources and years used) and
    ``original_unit``, ``fx_period`` (the period whose average was used) and ``fx_flag`` (why a row was
    not converted; empty when it was). Currency codes are read in any case ("usd", "Kzt").

    ``errors="raise"`` (default): `ConversionError` naming every (currency, period) without a rate. A money
    row with no period, or one that is not ``YYYY-MM``..``YYYY-MM`` in order, is never converted (it has no
    period to average over) but does not stop the others: it keeps its value and unit with ``fx_flag``
    "no period ..." or "bad period ..." (and is listed when an error is raised for other rows).
    ``errors="flag"``: convert what can be converted; every other money row keeps its value and unit,
    with the reason in ``fx_flag``. `SchemaError` if a needed column is missing or a money column is not
    numeric. Rate rows without a currency, year or positive rate are skipped. The input is never modified.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"value": [460.165e6], "unit": ["KZT"], "period_start": ["2022-01"],
    ...                   "period_end": ["2022-12"]})
    >>> round(to_currency(f, "USD")["value"].iloc[0])
    1000000
    """
    import numpy as np
    import pandas as pd

    from . import units
    from .frames import require_columns

    require_columns(frame, _NEEDED, "frame to convert")
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, got {errors!r}")
    sources = _sources(sources)
    currency = _code(currency)
    if not isinstance(currency, str) or not units.is_currency(currency):
        raise ConversionError(f"{currency!r} is not a currency the registry knows")
    if rates is None:
        from .datasets import exchange_rates

        rates = exchange_rates()
    table = RateTable(rates, sources)

    out = frame.copy()
    unit = out["unit"].map(_code)
    money = unit.map(lambda u: units.is_currency(u) if isinstance(u, str) else False).astype(bool)
    fx_rate = np.full(len(out), np.nan)
    fx_source = np.array([""] * len(out), dtype=object)
    fx_period = np.array([""] * len(out), dtype=object)
    fx_flag = np.array([""] * len(out), dtype=object)

    missing: dict[tuple[str, str], list] = {}
    plan: dict[tuple[str, str, str], list[int]] = {}
    starts, ends = out["period_start"], out["period_end"]
    for pos in np.flatnonzero(money.to_numpy()):
        u = unit.iloc[pos]
        if u == currency:
            fx_rate[pos], fx_source[pos] = 1.0, "identity"
            continue
        period = _period(starts.iloc[pos], ends.iloc[pos])
        if isinstance(period, str):
            missing.setdefault((u, period), []).append(out.index[pos])
            fx_flag[pos] = f"{period}: no rate can be chosen"
            continue
        plan.setdefault((u, *period), []).append(pos)

    for (u, s, e), positions in plan.items():
        src = table.period_rate(u, s, e)
        dst = table.period_rate(currency, s, e)
        lacking = [c for c, r in ((u, src), (currency, dst)) if r is None]
        for c in lacking:
            missing.setdefault((c, f"{s}..{e}"), []).extend(out.index[positions])
        if lacking:
            for pos in positions:
                fx_flag[pos] = f"no {' or '.join(lacking)} rate for {s}..{e} from {list(sources) if sources else 'any source'}"
            continue
        per_usd = {u: src[0]}
        if currency != "USD":
            per_usd[currency] = dst[0]
        ctx = units.fx_context(per_usd, f"fx:{u}->{currency}:{s}..{e}:{src[0]!r}:{dst[0]!r}")
        factor = units.convert(1.0, u, currency, ctx)
        used = src[1] if currency == "USD" else f"{src[1]} | {dst[1]}"
        for pos in positions:
            fx_rate[pos], fx_source[pos], fx_period[pos] = factor, used, f"{s}..{e}"

    if errors == "raise" and any(not period.startswith(_UNUSABLE) for _, period in missing):
        lines = [f"{cur} for {period} (rows {rows[:10]}{'...' if len(rows) > 10 else ''})"
                 for (cur, period), rows in sorted(missing.items(), key=lambda kv: (kv[0][0], kv[0][1]))]
        raise ConversionError(
            f"no exchange rate for {len(missing)} (currency, period) pair(s) with sources {list(sources) if sources else 'any'}: "
            + "; ".join(lines)
        )

    converted = money.to_numpy() & ~np.isnan(fx_rate)
    factor = np.where(converted, fx_rate, 1.0)
    for col in MONEY_COLUMNS:
        if col in out.columns:
            try:
                numbers = pd.to_numeric(out[col], errors="raise").astype("float64")
            except (TypeError, ValueError) as exc:
                raise SchemaError(f"frame to convert: column {col!r} is not numeric ({exc})") from None
            out[col] = numbers * factor
    out["original_unit"] = unit.astype("str")
    out["unit"] = unit.where(~pd.Series(converted, index=out.index), currency)
    out["fx_rate"] = fx_rate
    out["fx_source"] = pd.array(fx_source, dtype="str")
    out["fx_period"] = pd.array(fx_period, dtype="str")
    out["fx_flag"] = pd.array(fx_flag, dtype="str")
    return out
