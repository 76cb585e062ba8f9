"""Figures on a shared time axis: one subplot per facet (indicator or partner), each observation a segment
over the months it covers with a marker in the middle, so a nine-month total and a calendar year are
never one series. A part of a year is labelled with its months ("Jan–Sep"); a subplot with one figure
writes it beside its marker; a single figure in all is a card. Tick labels are in the chart's language."""
from __future__ import annotations

import math

from ..frames import is_missing
from .labels import WORDS, period_label, series_name, span_label, span_of
from .labels import month_end as _month_end
from .labels import month_start as _month_start
from .layout import COLORS, HEIGHT, SERIES_STYLE, card, escape_html, finish
from .marks import axis_html, quote_hover, unit_note, value_html
from .shape import chronological, facts, one_unit, scale_of


def _is_year(start, end) -> bool:
    return str(start).endswith("-01") and str(end).endswith("-12") and str(start)[:4] == str(end)[:4]


def part_label(start, end, lang: str) -> str:
    """'' for a calendar year, else the months it covers ('Jan–Sep'; a period over a year: its label)."""
    if _is_year(start, end):
        return ""
    found = span_of(start, end)
    return span_label(found[0], lang) if found else period_label(start, end, lang)


def date_ticks(first, last, lang: str):
    """Tick positions and labels for a date axis from ``first`` to ``last`` (Timestamps): years for three
    years or more ('2021', every k-th year up to ten ticks), else quarters with the language's month words
    ('Jan 2022', 'Apr', 'Jul', 'Oct')."""
    import pandas as pd

    y0, y1 = first.year, last.year
    if y1 - y0 >= 2:
        step = max(1, math.ceil((y1 - y0 + 2) / 10))
        years = range(y0, y1 + 2, step)
        return [pd.Timestamp(f"{y}-01-01") for y in years], [str(y) for y in years]
    months = WORDS[lang]["months"]
    vals, text = [], []
    for y in range(y0, y1 + 2):
        for m in (1, 4, 7, 10):
            t = pd.Timestamp(f"{y}-{m:02d}-01")
            if first - pd.Timedelta(days=92) <= t <= last + pd.Timedelta(days=92):
                vals.append(t)
                text.append(f"{months[m - 1]} {y}" if m == 1 or not text else months[m - 1])
    return vals, text


def _label_places(part, scale, sub, n_facets: int):
    """A function (row index, label) -> "top center", "bottom center" or None: where a marker's label
    meets no other line of its subplot (positions estimated on a 800 px wide plot)."""
    from .layout import text_px

    spans = []
    for idx, r in part.iterrows():
        end = r["period_end"] if not is_missing(r["period_end"]) else r["period_start"]
        spans.append((idx, _month_start(r["period_start"]), _month_end(end), r["value"] / scale))
    starts = [_month_start(x) for x in sub["period_start"]]
    ends = [_month_end(e if not is_missing(e) else s) for s, e in zip(sub["period_start"], sub["period_end"])]
    days = max(1.0, (max(ends) - min(starts)).days) if starts else 1.0
    top = max([abs(v) for *_, v in spans] + [1e-9]) * 1.2
    panel_px = max(80.0, (230 if n_facets <= 3 else 150) - 60)
    unit_px = top / panel_px

    def place(idx, label):
        if not label:
            return "top center"
        mine = next(x for x in spans if x[0] == idx)
        mid = mine[1] + (mine[2] - mine[1]) / 2
        half = _days(text_px(label, 11) / 2 / 800 * days)
        lo, hi = mid - half, mid + half
        others = [v for j, a, b, v in spans if j != idx and a <= hi and b >= lo]
        for where, (d0, d1) in (("top center", (4, 20)), ("bottom center", (-20, -4))):
            if not any(mine[3] + d0 * unit_px <= v <= mine[3] + d1 * unit_px for v in others):
                return where
        return None
    return place


def _days(n: float):
    import pandas as pd

    return pd.Timedelta(days=n)


