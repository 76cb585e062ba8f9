"""analysis.views.charts: plotly-express-shaped charts of tidy frames (no browser needed)."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.views import charts
from analysis.errors import SchemaError
from analysis.frames import TIDY_COLUMNS, empty_frame, to_frame

NAN = float("nan")


def row(**kw):
    base = dict(source="test-wire", published="2022-11-06", indicator="trade_turnover", reporter="KAZ",
                partner="SRB", period_start="2022-01", period_end="2022-09", value=NAN, unit="USD",
                multiplier=NAN, compared_start=None, compared_end=None, base_value=NAN, base_low=NAN,
                base_high=NAN, quote="", start=0, end=0, lang="en", flags="")
    base.update(kw)
    return base


def seed_frame():
    """The seed observations, hand-made in the tidy shape."""
    return to_frame([
        row(value=52.9e6, multiplier=3.7, compared_start="2021-01", compared_end="2021-09",
            base_value=14.297e6, base_low=14.09e6, base_high=14.51e6, quote="turnover was $52.9 million, 3.7 times"),
        row(indicator="enterprises", period_start=None, period_end=None, value=36.0, unit="count",
            quote="36 joint enterprises"),
    ])


def panel_frame():
    rows = []
    for partner, v in (("SRB", 52.9e6), ("RUS", 24.1e9), ("CHN", 31.2e9), ("UZB", 4.5e9)):
        for year, f in (("2021", 0.8), ("2022", 1.0)):
            rows.append(row(partner=partner, period_start=f"{year}-01", period_end=f"{year}-12", value=v * f,
                            source=f"doc-{partner}-{year}"))
    rows += [row(indicator="exports", value=30e6), row(indicator="imports", value=22.9e6),
             row(indicator="trade_balance", value=7.1e6)]
    return to_frame(rows)


def texts(fig):
    """Every piece of text in a figure: title, annotations, axis titles, trace names and hover data."""
    out = [fig.layout.title.text or ""]
    out += [a.text or "" for a in fig.layout.annotations]
    out += [fig.layout[k].title.text or "" for k in fig.layout if k.startswith(("xaxis", "yaxis"))]
    for t in fig.data:
        out.append(t.name or "")
        if t.customdata is not None:
            out += [str(c) for c in t.customdata]
    return "\n".join(out)


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    (52.9e6, "USD", "en", "52.9 M USD"),
    (52.9e6, "USD", "ru", "52,9 млн долл."),
    (14.297e6, "USD", "en", "14.3 M USD"),
    (1.5e9, "EUR", "ru", "1,5 млрд евро"),
    (36, "count", "en", "36"),
    (25.0, "percent", "en", "25%"),
    (-7.1e6, "USD", "en", "\u22127.1 M USD"),  # a minus sign, not a hyphen
    (NAN, "USD", "en", "–"),
])
def test_format_value(value, unit, lang, expected):
    assert charts.format_value(value, unit, lang) == expected


@pytest.mark.parametrize(("start", "end", "lang", "expected"), [
    ("2022-01", "2022-09", "en", "Jan–Sep 2022"),
    ("2022-01", "2022-09", "ru", "янв.–сент. 2022"),
    ("2022-01", "2022-12", "en", "2022"),
    ("2022-03", "2022-03", "en", "Mar 2022"),
    ("2021-11", "2022-02", "en", "Nov 2021 – Feb 2022"),
])
def test_period_label(start, end, lang, expected):
    assert charts.period_label(start, end, lang) == expected


def test_turnover_chart_draws_the_growth_claim():
    fig = charts.turnover_chart(seed_frame())
    base, reported = fig.data
    assert list(reported.x) == ["Jan–Sep 2022"] and reported.y[0] == pytest.approx(52.9)
    assert list(base.x) == ["Jan–Sep 2021"] and base.y[0] == pytest.approx(14.297)
    # the rounding interval as an asymmetric error bar
    assert base.error_y.array[0] == pytest.approx(14.51 - 14.297)
    assert base.error_y.arrayminus[0] == pytest.approx(14.297 - 14.09)
    assert any(a.text and "×3.7" in a.text for a in fig.layout.annotations)
    assert fig.layout.yaxis.title.text == "million USD"
    assert list(fig.layout.xaxis.categoryarray) == ["Jan–Sep 2021", "Jan–Sep 2022"]
    assert "Source: test-wire" in texts(fig)
    assert fig.layout.template.layout.colorway  # the package template is applied
    assert "52.9 M USD" in texts(fig)


def test_russian_labels_and_separators():
    fig = charts.turnover_chart(seed_frame(), lang="ru")
    t = texts(fig)
    assert "Товарооборот: Казахстан – Сербия" in t and "52,9 млн долл." in t and "×3,7" in t
    assert "Источник" in t
    assert fig.layout.separators.startswith(",")
    assert fig.layout.yaxis.title.text == "млн долл."


def test_flows_chart_mirrors_imports():
    fig = charts.flows_chart(panel_frame())
    by_name = {t.name: t for t in fig.data}
    assert by_name["Exports"].y[0] == pytest.approx(30.0)
    assert by_name["Imports"].y[0] == pytest.approx(-22.9)
    assert by_name["Trade balance"].y[0] == pytest.approx(7.1)
    assert fig.layout.barmode == "overlay"  # duplicates overlap, never add up (issue 13)


def test_partners_chart_ranks_partners_for_one_period():
    fig = charts.partners_chart(panel_frame())
    (bars,) = fig.data
    assert list(bars.y) == ["Serbia", "Uzbekistan", "Russia", "China"]  # ascending: largest on top
    assert "2022" in fig.layout.title.text
    assert fig.layout.xaxis.title.text == "billion USD"


def test_related_chart_uses_subplots_on_a_shared_time_axis():
    fig = charts.related_chart(seed_frame(), indicators=["trade_turnover", "enterprises"])
    assert {t.yaxis for t in fig.data} == {"y", "y2"}  # two panels, not a dual axis
    assert fig.layout.yaxis2.overlaying is None and fig.layout.yaxis.overlaying is None
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x"
    assert fig.layout.xaxis.type == "date"
    # the nine-month total spans its months
    seg = fig.data[0]
    assert str(seg.x[0]).startswith("2022-01-01") and str(seg.x[1]).startswith("2022-09-30")


def test_related_chart_splits_series_news_vs_official():
    news = seed_frame().assign(basis="news")
    official = pd.DataFrame(dict(reporter=["KAZ"] * 2, partner=["SRB"] * 2, indicator=["trade_turnover"] * 2,
                                 period_start=["2021-01", "2022-01"], period_end=["2021-12", "2022-12"],
                                 value=[20e6, 70e6], unit=["USD"] * 2, basis=["reporter"] * 2,
                                 source_name=["stat office"] * 2, source_url=["x"] * 2))
    both = pd.concat([news, official], ignore_index=True)
    fig = charts.related_chart(both, indicators=["trade_turnover"], series="basis")
    assert {t.name for t in fig.data if t.showlegend} == {"News reports", "Official statistics (own side)"}
    assert "stat office" in fig.layout.annotations[-1].text


def test_default_charts_names_and_coverage():
    figs = charts.default_charts(seed_frame())
    assert set(figs) == {"turnover-KAZ-SRB", "related-KAZ-SRB"}
    figs = charts.default_charts(panel_frame(), lang="ru")
    assert {"partners-trade_turnover-KAZ", "panel-trade_turnover-KAZ", "flows-KAZ-SRB"} <= set(figs)
    for name in figs:
        assert all(c.isalnum() or c in "-_." for c in name)
    assert charts.default_charts(empty_frame()) == {}


@pytest.mark.parametrize("fn", [charts.turnover_chart, charts.flows_chart, charts.partners_chart,
                                charts.related_chart, charts.panel_chart])
def test_empty_frame_gives_an_empty_chart_with_a_note(fn):
    fig = fn(empty_frame())
    assert len(fig.data) == 0
    assert any(a.text == "No data for this chart" for a in fig.layout.annotations)


@pytest.mark.parametrize("fn", [charts.turnover_chart, charts.flows_chart, charts.partners_chart,
                                charts.related_chart, charts.panel_chart, charts.default_charts])
def test_missing_column_is_named(fn):
    frame = seed_frame().drop(columns=["value"])
    with pytest.raises(SchemaError, match=r"'value'.*it has .*'indicator'"):
        fn(frame)


@pytest.mark.parametrize("fn", [charts.turnover_chart, charts.related_chart, charts.default_charts])
def test_charts_do_not_mutate_their_input(fn):
    frame = seed_frame()
    before = frame.copy(deep=True)
    fn(frame)
    pd.testing.assert_frame_equal(frame, before)


def test_article_text_is_escaped_in_titles_and_hover():
    evil = "<script>alert('x')</script>"
    frame = seed_frame()
    frame["quote"] = evil
    frame["source"] = "<img src=x onerror=alert(1)>"
    fig = charts.turnover_chart(frame, title="Title <b>not bold</b>")
    blob = json.dumps(fig.to_plotly_json(), default=str)
    assert "<script>" not in blob and "<img" not in blob and "<b>not bold" not in blob
    assert "&lt;script&gt;" in blob and "&lt;img" in blob


def test_bad_lang_is_refused():
    with pytest.raises(ValueError, match="lang"):
        charts.turnover_chart(seed_frame(), lang="de")


def test_importing_analysis_does_not_import_plotly():
    code = "import sys, analysis, analysis.views.charts; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tidy_contract_columns_are_what_the_charts_read():
    needed = {"indicator", "reporter", "partner", "period_start", "period_end", "value", "unit", "multiplier",
              "compared_start", "compared_end", "base_value", "base_low", "base_high", "quote", "source"}
    assert needed <= set(TIDY_COLUMNS)


def test_panel_chart_small_multiples_by_partner():
    fig = charts.panel_chart(panel_frame(), series="source")
    titles = [a.text for a in fig.layout.annotations if a.text in {"Serbia", "Russia", "China", "Uzbekistan"}]
    assert sorted(titles) == ["China", "Russia", "Serbia", "Uzbekistan"]
    assert {t.yaxis for t in fig.data} == {"y", "y2", "y3", "y4"}
    empty = charts.panel_chart(panel_frame(), partners=["FRA"])
    assert any(a.text == "No data for this chart" for a in empty.layout.annotations)


def test_money_in_different_currencies_is_never_put_on_one_axis():
    frame = panel_frame()
    frame.loc[frame["partner"] == "CHN", "unit"] = "EUR"
    fig = charts.partners_chart(frame)
    assert "China" not in list(fig.data[0].y)
    assert "1 row(s) in other units not shown" in texts(fig)  # China 2022, in EUR
    panel = charts.panel_chart(frame)
    assert "China" in texts(panel)  # its own panel, in its own unit
    titles = [panel.layout[k].title.text for k in panel.layout if k.startswith("yaxis")]
    assert "billion EUR" in titles and "billion USD" in titles


def test_long_source_lists_are_shortened():
    frame = pd.concat([panel_frame()] * 6, ignore_index=True)
    frame["source"] = [f"A rather long source name number {i}" for i in range(len(frame))]
    note = charts.partners_chart(frame).layout.annotations[-1].text
    lines = note.split("<br>")
    assert len(lines) <= 3 and all(len(x) <= 130 for x in lines) and "more" in lines[-1]


# --- issue 13: what a newspaper would publish ----------------------------------------------------
def _note(fig):
    return next(a.text for a in fig.layout.annotations if a.name == "source-note")


def test_source_notes_name_outlets_and_dates_never_paths_urls_or_code():
    frame = to_frame([
        row(source="https://www.inform.kz/en/kazakhstan-and-serbia_a3998179", value=52.9e6),
        row(source="/home/me/news/kz-2022.html", published="2022-12-01", period_start="2021-01",
            period_end="2021-12", value=40e6),
        row(source="https://en.trend.az/casia/kazakhstan/3901538.html", published="2023-03-01",
            period_start="2020-01", period_end="2020-12", value=30e6),
    ])
    frame["source_name"] = [None, None, None]
    official = to_frame([row(period_start="2019-01", period_end="2019-12", value=20e6, published=None)])
    official["source_name"] = "BNS dataset 446905 as processed in github.com/a/b data/x.csv @793f9b92714b45"
    fig = charts.turnover_chart(pd.concat([frame, official], ignore_index=True))
    note = _note(fig)
    assert note == "Sources: Kazinform, 6 Nov 2022; Trend, 1 Mar 2023; BNS dataset 446905"
    for bad in ("://", "www.", "/home", ".html", "github", "@793f", "analysis."):
        assert bad not in note
    ru = _note(charts.turnover_chart(frame, lang="ru"))
    assert ru == "Источники: Казинформ, 6 нояб. 2022; Тренд, 1 марта 2023"


def test_a_long_source_note_wraps_to_three_lines_and_counts_the_rest():
    frame = to_frame([row(source=f"Outlet number {i} with a long name", published=f"2023-{1 + i % 12:02d}-0{1 + i % 9}",
                          period_start=f"{2000 + i}-01", period_end=f"{2000 + i}-12", value=1e9 + i)
                      for i in range(20)])
    fig = charts.turnover_chart(frame)
    lines = _note(fig).split("<br>")
    assert len(lines) == 3 and all(len(x) <= 130 for x in lines)
    assert lines[0].startswith("Sources: Outlet number 0 with a long name, ")
    assert lines[-1].endswith(" more") and "and" in lines[-1]
    # the bottom margin makes room for every line
    assert fig.layout.margin.b >= 112 + 15 * 3


def _x_range(fig):
    """The x range plotly would draw, computed by plotly itself (no browser)."""
    full = fig.full_figure_for_development(warn=False)
    return full.layout.xaxis.type, list(full.layout.xaxis.range)


@pytest.mark.browser  # full_figure_for_development runs kaleido
def test_plain_year_growth_bars_lie_inside_the_axis():
    frame = to_frame([
        row(period_start="2022-01", period_end="2022-12", value=5e9),
        row(period_start="2023-01", period_end="2023-12", value=6.2e9, multiplier=1.24,
            compared_start="2022-01", compared_end="2022-12", base_value=5e9, base_low=4.98e9, base_high=5.02e9),
    ])
    fig = charts.turnover_chart(frame)
    kind, (lo, hi) = _x_range(fig)
    assert kind == "category"
    # two categories sit at 0 and 1: the range must hold them, not stretch to the year numbers
    assert lo < 0 and hi > 1 and hi - lo < 4


@pytest.mark.browser  # full_figure_for_development runs kaleido
def test_partial_and_full_years_bars_lie_inside_the_axis():
    frame = to_frame([
        row(period_start="2021-01", period_end="2021-09", value=14e6),
        row(period_start="2022-01", period_end="2022-09", value=52.9e6),
        row(period_start="2022-01", period_end="2022-12", value=70e6),
    ])
    fig = charts.turnover_chart(frame)
    kind, (lo, hi) = _x_range(fig)
    # one category per year; inside it, "Jan–Sep" and "Full year" side by side, never one series
    assert kind == "category" and list(fig.layout.xaxis.categoryarray) == ["2021", "2022"]
    assert {t.name for t in fig.data} == {"Jan–Sep", "Full year"}
    for t in fig.data:
        for x in t.x:
            left = list(fig.layout.xaxis.categoryarray).index(x) + t.offset
            assert lo <= left and left + t.width <= hi
    assert "Each colour covers the same months of every year" in fig.layout.title.subtitle.text


def test_the_same_figure_from_two_outlets_is_not_stacked():
    frame = to_frame([
        row(source="https://a.example/1", indicator="exports", reporter="DEU", partner="CHN",
            period_start="2022-01", period_end="2022-12", value=97.3e9, unit="EUR"),
        row(source="https://b.example/2", indicator="exports", reporter="DEU", partner="CHN",
            period_start="2022-01", period_end="2022-12", value=97.3e9, unit="EUR"),
    ])
    fig = charts.flows_chart(frame)
    exports = [t for t in fig.data if t.name == "Exports"][0]
    assert list(exports.y) == [pytest.approx(97.3)]
    assert fig.layout.barmode != "relative" and fig.layout.barmode != "stack"


def test_turnover_of_a_pair_in_either_order_is_one_fact():
    frame = to_frame([
        row(reporter="KAZ", partner="CHN", period_start="2022-01", period_end="2022-12", value=24e9),
        row(reporter="CHN", partner="KAZ", period_start="2022-01", period_end="2022-12", value=24e9),
    ])
    assert len(charts._distinct_facts(frame)) == 1


def test_no_question_marks_for_an_unknown_partner():
    frame = to_frame([row(partner=None, value=5e9)])
    for lang, word in (("en", "unknown partner"), ("ru", "партнёр не указан")):
        fig = charts.turnover_chart(frame, lang=lang)
        assert "?" not in fig.layout.title.text and word in fig.layout.title.text


def test_copies_from_several_outlets_are_drawn_once_and_counted():
    frame = to_frame([row(source="a.example", value=52.9e6, quote="$52.9 million"),
                      row(source="b.example", published="2022-11-07", value=53e6, quote="$53 million"),
                      row(period_start="2021-01", period_end="2021-09", value=14.3e6, quote="$14.3 million")])
    fig = charts.turnover_chart(frame)
    bars = [t for t in fig.data if t.name == "Reported"]
    assert sorted(y for t in bars for y in t.y) == [pytest.approx(14.3), pytest.approx(52.9)]
    assert "reported by 2 outlets" in texts(fig)
    assert "a.example" in texts(fig) and "b.example" in texts(fig)


def test_one_value_is_a_card_with_its_period():
    fig = charts.turnover_chart(to_frame([row(period_start="2020-01", period_end="2020-12", value=30e6)]))
    assert len(fig.data) == 0
    t = texts(fig)
    assert "30 M USD" in t and "Kazakhstan – Serbia, 2020" in t


def test_flows_title_names_only_what_is_drawn():
    only = to_frame([row(indicator="exports", period_start="2022-01", period_end="2022-12", value=5e9)] * 1
                    + [row(indicator="exports", period_start="2021-01", period_end="2021-12", value=4e9)])
    assert charts.flows_chart(only).layout.title.text.startswith("Exports:")
    both = to_frame([row(indicator="exports", period_start="2022-01", period_end="2022-12", value=5e9),
                     row(indicator="imports", period_start="2022-01", period_end="2022-12", value=3e9)])
    fig = charts.flows_chart(both)
    assert fig.layout.title.text.startswith("Exports, imports and balance")
    balance = [t for t in fig.data if t.name == "Balance (exports − imports)"][0]
    assert list(balance.y) == [pytest.approx(2.0)]


def test_a_pair_reported_from_either_side_is_one_turnover_chart():
    frame = to_frame([row(reporter="KAZ", partner="CHN", period_start="2022-01", period_end="2022-12", value=24e9),
                      row(reporter="CHN", partner="KAZ", period_start="2022-01", period_end="2022-12", value=31.2e9,
                          source="other"),
                      row(reporter="KAZ", partner="CHN", period_start="2021-01", period_end="2021-12", value=21e9)])
    figs = charts.default_charts(frame)
    assert [k for k in figs if k.startswith("turnover")] == ["turnover-KAZ-CHN"]


def test_series_words_follow_the_language():
    official = pd.DataFrame(dict(reporter=["KAZ"] * 2, partner=["SRB"] * 2, indicator=["trade_turnover"] * 2,
                                 period_start=["2022-01"] * 2, period_end=["2022-12"] * 2, value=[70e6, 400e6],
                                 unit=["USD"] * 2, basis=["reporter", "mirror"], source_name=["x"] * 2))
    fig = charts.panel_chart(official, series="basis", lang="ru")
    assert {t.name for t in fig.data if t.showlegend} == {"Официальная статистика (своя сторона)",
                                                           "Статистика партнёра (зеркальная)"}


# --- gallery review: what an editor would still reject -------------------------------------------
def two_years():
    return to_frame([
        row(period_start="2022-01", period_end="2022-12", value=5e9, reporter="KAZ", partner="CHN"),
        row(period_start="2023-01", period_end="2023-12", value=6.2e9, reporter="KAZ", partner="CHN", multiplier=1.24,
            compared_start="2022-01", compared_end="2022-12", base_value=5e9, base_low=4.94e9, base_high=5.06e9),
    ])


def test_growth_on_a_reported_year_is_a_percent_change_not_an_implied_bar():
    fig = charts.turnover_chart(two_years())
    # two visible bars, no hidden implied base under the reported 2022 and no legend for it
    assert [t.name for t in fig.data] == ["Reported"]
    assert list(fig.data[0].y) == [pytest.approx(5.0), pytest.approx(6.2)]
    assert not fig.layout.showlegend
    assert fig.layout.xaxis.type == "category" and list(fig.layout.xaxis.categoryarray) == ["2022", "2023"]
    labels = [a.text for a in fig.layout.annotations if a.name == "multiplier"]
    assert labels == ["<b>+24%</b>"]
    arrow = [a for a in fig.layout.annotations if a.name == "growth-arrow"][0]
    assert -0.5 < arrow.ax < 1.5 and -0.5 < arrow.x < 1.5  # category positions, not the year numbers
    assert "6.2 bn USD in 2023: +24% on 2022 (5 bn USD)" in fig.layout.title.subtitle.text
    assert "implied" not in texts(fig).lower()


def test_change_words_in_russian_and_multiples():
    from analysis.views.labels import change_text

    assert change_text(3.7, "en") == "×3.7" and change_text(0.92, "en") == "−8%"
    fig = charts.turnover_chart(two_years(), lang="ru")
    assert "<b>+24\u202f%</b>" in [a.text for a in fig.layout.annotations]
    assert "6,2 млрд долл. за 2023: +24\u202f% к 2022 (5 млрд долл.)" in fig.layout.title.subtitle.text


def test_turnover_value_labels_are_readable():
    fig = charts.turnover_chart(two_years())
    assert fig.data[0].textfont.size >= 14 and list(fig.data[0].text) == ["5 bn USD", "6.2 bn USD"]


def test_flows_ticks_show_sizes_and_the_subtitle_promises_only_what_is_drawn():
    both = to_frame([row(indicator="exports", period_start="2023-01", period_end="2023-12", value=1.2e9),
                     row(indicator="imports", period_start="2023-01", period_end="2023-12", value=2.1e9),
                     row(indicator="imports", period_start="2022-01", period_end="2022-12", value=1.9e9)])
    fig = charts.flows_chart(both)
    # imports hang below the line but their ticks are sizes, never negative numbers
    assert min(fig.layout.yaxis.tickvals) < 0 and not any(t.startswith(("-", "−")) for t in fig.layout.yaxis.ticktext)
    balance = [t for t in fig.data if t.name == "Balance (exports − imports)"][0]
    assert list(balance.text) == ["−900 M USD"]
    assert "imports below" in fig.layout.title.subtitle.text
    only = charts.flows_chart(to_frame([row(indicator="exports", period_start="2022-01", period_end="2022-12",
                                            value=97.3e9, unit="EUR")]))
    assert "imports" not in only.layout.title.subtitle.text.lower() and only.layout.title.text.startswith("Exports:")


def news_beside_official():
    news = to_frame([row(reporter="KAZ", partner="CHN", period_start="2022-01", period_end="2022-12", value=24e9)])
    news["basis"] = "news"
    official = pd.DataFrame(dict(reporter=["KAZ"] * 3, partner=["CHN"] * 3, indicator=["trade_turnover"] * 3,
                                 period_start=["2021-01", "2022-01", "2022-01"], period_end=["2021-12", "2022-12", "2022-12"],
                                 value=[18e9, 24.2e9, 31.2e9], unit=["USD"] * 3, basis=["reporter", "reporter", "mirror"],
                                 source_name=["Bureau of National Statistics"] * 2 + ["China customs"]))
    return pd.concat([news, official], ignore_index=True)


def test_news_own_side_and_mirror_are_visibly_different_series():
    fig = charts.related_chart(news_beside_official(), series="basis")
    legend = {t.name: t for t in fig.data if t.showlegend}
    assert set(legend) == {"News reports", "Official statistics (own side)", "Partner's statistics (mirror)"}
    symbols = {t.marker.symbol for t in legend.values()}
    lines = {t.name: t.line.dash for t in fig.data if t.mode == "lines"}
    assert len(symbols) == 3 and len(set(lines.values())) == 3
    # news is drawn last: a news figure equal to an official one stays visible
    assert fig.data[-1].name == "News reports"


def test_one_panel_has_no_subplot_title_over_the_legend_and_years_tick_as_years():
    fig = charts.related_chart(news_beside_official(), series="basis")
    assert [a.name for a in fig.layout.annotations] == ["source-note"]
    assert fig.layout.xaxis.tickformat == "%Y" and fig.layout.xaxis.dtick == "M12"


# --- issue 13: language, one value, partial years, series ----------------------------------------
def _ru_rows():
    return to_frame([row(lang="ru", value=28.2e9, period_start="2022-01", period_end="2022-12", source="Казинформ",
                         published="2024-02-05"),
                     row(lang="ru", value=21.0e9, period_start="2023-01", period_end="2023-09", source="Казинформ",
                         published="2024-02-05"),
                     row(lang="ru", indicator="exports", value=9.3e9, period_start="2023-01", period_end="2023-12",
                         source="Курсив", published="2024-02-10")])


def test_chart_words_follow_the_language_the_rows_were_read_in():
    frame = _ru_rows()
    for fig in charts.default_charts(frame).values():
        words = texts(fig)
        for english in ("Trade turnover", "Source", "Exports", "Period", "billion", "Each line", "Jan", "Nov"):
            assert english not in words, (english, fig.layout.title.text)
    panel = charts.related_chart(frame)
    assert "Товарооборот" in panel.layout.title.text and "Источники: Казинформ, 5 февр. 2024" in texts(panel)
    # a date axis over parts of years: ticks in the language's month words, not plotly's English ones
    ticks = [t for k in panel.layout if k.startswith("xaxis") for t in (panel.layout[k].ticktext or [])]
    assert ticks and all(not any(m in t for m in ("Jan", "Apr", "Jul", "Oct")) for t in ticks)
    assert "янв. 2022" in ticks or "2022" in ticks
    assert "Trade turnover" in charts.related_chart(frame, lang="en").layout.title.text  # asked for: English


def test_one_value_on_a_time_axis_is_a_card_not_a_lone_marker():
    frame = to_frame([row(value=3.1e9, unit="EUR", reporter="SRB", partner="HUN", period_start="2023-01",
                          period_end="2023-12")])
    for fig in (charts.related_chart(frame), charts.panel_chart(frame), charts.turnover_chart(frame)):
        names = [a.name for a in fig.layout.annotations]
        assert "card-value" in names and not fig.data, fig.layout.title.text
        assert "3.1 bn EUR" in texts(fig) and "2023" in texts(fig)


def test_a_subplot_with_one_figure_writes_it_and_its_period_beside_the_marker():
    fig = charts.related_chart(seed_frame())  # one turnover figure, one enterprises count
    labelled = [t for t in fig.data if t.mode == "markers+text"]
    shown = [str(x) for t in labelled for x in t.text]
    assert "52.9 M USD (Jan–Sep 2022)" in shown and "36 (Nov 2022)" in shown


def test_parts_of_a_year_are_labelled_on_the_time_axis_and_gaps_stay_visible():
    frame = to_frame([row(value=v, period_start=a, period_end=b) for v, a, b in (
        (4.2e9, "2020-01", "2020-12"), (2.6e9, "2022-01", "2022-06"), (3.9e9, "2022-01", "2022-09"),
        (5.6e9, "2022-01", "2022-12"))])
    fig = charts.related_chart(frame)
    marks = next(t for t in fig.data if t.mode == "markers+text")
    assert list(marks.text) == ["", "Jan–Jun", "Jan–Sep", ""]
    lines = next(t for t in fig.data if t.mode == "lines")
    starts = [x for x in lines.x[0::3]]
    assert all(str(s)[:4] != "2021" for s in starts)  # no figure for 2021: nothing is drawn there
    # the bar chart keeps the spans apart: a slot per span, 2021 an empty category, bars inside the axis
    bars = charts.turnover_chart(frame)
    assert list(bars.layout.xaxis.categoryarray) == ["2020", "2021", "2022"]
    assert sorted(t.name for t in bars.data) == ["Full year", "Jan–Jun", "Jan–Sep"]
    lo, hi = bars.layout.yaxis.range
    assert all(lo <= y <= hi for t in bars.data for y in t.y)


def test_own_side_mirror_and_news_figures_are_separate_series_in_the_turnover_chart():
    frame = to_frame([row(value=24e9, partner="CHN", period_start="2022-01", period_end="2022-12"),
                      row(value=24e9, partner="CHN", period_start="2022-01", period_end="2022-12"),
                      row(value=31.2e9, partner="CHN", period_start="2022-01", period_end="2022-12")])
    frame["basis"] = ["reporter", "reporter", "mirror"]
    fig = charts.turnover_chart(frame)
    legend = [t.name for t in fig.data if t.showlegend]
    assert legend == ["Official statistics (own side)", "Partner's statistics (mirror)"]
    ys = [y for t in fig.data if t.mode and "markers" in t.mode for y in t.y]
    assert sorted(ys) == [24.0, 31.2]  # the two copies of 24 bn are one figure, nothing adds up to 48


def test_another_outlets_figure_is_one_legend_entry_and_the_world_is_not_a_partner():
    frame = to_frame([row(source="a", value=52.9e6, period_start="2022-01", period_end="2022-09"),
                      row(source="b", value=59.2e6, period_start="2022-01", period_end="2022-09"),
                      row(source="a", value=70e6, period_start="2022-01", period_end="2022-12"),
                      row(source="b", value=80e6, period_start="2022-01", period_end="2022-12")])
    fig = charts.turnover_chart(frame)
    others = [t for t in fig.data if t.name == "Another outlet's figure"]
    assert len(others) == 2 and [t.showlegend for t in others].count(False) == 1
    ranked = charts.partners_chart(pd.concat([panel_frame(), to_frame([row(partner="WLD", value=1e12,
                                              period_start="2022-01", period_end="2022-12")])]))
    assert "World" not in list(ranked.data[0].y)


def test_a_source_named_twice_with_more_detail_is_listed_once():
    from analysis.views.notes import source_note

    frame = pd.DataFrame({"source_name": ["Kazinform (RU), 10 Feb 2026 (talks)", "Kazinform (RU), 10 Feb 2026",
                                          "Trend", "Trend, citing the ministry"]})
    assert source_note(frame) == "Sources: Kazinform (RU), 10 Feb 2026; Trend"


def main_job_frame():
    """What `trade-analysis run` charts: the seed's rows beside the bundled figures for the pair."""
    import analysis
    from analysis import cli, datasets

    rows = analysis.extract(datasets.seed_text(), source="Kazinform", published="2022-11-06")
    return pd.concat([rows.assign(basis="reported"), cli._official_rows(rows)], ignore_index=True)


