"""Fuzzing parse, scan, normalize and extract (hypothesis, fixed seed, CI-sized budget).

Properties (issue 7, point 1): no exception but the documented ones; every start/end indexes the input and
slices to the quoted text; values are finite or NaN with a reason. Time per input is measured by the long
run in bench/fuzz_long.py (1,000,000 inputs), not asserted here.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

import analysis
from analysis.errors import ParseError

# pieces that trade texts and hostile inputs are made of
TOKENS = [
    "52.9", "52,9", "52 900 000", "1,234,567.89", "0", "-", "+", "−", "–", "—", "%", " %", "$", "€", "₽", "US dollars",
    "долларов США", "млн", "млрд", "тыс.", "million", "billion", "bn", "mln", "M", "k", "times", "раза", "в",
    "by", "up", "down", "increased", "decreased", "на", "выросла", "снизился", "3.7", "1.5", "25", "2022", "9 months of",
    "за 9 месяцев", "January–September", "I квартал", "H1", "Q3", "USD", "EUR", "RUB", "KZT", "тенге",
    " ", "  ", "\u00a0", "\u202f", "\u2009", "\u200b", "\u200f", "\u200e", "\u202e", "\ufeff", "\t", "\n", "\r",
    "\x00", "\x07", "(", ")", "[", "]", "{", "«", "»", "„", "“", "”", '"', "'", ",", ",,", "..", ".", ";", ":",
    "١٢٣", "٫", "𝟓𝟐", "５２", "½", "²", "e10", "1e308", "∞", "NaN", "inf", "trade turnover", "товарооборот",
    "Kazakhstan", "Serbia", "Казахстан", "Сербия", "exports", "imports", "экспорт", "импорт", "Ω", "😀",
]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=40).map("".join),
    st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
    st.builds(lambda d, n, s: d * n + s, st.sampled_from(["1", "9", "0", ",", ".", " ", "1 ", "(", "«"]),
              st.integers(0, 3000), st.sampled_from(["", " million", " млн долларов", "%", " times"])),
)

FUZZ = settings(derandomize=True, max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HUGE = "1" * 5000


def finite_or_nan(x) -> bool:
    return x is None or (isinstance(x, float) and (math.isnan(x) or math.isfinite(x))) or (
        not isinstance(x, float) and math.isfinite(float(x)))


@FUZZ
@given(texts)
@example(HUGE)
@example(HUGE + " million US dollars")
@example("(" * 500 + "52.9" + "»" * 500)
@example("\u200f52\u200b.9\u202e млн\u00a0$")
@example("1e308 billion")
def test_parse_returns_a_figure_or_raises_parse_error(text):
    try:
        fig = analysis.parse(text)
    except ParseError as e:
        assert e.text == text
        assert 0 <= e.span[0] <= e.span[1] <= len(text)
        return
    assert finite_or_nan(fig.value)
    assert fig.kind in ("money", "count", "percent", "ratio", "number")
    start, end = fig.span
    assert 0 <= start <= end <= len(text)
    assert text[start:end] == fig.raw


@FUZZ
@given(texts)
@example(HUGE)
@example(",".join(["1"] * 2000))
@example("52.9 million US dollars, 3.7 times higher; up 25%")
@example("\x00" * 100 + "25%")
def test_scan_spans_slice_to_the_text_and_values_are_finite(text):
    frame = analysis.scan(text)
    for col in ("kind", "value", "unit", "multiplier", "start", "end", "text"):
        assert col in frame.columns
    for row in frame.itertuples(index=False):
        assert 0 <= row.start <= row.end <= len(text)
        assert text[row.start:row.end] == row.text
        assert finite_or_nan(row.value)
        assert finite_or_nan(row.multiplier)


@FUZZ
@given(st.lists(st.one_of(texts, st.none(), st.just(float("nan"))), max_size=12))
def test_normalize_is_aligned_and_gives_a_reason_for_every_nan(values):
    series = pd.Series(values, dtype="object", index=range(100, 100 + len(values)))
    out = analysis.normalize(series)
    assert out.index.equals(series.index)
    assert list(out.columns)[:5] == ["value", "unit", "multiplier", "kind", "error"]
    for value, error, kind in zip(out["value"], out["error"], out["kind"]):
        assert finite_or_nan(value)
        if math.isnan(value):  # a reason, or a missing cell ("", "n/a", None) said to be one
            assert (isinstance(error, str) and error) or (kind == "missing" and error == "")


def _statements():
    import analysis.frames

    return analysis.frames


@FUZZ
@given(texts)
@example(HUGE)
@example("Trade turnover between Kazakhstan and Serbia amounted to 52.9 million US dollars in 9 months of 2022, "
         "3.7 times higher than last year.")
@example("Товарооборот за январь–сентябрь 2022 года составил 52,9 млн долларов США, рост в 3,7 раза.")
def test_extract_quotes_slice_to_the_input_and_rows_validate(text):
    statements = _statements()
    from analysis.frames import TIDY_COLUMNS, validate

    frame = statements.extract(text)
    assert list(frame.columns) == list(TIDY_COLUMNS)
    validate(frame)
    for row in frame.itertuples(index=False):
        assert 0 <= row.start <= row.end <= len(text)
        assert text[row.start:row.end] == row.quote
        assert finite_or_nan(row.value)
        assert finite_or_nan(row.base_value)


@pytest.mark.parametrize("bad", [None, 52.9, b"52.9", ["52.9"]])
def test_non_strings_are_refused_with_type_error(bad):
    with pytest.raises(TypeError):
        analysis.parse(bad)
    with pytest.raises(TypeError):
        analysis.scan(bad)


# --- found by the fuzzer: a number of 310+ digits (or 304+ with 'million') overflowed to inf. Kept as strict
# xfails until figures.py was fixed; now regression tests with the minimal inputs ---


@pytest.mark.parametrize("text", ["1" * 310, "1" * 304 + " million"])
def test_parse_huge_number_is_not_inf(text):
    try:
        value = analysis.parse(text).value
    except ParseError:
        return
    assert finite_or_nan(value)


def test_scan_huge_number_is_not_inf():
    assert all(finite_or_nan(v) for v in analysis.scan(HUGE)["value"])


def test_normalize_huge_number_is_nan_with_a_reason():
    out = analysis.normalize(["1" * 310])
    assert finite_or_nan(out["value"].iloc[0])
