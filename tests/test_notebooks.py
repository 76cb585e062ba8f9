"""The notebooks: paired with their py:percent text, kernel python3, no helpers of their own, and they run
top to bottom offline with plots that survive `nbconvert --to html`.

Run: pytest tests/test_notebooks.py   (executes each notebook once, in a module-scoped fixture)
"""
from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ["01-kazakhstan-serbia", "02-news-vs-official", "03-many-articles"]
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", NAMES)
def test_saved_with_kernel_python3_and_paired(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    text = jupytext.read(NOTEBOOKS / f"{name}.py")
    # the pair is in sync: same cells, same sources
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in text.cells]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_defines_no_helpers_and_imports_only_the_library(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    allowed = {"os", "pathlib", "pandas", "plotly", "analysis"}
    for cell in code_cells(nb):
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), \
                f"{name}: define helpers in the library, not in the notebook:\n{cell.source}"
            if isinstance(node, ast.Import):
                assert {a.name.split(".")[0] for a in node.names} <= allowed, cell.source
            if isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] in allowed, cell.source
        assert "import re" not in cell.source


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run each notebook once (offline, kernel python3); keep the executed notebook and its run time."""
    from nbclient import NotebookClient

    out = tmp_path_factory.mktemp("nb-out")
    results = {}
    mp = pytest.MonkeyPatch()
    mp.setenv("ANALYSIS_OUT", str(out))
    mp.delenv("ANALYSIS_CORPUS", raising=False)
    try:
        for name in NAMES:
            nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
            client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                    resources={"metadata": {"path": str(NOTEBOOKS)}})
            t0 = time.perf_counter()
            try:
                client.execute()
                error = None
            except Exception as exc:  # noqa: BLE001 - reported by the tests below
                error = exc
            results[name] = (nb, time.perf_counter() - t0, error)
            print(f"{name}: {results[name][1]:.1f} s")
    finally:
        mp.undo()
    return out, results


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom(executed, name):
    _, results = executed
    nb, seconds, error = results[name]
    assert error is None, f"{name} failed after {seconds:.1f} s: {error}"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_plots_survive_conversion_to_html(executed, name):
    from nbconvert import HTMLExporter

    _, results = executed
    nb, _, error = results[name]
    assert error is None, error
    outputs = [o for c in code_cells(nb) for o in c.get("outputs", [])]
    plots = [o for o in outputs if PLOTLY_MIME in o.get("data", {})]
    assert plots, "no plotly output"
    assert all("text/html" in o["data"] for o in plots), "plots stored without an HTML rendering"
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert html.count("plotly-graph-div") >= len(plots)
    # offline: plotly.js is embedded in the page, never loaded from a CDN
    assert not re.search(r"<script[^>]+src=[\"'][^\"']*(cdn\.plot\.ly|plotly[^\"']*\.js)", html), "plotly.js from a CDN"
    assert "Plotly.newPlot" in html and len(html) > 3_000_000, "plotly.js is not embedded in the page"


@pytest.mark.browser
@pytest.mark.slow
def test_notebook_01_exports_its_charts(executed):
    out, results = executed
    assert results["01-kazakhstan-serbia"][2] is None
    folder = out / "01-kazakhstan-serbia"
    for stem in ("turnover-KAZ-SRB", "news-vs-bundled-KAZ-SRB"):
        for ext in ("png", "svg", "pdf", "html"):
            assert (folder / f"{stem}.{ext}").stat().st_size > 1000


@pytest.mark.slow
def test_notebook_01_keeps_statistics_and_ministry_quotes_apart(executed):
    """Issue 15: the BNS statistics and the ministry figures quoted in news are different series in notebook 01's
    chart (not one basis "reporter"), and the article's own Kazinform quote is not among the bundled ones."""
    _, results = executed
    nb, _, error = results["01-kazakhstan-serbia"]
    assert error is None, error
    figures = [o["data"][PLOTLY_MIME] for c in code_cells(nb) if "series_fig = " in c.source
               for o in c.get("outputs", []) if PLOTLY_MIME in o.get("data", {})]
    assert len(figures) == 1
    traces = figures[0]["data"]
    names = {t.get("name") for t in traces}
    assert names == {"news: this article", "BNS Kazakhstan, official statistics",
                     "ministry, reported in news (KAZ side)", "ministry, reported in news (SRB side)"}
    assert not names & {"reporter", "mirror", "Official statistics (own side)", "Partner's statistics (mirror)"}
    markers = {t["name"]: t for t in traces if t.get("showlegend")}
    assert len(markers["BNS Kazakhstan, official statistics"]["x"]) == 5        # 2019-2023
    table = next(o["data"]["text/plain"] for c in code_cells(nb) if 'pair[["period_start"' in c.source
                 for o in c["outputs"] if "text/plain" in o.get("data", {}))
    assert "52,900,000.00" not in table  # the article's own quote is no second figure


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def plots_made(nb) -> tuple[int, int]:
    """The plots a run made: in the cells' outputs, and inside widgets (the explorer's Output, kept in the
    widget state that nbclient, as `nbconvert --execute`, stores in the notebook)."""
    cells = sum(PLOTLY_MIME in o.get("data", {}) for c in code_cells(nb) for o in c.get("outputs", []))
    state = (nb.metadata.get("widgets") or {}).get(WIDGET_STATE, {}).get("state", {})
    widgets = sum(PLOTLY_MIME in o.get("data", {}) for m in state.values() if m.get("model_name") == "OutputModel"
                  for o in m.get("state", {}).get("outputs", []))
    return cells, widgets