def test_the_main_job_keeps_the_basis_of_the_bundled_rows():
    frame = main_job_frame()
    bundled = frame[frame["flags"] == "official"]
    assert set(bundled["basis"]) == {"reported", "reporter"}
    assert set(bundled.loc[bundled["basis"] == "reporter", "source"]) == {
        "Bureau of National Statistics of Kazakhstan, foreign trade by country"}
    assert (bundled["statistics"] if "statistics" in bundled else bundled["reporter"]).eq("KAZ").all()


def test_the_main_job_turnover_tells_statistics_from_news_quotes_and_keeps_the_claim():
    fig = charts.turnover_chart(main_job_frame())
    stats = [t for t in fig.data if t.name == "Official statistics (own side)"]
    assert len(stats) == 1 and stats[0].showlegend is not False
    drawn = sorted(round(b + y / 2, 2) for b, y in zip(stats[0].base, stats[0].y))
    assert drawn == [15.72, 20.83, 22.85, 73.97, 91.17]      # the BNS series, million USD
    bars = [y for t in fig.data if t not in stats and t.legendgroup != "base" for y in t.y]
    assert 73.8 in bars and 52.9 in bars and not any(abs(y - 73.97) < 0.01 for y in bars)  # quotes are no statistics
    # the claim stays drawn: the hatched implied base and the arrow labelled ×3.7
    assert any(t.marker.pattern.shape == "/" for t in fig.data if t.legendgroup == "base")
    assert "<b>×3.7</b>" in [a.text for a in fig.layout.annotations]


