"""News figures beside official statistics (`reconcile`).

A news observation ("52.9 million US dollars in 9 months of 2022, 3.7 times more") makes two claims:
the reported value for its period and, when it states a growth, the implied value of the compared
period (``base_value``, with the interval its rounding allows). `reconcile` sets every claim beside every
official figure for the same flow, pair of countries and calendar year — from either side's statistics,
all sources side by side — and says how far apart they are and why they may differ.
"""
from __future__ import annotations

import math
import re

from .datasets import NEWS_AUTHORITY
from .errors import SchemaError
from .reading.numbers import scale_step

TRADE_INDICATORS = ("trade_turnover", "exports", "imports", "trade_balance")
_FLIP = {"exports": "imports", "imports": "exports", "trade_turnover": "trade_turnover",
         "trade_balance": "trade_balance"}
_NEWS_NEEDED = ("indicator", "reporter", "partner", "period_start", "period_end", "value", "unit")
_OFFICIAL_NEEDED = ("indicator", "reporter", "partner", "period_start", "period_end", "value", "unit")

RECONCILE_COLUMNS = [
    "news_row", "claim", "indicator", "reporter", "partner", "period_start", "period_end",
    "news_value", "news_low", "news_high", "unit",
    "official_value", "official_adjusted", "official_period_start", "official_period_end",
    "official_statistics", "official_basis", "official_source", "official_url", "official_authority",
    "official_series",
    "gap", "ratio", "within_rounding", "period_relation", "period_mismatch", "mirror", "cif_fob",
    "converted", "flags",
]


def rounding_interval(value: float) -> tuple[float, float]:
    """The interval a figure's stated rounding allows, read at its scale word.

    52_900_000 is "52.9 million": ± 0.05 million. 24e9 is "24 billion": ± 0.5 billion.

    >>> rounding_interval(52_900_000.0)
    (52850000.0, 52950000.0)
    """
    if value is None or not math.isfinite(value):
        return (math.nan, math.nan)
    a = abs(value)
    scale = scale_step(a)
    x = a / scale
    digits = next((d for d in range(0, 7) if abs(round(x, d) - x) <= 1e-9 * max(1.0, x)), 6)
    half = 0.5 * 10.0 ** (-digits) * scale
    return (value - half, value + half)


def _period_relation(ns, ne, os_, oe) -> str | None:
    """How an official period relates to a news period; None when they are not comparable."""
    if (ns, ne) == (os_, oe):
        return "exact"
    if ne[:4] != oe[:4] or ns[:4] != os_[:4]:
        return None
    news_year = ns[5:] == "01" and ne[5:] == "12"
    off_year = os_[5:] == "01" and oe[5:] == "12"
    if off_year and not news_year:
        return "news_part_vs_official_year"
    if news_year and not off_year:
        return "news_year_vs_official_part"
    return "different_part_of_year"


def _check_units(frame, what: str):
    """Refuse a frame where one trade indicator holds money and non-money units."""
    from . import units

    trade = frame[frame["indicator"].isin(TRADE_INDICATORS)]
    is_money = trade["unit"].map(lambda u: isinstance(u, str) and units.is_currency(u)).astype(bool)
    problems = []
    for ind, money in is_money.groupby(trade["indicator"]):
        if money.any() and not money.all():
            rows = list(money.index[~money.to_numpy()][:10])
            kinds = sorted(set(trade.loc[money.index[~money.to_numpy()], "unit"].astype(str)))
            problems.append(f"{ind!r} mixes money with {kinds} in rows {rows}")
    if problems:
        raise SchemaError(f"{what} has mixed units in one indicator: " + "; ".join(problems))


# one outlet under several names (Kazinform: www.inform.kz, en.inform.kz and, since its 2024 rebranding,
# qazinform.com / "Qazinform"): a host label -> the outlet's name, and a name in words -> the same name
_HOST_OUTLETS = {"inform": "kazinform", "qazinform": "kazinform"}
_NAMED_OUTLETS = {"qazinform": "kazinform"}
_BARE_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?")


