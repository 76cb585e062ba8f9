"""Charts of tidy trade observations, shaped like plotly express.

Every function takes a tidy frame (the columns of `analysis.frames.TIDY_COLUMNS`, or the official-data
frame of `analysis.datasets.official_trade`) plus column names / filters, and returns a
`plotly.graph_objects.Figure`. No I/O, no `.show()`; the input frame is never modified.

Common keyword arguments (documented once, here):

- ``lang``: ``"en"`` or ``"ru"`` — labels, period names and number formats ("52.9 M USD" / "52,9 млн долл.").
- ``title``: the chart title; a sensible one is built when omitted. Treated as plain text (HTML-escaped).
- ``source``: the note under the chart; by default built from the frame's ``source`` / ``source_name``
  column. Always HTML-escaped: it comes from documents.
- ``reporter``, ``partner``: ISO 3166-1 alpha-3 filters; when omitted, the most frequent pair is used.

A missing column raises `analysis.errors.SchemaError` naming it and the columns present; an empty frame
(or a filter that leaves nothing) gives an empty chart carrying a note, never an exception.

`plotly` is imported inside the functions, so ``import analysis.charts`` stays light.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..frames import is_missing, require_columns
from ..reading.numbers import scale_step
from ..reading.text import escape_html
from .labels import (LANGS, WORDS, axis_title, check_lang, country_name, digits, format_value, indicator_name,
                     localise, month_end, month_start, period_label)

__all__ = [
    "LANGS",
    "TEMPLATE_NAME",
    "default_charts",
    "flows_chart",
    "format_value",
    "panel_chart",
    "partners_chart",
    "period_label",
    "related_chart",
    "template",
    "turnover_chart",
]

TEMPLATE_NAME = "analysis"
_FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
_COLORS = ["#3360a9", "#c05917", "#18866e", "#883039", "#6d3e91", "#b16214", "#286bbb", "#578145"]
_BASE_COLOR = "#9aa9c4"  # the implied (computed) base: lighter than reported values
_WIDTH, _HEIGHT = 900, 520

# --- template and frame helpers ------------------------------------------------------------------
def template():
    """The one plotly template of the package (registered as ``plotly.io.templates["analysis"]``)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    if TEMPLATE_NAME not in pio.templates:
        base = pio.templates["plotly_white"]
        t = go.layout.Template(base)
        t.layout.font = dict(family=_FONT, size=13, color="#333")
        t.layout.colorway = _COLORS
        t.layout.title = dict(x=0.01, xanchor="left", font=dict(size=18))
        t.layout.margin = dict(l=70, r=30, t=80, b=125)
        t.layout.legend = dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0)
        t.layout.hoverlabel = dict(font=dict(family=_FONT))
        pio.templates[TEMPLATE_NAME] = t
    return pio.templates[TEMPLATE_NAME]


def _source_note(frame, source, lang: str) -> str:
    if source is None and frame is not None:
        names: list[str] = []
        for col in ("source_name", "source"):
            if col in frame.columns:
                for v in frame[col].dropna().astype(str).unique():
                    v = _outlet(v)
                    if v and v not in names:
                        names.append(v)
        kept: list[str] = []
        for n in names:
            if kept and len("; ".join(kept + [n])) > 110:
                break
            kept.append(n if len(n) <= 110 else n[:109] + "…")
        more = len(names) - len(kept)
        source = "; ".join(kept) + (f" {WORDS[lang]['more'].format(more)}" if more else "")
    if not source:
        return ""
    word = WORDS[lang]["source"]
    return f"{word}: {escape_html(source)}"


def _outlet(source: str) -> str:
    """A reader's name for a source: the host of a URL without "www.", a file's name without its folder.

    >>> _outlet("https://www.reuters.com/markets/x"), _outlet("/data/raw/kz-2022.html"), _outlet("Kazinform")
    ('reuters.com', 'kz-2022.html', 'Kazinform')
    """
    from urllib.parse import urlsplit

    if "://" in source:
        host = urlsplit(source).hostname or ""
        return host[4:] if host.startswith("www.") else host
    if "/" in source or "\\" in source:
        return re.split(r"[\\/]", source.rstrip("/\\"))[-1]
    return source


