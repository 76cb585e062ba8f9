"""Loaders for the data that ship with the package (official trade figures, exchange rates, the seed article).

Files live in the top-level ``data/`` folder of the repository, installed as the package ``analysis._data``
and read through ``importlib.resources`` (so they work from a wheel, a zip or an editable install):

- ``raw/``: files copied byte for byte from the research notes (never edited);
- ``processed/``: tidy CSVs made from ``raw/`` by code (``python data/build.py`` calls the ``build_*``
  functions here; a test checks that the shipped files equal a fresh build);
- ``seed/``: the user's sample article;
- ``SOURCES.md``: source, address, date and licence of every file.

Conflicting figures are kept side by side, each with its source: nothing is averaged or picked.
"""
from __future__ import annotations

from importlib import resources

HOME = "KAZ"  # the bundled trade files are about Kazakhstan's trade; rows are oriented from its side

_FLOW = {
    "turnover": "trade_turnover",
    "export": "exports",
    "import": "imports",
    "balance": "trade_balance",
    "turnover_agri": "other",
}
_MIRROR_FLOW = {"exports": "imports", "imports": "exports"}

OFFICIAL_TRADE_COLUMNS = [
    "reporter", "partner", "indicator", "period_start", "period_end", "value", "unit", "basis",
    "source_name", "source_url", "statistics", "scope", "value_as_published", "data_basis", "confidence",
    "note", "derived", "dataset",
]
EXCHANGE_RATE_COLUMNS = ["currency", "year", "per_usd", "source", "source_url", "note", "dataset"]
COMPANY_COLUMNS = [
    "country_of_capital", "host_country", "indicator", "as_of", "value", "value_as_published",
    "source_name", "source_url", "confidence",
]

# FRED H.10 currency-area names -> ISO 4217. Venezuela is left out: its series spans several
# redenominations of the bolivar, so one code cannot describe it.
_FRED_CODES = {
    "Australia": "AUD", "Brazil": "BRL", "Canada": "CAD", "China": "CNY", "Denmark": "DKK", "Euro": "EUR",
    "Hong Kong": "HKD", "India": "INR", "Japan": "JPY", "Malaysia": "MYR", "Mexico": "MXN",
    "New Zealand": "NZD", "Norway": "NOK", "Singapore": "SGD", "South Africa": "ZAR", "South Korea": "KRW",
    "Sweden": "SEK", "Switzerland": "CHF", "Taiwan": "TWD", "Thailand": "THB",
}
_FRED_URL = "https://github.com/datasets/exchange-rates/blob/fa7d949956d1db1d21102654b1f40d64d2568677/data/annual.csv"


def data_files():
    """The root of the bundled data (an importlib.resources Traversable)."""
    return resources.files("analysis._data")


def _read_csv(*parts: str):
    import pandas as pd

    node = data_files().joinpath(*parts)
    with node.open("r", encoding="utf-8") as fh:
        # keep_default_na=False: "NA" is Namibia, not a missing value
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def _month(date: str):
    """'2022-09-30' -> '2022-09'; '' -> None."""
    date = (date or "").strip()
    return date[:7] if date else None


def seed_text() -> str:
    """The seed article: Kazinform, 6 Nov 2022, "Kazakhstan and Serbia hold political consultations".

    The user's own sample text (about 2,100 characters, English). Its trade sentence: "According to the
    results of 9 months of 2022, the trade turnover between two countries amounted to 52.9 million US
    dollars, which is 3.7 times higher than the same indicator last year. 36 enterprises with Serbian
    capital work in Kazakhstan."
    Source: https://www.inform.kz/en/kazakhstan-and-serbia-hold-political-consultations_a3998179
    """
    node = data_files() / "seed" / "kazinform-2022-11-06-kazakhstan-serbia.txt"
    return node.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# builders: raw/ -> processed frames (run by data/build.py; tests check processed/ equals a rebuild)
