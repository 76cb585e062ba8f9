"""The explorer widget in a real browser: JupyterLab headless on localhost, driven by Playwright in Chromium.

The kernel-side tests (tests/test_display.py) check what the widget computes; this one checks what a person
sees: the cell runs in JupyterLab, the text box, the rows and a plotly chart are drawn, and editing the text
(then clicking outside the box) redraws the rows and the chart with the new figure.

Chromium is the system one (`apt-get install -y chromium`; Playwright never downloads a browser here) and
Playwright comes with the dev extra (`pip install -e .[dev]`). Without either the test skips, naming the
install command; under CI=true it fails instead (tests/conftest.py). Nothing leaves localhost: Chromium
resolves no other host and every other request is aborted; the server checks for no updates or news.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import in_ci

PIP_INSTALL = "pip install -e .[dev]"
TEXT = "In 2023 exports from Kazakhstan to Serbia were $60 million, up 20% from a year earlier."
EDITED = TEXT.replace("$60 million", "$75 million")
BUDGET = 85  # s: server start, page, run, edit and redraw all together (about 10 s here); each wait gets what is left
STEP = 30  # s: at most this for any one wait

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def need(module: str, what: str):
    """Import a test dependency: skip naming the install command without it, fail under CI=true."""
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        pass
    if in_ci():
        pytest.fail(f"CI=true and {what} is not installed (install it with `{PIP_INSTALL}`)", pytrace=False)
    pytest.skip(f"needs {what}: `{PIP_INSTALL}`")


class Deadline:
    """One time budget for the whole test; `ms()` is what the next wait may take."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def ms(self) -> float:
        left = self.left()
        if left <= 0:
            pytest.fail(f"the test ran past its {BUDGET} s budget")
        return min(STEP, left) * 1000


def chromium() -> str:
    """The system Chromium, found as the other browser tests find it (the `browser` mark has checked one exists)."""
    from analysis.views.export import find_browser

    path = find_browser() or shutil.which("chromium")
    if not path:
        pytest.fail("no Chromium found: install it with `apt-get install -y chromium` (CI does)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def notebook(text: str) -> dict:
    code = f"import analysis\n\nanalysis.explorer({text!r}, published='2024-02-01', source='browser-test')"
    return {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "explorer", "metadata": {}, "outputs": [],
                   "source": code}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def descendants(pid: int) -> list:
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        return []
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def stop(server: subprocess.Popen, kernels: list) -> list:
    """End the server and every kernel it started (kernels run in their own session); the survivors, if any."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
    survivors = []
    for proc in kernels:
        try:
            proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - psutil.TimeoutExpired or already gone
            if proc.is_running():
                proc.kill()
                survivors.append(proc.pid)
    try:
        os.killpg(server.pid, signal.SIGKILL)  # anything else left in the server's group
    except ProcessLookupError:
        pass
    return survivors


@pytest.fixture
def lab(tmp_path):
    """JupyterLab on a free localhost port with a token, serving a folder with one explorer notebook; at the
    end the server, its kernel and anything else it started are ended (and the test fails if any survived)."""
    need("playwright.sync_api", "Playwright for Python")
    need("jupyterlab", "JupyterLab")
    need("ipywidgets", "ipywidgets")
    deadline = Deadline(BUDGET)
    root = tmp_path / "root"
    root.mkdir()
    (root / "explorer.ipynb").write_text(json.dumps(notebook(TEXT)), encoding="utf-8")
    port, token = free_port(), os.urandom(16).hex()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "IPYTHONDIR": str(tmp_path / "ipython"), "ANALYSIS_OFFLINE": "1",
           # anything that asks the internet anyway goes to a closed local port
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "127.0.0.1,localhost"}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--ServerApp.root_dir={root}",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", "--ServerApp.allow_remote_access=False",
           f"--LabApp.user_settings_dir={tmp_path / 'settings'}", f"--LabApp.workspaces_dir={tmp_path / 'ws'}",
           "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--LabApp.extension_manager=readonly"]
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # localhost, never through a proxy
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "jupyter.log", "wb") as log:
        server = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        kernels: list = []
        try:
            while True:
                if server.poll() is not None:
                    log_text = (tmp_path / "jupyter.log").read_text()
                    pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log_text}")
                try:
                    with direct.open(f"{base}/api/status?token={token}", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if deadline.left() < BUDGET - STEP:
                    pytest.fail(f"JupyterLab did not answer within {STEP} s:\n{(tmp_path / 'jupyter.log').read_text()}")
                time.sleep(0.25)
            yield {"url": f"{base}/lab/tree/explorer.ipynb?token={token}", "deadline": deadline, "dir": tmp_path}
        finally:
            kernels.extend(descendants(server.pid))
            survivors = stop(server, kernels)
    assert not survivors, f"processes left behind and killed: {survivors}"


def test_explorer_redraws_rows_and_chart_in_jupyterlab_when_the_text_is_edited(lab):
    from playwright.sync_api import sync_playwright

    deadline = lab["deadline"]
    blocked: list[str] = []

    def local_only(route):
        host = re.match(r"^[a-z]+://\[?([^/\]:]+)", route.request.url)
        if host and host.group(1) in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium(), headless=True, chromium_sandbox=False, timeout=deadline.ms(),
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.route("**/*", local_only)  # Chromium resolves no other host either (--host-resolver-rules)
            # the notebook opens and starts its kernel: its websocket opens, then the kernel turns idle (the
            # indicator says "idle" before there is any session too, and a cell run then is dropped silently)
            with page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=deadline.ms()):
                page.goto(lab["url"], wait_until="domcontentloaded", timeout=deadline.ms())
            page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
                state="attached", timeout=deadline.ms())

            # run the one cell as a person does, and wait until it has run
            page.locator(".jp-Notebook .jp-Cell .jp-InputArea-editor").first.click(timeout=deadline.ms())
            page.keyboard.press("Shift+Enter")
            page.locator(".jp-Cell .jp-InputPrompt", has_text="[1]").first.wait_for(timeout=deadline.ms())

            # the widget: the text box holding the text, the status, the highlighted rows, a drawn plotly chart
            box = page.locator(".jp-OutputArea .widget-textarea textarea").first
            box.wait_for(state="visible", timeout=deadline.ms())
            assert box.input_value() == TEXT
            page.locator(".jp-OutputArea .widget-html", has_text="1 row(s)").first.wait_for(timeout=deadline.ms())
            output = page.locator(".jp-OutputArea .widget-output").first
            shows(page, output, deadline, "60000000.0", "$60 million", "60 M USD")
            hides_the_snapshot(page)

            # edit the text, click outside the box: the rows and the chart follow
            box.click(timeout=deadline.ms())
            page.keyboard.press("Control+A")
            page.keyboard.insert_text(EDITED)
            page.locator(".jp-OutputArea .widget-html").first.click(timeout=deadline.ms())  # outside the box
            shows(page, output, deadline, "75000000.0", "$75 million", "75 M USD")
            assert box.input_value() == EDITED
            table = output.locator("table.dataframe").first.inner_text()
            assert "60000000.0" not in table and "$60 million" not in table, table
            assert output.locator(".js-plotly-plot").count() == 1
            hides_the_snapshot(page)
            saved_snapshot_follows_the_edit(page, lab["dir"] / "root" / "explorer.ipynb", deadline)
            if os.environ.get("EXPLORER_SCREENSHOT"):  # a look at the page: EXPLORER_SCREENSHOT=path.png
                page.locator(".jp-Cell").first.screenshot(path=os.environ["EXPLORER_SCREENSHOT"])
        except Exception:
            page.screenshot(path=str(lab["dir"] / "explorer.png"))  # kept in pytest's tmp folder for a look
            raise
        finally:
            browser.close()
    assert not blocked, f"requests outside localhost: {blocked}"
    print(f"explorer in the browser: {BUDGET - deadline.left():.1f} s")


def hides_the_snapshot(page) -> None:
    """The cell's second output, the snapshot for exported pages (a removed widget view with the HTML
    beside it), is hidden: JupyterLab draws the live widget alone, the snapshot's HTML is never rendered."""
    children = page.locator(".jp-Cell .jp-Cell-outputArea > .jp-OutputArea-child")
    assert children.count() == 2, children.count()
    assert children.nth(0).locator(".widget-textarea").count() == 1
    assert not children.nth(1).locator(".jp-OutputArea-output").first.is_visible()
    assert page.locator(".analysis-explorer-snapshot").count() == 0
    assert page.get_by_text("Snapshot of the explorer").count() == 0


