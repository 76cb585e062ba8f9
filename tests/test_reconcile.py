"""reconcile: news claims beside official figures, with gap, ratio, rounding and mismatch flags."""
import math

import pandas as pd
import pytest

import analysis
from analysis.errors import SchemaError
from analysis.crosscheck import rounding_interval


def seed_row(**over):
    row = dict(indicator="trade_turnover", reporter="KAZ", partner="SRB", period_start="2022-01",
               period_end="2022-09", value=52.9e6, unit="USD", multiplier=3.7, compared_start="2021-01",
               compared_end="2021-09", base_value=52.9e6 / 3.7, base_low=52.85e6 / 3.75, base_high=52.95e6 / 3.65)
    row.update(over)
    return row


def official_rows(*rows):
    cols = ["reporter", "partner", "indicator", "period_start", "period_end", "value", "unit", "basis",
            "source_name", "source_url"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


@pytest.mark.parametrize("value, expected", [(52.9e6, (52.85e6, 52.95e6)), (24e9, (23.5e9, 24.5e9)),
                                             (100.1e6, (100.05e6, 100.15e6)), (973.2e6, (973.15e6, 973.25e6))])
def test_rounding_interval(value, expected):
    assert rounding_interval(value) == pytest.approx(expected)


def test_seed_pair_against_bundled_data():
    news = pd.DataFrame([seed_row()])
    table = analysis.reconcile(news)
    exact = table[table["period_relation"] == "exact"]
    assert exact["official_value"].tolist() == [52.9e6]
    assert exact["within_rounding"].tolist() == [True]
    assert exact["gap"].tolist() == [0.0]
    year = table[(table["period_relation"] == "news_part_vs_official_year") & (table["claim"] == "reported")]
    assert set(year["official_value"]) == {73.8e6, 73_971_305.94}  # the ministry's figure and the BNS series
    assert year["period_mismatch"].all()
    assert set(year["ratio"].round(4)) == {round(52.9 / 73.8, 4), round(52.9e6 / 73_971_305.94, 4)}
    # the implied Jan-Sep 2021 base now meets the Bureau of National Statistics' 2021 year
    base = table[table["claim"] == "implied_base"]
    assert base["period_relation"].tolist() == ["news_part_vs_official_year"]
    assert base["official_value"].tolist() == pytest.approx([22_853_272.94])
    assert base["official_series"].tolist() == ["BNS.KAZ.trade_turnover.SRB.2021"]
    assert base["news_value"].iloc[0] == pytest.approx(14.297e6, rel=1e-3)


SEED_URL = "https://www.inform.kz/en/kazakhstan-and-serbia-hold-political-consultations_a3998179"


@pytest.mark.parametrize("source", [SEED_URL, "Kazinform, 6 Nov 2022"])
def test_an_article_is_never_checked_against_itself(source):
    news = pd.DataFrame([seed_row(source=source)])
    table = analysis.reconcile(news)
    assert not table["official_url"].str.contains("inform.kz", na=False).any()
    assert "exact" not in set(table["period_relation"])
    bns = table[table["official_authority"] == "BNS Kazakhstan"]
    assert bns["official_series"].tolist() == ["BNS.KAZ.trade_turnover.SRB.2022", "BNS.KAZ.trade_turnover.SRB.2021"]
    assert bns["official_value"].iloc[0] == pytest.approx(73_971_305.94)


def test_the_seed_reconciles_against_the_bureau_of_national_statistics_offline():
    from analysis import datasets

    rows = analysis.extract(datasets.seed_text(), source=SEED_URL, published="2022-11-06")
    table = analysis.reconcile(rows)
    assert set(table["official_authority"]) >= {"BNS Kazakhstan"}
    reported = table[(table["claim"] == "reported") & (table["official_authority"] == "BNS Kazakhstan")]
    assert reported["ratio"].tolist() == pytest.approx([52.9e6 / 73_971_305.94])


def test_mirror_figures_from_the_imf_snapshot():
    news = pd.DataFrame([seed_row(indicator="exports", period_start="2020-01", period_end="2020-12", value=1.8e6,
                                  multiplier=math.nan, base_value=math.nan)])
    t = analysis.reconcile(news)
    mirror = t[(t["official_authority"] == "IMF") & t["mirror"].astype(bool)]
    # Serbia's imports from Kazakhstan (CIF) against Kazakhstan's exports to Serbia: the mirror gap
    assert mirror["official_series"].tolist() == ["DOTS.SRB.TMG_CIF_USD.KAZ.A"]
    assert mirror["official_value"].iloc[0] == pytest.approx(76_509_414.0)


def test_mirror_view_and_cif_fob():
    news = pd.DataFrame([seed_row(indicator="exports", period_start="2024-01", period_end="2024-12", value=100e6,
                                  multiplier=math.nan, base_value=math.nan)])
    official = official_rows(
        ("SRB", "KAZ", "imports", "2024-01", "2024-12", 106e6, "USD", "reporter", "Serbian stats", "https://x"),
        ("KAZ", "SRB", "exports", "2024-01", "2024-12", 100e6, "USD", "reporter", "Kazakh stats", "https://y"),
    )
    t = analysis.reconcile(news, official).set_index("official_source")
    assert bool(t.loc["Serbian stats", "mirror"]) is True
    assert t.loc["Serbian stats", "official_adjusted"] == pytest.approx(100e6)  # CIF 106 / 1.06
    assert "cif_fob:1.06" in t.loc["Serbian stats", "flags"]
    assert bool(t.loc["Kazakh stats", "mirror"]) is False
    no_factor = analysis.reconcile(news, official, cif_fob=1.0).set_index("official_source")
    assert no_factor.loc["Serbian stats", "official_adjusted"] == pytest.approx(106e6)


def test_turnover_is_symmetric_and_balance_changes_sign():
    news = pd.DataFrame([
        seed_row(reporter="SRB", partner="KAZ", period_start="2024-01", period_end="2024-12", value=400e6,
                 base_value=math.nan),
        seed_row(indicator="trade_balance", reporter="KAZ", partner="SRB", period_start="2015-01",
                 period_end="2015-12", value=117.8e6, base_value=math.nan),
    ])
    official = official_rows(
        ("KAZ", "SRB", "trade_turnover", "2024-01", "2024-12", 100.1e6, "USD", "reporter", "KZ", "https://a"),
        ("SRB", "KAZ", "trade_balance", "2015-01", "2015-12", -117.8e6, "USD", "reporter", "RS", "https://b"),
    )
    t = analysis.reconcile(news, official)
    turnover = t[t["indicator"] == "trade_turnover"].iloc[0]
    assert turnover["official_value"] == 100.1e6 and bool(turnover["mirror"]) is True
    balance = t[t["indicator"] == "trade_balance"].iloc[0]
    assert balance["official_value"] == pytest.approx(117.8e6)
    assert bool(balance["within_rounding"]) is True


def test_currency_conversion_is_flagged():
    news = pd.DataFrame([seed_row(indicator="trade_turnover", reporter="KAZ", partner="ITA", period_start="2022-01",
                                  period_end="2022-12", value=14e9, unit="EUR", base_value=math.nan)])
    t = analysis.reconcile(news)
    assert t["converted"].all()
    assert "converted" in t["flags"].iloc[0]
    assert t["unit"].eq("USD").all()
    assert (t["news_value"] > 14e9).all()  # EUR was worth more than USD in 2022


def test_mixed_units_in_one_indicator_are_refused():
    news = pd.DataFrame([seed_row(), seed_row(value=25.0, unit="percent")])
    with pytest.raises(SchemaError, match=r"trade_turnover.*percent.*rows \[1\]"):
        analysis.reconcile(news)


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="partner"):
        analysis.reconcile(pd.DataFrame([seed_row()]).drop(columns=["partner"]))