def _finish(fig, *, title: str, note: str, lang: str, height: int = _HEIGHT):
    """Apply the template, the (escaped) title and the source note under the plot area."""
    fig.update_layout(
        template=template(),
        title=dict(text=escape_html(title)),
        separators=",\u202f" if lang == "ru" else ".,",
        width=_WIDTH,
        height=height,
    )
    if note:
        fig.add_annotation(
            text=note, xref="paper", yref="paper", x=0, y=0, yshift=-98, xanchor="left", yanchor="top",
            showarrow=False, align="left", font=dict(size=11, color="#666"), name="source-note",
        )
    return fig


def _empty(title: str, note: str, lang: str):
    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_annotation(text=WORDS[lang]["no_data"], xref="paper", yref="paper", x=0.5, y=0.5,
                       showarrow=False, font=dict(size=16, color="#888"), name="no-data")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _finish(fig, title=title, note=note, lang=lang)


def _pick_pair(frame, reporter, partner):
    """Filter to reporter/partner; when not given, take the most frequent pair present."""
    sub = frame
    if reporter is not None:
        sub = sub[sub["reporter"] == reporter]
    if partner is not None:
        sub = sub[sub["partner"] == partner]
    if len(sub) and (reporter is None or partner is None):
        counts = sub.groupby(["reporter", "partner"], dropna=False).size().sort_values(ascending=False, kind="stable")
        reporter, partner = counts.index[0]
        sub = sub[(sub["reporter"].isna() if is_missing(reporter) else sub["reporter"] == reporter)
                  & (sub["partner"].isna() if is_missing(partner) else sub["partner"] == partner)]
    return sub, reporter, partner


def _pair_title(reporter, partner, lang) -> str:
    return f"{country_name(reporter, lang)} – {country_name(partner, lang)}"


def _quote_hover(row, limit: int = 140) -> str:
    q = row.get("quote") if hasattr(row, "get") else None
    if is_missing(q) or not q:
        return ""
    q = str(q)
    q = q if len(q) <= limit else q[: limit - 1] + "…"
    return "<br><i>“" + escape_html(q) + "”</i>"


def _main_unit(sub):
    units = sub["unit"].dropna()
    return units.mode().iloc[0] if len(units) else None


def _one_unit(sub):
    """Rows in the most common unit only (money in different currencies is never put on one axis);
    returns (rows, unit, number of rows left out)."""
    unit = _main_unit(sub)
    if unit is None:
        return sub, None, 0
    keep = sub["unit"] == unit
    return sub[keep], unit, int((~keep).sum())


def _unit_note(note: str, dropped: int, lang: str) -> str:
    if not dropped:
        return note
    extra = escape_html(WORDS[lang]["other_units"].format(dropped))
    return f"{note}<br>{extra}" if note else extra


def _distinct_facts(frame):
    """One row per fact: the same (indicator, reporter, partner, period, unit, value) from several
    outlets is drawn once. Turnover is symmetric, so its pair is compared in sorted order.
    Stand-in until `analysis.consolidate` lands on main; returns a new frame."""
    cols = [c for c in ("indicator", "reporter", "partner", "period_start", "period_end", "unit", "value")
            if c in frame.columns]
    if frame.empty or len(cols) < 7:
        return frame
    key = frame[cols].astype("object").where(frame[cols].notna(), None).astype(str)
    turnover = frame["indicator"] == "trade_turnover"
    a, b = key["reporter"], key["partner"]
    swap = turnover & (a > b)
    key = key.assign(reporter=a.where(~swap, b), partner=b.where(~swap, a))
    return frame[~key.duplicated()]


def _chronological(sub, start="period_start", end="period_end"):
    return sub.sort_values([end, start], kind="stable", na_position="first")


