"""consolidate: copies of one figure from many outlets become one fact; disagreements stay visible."""
from __future__ import annotations

import math
import random

import pandas as pd
import pytest

import analysis
from analysis.facts import FACT_COLUMNS, describe_conflicts, sources_table, validate_facts
from analysis.errors import SchemaError
from analysis.frames import to_frame

NAN = float("nan")


def row(quote, value=NAN, *, source="wire", published="2022-11-07", indicator="trade_turnover", reporter="KAZ",
        partner="SRB", period=("2022-01", "2022-09"), unit="USD", multiplier=NAN, compared=(None, None),
        lang="en", flags=""):
    start, end = period if period else (None, None)
    return {"source": source, "published": published, "indicator": indicator, "reporter": reporter,
            "partner": partner, "period_start": start, "period_end": end, "value": value,
            "unit": unit if value == value else None, "multiplier": multiplier, "compared_start": compared[0],
            "compared_end": compared[1], "quote": quote, "start": 0, "end": len(quote or ""), "lang": lang,
            "flags": flags}


def facts_of(*records):
    return analysis.consolidate(to_frame(records))


def summary(facts):
    """(value or multiplier, n_sources, n_rows, conflict) per fact, in output order."""
    return [(r.value if r.measure == "level" else r.multiplier, r.n_sources, r.n_rows, bool(r.conflict))
            for r in facts.itertuples()]


# ------------------------------------------------------------------------------------------ merging

def test_rounded_copies_are_one_fact_keeping_the_most_precise_value():
    facts = facts_of(
        row("53 million dollars", 53e6, source="daily", published="2022-11-08"),
        row("52.9 million US dollars", 52.9e6, source="gov", published="2022-11-06"),
        row("$53m", 53e6, source="wire", published="2022-11-07"),
        row("almost 53 million dollars", 53e6, source="weekly", published="2022-11-12"),
        row("52,9 млн долларов", 52.9e6, source="ru-news", published="2022-11-09", lang="ru"),
    )
    assert len(facts) == 1
    f = facts.iloc[0]
    assert f["value"] == 52.9e6 and f["precision"] == 5e4 and f["quote"] == "52.9 million US dollars"
    assert (f["n_sources"], f["n_rows"], f["conflict"], f["n_readings"]) == (5, 5, False, 1)
    assert (f["low"], f["high"]) == pytest.approx((52.85e6, 52.95e6))
    assert (f["first_reported"], f["last_reported"]) == ("2022-11-06", "2022-11-12")
    assert f["fact_id"] == f["key_id"] + ".1"
    table = sources_table(facts)
    assert table["source"].tolist() == ["gov", "wire", "daily", "ru-news", "weekly"]  # by date
    assert table["row"].tolist() == [1, 2, 0, 4, 3]
    assert table["quote"].tolist()[1] == "$53m"


def test_the_same_source_quoting_twice_is_one_source():
    facts = facts_of(row("$52.9 million", 52.9e6, source="wire"), row("52.9 million dollars", 52.9e6, source="wire"),
                     row("$52.9 million", 52.9e6, source="daily"))
    assert summary(facts) == [(52.9e6, 2, 3, False)]


def test_turnover_from_either_side_is_one_fact_but_a_flow_keeps_its_direction():
    facts = facts_of(row("$52.9 million", 52.9e6, reporter="KAZ", partner="SRB"),
                     row("$52.9 million", 52.9e6, reporter="SRB", partner="KAZ", source="b"),
                     row("$30 million", 30e6, indicator="exports", reporter="KAZ", partner="SRB"),
                     row("$30 million", 30e6, indicator="exports", reporter="SRB", partner="KAZ", source="b"))
    assert summary(facts) == [(52.9e6, 2, 2, False), (30e6, 1, 1, False), (30e6, 1, 1, False)]
    assert facts["reporter"].tolist() == ["KAZ", "KAZ", "SRB"]
    assert facts["mirror_of"].isna().all()  # exports both ways are two flows, not mirrors