def test_inputs_are_not_mutated():
    news = pd.DataFrame([seed_row()])
    official = analysis.datasets.official_trade() if hasattr(analysis, "datasets") else None
    from analysis import datasets

    official = datasets.official_trade()
    n0, o0 = news.copy(), official.copy()
    analysis.reconcile(news, official)
    pd.testing.assert_frame_equal(news, n0)
    pd.testing.assert_frame_equal(official, o0)


def test_missing_rate_for_a_news_claim_is_refused():
    # the Spanish peseta has no rate after 2001 in any bundled source (GBP has one now: World Bank)
    news = pd.DataFrame([seed_row(unit="ESP", base_value=math.nan)])
    with pytest.raises(analysis.ConversionError, match="ESP"):
        analysis.reconcile(news)


def test_copies_from_several_outlets_are_checked_once_by_default():
    """Issue 14: consolidated facts by default; a disagreeing reading is still checked on its own."""
    common = dict(published="2022-11-07", multiplier=math.nan, compared_start=None, compared_end=None,
                  base_value=math.nan, base_low=math.nan, base_high=math.nan)
    news = pd.DataFrame([seed_row(**common, source="wire", quote="$52.9 million"),
                         seed_row(**common, source="daily", quote="$53 million", value=53e6),
                         seed_row(**common, source="weekly", quote="$59.2 million", value=59.2e6)],
                        index=[7, 8, 9])
    official = official_rows(("KAZ", "SRB", "trade_turnover", "2022-01", "2022-09", 52.9e6, "USD", "reporter",
                              "stat office", "https://stat.example/1"))
    table = analysis.reconcile(news, official)
    assert sorted(table["news_row"]) == [7, 9]  # the kept (most precise) copy and the conflicting reading
    assert table.set_index("news_row")["within_rounding"].to_dict() == {7: True, 9: False}
    every = analysis.reconcile(news, official, consolidated=False)
    assert sorted(every["news_row"]) == [7, 8, 9]