def _label_spans(fig):
    """(left, right, text) in pixels of every bar's value label, as the chart places them on an 800 px plot."""
    from analysis.views.layout import text_px

    cats = list(fig.layout.xaxis.categoryarray)
    px = 800 / len(cats)
    out = []
    for t in fig.data:
        if t.type != "bar" or t.text is None:
            continue
        offsets = t.offset if isinstance(t.offset, (list, tuple)) else [t.offset] * len(t.x)
        for x, off, text in zip(t.x, offsets, t.text):
            if not text:
                continue
            centre = (cats.index(x) + 0.5 + off + t.width / 2) * px
            wide = 14 if t.textangle == -90 else text_px(text, t.textfont.size or 14)
            out.append((centre - wide / 2, centre + wide / 2, text))
    for a in fig.layout.annotations:   # a label lifted above a slot's highest mark
        if a.name == "value-label":
            centre = (a.x + 0.5) * px
            wide = text_px(a.text, 14)
            out.append((centre - wide / 2, centre + wide / 2, a.text))
    return sorted(out)


@pytest.mark.parametrize("make", ["main_job", "two_years", "partial_full"])
def test_value_labels_never_overlap_one_another(make):
    frame = {"main_job": main_job_frame, "two_years": two_years,
             "partial_full": lambda: to_frame([row(period_start="2021-01", period_end="2021-09", value=14e6),
                                               row(period_start="2022-01", period_end="2022-09", value=52.9e6),
                                               row(period_start="2022-01", period_end="2022-12", value=70e6)])}[make]()
    spans = _label_spans(charts.turnover_chart(frame))
    assert spans and all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    if make == "main_job":  # thin bars: the claim's figure is labelled, up its bar
        assert [s[2] for s in spans] == ["52.9 M USD"]