def _outlet(text) -> str | None:
    """The outlet a source names: the main label of a URL's host ('www.inform.kz/...' -> 'kazinform', by
    `_HOST_OUTLETS`), else the lower-cased text itself ('Kazinform, 6 Nov 2022'; 'Qazinform' reads 'kazinform')."""
    from urllib.parse import urlparse

    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip().lower()
    if "://" not in text and _BARE_HOST.fullmatch(text):
        text = "http://" + text  # 'inform.kz' or 'astanatimes.com/2023/11/x' is an address without its scheme
    if "://" in text:
        host = urlparse(text).hostname or ""
        labels = [p for p in host.split(".") if p not in ("www", "en", "ru", "m")]
        return _HOST_OUTLETS.get(labels[0], labels[0]) if labels else None
    for name, outlet in _NAMED_OUTLETS.items():
        text = text.replace(name, outlet)
    return text


def same_source(news_source, official_url) -> bool:
    """True when an official row is the news row's own article or outlet (same URL, or its outlet's name).

    >>> same_source("Kazinform, 6 Nov 2022", "https://www.inform.kz/en/some-page_a1")
    True
    >>> same_source("https://astanatimes.com/2023/11/x/", "https://www.inform.kz/en/x")
    False
    >>> same_source("Qazinform, 26 Feb 2026", "https://en.inform.kz/news/x")   # one agency, renamed in 2024
    True
    """
    a, b = _outlet(news_source), _outlet(official_url)
    if a is None or b is None:
        return False
    if isinstance(news_source, str) and news_source.strip() == str(official_url).strip():
        return True
    named = "://" not in str(news_source) and not _BARE_HOST.fullmatch(str(news_source).strip().lower())
    # a name given in words: 'The Astana Times, Nov 2023' names astanatimes.com
    return a == b or (named and len(b) >= 4 and b in a.replace(" ", ""))


def _claims(news):
    """One row per claim: the reported value, and the implied compared-period value where stated."""
    import pandas as pd

    rows = []
    has_base = all(c in news.columns for c in ("compared_start", "compared_end", "base_value"))
    for idx, r in news.iterrows():
        if r["indicator"] not in TRADE_INDICATORS or pd.isna(r["value"]):
            continue
        low, high = rounding_interval(float(r["value"]))
        common = {"news_row": idx, "indicator": r["indicator"], "reporter": r["reporter"], "partner": r["partner"],
                  "unit": r["unit"], "source": r["source"] if "source" in news.columns else None}
        rows.append({**common, "claim": "reported", "period_start": r["period_start"],
                     "period_end": r["period_end"], "value": float(r["value"]), "low": low, "high": high})
        if has_base and pd.notna(r["base_value"]) and pd.notna(r["compared_start"]) and pd.notna(r["compared_end"]):
            b_low = r["base_low"] if "base_low" in news.columns and pd.notna(r["base_low"]) else math.nan
            b_high = r["base_high"] if "base_high" in news.columns and pd.notna(r["base_high"]) else math.nan
            rows.append({**common, "claim": "implied_base", "period_start": r["compared_start"],
                         "period_end": r["compared_end"], "value": float(r["base_value"]),
                         "low": float(b_low), "high": float(b_high)})
    return pd.DataFrame(rows, columns=["news_row", "claim", "indicator", "reporter", "partner", "unit", "source",
                                       "period_start", "period_end", "value", "low", "high"])


