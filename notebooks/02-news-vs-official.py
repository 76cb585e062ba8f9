# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — News figures beside official statistics: Kazakhstan–Serbia (and China, Italy)
#
# A trade figure in the news means little until it is set beside official statistics. This notebook takes
# the seed article (Kazinform, 6 Nov 2022) and a few short sentences written from the bundled facts, and sets
# them beside what `analysis.datasets.official_trade` bundles, kept apart by who published it:
#
# - **statistics offices**: the Bureau of National Statistics of Kazakhstan (BNS), turnover, exports and
#   imports by partner, 2019–2023;
# - **the IMF's Direction of Trade** snapshot (`imf=True`, 1960–2020): each side's own statistics, so
#   Serbia's figures on its trade with Kazakhstan are there too (the *mirror*);
# - **ministry figures quoted in news** (`authority` "ministry, reported in news"): what a minister or an
#   embassy said, as an outlet reported it — never statistics; `reconcile` flags them `reported_in_news`.
#
# Everything runs offline from `data/` (see `data/SOURCES.md`); the last section shows how to refresh a
# pair from the live sources (IMF, UN Comtrade, World Bank).

# %%
import os

import pandas as pd
import plotly.express as px
import plotly.io as pio

import analysis
from analysis import datasets, sources
from analysis.errors import SourceError

pio.renderers.default = os.environ.get("PLOTLY_RENDERER", "plotly_mimetype+notebook")
pd.set_option("display.max_colwidth", 60)
pd.set_option("display.float_format", "{:,.2f}".format)  # 52,900,000.00, not 5.290000e+07

# %% tags=["parameters"]
LIVE = os.environ.get("ANALYSIS_LIVE") == "1"  # 1: section 7 asks the IMF; otherwise it reads the cache only

# %% [markdown]
# ## 1. The claim in the seed

# %%
seed = datasets.seed_text()
seed_rows = analysis.extract(seed, published="2022-11-06", source="Kazinform, 6 Nov 2022")
seed_rows[["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
           "compared_start", "compared_end", "base_value", "base_low", "base_high", "quote"]]

# %% [markdown]
# Turnover (Kazakhstan with Serbia), **January–September 2022**, 52.9 million USD, **3.7 times** the same
# period of 2021, as the Kazakh Ministry of Foreign Affairs told Kazinform. The `source` matters: it is how
# `reconcile` knows not to check the article against its own quote.
#
# ## 2. What is bundled for Kazakhstan–Serbia

# %%
pair = datasets.official_trade("KAZ", "SRB", imf=True)
pair.groupby(["authority", "statistics"]).agg(rows=("value", "size"), first=("period_start", "min"),
                                              last=("period_end", "max"))

# %% [markdown]
# ## 3. The seed against the Bureau of National Statistics
# Kazinform's own 52.9 million (bundled as a news quote) is left out: an article is no check of itself.

# %%
seed_table = analysis.reconcile(seed_rows, pair)
seed_table[["claim", "period_start", "period_end", "news_value", "official_value", "official_period_start",
            "official_period_end", "official_authority", "official_series", "ratio", "period_relation", "flags"]]

# %% [markdown]
# The BNS publishes whole years here, so the nine months meet the year: 52.9 million is 72 % of the BNS
# 2022 turnover (73,971.3 thousand USD), and the implied January–September 2021 base (52.9 ÷ 3.7 ≈ 14.3
# million, 14.1–14.5 with the rounding) is 63 % of the BNS 2021 year (22,853.3 thousand). The rows from
# kt.kz and The Astana Times (73.8 million, "increased 3 times") are the ministry's figure as two outlets
# quoted it, flagged `reported_in_news`: a second report, not a check against statistics.
#
# The growth the statistics give for the whole year:

# %%
bns = pair[(pair["authority"] == "BNS Kazakhstan") & (pair["indicator"] == "trade_turnover")]
bns = bns.set_index("period_end")["value"]
seed_claim = seed_table[seed_table["claim"] == "reported"].iloc[0]
pd.DataFrame([
    {"what": "seed: Jan–Sep 2022 against Jan–Sep 2021 (times)", "value": seed_rows["multiplier"].iloc[0]},
    {"what": "BNS: 2022 against 2021 (times)", "value": bns["2022-12"] / bns["2021-12"]},
    {"what": "seed Jan–Sep 2022 as a share of the BNS 2022 year", "value": seed_claim["news_value"] / bns["2022-12"]},
    {"what": "implied Jan–Sep 2021 as a share of the BNS 2021 year",
     "value": seed_rows["base_value"].iloc[0] / bns["2021-12"]},
])

# %% [markdown]
# 3.7 times over nine months and 3.24 times over the year by the statistics: growth slowed in the last
# quarter (about 21 million in Q4 2022 against about 8.6 million in Q4 2021 by the BNS year less the implied
# base) — plausible, not a contradiction. The ministry's "3 times" for the year is the same figure rounded.
#
# ## 4. Serbia's mirror figures
# The IMF's Direction of Trade holds each side's own statistics: Kazakhstan's exports to Serbia and
# Serbia's imports from Kazakhstan are two measurements of one flow. Turnover by year, exports plus imports,
# as each side records it (US$; the BNS beside them from 2019):

# %%
stats = pair[(pair["authority"] != datasets.NEWS_AUTHORITY) & pair["indicator"].isin(["exports", "imports"])]
stats = stats.assign(year=stats["period_end"].str[:4].astype(int), flow=stats["reporter"] + " " + stats["indicator"])
turnover = stats.pivot_table(index="year", columns=["authority", "statistics"], values="value", aggfunc="sum")
turnover.columns = [f"{who}, statistics of {side}" for who, side in turnover.columns]
turnover["Serbian ÷ Kazakh (IMF)"] = turnover["IMF, statistics of SRB"] / turnover["IMF, statistics of KAZ"]
turnover

