"""The IMF's International Merchandise Trade Statistics (IMTS) over SDMX, through `sdmx1`.

Series key ``COUNTRY.INDICATOR.COUNTERPART_COUNTRY.FREQUENCY`` with ISO3 codes (the world is ``G001``);
indicators ``XG_FOB_USD`` (exports, FOB), ``MG_CIF_USD`` (imports, CIF) and ``TBG_USD`` (balance).

Magnitudes: ``UNIT_MULT`` (SDMX 2.1's power of ten, as the legacy DOTS sent values in millions with
``UNIT_MULT=6``) is applied. IMTS's ``SCALE`` is the power of ten the portal displays in, not one the value
still needs: the recorded answer has USA exports to the world 2023 = ``OBS_VALUE 2019551635133`` with
``SCALE 6`` — US$2.02 trillion as published (applying it would make US$2 quintillion). It goes into
``note``. `parse` refuses a value whose multiplier it cannot read.
"""
from __future__ import annotations

from ..errors import (SourceKeyError, SourceNetworkError, SourceNotFoundError, SourceQueryError,
                      SourceTimeoutError)
from . import cache
from .rows import empty_rows, now, pair_sides, period_bounds, to_rows

SOURCE = "IMF"
DATAFLOW = "IMTS"
INDICATORS = {"XG_FOB_USD": "exports", "MG_CIF_USD": "imports", "TBG_USD": "trade_balance",
              # the legacy Direction of Trade codes, for answers of the old service
              "TXG_FOB_USD": "exports", "TMG_CIF_USD": "imports"}
_AREAS = {"G001": "WLD", "W00": "WLD", "W": "WLD"}   # IMF world codes -> the package's WLD
_TO_IMF = {"WLD": "G001"}
_KEY_DIMS = ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY")
_TRADE = ("XG_FOB_USD", "MG_CIF_USD")


def series_key(reporter: str, partner: str = "WLD", indicators=_TRADE, freq: str = "A") -> str:
    """The IMTS key for `reporter`'s trade with `partner`.

    >>> series_key("KAZ", "SRB")
    'KAZ.XG_FOB_USD+MG_CIF_USD.SRB.A'
    >>> series_key("USA", "WLD", ["TBG_USD"], "M")
    'USA.TBG_USD.G001.M'
    """
    bad = [i for i in indicators if i not in INDICATORS]
    if bad or freq not in ("A", "Q", "M"):
        raise SourceQueryError(SOURCE, f"indicators={list(indicators)} freq={freq!r}",
                               f"IMTS indicators are {', '.join(INDICATORS)}; frequencies A, Q, M")
    codes = []
    for code in (reporter, partner):
        code = str(code).upper()
        if not (len(code) == 3 and code.isalpha()):
            raise SourceQueryError(SOURCE, f"area={code!r}", "IMTS wants ISO 3166 alpha-3 codes (WLD: world)")
        codes.append(_TO_IMF.get(code, code))
    return f"{codes[0]}.{'+'.join(indicators)}.{codes[1]}.{freq}"


def _fields(series_key_obj, observations) -> dict[str, str]:
    """Every dimension and attribute of a series (its key, its groups), as plain strings.

    Without the data structure, sdmx1 reads series-level attributes (SCALE, OVERLAP) as key values; they
    are all looked up by name here, wherever they came from.
    """
    out = {k: str(v.value) for k, v in series_key_obj.values.items()}
    out.update({k: str(v.value) for k, v in getattr(series_key_obj, "attrib", {}).items()})
    for obs in observations[:1]:
        for group in getattr(obs, "group_keys", ()) or ():
            out.update({k.split("}")[-1]: str(v.value) for k, v in group.attrib.items() if k.split("}")[-1] not in out})
            out.update({k: str(v.value) for k, v in group.values.items() if k not in out})
    return out


