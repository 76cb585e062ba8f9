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

import functools
import io
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
    "note", "derived", "dataset", "authority", "series_key",
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
        if derived:  # sums of the BNS monthly series made here: official statistics, derived, not news
            # this file has `method` instead of `value_as_published` / `data_basis`; nothing was published as such
            raw["value_as_published"] = None
            raw["data_basis"] = "Kazakh side (BNS monthly series, summed here)"
            raw["retrieved_note"] = ("derived here from official statistics: " + raw["method"].str.replace(
                r"^DERIVED HERE:\s*", "", regex=True) + ", from " + raw["source_name"] + "; " + raw["retrieved_note"])
            raw["source_name"] = _PUBLISHERS[_BNS][0] + ", monthly series (dataset 446905), summed here"
            raw["authority"] = _BNS
        else:  # a figure a ministry (or official) gave, as a news outlet quoted it
            raw["authority"] = NEWS_AUTHORITY
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
            # a figure quoted in news is "reported" whichever side gave it (``statistics`` says whose);
            # the statistics summed here are the reporter's own, or the partner's turned round ("mirror")
            "basis": np.where(raw["authority"] == NEWS_AUTHORITY, "reported", np.where(mirror, "mirror", "reporter")),
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
            "authority": raw["authority"],
            "series_key": np.where(raw["derived"], "BNS.446905." + raw["reporter"] + "." + indicator + "."
                                   + raw["partner"] + "." + raw["period_start"].str[:4] + ".sum_of_months", None),
        }
    )
    text = [c for c in OFFICIAL_TRADE_COLUMNS if c not in ("value", "derived", "value_as_published", "series_key")]
    out = out.astype({c: "str" for c in text})
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
    out = pd.concat([wdi, fred, _world_bank_rates()], ignore_index=True)
    out = out.sort_values(["currency", "year", "source"], kind="stable").reset_index(drop=True)
    dup = out.duplicated(["currency", "year", "source"], keep=False)
    if dup.any():
        raise ValueError(f"duplicate rates: {out[dup][['currency', 'year', 'source']].to_dict('records')}")
    return out.astype({"currency": "str", "source": "str", "source_url": "str", "note": "str", "dataset": "str"})[
        EXCHANGE_RATE_COLUMNS
    ]


WB_RATE_SOURCE = "World Bank WDI"
_WB_FCRF = "raw/worldbank/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"
_WB_TRADE = "raw/worldbank/API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv"


def _wdi_rows(name: str):
    """A World Bank bulk CSV (four header lines) as long rows: country_code, country, year, value."""
    import pandas as pd

    with data_files().joinpath(*name.split("/")).open("r", encoding="utf-8-sig") as fh:
        lines = fh.read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith('"Country Name"'))
    wide = pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str, keep_default_na=False)
    years = [c for c in wide.columns if c.isdigit()]
    long = wide.melt(id_vars=["Country Name", "Country Code"], value_vars=years, var_name="year")
    long = long[long["value"] != ""]
    return pd.DataFrame({"country_code": long["Country Code"], "country": long["Country Name"],
                         "year": long["year"].astype(int), "value": long["value"].astype(float)})


def _world_bank_rates():
    """PA.NUS.FCRF (LCU per US$, period average) for every economy with its own currency (maps/wdi_currencies.csv)."""
    import pandas as pd

    codes = _read_csv("maps", "wdi_currencies.csv")
    cur = dict(zip(codes["code"], codes["currency"]))
    wb = _wdi_rows(_WB_FCRF)
    wb = wb[wb["country_code"].isin(list(cur))]
    return pd.DataFrame({
        "currency": wb["country_code"].map(cur), "year": wb["year"], "per_usd": wb["value"],
        "source": WB_RATE_SOURCE,
        "source_url": "https://data.worldbank.org/indicator/PA.NUS.FCRF",
        "note": "PA.NUS.FCRF official exchange rate, LCU per US$, period average; row " + wb["country_code"]
                + " (" + wb["country"] + "); WDI bulk CSV of 2025-07-01",
        "dataset": _WB_FCRF,
    })


def build_trade_gdp():
    """NE.TRD.GNFS.ZS, trade in % of GDP, with aggregates apart (see `trade_gdp`)."""
    import pandas as pd

    wb = _wdi_rows(_WB_TRADE)
    codes = set(_read_csv("maps", "wdi_aggregates.csv")["code"])
    return pd.DataFrame({
        "country_code": wb["country_code"], "country": wb["country"], "year": wb["year"],
        "value": wb["value"], "unit": "percent of GDP", "aggregate": wb["country_code"].isin(list(codes)),
        "indicator": "NE.TRD.GNFS.ZS", "source": "World Bank WDI (bulk CSV of 2026-04-08)", "dataset": _WB_TRADE,
    }).sort_values(["country_code", "year"], kind="stable").reset_index(drop=True)


