"""Figures to files: PNG, SVG, PDF (through one headless browser, kaleido 1.x) and HTML (no browser).

>>> write_charts({"turnover-KAZ-SRB": fig}, "out/", formats=("png", "html"))   # doctest: +SKIP
[PosixPath('out/turnover-KAZ-SRB.png'), PosixPath('out/turnover-KAZ-SRB.html')]

- Many figures in one call start **one** browser; every image has its own time limit and the whole call
  has an overall limit, so a stuck browser never hangs the caller (`ExportTimeoutError`).
- HTML needs no browser. ``offline_html=True`` embeds plotly.js (≈ 4.8 MB, opens anywhere);
  ``False`` loads it from the plotly CDN (≈ 10 KB, needs the internet to view).
- Without a Chromium, asking for a static format raises `BrowserNotFoundError` before anything is
  written, with the command that fixes it.
- Files are written atomically: a temporary file in the target folder, then a rename.
- No downloads at run time: MathJax is switched off and plotly.js comes from the installed plotly.
"""
from __future__ import annotations

import asyncio
import os
import re
import threading
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import BrowserNotFoundError, ExportTimeoutError, OutputNotWritableError  # noqa: F401  (re-exported)
from ..files import atomic_write

__all__ = [
    "BrowserNotFoundError",
    "ExportTimeoutError",
    "OutputNotWritableError",
    "STATIC_FORMATS",
    "find_browser",
    "figure_size",
    "write_charts",
    "write_figures",
    "write_html",
]

STATIC_FORMATS = ("png", "svg", "pdf", "jpeg", "webp")
FORMATS = (*STATIC_FORMATS, "html")
DEFAULT_SIZE = (900, 520)
TABS = 2  # browser tabs rendering at once in one browser (bench/bench_export.py: --tabs)
# seconds a browser may take to start, whatever `timeout` allows each image: a healthy Chromium starts in
# 1-5 s even on 2 loaded cores, and one that has not answered by then is stuck (before, the command line's
# 120 s image limit also bounded the start, so `chart` and `run` waited 2 minutes on a hung browser)
START_TIMEOUT = 30
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")

INSTALL_HINT = (
    "Static export (PNG/SVG/PDF) needs a Chrome or Chromium browser and none was found. "
    "On Debian/Ubuntu: `apt-get install -y chromium` (or set BROWSER_PATH to a Chrome/Chromium "
    "executable); with internet access, `plotly_get_chrome` (from kaleido) downloads one. "
    "HTML export works without a browser: formats=('html',)."
)


def find_browser() -> str | None:
    """The Chrome/Chromium that kaleido would use, or None: ``BROWSER_PATH`` if set (a missing file there
    means no browser: that is how to hide one), else kaleido's own download, then PATH, then the usual
    install places (``/usr/bin/chromium`` and the like, so an emptied PATH alone does not hide one)."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if os.path.isfile(env) and os.access(env, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:  # kaleido (and so choreographer) not installed
        return None
    path = Chromium.find_browser(skip_local=False)
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def figure_size(figure) -> tuple[int, int]:
    """(width, height) in CSS pixels: the figure's own layout size, else 900 × 520."""
    w = figure.layout.width or DEFAULT_SIZE[0]
    h = figure.layout.height or DEFAULT_SIZE[1]
    return int(w), int(h)


def _atomic_write(path: Path, data: bytes) -> None:
    try:
        with atomic_write(path, "wb") as fh:
            fh.write(data)
    except OutputNotWritableError:
        raise
    except OSError as e:  # the temporary file's name is no use to the reader: name the target and its folder
        raise OutputNotWritableError(
            f"cannot write {str(path)!r} in the folder {str(Path(path).parent)!r}: "
            f"{e.strerror or str(e) or type(e).__name__}") from e