def test_only_values_of_the_same_indicator_period_and_unit_merge():
    facts = facts_of(row("$52.9 million", 52.9e6),
                     row("$52.9 million", 52.9e6, period=("2022-01", "2022-12")),
                     row("$52.9 million", 52.9e6, indicator="exports"),
                     row("52.9 million euros", 52.9e6, unit="EUR"),
                     row("$52.9 million", 52.9e6, partner="UZB"))
    assert len(facts) == 5 and not facts["conflict"].any()
    assert facts["key_id"].nunique() == 5


# ---------------------------------------------------------------------------------------- conflicts

def test_conflicting_outlets_stay_separate_tied_by_key_and_worded():
    facts = facts_of(row("$52.9 million", 52.9e6, source="gov", published="2022-11-06"),
                     row("$59.2 million", 59.2e6, source="tabloid", published="2022-11-08"),
                     row("52.9 million US dollars", 52.9e6, source="wire", published="2022-11-07"),
                     row("$53m", 53e6, source="daily", published="2022-11-09"))
    assert summary(facts) == [(52.9e6, 3, 3, True), (59.2e6, 1, 1, True)]
    assert facts["key_id"].nunique() == 1 and facts["n_readings"].tolist() == [2, 2]
    assert facts["fact_id"].str.slice(-2).tolist() == [".1", ".2"]
    words = describe_conflicts(facts)
    assert words.index.tolist() == [facts["key_id"][0]]
    assert words.tolist() == ["trade_turnover KAZ-SRB 2022-01..2022-09: 3 outlets say 52.9 M USD, 1 says 59.2 M USD"]


def test_a_rounded_copy_does_not_chain_two_disagreeing_readings():
    # "53 M" agrees with both 52.9 M and 53.4 M, which disagree with each other: it joins one, not both
    facts = facts_of(row("$52.9 million", 52.9e6, source="a"), row("$53 million", 53e6, source="b"),
                     row("$53.4 million", 53.4e6, source="c"))
    assert summary(facts) == [(52.9e6, 2, 2, True), (53.4e6, 1, 1, True)]


def test_touching_intervals_are_two_readings():
    facts = facts_of(row("$52.9 million", 52.9e6, source="a"), row("$53.0 million", 53e6, source="b"))
    assert summary(facts) == [(52.9e6, 1, 1, True), (53e6, 1, 1, True)]


def test_a_hedge_widens_by_one_unit_of_the_last_digit():
    plain = facts_of(row("$53 million", 53e6, source="a"), row("$52.4 million", 52.4e6, source="b"))
    assert plain["conflict"].all()
    about = facts_of(row("about $53 million", 53e6, source="a"), row("$52.4 million", 52.4e6, source="b"))
    assert summary(about) == [(52.4e6, 2, 2, False)]
    flagged = facts_of(row("$53 million", 53e6, source="a", flags="~"), row("$52.4 million", 52.4e6, source="b"))
    assert summary(flagged) == [(52.4e6, 2, 2, False)]
    over = facts_of(row("more than $53 million", 53e6, source="a"), row("$52.4 million", 52.4e6, source="b"))
    assert over["conflict"].all()  # "more than" widens upwards only


def test_no_conflict_across_keys_and_conflict_counts_per_key():
    facts = facts_of(row("$52.9 million", 52.9e6), row("$59.2 million", 59.2e6, source="b"),
                     row("$1.2 billion", 1.2e9, indicator="exports"))
    assert facts["conflict"].tolist() == [True, True, False]
    assert describe_conflicts(facts).size == 1


# ------------------------------------------------------------------------------------------- mirrors

def test_mirror_figures_are_never_merged_but_linked():
    facts = facts_of(row("$30 million", 30e6, indicator="exports", reporter="KAZ", partner="SRB", source="kz-stat"),
                     row("$30 million", 30e6, indicator="imports", reporter="SRB", partner="KAZ", source="rs-stat"),
                     row("$30.0 million", 30e6, indicator="exports", reporter="KAZ", partner="SRB", source="wire"),
                     row("$5 million", 5e6, indicator="trade_balance", reporter="KAZ", partner="SRB"),
                     row("$5 million", -5e6, indicator="trade_balance", reporter="SRB", partner="KAZ", source="b"))
    assert summary(facts) == [(30e6, 2, 2, False), (30e6, 1, 1, False), (5e6, 1, 1, False), (-5e6, 1, 1, False)]
    ids = facts["fact_id"].tolist()
    assert facts["mirror_of"].tolist() == [ids[1], ids[0], ids[3], ids[2]]
    assert facts["precision"].tolist()[3] == 5e5  # the deficit's sign is not in its quote; the digits are