def reconcile(news, official=None, *, currency: str = "USD", rates=None, cif_fob: float = 1.06,
              consolidated: bool = True):
    """Match news observations to official figures; one row per (claim, official figure).

    ``news`` is a tidy frame (`analysis.extract`): trade rows (``trade_turnover``, ``exports``,
    ``imports``, ``trade_balance``) in a currency are used; each gives a ``reported`` claim and, when it
    carries ``base_value`` and ``compared_start``/``compared_end``, an ``implied_base`` claim for the
    compared period. ``official`` is a frame like `analysis.datasets.official_trade()`; by default, that
    table (with the IMF's DOTS, ``imf=True``) for the pairs the news rows name.

    An article is never checked against itself: an official row whose ``source_url`` is the news row's
    ``source``, or the same outlet (a news-quoted figure from inform.kz against a Kazinform article), is
    left out (``source`` names the news row's article or outlet: give it to `analysis.extract`). Each match names
    the series it used (``official_authority``, ``official_series``); an official row that is a ministry's figure
    quoted in news (``authority`` "ministry, reported in news") is flagged ``reported_in_news``, and also
    ``news_source_unknown`` when the claim names no source, so it may be the article itself.

    A claim (reporter A, partner B, indicator I, period P) matches every official row with a period in
    the same calendar year for A→B and I, or for B→A and the mirrored flow (exports ↔ imports; turnover is
    symmetric; a balance changes sign). Money is converted to ``currency`` with period-average rates
    (`analysis.to_currency`; refused, not guessed, when a rate is missing).

    Columns: news_row (index in ``news``), claim, indicator, reporter, partner, period_start, period_end,
    news_value, news_low, news_high (the interval the stated rounding allows), unit, official_value,
    official_adjusted (after the CIF/FOB factor), official_period_start/_end, official_statistics (whose
    statistics), official_basis, official_source, official_url, gap (news − official_adjusted), ratio
    (news ÷ official_adjusted), within_rounding (for an exact period match: the two rounding intervals overlap; else NA), period_relation
    (``exact``, ``news_part_vs_official_year``, ``news_year_vs_official_part``,
    ``different_part_of_year``, or ``no official figure``), period_mismatch, mirror (the figure is the
    partner's statistics), cif_fob (factor applied: exports from the partner's CIF imports are divided by
    it, imports from the partner's FOB exports multiplied; turnover and balance are left as they are),
    converted (a currency conversion was used), flags (the same, ";"-separated, with ``reported_in_news`` and
    ``news_source_unknown`` above). Inputs are not modified.

    With ``consolidated`` (the default), copies of one figure from several outlets are checked once
    (`analysis.facts.fact_rows`: ``news_row`` is the kept copy); readings that disagree are each checked.
    """
    import numpy as np
    import pandas as pd

    from .frames import require_columns
    from .fx import to_currency

    require_columns(news, _NEWS_NEEDED, "news frame")
    if consolidated and len(news):
        from .facts import NEEDED, fact_rows

        if all(c in news.columns for c in NEEDED):
            news = fact_rows(news)  # keeps the rows' own index, so news_row still points into the input
    if official is None:
        from .datasets import official_trade

        pairs_named = {tuple(sorted((a, b))) for a, b in zip(news["reporter"], news["partner"])
                       if isinstance(a, str) and isinstance(b, str)}
        parts = [official_trade(a, b, imf=True) for a, b in sorted(pairs_named)]
        official = pd.concat(parts, ignore_index=True) if parts else official_trade().iloc[:0]
    require_columns(official, _OFFICIAL_NEEDED, "official frame")
    if not cif_fob > 0:
        raise ValueError(f"cif_fob must be positive, got {cif_fob!r}")
    _check_units(news, "news frame")
    _check_units(official, "official frame")

    claims = _claims(news)
    if len(claims):
        conv = to_currency(claims, currency, rates=rates)
        claims = claims.assign(
            value=conv["value"], low=claims["low"] * conv["fx_rate"], high=claims["high"] * conv["fx_rate"],
            unit=conv["unit"], converted=conv["fx_source"] != "identity",
        )

    off = official[official["indicator"].isin(TRADE_INDICATORS) & official["period_start"].notna()
                   & official["period_end"].notna()]
    basis = off["basis"] if "basis" in off.columns else pd.Series("reporter", index=off.index)
    if "statistics" in off.columns:
        stats = off["statistics"]
    else:
        stats = pd.Series(np.where(basis == "mirror", off["partner"], off["reporter"]), index=off.index)

    pairs = []
    for ci, c in claims.iterrows():
        if pd.isna(c["reporter"]) or pd.isna(c["partner"]) or pd.isna(c["period_start"]):
            pairs.append((ci, None, None, False))
            continue
        direct = (off["reporter"] == c["reporter"]) & (off["partner"] == c["partner"]) & (off["indicator"] == c["indicator"])
        swapped = ((off["reporter"] == c["partner"]) & (off["partner"] == c["reporter"])
                   & (off["indicator"] == _FLIP[c["indicator"]]))
        found = False
        urls = off["source_url"] if "source_url" in off.columns else pd.Series(pd.NA, index=off.index)
        for oi in off.index[(direct | swapped).to_numpy()]:
            if same_source(c["source"], urls.at[oi]):
                continue  # the article itself (or its outlet) is no check of the article
            rel = _period_relation(c["period_start"], c["period_end"], off.at[oi, "period_start"], off.at[oi, "period_end"])
            if rel is not None:
                pairs.append((ci, oi, rel, bool(swapped.at[oi])))
                found = True
        if not found:
            pairs.append((ci, None, None, False))

    matched = sorted({oi for _, oi, _, _ in pairs if oi is not None})
    off_conv = to_currency(off.loc[matched], currency, rates=rates) if matched else off.iloc[:0]

    records = []
    for ci, oi, rel, swapped in pairs:
        c = claims.loc[ci]
        rec = {
            "news_row": c["news_row"], "claim": c["claim"], "indicator": c["indicator"], "reporter": c["reporter"],
            "partner": c["partner"], "period_start": c["period_start"], "period_end": c["period_end"],
            "news_value": c["value"], "news_low": c["low"], "news_high": c["high"], "unit": c["unit"],
            "converted": bool(c["converted"]),
        }
        flags = ["converted"] if rec["converted"] else []
        if oi is None:
            rec.update(period_relation="no official figure", period_mismatch=pd.NA, mirror=pd.NA,
                       cif_fob=np.nan, within_rounding=pd.NA)
            flags.append("no_official_figure")
        else:
            o = off_conv.loc[oi]
            value = float(o["value"]) * (-1.0 if swapped and c["indicator"] == "trade_balance" else 1.0)
            mirror = stats.at[oi] != c["reporter"]
            factor = 1.0
            if mirror and c["indicator"] == "exports":
                factor = 1.0 / cif_fob
            elif mirror and c["indicator"] == "imports":
                factor = cif_fob
            adjusted = value * factor
            o_low, o_high = rounding_interval(adjusted)
            # only a figure for the same period can confirm or contradict the stated rounding
            within = (pd.NA if rel != "exact" or math.isnan(rec["news_low"]) or math.isnan(rec["news_high"])
                      else bool(o_low <= rec["news_high"] and rec["news_low"] <= o_high))
            conv_off = o.get("fx_source", "identity") != "identity"
            rec.update(
                official_value=value, official_adjusted=adjusted,
                official_period_start=o["period_start"], official_period_end=o["period_end"],
                official_statistics=stats.at[oi], official_basis=basis.at[oi],
                official_source=o.get("source_name", pd.NA), official_url=o.get("source_url", pd.NA),
                official_authority=o.get("authority", pd.NA),
                official_series=o.get("series_key") if pd.notna(o.get("series_key", pd.NA)) else o.get("dataset", pd.NA),
                gap=rec["news_value"] - adjusted,
                ratio=rec["news_value"] / adjusted if adjusted else np.nan,
                within_rounding=within, period_relation=rel, period_mismatch=rel != "exact",
                mirror=bool(mirror), cif_fob=factor if factor != 1.0 else np.nan,
            )
            if conv_off:
                rec["converted"] = True
                if "converted" not in flags:
                    flags.append("converted")
            if rel != "exact":
                flags.append(f"period_mismatch:{rel}")
            if mirror:
                flags.append("mirror")
            if factor != 1.0:
                flags.append(f"cif_fob:{cif_fob}")
            if within is False:
                flags.append("outside_rounding")
            if str(o.get("authority", "")) == NEWS_AUTHORITY:
                # a ministry's figure as a news outlet quoted it: a second report, never official statistics
                flags.append("reported_in_news")
                if not isinstance(c["source"], str) or not c["source"].strip():
                    flags.append("news_source_unknown")  # the claim names no source: it may be this very quote
        rec["flags"] = ";".join(flags)
        records.append(rec)

    out = pd.DataFrame.from_records(records, columns=RECONCILE_COLUMNS)
    floats = ["news_value", "news_low", "news_high", "official_value", "official_adjusted", "gap", "ratio", "cif_fob"]
    out[floats] = out[floats].astype("float64")
    for col in ("within_rounding", "period_mismatch", "mirror"):
        out[col] = out[col].astype("boolean")
    out["converted"] = out["converted"].astype(bool)
    text = [c for c in RECONCILE_COLUMNS if c not in floats + ["within_rounding", "period_mismatch", "mirror",
                                                              "converted", "news_row"]]
    out[text] = out[text].astype("str")
    return out