# %%
long = turnover.drop(columns="Serbian ÷ Kazakh (IMF)").reset_index().melt(
    id_vars="year", var_name="series", value_name="value").dropna()
quoted = pair[(pair["authority"] == datasets.NEWS_AUTHORITY) & (pair["indicator"] == "trade_turnover")
              & (pair["period_start"].str[5:] == "01") & (pair["period_end"].str[5:] == "12")
              & (pair["period_start"].str[:4] == pair["period_end"].str[:4])]
quoted = pd.DataFrame({"year": quoted["period_end"].str[:4].astype(int), "value": quoted["value"],
                       "series": "ministry, reported in news (" + quoted["statistics"] + " side)"})
fig = px.line(long, x="year", y="value", color="series", markers=True, log_y=True,
              title="Kazakhstan–Serbia turnover by year: each side's statistics, and figures quoted in news (US$)",
              labels={"value": "turnover, US$ (log scale)", "year": ""})
fig.add_traces(px.scatter(quoted, x="year", y="value", symbol="series").data)
fig

# %% [markdown]
# Where both sides publish (2011–2020), Serbia's statistics put the trade higher in 8 of the 10 years (up to
# 39 times, in 2013), almost all of it in Serbia's imports from Kazakhstan — crude oil of Kazakh *origin*, which Serbia books by origin and
# Kazakhstan by destination or trader (2013: 880.9 million of Serbian imports from Kazakhstan against 4.5
# million of Kazakh exports to Serbia). The flow by flow view:

# %%
stats.pivot_table(index="year", columns=["authority", "flow"], values="value", aggfunc="sum")

# %% [markdown]
# `reconcile` sets a Kazakh claim beside the Serbian figure as a mirror (flag `mirror`; exports from the
# partner's CIF imports are divided by the CIF/FOB factor 1.06). For 2022, the seed's year, the snapshot has
# no Serbian statistics (the IMF's legacy DOTS ends in 2020): only Serbian officials' statements in news
# (about 400 and 600 million for 2024), flagged as such. Section 7 asks the IMF's current service.
#
# ## 5. More sentences, all against both sides
# Short sentences written for this notebook from the bundled facts (not copied articles), read by the same
# `analysis.extract`; `reconcile` without an `official` frame takes `official_trade(a, b, imf=True)` for
# every pair they name. Money in another currency is converted with the average rate of its own period.

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
table = analysis.reconcile(news)
table[["news_row", "claim", "reporter", "partner", "indicator", "period_end", "news_value", "official_value",
       "official_authority", "official_statistics", "official_series", "ratio", "period_relation", "flags"]]

# %% [markdown]
# Which claims met official statistics, and which only other news quotes:

# %%
table.assign(statistics=~table["flags"].str.contains("reported_in_news|no_official_figure")).groupby(
    ["news_row", "partner", "period_end"])["statistics"].any().rename("met official statistics")

# %% [markdown]
# ## 6. One large partner: China
# The same two-sided view for Kazakhstan–China (IMF, 2015–2020, and the BNS from 2019), then the 2022 claim.

# %%
chn = datasets.official_trade("KAZ", "CHN", imf=True, news=False)
chn = chn[chn["indicator"].isin(["exports", "imports"]) & (chn["period_end"] >= "2015-12")]
chn = chn.assign(year=chn["period_end"].str[:4].astype(int), flow=chn["reporter"] + " " + chn["indicator"])
chn.pivot_table(index="year", columns=["authority", "flow"], values="value", aggfunc="sum")

# %%
china_2022 = table[(table["partner"] == "CHN") & (table["period_relation"] == "exact")]
china_2022[["news_value", "official_value", "official_authority", "official_statistics", "official_source",
            "ratio", "flags"]]

# %% [markdown]
# $24 billion is the BNS 2022 turnover rounded (24,203.9 million); Chinese customs' $31.2 billion reached us
# only as a news quote (flags `mirror;reported_in_news`).
#
# ## 7. Refresh from the live sources
# With `pip install "analysis[sources]"` and internet, one call fetches both sides of a pair from the IMF's
# IMTS (Kazakhstan's figures and Serbia's, mirrored); the answer is cached (Parquet, user cache folder or
# `ANALYSIS_CACHE_DIR`), so the second call — and this notebook offline — reads it without the network.
# Set `ANALYSIS_LIVE=1` to ask the IMF; otherwise only the cache is read, and a miss says so.
#
# ```python
# sources.trade_pair("KAZ", "SRB", 2022, source="comtrade")                # UN Comtrade (COMTRADE_API_KEY or the preview)
# sources.worldbank.indicator("exchange_rate", ["KAZ", "SRB"], 2015, 2024)  # World Bank PA.NUS.FCRF
# sources.trade_pair("KAZ", "SRB", 2019, 2024, refresh=True)              # ask again even if cached
# ```

# %%
try:
    live = sources.trade_pair("KAZ", "SRB", 2019, 2024, offline=not LIVE)
    print(f"{len(live)} rows from {', '.join(sorted(set(live['source'])))}, retrieved {live['retrieved_at'].max()}")
except SourceError as err:
    live = None
    print(f"not refreshed: {err}")

# %%
# the live answer as the official side: the seed beside IMTS, Kazakhstan's and Serbia's own 2022 figures
live if live is None else analysis.reconcile(seed_rows, sources.to_official(live))[
    ["claim", "news_value", "official_value", "official_statistics", "official_series", "ratio", "flags"]]
