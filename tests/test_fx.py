"""to_currency: period-average rates, refusal on missing rates, no mutation."""
import pandas as pd
import pytest

import analysis
from analysis.errors import ConversionError, SchemaError

RATES = pd.DataFrame(
    {
        "currency": ["KZT", "KZT", "EUR", "EUR", "RSD", "KZT"],
        "year": [2021, 2022, 2021, 2022, 2022, 2023],
        "per_usd": [425.0, 460.0, 0.85, 0.95, 111.0, 456.0],
        "source": ["T", "T", "T", "T", "T", "T"],
    }
)


def frame(**cols):
    base = {"value": [460e6], "unit": ["KZT"], "period_start": ["2022-01"], "period_end": ["2022-12"]}
    base.update(cols)
    return pd.DataFrame(base)


def test_annual_period_uses_the_annual_average():
    out = analysis.to_currency(frame(), "USD", rates=RATES, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(1e6)
    assert out["unit"].iloc[0] == "USD"
    assert out["original_unit"].iloc[0] == "KZT"
    assert out["fx_rate"].iloc[0] == pytest.approx(1 / 460)
    assert out["fx_source"].iloc[0] == "T annual 2022"


def test_period_across_years_averages_the_months_it_covers():
    f = frame(period_start=["2021-07"], period_end=["2022-06"], value=[442.5])
    out = analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(1.0)  # 6 months at 425 and 6 at 460 -> mean 442.5
    assert "2021" in out["fx_source"].iloc[0] and "2022" in out["fx_source"].iloc[0]


def test_monthly_rates_are_used_where_they_exist():
    monthly = pd.concat([RATES, pd.DataFrame({"currency": ["KZT"] * 3, "year": [2022] * 3, "month": [1, 2, 3],
                                              "per_usd": [430.0, 440.0, 450.0], "source": ["T"] * 3})])
    f = frame(period_start=["2022-01"], period_end=["2022-03"], value=[440.0])
    out = analysis.to_currency(f, "USD", rates=monthly, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(1.0)
    assert "monthly" in out["fx_source"].iloc[0]


def test_cross_currency_goes_through_usd():
    out = analysis.to_currency(frame(value=[460.0]), "EUR", rates=RATES, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(0.95)


def test_base_columns_are_converted_and_other_units_pass():
    f = pd.DataFrame({"value": [920.0, 36.0], "unit": ["KZT", "count"], "period_start": ["2022-01", "2022-01"],
                      "period_end": ["2022-12", "2022-12"], "base_value": [460.0, 12.0],
                      "base_low": [455.4, 11.0], "base_high": [464.6, 13.0]})
    out = analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    assert out["base_value"].tolist() == pytest.approx([1.0, 12.0])
    assert out["base_low"].iloc[0] == pytest.approx(455.4 / 460)
    assert out["unit"].tolist() == ["USD", "count"]
    assert pd.isna(out["fx_rate"].iloc[1])


def test_missing_rates_are_listed_not_guessed():
    f = pd.DataFrame({"value": [1.0, 2.0, 3.0, 4.0], "unit": ["GBP", "RSD", "KZT", "KZT"],
                      "period_start": ["2022-01", "2023-01", None, "2024-01"],
                      "period_end": ["2022-12", "2023-12", None, "2024-03"]})
    with pytest.raises(ConversionError) as err:
        analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    msg = str(err.value)
    for part in ("GBP for 2022-01..2022-12", "RSD for 2023-01..2023-12", "KZT for no period",
                 "KZT for 2024-01..2024-03", "rows [3]"):
        assert part in msg


def test_unknown_target_currency():
    with pytest.raises(ConversionError, match="XXQ"):
        analysis.to_currency(frame(), "XXQ", rates=RATES)


def test_missing_columns():
    with pytest.raises(SchemaError, match="period_end"):
        analysis.to_currency(pd.DataFrame({"value": [1.0], "unit": ["KZT"], "period_start": ["2022-01"]}))


def test_input_is_not_mutated():
    f = frame()
    before = f.copy()
    analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    pd.testing.assert_frame_equal(f, before)


def test_bundled_rates_are_the_default_and_report_their_source():
    out = analysis.to_currency(frame(value=[460.165e6]), "USD")
    assert out["value"].iloc[0] == pytest.approx(1e6)
    assert out["fx_source"].iloc[0] == "World Bank WDI annual 2022"


def test_source_preference_is_explicit():
    f = frame(value=[6.2275], unit=["CNY"], period_start=["2015-01"], period_end=["2015-12"])
    wdi = analysis.to_currency(f, "USD")
    fred = analysis.to_currency(f, "USD", sources=["FRED H.10"])
    assert wdi["fx_source"].iloc[0].startswith("World Bank WDI")
    assert fred["fx_source"].iloc[0].startswith("FRED")
    assert wdi["value"].iloc[0] != fred["value"].iloc[0]


# --- World Bank rates for every currency (issue 15) and the readable failures (issue 12) ----------------
WB_CODES = {"KZT": "KAZ", "RSD": "SRB", "UZS": "UZB", "GEL": "GEO", "TRY": "TUR", "GBP": "GBR", "NGN": "NGA",
            "INR": "IND"}


def _published_wb_rates():
    """The World Bank's own bulk file, read here with the csv module (not through the package's builders)."""
    import csv

    from analysis import datasets

    text = (datasets.data_files() / "raw" / "worldbank" / "API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv").read_text(
        encoding="utf-8-sig").splitlines()
    rows = list(csv.reader(text[4:]))
    head = rows[0]
    return {r[1]: {int(y): float(v) for y, v in zip(head, r) if y.isdigit() and v} for r in rows[1:] if r}


@pytest.mark.parametrize("code", sorted(WB_CODES))
def test_world_bank_rate_within_half_a_percent_2015_2024(code):
    published = _published_wb_rates()[WB_CODES[code]]
    years = list(range(2015, 2025))
    f = pd.DataFrame({"value": [1e9] * len(years), "unit": [code] * len(years),
                      "period_start": [f"{y}-01" for y in years], "period_end": [f"{y}-12" for y in years]})
    out = analysis.to_currency(f, "USD")
    for y, value, source in zip(years, out["value"], out["fx_source"]):
        assert value == pytest.approx(1e9 / published[y], rel=0.005), (code, y)
        assert source == f"World Bank WDI annual {y}"
    assert out["fx_flag"].eq("").all()


def test_currency_codes_are_case_insensitive():
    out = analysis.to_currency(frame(unit=["kzt"]), "usd", rates=RATES, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(1e6)
    assert out["unit"].iloc[0] == "USD"


def test_one_source_given_as_a_string_is_one_source():
    f = pd.DataFrame({"value": [1.0], "unit": ["GBP"], "period_start": ["2022-01"], "period_end": ["2022-12"]})
    with pytest.raises(ConversionError) as err:
        analysis.to_currency(f, "USD", rates=RATES, sources="T")
    assert "['T']" in str(err.value) and "'i', 'd'" not in str(err.value)


def test_a_row_without_a_period_does_not_sink_the_others():
    f = pd.DataFrame({"value": [460.0, 5.0], "unit": ["KZT", "KZT"], "period_start": ["2022-01", None],
                      "period_end": ["2022-12", None]})
    out = analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    assert out["value"].tolist() == pytest.approx([1.0, 5.0])
    assert out["unit"].tolist() == ["USD", "KZT"]
    assert out["fx_flag"].iloc[1].startswith("no period")


def test_errors_flag_converts_what_it_can():
    f = pd.DataFrame({"value": [460.0, 7.0], "unit": ["KZT", "GBP"], "period_start": ["2022-01", "2022-01"],
                      "period_end": ["2022-12", "2022-12"]})
    out = analysis.to_currency(f, "USD", rates=RATES, sources=["T"], errors="flag")
    assert out["value"].tolist() == pytest.approx([1.0, 7.0])
    assert out["unit"].tolist() == ["USD", "GBP"]
    assert out["fx_flag"].iloc[0] == ""
    assert "GBP" in out["fx_flag"].iloc[1] and "2022-01..2022-12" in out["fx_flag"].iloc[1]
    assert out["fx_period"].iloc[0] == "2022-01..2022-12"
    with pytest.raises(ValueError, match="errors"):
        analysis.to_currency(f, "USD", rates=RATES, errors="ignore")


def test_a_malformed_period_is_flagged_not_fatal():
    f = pd.DataFrame({"value": [460.0, 5.0, 6.0, 7.0], "unit": ["KZT"] * 4,
                      "period_start": ["2022-01", "2022", "2022-12", "Q1 2022"],
                      "period_end": ["2022-12", "2022", "2022-01", "Q1 2022"]})
    out = analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    assert out["value"].tolist() == pytest.approx([1.0, 5.0, 6.0, 7.0])
    assert out["unit"].tolist() == ["USD", "KZT", "KZT", "KZT"]
    assert "not YYYY-MM" in out["fx_flag"].iloc[1] and "start after end" in out["fx_flag"].iloc[2]
    assert out["fx_flag"].iloc[3].startswith("bad period")
    with_gbp = pd.concat([f, pd.DataFrame({"value": [1.0], "unit": ["GBP"], "period_start": ["2022-01"],
                                           "period_end": ["2022-12"]})], ignore_index=True)
    with pytest.raises(ConversionError) as err:
        analysis.to_currency(with_gbp, "USD", rates=RATES, sources=["T"])
    assert "GBP for 2022-01..2022-12" in str(err.value) and "bad period '2022'..'2022'" in str(err.value)


def test_the_error_names_each_missing_pair_once_with_its_rows():
    f = pd.DataFrame({"value": [1.0, 2.0, 3.0], "unit": ["gbp", "GBP", "RSD"],
                      "period_start": ["2022-01", "2022-01", "2021-01"], "period_end": ["2022-12", "2022-12", "2021-12"]})
    with pytest.raises(ConversionError) as err:
        analysis.to_currency(f, "USD", rates=RATES, sources=["T"])
    msg = str(err.value)
    assert "2 (currency, period) pair(s)" in msg and "with sources ['T']" in msg
    assert "GBP for 2022-01..2022-12 (rows [0, 1])" in msg and "RSD for 2021-01..2021-12 (rows [2])" in msg


def test_rate_tables_with_lower_case_codes_and_gaps():
    rates = pd.DataFrame({"currency": ["kzt", None, "EUR"], "year": [2022, 2022, None],
                          "per_usd": [460.0, 1.0, 0.9], "source": ["T", "T", "T"]})
    out = analysis.to_currency(frame(), "USD", rates=rates, sources=["T"])
    assert out["value"].iloc[0] == pytest.approx(1e6)


def test_a_text_value_column_is_a_schema_error():
    with pytest.raises(SchemaError, match="'value' is not numeric"):
        analysis.to_currency(frame(value=["lots"]), "USD", rates=RATES, sources=["T"])