def drawn_offline(nb, tmp_path, name: str) -> tuple[list, str]:
    """The nbconvert page of `nb` opened in headless Chromium with every host unresolvable: the inside of
    each plotly div once the page has run, and the page itself."""
    import shutil
    import subprocess

    from nbconvert import HTMLExporter

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.fail("no Chromium found: install it with `apt-get install -y chromium` (CI does)")
    html = HTMLExporter().from_notebook_node(nb)[0]
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False).stdout
    return re.findall(r'<div[^>]*class="plotly-graph-div[^"]*"[^>]*>(.{0,3000})', dom, flags=re.DOTALL), html


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_every_plot_of_the_nbconvert_html_is_drawn_offline_in_chromium(executed, tmp_path, name):
    """The page of the executed notebook (widget state stored, as `nbconvert --execute` stores it) opened
    offline: each plotly div holds a drawn chart (plotly.js made its `main-svg`), and there are as many as
    the run made plots, the explorer's too (its widget needs ipywidgets' manager from a CDN; its snapshot,
    a separate output, draws them with the page's plotly.js)."""
    _, results = executed
    nb, _, error = results[name]
    assert error is None, error
    cells, widgets = plots_made(nb)
    divs, html = drawn_offline(nb, tmp_path, name)
    assert len(divs) >= cells + widgets > 0, f"{len(divs)} plot divs for {cells} + {widgets} (in widgets) plots"
    undrawn = [i for i, inner in enumerate(divs) if 'class="main-svg"' not in inner]
    assert not undrawn, f"plots {undrawn} of {len(divs)} were not drawn offline"
    assert html.count('class="analysis-explorer-snapshot"') == (1 if widgets else 0)


@pytest.mark.browser
@pytest.mark.slow
def test_the_explorer_notebook_is_drawn_offline_with_and_without_its_widget_state(executed, tmp_path):
    """Notebook 01 ends with the explorer. Run by nbclient it stores the widget state (and the page would
    draw the widget only online); saved by JupyterLab it has none. Either page draws every plot offline,
    with the explorer's snapshot shown once."""
    import copy

    _, results = executed
    nb, _, error = results["01-kazakhstan-serbia"]
    assert error is None, error
    assert WIDGET_STATE in nb.metadata.get("widgets", {}), "the executed notebook holds no widget state"
    cells, widgets = plots_made(nb)
    assert widgets == 2  # the explorer's turnover and related charts
    saved = copy.deepcopy(nb)
    del saved.metadata["widgets"]  # as JupyterLab saves it by default
    for label, page in (("state", nb), ("no-state", saved)):
        (tmp_path / label).mkdir()
        divs, html = drawn_offline(page, tmp_path / label, label)
        drawn = sum('class="main-svg"' in inner for inner in divs)
        assert drawn == len(divs) == cells + widgets, f"{label}: {drawn} drawn of {len(divs)} for {cells + widgets}"
        assert html.count('class="analysis-explorer-snapshot"') == 1, label
