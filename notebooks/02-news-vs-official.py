# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — News figures beside official statistics: Kazakhstan–Serbia (and China)
#
# A trade figure in the news means little until it is set beside official statistics. This notebook
# takes the seed article (Kazinform, 6 Nov 2022) and a few short sentences written from the bundled facts,
# and sets them beside **both sides' statistics** as bundled in `analysis.datasets` — without picking one.
# Runs offline; every number comes from `data/` (see `data/SOURCES.md`).

# %%
import os

import pandas as pd
import plotly.express as px
import plotly.io as pio

import analysis
from analysis import datasets
from analysis.views import charts

pio.renderers.default = os.environ.get("PLOTLY_RENDERER", "plotly_mimetype+notebook")
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.float_format", "{:,.2f}".format)  # 52,900,000.00, not 5.290000e+07

# %% [markdown]
# ## 1. The claim in the seed

# %%
seed = datasets.seed_text()
seed_rows = analysis.extract(seed, source="Kazinform, 6 Nov 2022")
seed_rows[["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
           "compared_start", "compared_end", "base_value", "base_low", "base_high", "quote"]]

# %% [markdown]
# The statement reads: turnover (Kazakhstan with Serbia), **January–September 2022**, 52.9 million USD,
# **3.7 times** the same period of 2021, as published by the Kazakh Ministry of Foreign Affairs.
# Beside it, a few short sentences written for this notebook from the bundled facts (not copied articles),
# read by the same `analysis.extract`.

# %%
written = [
    "Kazakhstan's trade with Serbia tripled in 2022 to $73.8 million.",
    "Kazakh statistics put the 2024 trade turnover between Kazakhstan and Serbia at $100.1 million.",
    "Serbian officials speak of about $600 million of trade between Serbia and Kazakhstan in 2024.",
    "Kazakhstan's exports to Serbia reached $28.6 million in 2025.",
    "Trade between Kazakhstan and China reached $24 billion in 2022.",
    "Italy put its 2022 trade with Kazakhstan at €4.5 billion.",
]
news = pd.concat([seed_rows[seed_rows["indicator"] == "trade_turnover"]]
                 + [analysis.extract(text, published="2026-01-15", source="written for this notebook") for text in written],
                 ignore_index=True)
news[["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
      "base_value", "base_low", "base_high", "quote"]]

# %% [markdown]
# ## 2. Both sides' statistics, Kazakhstan–Serbia
# Every row of `official_trade()` is oriented from Kazakhstan's side; `statistics` says whose figure it is.
# Full calendar years only — a year-to-date figure is not a year.

# %%
official = datasets.official_trade()
srb = official[(official["partner"] == "SRB") & (official["indicator"] == "trade_turnover")]
full_year = srb[(srb["period_start"].str[5:] == "01") & (srb["period_end"].str[5:] == "12")
                & (srb["period_start"].str[:4] == srb["period_end"].str[:4])].copy()
full_year["year"] = full_year["period_start"].str[:4].astype(int)
full_year["statistics"] = full_year["statistics"].map({"KAZ": "Kazakh statistics", "SRB": "Serbian side"})
fig = px.scatter(full_year, x="year", y="value", color="statistics", symbol="statistics",
                 hover_data=["source_name", "value_as_published", "confidence"],
                 title="Kazakhstan–Serbia trade turnover by year, as each side reports it (USD)",
                 labels={"value": "turnover, USD", "year": ""})
fig.update_traces(marker_size=11)
fig

# %% [markdown]
# ## 3. The seed's growth claim against the official values
# "52.9 million, 3.7 times" implies a January–September 2021 base of 52.9 / 3.7 ≈ 14.3 million, and the
# rounding of both numbers allows 14.1–14.5 million. No official January–September 2021 value is bundled
# (none was found), so the claim cannot be confirmed directly. The closest official check is the full year:
# 2022 = 73.8 million, "increased 3 times", which implies a 2021 of about 24.6 million (21.1–29.5).