# --- a width the caller chooses: the note, subtitle and title wrap inside it -----------------------
def long_note_frame():
    return to_frame([row(source=f"Outlet number {i} with a long name", published=f"2023-{1 + i % 12:02d}-0{1 + i % 9}",
                         period_start=f"{2000 + i}-01", period_end=f"{2000 + i}-12", value=1e9 + i)
                     for i in range(20)])


@pytest.mark.parametrize("width", [420, 500, 700, 900, 1200])
def test_a_resized_chart_wraps_its_note_inside_the_width(width):
    from analysis.views.layout import resize

    fig = charts.turnover_chart(long_note_frame())
    words = " ".join(_note(fig).split("<br>")).split(" ")
    small = resize(fig, width=width)
    assert (fig.layout.width, small.layout.width) == (900, width)   # the caller's chart is left as it was
    lines = _note(small).split("<br>")
    assert " ".join(lines).split(" ") == words            # every word kept, in order: wrapped, never cut
    room = width - 70                                        # the note starts at the plot's left edge (margin 70)
    # 5.2 px a character is more than Arial's average at 11 px (about 5.0 in the PNGs): such a line fits
    assert all(len(x) * 5.2 <= room for x in lines), [(len(x), room) for x in lines]
    assert small.layout.margin.b >= 92 + 15 * len(lines) + 10     # and the bottom margin holds every line
    subtitle = small.layout.title.subtitle.text.split("<br>")
    assert all(len(x) * 7.4 <= width - 16 for x in subtitle)
    if width < 900:
        assert len(lines) > 3 and small.layout.height > fig.layout.height


