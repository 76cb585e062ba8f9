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


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def displayed(monkeypatch):
    """IPython's display() replaced by a recorder: the raw bundles published, and the handles' updates."""
    pytest.importorskip("ipywidgets")
    import IPython.display

    class Handle:
        def __init__(self):
            self.updates = []

        def update(self, obj, **kwargs):
            self.updates.append(obj)

    record = {"raw": [], "handles": []}

    def fake_display(*objs, raw=False, display_id=None, **kwargs):
        if raw:
            record["raw"].extend(objs)
        if display_id:
            record["handles"].append(Handle())
            return record["handles"][-1]
        return None

    monkeypatch.setattr(IPython.display, "display", fake_display)
    return record


def test_the_explorer_shows_its_snapshot_as_a_second_output_a_live_frontend_hides(displayed):
    """Two outputs: the widget (its text/html empty, so a page without the widget state shows no repr) and a
    snapshot (text, rows, charts drawn by the page's own plotly.js) whose widget view is a removed one
    (model_id ""), which Jupyter's frontends hide and nbconvert passes over for its text/html."""
    from analysis import datasets

    ui = analysis.explorer(datasets.seed_text(), published="2022-11-06", source="Kazinform")
    ui._ipython_display_()
    widget, snapshot = displayed["raw"]
    assert widget[WIDGET_VIEW]["model_id"] == ui.model_id and widget["text/html"] == ""
    assert snapshot[WIDGET_VIEW] == {"version_major": 2, "version_minor": 0, "model_id": ""}
    snap = snapshot["text/html"]
    assert "52.9 million US dollars" in snap and snap.count('class="plotly-graph-div"') == 2
    assert "<script src=" not in snap   # no plotly.js from a CDN, no second copy of it
    assert "Snapshot of the explorer" in snapshot["text/plain"]


def test_the_explorer_snapshot_follows_an_edit(displayed):
    """A notebook saved after an edit (without the widget state, as JupyterLab saves it) shows the edited text."""
    ui = analysis.explorer("Exports reached $60 million in 2023.", published="2024-01-01", source="t")
    ui._ipython_display_()
    ui.children[0].value = "Exports reached $75 million in 2023."
    (handle,) = displayed["handles"]
    (bundle,) = handle.updates
    assert "$75 million" in bundle["text/html"] and "$60 million" not in bundle["text/html"]
    assert bundle[WIDGET_VIEW]["model_id"] == ""


@pytest.mark.parametrize("with_state", [True, False], ids=["widget-state", "no-widget-state"])
def test_nbconvert_shows_the_explorer_snapshot_once_with_or_without_the_widget_state(displayed, with_state):
    """`nbconvert --execute` stores the widget state and the page then draws the widget only with ipywidgets'
    manager from the internet; a notebook saved by JupyterLab has no state. Either way the page holds the
    snapshot exactly once, its charts included."""
    nbformat = pytest.importorskip("nbformat")
    exporter = pytest.importorskip("nbconvert").HTMLExporter
    from analysis import datasets

    ui = analysis.explorer(datasets.seed_text(), published="2022-11-06", source="Kazinform")
    ui._ipython_display_()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("analysis.explorer(text)", outputs=[
        nbformat.v4.new_output("display_data", data=bundle) for bundle in displayed["raw"]])]
    if with_state:
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
            "version_major": 2, "version_minor": 0,
            "state": {ui.model_id: {"model_name": "VBoxModel", "model_module": "@jupyter-widgets/controls",
                                    "model_module_version": "2.0.0", "state": {}}}}}
    html, _ = exporter().from_notebook_node(nb)
    assert html.count('class="analysis-explorer-snapshot"') == 1
    assert html.count('class="plotly-graph-div"') == 2
    assert (f'"model_id": "{ui.model_id}"' in html) is with_state  # the widget view, for a page online
    assert "Explorer(children=" not in html


def test_the_explorer_lets_plotly_embed_its_js_in_the_cell_not_inside_the_widget(monkeypatch):
    """With plotly's `notebook` renderer still waiting for a first figure, plotly.js is published before the
    explorer draws into its Output: in the cell's own output, where an exported page has it for the
    snapshot's charts, not in the widget state (where a 4.8 MB output also stalled nbclient's run)."""
    pytest.importorskip("ipywidgets")
    import IPython.display
    import plotly.io as pio

    events = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: events.append("display"))
    notebook = pio.renderers["notebook"]
    monkeypatch.setattr(notebook, "activate", lambda: events.append("plotly.js"))
    before = pio.renderers.default
    pio.renderers.default = "plotly_mimetype+notebook"  # the notebooks' setting: activation now pending
    try:
        analysis.explorer("Exports reached $60 million in 2023.", published="2024-01-01", source="t")
    finally:
        pio.renderers.default = before
    assert events and events[0] == "plotly.js" and events.count("plotly.js") == 1, events