# %%
seed_row = news.iloc[0]
official_2022 = srb[(srb["period_start"] == "2022-01") & (srb["period_end"] == "2022-12")]["value"].iloc[0]
checks = pd.DataFrame([
    {"what": "implied Jan–Sep 2021 (seed: 52.9 M ÷ 3.7)", "value": seed_row["base_value"],
     "low": seed_row["base_low"], "high": seed_row["base_high"]},
    {"what": "official Jan–Sep 2021 (Kazakh side)", "value": float("nan"), "low": float("nan"), "high": float("nan")},
    {"what": "implied full year 2021 (official 73.8 M ÷ 3)", "value": official_2022 / 3,
     "low": (official_2022 - 0.05e6) / 3.5, "high": (official_2022 + 0.05e6) / 2.5},
    {"what": "official Jan–Sep 2022 (Kazakh side)", "value": 52.9e6, "low": 52.85e6, "high": 52.95e6},
    {"what": "official full year 2022 (Kazakh side)", "value": official_2022, "low": 73.75e6, "high": 73.85e6},
])
checks["value_M"] = (checks["value"] / 1e6).round(2)
checks[["what", "value_M", "low", "high"]]

# %% [markdown]
# Implied Q4: 73.8 − 52.9 = 20.9 million in Q4 2022 against about 24.6 − 14.3 ≈ 10.3 million in Q4 2021, so
# growth slowed from 3.7× (nine months) to 3× (full year) — plausible, not a contradiction.
#
# ## 4. The reconcile table for the seed pair

# %%
seed_table = analysis.reconcile(news.iloc[[0]], official)
seed_table[["claim", "period_start", "period_end", "news_value", "official_value", "official_period_end",
            "official_source", "gap", "ratio", "within_rounding", "period_relation", "mirror", "flags"]]

# %% [markdown]
# ## 5. All news rows against all official figures
# Turnover is symmetric; a partner's figure is a **mirror** view; money in another currency is converted
# with the average rate of its own period (and flagged); a missing rate would be an error, not a guess.

# %%
table = analysis.reconcile(news, official)
table[["news_row", "claim", "reporter", "partner", "indicator", "period_end", "news_value", "official_value",
       "official_statistics", "ratio", "within_rounding", "period_relation", "flags"]]

# %% [markdown]
# ## 6. The mirror gap
# Serbian figures for the same trade are several times the Kazakh ones (crude oil of Kazakh origin is
# counted by origin on the Serbian side and by destination on the Kazakh side).

# %%
gap = official[(official["indicator"] == "trade_turnover") & official["partner"].isin(["SRB", "CHN"])
               & (official["period_start"].str[5:] == "01") & (official["period_end"].str[5:] == "12")]
# one bar per side and year: a figure bundled from several releases is drawn once, never stacked
charts.panel_chart(gap, indicator="trade_turnover", reporter="KAZ", series="basis",
                   title="Same trade, two statistics: Kazakh figures vs the partner's")

# %% [markdown]
# ## 7. One large partner: China
# In 2022 Kazakhstan reported about $24 billion of trade with China; Chinese customs reported $31.2 billion.
# For 2021, the export/import mirror pairs show the CIF/FOB factor is far from explaining the gap.

# %%
chn = official[(official["partner"] == "CHN") & (official["period_start"] == "2021-01")
               & (official["period_end"] == "2021-12")]
pairs = chn.pivot_table(index="indicator", columns="basis", values="value", aggfunc="first")
pairs["ratio_mirror_to_reporter"] = pairs["mirror"] / pairs["reporter"]
pairs["cif_fob_explains"] = 1.06
pairs

# %%
china_2022 = table[(table["partner"] == "CHN") & (table["period_relation"] == "exact")]
china_2022[["news_value", "official_value", "official_statistics", "official_source", "ratio", "flags"]]
