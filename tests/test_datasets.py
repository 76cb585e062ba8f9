"""Bundled data: loaders, contracts, provenance, and processed files equal to a fresh build."""
import re

import pandas as pd
import pytest

from analysis import datasets

CONTRACT = ["reporter", "partner", "indicator", "period_start", "period_end", "value", "unit", "basis",
            "source_name", "source_url"]


@pytest.fixture(scope="module")
def official():
    return datasets.official_trade()


def test_seed_text_is_the_users_article():
    text = datasets.seed_text()
    assert text.startswith("Kazakhstan and Serbia hold political consultations")
    assert "52.9 million US dollars" in text and "3.7 times higher" in text and "36 enterprises" in text


def test_official_trade_contract(official):
    assert list(official.columns[: len(CONTRACT)]) == CONTRACT
    assert len(official) == 10_429  # 10,328 statistics-office rows + 21 BNS sums derived here + 80 quoted in news
    assert official["value"].dtype == "float64"
    assert set(official["indicator"]) <= {"trade_turnover", "exports", "imports", "trade_balance", "other"}
    assert set(official["basis"]) == {"reporter", "reported"}
    news = official[official["authority"] == datasets.NEWS_AUTHORITY]
    assert len(news) == 80 and news["reporter"].eq("KAZ").all()
    assert news["basis"].eq("reported").all() and not (official.loc[~official.index.isin(news.index), "basis"]
                                                      == "reported").any()
    assert set(official["authority"]) == {"BNS Kazakhstan", "Statistics Agency of Uzbekistan", "Armstat", "Geostat",
                                          "NSC Kyrgyzstan", datasets.NEWS_AUTHORITY}
    assert official["partner"].str.fullmatch(r"[A-Z]{3}").all()
    for col in ("period_start", "period_end"):
        s = official[col].dropna()
        assert s.str.fullmatch(r"\d{4}-\d{2}").all()
    assert official["period_end"].notna().all()
    assert (official["period_start"].dropna() <= official.loc[official["period_start"].notna(), "period_end"]).all()
    assert official["source_url"].str.match(r"https?://").all()
    assert official["source_name"].str.len().gt(0).all()


def test_bns_serbia_2022_is_the_published_value(official):
    row = official[(official["authority"] == "BNS Kazakhstan") & (official["partner"] == "SRB")
                   & (official["indicator"] == "trade_turnover") & (official["period_end"] == "2022-12")]
    assert row["value"].tolist() == pytest.approx([73_971_305.94])  # 73,971.3 thousand USD
    assert row["series_key"].tolist() == ["BNS.KAZ.trade_turnover.SRB.2022"]


def test_derived_bns_sums_are_statistics_not_news(official):
    """The 21 annual totals summed here from the BNS monthly series are official statistics, marked derived;
    only what a ministry said in the news is "ministry, reported in news"."""
    derived = official[official["derived"]]
    assert len(derived) == 21
    assert set(derived["authority"]) == {"BNS Kazakhstan"} and set(derived["dataset"]) == {
        "raw/official/kaz_total_trade_derived.csv"}
    assert sorted(zip(derived["indicator"], derived["period_start"], derived["period_end"])) == sorted(
        (i, f"{y}-01", f"{y}-12") for i in ("exports", "imports", "trade_turnover") for y in range(2019, 2026))
    assert derived[["reporter", "partner", "basis"]].drop_duplicates().values.tolist() == [["KAZ", "WLD", "reporter"]]
    assert derived["note"].str.startswith("derived here from official statistics: sum of 12 monthly BNS values").all()
    assert derived["note"].str.contains("not an officially published annual total").all()
    assert derived["source_url"].eq("https://stat.gov.kz/api/iblock/element/446905/file/ru/").all()
    assert derived["series_key"].str.fullmatch(r"BNS\.446905\.KAZ\.\w+\.WLD\.20\d\d\.sum_of_months").all()
    exp2022 = derived[(derived["indicator"] == "exports") & (derived["period_end"] == "2022-12")]
    assert exp2022["value"].tolist() == [84_600_000_000.0]
    # each sum agrees with the annual total the BNS published (2019-2023) to its rounding (0.1 bn; a turnover
    # is the sum of the rounded exports and imports, so it can be off by up to 0.1 bn)
    published = official[(official["authority"] == "BNS Kazakhstan") & ~official["derived"]
                         & (official["partner"] == "WLD")].set_index(["indicator", "period_end"])["value"]
    both = derived.set_index(["indicator", "period_end"])["value"].to_frame("sum").join(published.rename("bns"), how="inner")
    assert len(both) == 15 and ((both["sum"] - both["bns"]).abs() <= 0.1e9).all()
    # the news rows are quotes, none derived, none from the derived file; the seed's quote is one of them
    news = official[official["authority"] == datasets.NEWS_AUTHORITY]
    assert not news["derived"].any()
    assert set(news["dataset"]) == {"raw/official/kaz_srb_trade.csv", "raw/official/kaz_partner_trade.csv"}
    assert (official["derived"] == (official["dataset"] == "raw/official/kaz_total_trade_derived.csv")).all()
    # news=False drops the quotes but keeps the statistics, derived sums included
    stats = datasets.official_trade(news=False)
    assert len(stats) == 10_349 and stats["derived"].sum() == 21
    assert datasets.NEWS_AUTHORITY not in set(stats["authority"])


def test_imf_dots_snapshot_check_values():
    pair = datasets.official_trade("KAZ", "CHN", imf=True, news=False)
    dots = pair[(pair["authority"] == "IMF") & (pair["reporter"] == "KAZ") & (pair["indicator"] == "exports")]
    got = dots.set_index("period_end")["value"]
    expected = [5480.1, 4228.4, 5773.4, 6240.0, 7823.4, 9004.0]  # PROVENANCE.md, US$ millions 2015-2020
    assert [round(got[f"{y}-12"] / 1e6, 1) for y in range(2015, 2021)] == expected
    assert set(pair["reporter"]) == {"KAZ", "CHN"}  # both sides of the pair


