"""UN Comtrade through `comtradeapicall`: goods trade totals by partner, as `SOURCE_COLUMNS` rows.

Comtrade names countries by its own M49-based codes, which differ from ISO 3166 numeric in places: India
699, the USA 842, France 251, Norway 579, Switzerland 757, Serbia 688 from 2006 (Serbia and Montenegro 891
before), the EU 97 and the partner World 0 (table: ``comtrade_areas.csv`` beside this module). Only the
total rows are kept (all commodities ``TOTAL``, second partner World, all customs procedures, all modes of
transport), so nothing is counted twice.

With a subscription key (``COMTRADE_API_KEY`` in the environment, or ``key=``) the full ``get`` endpoint is
used; without one the public ``preview`` endpoint (at most 500 rows a call). The client prints an error and
returns None when a call fails, printing the answer's body but not its status: `_call` turns that into
`SourceNetworkError` (`SourceTimeoutError` for a time-out or a 504), `SourceKeyError` or `SourceQueryError`
(`SourceNotFoundError` for a 404, which the cache keeps like data). The status is read from the body, where
the API gateway writes it (``{"statusCode": 404, "message": ...}``); a body without one is a query error.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
from importlib import resources

from ..errors import (SourceKeyError, SourceNetworkError, SourceNotFoundError, SourceQueryError,
                      SourceTimeoutError)
from . import cache
from .rows import empty_rows, now, pair_sides, period_bounds, to_rows

SOURCE = "UN Comtrade"
KEY_ENV = "COMTRADE_API_KEY"
_FLOWS = {"X": "exports", "M": "imports"}
_MAX_PERIODS = 12  # the API takes at most 12 periods a call
# the total rows: everything else splits a total and would count it twice
_TOTAL = {"cmdCode": "TOTAL", "partner2Code": 0, "customsCode": "C00", "motCode": 0}


@functools.cache
def _areas() -> list[dict]:
    text = resources.files(__package__).joinpath("comtrade_areas.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        r["code"] = int(r["code"])
        r["first_year"] = int(r["first_year"]) if r["first_year"] else 0
        r["last_year"] = int(r["last_year"]) if r["last_year"] else 9999
    return rows


def area_code(iso3: str, year: int) -> int:
    """The Comtrade code of an ISO3 country (``WLD`` World, ``EUU`` EU) in a year.

    >>> area_code("IND", 2020), area_code("USA", 2020), area_code("FRA", 2020), area_code("EUU", 2020)
    (699, 842, 251, 97)
    >>> area_code("SRB", 2006), area_code("SCG", 2005), area_code("WLD", 2022)
    (688, 891, 0)
    """
    iso3 = str(iso3).upper()
    hits = [r for r in _areas() if r["iso3"] == iso3]
    if not hits:
        raise SourceQueryError(SOURCE, f"area={iso3!r}", "not an ISO 3166 alpha-3 code Comtrade knows "
                               "(WLD is the world, EUU the EU)")
    for r in hits:
        if r["first_year"] <= year <= r["last_year"]:
            return r["code"]
    spans = ", ".join(f"{r['code']} {r['first_year'] or ''}–{'' if r['last_year'] == 9999 else r['last_year']}"
                      for r in hits)
    raise SourceQueryError(SOURCE, f"area={iso3} year={year}", f"no Comtrade code that year ({spans}; "
                           "SCG is Serbia and Montenegro until 2005)")


def area_iso3(code: int, year: int) -> str | None:
    """The ISO3 of a Comtrade code in a year (None when the table lacks it)."""
    for r in _areas():
        if r["code"] == int(code) and r["first_year"] <= year <= r["last_year"]:
            return r["iso3"]
    return None


def parse(records, *, retrieved_at: str | None = None):
    """Comtrade ``data`` records (the JSON list, or the client's frame) -> `SOURCE_COLUMNS` rows.

    Keeps total rows of exports (X) and imports (M) only; a record Comtrade did not get from the reporter
    (``isReported`` false) or marked with a legacy estimation flag says so in ``note``.
    """
    if hasattr(records, "to_dict"):
        records = records.to_dict("records")
    retrieved_at = retrieved_at or now()
    out = []
    for r in records:
        if any(_differs(r.get(k), v) for k, v in _TOTAL.items()) or r.get("flowCode") not in _FLOWS:
            continue
        freq = r.get("freqCode", "A")
        year = int(str(r.get("refYear") or str(r["period"])[:4]))
        period, start, end = period_bounds(str(r["period"]), SOURCE)
        reporter = area_iso3(r["reporterCode"], year) or _iso(r.get("reporterISO"), r["reporterCode"])
        partner = area_iso3(r["partnerCode"], year) or _iso(r.get("partnerISO"), r["partnerCode"])
        notes = []
        if r.get("isReported") is False:
            notes.append("not reported by the reporter: estimated by UN Comtrade")
        if not _missing(r.get("legacyEstimationFlag")) and str(r["legacyEstimationFlag"]) not in ("0", "0.0"):
            notes.append(f"legacy estimation flag {r['legacyEstimationFlag']}")
        valuation = "CIF" if r["flowCode"] == "M" else "FOB"
        notes.append(f"primaryValue ({valuation})")
        out.append({
            "indicator": _FLOWS[r["flowCode"]], "reporter": reporter, "partner": partner, "period": period,
            "period_start": start, "period_end": end, "value": _number(r.get("primaryValue")), "unit": "USD",
            "basis": "reporter", "statistics": reporter, "aggregate": reporter in ("WLD", "EUU"),
            "source": SOURCE, "dataset": f"final data {r.get('typeCode', 'C')}/{freq}/{r.get('classificationCode', 'HS')}",
            "series_key": "/".join(str(r.get(k, "")) for k in ("typeCode", "freqCode", "reporterCode", "partnerCode",
                                                                   "flowCode", "cmdCode")),
            "retrieved_at": retrieved_at, "note": "; ".join(notes),
        })
    return to_rows(out) if out else empty_rows()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None, or NaN from a frame


def _differs(got, want) -> bool:
    if _missing(got):
        return False  # a field the answer leaves out does not split the total
    if isinstance(got, float) and got.is_integer():
        got = int(got)  # a frame holding a missing value turns 0 into 0.0
    return str(got) != str(want)


def _number(value) -> float:
    return float("nan") if _missing(value) else float(value)


def _iso(iso, code) -> str:
    return f"M49:{code}" if not iso or iso in ("W00",) else str(iso)


def _classify(printed: str, query: str, keyed: bool) -> Exception:
    """What the client printed before returning None -> the matching exception."""
    text = printed.strip()
    if not text:
        return SourceQueryError(SOURCE, query, "no answer and no message from the client")
    if text.startswith("Request error"):   # urllib3's error, retries spent: a time-out says "timed out"
        return (SourceTimeoutError if "timed out" in text.lower() else SourceNetworkError)(SOURCE, query, text)
    try:
        body = json.loads(text.splitlines()[-1] if not text.startswith("{") else text)
    except ValueError:
        body = {}
    status = body.get("statusCode") if isinstance(body, dict) else None
    message = (body.get("message") if isinstance(body, dict) else None) or text
    if status in (401, 403) or "subscription key" in message.lower():
        hint = "" if keyed else f" (no key given: set {KEY_ENV})"
        return SourceKeyError(SOURCE, query, f"{status or ''} {message}{hint}".strip())
    if status == 429:
        return SourceKeyError(SOURCE, query, f"429 {message} (the key's or the public preview's quota)")
    if status in (408, 504):
        return SourceTimeoutError(SOURCE, query, f"{status} {message}")
    if isinstance(status, int) and status >= 500:
        return SourceNetworkError(SOURCE, query, f"{status} {message}")
    if status == 404:
        return SourceNotFoundError(SOURCE, query, f"404 {message} (no data for this query)")
    return SourceQueryError(SOURCE, query, f"{status or ''} {message}".strip())


def _call(params: dict, key: str | None):
    """One client call; its printed errors become exceptions."""
    import comtradeapicall

    query = cache.query_text({k: v for k, v in params.items()})
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            if key:
                frame = comtradeapicall.getFinalData(key, **params)
            else:
                frame = comtradeapicall.previewFinalData(**params)
        except ValueError as exc:  # a 200 answer that is not JSON (a gateway's HTML page)
            raise SourceNetworkError(SOURCE, query, f"unreadable answer: {exc}") from exc
    if frame is None:
        raise _classify(printed.getvalue(), query, bool(key))
    return frame


def _years(years) -> list[int]:
    if isinstance(years, (int, str)):
        years = [years]
    out = sorted({int(y) for y in years})
    if not out:
        raise SourceQueryError(SOURCE, "years=[]", "no year asked for")
    return out


def fetch(reporter: str, partner: str = "WLD", years=(2022,), *, freq: str = "A", key: str | None = None):
    """Ask Comtrade (no cache) for `reporter`'s exports to and imports from `partner` in `years`."""
    key = key if key is not None else os.environ.get(KEY_ENV) or None
    if freq not in ("A", "M"):
        raise SourceQueryError(SOURCE, f"freq={freq!r}", "Comtrade frequencies are A (annual) and M (monthly)")
    groups: dict[tuple[int, int], list[int]] = {}
    for y in _years(years):  # Serbia's code changed in 2006: one call per (reporter, partner) code pair
        groups.setdefault((area_code(reporter, y), area_code(partner, y)), []).append(y)
    retrieved_at = now()
    parts, not_found = [], []
    for (rcode, pcode), ys in groups.items():
        periods = [str(y) for y in ys] if freq == "A" else [f"{y}{m:02d}" for y in ys for m in range(1, 13)]
        for i in range(0, len(periods), _MAX_PERIODS):
            params = dict(typeCode="C", freqCode=freq, clCode="HS", period=",".join(periods[i:i + _MAX_PERIODS]),
                          reporterCode=str(rcode), cmdCode="TOTAL", flowCode="X,M", partnerCode=str(pcode),
                          partner2Code="0", customsCode="C00", motCode="0")
            try:
                parts.append(parse(_call(params, key), retrieved_at=retrieved_at))
            except SourceNotFoundError as exc:   # no data for these periods: the other calls' rows still count
                not_found.append(exc)
    if not_found and not parts:
        raise not_found[0]
    return _concat(parts)


def trade(reporter: str, partner: str = "WLD", years=(2022,), *, freq: str = "A", key: str | None = None,
          offline: bool | None = None, refresh: bool = False):
    """`reporter`'s goods trade with `partner` from Comtrade, cached (see `analysis.sources.cache`)."""
    query = {"reporter": reporter, "partner": partner, "years": _years(years), "freq": freq}
    return cache.cached(SOURCE, query, lambda: fetch(reporter, partner, years, freq=freq, key=key),
                        offline=offline, refresh=refresh)


def pair(a: str, b: str, years=(2022,), **kwargs):
    """Both sides of a pair: `a`'s own figures for trade with `b`, and `b`'s figures turned round (mirror).

    One failing side never sinks the other (`rows.pair_sides`, as for the IMF): a side Comtrade has no data
    for (a 404, `SourceNotFoundError`, cached like data), another `SourceQueryError` for that reporter (no
    Comtrade code that year), a time-out of that side's call or, offline, an answer the cache lacks is left
    out with a `SourceWarning` naming the side and the reason, and ``frame.attrs["missing"]`` maps its
    reporter's code to that reason. When both sides fail, the error names both. A refused key, a spent quota
    (429) or a source that cannot be reached (no connection, a 5xx) raises as it is.
    """
    return pair_sides(SOURCE, SOURCE, a, b, lambda reporter, partner: trade(reporter, partner, years, **kwargs))


def _concat(parts):
    import pandas as pd

    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty_rows()
