"""The look shared by every chart: the template, title and subtitle, the source note under the plot, the
empty chart and the one-value card. Words come from `labels.WORDS`; text from documents is escaped."""
from __future__ import annotations

from .labels import WORDS

TEMPLATE_NAME = "analysis"
FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
COLORS = ["#3360a9", "#c05917", "#18866e", "#883039", "#6d3e91", "#b16214", "#286bbb", "#578145"]
BASE_COLOR = "#9aa9c4"  # the implied (computed) base: lighter than reported values
WIDTH, HEIGHT = 900, 520
# (line dash, marker symbol) per kind of figure: news, own-side and partner-side (mirror) statistics stay
# apart in grey print as well as in colour
SERIES_STYLE = {"news": ("dot", "diamond"), "reported": ("dot", "diamond"), "reporter": ("solid", "circle"),
                "official": ("solid", "circle"), "mirror": ("dash", "square")}


_NARROW = set("il.,;:'|!()[]{}/\\-– fjtrI1")
_WIDE = set("mwMW@%—жшщюЖШЩЮ")


def text_px(text: str, size: float = 11) -> float:
    """About how wide `text` is in pixels at `size` px in the charts' sans-serif font (Arial's widths,
    rounded up a little): for wrapping notes and choosing labels before a browser measures anything.

    >>> round(text_px("52.9 M USD", 14))
    77
    """
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.3
        elif ch in _WIDE:
            em += 0.86
        elif ch.isupper():
            em += 0.68
        else:
            em += 0.56
    return em * size


def escape_html(text) -> str:
    """Text for plotly's pseudo-HTML (titles, hover labels, bar text, legends): ``<``, ``>`` and ``&``
    escaped, quotes left as they are — plotly knows no ``&quot;`` and would show it as written.

    >>> escape_html('Exports of "Alpha" & <b>Beta</b>')
    'Exports of "Alpha" &amp; &lt;b&gt;Beta&lt;/b&gt;'
    """
    import html

    return html.escape("" if text is None else str(text), quote=False)


def template():
    """The one plotly template of the package (registered as ``plotly.io.templates["analysis"]``)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    if TEMPLATE_NAME not in pio.templates:
        base = pio.templates["plotly_white"]
        t = go.layout.Template(base)
        t.layout.font = dict(family=FONT, size=13, color="#333")
        t.layout.colorway = COLORS
        t.layout.title = dict(x=0.01, xanchor="left", font=dict(size=18))
        t.layout.margin = dict(l=70, r=30, t=100, b=125)
        t.layout.legend = dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0)
        t.layout.hoverlabel = dict(font=dict(family=FONT))
        pio.templates[TEMPLATE_NAME] = t
    return pio.templates[TEMPLATE_NAME]


def add_note(note: str, extra: str) -> str:
    """The note with one more (escaped) line."""
    extra = escape_html(extra)
    return f"{note}<br>{extra}" if note else extra


def finish(fig, *, title: str, note: str, lang: str, subtitle: str = "", height: int = HEIGHT):
    """Apply the template, the (escaped) title and subtitle, and the source note under the plot area;
    the bottom margin grows with the note's lines so none is clipped."""
    lines = note.count("<br>") + 1 if note else 0
    sub_lines = subtitle.count("\n") + 1 if subtitle else 0
    fig.update_layout(
        template=template(),
        title=dict(text=escape_html(title), yref="container", y=1, yanchor="top", pad=dict(t=16), subtitle=dict(text="<br>".join(escape_html(x) for x in subtitle.split("\n")), font=dict(size=13, color="#555"))),
        separators=",\u202f" if lang == "ru" else ".,",
        width=WIDTH,
        height=height + 15 * max(0, lines - 1),
        # room above the plot for the title, the subtitle's lines and the legend row
        margin=dict(b=112 + 15 * lines, t=52 + 18 * sub_lines + 34),
    )
    if note:
        fig.add_annotation(
            text=note, xref="paper", yref="paper", x=0, y=0, yshift=-92, xanchor="left", yanchor="top",
            showarrow=False, align="left", font=dict(size=11, color="#666"), name="source-note",
        )
    return fig


def empty(title: str, note: str, lang: str, reason: str | None = None):
    """A chart with nothing to draw: says so (and why), keeps the title and the note."""
    import plotly.graph_objects as go

    fig = go.Figure()
    text = WORDS[lang]["no_data"] + (f"<br><span style='font-size:13px'>{escape_html(reason)}</span>" if reason else "")
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0.5, y=0.5,
                       showarrow=False, font=dict(size=16, color="#888"), name="no-data")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title=title, note=note, lang=lang)


def card(value_text: str, caption: str, *, title: str, note: str, lang: str, hover: str = ""):
    """One figure, written large with what and when it is: a chart of one bar would say less."""
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_annotation(text=f"<b>{escape_html(value_text)}</b>", xref="paper", yref="paper", x=0.5, y=0.62,
                       showarrow=False, font=dict(size=54, color=COLORS[0]), name="card-value",
                       hovertext=hover or None)
    fig.add_annotation(text=escape_html(caption), xref="paper", yref="paper", x=0.5, y=0.38, showarrow=False,
                       font=dict(size=17, color="#444"), name="card-caption")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title=title, note=note, lang=lang, subtitle=WORDS[lang]["sub_card"], height=400)
