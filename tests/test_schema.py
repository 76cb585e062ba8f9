"""The tidy schema at the boundaries: validate names the column and the offending rows."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import corpus
from analysis import tables
from analysis.errors import SchemaError
from analysis.frames import INDICATORS, TIDY_COLUMNS, empty_frame, to_frame, validate


def good_frame():
    return to_frame([
        {"source": "a", "indicator": "trade_turnover", "reporter": "KAZ", "partner": "SRB",
         "period_start": "2022-01", "period_end": "2022-09", "value": 52.9e6, "unit": "USD", "multiplier": 3.7,
         "compared_start": "2021-01", "compared_end": "2021-09", "base_value": 52.9e6 / 3.7,
         "quote": "52.9 million US dollars", "start": 0, "end": 23, "lang": "en", "flags": ""},
        {"source": "b", "indicator": "trade_balance", "reporter": "WLD", "value": -1.5e9, "unit": "USD",
         "quote": "deficit", "start": 5, "end": 12, "lang": "en", "flags": ""},
    ])


def test_a_good_frame_passes_and_comes_back_unchanged():
    frame = good_frame()
    before = frame.copy()
    assert validate(frame) is frame
    pd.testing.assert_frame_equal(frame, before)
    validate(empty_frame())


@pytest.mark.parametrize("column, value, words", [
    ("indicator", "turnover", "is not one of"),
    ("reporter", "KZ", "ISO 3166-1 alpha-3"),
    ("partner", "srb", "ISO 3166-1 alpha-3"),
    ("period_start", "2022-13", "YYYY-MM"),
    ("period_end", "2021-12", "is after 'period_end'"),
    ("compared_start", "2021-10", "is after 'compared_end'"),
    ("value", np.inf, "is not finite"),
    ("base_low", -np.inf, "is not finite"),
    ("start", -1, "is negative"),
    ("end", -5, "is before 'start'"),
])
def test_each_broken_rule_names_the_column_and_the_row(column, value, words):
    frame = good_frame()
    frame.loc[1, column] = value
    if column == "period_end":
        frame.loc[1, "period_start"] = "2022-01"
    if column == "compared_start":
        frame.loc[1, "compared_end"] = "2021-09"
    with pytest.raises(SchemaError) as e:
        validate(frame)
    message = str(e.value)
    assert words in message
    where = "period_start" if column == "period_end" else column
    assert f"column {where!r}" in message
    assert "rows [1]" in message


def test_wrong_dtypes_are_named():
    frame = good_frame()
    frame["value"] = frame["value"].astype(str)
    frame["start"] = frame["start"].astype(float)
    with pytest.raises(SchemaError) as e:
        validate(frame)
    assert "'value' should be float64" in str(e.value)
    assert "'start' should be int64" in str(e.value)


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="'quote'"):
        validate(good_frame().drop(columns=["quote"]))


def test_many_bad_rows_are_counted():
    frame = pd.concat([good_frame()] * 10, ignore_index=True)
    frame["indicator"] = "nonsense"
    with pytest.raises(SchemaError, match=r"and 10 more"):
        validate(frame)


def test_every_problem_is_reported_at_once():
    frame = good_frame()
    frame.loc[0, "indicator"] = "x"
    frame.loc[1, "reporter"] = "??"
    with pytest.raises(SchemaError) as e:
        validate(frame)
    assert "'indicator'" in str(e.value) and "'reporter'" in str(e.value)


def test_the_indicator_list_is_the_documented_one():
    assert INDICATORS == ("trade_turnover", "exports", "imports", "trade_balance", "investment", "enterprises",
                          "other")


def test_corpus_output_is_validated_and_bad_documents_become_errors():
    def extract(text, published=None, source=None):
        frame = good_frame().assign(source=source)
        if "bad" in text:
            frame.loc[0, "reporter"] = "Kazakhstan"
        return frame

    rows, errors = corpus.extract_corpus(["fine", "bad one", "fine again"], extract=extract)
    assert rows["source"].drop_duplicates().tolist() == ["#0", "#2"]
    assert errors["source"].tolist() == ["#1"]
    assert "'reporter'" in errors["reason"].iloc[0] and "alpha-3" in errors["reason"].iloc[0]
    validate(rows)


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_what_is_read_back_from_files_validates(tmp_path, suffix):
    path = tables.write_frame(good_frame(), tmp_path / f"rows.{suffix}")
    back = tables.read_frame(path, schema=TIDY_COLUMNS)
    validate(back)
    pd.testing.assert_frame_equal(back, good_frame())