# --------------------------------------------------------------------------------------------------
def build_official_trade():
    """Build the official trade frame from ``raw/official/*.csv`` (see `official_trade`)."""
    import numpy as np
    import pandas as pd

    parts = []
    for name, derived in (
        ("kaz_srb_trade.csv", False),
        ("kaz_partner_trade.csv", False),
        ("kaz_total_trade_derived.csv", True),
    ):
        raw = _read_csv("raw", "official", name)
        raw["dataset"] = f"raw/official/{name}"
        raw["derived"] = derived
        if derived:  # this file has `method` instead of `value_as_published` / `data_basis`
            raw["value_as_published"] = raw["method"]
            raw["data_basis"] = "Kazakh side (BNS monthly series, summed here)"
        parts.append(raw)
    raw = pd.concat(parts, ignore_index=True)

    unknown = sorted(set(raw["flow"]) - set(_FLOW))
    if unknown:
        raise ValueError(f"raw trade files hold unknown flow(s) {unknown}")
    indicator = raw["flow"].map(_FLOW)
    value = raw["value"].astype(float)
    mirror = (raw["reporter"] != HOME) & (raw["partner"] == HOME)
    # orient every row from HOME's side; a row from the partner's statistics becomes a mirror row
    out = pd.DataFrame(
        {
            "reporter": np.where(mirror, raw["partner"], raw["reporter"]),
            "partner": np.where(mirror, raw["reporter"], raw["partner"]),
            "indicator": np.where(mirror, indicator.map(lambda i: _MIRROR_FLOW.get(i, i)), indicator),
            "period_start": raw["period_start"].map(_month),
            "period_end": raw["period_end"].map(_month),
            "value": np.where(mirror & (indicator == "trade_balance"), -value, value),
            "unit": raw["currency"],
            "basis": np.where(mirror, "mirror", "reporter"),
            "source_name": raw["source_name"],
            "source_url": raw["source_url"],
            "statistics": raw["reporter"],
            "scope": np.where(raw["flow"] == "turnover_agri", "agricultural goods", "all goods"),
            "value_as_published": raw["value_as_published"],
            "data_basis": raw["data_basis"],
            "confidence": raw["confidence"],
            "note": raw["retrieved_note"],
            "derived": raw["derived"].astype(bool),
            "dataset": raw["dataset"],
        }
    )
    out = out.astype({c: "str" for c in OFFICIAL_TRADE_COLUMNS if c not in ("value", "derived")})
    return out[OFFICIAL_TRADE_COLUMNS]


def build_exchange_rates():
    """Build the exchange-rate frame from the raw files (see `exchange_rates`)."""
    import pandas as pd

    raw = _read_csv("raw", "official", "exchange_rates_annual.csv")
    bad = raw[raw["base"] != "USD"]
    if len(bad):
        raise ValueError(f"exchange_rates_annual.csv rows {list(bad.index)} are not per USD")
    source = raw["indicator"].map(
        lambda s: "FRED H.10" if s.startswith("FRED") else ("WDI via Knoema" if "Knoema" in s else "WDI")
    )
    wdi = pd.DataFrame(
        {
            "currency": raw["currency"],
            "year": raw["year"].astype(int),
            "per_usd": raw["value"].astype(float),
            "source": source,
            "source_url": raw["source_url"],
            "note": raw["indicator"] + "; " + raw["source_version"] + "; " + raw["retrieved_note"],
            "dataset": "raw/official/exchange_rates_annual.csv",
        }
    )
    # the FRED rows of that file repeat the FRED file below; keep the FRED file's copy only
    wdi = wdi[wdi["source"] != "FRED H.10"]

    fred_raw = _read_csv("raw", "fx", "fred_h10_annual.csv")
    fred_raw = fred_raw[fred_raw["Country"].isin(list(_FRED_CODES))]
    fred = pd.DataFrame(
        {
            "currency": fred_raw["Country"].map(_FRED_CODES),
            "year": fred_raw["Date"].str[:4].astype(int),
            "per_usd": fred_raw["Exchange rate"].astype(float),
            "source": "FRED H.10",
            "source_url": _FRED_URL,
            "note": "Federal Reserve H.10 annual average via FRED via datasets/exchange-rates (PDDL)",
            "dataset": "raw/fx/fred_h10_annual.csv",
        }
    )
    out = pd.concat([wdi, fred], ignore_index=True)
    out = out.sort_values(["currency", "year", "source"], kind="stable").reset_index(drop=True)
    dup = out.duplicated(["currency", "year", "source"], keep=False)
    if dup.any():
        raise ValueError(f"duplicate rates: {out[dup][['currency', 'year', 'source']].to_dict('records')}")
    return out.astype({"currency": "str", "source": "str", "source_url": "str", "note": "str", "dataset": "str"})[
        EXCHANGE_RATE_COLUMNS
    ]


def build_companies():
    """Build the companies frame from ``raw/official/kaz_srb_companies.csv`` (see `companies`)."""
    raw = _read_csv("raw", "official", "kaz_srb_companies.csv")
    raw["value"] = raw["value"].astype(int)
    return raw[COMPANY_COLUMNS]


BUILDERS = {
    "official_trade.csv": build_official_trade,
    "exchange_rates.csv": build_exchange_rates,
    "companies.csv": build_companies,
}


# --------------------------------------------------------------------------------------------------
# loaders: read processed/
# --------------------------------------------------------------------------------------------------
def _processed(name: str, dtypes: dict):
    import pandas as pd

    frame = _read_csv("processed", name)
    for col, dtype in dtypes.items():
        if dtype == "float64":
            frame[col] = frame[col].astype(float)
        elif dtype == "int64":
            frame[col] = frame[col].astype(int)
        elif dtype == "bool":
            frame[col] = frame[col].map({"True": True, "False": False}).astype(bool)
    text = [c for c in frame.columns if c not in dtypes]
    frame[text] = frame[text].replace("", pd.NA).astype("str")
    return frame