def time_panels(sub, facet: str, facets: list, labels: list[str], series, lang: str, *, title: str, note: str):
    """One subplot per facet value on a shared date axis. ``series`` names a column whose values are
    series in the language's words ("mirror" -> "Partner's statistics (mirror)")."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    sub = facts(sub, by=series)
    if len(sub) == 1:
        r = sub.iloc[0]
        end = r["period_end"] if not is_missing(r["period_end"]) else r["period_start"]
        what = [labels[facets.index(r[facet])] if r[facet] in facets else "", period_label(r["period_start"], end, lang)]
        if series:
            what.append(series_name(r[series], lang))
        return card(value_html(r["value"], r["unit"], lang), ", ".join(w for w in what if w), title=title,
                    note=note, lang=lang)
    # one facet: the chart title already names it, a subplot title would sit on the legend
    fig = make_subplots(rows=len(facets), cols=1, shared_xaxes=True,
                        vertical_spacing=min(0.08, 0.3 / max(1, len(facets))),
                        subplot_titles=[escape_html(x) for x in labels] if len(facets) > 1 else None)
    colors: dict[str, str] = {}
    shown: set[str] = set()
    dropped = 0
    first, last = None, None
    for row_no, key in enumerate(facets, start=1):
        part, unit, n = one_unit(sub[sub[facet] == key])
        dropped += n
        scale = scale_of(unit, part["value"])
        alone = len(part) == 1
        place = _label_places(part, scale, sub, len(facets))
        groups = part.groupby(part[series].astype(str), sort=False) if series else [(None, part)]
        # news last, so a news figure that equals an official one is drawn over it, not hidden under it
        groups = sorted(groups, key=lambda g: SERIES_STYLE.get(g[0], ("solid",))[0] == "dot")
        for key_value, grp in groups:
            name = series_name(key_value, lang) if key_value is not None else labels[row_no - 1]
            color = colors.setdefault(name, COLORS[len(colors) % len(COLORS)])
            dash, symbol = SERIES_STYLE.get(key_value, ("solid", "circle"))
            lx, ly, mx, my, hv, tx, at = [], [], [], [], [], [], []
            for idx, r in chronological(grp).iterrows():
                end = r["period_end"] if not is_missing(r["period_end"]) else r["period_start"]
                a, b = _month_start(r["period_start"]), _month_end(end)
                first = a if first is None or a < first else first
                last = b if last is None or b > last else last
                v = r["value"] / scale
                lx += [a, b, None]
                ly += [v, v, None]
                mx.append(a + (b - a) / 2)
                my.append(v)
                hv.append(f"<b>{escape_html(period_label(r['period_start'], end, lang))}</b>: "
                          f"{value_html(r['value'], r['unit'], lang)}"
                          + (f"<br>{escape_html(name)}" if series else "") + quote_hover(r, lang))
                # a part of a year says which months; a figure alone in its subplot says itself
                if alone:
                    when = escape_html(period_label(r["period_start"], end, lang))
                    tx.append(f"{value_html(r['value'], r['unit'], lang)} ({when})")
                else:
                    tx.append(escape_html(part_label(r["period_start"], end, lang)))
                # above its line, else below it, else in the hover only: never across another line
                where = place(idx, tx[-1])
                at.append(where or "top center")
                tx[-1] = tx[-1] if where else ""
            legend = series is not None and name not in shown
            shown.add(name)
            fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", line={"color": color, "width": 4, "dash": dash},
                                     name=escape_html(name), legendgroup=name, showlegend=False, hoverinfo="skip"),
                          row=row_no, col=1)
            fig.add_trace(go.Scatter(x=mx, y=my, mode="markers+text" if any(tx) else "markers", text=tx,
                                     textposition=at, textfont={"size": 11, "color": color},
                                     cliponaxis=False, marker={"color": color, "size": 10, "symbol": symbol},
                                     name=escape_html(name), legendgroup=name, showlegend=legend, customdata=hv,
                                     hovertemplate="%{customdata}<extra></extra>"), row=row_no, col=1)
        top = float((part["value"] / scale).max()) if len(part) else 1.0
        fig.update_yaxes(title_text=axis_html(unit, scale, lang), range=[0, top * 1.2 or 1], row=row_no, col=1)
    fig.update_xaxes(type="date")
    if all(_is_year(a, b) for a, b in zip(sub["period_start"], sub["period_end"])):
        fig.update_xaxes(dtick="M12", tickformat="%Y", ticklabelmode="period")  # calendar years: "2022"
    elif first is not None:
        vals, text = date_ticks(first, last, lang)
        fig.update_xaxes(tickvals=vals, ticktext=text)
    height = max(HEIGHT, 170 + (230 if len(facets) <= 3 else 150) * len(facets))
    # a legend over several subplots goes above the first one's title, not onto it
    return finish(fig, title=title, note=unit_note(note, dropped, lang), lang=lang, height=height,
                  subtitle=WORDS[lang]["sub_time"], legend_gap=26 if series is not None and len(facets) > 1 else 0)
