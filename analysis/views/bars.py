"""Marks on the bar charts' axis of years: value labels that never meet, and statistics drawn beside the
news bars (a line across the slot at the official value)."""
from __future__ import annotations

from .labels import digits, format_value, localise, period_label, series_name
from .layout import escape_html
from .marks import quote_hover, value_html

STATISTICS = ("reporter", "official", "mirror")   # the bases that are statistics, not figures from the news
PLOT_PX = 800   # the plot's width on a 900 px figure (margins 70 + 30)


def labelled(sub, claims, slots, unit, lang, scale):
    """(label of a bar, whether labels fit across their bars): every bar is labelled with its value when
    the labels fit their slots ("5.6 bn USD"), else with the number alone in the axis' unit ("5.6"), else
    only the figures a growth claim is about ("" for the rest), so no two labels meet."""
    from .layout import text_px

    bar_px = PLOT_PX / max(1, len(slots.labels)) * slots.width * 0.92
    fits = lambda texts: all(text_px(t, 14) <= bar_px + 6 for t in texts)  # noqa: E731
    full = fits(format_value(v, unit, lang) for v in sub["value"])
    short = not full and fits(localise(digits(v / scale), lang) for v in sub["value"])
    keep = {(a, b) for a, b in zip(claims["period_start"], claims["period_end"])}

    def label(row) -> str:
        if full or (not short and (row["period_start"], row["period_end"]) in keep):
            return value_html(row["value"], unit, lang)
        return escape_html(localise(digits(row["value"] / scale), lang)) if short else ""
    return label, full or short


def statistics_marks(fig, stats, slots, scale, lang) -> None:
    """Statistics beside news bars: a dark line across each slot at the official value (a grey one for
    mirror figures), one legend entry per basis; the value is in the hover."""
    import plotly.graph_objects as go

    if stats.empty:
        return
    top = max(abs(v) for v in list(stats["value"] / scale) + [y for t in fig.data for y in (t.y or []) if y is not None])
    thick = top * 0.014 or 0.01
    for basis, part in stats.groupby("basis", sort=False):
        mirror = basis == "mirror"
        where = [slots.at(a, b) for a, b in zip(part["period_start"], part["period_end"])]
        name = series_name(basis, lang)
        hover = [f"<b>{escape_html(name)}, {escape_html(period_label(r['period_start'], r['period_end'], lang))}"
                 f"</b>: {value_html(r['value'], r['unit'], lang)}{quote_hover(r, lang)}" for _, r in part.iterrows()]
        fig.add_trace(go.Bar(
            x=[w[0] for w in where], y=[thick] * len(part), base=[v / scale - thick / 2 for v in part["value"]],
            width=slots.width * 0.92, offset=[slots.offset(w[1]) + slots.width * 0.04 for w in where],
            name=name, legendgroup=f"stat-{basis}",
            marker=dict(color="#8c8c8c" if mirror else "#1a1a1a", line=dict(width=0)),
            customdata=hover, hovertemplate="%{customdata}<extra></extra>"))
