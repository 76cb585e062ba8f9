# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
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
import math

import pandas as pd
import plotly.express as px
import plotly.io as pio

import analysis
from analysis import datasets

pio.renderers.default = "plotly_mimetype+notebook_connected"
pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## 1. The claim in the seed

# %%
seed = datasets.seed_text()
sentence = next(s for s in seed.split("\n") if "52.9" in s)
print(sentence)
analysis.scan(sentence)[["kind", "value", "unit", "text"]]

# %% [markdown]
# The statement reads: turnover (Kazakhstan with Serbia), **January–September 2022**, 52.9 million USD,
# **3.7 times** the same period of 2021, as published by the Kazakh Ministry of Foreign Affairs.
# Below, each news sentence becomes one tidy row: the figures come from `analysis.parse`; the period and
# the countries of each sentence are written beside it by hand (the statement reader `analysis.extract`
# does this step automatically; the rows here keep the notebook independent of its progress).

# %%
def news_row(quote, value_text, indicator, reporter, partner, period, growth_text=None, compared=None):
    """One tidy news row from a quote: figures parsed by the package, context given by hand."""
    fig = analysis.parse(value_text)
    row = dict(indicator=indicator, reporter=reporter, partner=partner, period_start=period[0],
               period_end=period[1], value=fig.value, unit=fig.unit, quote=quote,
               multiplier=math.nan, compared_start=None, compared_end=None,
               base_value=math.nan, base_low=math.nan, base_high=math.nan)
    if growth_text:
        g = analysis.parse(growth_text)
        lo_v, hi_v = fig.value - fig.precision, fig.value + fig.precision
        lo_m, hi_m = g.value - g.precision, g.value + g.precision
        row.update(multiplier=g.value, compared_start=compared[0], compared_end=compared[1],
                   base_value=fig.value / g.value, base_low=lo_v / hi_m, base_high=hi_v / lo_m)
    return row


news = pd.DataFrame([
    news_row(sentence, "52.9 million US dollars", "trade_turnover", "KAZ", "SRB", ("2022-01", "2022-09"),
             "3.7 times higher", ("2021-01", "2021-09")),
    # short sentences written for this notebook from the bundled facts (not copied articles)
    news_row("Trade with Serbia tripled in 2022 to $73.8 million.", "$73.8 million", "trade_turnover", "KAZ", "SRB",
             ("2022-01", "2022-12"), "3 times", ("2021-01", "2021-12")),
    news_row("Kazakh statistics put 2024 trade with Serbia at $100.1 million.", "$100.1 million", "trade_turnover",
             "KAZ", "SRB", ("2024-01", "2024-12")),
    news_row("Serbian officials speak of about $600 million of trade with Kazakhstan in 2024.", "$600 million",
             "trade_turnover", "SRB", "KAZ", ("2024-01", "2024-12")),
    news_row("Kazakhstan's exports to Serbia reached $28.6 million in 2025.", "$28.6 million", "exports",
             "KAZ", "SRB", ("2025-01", "2025-12")),
    news_row("Trade between Kazakhstan and China reached $24 billion in 2022.", "$24 billion", "trade_turnover",
             "KAZ", "CHN", ("2022-01", "2022-12")),
    news_row("Italy put its 2022 trade with Kazakhstan at €4.5 billion.", "€4.5 billion", "trade_turnover",
             "ITA", "KAZ", ("2022-01", "2022-12")),
])
news[["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
      "base_value", "base_low", "base_high"]]

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
    {"what": "official Jan–Sep 2021 (Kazakh side)", "value": math.nan, "low": math.nan, "high": math.nan},
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
               & (official["period_start"].str[5:] == "01") & (official["period_end"].str[5:] == "12")].copy()
gap["year"] = gap["period_end"].str[:4]
gap["pair"] = "Kazakhstan–" + gap["partner"].map({"SRB": "Serbia", "CHN": "China"})
gap["side"] = gap["basis"].map({"reporter": "Kazakh statistics", "mirror": "partner's figure"})
fig = px.bar(gap.sort_values(["pair", "year", "side"]), x="year", y="value", color="side", barmode="group",
             facet_col="pair", hover_data=["source_name", "value_as_published"],
             title="Same trade, two statistics: Kazakh figures vs the partner's (USD)",
             labels={"value": "turnover, USD", "year": ""})
fig.update_yaxes(matches=None, showticklabels=True)
fig

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