def test_trade_gdp_keeps_aggregates_apart():
    t = datasets.trade_gdp()
    assert t.loc[t["country_code"] == "WLD", "aggregate"].all()
    assert not t.loc[t["country_code"] == "KAZ", "aggregate"].any()


def test_conflicting_figures_are_kept_side_by_side(official):
    official = official[official["authority"] == datasets.NEWS_AUTHORITY]
    srb = official[(official["partner"] == "SRB") & (official["indicator"] == "trade_turnover")]
    y2016 = srb[(srb["period_start"] == "2016-01") & (srb["period_end"] == "2016-12")]
    assert sorted(y2016["value"]) == [26_300_000.0, 26_400_000.0]
    y2024 = srb[(srb["period_start"] == "2024-01") & (srb["period_end"] == "2024-12")]
    assert set(y2024["statistics"]) == {"KAZ", "SRB"}
    assert {100_100_000.0, 400_000_000.0, 600_000_000.0} <= set(y2024["value"])


def test_mirror_rows_are_turned_round(official):
    official = official[official["authority"] == datasets.NEWS_AUTHORITY]
    # the Serbian deficit of 117.8 M with Kazakhstan is a Kazakh surplus on the mirror basis
    bal = official[(official["indicator"] == "trade_balance") & (official["partner"] == "SRB")]
    assert bal["value"].tolist() == [117_800_000.0]
    assert bal["statistics"].tolist() == ["SRB"]
    # Serbian exports to Kazakhstan are Kazakh imports from Serbia by Serbian statistics
    imp = official[(official["partner"] == "SRB") & (official["indicator"] == "imports") & (official["statistics"] == "SRB")]
    assert imp["value"].tolist() == [15_050_000.0]


def test_seed_figure_is_in_the_official_table(official):
    official = official[official["authority"] == datasets.NEWS_AUTHORITY]
    row = official[(official["partner"] == "SRB") & (official["period_start"] == "2022-01")
                   & (official["period_end"] == "2022-09")]
    assert row["value"].tolist() == [52_900_000.0]


def test_exchange_rates_contract():
    fx = datasets.exchange_rates()
    assert list(fx.columns[:4]) == ["currency", "year", "per_usd", "source"]
    assert fx["per_usd"].gt(0).all()
    assert not fx.duplicated(["currency", "year", "source"]).any()
    for code in ("KZT", "RSD", "RUB", "EUR", "CNY", "INR", "JPY"):
        assert code in set(fx["currency"])
    kzt = fx[(fx["currency"] == "KZT") & (fx["year"] == 2022) & (fx["source"] == "WDI")]
    assert kzt["per_usd"].tolist() == pytest.approx([460.165])
    for code in ("GBP", "TRY", "UZS", "GEL", "NGN", "AZN", "KGS"):
        assert code in set(fx.loc[fx["source"] == "World Bank WDI", "currency"])
    # both sources kept where they overlap
    cny = fx[(fx["currency"] == "CNY") & (fx["year"] == 2015)]
    assert set(cny["source"]) == {"World Bank WDI", "WDI", "FRED H.10"}


def test_companies():
    c = datasets.companies()
    assert len(c) == 5
    assert c["value"].dtype == "int64"
    assert 36 in c["value"].tolist()


@pytest.mark.parametrize("name", sorted(datasets.BUILDERS))
def test_processed_files_equal_a_fresh_build(name):
    shipped = (datasets.data_files() / "processed" / name).read_text(encoding="utf-8")
    assert shipped == datasets.BUILDERS[name]().to_csv(index=False, lineterminator="\n"), (
        f"data/processed/{name} is stale: run python data/build.py")


def test_every_raw_file_is_listed_in_sources():
    sources = datasets.sources_text()
    raw = datasets.data_files() / "raw"
    names = [f"raw/{d.name}/{f.name}" for d in raw.iterdir() if d.is_dir() for f in d.iterdir() if f.is_file()]
    assert names
    for name in names:
        assert name in sources, f"{name} is not described in data/SOURCES.md"
    for name in datasets.BUILDERS:
        assert f"processed/{name}" in sources


def test_loaders_document_rows_columns_and_source():
    for fn in (datasets.official_trade, datasets.exchange_rates, datasets.companies, datasets.trade_gdp):
        doc = fn.__doc__
        assert "Each row represents" in doc and "Columns" in doc and "Source" in doc
        assert re.search(r"\d+ rows", doc)


def test_datasets_module_reads_no_paths_relative_to_file():
    import inspect

    assert "__file__" not in inspect.getsource(datasets)


def test_every_basis_is_one_the_charts_and_reconcile_know():
    """Statistics are "reporter" (an office's own) or "mirror", a ministry figure quoted in news is
    "reported" (whichever side gave it: ``statistics`` says whose), each value one of frames.BASES with
    legend words in both languages."""
    from analysis.frames import BASES
    from analysis.views.labels import series_name

    pair = datasets.official_trade("KAZ", "SRB", imf=True)
    assert set(pair["basis"]) <= set(BASES) and pair["basis"].notna().all()
    quoted = pair["authority"] == datasets.NEWS_AUTHORITY
    assert pair.loc[quoted, "basis"].eq("reported").all()
    assert set(pair.loc[~quoted, "basis"]) == {"reporter"}   # each side's own statistics, DOTS and BNS
    assert set(pair.loc[quoted, "statistics"]) == {"KAZ", "SRB"}
    for basis in BASES:
        for lang in ("en", "ru"):
            assert series_name(basis, lang) != basis