def test_mirror_links_to_the_best_sourced_reading():
    facts = facts_of(row("$30 million", 30e6, indicator="imports", reporter="SRB", partner="KAZ"),
                     row("$41 million", 41e6, indicator="exports", reporter="KAZ", partner="SRB", source="x"),
                     row("$33 million", 33e6, indicator="exports", reporter="KAZ", partner="SRB", source="y"),
                     row("$33 million", 33e6, indicator="exports", reporter="KAZ", partner="SRB", source="z"))
    best = facts.loc[facts["value"] == 33e6, "fact_id"].item()
    assert facts["mirror_of"].tolist()[0] == best


# -------------------------------------------------------------------------------------------- growth

def test_growth_only_rows_merge_on_the_multiplier_within_its_rounding():
    facts = facts_of(row("up 25%", multiplier=1.25, source="a"), row("rose 25.0%", multiplier=1.25, source="b"),
                     row("up 27%", multiplier=1.27, source="c"),
                     row("3.7 times", multiplier=3.7, source="d", period=("2021-01", "2021-09")),
                     row("в 3,7 раза", multiplier=3.7, source="e", lang="ru", period=("2021-01", "2021-09")),
                     row("up 25%", multiplier=1.25, source="f", compared=("2020-01", "2020-09")))
    assert summary(facts) == [(1.25, 2, 2, True), (1.27, 1, 1, True), (3.7, 2, 2, False), (1.25, 1, 1, False)]
    assert facts["measure"].tolist() == ["growth"] * 4
    assert facts["precision"].tolist()[:3] == pytest.approx([0.0005, 0.005, 0.05])
    assert facts["value"].isna().all() and facts["unit"].isna().all()
    assert describe_conflicts(facts).tolist() == [
        "trade_turnover KAZ-SRB 2022-01..2022-09: 2 outlets say +25.0%, 1 says +27%"]


def test_growth_and_level_rows_are_separate_facts_and_a_level_keeps_a_stated_growth():
    facts = facts_of(row("$52.9 million", 52.9e6, source="a"), row("$53m", 53e6, multiplier=3.7, source="b"),
                     row("3.7 times", multiplier=3.7, source="c"))
    assert summary(facts) == [(52.9e6, 2, 2, False), (3.7, 1, 1, False)]
    assert facts["multiplier"].tolist()[0] == 3.7


def test_copies_stating_different_growth_are_flagged():
    facts = facts_of(row("$52.9 million", 52.9e6, multiplier=3.7, source="a"),
                     row("$52.9 million", 52.9e6, multiplier=2.1, source="b"))
    assert len(facts) == 1 and "copies state different growth" in facts["flags"][0]


# ---------------------------------------------------------------------------------- precision sources

def test_precision_from_the_digits_when_the_quote_does_not_write_the_value():
    facts = facts_of(row(None, 53e6, source="a"), row("the turnover", 52.9e6, source="b"),
                     row("$59 million", 59.24e6, source="c"))  # the quote's figure is not this row's value
    assert summary(facts) == [(52.9e6, 2, 2, True), (59.24e6, 1, 1, True)]
    assert facts["precision"].tolist() == pytest.approx([5e4, 5e3])


def test_a_precision_column_is_honoured():
    records = [row("$52.9 million", 52.9e6, source="a"), row("$53 million", 53e6, source="b")]
    frame = to_frame(records).assign(precision=[NAN, 1.0])
    facts = analysis.consolidate(frame)
    assert summary(facts) == [(52.9e6, 1, 1, True), (53e6, 1, 1, True)]


# ------------------------------------------------------------------------------- missing and bad input

