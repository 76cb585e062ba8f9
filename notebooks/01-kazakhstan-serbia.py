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
# # Kazakhstan – Serbia: the seed article, end to end
#
# The bundled seed article (Kazinform, 6 November 2022) read with `analysis`: its trade figures
# highlighted, the tidy rows, the growth claim with its implied 2021 base, the enterprises count, and the
# Kazakhstan–Serbia turnover beside it: the BNS statistics and, apart, the ministry figures quoted in news.
# The charts are exported to `out/01-kazakhstan-serbia/` (git-ignored).
#
# Everything runs offline. This notebook uses only the library: no parsing code lives here.

# %%
import os
from pathlib import Path

import pandas as pd
import plotly.io as pio

import analysis
from analysis import datasets
from analysis.views import charts, export
from analysis.views.display import Extraction

# keep both the plotly JSON and an HTML rendering, so plots survive `jupyter nbconvert --to html`
pio.renderers.default = os.environ.get("PLOTLY_RENDERER", "plotly_mimetype+notebook")
pd.set_option("display.max_colwidth", 80)
pd.set_option("display.float_format", "{:,.2f}".format)  # 52,900,000.00, not 5.290000e+07

# %% [markdown]
# ## The article, with the figures highlighted

# %%
text = datasets.seed_text()
rows = analysis.extract(text, published="2022-11-06", source="Kazinform, 2022-11-06")
Extraction(text, rows)

# %% [markdown]
# ## The growth claim and the 2021 base it implies
#
# "3.7 times" with "52.9 million" means the same nine months of 2021 were 52.9 / 3.7 ≈ 14.3 million USD;
# since both numbers are rounded, the base can lie anywhere in `base_low` .. `base_high`.

# %%
claims = rows[(rows["indicator"] == "trade_turnover") & rows["multiplier"].notna()]
claims[["reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
        "compared_start", "compared_end", "base_value", "base_low", "base_high"]]

# %%
charts.turnover_chart(rows, reporter="KAZ", partner="SRB")

# %%
charts.turnover_chart(rows, reporter="KAZ", partner="SRB", lang="ru")

# %% [markdown]
# ## The enterprises count

# %%
rows[rows["indicator"] == "enterprises"][["reporter", "partner", "value", "unit", "quote"]]

# %% [markdown]
# ## Beside the bundled series
#
# The bundled figures for Kazakhstan–Serbia turnover are of two kinds, kept as different series:
# **official statistics** (the Bureau of National Statistics of Kazakhstan, `authority` "BNS Kazakhstan",
# 2019–2023) and **figures a ministry or official gave, as news outlets quoted them** (`authority`
# "ministry, reported in news") — a second report, never statistics. A quote also says whose side it
# follows: Kazakh, or Serbian (`statistics` SRB, turned round to Kazakhstan's side; every quote has `basis`
# "reported", the BNS series "reporter"); the two sides differ a
# lot for this pair, so they are kept apart, never averaged. This article's own quote (Kazinform's
# 52.9 million, bundled as a news quote) is left out: an article is no check of itself.

# %%
seed_url = "https://www.inform.kz/en/kazakhstan-and-serbia-hold-political-consultations_a3998179"
official = datasets.official_trade("KAZ", "SRB")
pair = official[(official["reporter"] == "KAZ") & (official["partner"] == "SRB")
                & (official["indicator"] == "trade_turnover") & (official["source_url"] != seed_url)]
quoted = pair["authority"] == datasets.NEWS_AUTHORITY
pair = pair.assign(series=(pair["authority"] + ", official statistics").where(
    ~quoted, "ministry, reported in news (" + pair["statistics"] + " side)"))
pair[["period_start", "period_end", "value", "series", "basis", "source_name"]].sort_values(["series", "period_end"])

# %%
news = rows.assign(series="news: this article")
both = pd.concat([news, pair], ignore_index=True)
series_fig = charts.related_chart(both, indicators=["trade_turnover"], reporter="KAZ", partner="SRB", series="series",
                                  title="Trade turnover Kazakhstan – Serbia: this article, BNS statistics and ministry quotes")
series_fig

# %%
context_fig = charts.related_chart(rows, indicators=["trade_turnover", "enterprises"], reporter="KAZ", partner="SRB")
context_fig

# %% [markdown]
# ## Export
#
# One browser renders every static image; without Chromium (`apt-get install -y chromium`), the HTML
# pages are still written.

# %%
figures = charts.default_charts(rows)
figures["turnover-KAZ-SRB-ru"] = charts.turnover_chart(rows, reporter="KAZ", partner="SRB", lang="ru")
figures["news-vs-bundled-KAZ-SRB"] = series_fig
out = Path(os.environ.get("ANALYSIS_OUT", "out")) / "01-kazakhstan-serbia"
try:
    written = export.write_charts(figures, out, formats=("png", "svg", "pdf", "html"))
except export.BrowserNotFoundError as err:
    print(err)
    written = export.write_charts(figures, out, formats=("html",))
pd.DataFrame({"file": [p.name for p in written], "bytes": [p.stat().st_size for p in written]})

# %% [markdown]
# ## Explore: edit the text, watch the rows and charts follow
#
# `analysis.explorer(text)` is a small widget (ipywidgets): a text box, an EN/RU switch for the chart
# words, the highlighted figures, the tidy rows and the standard charts. Edit the text (click outside the
# box to apply) and everything below it is read again — try changing "52.9 million" or "3.7 times". It
# needs a running kernel: in a page exported with nbconvert the widget is only a snapshot.

# %%
analysis.explorer(text, published="2022-11-06", source="Kazinform")
