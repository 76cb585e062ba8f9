"""World Bank indicators (WDI) through `wbgapi`: GDP, trade in % of GDP and the official exchange rate.

Rows are one country's (or aggregate's) value in one year; ``aggregate`` is True for regions, income groups,
the EU and the world (data/maps/wdi_aggregates.csv), which must never be added to countries — `split`
returns the two apart. ``partner`` is missing: these indicators are about one economy.
"""
from __future__ import annotations

import functools

from ..errors import SourceKeyError, SourceNetworkError, SourceQueryError
from . import cache
from .rows import empty_rows, now, period_bounds, to_rows

SOURCE = "World Bank"
DATASET = "WDI"
# package name -> (WDI series code, unit; "{currency}" is filled from data/maps/wdi_currencies.csv)
INDICATORS = {
    "gdp": ("NY.GDP.MKTP.CD", "USD"),
    "trade_gdp": ("NE.TRD.GNFS.ZS", "percent of GDP"),
    "exchange_rate": ("PA.NUS.FCRF", "{currency} per USD"),
}
_BY_CODE = {code: name for name, (code, _) in INDICATORS.items()}


@functools.cache
def _maps():
    from ..datasets import _read_csv

    aggregates = frozenset(_read_csv("maps", "wdi_aggregates.csv")["code"])
    currencies = _read_csv("maps", "wdi_currencies.csv")
    return aggregates, dict(zip(currencies["code"], currencies["currency"]))


def _indicator(name: str) -> tuple[str, str, str]:
    """A package name or a WDI code -> (name, code, unit pattern)."""
    if name in INDICATORS:
        return (name, *INDICATORS[name])
    if name in _BY_CODE:
        return (_BY_CODE[name], *INDICATORS[_BY_CODE[name]])
    raise SourceQueryError(SOURCE, f"indicator={name!r}", f"known: {', '.join(INDICATORS)} "
                           f"({', '.join(_BY_CODE)})")


def parse(records, *, retrieved_at: str | None = None):
    """Rows of the WDI ``sources`` endpoint (each a ``variable`` list and a ``value``) -> `SOURCE_COLUMNS`.

    Blank values (not yet published) are left out.
    """
    aggregates, currencies = _maps()
    retrieved_at = retrieved_at or now()
    out = []
    for r in records:
        if r.get("value") is None:
            continue
        var = {v["concept"].lower(): v for v in r.get("variable", [])}
        missing = [c for c in ("country", "series", "time") if c not in var]
        if missing:
            raise SourceQueryError(SOURCE, str(r)[:120], f"row lacks concept(s) {missing}")
        economy, code = var["country"]["id"], var["series"]["id"]
        name, _, unit = _indicator(code)
        year = var["time"].get("value") or var["time"]["id"].removeprefix("YR")
        period, start, end = period_bounds(year, SOURCE)
        note = ""
        if "{currency}" in unit:
            currency = currencies.get(economy)
            unit = unit.format(currency=currency or "LCU")
            note = "" if currency else f"no single currency known for {economy}: local currency units"
        out.append({
            "indicator": name, "reporter": economy, "partner": None, "period": period, "period_start": start,
            "period_end": end, "value": float(r["value"]), "unit": unit, "basis": "reporter",
            "statistics": economy, "aggregate": economy in aggregates, "source": SOURCE, "dataset": DATASET,
            "series_key": f"{DATASET}.{code}.{economy}", "retrieved_at": retrieved_at, "note": note,
        })
    return to_rows(out) if out else empty_rows()


def split(frame):
    """(countries, aggregates): the rows of single economies and those of groups, apart."""
    agg = frame["aggregate"].astype(bool)
    return frame[~agg].reset_index(drop=True), frame[agg].reset_index(drop=True)


def _economies(economies) -> list[str]:
    if isinstance(economies, str):
        economies = [economies]
    out = [str(e).upper() for e in economies]
    bad = [e for e in out if not (len(e) == 3 and e.isalnum())]
    if bad or not out:
        raise SourceQueryError(SOURCE, f"economies={out}", "WDI wants ISO3 (or WDI aggregate) codes")
    return out


def fetch(indicator: str, economies, start: int, end: int):
    """Ask the World Bank (no cache) through wbgapi for one indicator, some economies, years start..end."""
    import requests
    import wbgapi

    _, code, _ = _indicator(indicator)
    econ = _economies(economies)
    if int(start) > int(end):
        raise SourceQueryError(SOURCE, f"years={start}..{end}", "start after end")
    url = f"sources/2/series/{code}/country/{';'.join(econ)}/time/" + ";".join(
        f"YR{y}" for y in range(int(start), int(end) + 1))
    try:
        records = list(wbgapi.fetch(url))
    except wbgapi.APIError as exc:
        reason = f"{exc.code or ''} {exc.msg}".strip()
        if exc.code in (401, 403):
            raise SourceKeyError(SOURCE, url, reason) from exc
        if isinstance(exc.code, int) and exc.code >= 500:
            raise SourceNetworkError(SOURCE, url, reason) from exc
        raise SourceQueryError(SOURCE, url, reason) from exc
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
        raise SourceNetworkError(SOURCE, url, f"{type(exc).__name__}: {exc}") from exc
    return parse(records, retrieved_at=now())


def indicator(indicator: str, economies, start: int, end: int, *, offline: bool | None = None,
              refresh: bool = False):
    """One WDI indicator for some economies and years, cached (see `analysis.sources.cache`)."""
    _, code, _ = _indicator(indicator)
    query = {"series": code, "economies": _economies(economies), "start": int(start), "end": int(end)}
    return cache.cached(SOURCE, query, lambda: fetch(code, economies, start, end), offline=offline,
                        refresh=refresh)


def indicators(economies, start: int, end: int, names=tuple(INDICATORS), **kwargs):
    """Several indicators (default: GDP, trade % of GDP, exchange rate) in one frame."""
    import pandas as pd

    parts = [indicator(n, economies, start, end, **kwargs) for n in names]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty_rows()