def test_resize_keeps_a_height_the_caller_gives_and_wraps_all_the_same():
    from analysis.views.layout import resize

    fig = resize(main_job_frame().pipe(charts.turnover_chart), width=500, height=700)
    assert (fig.layout.width, fig.layout.height) == (500, 700)
    assert all(len(x) * 5.2 <= 500 - 70 for x in _note(fig).split("<br>"))


def _ink_box(png: bytes, bottom: int = 120):
    """(width, height, last inked row, rightmost inked column in the lowest `bottom` rows) of a PNG."""
    from tests.test_export import png_pixels

    width, height, pixels, bpp = png_pixels(png)
    white = b"\xff\xff\xff"
    ink = lambda y, x: pixels[y][x * bpp:x * bpp + 3] != white  # noqa: E731
    last = max(y for y in range(height) if any(ink(y, x) for x in range(width)))
    right = max([x for y in range(height - bottom, height) for x in range(width) if ink(y, x)] or [0])
    return width, height, last, right


@pytest.mark.browser
def test_a_resized_chart_png_has_its_note_inside_the_image(tmp_path):
    from analysis.views.export import write_charts
    from analysis.views.layout import resize

    fig = resize(charts.turnover_chart(long_note_frame()), width=500)
    (png,) = write_charts({"narrow": fig}, tmp_path, formats=("png",), progress=False)
    lines = _note(fig).count("<br>") + 1
    width, height, last, right = _ink_box(png.read_bytes(), bottom=fig.layout.margin.b - 92)
    assert (width, height) == (500, fig.layout.height) and lines >= 5
    assert right < width - 10                         # the note's lines end inside the image, none runs off
    assert height - 15 * 8 < last < height - 8        # its last line is there, above the bottom edge