# --- the charts ----------------------------------------------------------------------------------
def turnover_chart(frame, *, indicator: str = "trade_turnover", reporter=None, partner=None,
                   lang: str = "en", title: str | None = None, source: str | None = None):
    """One indicator by period for a pair, with each growth claim drawn.

    Reported values are solid bars; where a row states a multiplier for a compared period, the implied
    base (``base_value``) is drawn as a lighter bar at the compared period with the interval that the
    stated rounding allows (``base_low`` .. ``base_high``) as an error bar, and an arrow labelled
    "×3.7" goes from the base to the reported value.
    """
    import plotly.graph_objects as go

    lang = check_lang(lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "turnover_chart frame")
    sub = frame[frame["indicator"] == indicator]
    sub, reporter, partner = _pick_pair(sub, reporter, partner)
    default_title = f"{indicator_name(indicator, lang)}: {_pair_title(reporter, partner, lang)}"
    note = _source_note(sub if len(sub) else frame, source, lang)
    if sub.empty or sub["value"].notna().sum() == 0:
        return _empty(title or default_title, note, lang)
    claim_cols = ["multiplier", "compared_start", "compared_end", "base_value", "base_low", "base_high"]
    has_claims = all(c in sub.columns for c in claim_cols)
    sub, unit, dropped = _one_unit(_chronological(_distinct_facts(sub[sub["value"].notna()])))
    note = _unit_note(note, dropped, lang)
    magnitudes = list(sub["value"].abs())
    if has_claims:
        magnitudes += list(sub["base_high"].dropna().abs())
    scale = 1.0 if unit in ("count", "percent") else scale_step(max(magnitudes))

    # categories on the x axis, in time order: reported periods and compared periods together
    cats: dict[tuple, str] = {}

    def cat(a, b):
        key = (str(b), str(a))
        cats.setdefault(key, period_label(a, b, lang))
        return cats[key]

    x, y, hover = [], [], []
    bx, by, berr_plus, berr_minus, bhover = [], [], [], [], []
    arrows = []
    for _, row in sub.iterrows():
        label = cat(row["period_start"], row["period_end"])
        x.append(label)
        y.append(row["value"] / scale)
        hover.append(f"<b>{escape_html(label)}</b>: {format_value(row['value'], row['unit'], lang)}{_quote_hover(row)}")
        if has_claims and not is_missing(row["base_value"]) and not is_missing(row["compared_start"]):
            blabel = cat(row["compared_start"], row["compared_end"])
            base = row["base_value"]
            lo = row["base_low"] if not is_missing(row["base_low"]) else base
            hi = row["base_high"] if not is_missing(row["base_high"]) else base
            bx.append(blabel)
            by.append(base / scale)
            berr_plus.append((hi - base) / scale)
            berr_minus.append((base - lo) / scale)
            rng = f"{format_value(lo, row['unit'], lang)} … {format_value(hi, row['unit'], lang)}"
            bhover.append(f"<b>{escape_html(blabel)}</b>: {format_value(base, row['unit'], lang)}"
                          f"<br>{WORDS[lang]['rounding']}: {rng}")
            mult = row["multiplier"]
            arrows.append((blabel, base / scale, label, row["value"] / scale, mult))
    order = [cats[k] for k in sorted(cats)]
    fig = go.Figure()
    if bx:
        fig.add_trace(go.Bar(
            x=bx, y=by, name=WORDS[lang]["implied_base"], marker_color=_BASE_COLOR,
            marker_pattern_shape="/", customdata=bhover, hovertemplate="%{customdata}<extra></extra>",
            error_y=dict(type="data", symmetric=False, array=berr_plus, arrayminus=berr_minus,
                         color="#333", thickness=1.5, width=8),
        ))
    fig.add_trace(go.Bar(x=x, y=y, name=WORDS[lang]["reported"], marker_color=_COLORS[0],
                         customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
    for i, (bl, b, rl, r, mult) in enumerate(arrows):
        if is_missing(mult):
            continue
        # positions by category index: plotly reads ax="2022" as the number 2022, even on a category axis
        xi_b, xi_r = order.index(bl), order.index(rl)
        fig.add_annotation(  # the arrow: from the top of the implied base to the reported value
            x=xi_r, y=r, ax=xi_b, ay=b, xref="x", yref="y", axref="x", ayref="y", showarrow=True, text="",
            arrowhead=2, arrowsize=1.2, arrowwidth=1.5, arrowcolor=_COLORS[1], standoff=2, startstandoff=2,
            name="growth-arrow",
        )
        # the multiplier, written beside the arrow's middle
        fig.add_annotation(
            x=(xi_b + xi_r) / 2, y=(b + r) / 2, xref="x", yref="y", showarrow=False,
            text=f"<b>{WORDS[lang]['times']}{localise(digits(float(mult)), lang)}</b>",
            font=dict(size=16, color=_COLORS[1]), bgcolor="rgba(255,255,255,0.85)", name="multiplier",
        )
    fig.update_layout(barmode="overlay", bargap=0.35, hovermode="closest")
    # type="category": labels such as "2022" would otherwise make plotly pick a numeric axis, and the
    # growth arrow (ax="2022") would stretch it to (-58, 2037) with no bar visible
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, title_text=WORDS[lang]["period"])
    fig.update_yaxes(title_text=axis_title(unit, scale, lang), rangemode="tozero")
    return _finish(fig, title=title or default_title, note=note, lang=lang)


def flows_chart(frame, *, reporter=None, partner=None, lang: str = "en", title: str | None = None,
                source: str | None = None):
    """Exports (up), imports (down, mirrored) and the balance (markers) by period for a pair."""
    import plotly.graph_objects as go

    lang = check_lang(lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "flows_chart frame")
    sub = frame[frame["indicator"].isin(["exports", "imports", "trade_balance"]) & frame["value"].notna()]
    sub, reporter, partner = _pick_pair(sub, reporter, partner)
    default_title = f"{WORDS[lang]['flows']}: {_pair_title(reporter, partner, lang)}"
    note = _source_note(sub if len(sub) else frame, source, lang)
    if sub.empty:
        return _empty(title or default_title, note, lang)
    sub, unit, dropped = _one_unit(_chronological(_distinct_facts(sub)))
    note = _unit_note(note, dropped, lang)
    scale = scale_step(sub["value"].abs().max())
    order = []
    for a, b in sub[["period_start", "period_end"]].drop_duplicates().itertuples(index=False):
        lbl = period_label(a, b, lang)
        if lbl not in order:
            order.append(lbl)
    fig = go.Figure()
    colors = {"exports": _COLORS[0], "imports": _COLORS[1], "trade_balance": "#222"}
    for ind in ("exports", "imports", "trade_balance"):
        part = sub[sub["indicator"] == ind]
        if part.empty:
            continue
        sign = -1.0 if ind == "imports" else 1.0
        xs = [period_label(a, b, lang) for a, b in zip(part["period_start"], part["period_end"])]
        ys = [sign * v / scale for v in part["value"]]
        hv = [f"<b>{escape_html(indicator_name(ind, lang))}, {escape_html(xl)}</b>: {format_value(r['value'], r['unit'], lang)}"
              f"{_quote_hover(r)}" for xl, (_, r) in zip(xs, part.iterrows())]
        if ind == "trade_balance":
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name=indicator_name(ind, lang),
                                     marker=dict(symbol="diamond", size=13, color=colors[ind]),
                                     customdata=hv, hovertemplate="%{customdata}<extra></extra>"))
        else:
            fig.add_trace(go.Bar(x=xs, y=ys, name=indicator_name(ind, lang), marker_color=colors[ind],
                                 customdata=hv, hovertemplate="%{customdata}<extra></extra>"))
    # overlay, never relative: two outlets' figures for one flow and period must not add up
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=order, title_text=WORDS[lang]["period"])
    fig.update_yaxes(title_text=axis_title(unit, scale, lang), zeroline=True, zerolinecolor="#444")
    return _finish(fig, title=title or default_title, note=note, lang=lang)