def test_rows_that_cannot_be_compared_stay_facts_of_their_own():
    facts = facts_of(row("n/a", source="a"), row("n/a", source="b"),
                     row("$52.9 million", 52.9e6, period=None, source="c"),
                     row("$52.9 million", 52.9e6, period=None, source="d"),
                     row("$52.9 million", 52.9e6, reporter=None, partner=None, source="e"),
                     row("$52.9 million", 52.9e6, unit=None, source="f"))
    assert len(facts) == 6 and facts["n_rows"].eq(1).all() and not facts["conflict"].any()
    assert facts["flags"].tolist() == ["no value to compare", "no value to compare", "no period: not compared",
                                       "no period: not compared", "no reporter: not compared", "no unit: not compared"]
    assert facts["fact_id"].is_unique
    assert facts["low"].isna().all()


def test_a_missing_partner_is_part_of_the_key():
    facts = facts_of(row("$84.4 billion", 84.4e9, indicator="exports", partner=None, source="a"),
                     row("$84 billion", 84e9, indicator="exports", partner=None, source="b"),
                     row("$84.4 billion", 84.4e9, indicator="exports", partner="WLD", source="c"))
    assert summary(facts) == [(84.4e9, 2, 2, False), (84.4e9, 1, 1, False)]


def test_missing_sources_and_dates_count_per_row():
    facts = facts_of(row("$52.9 million", 52.9e6, source=None, published=None),
                     row("$52.9 million", 52.9e6, source=None, published="2022-11-07"))
    assert summary(facts) == [(52.9e6, 2, 2, False)]
    assert (facts["first_reported"][0], facts["last_reported"][0]) == ("2022-11-07", "2022-11-07")


def test_empty_input_gives_the_declared_empty_frame():
    facts = analysis.consolidate(to_frame([]))
    assert facts.empty and list(facts.columns) == list(FACT_COLUMNS)
    assert {c: str(facts[c].dtype) for c in facts} == FACT_COLUMNS
    assert describe_conflicts(facts).empty and sources_table(facts).empty


def test_a_missing_column_is_named():
    frame = to_frame([row("$52.9 million", 52.9e6)]).drop(columns=["value", "quote"])
    with pytest.raises(SchemaError, match="'value', 'quote'"):
        analysis.consolidate(frame)


def test_non_numeric_values_and_non_frames_are_refused():
    frame = to_frame([row("$52.9 million", 52.9e6)]).assign(value=["fifty"])
    with pytest.raises(SchemaError, match="'value' should hold numbers"):
        analysis.consolidate(frame)
    with pytest.raises(TypeError, match="list"):
        analysis.consolidate([row("$52.9 million", 52.9e6)])


def test_validate_facts_names_a_wrong_column():
    facts = facts_of(row("$52.9 million", 52.9e6))
    with pytest.raises(SchemaError, match="'n_sources' should be int64"):
        validate_facts(facts.assign(n_sources=facts["n_sources"].astype(float)))
    with pytest.raises(SchemaError, match="'mirror_of'"):
        validate_facts(facts.drop(columns=["mirror_of"]))


# ------------------------------------------------------------------------------------ frame contract