def _check_folder(folder: Path) -> None:
    """Make `folder` and make sure a file can be created in it, before any browser starts."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise OutputNotWritableError(
            f"cannot write charts into the folder {str(folder)!r}: {e.strerror or str(e) or type(e).__name__}") from e


def write_html(figure, path, *, offline: bool = True, include_plotlyjs: str | None = None,
               width: int | None = None, height: int | None = None) -> Path:
    """One figure to a standalone HTML page (atomically).

    ``include_plotlyjs``: ``"inline"`` embeds plotly.js (≈ 4.8 MB), ``"cdn"`` loads it from the plotly
    CDN, ``"file"`` points at ``plotly.min.js`` beside the page and writes that file once if missing.
    Without it, ``offline`` chooses inline (True) or cdn (False). ``width``/``height``: the page draws a
    copy laid out again for that size (`layout.resize`), the caller's figure keeps its own.
    """
    import plotly.io as pio

    path = Path(path)
    mode = include_plotlyjs or ("inline" if offline else "cdn")
    if mode not in ("inline", "cdn", "file"):
        raise ValueError(f"include_plotlyjs must be 'inline', 'cdn' or 'file', not {mode!r}")
    if mode == "file":
        _write_plotlyjs(path.parent)
    fig = _sized(figure, width, height)
    page = pio.to_html(fig, include_plotlyjs={"inline": True, "cdn": "cdn", "file": PLOTLYJS_NAME}[mode],
                       full_html=True, config={"displaylogo": False, "responsive": True})
    _atomic_write(path, page.encode("utf-8"))
    return path


def _sized(figure, width: int | None, height: int | None):
    """The figure drawn `width` × `height` px: a copy laid out again by `layout.resize` (title, subtitle and
    source note wrapped for that width, margins and height grown to hold them), so nothing is clipped; the
    caller's figure is left as it was. Without either size, the figure itself."""
    if not (width or height):
        return figure
    from .layout import resize

    return resize(figure, width or None, height or None)


PLOTLYJS_NAME = "plotly.min.js"


def _write_plotlyjs(folder: Path) -> Path:
    """The installed plotly's plotly.min.js in ``folder`` (written once; shared by the pages there)."""
    from plotly.offline import get_plotlyjs

    target = Path(folder) / PLOTLYJS_NAME
    if not target.exists():
        Path(folder).mkdir(parents=True, exist_ok=True)
        _atomic_write(target, get_plotlyjs().encode("utf-8"))
    return target


def _check_formats(formats: Iterable[str]) -> list[str]:
    if isinstance(formats, str):
        formats = (formats,)
    out = []
    for f in formats:
        f = str(f).lower().lstrip(".")
        f = "jpeg" if f == "jpg" else f
        if f not in FORMATS:
            raise ValueError(f"unknown export format {f!r}; choose from {FORMATS}")
        if f not in out:
            out.append(f)
    return out


def write_charts(figures: Mapping[str, object], folder, formats=("png", "svg", "pdf", "html"), *,
                  timeout: float = 120, start_timeout: float | None = None, offline_html: bool = True, scale: float = 1,
                  width: int | None = None, height: int | None = None,
                  include_plotlyjs: str | None = None, progress: bool | None = False) -> list[Path]:
    """Write every figure in every format to ``folder/<name>.<format>``; return the paths written.

    ``figures`` maps a file-name-safe name (letters, digits, ``_ . -``) to a ``go.Figure``.
    Static formats go through one browser started once for the whole call; ``timeout`` (seconds) bounds
    each image and ``start_timeout`` the browser's start (default `START_TIMEOUT`, 30 s, or ``timeout`` if
    that is shorter), so a stuck browser fails with `ExportTimeoutError` within about the start limit (a
    browser that hangs later: about twice ``timeout``), its whole process group killed.
    ``scale`` multiplies the pixels of PNG/JPEG/WebP (2 for print); ``width``/``height`` (CSS pixels)
    override each figure's own size: each is drawn from a copy laid out by `layout.resize` for that size
    (title, subtitle and note wrapped again, so none is clipped; a chart given only a width grows in
    height as its note needs), the caller's figures untouched. HTML: ``include_plotlyjs`` as in `write_html`; by default a batch
    of several figures shares one ``plotly.min.js`` beside them ("file"), a single figure embeds it.
    ``progress``: a bar on stderr (tqdm) counting the files; None shows it when stderr is a terminal.
    The folder is checked first: one where no file can be created raises `OutputNotWritableError`
    naming it, before any browser starts.
    """
    if not scale or scale <= 0:
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    formats = _check_formats(formats)
    for name in figures:
        if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name):
            raise ValueError(f"figure name {name!r} is not a safe file name (letters, digits, '_', '.', '-')")
    static = [f for f in formats if f in STATIC_FORMATS]
    browser = None
    if static and figures:
        browser = find_browser()
        if browser is None:
            raise BrowserNotFoundError(INSTALL_HINT)
    folder = Path(folder)
    if figures:
        _check_folder(folder)
    written: list[Path] = []
    if width or height:  # laid out again for that size (copies), not only told to the browser: no note clipped
        figures = {name: _sized(fig, width, height) for name, fig in figures.items()}
    jobs = [(name, fig, fmt, folder / f"{name}.{fmt}") for name, fig in figures.items() for fmt in static]
    total = len(jobs) + (len(figures) if "html" in formats else 0)
    bar = _progress_bar(progress, total)
    try:
        if jobs:
            written += _render_static(jobs, browser, timeout, scale=scale, size=(width, height), tick=bar.update,
                                      start_timeout=start_timeout)
        if "html" in formats:
            mode = include_plotlyjs or ("file" if offline_html and len(figures) > 1 else None)
            for name, fig in figures.items():
                written.append(write_html(fig, folder / f"{name}.html", offline=offline_html,
                                          include_plotlyjs=mode))
                bar.update(1)
    finally:
        bar.close()
    return written


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(progress: bool | None, total: int):
    import sys

    show = sys.stderr.isatty() if progress is None else bool(progress)
    if not show or not total:
        return _NoBar()
    try:
        from tqdm.auto import tqdm
    except ImportError:  # the progress extra is not installed: no bar
        return _NoBar()
    return tqdm(total=total, unit="file", desc="export", dynamic_ncols=True, file=sys.stderr)