def saved_snapshot_follows_the_edit(page, path, deadline) -> None:
    """Saved as JupyterLab saves it (no widget state), the notebook's snapshot output holds the edited text:
    the page nbconvert makes of it shows the figures as they were last read, not as the cell first ran."""
    page.locator(".jp-Cell .jp-InputPrompt").first.click(timeout=deadline.ms())  # the notebook has the focus
    page.keyboard.press("Control+s")
    end = time.monotonic() + deadline.ms() / 1000
    while True:
        outputs = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["outputs"]
        html = ["".join(o.get("data", {}).get("text/html", "")) for o in outputs]  # saved as a list of lines
        if len(html) == 2 and "$75 million" in html[1]:
            break
        if time.monotonic() > end:
            pytest.fail(f"the saved notebook's snapshot did not follow the edit: {[h[:200] for h in html]}")
        page.wait_for_timeout(250)  # not time.sleep: the save request waits on this test's route handler
    assert "$60 million" not in html[1] and html[1].count('class="plotly-graph-div"') == 1
    assert outputs[1]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] == ""


def shows(page, output, deadline, cell: str, quote: str, label: str) -> None:
    """The widget's output holds one tidy row with `cell` as its value and `quote` as its quote, the quote
    highlighted in the text, and a drawn plotly chart whose bar is labelled `label` ("60 M USD")."""
    page.wait_for_function(
        """([cell, label]) => {
             const out = document.querySelector('.jp-OutputArea .widget-output');
             const cells = [...out.querySelectorAll('table.dataframe td')].map(td => td.textContent.trim());
             const texts = [...out.querySelectorAll('.js-plotly-plot .main-svg text')].map(t => t.textContent);
             return cells.includes(cell) && texts.some(t => t.includes(label));
           }""", arg=[cell, label], timeout=deadline.ms())
    table = output.locator("table.dataframe").first
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert cell in text and quote in text and "exports" in text and "KAZ" in text and "SRB" in text, text
    assert output.locator("mark", has_text=quote).first.is_visible()
    assert output.locator(".js-plotly-plot .main-svg").first.is_visible()