def test_never_mutates_its_input():
    frame = to_frame([row("$52.9 million", 52.9e6), row("$53m", 53e6, reporter="SRB", partner="KAZ"),
                      row("up 25%", multiplier=1.25), row("n/a")])
    before = frame.copy(deep=True)
    analysis.consolidate(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_output_follows_the_schema():
    facts = facts_of(row("$52.9 million", 52.9e6), row("up 25%", multiplier=1.25))
    assert {c: str(facts[c].dtype) for c in facts} == FACT_COLUMNS
    assert validate_facts(facts) is facts


def test_ids_do_not_depend_on_row_order():
    records = [row("$52.9 million", 52.9e6, source="a"), row("$53m", 53e6, source="b"),
               row("$59.2 million", 59.2e6, source="c"), row("up 25%", multiplier=1.25, source="d"),
               row("$30 million", 30e6, indicator="exports", source="e")]
    one = facts_of(*records).set_index("fact_id")[["value", "multiplier", "n_sources"]].sort_index()
    two = facts_of(*reversed(records)).set_index("fact_id")[["value", "multiplier", "n_sources"]].sort_index()
    pd.testing.assert_frame_equal(one, two)


def test_the_function_is_the_same_whichever_way_it_is_reached():
    import analysis.facts as module
    from analysis import consolidate

    frame = to_frame([row("$52.9 million", 52.9e6)])
    assert consolidate is module.consolidate is analysis.consolidate
    assert len(analysis.consolidate(frame)) == 1


# ---------------------------------------------------------------------------------- generated corpus

def generated(seed=14, keys=300):
    """Rows with a known answer: per key one true value copied in rounded forms, sometimes a wrong copy."""
    rng = random.Random(seed)
    forms = [(lambda x: f"${x:.1f} million", 1), (lambda x: f"{x:.1f} million US dollars", 1),
             (lambda x: f"${x:.0f}m", 0), (lambda x: f"almost {math.ceil(x):.0f} million dollars", 0),
             (lambda x: f"{x:.1f} млн долларов".replace(".", ","), 1)]
    records, truth = [], []
    countries = ["KAZ", "SRB", "UZB", "TUR", "CHN", "DEU"]
    for k in range(keys):
        rep, par = rng.sample(countries, 2)
        period = (f"{2000 + k // 12:04d}-01", f"{2000 + k // 12:04d}-{k % 12 + 1:02d}")
        true = round(rng.uniform(10, 900), 1)
        n = rng.randint(1, 5)
        sources = set()
        for i in range(n):
            form, decimals = forms[0] if i == 0 else rng.choice(forms)
            quote = form(true)
            shown = round(true, decimals) if not quote.startswith("almost") else math.ceil(true)
            swap = rng.random() < 0.5
            src = f"outlet{rng.randint(0, 9)}"
            sources.add(src)
            records.append(row(quote, shown * 1e6, source=src, reporter=par if swap else rep,
                               partner=rep if swap else par, period=period,
                               lang="ru" if "млн" in quote else "en"))
        wrong = rng.random() < 0.2
        if wrong:
            records.append(row(f"${true * 1.3:.1f} million", round(true * 1.3, 1) * 1e6, source="tabloid",
                               reporter=rep, partner=par, period=period))
        truth.append((period, true * 1e6, len(sources), wrong))
    order = list(range(len(records)))
    rng.shuffle(order)
    return to_frame([records[i] for i in order]), truth


def test_generated_rows_come_out_exactly():
    frame, truth = generated()
    facts = analysis.consolidate(frame)
    assert len(facts) == len(truth) + sum(w for *_, w in truth)
    assert facts["n_rows"].sum() == len(frame)
    for period, value, n_sources, wrong in truth:
        here = facts[(facts["period_start"] == period[0]) & (facts["period_end"] == period[1])]
        main = here[(here["value"] - value).abs() < 1e-3]
        assert len(main) == 1, (period, here[["value", "n_sources"]])
        assert main["n_sources"].item() == n_sources
        assert main["conflict"].item() == wrong
        assert len(here) == 1 + wrong


# ------------------------------------------------------------------------------------------------ CLI

def test_cli_consolidates_a_rows_file(tmp_path, capsys):
    from analysis import cli
    from analysis.tables import read_frame, write_frame

    rows = tmp_path / "rows.csv"
    write_frame(to_frame([row("$52.9 million", 52.9e6, source="a"), row("$53m", 53e6, source="b"),
                          row("$59.2 million", 59.2e6, source="c")]), rows)
    out = tmp_path / "facts.csv"
    assert cli.main(["consolidate", str(rows), "-o", str(out)]) == 0
    assert "3 rows, 2 facts, 2 in conflict" in capsys.readouterr().err
    facts = read_frame(out)
    assert facts["value"].tolist() == [52.9e6, 59.2e6] and facts["n_sources"].tolist() == [2, 1]
    assert cli.main(["consolidate", str(rows)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("fact_id,key_id,")


def test_cli_names_a_missing_column_and_file(tmp_path, capsys):
    from analysis import cli

    rows = tmp_path / "rows.csv"
    rows.write_text("source,value\nwire,1\n")
    assert cli.main(["consolidate", str(rows), "-o", str(tmp_path / "f.csv")]) == 2
    assert "'indicator'" in capsys.readouterr().err
    assert cli.main(["consolidate", str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err