def official_trade():
    """Official trade figures of Kazakhstan, as quoted by ministries and statistics offices.

    Each row represents one published figure: one flow (turnover, exports, imports or balance)
    between Kazakhstan and one partner (or the world, ``WLD``) over one period, as published by one
    side's statistics and quoted by one source. 101 rows: Kazakhstan–Serbia (25), Kazakhstan with
    China, Russia, Italy, Türkiye, Uzbekistan and partial-year world totals (55), and annual world totals
    for 2019–2025 derived by summing the monthly BNS series (21, ``derived`` True).

    Every row is oriented from Kazakhstan's side: ``reporter`` is ``KAZ``. A figure from the partner's
    statistics (Serbian, Chinese, Italian, Russian) is a ``basis == "mirror"`` row with its flow turned
    round (Serbian imports from Kazakhstan become Kazakh ``exports`` on the mirror basis, valued CIF;
    a Serbian deficit becomes a Kazakh surplus); ``statistics`` names whose statistics it is.
    Conflicting figures (26.3 vs 26.4 M for 2016; 100.1 vs ~400 vs ~600 M for 2024) are all kept.

    Columns:
        reporter, partner: ISO 3166-1 alpha-3 (``WLD`` = world).
        indicator: ``trade_turnover | exports | imports | trade_balance`` (``other`` for the one
            agricultural-goods row, see ``scope``).
        period_start, period_end: "YYYY-MM"; ``period_start`` is missing where the source gave no period
            (then ``period_end`` is the month of the statement).
        value: float, full units (USD, not millions). unit: ISO 4217 (USD; EUR for three Italian rows).
        basis: ``reporter`` (Kazakhstan's own statistics) or ``mirror`` (the partner's statistics).
        source_name, source_url: where the figure was read.
        statistics: ISO3 of the country whose statistics the figure is. scope: ``all goods`` or
            ``agricultural goods``. value_as_published: the source wording. data_basis: who is quoted.
        confidence: high / medium / low, from the research notes. note: caveats.
        derived: True for the summed BNS totals (not published totals). dataset: the raw file.

    Source: data/raw/official/*.csv (research notes of 2026-11; see data/SOURCES.md).
    """
    return _processed("official_trade.csv", {"value": "float64", "derived": "bool"})


def exchange_rates():
    """Annual average exchange rates, national currency per US dollar.

    Each row represents one currency's average rate over one calendar year from one source. Rows from
    different sources for the same currency and year are kept side by side (CNY 2015: WDI 6.2275, FRED
    6.2827); `analysis.to_currency` picks by a stated source order and reports the source it used.
    About 1,000 rows: KZT 2010–2024, RUB and RSD 2010–2022 (World Bank WDI PA.NUS.FCRF, KZT 2023–24 as
    shown by Knoema), CNY and EUR 2010–2022 (WDI), and 20 currencies 1971–2025 from the Federal Reserve
    H.10 release (FRED). Not covered: GBP, TRY, UZS, AZN, GEL, KGS, RUB/RSD after 2022.

    Columns: currency (ISO 4217), year (int), per_usd (float, units of currency per 1 USD),
    source (``WDI`` | ``WDI via Knoema`` | ``FRED H.10``), source_url, note, dataset (raw file).

    Source: data/raw/official/exchange_rates_annual.csv, data/raw/fx/fred_h10_annual.csv (PDDL);
    see data/SOURCES.md.
    """
    return _processed("exchange_rates.csv", {"year": "int64", "per_usd": "float64"})


def companies():
    """Counts of companies with foreign capital, Kazakhstan–Serbia.

    Each row represents one published count of companies with one country's capital in the other
    country at one date. 5 rows: Serbian-capital firms in Kazakhstan (15 in Aug 2016, 24 in Sep 2017, the
    seed's 36 in Nov 2022 — not verified — and about 60 in Feb 2026) and 44 Kazakh-capital firms in Serbia.

    Columns: country_of_capital, host_country (ISO3), indicator (wording), as_of ("YYYY-MM" or
    "YYYY-MM-DD"), value (int), value_as_published, source_name, source_url, confidence.

    Source: data/raw/official/kaz_srb_companies.csv; see data/SOURCES.md.
    """
    return _processed("companies.csv", {"value": "int64"})


def sources_text() -> str:
    """``data/SOURCES.md``: source, address, date and licence of every bundled file."""
    return (data_files() / "SOURCES.md").read_text(encoding="utf-8")
