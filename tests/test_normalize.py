"""`normalize` on table columns (issues 12 and 16): plain numbers, accounting negatives, missing marks,
unit and scale hints (and the header that states them), clear errors for a string or a whole table."""
from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import cli
from analysis.reading.cells import missing_markers
from analysis.rules import currency_table, rules
from analysis.tables import read_frame


def rows(out):
    return list(zip(out["value"].tolist(), out["unit"].tolist(), out["kind"].tolist(), out["error"].tolist()))


def test_plain_numbers_are_numbers_without_a_unit():
    out = analysis.normalize(["52.9", "3.4", "1999", "1,234.5", "1 234,5", "0.5", "-7", "+2", "1.2e6", ".5"])
    assert out["value"].tolist() == [52.9, 3.4, 1999.0, 1234.5, 1234.5, 0.5, -7.0, 2.0, 1.2e6, 0.5]
    assert out["kind"].eq("number").all()
    assert out["unit"].isna().all()
    assert out["error"].eq("").all()


def test_a_number_with_a_scale_word_and_no_unit_is_a_number():
    out = analysis.normalize(["52.9 bn", "-5 bn", "3 тыс."])
    assert out["value"].tolist() == [52.9e9, -5e9, 3000.0]
    assert out["kind"].eq("number").all() and out["unit"].isna().all()


def test_accounting_and_signed_negatives():
    out = analysis.normalize(["(1.2)", "$-5m", "-$5m", "USD -5m", "($5m)", "\u22125.2", "(52.9 bn)", "(5%)"])
    assert out["value"].tolist() == [-1.2, -5e6, -5e6, -5e6, -5e6, -5.2, -52.9e9, -5.0]
    assert out["unit"].tolist()[1:5] == ["USD"] * 4
    assert out["error"].eq("").all()


def test_parentheses_with_a_change_or_a_second_minus_are_errors_not_guesses():
    out = analysis.normalize(["(+25%)", "(-5)", "()"])
    assert out["value"].isna().all()
    assert "change" in out["error"].iloc[0]
    assert "minus" in out["error"].iloc[1]
    assert "empty" in out["error"].iloc[2]


def test_changes_keep_their_reading():
    out = analysis.normalize(["+25%", "-25%", "5%", "3.7 times"])
    assert out["kind"].tolist() == ["ratio", "ratio", "percent", "ratio"]
    assert out["value"].tolist() == pytest.approx([1.25, 0.75, 5.0, 3.7])


MARKS = ["", "  ", "n/a", "N/A", "—", "–", "-", "..", "x", "...", ":", "н/д", "х", "нет данных"]


def test_statistical_missing_marks_are_missing_not_errors():
    out = analysis.normalize(MARKS + [None, float("nan"), pd.NA])
    assert out["value"].isna().all()
    assert out["kind"].eq("missing").all()
    assert out["error"].eq("").all()


def test_missing_marks_are_rules_data():
    listed = {m for lang in ("en", "ru") for m in rules(lang).words("cells", "missing")}
    assert {"", "n/a", "—", "–", "-", "..", "x"} <= listed  # compared case-insensitively: "N/A" too
    out = analysis.normalize(sorted(listed))
    assert out["kind"].eq("missing").all(), out[out["kind"].ne("missing")]
    assert "n/a" in missing_markers() and "х" in missing_markers()