@pytest.mark.browser
def test_write_charts_with_a_width_wraps_the_note_inside_the_image(tmp_path):
    from analysis.views.export import write_charts
    from analysis.views.layout import resize

    fig = charts.turnover_chart(long_note_frame())
    before = fig.to_json()
    png, page = write_charts({"narrow": fig}, tmp_path, formats=("png", "html"), width=500, progress=False)
    assert fig.to_json() == before                     # the caller's chart is drawn from a copy
    want = resize(fig, width=500)
    width, height, last, right = _ink_box(png.read_bytes(), bottom=want.layout.margin.b - 92)
    assert (width, height) == (500, want.layout.height) and right < width - 10   # no note line runs off
    assert height - 15 * 8 < last < height - 8        # and the last one is there, above the bottom edge
    html = page.read_text(encoding="utf-8")
    assert '"width":500' in html and _note(want).split("<br>")[1] in html    # the page is wrapped the same way


def test_partial_spans_never_take_the_full_years_blue():
    frame = to_frame([row(period_start="2023-01", period_end=end, value=v)
                      for end, v in (("2023-06", 13.6e9), ("2023-09", 21.7e9), ("2023-10", 24.3e9), ("2023-12", 30e9))])
    fig = charts.turnover_chart(frame)
    colors = {t.name: t.marker.color for t in fig.data}
    assert len(set(colors.values())) == 4 and colors["Full year"] == "#3360a9"
    assert not any(c in ("#3360a9", "#286bbb") for n, c in colors.items() if n != "Full year")