# --- issue 15 audit: ministry figures quoted in news are flagged, outlets are known under all their names ----
def test_the_seed_as_the_issue_reads_it_meets_the_bns_series_and_never_its_own_quote():
    from analysis import datasets

    rows = analysis.extract(datasets.seed_text(), published="2022-11-06", source="kazinform")
    table = analysis.reconcile(rows, datasets.official_trade())
    assert not table["official_url"].str.contains("inform.kz", na=False).any()
    bns = table[table["official_authority"] == "BNS Kazakhstan"].set_index("claim")
    assert bns.loc["reported", "official_series"] == "BNS.KAZ.trade_turnover.SRB.2022"
    assert bns.loc["reported", "ratio"] == pytest.approx(52.9e6 / 73_971_305.94)
    assert bns.loc["implied_base", "official_series"] == "BNS.KAZ.trade_turnover.SRB.2021"
    assert not bns["flags"].str.contains("reported_in_news").any()
    quoted = table[table["official_authority"] == datasets.NEWS_AUTHORITY]
    assert len(quoted) == 2 and quoted["flags"].str.contains("reported_in_news").all()  # kt.kz, Astana Times: 73.8 M
    assert not quoted["flags"].str.contains("news_source_unknown").any()


def test_a_claim_without_a_source_is_told_its_news_quote_may_be_itself():
    from analysis import datasets

    table = analysis.reconcile(pd.DataFrame([seed_row()]), datasets.official_trade())
    own = table[table["official_url"] == SEED_URL]
    assert own["ratio"].tolist() == [1.0]                    # nothing names the claim's article: it cannot be left out
    assert set(own["flags"].iloc[0].split(";")) == {"reported_in_news", "news_source_unknown"}
    bns = table[table["official_authority"] == "BNS Kazakhstan"]
    assert len(bns) == 2 and not bns["flags"].str.contains("reported_in_news").any()


@pytest.mark.parametrize("news_source, url, same", [
    ("kazinform", "https://qazinform.com/news/astanas-balcan-vector-30bcac", True),      # renamed in 2024
    ("Qazinform, 26 Feb 2026", SEED_URL, True),
    ("https://qazinform.com/news/x", "https://en.inform.kz/news/all-roads-lead-to-rome-1eff2b/", True),
    ("inform.kz", SEED_URL, True),                                                      # an address without scheme
    ("The Astana Times, Nov 2023", "https://astanatimes.com/2023/11/kazakhstan-and-serbia/", True),
    ("kt.kz, 2 Dec 2023", SEED_URL, False),
    ("Kazakh Ministry of Foreign Affairs", SEED_URL, False),
    ("https://astanatimes.com/2023/11/x/", SEED_URL, False),
])
def test_an_outlet_is_the_same_under_each_of_its_names(news_source, url, same):
    from analysis.crosscheck import same_source

    assert same_source(news_source, url) is same


def test_qazinform_quotes_are_left_out_for_a_kazinform_claim():
    news = pd.DataFrame([seed_row(source="Kazinform", period_start="2025-01", period_end="2025-12", value=107.7e6,
                                  multiplier=math.nan, base_value=math.nan)])
    unsourced = analysis.reconcile(news.assign(source=None))
    assert {"inform.kz", "qazinform.com"} <= {u.split("/")[2].removeprefix("www.") for u in unsourced["official_url"]}
    table = analysis.reconcile(news)
    # 107.7 M (inform.kz) and 117 M (qazinform.com) are the agency's own reports: only Serbia's 500 M for H1 is left
    assert table["official_url"].str.startswith("https://www.pink.rs/").tolist() == [True]
    assert table["flags"].iloc[0].split(";") == ["period_mismatch:news_year_vs_official_part", "mirror",
                                                 "reported_in_news"]


def test_bundled_rows_are_labelled_by_their_basis():
    """A ministry figure quoted in news is official_basis "reported", the BNS series "reporter"; a quote of
    the partner's figure stays a mirror by its statistics (whose figure), not by its basis."""
    from analysis import datasets

    table = analysis.reconcile(pd.DataFrame([seed_row()]), datasets.official_trade("KAZ", "SRB"))
    by = table.dropna(subset=["official_authority"]).groupby("official_authority")["official_basis"].agg(set)
    assert by.to_dict() == {"BNS Kazakhstan": {"reporter"}, datasets.NEWS_AUTHORITY: {"reported"}}
    claim = seed_row(period_start="2024-01", period_end="2024-12", value=100e6, multiplier=float("nan"),
                     compared_start=None, compared_end=None, base_value=float("nan"), base_low=float("nan"),
                     base_high=float("nan"))
    table = analysis.reconcile(pd.DataFrame([claim]), datasets.official_trade("KAZ", "SRB"))
    serbian = table[table["official_statistics"] == "SRB"]
    assert set(serbian["official_value"]) == {400e6, 600e6}
    assert serbian["mirror"].all() and serbian["official_basis"].eq("reported").all()
    assert not table.loc[table["official_statistics"] == "KAZ", "mirror"].any()