def build_companies():
    """Build the companies frame from ``raw/official/kaz_srb_companies.csv`` (see `companies`)."""
    raw = _read_csv("raw", "official", "kaz_srb_companies.csv")
    raw["value"] = raw["value"].astype(int)
    return raw[COMPANY_COLUMNS]


BUILDERS = {
    "reported_trade.csv": build_official_trade,
    "trade_gdp.csv": build_trade_gdp,
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


_PUBLISHERS = {  # publisher -> (source name, address)
    "BNS Kazakhstan": ("Bureau of National Statistics of Kazakhstan, foreign trade by country",
                       "https://stat.gov.kz/ru/industries/economy/foreign-market/"),
    "Statistics Agency of Uzbekistan": ("Statistics Agency of Uzbekistan, SDMX 1105/1176",
                                        "https://stat.uz/en/official-statistics/merchandise-trade"),
    "Geostat": ("National Statistics Office of Georgia, external trade", "https://www.geostat.ge/en/modules/categories/35/external-trade"),
    "NSC Kyrgyzstan": ("National Statistical Committee of the Kyrgyz Republic", "https://www.stat.gov.kg/en/statistics/vneshneekonomicheskaya-deyatelnost/"),
    "Armstat": ("Statistical Committee of Armenia, foreign trade by country", "https://armstat.am/en/?nid=82"),
    "IMF": ("IMF Direction of Trade Statistics (legacy portal)", "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"),
}
NEWS_AUTHORITY = "ministry, reported in news"
_BNS = "BNS Kazakhstan"


@functools.cache
def _statistics(name: str):
    import pandas as pd

    node = data_files() / "processed" / name
    with node.open("rb") as fh:
        frame = pd.read_csv(fh, dtype={"reporter": "str", "partner": "str", "indicator": "str"},
                            keep_default_na=False, compression="gzip" if name.endswith(".gz") else None)
    return frame


def _statistics_rows(frame, dataset: str):
    import pandas as pd

    year = frame["year"].astype(int).astype(str)
    pub = frame["publisher"] if "publisher" in frame.columns else pd.Series("IMF", index=frame.index)
    key = frame["series_key"] if "series_key" in frame.columns else (
        "DOTS." + frame["reporter"] + "." + frame["indicator"].map({"exports": "TXG_FOB_USD", "imports": "TMG_CIF_USD"})
        + "." + frame["partner"] + ".A")
    est = frame["estimated"].astype(str).isin(["True", "e"])
    return pd.DataFrame({
        "reporter": frame["reporter"], "partner": frame["partner"], "indicator": frame["indicator"],
        "period_start": year + "-01", "period_end": year + "-12", "value": frame["value"].astype(float),
        "unit": "USD", "basis": "reporter", "source_name": pub.map(lambda p: _PUBLISHERS[p][0]),
        "source_url": pub.map(lambda p: _PUBLISHERS[p][1]), "statistics": frame["reporter"], "scope": "all goods",
        "value_as_published": pd.NA, "data_basis": "statistics of " + frame["reporter"], "confidence": "high",
        "note": est.map({True: "estimate (marked e / preliminary by the publisher)", False: ""}),
        "derived": False, "dataset": frame["dataset"] if "dataset" in frame.columns else dataset,
        "authority": pub, "series_key": key,
    })


def official_trade(reporter=None, partner=None, *, imf: bool = False, news: bool = True):
    """Trade statistics by partner from the statistics offices (and the IMF), plus figures quoted in news.

    Each row represents one flow (turnover, exports, imports or balance) between a reporter and one partner
    (or the world, ``WLD``) over one period, as published by one side. About 11,000 rows by default:

    - statistics offices (``authority`` names the office; ``series_key`` the series): the Bureau of National
      Statistics of Kazakhstan by partner 2019–2023 (Serbia 2022: 73,971.3 thousand USD), Uzbekistan by
      partner 2010–2023, Armenia by partner 2017–2022, Georgia 1995–2024 and Kyrgyzstan 2006–2023 totals;
    - with ``imf=True``, the IMF Direction of Trade (legacy) for 235 reporters, 1960–2020 (2.04 million
      rows; each side's own figures: A's exports to B and B's imports from A are both there);
    - 21 annual totals of Kazakhstan with the world, 2019–2025, derived here from the BNS monthly series
      (``authority`` "BNS Kazakhstan", ``derived`` True, ``note`` says how: the sum of 12 monthly values,
      rounded to 0.1 bn; not an annual total the BNS published, and 2024–2025 are not in its annual files);
    - with ``news=True``, 80 figures quoted in news articles (``authority`` = "ministry, reported in news"):
      they are what a ministry said, oriented from Kazakhstan's side (``statistics`` says whose figure:
      Kazakh, or the partner's turned round), ``basis`` "reported", never statistics. Conflicting figures
      are all kept.

    ``reporter`` / ``partner`` (ISO3) keep the rows of that pair from both sides' statistics.

    Columns:
        reporter, partner: ISO 3166-1 alpha-3 (``WLD`` world, ``EUU`` EU, ``EMU`` euro area).
        indicator: ``trade_turnover | exports | imports | trade_balance`` (``other``: one agricultural row).
        period_start, period_end: "YYYY-MM" (missing start: the source gave no period).
        value: float, full units. unit: ISO 4217 (USD; EUR for three Italian news rows).
        basis (`analysis.frames.BASES`): ``reporter`` (an office's own statistics), ``mirror`` (the partner's
        statistics, turned round) or ``reported`` (a figure quoted in news). statistics: whose figure.
        source_name, source_url, scope, value_as_published, data_basis, confidence, note, derived, dataset.
        authority: the publisher (an office, "IMF", or "ministry, reported in news"). series_key.

    Source: data/processed/national_trade.csv, dots_annual.csv.gz, reported_trade.csv (see data/SOURCES.md).
    """
    import pandas as pd

    parts = [_statistics_rows(_statistics("national_trade.csv"), "processed/national_trade.csv")]
    if imf:
        dots = _statistics("dots_annual.csv.gz")
        if reporter or partner:
            dots = dots[_pair_mask(dots, reporter, partner)]
        parts.append(_statistics_rows(dots, "processed/dots_annual.csv.gz"))
    reported = _processed("reported_trade.csv", {"value": "float64", "derived": "bool"})
    parts.append(reported[reported["derived"]])  # BNS statistics, summed here
    if news:
        parts.append(reported[reported["authority"] == NEWS_AUTHORITY])
    out = pd.concat(parts, ignore_index=True)
    if reporter or partner:
        out = out[_pair_mask(out, reporter, partner)].reset_index(drop=True)
    text = [c for c in out.columns if c not in ("value", "derived")]
    out[text] = out[text].astype("str")
    out["derived"] = out["derived"].astype(bool)
    return out


def _pair_mask(frame, reporter, partner):
    a, b = frame["reporter"], frame["partner"]
    if reporter and partner:
        return ((a == reporter) & (b == partner)) | ((a == partner) & (b == reporter))
    code = reporter or partner
    return (a == code) | (b == code)


def trade_gdp():
    """Trade (exports plus imports of goods and services) in percent of GDP, World Bank NE.TRD.GNFS.ZS.

    Each row represents one economy's or aggregate's ratio in one year. About 13,000 rows, 1960–2024.
    ``aggregate`` is True for regions, income groups, the EU and the world: never add them to countries.

    Columns: country_code, country, year (int), value (float), unit, aggregate (bool), indicator, source,
    dataset.

    Source: data/raw/worldbank/API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv (CC BY 4.0); see data/SOURCES.md.
    """
    return _processed("trade_gdp.csv", {"year": "int64", "value": "float64", "aggregate": "bool"})


def exchange_rates():
    """Annual average exchange rates, national currency per US dollar.

    Each row represents one currency's average rate over one calendar year from one source. Rows from
    different sources for the same currency and year are kept side by side (CNY 2015: WDI 6.2275, FRED
    6.2827); `analysis.to_currency` picks by a stated source order and reports the source it used.
    About 9,000 rows: every currency of data/maps/wdi_currencies.csv from the World Bank's PA.NUS.FCRF
    bulk file of 2025-07-01 (``World Bank WDI``, 1960–2024; the euro from the euro-area row), the
    research notes' earlier WDI copy (``WDI``, 2010–2022, and KZT 2023–24 via Knoema) and 20 currencies
    1971–2025 from the Federal Reserve H.10 release (``FRED H.10``).

    Columns: currency (ISO 4217), year (int), per_usd (float, units of currency per 1 USD),
    source (``World Bank WDI`` | ``WDI`` | ``WDI via Knoema`` | ``FRED H.10``), source_url, note, dataset.

    Source: data/raw/worldbank/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv (CC BY 4.0),
    data/raw/official/exchange_rates_annual.csv, data/raw/fx/fred_h10_annual.csv (PDDL); see data/SOURCES.md.
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
