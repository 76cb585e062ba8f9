"""analysis.views.display: highlighted text, Figure and extraction reprs, the explorer widget."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

import analysis
from analysis.views import display
from analysis.frames import to_frame

NAN = float("nan")
TEXT = "Trade between A and B reached $52.9 million, 3.7 times more. There are 36 joint firms <script>x()</script>."


def frame_for(text):
    q1 = "$52.9 million, 3.7 times"
    q2 = "36 joint firms"
    s1, s2 = text.index(q1), text.index(q2)
    common = dict(source="t", published="2022-11-06", reporter="KAZ", partner="SRB", compared_start=None,
                  compared_end=None, base_value=NAN, base_low=NAN, base_high=NAN, lang="en", flags="",
                  multiplier=NAN, period_start=None, period_end=None)
    return to_frame([
        dict(common, indicator="trade_turnover", value=52.9e6, unit="USD", multiplier=3.7, quote=q1, start=s1,
             end=s1 + len(q1), period_start="2022-01", period_end="2022-09"),
        dict(common, indicator="enterprises", value=36.0, unit="count", quote=q2, start=s2, end=s2 + len(q2)),
    ])


def test_highlight_marks_each_quote_with_its_indicator():
    out = display.highlight(TEXT, frame_for(TEXT))._repr_html_()
    assert out.count("<mark") == 2
    assert "$52.9 million, 3.7 times<span" in out and "Trade turnover · 52.9 M USD · ×3.7" in out
    assert "Enterprises · 36" in out


def test_highlight_escapes_article_text():
    out = display.highlight(TEXT, frame_for(TEXT)).to_html()
    assert "<script>x()" not in out and "&lt;script&gt;x()&lt;/script&gt;" in out


def test_highlight_falls_back_to_the_quote_when_offsets_are_wrong():
    frame = frame_for(TEXT).assign(start=0, end=3)
    out = display.highlight(TEXT, frame).to_html()
    assert out.count("<mark") == 2


def test_highlight_with_no_rows_is_the_escaped_text():
    out = display.highlight("a < b", to_frame([])).to_html()
    assert "a &lt; b" in out and "<mark" not in out


def test_highlight_is_the_public_name():
    assert analysis.highlight is display.highlight


def test_highlight_does_not_mutate_the_frame():
    frame = frame_for(TEXT)
    before = frame.copy(deep=True)
    display.highlight(TEXT, frame)
    pd.testing.assert_frame_equal(frame, before)


@dataclass(frozen=True)
class FakeFigure:  # the attributes analysis.Figure promises
    value: float = 52.9e6
    unit: str = "USD"
    multiplier: float = 1e6
    kind: str = "money"
    raw: str = "52.9 million <b>dollars</b>"
    span: tuple = (0, 26)
    precision: float = 0.05e6


def test_figure_html_shows_the_value_and_escapes_raw():
    out = display.figure_html(FakeFigure())
    assert "52.9 M USD" in out and "&lt;b&gt;dollars&lt;/b&gt;" in out and "<b>dollars" not in out
    ratio = display.figure_html(FakeFigure(value=3.7, unit="ratio", kind="ratio", raw="3.7 times"))
    assert "×3.7" in ratio


def test_extraction_repr_has_text_and_table():
    ex = display.Extraction(TEXT, frame_for(TEXT))
    out = ex._repr_html_()
    assert "<mark" in out and "<table" in out and "2 rows" in out
    assert "<script>x()" not in out
    assert "2 rows" in repr(ex)


def test_explorer_builds_a_widget_and_updates(monkeypatch):
    calls = []

    def fake_extract(text, published=None, source=None):
        calls.append(text)
        return frame_for(TEXT)

    import analysis.frames

    monkeypatch.setattr(analysis.frames, "extract", fake_extract)
    ui = display.explorer()
    box = ui.children[0]
    box.value = TEXT  # as if pasted
    assert calls == [TEXT]
    assert "2 row(s)" in ui.children[2].value


def test_the_explorer_carries_a_snapshot_a_page_without_a_kernel_can_show():
    """nbconvert prefers text/html to the widget view: the exported page shows the text, rows and charts
    (drawn by the page's own plotly.js), while Jupyter draws the live widget from the same output."""
    pytest.importorskip("ipywidgets")
    import analysis
    from analysis import datasets

    ui = analysis.explorer(datasets.seed_text(), published="2022-11-06", source="Kazinform")
    bundle = ui._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    snap = bundle["text/html"]
    assert "52.9 million US dollars" in snap and snap.count('class="plotly-graph-div"') >= 2
    assert "<script src=" not in snap   # no plotly.js from a CDN, no second copy of it