def _kill_browser(browser_obj) -> None:
    """End the browser's whole process group (choreographer starts its wrapper in a new session)."""
    import signal

    proc = getattr(browser_obj, "subprocess", None)
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(5)
    except Exception:  # noqa: BLE001 - best effort: the group has been sent SIGKILL
        pass


async def _bounded(coro, limit: float | None, what: str):
    """Await `coro` for at most `limit` seconds; past it, cancel it and raise ExportTimeoutError
    (whatever the cancelled code raises on its way out: choreographer turns a cancel into BrowserFailedError)."""
    task = asyncio.ensure_future(coro)
    done, _ = await asyncio.wait({task}, timeout=limit)
    if task in done:
        return task.result()
    task.cancel()
    await asyncio.wait({task}, timeout=2)
    if task.done() and not task.cancelled():
        task.exception()  # retrieved: what a cancelled start raises on its way out is not news
    raise ExportTimeoutError(f"static export timed out: {what} took longer than {limit:g} s")


def _render_static(jobs, browser: str, timeout: float, *, scale: float = 1, size=(None, None),
                   tick=lambda n=1: None, start_timeout: float | None = None) -> list[Path]:
    """Render all jobs in one browser, in a private event loop on a worker thread (works under Jupyter).

    The browser's start and each image have `timeout` seconds; after the run (done, failed or timed out)
    the browser is closed and its process group killed, so nothing is left running."""
    try:
        import kaleido
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise BrowserNotFoundError("Static export needs kaleido: pip install 'analysis[export]'") from exc

    limit = timeout or None
    start_limit = min((t for t in (limit, start_timeout or START_TIMEOUT) if t), default=None)
    result: dict = {"paths": []}

    async def run():
        tabs = max(1, min(TABS, len(jobs)))
        k = kaleido.Kaleido(n=tabs, timeout=limit, mathjax=False, path=browser)
        result["browser"] = k
        todo = iter(enumerate(jobs))
        done: dict[int, Path] = {}

        async def render():  # one per tab: each takes the next job when its last one is written
            for i, (_name, fig, fmt, path) in todo:
                width, height = figure_size(fig)
                width, height = size[0] or width, size[1] or height
                opts = {"format": fmt, "width": width, "height": height, "scale": scale}
                data = await _bounded(k.calc_fig(fig, opts=opts), limit, f"the image {path.name}")
                _atomic_write(path, data)
                done[i] = path
                tick(1)

        try:
            await _bounded(k.open(), start_limit, f"starting the browser {browser}")
            workers = [asyncio.ensure_future(render()) for _ in range(tabs)]
            try:
                await asyncio.gather(*workers)
            finally:
                for w in workers:
                    w.cancel()
                result["paths"] = [done[i] for i in sorted(done)]
        except BaseException:
            _kill_browser(k)  # stuck or failed: no polite close, it would wait on the browser again
            raise
        finally:
            try:
                await asyncio.wait_for(k.close(), 5)
            except BaseException:  # noqa: BLE001 - a stuck browser: its group is killed below
                pass
            _kill_browser(k)

    def worker():
        try:
            asyncio.run(run())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=worker, name="analysis-export", daemon=True)
    thread.start()
    overall = None if limit is None else (start_limit or limit) + limit * len(jobs) + 20
    thread.join(overall)
    if thread.is_alive():  # the event loop itself is stuck: end the browser from here
        _kill_browser(result.get("browser"))
        thread.join(5)
        raise ExportTimeoutError(f"static export did not finish within {overall:.0f} s (browser {browser})")
    error = result.get("error")
    if isinstance(error, ExportTimeoutError):
        raise ExportTimeoutError(f"{error} (limits: {start_limit} s for the start, {timeout} s for each image; "
                                 f"browser {browser}; it has been closed)") from None
    if error is not None:
        if type(error).__name__ == "ChromeNotFoundError":
            raise BrowserNotFoundError(INSTALL_HINT) from error
        raise error
    return list(result["paths"])


# the name before charts and figures were told apart (a figure is a number read from text); one release
write_figures = write_charts
