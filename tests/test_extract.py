"""The statement layer (issue 3): `extract(text, published=None)` → tidy trade observations.

Every sentence below is written for this test (none comes from a real article). Label conventions:
growth as a ratio new ÷ old; the compared period is the same months a year earlier when the text says
"year-on-year"/"last year" or names no base; partner WLD for a country's total exports/imports/balance;
a turnover pair may come in either order; deficits are negative; targets, forecasts and exchange rates
give no row. A case the library gets wrong carries `xfail=<reason>` and stays a strict xfail until fixed.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest

import analysis
from analysis.datasets import seed_text


def R(indicator, reporter, partner, start, end, value=math.nan, unit=None, mult=math.nan, cstart=None, cend=None, quote=None):
    return dict(indicator=indicator, reporter=reporter, partner=partner, period_start=start, period_end=end,
                value=value, unit=unit, multiplier=mult, compared_start=cstart, compared_end=cend, quote=quote)


# (id, text, published, expected rows[, xfail reason])
CASES = [
    # ---------------------------------------------------------------- English periods
    ("en-9-months", "In the first 9 months of 2022, trade between Uzbekistan and Turkey reached $2.1 billion, up 25% year-on-year.", None,
     [R("trade_turnover", "UZB", "TUR", "2022-01", "2022-09", 2.1e9, "USD", 1.25, "2021-01", "2021-09", "$2.1 billion")]),
    ("en-jan-sep-long", "In January–September 2022 Kyrgyzstan's exports to China amounted to 80.4 million US dollars.", None,
     [R("exports", "KGZ", "CHN", "2022-01", "2022-09", 80.4e6, "USD", quote="80.4 million US dollars")]),
    ("en-jan-sep-short", "In Jan-Sep 2023, bilateral trade between Armenia and Iran totalled $520 million.", None,
     [R("trade_turnover", "ARM", "IRN", "2023-01", "2023-09", 520e6, "USD")]),
    ("en-jan-sep-published", "In Jan-Sep, trade turnover between Kazakhstan and Serbia amounted to $70 million.", "2023-10-12",
     [R("trade_turnover", "KAZ", "SRB", "2023-01", "2023-09", 70e6, "USD")]),
    ("en-h1", "In H1 2023, mutual trade between Belarus and Vietnam grew 1.8 times to $190 million.", None,
     [R("trade_turnover", "BLR", "VNM", "2023-01", "2023-06", 190e6, "USD", 1.8, "2022-01", "2022-06")]),
    ("en-h1-published", "In H1, Uzbekistan's exports to Russia grew by 12% to $2.5 billion.", "2023-07-20",
     [R("exports", "UZB", "RUS", "2023-01", "2023-06", 2.5e9, "USD", 1.12, "2022-01", "2022-06")]),
    ("en-q3", "In Q3 2022 Georgia's imports from Turkey amounted to $600 million.", None,
     [R("imports", "GEO", "TUR", "2022-07", "2022-09", 600e6, "USD")]),
    ("en-third-quarter", "In the third quarter, trade turnover between Azerbaijan and Italy reached $4.2 billion.", "2023-11-20",
     [R("trade_turnover", "AZE", "ITA", "2023-07", "2023-09", 4.2e9, "USD")]),
    ("en-last-year", "Last year, trade turnover between Mongolia and Japan amounted to $480 million, up 12%.", "2023-03-01",
     [R("trade_turnover", "MNG", "JPN", "2022-01", "2022-12", 480e6, "USD", 1.12, "2021-01", "2021-12")]),
    ("en-last-year-date-object", "Last year, trade turnover between Mongolia and Japan amounted to $480 million, up 12%.", dt.date(2023, 3, 1),
     [R("trade_turnover", "MNG", "JPN", "2022-01", "2022-12", 480e6, "USD", 1.12, "2021-01", "2021-12")]),
    ("en-dateline", "ASTANA, 14 March 2023, 10:15. Last year the trade turnover between Kazakhstan and Hungary amounted to $620 million.", None,
     [R("trade_turnover", "KAZ", "HUN", "2022-01", "2022-12", 620e6, "USD")]),
    ("en-dateline-months", "ALMATY, 3 October 2023, 09:00. In January–August, Kazakhstan's exports to Germany rose by 5% to $1.9 billion.", None,
     [R("exports", "KAZ", "DEU", "2023-01", "2023-08", 1.9e9, "USD", 1.05, "2022-01", "2022-08")]),
    ("en-explicit-base", "Georgia's exports to Armenia in January–May decreased by 10% compared with January–May 2022 and amounted to $250 million.", "2023-06-15",
     [R("exports", "GEO", "ARM", "2023-01", "2023-05", 250e6, "USD", 0.9, "2022-01", "2022-05")]),
    ("en-down-times", "In 2022 Kyrgyzstan's exports to Kazakhstan fell 1.5 times to $400 million compared to 2021.", None,
     [R("exports", "KGZ", "KAZ", "2022-01", "2022-12", 400e6, "USD", 1 / 1.5, "2021-01", "2021-12")]),
    # ---------------------------------------------------------------- English indicators, signs, no-rows
    ("en-deficit", "In 2022 Moldova's trade deficit with Romania was $1.1 billion.", None,
     [R("trade_balance", "MDA", "ROU", "2022-01", "2022-12", -1.1e9, "USD")]),
    ("en-surplus", "In 2022 Georgia's trade surplus with Armenia was $300 million.", None,
     [R("trade_balance", "GEO", "ARM", "2022-01", "2022-12", 300e6, "USD")]),
    ("en-world-exports", "In 2022 Kazakhstan's exports totalled $84 billion.", None,
     [R("exports", "KAZ", "WLD", "2022-01", "2022-12", 84e9, "USD")]),
    ("en-imports-worth", "In 2022, Kazakhstan imported goods worth $1.1 billion from Uzbekistan.", None,
     [R("imports", "KAZ", "UZB", "2022-01", "2022-12", 1.1e9, "USD")]),
    ("en-exports-and-imports", "In 2022 Kazakhstan's exports to Serbia were $40 million and imports from Serbia $20 million.", None,
     [R("exports", "KAZ", "SRB", "2022-01", "2022-12", 40e6, "USD"), R("imports", "KAZ", "SRB", "2022-01", "2022-12", 20e6, "USD")]),
    ("en-investment", "In 2022 investment from Turkey in Uzbekistan amounted to $1.5 billion.", None,
     [R("investment", "UZB", "TUR", "2022-01", "2022-12", 1.5e9, "USD")]),
    ("en-share-is-other", "In 2022 Turkey accounted for 15% of Georgia's trade turnover.", None,
     [R("other", "GEO", "TUR", "2022-01", "2022-12", 15.0, "percent")]),
    ("en-target", "The two sides plan to bring trade to $1 billion by 2030.", None, []),
    ("en-forecast", "This year Georgia's exports to Armenia are expected to reach $700 million.", "2023-06-15", []),
    ("en-exchange-rate", "The exchange rate was 460 tenge per US dollar.", None, []),
    ("en-price", "Wheat prices rose 20% to $300 per tonne in 2022.", None, []),
    ("en-population", "The population of Serbia is 6.7 million people. In 2022 Serbian exports to Kazakhstan were worth $20 million.", None,
     [R("exports", "SRB", "KAZ", "2022-01", "2022-12", 20e6, "USD")]),
    # ---------------------------------------------------------------- English countries
    ("en-adjective-pair", "Kazakh-Serbian trade turnover in 2022 reached $60 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD")]),
    ("en-serbian-capital", "In 2022, 40 companies with Serbian capital operated in Kazakhstan.", None,
     [R("enterprises", "KAZ", "SRB", "2022-01", "2022-12", 40.0, "count")]),
    ("en-capitals", "Trade between Astana and Belgrade reached $60 million in 2022.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD")]),
    ("en-two-countries", "Kazakhstan and Serbia held talks in Astana. In 2022 trade between the two countries amounted to $60 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD")]),
    ("en-pair-reversed", "In 2022 trade turnover between Serbia and Kazakhstan amounted to $60 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD")]),
    ("en-growth-next-sentence", "In 2022 trade turnover between Kazakhstan and Serbia amounted to $60 million. Kazakhstan's exports to Serbia rose 2.5-fold.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD"),
      R("exports", "KAZ", "SRB", "2022-01", "2022-12", mult=2.5, cstart="2021-01", cend="2021-12")]),
    # ---------------------------------------------------------------- Russian
    ("ru-9-months", "За 9 месяцев 2022 года товарооборот Казахстана с Сербией составил 52,9 млн долларов США.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-09", 52.9e6, "USD", quote="52,9 млн долларов США")]),
    ("ru-seed-like", "Товарооборот Казахстана с Сербией за 9 месяцев 2022 года вырос в 3,7 раза по сравнению с аналогичным периодом прошлого года и составил 52,9 млн долларов.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-09", 52.9e6, "USD", 3.7, "2021-01", "2021-09")]),
    ("ru-jan-sep", "В январе–сентябре товарооборот между Узбекистаном и Турцией составил 2,1 млрд долларов.", "2023-10-10",
     [R("trade_turnover", "UZB", "TUR", "2023-01", "2023-09", 2.1e9, "USD")]),
    ("ru-q1", "В I квартале экспорт Беларуси в Китай вырос на 15% и составил 300 млн долларов.", "2023-05-05",
     [R("exports", "BLR", "CHN", "2023-01", "2023-03", 300e6, "USD", 1.15, "2022-01", "2022-03")]),
    ("ru-h1", "В первом полугодии товарооборот России и Монголии составил 1,2 млрд долларов.", "2023-08-01",
     [R("trade_turnover", "RUS", "MNG", "2023-01", "2023-06", 1.2e9, "USD")]),
    ("ru-year-results", "По итогам 2022 года товарооборот Армении и Ирана составил 700 млн долларов, увеличившись в 1,5 раза.", None,
     [R("trade_turnover", "ARM", "IRN", "2022-01", "2022-12", 700e6, "USD", 1.5, "2021-01", "2021-12")]),
    ("ru-last-year", "В прошлом году экспорт Казахстана в Китай вырос на 20% и составил 13,2 млрд долларов.", "2023-04-10",
     [R("exports", "KAZ", "CHN", "2022-01", "2022-12", 13.2e9, "USD", 1.2, "2021-01", "2021-12")]),
    ("ru-dateline", "АСТАНА, 14 марта 2023. В прошлом году товарооборот Казахстана и Венгрии составил 620 млн долларов.", None,
     [R("trade_turnover", "KAZ", "HUN", "2022-01", "2022-12", 620e6, "USD")]),
    ("ru-case-forms", "Товарооборот Казахстана и Сербии в 2021 году составил 14 млн долларов.", None,
     [R("trade_turnover", "KAZ", "SRB", "2021-01", "2021-12", 14e6, "USD")]),
    ("ru-adjective-pair", "Казахстанско-сербский товарооборот в 2022 году составил 60 млн долларов.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD")]),
    ("ru-serbian-capital", "В 2022 году в Казахстане работали 36 предприятий с сербским капиталом.", None,
     [R("enterprises", "KAZ", "SRB", "2022-01", "2022-12", 36.0, "count")]),
    ("ru-deficit", "В 2022 году отрицательное сальдо торговли Молдовы с Румынией составило 1,1 млрд долларов.", None,
     [R("trade_balance", "MDA", "ROU", "2022-01", "2022-12", -1.1e9, "USD")]),
    ("ru-deficit-world", "По данным за 2022 год, дефицит торгового баланса Армении составил 3 млрд долларов.", None,
     [R("trade_balance", "ARM", "WLD", "2022-01", "2022-12", -3e9, "USD")]),
    ("ru-exports-imports", "В 2022 году экспорт Казахстана в Сербию составил 40 млн долларов, а импорт из Сербии — 20 млн долларов.", None,
     [R("exports", "KAZ", "SRB", "2022-01", "2022-12", 40e6, "USD"), R("imports", "KAZ", "SRB", "2022-01", "2022-12", 20e6, "USD")]),
    ("ru-imports-from", "В 2022 году импорт Армении из России составил 2,6 млрд долларов.", None,
     [R("imports", "ARM", "RUS", "2022-01", "2022-12", 2.6e9, "USD")]),
    ("en-9m", "In 9M 2022 trade turnover between Kazakhstan and Serbia amounted to $52.9 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-09", 52.9e6, "USD")]),
    ("en-1h", "In 1H 2023 trade turnover between Kazakhstan and Serbia amounted to $35 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2023-01", "2023-06", 35e6, "USD")]),
    ("en-nine-months-words", "In the first nine months of 2022 trade turnover between Kazakhstan and Serbia amounted to $52.9 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-09", 52.9e6, "USD")]),
    ("en-last-year-unresolved", "Last year trade turnover between Kazakhstan and Serbia amounted to $60 million.", None,
     [R("trade_turnover", "KAZ", "SRB", None, None, 60e6, "USD")]),
    ("en-this-year-published", "In the first eight months of this year, Kazakhstan's exports to Italy reached $9.8 billion.", "2023-09-01",
     [R("exports", "KAZ", "ITA", "2023-01", "2023-08", 9.8e9, "USD")]),
    ("en-tripled", "In 2022 the trade volume between Kazakhstan and Serbia tripled to $60 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD", 3.0, "2021-01", "2021-12")]),
    ("en-increase-of-times", "In 2022 trade between Kazakhstan and Serbia amounted to $60 million, an increase of 3.7 times.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD", 3.7, "2021-01", "2021-12")]),
    ("en-same-period-last-year", "Trade between Turkey and Azerbaijan grew by 20% in the first quarter compared with the same period last year and reached $1.2 billion.", "2023-05-10",
     [R("trade_turnover", "TUR", "AZE", "2023-01", "2023-03", 1.2e9, "USD", 1.2, "2022-01", "2022-03")]),
    ("en-commodity-turnover", "Commodity turnover between Kazakhstan and Serbia in January-June 2023 amounted to USD 35.4 million.", None,
     [R("trade_turnover", "KAZ", "SRB", "2023-01", "2023-06", 35.4e6, "USD")]),
    ("en-target-next-sentence", "In 2022 trade turnover between Kazakhstan and Serbia amounted to $60 million. The countries aim to double this figure by 2025.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD", quote="$60 million")]),
    ("ru-first-half-year", "За первое полугодие 2023 года товарооборот Казахстана и Сербии составил 35 млн долларов.", None,
     [R("trade_turnover", "KAZ", "SRB", "2023-01", "2023-06", 35e6, "USD")]),
    ("ru-q2-roman", "Во II квартале 2023 года экспорт Казахстана в Сербию составил 12 млн долларов.", None,
     [R("exports", "KAZ", "SRB", "2023-04", "2023-06", 12e6, "USD")]),
    ("ru-down-times", "В 2022 году экспорт Узбекистана в Казахстан снизился в 1,5 раза и составил 1 млрд долларов.", None,
     [R("exports", "UZB", "KAZ", "2022-01", "2022-12", 1e9, "USD", 1 / 1.5, "2021-01", "2021-12")]),
    ("ru-index-percent", "В январе-июне 2016 года экспорт Казахстана в Сербию составил 10 млн долларов (104,9% к январю-июню 2015 года).", None,
     [R("exports", "KAZ", "SRB", "2016-01", "2016-06", 10e6, "USD", 1.049, "2015-01", "2015-06")]),
    ("ru-third", "Товарооборот между Россией и Китаем в 2022 году увеличился на треть и достиг 190 млрд долларов.", None,
     [R("trade_turnover", "RUS", "CHN", "2022-01", "2022-12", 190e9, "USD", 4 / 3, "2021-01", "2021-12")]),
    ("ru-year-earlier", "В 2022 году товарооборот Казахстана с Сербией составил 60 млн долларов, что на 25% больше, чем годом ранее.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD", 1.25, "2021-01", "2021-12")]),
    ("ru-world-turnover", "Внешнеторговый оборот Казахстана за 2022 год составил 134,4 млрд долларов.", None,
     [R("trade_turnover", "KAZ", "WLD", "2022-01", "2022-12", 134.4e9, "USD")]),
    ("ru-target-next-sentence", "В 2022 году товарооборот Казахстана с Сербией составил 60 млн долларов. Стороны намерены увеличить товарооборот до 100 млн долларов.", None,
     [R("trade_turnover", "KAZ", "SRB", "2022-01", "2022-12", 60e6, "USD", quote="60 млн долларов")]),
    ("ru-target", "Казахстан и Узбекистан планируют довести товарооборот до 10 млрд долларов к 2030 году.", None, []),
    ("ru-exchange-rate", "Курс доллара составил 460 тенге.", None, []),
]


def _params():
    out = []
    for case in CASES:
        cid, text, published, rows = case[:4]
        marks = [pytest.mark.xfail(strict=True, reason=case[4])] if len(case) > 4 else []
        out.append(pytest.param(text, published, rows, id=cid, marks=marks))
    return out


def _same(a, b) -> bool:
    if isinstance(b, float) and math.isnan(b):
        return a is None or (isinstance(a, float) and math.isnan(a))
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    if isinstance(b, float):
        return isinstance(a, (int, float)) and math.isclose(a, b, rel_tol=1e-6)
    return a == b


def _clean(v):
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return v


@pytest.mark.parametrize("text,published,expected", _params())
def test_extract_table(text, published, expected):
    frame = analysis.extract(text, published=published)
    got = [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert len(got) == len(expected), [(g["indicator"], g["quote"]) for g in got]
    for want, row in zip(expected, got):
        for key, value in want.items():
            if key == "quote" and value is None:
                continue
            if key in ("reporter", "partner") and want["indicator"] == "trade_turnover":
                continue  # a turnover pair may come in either order
            assert _same(row[key], value), (key, row[key], value)
        if want["indicator"] == "trade_turnover":
            assert {row["reporter"], row["partner"]} == {want["reporter"], want["partner"]}
        assert text[row["start"]:row["end"]] == row["quote"]
        if not math.isnan(want["multiplier"]) and not math.isnan(want["value"]):
            assert math.isclose(row["base_value"], want["value"] / want["multiplier"], rel_tol=1e-6)


# ---------------------------------------------------------------------------------------------------
# the seed article


def test_seed_article_gives_exactly_two_rows():
    text = seed_text()
    frame = analysis.extract(text)
    assert len(frame) == 2
    turnover, enterprises = frame.iloc[0], frame.iloc[1]
    assert turnover["indicator"] == "trade_turnover"
    assert {turnover["reporter"], turnover["partner"]} == {"KAZ", "SRB"}
    assert (turnover["period_start"], turnover["period_end"]) == ("2022-01", "2022-09")
    assert turnover["value"] == 52_900_000.0 and turnover["unit"] == "USD"
    assert turnover["multiplier"] == 3.7
    assert (turnover["compared_start"], turnover["compared_end"]) == ("2021-01", "2021-09")
    assert turnover["base_value"] == pytest.approx(14.30e6, rel=2e-3)
    assert turnover["base_low"] == pytest.approx(14.09e6, rel=2e-3)
    assert turnover["base_high"] == pytest.approx(14.51e6, rel=2e-3)
    assert turnover["base_low"] < turnover["base_value"] < turnover["base_high"]
    assert enterprises["indicator"] == "enterprises"
    assert enterprises["value"] == 36.0 and enterprises["unit"] == "count"
    assert (enterprises["reporter"], enterprises["partner"]) == ("KAZ", "SRB")
    for row in (turnover, enterprises):
        assert text[row["start"]:row["end"]] == row["quote"]
        assert row["lang"] == "en"
    assert turnover["published"] == "2022-11-06"  # from the dateline: no `published` given


def test_seed_article_source_is_kept():
    frame = analysis.extract(seed_text(), source="kazinform")
    assert set(frame["source"]) == {"kazinform"}


def test_columns_follow_the_contract():
    frame = analysis.extract("In 2022 Kazakhstan's exports totalled $84 billion.")
    expected = ["source", "published", "indicator", "reporter", "partner", "period_start", "period_end", "value", "unit",
                "multiplier", "compared_start", "compared_end", "base_value", "base_low", "base_high", "quote", "start",
                "end", "lang"]
    assert list(frame.columns[:len(expected)]) == expected
    empty = analysis.extract("Nothing to see here.")
    assert len(empty) == 0 and list(empty.columns[:len(expected)]) == expected


def test_language_is_detected():
    assert analysis.extract("В 2022 году импорт Армении из России составил 2,6 млрд долларов.")["lang"].tolist() == ["ru"]
    assert analysis.extract("In 2022 Kazakhstan's exports totalled $84 billion.")["lang"].tolist() == ["en"]


# ---------------------------------------------------------------------------------------------------
# provenance over every case, odd strings, no mutation, type errors


@pytest.mark.parametrize("text", [c[1] for c in CASES] + [seed_text()])
def test_quote_is_the_text_slice(text):
    frame = analysis.extract(text)
    for row in frame.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start:row.end] == row.quote


ODD = [
    "", " ", "\n\n\n", "\x00\x01\x02", "$", "%", "млн", "million million million", "1" * 10_000, "1,1," * 5_000,
    "(" * 300 + "$5 billion" + ")" * 300, "\ufeffIn 2022 exports were $5bn.", "In 2022 exports were $5bn.\u202e",
    "Товарооборот" * 200, "between and and between", "😀 $52.9 million 😀", "In 2022\ttrade\r\nwas $1bn", "\ud800",
    "52,9 млн долларов " * 300,
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_extract_never_raises_on_strings(text):
    import pandas as pd

    frame = analysis.extract(text)
    assert isinstance(frame, pd.DataFrame)
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.quote


def test_extract_does_not_mutate_its_arguments():
    import pandas as pd

    text = "Last year, trade turnover between Mongolia and Japan amounted to $480 million, up 12%."
    copy = str(text)
    published = pd.Timestamp("2023-03-01")
    date = dt.date(2023, 3, 1)
    a = analysis.extract(text, published=published)
    b = analysis.extract(text, published=date)
    assert text == copy and published == pd.Timestamp("2023-03-01") and date == dt.date(2023, 3, 1)
    pd.testing.assert_frame_equal(a.drop(columns=["published"]), b.drop(columns=["published"]))
    assert a["period_start"].tolist() == ["2022-01"]


@pytest.mark.parametrize("bad", [123, None, b"In 2022 exports were $5bn.", 4.5, ["text"]])
def test_extract_non_string_is_type_error(bad):
    with pytest.raises(TypeError) as info:
        analysis.extract(bad)
    assert type(bad).__name__ in str(info.value)


def test_extract_123_names_int():
    with pytest.raises(TypeError, match="int"):
        analysis.extract(123)


def test_flags_keep_the_hedge_the_other_reading_the_conversion_and_why():
    text = ("In 2021 trade between Chile and Peru reached almost $4.1 billion (about 3.6 billion euros), "
            "2.5 times more than in 2020.")
    rows = analysis.extract(text, published="2022-03-01")
    usd, eur = rows.iloc[0], rows.iloc[1]
    assert usd["flags"].split("; ")[:2] == ["<", "alt multiplier 3.5"]
    assert eur["flags"].split("; ")[0] == "~"
    assert "converts 'almost $4.1 billion'" in eur["flags"]
    assert "why indicator=clause reporter=between partner=pair_and period=written" in usd["flags"]


def test_a_table_written_as_text_gives_one_row_per_cell_with_its_column_period_and_the_stated_unit():
    text = ("Kazakhstan: foreign trade, USD million\n"
            "2021 2022\n"
            "Exports 60321.3 84391.2\n"
            "Imports 41173.7 50684.0\n"
            "Balance 19147.6 33707.2")
    rows = analysis.extract(text, published="2023-09-01")
    got = rows[["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"]].values.tolist()
    assert got == [
        ["exports", "KAZ", "WLD", "2021-01", "2021-12", 60321300000.0, "USD"],
        ["exports", "KAZ", "WLD", "2022-01", "2022-12", 84391200000.0, "USD"],
        ["imports", "KAZ", "WLD", "2021-01", "2021-12", 41173700000.0, "USD"],
        ["imports", "KAZ", "WLD", "2022-01", "2022-12", 50684000000.0, "USD"],
        ["trade_balance", "KAZ", "WLD", "2021-01", "2021-12", 19147600000.0, "USD"],
        ["trade_balance", "KAZ", "WLD", "2022-01", "2022-12", 33707200000.0, "USD"],
    ]
    assert rows["quote"].tolist()[:2] == ["60321.3", "84391.2"]


def test_a_partner_table_takes_its_flow_from_the_words_before_it_and_a_balance_its_sign_from_the_flows():
    partners = analysis.extract("EU trade with main partners, EUR billion\nExports to:  Jan-Jun 2022  Jan-Jun 2023\n"
                                "United States  248.1  257.9\nChina  113.5  112.0", published="2023-09-01")
    assert partners[["indicator", "partner", "period_end", "value"]].values.tolist() == [
        ["exports", "USA", "2022-06", 248.1e9], ["exports", "USA", "2023-06", 257.9e9],
        ["exports", "CHN", "2022-06", 113.5e9], ["exports", "CHN", "2023-06", 112.0e9]]
    deficit = analysis.extract("(All figures in billions of Moroccan dirhams)\nJAN-NOV 2011 JAN-NOV 2010 EXPORTS 154.8 134.1 "
                               "IMPORTS 321.3 268.3 BALANCE 166.5 134.2", published="2011-12-20")
    assert deficit.loc[deficit["indicator"] == "trade_balance", "value"].tolist() == [-166.5e9, -134.2e9]
    assert analysis.extract("Years 2021 2022 and then 2023 were good.").empty


def test_do_after_a_change_is_the_level_reached_not_an_upper_bound():
    """"вырос на 30% до 3,1 млрд" rose to 3.1 bn; "составил до 2 млрд" is "up to" 2 bn."""
    rose = analysis.extract("Импорт из Китая за январь-март 2023 года вырос на 30% до 3,1 млрд долларов.")
    up_to = analysis.extract("Экспорт в Китай в 2022 году составил до 2 млрд долларов.")
    assert rose["value"].tolist() == [3.1e9] and not rose["flags"].iloc[0].startswith("<")
    assert rose["quote"].iloc[0] == "3,1 млрд долларов"
    assert up_to["flags"].iloc[0].startswith("<")