def test_partners_are_ranked_by_statistics_when_news_quotes_are_beside_them():
    frame = pd.DataFrame(dict(reporter=["KAZ"] * 5, partner=["CHN", "RUS", "CHN", "CHN", "CHN"],
                              indicator=["trade_turnover"] * 5, period_start=["2023-01"] * 4 + ["2024-01"],
                              period_end=["2023-12"] * 4 + ["2024-12"], value=[30e9, 27e9, 41e9, 31.5e9, 44e9],
                              unit=["USD"] * 5, basis=["reporter", "reporter", "reported", "reported", "reported"],
                              source_name=["BNS"] * 5))
    fig = charts.partners_chart(frame)
    assert list(fig.data[0].x) == [27, 30] and "2023" in fig.layout.title.text


def test_a_label_stands_above_another_reading_or_a_statistic_in_its_slot():
    news = to_frame([row(partner="CHN", period_start="2022-01", period_end="2022-12", value=24e9, source="a"),
                     row(partner="CHN", period_start="2022-01", period_end="2022-12", value=31.2e9, source="b"),
                     row(partner="CHN", period_start="2021-01", period_end="2021-12", value=18e9, source="c")])
    official = pd.DataFrame(dict(reporter=["KAZ"], partner=["CHN"], indicator=["trade_turnover"],
                                 period_start=["2021-01"], period_end=["2021-12"], value=[18.9e9], unit=["USD"],
                                 basis=["reporter"], source_name=["BNS"]))
    fig = charts.turnover_chart(pd.concat([news.assign(basis="reported"), official], ignore_index=True))
    lifted = {a.text: a.y for a in fig.layout.annotations if a.name == "value-label"}
    assert lifted == {"24 bn USD": pytest.approx(31.2), "18 bn USD": pytest.approx(18.9)}
    assert not [t for t in fig.data if t.text is not None and any(t.text)]   # no second label on those bars
    spans = _label_spans(fig)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_part_of_year_label_moves_below_its_line_when_another_line_runs_just_above():
    frame = to_frame([row(partner="CHN", period_start="2023-01", period_end="2023-09", value=21.7e9),
                      row(partner="CHN", period_start="2023-01", period_end="2023-12", value=24.2e9),
                      row(partner="CHN", period_start="2022-01", period_end="2022-12", value=24e9),
                      row(partner="CHN", period_start="2023-01", period_end="2023-06", value=13.6e9)])
    fig = charts.related_chart(frame)
    marks = [t for t in fig.data if t.mode and "text" in t.mode][0]
    where = dict(zip(marks.text, marks.textposition))
    assert where["Jan–Sep"] == "bottom center" and where["Jan–Jun"] == "top center"