def partners_chart(frame, *, indicator: str = "trade_turnover", reporter=None, period=None,
                   partner: str = "partner", lang: str = "en", title: str | None = None,
                   source: str | None = None, top: int = 20):
    """The same indicator across partners: ranked horizontal bars for one period.

    ``period`` is a ``(start, end)`` pair of "YYYY-MM"; by default the period covering most partners
    (ties: the latest). ``partner`` names the column to rank by.
    """
    import plotly.graph_objects as go

    lang = check_lang(lang)
    require_columns(frame, ["indicator", "reporter", partner, "period_start", "period_end", "value", "unit"],
                    "partners_chart frame")
    sub = frame[(frame["indicator"] == indicator) & frame["value"].notna()]
    if reporter is None and len(sub):
        reporter = sub["reporter"].dropna().mode().iloc[0] if sub["reporter"].notna().any() else None
    if reporter is not None:
        sub = sub[sub["reporter"] == reporter]
    if period is None and len(sub):
        counts = (sub.groupby(["period_end", "period_start"])[partner].nunique()
                  .reset_index().sort_values([partner, "period_end", "period_start"], kind="stable"))
        last = counts.iloc[-1]
        period = (last["period_start"], last["period_end"])
    label = period_label(*period, lang=lang) if period else ""
    default_title = f"{indicator_name(indicator, lang)} {WORDS[lang]['by_partner']}: {country_name(reporter, lang)}" + (
        f", {label}" if label else "")
    note = _source_note(sub if len(sub) else frame, source, lang)
    if period is not None:
        sub = sub[(sub["period_start"] == period[0]) & (sub["period_end"] == period[1])]
    if sub.empty:
        return _empty(title or default_title, note, lang)
    note = _source_note(sub, source, lang)
    # one value per partner: several documents may report it; keep the latest published if present
    order_cols = [c for c in ("published",) if c in sub.columns]
    sub = sub.sort_values(order_cols, kind="stable") if order_cols else sub
    sub, unit, dropped = _one_unit(sub)
    note = _unit_note(note, dropped, lang)
    sub = sub.drop_duplicates(partner, keep="last").sort_values("value", kind="stable").tail(top)
    scale = 1.0 if unit in ("count", "percent") else scale_step(sub["value"].abs().max())
    names = [country_name(p, lang) for p in sub[partner]]
    hv = [f"<b>{escape_html(n)}</b>: {format_value(r['value'], r['unit'], lang)}{_quote_hover(r)}"
          for n, (_, r) in zip(names, sub.iterrows())]
    fig = go.Figure(go.Bar(
        x=list(sub["value"] / scale), y=names, orientation="h", marker_color=_COLORS[0],
        text=[format_value(v, u, lang) for v, u in zip(sub["value"], sub["unit"])], textposition="outside",
        cliponaxis=False, customdata=hv, hovertemplate="%{customdata}<extra></extra>",
    ))
    top_value = max(0.0, float((sub["value"] / scale).max()))
    fig.update_xaxes(title_text=axis_title(unit, scale, lang), range=[0, top_value * 1.2 or 1])
    fig.update_yaxes(title_text=WORDS[lang]["partner"], ticksuffix="  ")
    height = max(_HEIGHT, 200 + 28 * len(sub))
    return _finish(fig, title=title or default_title, note=note, lang=lang, height=height)