def parse(message, *, retrieved_at: str | None = None):
    """An sdmx1 DataMessage from IMTS -> `SOURCE_COLUMNS` rows (values in full units)."""
    retrieved_at = retrieved_at or now()
    out = []
    for dataset in message.data:
        for key, observations in dataset.series.items():
            f = _fields(key, list(observations))
            missing = [d for d in _KEY_DIMS if d not in f]
            if missing:
                raise SourceQueryError(SOURCE, str(key), f"series lacks dimension(s) {missing}")
            text_key = ".".join(f[d] for d in _KEY_DIMS)
            mult = f.get("UNIT_MULT", "0")
            if not mult.lstrip("-").isdigit():
                raise SourceQueryError(SOURCE, text_key, f"unreadable UNIT_MULT {mult!r}")
            factor = 10.0 ** int(mult)
            notes = []
            if mult != "0":
                notes.append(f"UNIT_MULT {mult} applied (x{factor:g})")
            if "SCALE" in f:
                notes.append(f"SCALE {f['SCALE']}: display scale, value already in units")
            reporter = _AREAS.get(f["COUNTRY"], f["COUNTRY"])
            partner = _AREAS.get(f["COUNTERPART_COUNTRY"], f["COUNTERPART_COUNTRY"])
            for obs in observations:
                period, start, end = period_bounds(str(obs.dimension.values["TIME_PERIOD"].value), SOURCE)
                extra = list(notes)
                derivation = obs.attached_attribute.get("DERIVATION_TYPE")
                if derivation is not None and str(derivation.value) not in ("M", "R"):
                    extra.append(f"DERIVATION_TYPE {derivation.value}")
                value = obs.value
                out.append({
                    "indicator": INDICATORS.get(f["INDICATOR"], "other"), "reporter": reporter, "partner": partner,
                    "period": period, "period_start": start, "period_end": end,
                    "value": float("nan") if value in (None, "", "NaN") else float(value) * factor,
                    "unit": f.get("UNIT", "USD"), "basis": "reporter", "statistics": reporter,
                    "aggregate": reporter == "WLD" or (len(reporter) != 3), "source": SOURCE, "dataset": DATAFLOW,
                    "series_key": f"{DATAFLOW}.{text_key}", "retrieved_at": retrieved_at, "note": "; ".join(extra),
                })
    return to_rows(out) if out else empty_rows()


def fetch(reporter: str, partner: str = "WLD", start: int | None = None, end: int | None = None, *,
          freq: str = "A", indicators=_TRADE, source: str = "IMF_DATA", flow: str = DATAFLOW):
    """Ask the IMF (no cache) through sdmx1; failures become `SourceNetworkError` (`SourceTimeoutError` for
    a time-out or a 504) / `SourceKeyError` / `SourceQueryError` (`SourceNotFoundError` for a 404)."""
    import requests
    import sdmx

    key = series_key(reporter, partner, indicators, freq)
    params = {k: str(v) for k, v in (("start_period", start), ("end_period", end)) if v is not None}
    query = f"{source} {flow}/{key} {params or ''}".strip()
    try:
        message = sdmx.Client(source).data(flow, key=key, params=params)
    except requests.exceptions.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        reason = f"HTTP {status}: {(exc.response.text if exc.response is not None else '')[:200]}"
        if status in (401, 403):
            raise SourceKeyError(SOURCE, query, reason) from exc
        if status in (408, 504):
            raise SourceTimeoutError(SOURCE, query, reason) from exc
        if status is not None and status >= 500:
            raise SourceNetworkError(SOURCE, query, reason) from exc
        if status == 404:   # the IMF's answer "no such series": cached like data
            raise SourceNotFoundError(SOURCE, query, reason + " (no such series?)") from exc
        raise SourceQueryError(SOURCE, query, reason) from exc
    except requests.exceptions.Timeout as exc:   # before ConnectionError: ConnectTimeout is both
        raise SourceTimeoutError(SOURCE, query, f"{type(exc).__name__}: {exc}") from exc
    except requests.exceptions.ConnectionError as exc:
        raise SourceNetworkError(SOURCE, query, f"{type(exc).__name__}: {exc}") from exc
    except ValueError as exc:  # sdmx1: unknown content type / unreadable message
        raise SourceNetworkError(SOURCE, query, f"unreadable answer: {exc}") from exc
    return parse(message, retrieved_at=now())


def trade(reporter: str, partner: str = "WLD", start: int | None = None, end: int | None = None, *,
          freq: str = "A", indicators=_TRADE, source: str = "IMF_DATA", flow: str = DATAFLOW,
          offline: bool | None = None, refresh: bool = False):
    """`reporter`'s trade with `partner` from IMTS, cached (see `analysis.sources.cache`).

    `flow` is the dataflow reference sent to the service (``IMTS``; ``IMF.STA,IMTS`` names the agency).
    """
    query = {"key": series_key(reporter, partner, indicators, freq), "start": start, "end": end, "source": source,
             "flow": flow}
    return cache.cached(SOURCE, query, lambda: fetch(reporter, partner, start, end, freq=freq,
                                                     indicators=indicators, source=source, flow=flow),
                        offline=offline, refresh=refresh)


def pair(a: str, b: str, start: int | None = None, end: int | None = None, **kwargs):
    """Both sides: `a`'s IMTS figures for trade with `b`, and `b`'s turned round (``basis`` mirror).

    One missing side never sinks the other (`rows.pair_sides`): a side the IMF has no series for (HTTP 404,
    `SourceNotFoundError`, cached like data), another `SourceQueryError`, a time-out of that side's call or,
    offline, an answer the cache lacks is left out with a `SourceWarning` naming the side and the reason, and
    ``frame.attrs["missing"]`` maps its reporter's code to that reason. When both sides fail, the error names
    both. A refused key or a source that cannot be reached (no connection, a 5xx) raises as it is.
    """
    return pair_sides(f"{SOURCE} {DATAFLOW}", SOURCE, a, b,
                      lambda reporter, partner: trade(reporter, partner, start, end, **kwargs))
