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
# # Many articles: a panel of partners × periods
#
# Two panels, both charted with the same functions:
#
# 1. the figures bundled with the package — Kazakhstan's trade with its partners as stated in about fifty
#    news items and releases, one row per statement, each with its source;
# 2. the rows `analysis.extract_corpus` reads from a folder or JSON Lines file of articles. Set
#    `ANALYSIS_CORPUS` to your own collection; by default the bundled seed article is used, so the
#    notebook runs offline anywhere.
#
# The notebook uses only the library: no parsing code lives here.

# %%
import os

import pandas as pd
import plotly.io as pio

import analysis
from analysis import datasets
from analysis.views import charts

pio.renderers.default = os.environ.get("PLOTLY_RENDERER", "plotly_mimetype+notebook")
pd.set_option("display.float_format", "{:,.2f}".format)  # thousands separators, never 5.290000e+07

# %% tags=["parameters"]
CORPUS = os.environ.get("ANALYSIS_CORPUS")  # a folder, .jsonl, .csv or .parquet of articles; None: the seed
WORKERS = 1

# %% [markdown]
# ## 1. The bundled panel

# %%
official = datasets.official_trade()
panel = official[official["partner"] != "WLD"]
panel.pivot_table(index="partner", columns="period_end", values="value", aggfunc="count", fill_value=0)

# %%
# one basis at a time: the Kazakh side's own statistics
charts.partners_chart(panel[panel["basis"] == "reporter"], indicator="trade_turnover", reporter="KAZ",
                      period=("2022-01", "2022-12"))

# %%
charts.panel_chart(panel, indicator="trade_turnover", reporter="KAZ", series="basis")

# %%
charts.panel_chart(panel, indicator="trade_turnover", reporter="KAZ", series="basis", lang="ru")

# %% [markdown]
# ## 2. Extracted from articles

# %%
source = CORPUS if CORPUS else [{"text": datasets.seed_text(), "published": "2022-11-06",
                                 "source": "Kazinform, 2022-11-06"}]
rows, errors = analysis.extract_corpus(source, workers=WORKERS)
print(f"{len(rows)} rows from {rows['source'].nunique()} documents; {len(errors)} documents failed")
rows.groupby(["indicator", "reporter", "partner"], dropna=False).size().rename("rows").reset_index()

# %% [markdown]
# ## 3. Who reported what
# The same figure is often reported by several outlets. `analysis.consolidate` makes one fact of the
# copies that agree within their rounding and flags readings that disagree; the charts below draw each
# fact once.

# %%
facts = analysis.consolidate(rows)
print(f"{len(rows)} rows -> {len(facts)} facts, {int(facts['conflict'].sum())} in conflict")
from analysis.facts import describe_conflicts, sources_table

describe_conflicts(facts)

# %%
sources_table(facts)[["fact_id", "conflict", "source", "published", "value", "quote"]]

# %%
extracted = charts.default_charts(rows)
list(extracted)

# %%
for fig in extracted.values():
    fig.show()

# %%
errors.head(10)