def test_strict_cli_passes_on_an_ordinary_table(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("country,exports\nSerbia,52.9\nNamibia,n/a\nPeru,—\nChad,\nFiji,..\nTonga,(1.2)\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["normalize", str(table), "-c", "exports", "--strict", "-o", str(out)]) == 0
    frame = read_frame(out)
    assert frame["exports_value"].tolist()[0] == 52.9 and frame["exports_value"].tolist()[-1] == -1.2
    assert frame["exports_kind"].tolist()[1:5] == ["missing"] * 4
    assert "0 cell(s) not read" in capsys.readouterr().err


def test_roubles_keep_their_currency():
    out = analysis.normalize(["5.2 млрд руб", "5.2 млрд руб.", "300 тыс. рублей"])
    assert out["unit"].tolist() == ["RUB"] * 3
    assert out["value"].tolist() == [5.2e9, 5.2e9, 3e5]
    assert "RUB" in {row["code"] for row in currency_table()}


# --- unit and scale hints --------------------------------------------------------------------------------
def test_unit_and_scale_hints_apply_to_cells_that_state_none():
    cells = ["52.9", "$1.5", "52.9 bn", "EUR 5", "+25%", "n/a", 7]
    out = analysis.normalize(cells, unit="USD", scale="million")
    assert rows(out)[:4] == [(52.9e6, "USD", "money", ""), (1.5e6, "USD", "money", ""),
                             (52.9e9, "USD", "money", ""), (5e6, "EUR", "money", "")]
    assert out["kind"].tolist()[4:] == ["ratio", "missing", "money"]
    assert out["value"].iloc[6] == 7e6
    same = analysis.normalize(cells, unit="usd", scale=1e6)
    pd.testing.assert_frame_equal(out, same)


def test_scale_alone_and_unit_alone():
    assert analysis.normalize(["52.9"], scale="млн")["value"].tolist() == [52.9e6]
    assert analysis.normalize(["52.9"], scale="млн")["unit"].isna().all()
    out = analysis.normalize(["5.2", "36"], unit="percent")
    assert out["kind"].tolist() == ["percent", "percent"] and out["value"].tolist() == [5.2, 36.0]
    assert analysis.normalize(["36"], unit="count")["kind"].tolist() == ["count"]
    assert analysis.normalize(["36"], unit="рублей")["unit"].tolist() == ["RUB"]


def test_bad_hints_are_refused_by_name():
    with pytest.raises(ValueError, match="'dollarz'"):
        analysis.normalize(["1"], unit="dollarz")
    with pytest.raises(ValueError, match="'zillion'"):
        analysis.normalize(["1"], scale="zillion")
    with pytest.raises(ValueError, match="positive"):
        analysis.normalize(["1"], scale=-1)
    with pytest.raises(ValueError, match="percent"):
        analysis.normalize(["1"], unit="percent", scale=1e6)


@pytest.mark.parametrize("header, hint", [
    ("Exports, USD mn", {"unit": "USD", "scale": 1e6}),
    ("Export value (millions of US dollars)", {"unit": "USD", "scale": 1e6}),
    ("Imports, $bn", {"unit": "USD", "scale": 1e9}),
    ("Exports (USDm)", {"unit": "USD", "scale": 1e6}),
    ("Exports, US$ '000", {"unit": "USD", "scale": 1e3}),
    ("Экспорт, млн долл. США", {"unit": "USD", "scale": 1e6}),
    ("Оборот, тыс. руб.", {"unit": "RUB", "scale": 1e3}),
    ("Growth, %", {"unit": "percent"}),
    ("Number of enterprises", {"unit": "count"}),
    ("Turnover, EUR", {"unit": "EUR"}),
    ("Country", {}),
    ("Total exports 2022", {}),
])
def test_hint_from_header(header, hint):
    assert analysis.hint_from_header(header) == hint


def test_hint_from_header_refuses_two_units_and_feeds_normalize():
    with pytest.raises(ValueError, match="more than one unit"):
        analysis.hint_from_header("Exports, USD and EUR")
    with pytest.raises(ValueError, match="more than one scale"):
        analysis.hint_from_header("USD mn (bn from 2020)")
    with pytest.raises(TypeError):
        analysis.hint_from_header(None)
    df = pd.DataFrame({"Exports, USD mn": ["52.9", "n/a"]})
    out = analysis.normalize(df["Exports, USD mn"], **analysis.hint_from_header("Exports, USD mn"))
    assert out["value"].iloc[0] == 52.9e6 and out["unit"].iloc[0] == "USD"


def test_cli_unit_scale_and_header_hints(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text('country,"Exports, USD mn",plain\nSerbia,52.9,3\nNamibia,n/a,4\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["normalize", str(table), "-c", "Exports, USD mn", "--header-hints", "-o", str(out)]) == 0
    frame = read_frame(out)
    assert frame["Exports, USD mn_value"].tolist()[0] == 52.9e6
    assert frame["Exports, USD mn_unit"].tolist()[0] == "USD"
    assert "unit USD, scale 1e+06 (from its header)" in capsys.readouterr().err
    assert cli.main(["normalize", str(table), "-c", "plain", "--unit", "eur", "--scale", "thousand", "-o", str(out)]) == 0
    frame = read_frame(out)
    assert frame["plain_value"].tolist() == [3000.0, 4000.0] and frame["plain_unit"].tolist() == ["EUR", "EUR"]
    assert cli.main(["normalize", str(table), "-c", "plain", "--unit", "dollarz"]) == 2
    assert "'plain'" in capsys.readouterr().err


def test_cli_neutralises_formula_headers_and_cells(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('"=HYPERLINK(""http://x"")",note\n52.9,=1+2\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["normalize", str(table), "-c", '=HYPERLINK("http://x")', "-o", str(out)]) == 0
    header, line = out.read_text(encoding="utf-8").splitlines()[:2]
    import csv

    names = next(csv.reader([header]))
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names), names
    assert not any(c.startswith(("=", "+", "-", "@")) for c in next(csv.reader([line])))
    back = read_frame(out)  # and the marks come off on reading
    assert back['=HYPERLINK("http://x")_value'].tolist() == [52.9]
    assert back["note"].tolist() == ["=1+2"]


# --- what normalize refuses, and the odd cells it survives -----------------------------------------------
def test_one_string_is_a_type_error_not_letters():
    with pytest.raises(TypeError, match="not one str.*parse"):
        analysis.normalize("52.9M USD")
    with pytest.raises(TypeError, match="bytes"):
        analysis.normalize(b"52.9")


def test_a_dataframe_is_a_type_error_asking_for_a_column():
    df = pd.DataFrame({"turnover": ["52.9M USD"], "growth": ["+25%"]})
    with pytest.raises(TypeError, match=r"pass a column.*'turnover', 'growth'"):
        analysis.normalize(df)
    with pytest.raises(TypeError, match="2-dimensional"):
        analysis.normalize(np.array([["1", "2"]]))
    with pytest.raises(TypeError, match="int"):
        analysis.normalize(5)


def test_an_unhashable_cell_is_an_error_row():
    out = analysis.normalize([["a"], "52.9M USD", {"k": 1}, ["a"]])
    assert out["error"].tolist()[0] == "not a string: list" and out["error"].tolist()[3] == "not a string: list"
    assert out["error"].tolist()[2] == "not a string: dict"
    assert out["value"].iloc[1] == 52.9e6 and out["error"].iloc[1] == ""


def test_numeric_cells_and_non_finite_ones():
    cells = [1, 2.5, np.int64(3), np.float32(4.5), Decimal("5.5"), float("inf"), -float("inf"), float("nan"), True, np.True_]
    out = analysis.normalize(cells)
    assert out["value"].tolist()[:5] == [1.0, 2.5, 3.0, 4.5, 5.5]
    assert out["kind"].tolist()[:5] == ["number"] * 5
    assert out["value"].iloc[5:7].isna().all() and "finite" in out["error"].iloc[5] and "finite" in out["error"].iloc[6]
    assert out["kind"].iloc[7] == "missing" and out["error"].iloc[7] == ""
    assert "bool" in out["error"].iloc[8] and "bool" in out["error"].iloc[9]
    mixed = analysis.normalize([1, True, 1.0])  # True is not read as 1 (factorize would merge them)
    assert mixed["value"].tolist()[::2] == [1.0, 1.0] and "bool" in mixed["error"].iloc[1]
    floats = analysis.normalize(pd.Series([52.9, np.nan], index=["a", "b"]), unit="USD", scale=1e6)
    assert list(floats.index) == ["a", "b"] and floats["value"].iloc[0] == 52.9e6


def test_hints_do_not_mutate_and_keep_the_index():
    s = pd.Series(["52.9", "n/a", "$3"], index=[7, 8, 9], dtype="str")
    before = s.copy()
    out = analysis.normalize(s, unit="USD", scale=1e3)
    pd.testing.assert_series_equal(s, before)
    assert list(out.index) == [7, 8, 9]
    assert out["value"].tolist()[0] == 52900.0 and math.isnan(out["value"].iloc[1])
    assert analysis.normalize({"a": "1", "b": "n/a"})["value"].iloc[0] == 1.0


# --- property: plain numbers as spreadsheets format them, read back exactly --------------------------------
from hypothesis import given, settings, strategies as st  # noqa: E402

FORMATS = {
    "plain": lambda x: (f"{x:.2f}", 1), "grouped": lambda x: (f"{x:,.2f}", 1),
    "space grouped, decimal comma": lambda x: (f"{x:,.2f}".replace(",", " ").replace(".", ","), 1),
    "accounting": lambda x: (f"({x:,.2f})", -1), "minus": lambda x: (f"-{x:.2f}", -1),
    "unicode minus": lambda x: (f"\u2212{x:,.2f}", -1), "dollar minus": lambda x: (f"$-{x:.2f}", -1),
}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(1, 10**11), st.sampled_from(sorted(FORMATS)), st.sampled_from([None, 1e3, 1e6]))
def test_property_formatted_numbers_read_back(cents, form, scale):
    x = cents / 100
    cell, sign = FORMATS[form](x)
    out = analysis.normalize([cell], scale=scale)
    assert out["error"].iloc[0] == "", (cell, out["error"].iloc[0])
    assert out["value"].iloc[0] == pytest.approx(sign * x * (scale or 1), rel=1e-12), cell
    unit = out["unit"].iloc[0]
    assert unit == "USD" if form == "dollar minus" else pd.isna(unit)


def test_cli_stdout_is_neutralised_and_numeric_parquet_columns_are_numbers(tmp_path, capsys):
    from analysis.tables import write_frame

    table = tmp_path / "t.csv"
    table.write_text('"@SUM(A1)",country\n52.9,Chad\n', encoding="utf-8")
    assert cli.main(["normalize", str(table), "-c", "@SUM(A1)"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert not any(n.strip('"').startswith(("=", "+", "-", "@")) for n in header.split(",")), header
    pq = tmp_path / "t.parquet"
    write_frame(pd.DataFrame({"exports": [52.9, float("nan")], "country": ["Chad", "Peru"]}), pq)
    out = tmp_path / "out.csv"
    assert cli.main(["normalize", str(pq), "-c", "exports", "--unit", "USD", "--scale", "1e6", "--strict",
                     "-o", str(out)]) == 0
    frame = read_frame(out)
    assert frame["exports_value"].tolist()[0] == 52.9e6 and frame["exports_kind"].tolist() == ["money", "missing"]


def test_the_issue_12_inputs_together():
    """The cells issue 12 listed, in one column, as a user would pass them."""
    out = analysis.normalize(["52.9", "3.4", "1999", "(1.2)", "$-5m", "", "n/a", "—", "-", "5.2 млрд руб"])
    assert out["value"].tolist()[:5] == [52.9, 3.4, 1999.0, -1.2, -5e6]
    assert out["unit"].tolist()[4] == "USD" and out["unit"].tolist()[9] == "RUB"
    assert out["value"].tolist()[9] == 5.2e9
    assert out["kind"].tolist()[5:9] == ["missing"] * 4
    assert out["error"].eq("").all()
    hinted = analysis.normalize(["52.9", "n/a"], unit="USD", scale="million")
    assert hinted["value"].tolist()[0] == 52.9e6 and hinted["unit"].tolist()[0] == "USD"
    with pytest.raises(TypeError):
        analysis.normalize("52.9M USD")
    with pytest.raises(TypeError):
        analysis.normalize(pd.DataFrame({"turnover": ["52.9M USD"]}))
