"""Rich display in Jupyter: highlighted figures in text, `Figure` and extraction reprs, an explorer widget.

All text that comes from documents is HTML-escaped before it reaches the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..frames import is_missing
from ..reading.text import escape_html

__all__ = ["Extraction", "Highlighted", "explorer", "figure_html", "highlight"]

_COLORS = {
    "trade_turnover": "#c7d7f2", "exports": "#cfe9d9", "imports": "#f6d6c2", "trade_balance": "#e4d3ef",
    "investment": "#f3e6b3", "enterprises": "#d9e7c4", "other": "#e3e3e3",
}
_STYLE = (
    "<style>"
    ".analysis-hl{line-height:2.3;white-space:pre-wrap;font-family:system-ui,sans-serif;max-width:60em}"
    ".analysis-hl mark{padding:.15em .35em;margin:0 .1em;border-radius:.35em;color:#222}"
    ".analysis-hl mark .analysis-label{font-size:.72em;font-weight:bold;margin-left:.4em;"
    "text-transform:uppercase;color:#444}"
    ".analysis-fig{font-family:system-ui,sans-serif;border-collapse:collapse}"
    ".analysis-fig td,.analysis-fig th{padding:.1em .6em;text-align:left;border-bottom:1px solid #eee}"
    "</style>"
)






def _label(row, lang: str) -> str:
    from .labels import format_value, indicator_name

    ind = row.get("indicator")
    name = indicator_name(ind, lang) if not is_missing(ind) else "figure"
    value = row.get("value")
    if is_missing(value):
        return name
    text = f"{name} · {format_value(value, row.get('unit'), lang)}"
    mult = row.get("multiplier")
    if not is_missing(mult):
        text += f" · ×{mult:.3g}"
    return text


@dataclass(frozen=True)
class Highlighted:
    """Text with spans highlighted and labelled; renders as HTML in Jupyter (like displaCy's `ent` style)."""

    text: str
    spans: tuple = ()  # (start, end, label, indicator)

    def to_html(self) -> str:
        out, pos = [], 0
        for start, end, label, indicator in self.spans:
            if start < pos:  # overlapping span: keep the earlier one, drop this
                continue
            out.append(escape_html(self.text[pos:start]))
            color = _COLORS.get(indicator, _COLORS["other"])
            out.append(
                f'<mark style="background:{color}" title="{escape_html(label)}">{escape_html(self.text[start:end])}'
                f'<span class="analysis-label">{escape_html(label)}</span></mark>'
            )
            pos = end
        out.append(escape_html(self.text[pos:]))
        return _STYLE + '<div class="analysis-hl">' + "".join(out) + "</div>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.text


def highlight(text: str, frame, *, lang: str = "en") -> Highlighted:
    """The text with each row's quote highlighted (``start``/``end`` offsets) and labelled by indicator.

    Rows whose offsets are missing or out of range are located by their ``quote`` instead; rows that
    match neither are left out. The input frame is not modified.
    """
    text = "" if text is None else str(text)
    spans = []
    if frame is not None and len(frame):
        for _, row in frame.iterrows():
            start, end = row.get("start"), row.get("end")
            quote = row.get("quote")
            ok = not is_missing(start) and not is_missing(end) and 0 <= int(start) < int(end) <= len(text)
            if ok and not is_missing(quote) and quote and text[int(start):int(end)] != quote:
                ok = False
            if not ok and not is_missing(quote) and quote and quote in text:
                start, end, ok = text.index(quote), text.index(quote) + len(quote), True
            if ok:
                spans.append((int(start), int(end), _label(row, lang), row.get("indicator")))
    spans.sort(key=lambda s: (s[0], -s[1]))
    return Highlighted(text, tuple(spans))


def figure_html(figure) -> str:
    """HTML for a `analysis.Figure`: the value as people read it, with its parts in a small table."""
    from .labels import format_value

    get = lambda name: getattr(figure, name, None)  # noqa: E731
    kind, value, unit = get("kind"), get("value"), get("unit")
    if kind == "ratio" and not is_missing(value):
        shown = f"×{value:.4g}"
    elif kind == "money" or unit not in (None, "", "ratio", "number"):
        try:
            shown = format_value(value, unit)
        except (TypeError, ValueError):
            shown = str(value)
    else:
        shown = "–" if is_missing(value) else f"{value:,.6g}"
    rows = "".join(
        f"<tr><th>{name}</th><td>{escape_html(repr(get(name)))}</td></tr>"
        for name in ("value", "unit", "multiplier", "kind", "raw", "span", "precision")
        if hasattr(figure, name)
    )
    return (
        _STYLE + f'<div><b style="font-size:1.2em">{escape_html(shown)}</b> '
        f'<span style="color:#666">from “{escape_html(get("raw"))}”</span>'
        f'<table class="analysis-fig">{rows}</table></div>'
    )


@dataclass
class Extraction:
    """A document and its tidy rows; in Jupyter it shows the highlighted text and the table."""

    text: str
    frame: object = field(repr=False)
    lang: str = "en"

    @classmethod
    def from_text(cls, text: str, published=None, source=None, lang: str = "en") -> "Extraction":
        from ..frames import extract

        return cls(text, extract(text, published=published, source=source), lang)

    def highlighted(self) -> Highlighted:
        return highlight(self.text, self.frame, lang=self.lang)

    def _repr_html_(self) -> str:
        n = 0 if self.frame is None else len(self.frame)
        table = "" if not n else self.frame.to_html(escape=True, index=False, na_rep="", max_rows=60)
        return (self.highlighted().to_html() + f"<p><b>{n} row{'s' if n != 1 else ''}</b></p>" + table)

    def __repr__(self) -> str:
        n = 0 if self.frame is None else len(self.frame)
        head = self.text[:60] + ("…" if len(self.text) > 60 else "")
        return f"Extraction({head!r}, {n} rows)"


def explorer(text: str = "", *, lang: str = "en", published=None, source=None):
    """An ipywidgets box: paste text, see the highlighted figures, the rows and a chart update.

    Needs ``ipywidgets`` (``pip install 'analysis[notebooks]'``). Returns the widget; display it.
    """
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from ..errors import AnalysisError

        raise AnalysisError("explorer() needs ipywidgets: pip install 'analysis[notebooks]'") from exc
    from IPython.display import display

    from .charts import default_charts

    box = widgets.Textarea(value=text, placeholder="Paste a news text…", layout=widgets.Layout(width="100%",
                                                                                             height="10em"),
                           continuous_update=False)
    language = widgets.ToggleButtons(options=[("EN", "en"), ("RU", "ru")], value=lang, description="Charts")
    status = widgets.HTML()
    out = widgets.Output()

    shown: dict = {}
    snapshots: list = []  # the display handles of the snapshot outputs, refreshed on every read

    def update(_=None):
        _publish_plotlyjs_now()
        out.clear_output(wait=True)
        shown.clear()
        with out:
            try:
                ex = Extraction.from_text(box.value, published=published, source=source, lang=language.value)
            except Exception as exc:  # noqa: BLE001 - shown to the person, not raised into the widget loop
                status.value = f'<span style="color:#a00">{escape_html(type(exc).__name__)}: {escape_html(exc)}</span>'
                return
            status.value = f"{len(ex.frame)} row(s)"
            display(ex)
            figs = list(default_charts(ex.frame, lang=language.value).values())
            for fig in figs:
                display(fig)
            shown.update(ex=ex, figs=figs)
        for handle in snapshots:  # outside `out`: the update goes to the snapshot output, not into the widget
            handle.update(snapshot_bundle(ex, figs), raw=True)

    class Explorer(widgets.VBox):
        def _repr_mimebundle_(self, **kwargs):
            """The live widget; an empty HTML fallback, so a page without the widget state shows no repr."""
            bundle = super()._repr_mimebundle_(**kwargs)
            if bundle is not None:
                bundle["text/html"] = ""
            return bundle

        def _ipython_display_(self, **kwargs):
            """Two outputs: the live widget, and its snapshot as a separate output (`snapshot_bundle`)."""
            display(self._repr_mimebundle_(), raw=True)
            bundle = snapshot_bundle(shown["ex"], shown["figs"]) if shown else snapshot_bundle(None, ())
            snapshots.append(display(bundle, raw=True, display_id=True))

    box.observe(update, names="value")
    language.observe(update, names="value")
    ui = Explorer([box, language, status, out])
    ui.update = update  # so a caller (or a test) can refresh without an edit
    if text:
        update()
    return ui


def _publish_plotlyjs_now() -> None:
    """Let plotly's renderers that wait for a first figure publish now: its "notebook" renderer embeds
    plotly.js in the output of the cell being run. Left to the first chart the explorer draws, that copy
    would land inside the widget's Output, out of the page an exporter writes, and the snapshot's charts
    would find no plotly.js when the explorer is a notebook's first plot. (A private hook of plotly's, so
    looked up; without it nothing is done.)"""
    try:
        import plotly.io as pio
        from plotly.io._base_renderers import MimetypeRenderer
    except ImportError:  # pragma: no cover - plotly is a dependency
        return
    activate = getattr(pio.renderers, "_activate_pending_renderers", None)
    if activate is not None:
        activate(cls=MimetypeRenderer)


# the view of a removed widget (ipywidgets' convention): Jupyter's frontends hide it, and nbconvert, finding
# no such model in the widget state, falls back to the output's text/html
REMOVED_VIEW = {"version_major": 2, "version_minor": 0, "model_id": ""}


def snapshot_bundle(ex: "Extraction | None", figs) -> dict:
    """The explorer's snapshot as an output of its own, beside the widget's: hidden in a live frontend, which
    draws the widget, and shown by a page exported with nbconvert, with or without the widget state (a
    notebook run by `nbconvert --execute` stores it, and the widget then needs ipywidgets' manager from
    the internet), so the text, the rows and the charts are there offline too."""
    html = "" if ex is None else snapshot_html(ex, figs)
    return {"application/vnd.jupyter.widget-view+json": dict(REMOVED_VIEW), "text/html": html,
            "text/plain": "" if ex is None else f"Snapshot of the explorer: {ex!r}"}


def snapshot_html(ex: "Extraction", figs) -> str:
    """The explorer as a page without a kernel shows it: the highlighted text, the rows and the charts.
    The charts use the page's plotly.js (a notebook's plotly output carries it), so they draw offline."""
    charts = "".join(f.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False}) for f in figs)
    note = escape_html("Snapshot of the explorer (edit the text in a live notebook to read it again)")
    return f'<div class="analysis-explorer-snapshot"><p style="color:#666">{note}</p>{ex._repr_html_()}{charts}</div>'
