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


NOTE_PX, SUB_PX, TITLE_PX, LEGEND_PX = 11, 13, 18, 13   # font sizes of the note, subtitle, title, legend
NOTE_CHARS = 130   # and a note line is never longer than this, however wide the chart
_LEFT, _RIGHT = 70, 30   # the template's side margins; the note starts at the plot's left edge


def wrap_px(text: str, width: float, size: float = NOTE_PX, chars: int | None = None) -> list[str]:
    """`text` (chart markup: escaped, no line breaks) in lines no wider than `width` pixels at `size` px
    (and no longer than `chars` characters), broken between words (a word longer than a line is cut).

    >>> wrap_px("Sources: Kazinform, 6 Nov 2022; Trend, 1 Mar 2023", 150)
    ['Sources: Kazinform, 6 Nov', '2022; Trend, 1 Mar 2023']
    """
    import html

    def fits(t):
        plain = html.unescape(t)
        return text_px(plain, size) <= width and (chars is None or len(plain) <= chars)

    lines: list[str] = []
    line = ""
    for word in [w for w in text.split(" ") if w]:   # only spaces: a no-break space holds "24 %" together
        while not fits(word):   # a word wider than a line: cut it where it stops fitting
            cut = max(1, max(k for k in range(1, len(word) + 1) if fits(word[:k]) or k == 1))
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and not fits(candidate):
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def note_width(width: float) -> float:
    """The pixels a note line may take on a figure `width` px wide: the plot's own width."""
    return width - _LEFT - _RIGHT


def _legend_rows(fig, width: float) -> int:
    """About how many lines of entries the horizontal legend takes on a figure `width` px wide: entries
    flow left to right, and the entries of one legend group stand one above the other."""
    if fig.layout.showlegend is False:
        return 1
    groups: dict = {}   # group -> [widest entry, entries]
    seen = set()
    for t in fig.data:
        if t.showlegend is False or not t.name or t.name in seen:
            continue
        seen.add(t.name)
        g = groups.setdefault(t.legendgroup or f"\0{t.name}", [0.0, 0])
        g[0] = max(g[0], text_px(t.name, LEGEND_PX) + 46)
        g[1] += 1
    lines, used, tallest, room = 0, 0.0, 1, width - _LEFT - _RIGHT
    for wide, n in groups.values():
        if used and used + wide > room:
            lines, used, tallest = lines + tallest, 0.0, 1
        used += wide
        tallest = max(tallest, n)
    return lines + tallest


def fit(fig, width: float, height: float | None = None):
    """Lay out the title, subtitle, legend and source note of a finished chart for `width` px: each is
    wrapped to the width, the top and bottom margins make room for their lines, and the figure grows
    by as much (or, with `height`, keeps that height). Reads what `finish` kept in ``layout.meta``."""
    meta = dict(fig.layout.meta or {})
    title, subs, paragraphs = meta.get("title", ""), meta.get("subtitle", []), meta.get("note", [])
    t_lines = wrap_px(title, width * 0.99 - 16, TITLE_PX) if title else []
    s_lines = [x for p in subs for x in (wrap_px(p, width * 0.99 - 16, SUB_PX) or [""])]
    n_lines = [x for p in paragraphs for x in wrap_px(p, note_width(width), NOTE_PX, NOTE_CHARS)]
    rows = _legend_rows(fig, width)
    top = 52 + 22 * max(0, len(t_lines) - 1) + 18 * len(s_lines) + 34 + 18 * (rows - 1) + meta.get("legend_gap", 0)
    bottom = 112 + 15 * len(n_lines)
    base_top = 52 + 18 * len(subs) + 34
    if height is None:
        height = meta.get("height", HEIGHT) + 15 * max(0, len(n_lines) - 1) + (top - base_top)
    fig.update_layout(width=width, height=height, margin=dict(t=top, b=bottom),
                      title_text="<br>".join(t_lines), title_subtitle_text="<br>".join(s_lines))
    if meta.get("legend_gap"):
        fig.update_layout(legend_y=1 + (meta["legend_gap"] - 4) / max(60, height - top - bottom))
    for a in fig.layout.annotations:
        if a.name == "source-note":
            a.text = "<br>".join(n_lines)
    return fig


def resize(fig, width: int | None = None, height: int | None = None):
    """A copy of a chart drawn `width` × `height` px (either may be None: the chart's own), its title,
    subtitle and source note wrapped again for the width, so nothing runs off the image or is clipped.
    Use it instead of ``update_layout(width=...)``, and before an export at another size."""
    import plotly.graph_objects as go

    out = go.Figure(fig)
    if not isinstance(fig.layout.meta, dict) or "note" not in fig.layout.meta:   # not a chart of this package
        return out.update_layout(**{k: v for k, v in (("width", width), ("height", height)) if v})
    return fit(out, width or fig.layout.width or WIDTH, height)


def finish(fig, *, title: str, note: str, lang: str, subtitle: str = "", height: int = HEIGHT,
           legend_gap: int = 0):
    """Apply the template, the (escaped) title and subtitle, and the source note under the plot area, each
    wrapped to the figure's width; the margins grow with their lines so none is clipped. ``note`` is
    chart markup whose ``<br>`` separate paragraphs; what is kept in ``layout.meta`` lets `resize` wrap
    them again for another width. ``legend_gap``: pixels between the legend and the plot (subplot titles)."""
    fig.update_layout(
        template=template(),
        title=dict(yref="container", y=1, yanchor="top", pad=dict(t=16), subtitle=dict(font=dict(size=13, color="#555"))),
        separators=",\u202f" if lang == "ru" else ".,",
        meta={"title": escape_html(title), "subtitle": [escape_html(x) for x in subtitle.split("\n")] if subtitle else [],
              "note": note.split("<br>") if note else [], "height": height, "legend_gap": legend_gap},
    )
    if note:
        fig.add_annotation(
            text=note, xref="paper", yref="paper", x=0, y=0, yshift=-92, xanchor="left", yanchor="top",
            showarrow=False, align="left", font=dict(size=NOTE_PX, color="#666"), name="source-note",
        )
    return fit(fig, WIDTH)


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