def _dated(frame):
    """Rows with a value and a start month; a stock without a period ("36 enterprises") is dated by
    its publication month. Returns a new frame."""
    sub = frame[frame["value"].notna()]
    if "published" in sub.columns:
        undated = sub["period_start"].isna() & sub["published"].notna()
        if undated.any():
            month = sub["published"].astype("str").str.slice(0, 7)
            sub = sub.assign(period_start=sub["period_start"].where(~undated, month),
                             period_end=sub["period_end"].where(~undated, month))
    return sub[sub["period_start"].notna()]


def _time_panels(sub, facet: str, facets: list, labels: list[str], series, lang: str, *, title: str,
                 note: str):
    """One subplot per facet value on a shared date axis; each observation a segment over its months."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=len(facets), cols=1, shared_xaxes=True,
                        vertical_spacing=min(0.08, 0.3 / max(1, len(facets))), subplot_titles=labels)
    colors: dict[str, str] = {}
    shown: set[str] = set()
    dropped = 0
    for row_no, key in enumerate(facets, start=1):
        part, unit, n = _one_unit(sub[sub[facet] == key])
        dropped += n
        scale = 1.0 if unit in ("count", "percent") else scale_step(part["value"].abs().max())
        groups = part.groupby(part[series].astype(str), sort=False) if series else [(None, part)]
        for name, grp in groups:
            name = str(name) if name is not None else labels[row_no - 1]
            color = colors.setdefault(name, _COLORS[len(colors) % len(_COLORS)])
            lx, ly, mx, my, hv = [], [], [], [], []
            for _, r in _chronological(grp).iterrows():
                end = r["period_end"] if not is_missing(r["period_end"]) else r["period_start"]
                a, b = month_start(r["period_start"]), month_end(end)
                v = r["value"] / scale
                lx += [a, b, None]
                ly += [v, v, None]
                mx.append(a + (b - a) / 2)
                my.append(v)
                hv.append(f"<b>{escape_html(period_label(r['period_start'], end, lang))}</b>: "
                          f"{format_value(r['value'], r['unit'], lang)}"
                          + (f"<br>{escape_html(name)}" if series else "") + _quote_hover(r))
            legend = series is not None and name not in shown
            shown.add(name)
            fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", line=dict(color=color, width=4), name=name,
                                     legendgroup=name, showlegend=False, hoverinfo="skip"), row=row_no, col=1)
            fig.add_trace(go.Scatter(x=mx, y=my, mode="markers", marker=dict(color=color, size=9), name=name,
                                     legendgroup=name, showlegend=legend, customdata=hv,
                                     hovertemplate="%{customdata}<extra></extra>"), row=row_no, col=1)
        fig.update_yaxes(title_text=axis_title(unit, scale, lang), rangemode="tozero", row=row_no, col=1)
    fig.update_xaxes(type="date")
    height = max(_HEIGHT, 170 + (230 if len(facets) <= 3 else 150) * len(facets))
    return _finish(fig, title=title, note=_unit_note(note, dropped, lang), lang=lang, height=height)


def related_chart(frame, *, indicators: Iterable[str] | None = None, reporter=None, partner=None,
                  series: str | None = None, lang: str = "en", title: str | None = None,
                  source: str | None = None):
    """Related indicators on a shared time axis, one subplot per indicator (never a dual axis).

    Each observation is drawn over the months it covers (a segment from the start of ``period_start``
    to the end of ``period_end``, with a marker in the middle), so a nine-month total and a calendar
    year are not confused; a row without a period is placed at its ``published`` month. ``series``
    names a column that splits each subplot into coloured series, e.g. ``"basis"`` or ``"source"``
    when news rows and official rows are concatenated.
    """
    lang = check_lang(lang)
    need = ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"]
    require_columns(frame, need + ([series] if series else []), "related_chart frame")
    sub = _dated(frame)
    if indicators is not None:
        indicators = list(indicators)
        sub = sub[sub["indicator"].isin(indicators)]
    sub, reporter, partner = _pick_pair(sub, reporter, partner)
    if indicators is None:
        indicators = list(dict.fromkeys(sub["indicator"]))
    indicators = [i for i in indicators if (sub["indicator"] == i).any()]
    default_title = (" · ".join(indicator_name(i, lang) for i in indicators) or WORDS[lang]["value"]) + \
        f": {_pair_title(reporter, partner, lang)}"
    note = _source_note(sub if len(sub) else frame, source, lang)
    if sub.empty or not indicators:
        return _empty(title or default_title, note, lang)
    return _time_panels(sub, "indicator", indicators, [indicator_name(i, lang) for i in indicators], series,
                        lang, title=title or default_title, note=note)


def panel_chart(frame, *, indicator: str = "trade_turnover", reporter=None, partners: Iterable[str] | None = None,
                series: str | None = None, lang: str = "en", title: str | None = None,
                source: str | None = None, top: int = 8):
    """The same indicator across partners as small multiples: one subplot per partner, shared time axis.

    Partners default to the ``top`` ones with the most observations. ``series`` as in `related_chart`.
    """
    lang = check_lang(lang)
    need = ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"]
    require_columns(frame, need + ([series] if series else []), "panel_chart frame")
    sub = _dated(frame)
    sub = sub[(sub["indicator"] == indicator) & sub["partner"].notna()]
    if reporter is None and sub["reporter"].notna().any():
        reporter = sub["reporter"].dropna().mode().iloc[0]
    if reporter is not None:
        sub = sub[sub["reporter"] == reporter]
    if partners is None:
        counts = sub.groupby("partner").size().sort_values(ascending=False, kind="stable")
        partners = list(counts.index[:top])
    else:
        partners = [p for p in partners if (sub["partner"] == p).any()]
    sub = sub[sub["partner"].isin(partners)]
    default_title = f"{indicator_name(indicator, lang)} {WORDS[lang]['by_partner']}: {country_name(reporter, lang)}"
    note = _source_note(sub if len(sub) else frame, source, lang)
    if sub.empty:
        return _empty(title or default_title, note, lang)
    return _time_panels(sub, "partner", partners, [country_name(p, lang) for p in partners], series, lang,
                        title=title or default_title, note=note)


# --- the standard set ----------------------------------------------------------------------------
def _safe(*parts) -> str:
    text = "-".join("any" if is_missing(p) or p == "" else str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "chart"


def default_charts(frame, lang: str = "en") -> dict:
    """The standard charts for a tidy frame, only those the frame has data for, keyed by a file-name-safe
    name: ``turnover-KAZ-SRB``, ``flows-KAZ-SRB``, ``related-KAZ-SRB``, ``partners-trade_turnover-KAZ``, ``panel-trade_turnover-KAZ``."""
    lang = check_lang(lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "default_charts frame")
    out: dict = {}
    data = frame[frame["value"].notna()]
    if data.empty:
        return out
    pairs = data.groupby(["reporter", "partner"], dropna=False, sort=True)
    for (rep, par), grp in pairs:
        inds = set(grp["indicator"])
        rep_f = None if is_missing(rep) else rep
        par_f = None if is_missing(par) else par
        # _pick_pair with None would re-pick the most frequent pair: pass the group itself instead
        if "trade_turnover" in inds:
            out[_safe("turnover", rep, par)] = turnover_chart(grp, reporter=rep_f, partner=par_f, lang=lang)
        if inds & {"exports", "imports", "trade_balance"}:
            out[_safe("flows", rep, par)] = flows_chart(grp, reporter=rep_f, partner=par_f, lang=lang)
        dated = grp["period_start"].notna()
        if "published" in grp.columns:
            dated = dated | grp["published"].notna()
        related = [i for i in ("trade_turnover", "exports", "imports", "trade_balance", "investment", "enterprises")
                   if i in inds and (grp.loc[dated, "indicator"] == i).any()]
        if len(related) >= 2:
            out[_safe("related", rep, par)] = related_chart(grp, indicators=related, reporter=rep_f,
                                                            partner=par_f, lang=lang)
    for (ind, rep), grp in data.groupby(["indicator", "reporter"], sort=True):
        if grp["partner"].nunique() >= 2 and ind != "other":
            out[_safe("partners", ind, rep)] = partners_chart(grp, indicator=ind, reporter=rep, lang=lang)
            if grp[["period_start", "period_end"]].drop_duplicates().shape[0] >= 2:
                out[_safe("panel", ind, rep)] = panel_chart(grp, indicator=ind, reporter=rep, lang=lang)
    return out
