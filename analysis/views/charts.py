"""Charts of tidy trade observations, shaped like plotly express.

Every function takes a tidy frame (the columns of `analysis.frames.TIDY_COLUMNS`, or the official-data
frame of `analysis.datasets.official_trade`) plus column names / filters, and returns a
`plotly.graph_objects.Figure`. No I/O, no `.show()`; the input frame is never modified.

Common keyword arguments (documented once, here):

- ``lang``: ``"en"`` or ``"ru"`` — labels, period names, dates, notes and number formats ("52.9 M USD" /
  "52,9 млн долл."); by default the language most rows were read in (the ``lang`` column), else English.
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
from .labels import (
    LANGS,
    WORDS,
    change_text,
    country_name,
    digits,
    format_value,
    indicator_name,
    lang_of,
    localise,
    period_label,
    series_name,
)
from .layout import BASE_COLOR as _BASE_COLOR
from .layout import COLORS as _COLORS
from .layout import HEIGHT as _HEIGHT
from .layout import TEMPLATE_NAME, card, empty, escape_html, finish, template
from .marks import axis_html as _axis_html
from .marks import pair_title as _pair_title
from .marks import quote_hover as _quote_hover
from .marks import titled as _titled
from .marks import titled_one as _titled_one
from .marks import unit_note as _unit_note
from .marks import value_html as _value_html
from .bars import PLOT_PX as _PLOT_PX
from .bars import STATISTICS as _STATISTICS
from .bars import labelled as _labelled
from .bars import statistics_marks as _statistics_marks
from .notes import source_note
from .shape import Slots as _Slots
from .shape import chronological as _chronological
from .shape import dated as _dated
from .shape import distinct_facts as _distinct_facts  # noqa: F401 - the stand-in, tested by its old name
from .shape import facts as _facts
from .shape import one_side as _one_side
from .shape import one_unit as _one_unit
from .shape import orient as _orient
from .shape import pick_pair as _pick_pair
from .shape import scale_of as _scale_of
from .timeline import time_panels as _time_panels

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

# --- frame helpers -------------------------------------------------------------------------------
def _growth_words(row, lang, reported_base=None) -> str:
    """The claim in words: the base it implies, or (when the base period has its own reported figure)
    the change on that figure."""
    change = change_text(row["multiplier"], lang)
    words = dict(period=period_label(row["compared_start"], row["compared_end"], lang),
                 value=format_value(row["value"], row["unit"], lang),
                 reported=period_label(row["period_start"], row["period_end"], lang), times=change)
    if reported_base is not None:
        return WORDS[lang]["change_on"].format(base=format_value(reported_base, row["unit"], lang), **words)
    return WORDS[lang]["implied_by"].format(base=format_value(row["base_value"], row["unit"], lang), **words)


def _growth_arrow(fig, slots, row, yb: float, yr: float, lang: str) -> None:
    """An arrow from the compared period's bar to the reported one, labelled with the change."""
    xb, xr = slots.x(row["compared_start"], row["compared_end"]), slots.x(row["period_start"], row["period_end"])
    # positions by category index: plotly reads ax="2022" as the number 2022, even on a category axis
    fig.add_annotation(x=xr, y=yr, ax=xb, ay=yb, xref="x", yref="y", axref="x", ayref="y", showarrow=True,
                       text="", arrowhead=2, arrowsize=1.2, arrowwidth=1.5, arrowcolor=_COLORS[1], standoff=14,
                       startstandoff=2, name="growth-arrow")
    fig.add_annotation(
        x=(xb + xr) / 2, y=(yb + yr) / 2, xref="x", yref="y", showarrow=False,
        text=f"<b>{change_text(row['multiplier'], lang)}</b>",
        font=dict(size=16, color=_COLORS[1]), bgcolor="rgba(255,255,255,0.85)", name="multiplier")


# --- the charts ----------------------------------------------------------------------------------
def turnover_chart(frame, *, indicator: str = "trade_turnover", reporter=None, partner=None,
                   lang: str | None = None, title: str | None = None, source: str | None = None):
    """One indicator by year for a pair, each span of months its own series, each growth claim drawn.

    Years are categories (a year without a figure stays, empty); within a year, "Jan–Sep" and "Full year"
    stand side by side in their own colours. Where a row states a multiplier for a compared period, the
    implied base (``base_value``) is a hatched bar at the compared period, with the interval the stated
    rounding allows (``base_low`` .. ``base_high``) as an error bar, an arrow labelled "×3.7" from it to
    the reported value, and a subtitle in words ("14.3 M USD in Jan–Sep 2021, implied by 52.9 M USD …").
    One figure and no claim gives a card; periods that fit no year (or more than four spans) a time axis.
    Copies from several outlets are one fact (`analysis.facts.fact_rows`); a conflicting reading is a
    narrow outlined bar beside the kept one.
    """
    import pandas as pd
    import plotly.graph_objects as go

    lang = lang_of(frame, lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "turnover_chart frame")
    sub = frame[(frame["indicator"] == indicator) & frame["value"].notna()]
    sub, reporter, partner = _pick_pair(sub, reporter, partner)
    default_title = _titled(indicator_name(indicator, lang), reporter, partner, lang)
    title = title or default_title
    note = source_note(sub if len(sub) else frame, source, lang)
    if sub.empty:
        return empty(title, note, lang)
    sub, unit, dropped = _one_unit(_chronological(_facts(sub)))
    note = _unit_note(note, dropped, lang)
    # statistics (own side, mirror) beside news figures: a mark of their own on the news bars' axis
    kinds = sub["basis"].fillna("reported") if "basis" in sub.columns else None
    stats = sub.iloc[:0]
    if kinds is not None and kinds.nunique() > 1:
        is_stat = kinds.isin(_STATISTICS)
        stats, sub = sub[is_stat].assign(basis=kinds[is_stat]), sub[~is_stat]
    claim_cols = ["multiplier", "compared_start", "compared_end", "base_value", "base_low", "base_high"]
    claims = sub[sub["base_value"].notna() & sub["compared_start"].notna()] if all(
        c in sub.columns for c in claim_cols) else sub.iloc[:0].reindex(columns=[*sub.columns, *claim_cols])
    periods = list(zip(sub["period_start"], sub["period_end"])) + list(zip(claims["compared_start"],
                                                                          claims["compared_end"]))
    slots = _Slots(periods + list(zip(stats["period_start"], stats["period_end"])), lang)
    if kinds is not None and kinds.nunique() > 1 and (not slots.ok or sub.empty or stats.empty
                                                        or sub["basis"].fillna("reported").nunique() > 1):
        # own-side, partner-side (mirror) and news figures are different series, never one bar's rivals
        both = _chronological(pd.concat([sub, stats])) if len(stats) else sub
        return _time_panels(both.assign(basis=both["basis"].fillna("reported")), "indicator", [indicator],
                            [indicator_name(indicator, lang)], "basis", lang, title=title, note=note)
    if not slots.ok:
        return _time_panels(sub, "indicator", [indicator], [indicator_name(indicator, lang)], None, lang,
                            title=title, note=note)
    if len(sub) == 1 and claims.empty and stats.empty:
        r = sub.iloc[0]
        caption = f"{indicator_name(indicator, lang)}, {_pair_title(reporter, partner, lang)}, " \
                  f"{period_label(r['period_start'], r['period_end'], lang)}"
        return card(format_value(r["value"], r["unit"], lang), caption, title=title, note=note, lang=lang)
    scale = _scale_of(unit, list(sub["value"]) + list(claims["base_high"]) + list(stats["value"]))
    many = len(slots.spans) > 1
    labelled, roomy = _labelled(sub, claims, slots, unit, lang, scale)
    colors = {i: _COLORS[0] if s == (1, 12, 12) else _COLORS[[2, 4, 3, 7][i % 4]] for i, s in enumerate(slots.spans)}
    fig = go.Figure()
    # the best-sourced reading of a slot is the bar; other readings of it are narrow outlined bars
    ranked = sub.sort_values("n_sources", ascending=False, kind="stable") if "n_sources" in sub.columns else sub
    slot_of = [slots.at(a, b) for a, b in zip(ranked["period_start"], ranked["period_end"])]
    first = ~ranked.assign(_slot=[str(s) for s in slot_of]).duplicated("_slot").to_numpy()
    # the highest mark of each slot (another reading, a statistic): a label sits above it, not across it
    highest: dict = {}
    for where, v in list(zip(slot_of, ranked["value"])) + [
            (slots.at(a, b), v) for a, b, v in zip(stats["period_start"], stats["period_end"], stats["value"])]:
        highest[where] = max(highest.get(where, v), v)
    lifted = []
    for i in range(len(slots.spans)):
        for main in (True, False):
            pick = [j for j, (s, f) in enumerate(zip(slot_of, first)) if s[1] == i and f == main]
            if not pick:
                continue
            part = ranked.iloc[pick]
            xs = [slot_of[j][0] for j in pick]
            hover = [f"<b>{escape_html(period_label(r['period_start'], r['period_end'], lang))}</b>: "
                     f"{_value_html(r['value'], r['unit'], lang)}{_quote_hover(r, lang)}" for _, r in part.iterrows()]
            width = slots.width * (0.92 if main else 0.3)

            def lifts(r, main=main):
                top = highest.get(slots.at(r["period_start"], r["period_end"]), r["value"])
                if main and roomy and top > r["value"] and labelled(r):
                    lifted.append((r, top))
                    return True
                return False
            fig.add_trace(go.Bar(
                x=xs, y=list(part["value"] / scale), width=width,
                offset=slots.offset(i) + (slots.width - width) / 2,
                name=(slots.name(i) if many else WORDS[lang]["reported"]) if main else WORDS[lang]["other_reading"],
                showlegend=None if main else not any(t.name == WORDS[lang]["other_reading"] for t in fig.data),
                marker=dict(color=colors[i] if main else "white", line=dict(color=colors[i], width=0 if main else 2)),
                # thin bars: the few labels kept run up inside their bar, never across a neighbour
                text=[labelled(r) if not lifts(r) else "" for _, r in part.iterrows()] if main else None,
                textposition="outside" if roomy else "auto", textangle=0 if roomy else -90,
                insidetextanchor="end", textfont=dict(size=14), constraintext="none", cliponaxis=False,
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>", legendgroup=str(i)))
    for r, top in lifted:   # above the slot's highest mark, in the bar's words
        fig.add_annotation(x=slots.x(r["period_start"], r["period_end"]), y=top / scale, xref="x", yref="y",
                           yanchor="bottom", yshift=3, showarrow=False, text=labelled(r), font=dict(size=14),
                           name="value-label")
    words = []
    # a compared period with its own reported figure: the arrow starts there, no implied bar is drawn
    reported_at = {slot_of[j]: float(ranked["value"].iloc[j]) for j in range(len(ranked)) if first[j]}
    drawn_base = False
    for _, r in claims.iterrows():
        label, i = slots.at(r["compared_start"], r["compared_end"])
        known = reported_at.get((label, i))
        if known is not None:
            if not is_missing(r["multiplier"]):
                words.append(_growth_words(r, lang, reported_base=known))
                # above both value labels: the arrow links the two figures, not the bars' tops
                lift = 0.1 * max([0.0] + list(sub["value"] / scale))
                _growth_arrow(fig, slots, r, known / scale + lift, r["value"] / scale + lift, lang)
            continue
        base = r["base_value"]
        lo = r["base_low"] if not is_missing(r["base_low"]) else base
        hi = r["base_high"] if not is_missing(r["base_high"]) else base
        rng = f"{_value_html(lo, unit, lang)} … {_value_html(hi, unit, lang)}"
        blabel = period_label(r["compared_start"], r["compared_end"], lang)
        fig.add_trace(go.Bar(
            x=[label], y=[base / scale], width=slots.width * 0.92, offset=slots.offset(i) + slots.width * 0.04,
            name=WORDS[lang]["implied_base"], showlegend=not drawn_base, legendgroup="base",
            marker=dict(color=_BASE_COLOR, pattern_shape="/", line=dict(color=colors[i], width=1.5)),
            customdata=[f"<b>{escape_html(blabel)}</b>: {_value_html(base, unit, lang)}<br>"
                        f"{escape_html(_growth_words(r, lang))}<br>{WORDS[lang]['rounding']}: {rng}"],
            hovertemplate="%{customdata}<extra></extra>",
            error_y=dict(type="data", symmetric=False, array=[(hi - base) / scale], arrayminus=[(base - lo) / scale],
                         color="#333", thickness=1.5, width=8)))
        drawn_base = True
        if is_missing(r["multiplier"]):
            continue
        words.append(_growth_words(r, lang))
        _growth_arrow(fig, slots, r, base / scale, r["value"] / scale, lang)
    _statistics_marks(fig, stats, slots, scale, lang)
    # the implied bases under the reported bars
    fig.data = [t for t in fig.data if t.legendgroup == "base"] + [t for t in fig.data if t.legendgroup != "base"]
    subtitle = "\n".join(([WORDS[lang]["sub_spans"]] if many else [WORDS[lang]["sub_bars"]]) + words[:2])
    fig.update_layout(barmode="overlay", hovermode="closest", showlegend=many or drawn_base or len(stats) > 0)
    # type="category": labels such as "2022" would otherwise make plotly pick a numeric axis
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=slots.labels,
                     range=[-0.5, len(slots.labels) - 0.5], title_text=WORDS[lang]["period"])
    top = max([0.0] + list(sub["value"] / scale) + list(claims["base_high"] / scale) + list(stats["value"] / scale))
    fig.update_yaxes(title_text=_axis_html(unit, scale, lang), range=[0, top * (1.25 if words else 1.15) or 1])
    return finish(fig, title=title, note=note, lang=lang, subtitle=subtitle)


def flows_chart(frame, *, reporter=None, partner=None, lang: str | None = None, title: str | None = None,
                source: str | None = None):
    """Exports (up) and imports (down) by year for a pair, spans of months in their own slots as in
    `turnover_chart`; the balance as a thin dark bar, reported or computed (exports − imports) where both
    flows of a period are known. The title names only what is drawn."""
    import plotly.graph_objects as go

    lang = lang_of(frame, lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "flows_chart frame")
    sub = frame[frame["indicator"].isin(["exports", "imports", "trade_balance"]) & frame["value"].notna()]
    sub, reporter, partner = _pick_pair(sub, reporter, partner)
    note = source_note(sub if len(sub) else frame, source, lang)
    if sub.empty:
        return empty(title or _titled(WORDS[lang]["flows_no_balance"], reporter, partner, lang), note, lang)
    sub, unit, dropped = _one_unit(_chronological(_facts(sub)))
    note = _unit_note(note, dropped, lang)
    if "n_sources" in sub.columns:  # one reading per flow and period: the best-sourced
        sub = sub.sort_values("n_sources", ascending=False, kind="stable")
    # statistics beside news quotes: a period's statistics win, and the quotes kept are drawn hatched
    kinds = sub["basis"].fillna("reported") if "basis" in sub.columns else None
    mixed = kinds is not None and kinds.isin(_STATISTICS).any()
    sub = sub.assign(_quoted=~kinds.isin(_STATISTICS) if mixed else False).sort_values("_quoted", kind="stable")
    sub = _chronological(sub.drop_duplicates(["indicator", "period_start", "period_end"]))
    groups = (False, True) if mixed and sub["_quoted"].any() else (False,)
    # the balance where a period has both flows and no reported balance
    wide = sub.pivot_table(index=["period_start", "period_end"], columns="indicator", values="value", aggfunc="first")
    computed = []
    if {"exports", "imports"} <= set(wide.columns):
        have = wide["exports"].notna() & wide["imports"].notna()
        if "trade_balance" in wide.columns:
            have &= wide["trade_balance"].isna()
        computed = [(a, b, wide.at[(a, b), "exports"] - wide.at[(a, b), "imports"]) for a, b in wide.index[have]]
    slots = _Slots(list(zip(sub["period_start"], sub["period_end"])), lang)
    if not slots.ok:
        return _time_panels(sub, "indicator", list(dict.fromkeys(sub["indicator"])),
                            [indicator_name(i, lang) for i in dict.fromkeys(sub["indicator"])], None, lang,
                            title=title or _titled(WORDS[lang]["flows_no_balance"], reporter, partner, lang), note=note)
    scale = _scale_of(unit, sub["value"])
    shades = {"exports": ["#3360a9", "#7b9bd2", "#b0c3e6", "#d5e0f2"], "imports": ["#c05917", "#dd8f58", "#eebc97", "#f6dcc8"]}
    fig = go.Figure()
    many = len(slots.spans) > 1
    quoted_word = series_name("reported", lang)
    quoted_word = quoted_word[:1].lower() + quoted_word[1:]
    for ind, i, q in [(ind, i, q) for ind in ("exports", "imports") for i in range(len(slots.spans)) for q in groups]:
        part = sub[(sub["indicator"] == ind) & (sub["_quoted"] == q)]
        here = part[[slots.at(a, b)[1] == i for a, b in zip(part["period_start"], part["period_end"])]]
        if here.empty:
            continue
        sign = -1.0 if ind == "imports" else 1.0
        name = indicator_name(ind, lang) + (f", {slots.name(i)}" if many else "") + (f" ({quoted_word})" if q else "")
        legend = None if not q else False   # the hatch is explained once, below
        full = slots.spans[i] == (1, 12, 12)
        hv = [f"<b>{escape_html(indicator_name(ind, lang))}, {escape_html(period_label(r['period_start'], r['period_end'], lang))}"
              f"</b>: {_value_html(r['value'], r['unit'], lang)}{_quote_hover(r, lang)}" for _, r in here.iterrows()]
        fig.add_trace(go.Bar(
            x=[slots.at(a, b)[0] for a, b in zip(here["period_start"], here["period_end"])],
            y=[sign * v / scale for v in here["value"]], width=slots.width * 0.92,
            offset=slots.offset(i) + slots.width * 0.04, name=name, showlegend=legend,
            marker=dict(color=shades[ind][0 if full or not many else 1 + i % 3],
                        pattern=dict(shape="x", fgcolor="white", size=7) if q else None),
            text=[_value_html(v, unit, lang) for v in here["value"]] if len(slots.labels) <= 8 else None,
            textposition="outside", cliponaxis=False,
            customdata=hv, hovertemplate="%{customdata}<extra></extra>"))
    if len(groups) > 1:  # one legend entry for the hatch: a bar of no height
        fig.add_trace(go.Bar(x=[slots.labels[0]], y=[0], name=series_name("reported", lang), hoverinfo="skip",
                             marker=dict(color="#777", pattern=dict(shape="x", fgcolor="white", size=7))))
    balances = [(a, b, v, True) for a, b, v in zip(*(sub.loc[sub["indicator"] == "trade_balance", c]
                                                     for c in ("period_start", "period_end", "value")))]
    balances += [(a, b, v, False) for a, b, v in computed]
    from .layout import text_px

    flows_span = (max([0.0] + [abs(y) for t in fig.data for y in t.y if y > 0])
                  + max([0.0] + [abs(y) for t in fig.data for y in t.y if y < 0])) or 1.0

    def fit(v):
        """A balance's label where it fits its thin bar (across or along it), else only in the hover."""
        text = format_value(v * scale, unit, lang)
        across = _PLOT_PX / len(slots.labels) * slots.width * 0.3
        along = abs(v) / flows_span * 250   # about 250 px of plot height
        return escape_html(text) if min(across, along) >= 0 and (text_px(text, 11) + 6 <= max(across, along)) else ""

    for reported in (True, False):
        part = [x for x in balances if x[3] == reported]
        if not part:
            continue
        word = indicator_name("trade_balance", lang) if reported else WORDS[lang]["balance_computed"]
        xs, ys, offs, hv = [], [], [], []
        for a, b, v, _ in part:
            label, i = slots.at(a, b)
            xs.append(label)
            ys.append(v / scale)
            offs.append(slots.offset(i) + slots.width * 0.35)
            hv.append(f"<b>{escape_html(word)}, {escape_html(period_label(a, b, lang))}</b>: {_value_html(v, unit, lang)}")
        fig.add_trace(go.Bar(x=xs, y=ys, width=slots.width * 0.3, offset=offs, name=word,
                             marker=dict(color="#222" if reported else "#4d4d4d", line=dict(color="white", width=1)),
                             text=[fit(v) for v in ys], textposition="inside",
                             insidetextanchor="end", textfont=dict(color="white", size=11),
                             customdata=hv, hovertemplate="%{customdata}<extra></extra>"))
    inds = set(sub["indicator"])
    if balances:
        what = WORDS[lang]["flows"]
    elif inds == {"exports"} or inds == {"imports"}:
        what = indicator_name(next(iter(inds)), lang)
    else:
        what = WORDS[lang]["flows_no_balance"]
    drawn = {"exports", "imports"} & inds
    subtitle = (WORDS[lang]["sub_flows"] if len(drawn) == 2 else WORDS[lang]["sub_bars"]) + (
        WORDS[lang]["sub_balance"] if balances else "") + (
        "\n" + WORDS[lang]["sub_spans"] if many else "")
    # overlay, never relative: two outlets' figures for one flow and period must not add up
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=slots.labels,
                     range=[-0.5, len(slots.labels) - 0.5], title_text=WORDS[lang]["period"])
    # imports are drawn below the line but are not negative: ticks show their size
    ys = [y for t in fig.data for y in t.y]
    ticks = _tick_values(min([0.0, *ys]), max([0.0, *ys]))
    fig.update_yaxes(title_text=_axis_html(unit, scale, lang), zeroline=True, zerolinecolor="#444",
                     tickvals=ticks, ticktext=[localise(digits(abs(v)), lang) for v in ticks])
    return finish(fig, title=title or _titled(what, reporter, partner, lang), note=note, lang=lang, subtitle=subtitle)


def _tick_values(lo: float, hi: float, n: int = 6) -> list[float]:
    """Round tick positions covering lo..hi (about n of them): 1, 2 or 5 times a power of ten apart."""
    import math

    span = (hi - lo) or abs(hi) or 1.0
    raw = span / n
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    return [round(first + k * step, 10) for k in range(int(math.ceil((hi - first) / step)) + 1)]


def partners_chart(frame, *, indicator: str = "trade_turnover", reporter=None, period=None,
                   partner: str = "partner", lang: str | None = None, title: str | None = None,
                   source: str | None = None, top: int = 20):
    """The same indicator across partners: ranked horizontal bars for one period.

    ``period`` is a ``(start, end)`` pair of "YYYY-MM"; by default the period covering most partners
    (ties: the latest). ``partner`` names the column to rank by. One value per partner: copies are one
    fact, and of readings that disagree the best-sourced (then the latest published) is drawn.
    """
    import plotly.graph_objects as go

    lang = lang_of(frame, lang)
    require_columns(frame, ["indicator", "reporter", partner, "period_start", "period_end", "value", "unit"],
                    "partners_chart frame")
    sub = frame[(frame["indicator"] == indicator) & frame["value"].notna()]
    if reporter is None and len(sub):
        reporter = sub["reporter"].dropna().mode().iloc[0] if sub["reporter"].notna().any() else None
    if reporter is not None:
        sub = _orient(sub, reporter) if partner == "partner" else sub
        sub = sub[sub["reporter"] == reporter]
    # the world is a total, not a partner to rank; and one basis only: own-side and mirror figures differ
    sub = sub[sub[partner] != "WLD"]
    if "basis" in sub.columns and sub["basis"].dropna().nunique() > 1:
        kinds = sub["basis"].dropna()
        stats = kinds[kinds.isin(_STATISTICS)]   # statistics first: the news quotes rank no partners
        sub = sub[sub["basis"] == (stats if len(stats) else kinds).mode().iloc[0]]
    if period is None and len(sub):
        counts = (sub.groupby(["period_end", "period_start"])[partner].nunique()
                  .reset_index().sort_values([partner, "period_end", "period_start"], kind="stable"))
        last = counts.iloc[-1]
        period = (last["period_start"], last["period_end"])
    label = period_label(*period, lang=lang) if period else ""
    default_title = _titled_one(f"{indicator_name(indicator, lang)} {WORDS[lang]['by_partner']}", reporter,
                                lang) + (f", {label}" if label else "")
    note = source_note(sub if len(sub) else frame, source, lang)
    if period is not None:
        sub = sub[(sub["period_start"] == period[0]) & (sub["period_end"] == period[1])]
    if sub.empty:
        return empty(title or default_title, note, lang)
    note = source_note(sub, source, lang)
    sub = _facts(sub)
    order_cols = [c for c in ("n_sources", "published") if c in sub.columns]
    sub = sub.sort_values(order_cols, kind="stable") if order_cols else sub
    sub, unit, dropped = _one_unit(sub)
    note = _unit_note(note, dropped, lang)
    sub = sub.drop_duplicates(partner, keep="last").sort_values("value", kind="stable").tail(top)
    scale = _scale_of(unit, sub["value"])
    names = [country_name(p, lang) for p in sub[partner]]
    hv = [f"<b>{escape_html(n)}</b>: {_value_html(r['value'], r['unit'], lang)}{_quote_hover(r, lang)}"
          for n, (_, r) in zip(names, sub.iterrows())]
    fig = go.Figure(go.Bar(
        x=list(sub["value"] / scale), y=[escape_html(n) for n in names], orientation="h", marker_color=_COLORS[0],
        text=[_value_html(v, u, lang) for v, u in zip(sub["value"], sub["unit"])], textposition="outside",
        cliponaxis=False, customdata=hv, hovertemplate="%{customdata}<extra></extra>",
    ))
    top_value = max(0.0, float((sub["value"] / scale).max()))
    fig.update_xaxes(title_text=_axis_html(unit, scale, lang), range=[0, top_value * 1.2 or 1])
    fig.update_yaxes(title_text=WORDS[lang]["partner"], ticksuffix="  ")
    height = max(_HEIGHT, 200 + 28 * len(sub))
    return finish(fig, title=title or default_title, note=note, lang=lang, height=height,
                  subtitle=WORDS[lang]["sub_partners"].format(period=label) if len(sub) > 1 else label)


def related_chart(frame, *, indicators: Iterable[str] | None = None, reporter=None, partner=None,
                  series: str | None = None, lang: str | None = None, title: str | None = None,
                  source: str | None = None):
    """Related indicators on a shared time axis, one subplot per indicator (never a dual axis).

    Each observation is drawn over the months it covers (a segment from the start of ``period_start``
    to the end of ``period_end``, with a marker in the middle), so a nine-month total and a calendar
    year are not confused; a row without a period is placed at its ``published`` month. ``series``
    names a column that splits each subplot into coloured series, e.g. ``"basis"`` or ``"source"``
    when news rows and official rows are concatenated; its values are named in words
    (``[chart_labels.series]``: news, reported, reporter, mirror, official).
    """
    lang = lang_of(frame, lang)
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
    default_title = _titled(" · ".join(indicator_name(i, lang) for i in indicators) or WORDS[lang]["value"],
                            reporter, partner, lang)
    note = source_note(sub if len(sub) else frame, source, lang)
    if sub.empty or not indicators:
        return empty(title or default_title, note, lang)
    return _time_panels(sub, "indicator", indicators, [indicator_name(i, lang) for i in indicators], series,
                        lang, title=title or default_title, note=note)


def panel_chart(frame, *, indicator: str = "trade_turnover", reporter=None, partners: Iterable[str] | None = None,
                series: str | None = None, lang: str | None = None, title: str | None = None,
                source: str | None = None, top: int = 8):
    """The same indicator across partners as small multiples: one subplot per partner, shared time axis.

    Partners default to the ``top`` ones with the most observations. ``series`` as in `related_chart`.
    """
    lang = lang_of(frame, lang)
    need = ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"]
    require_columns(frame, need + ([series] if series else []), "panel_chart frame")
    sub = _dated(frame)
    sub = sub[(sub["indicator"] == indicator) & sub["partner"].notna()]
    if reporter is None and sub["reporter"].notna().any():
        reporter = sub["reporter"].dropna().mode().iloc[0]
    if reporter is not None:
        sub = _orient(sub, reporter)
        sub = sub[sub["reporter"] == reporter]
    if partners is None:
        counts = sub.groupby("partner").size().sort_values(ascending=False, kind="stable")
        partners = list(counts.index[:top])
    else:
        partners = [p for p in partners if (sub["partner"] == p).any()]
    sub = sub[sub["partner"].isin(partners)]
    default_title = _titled_one(f"{indicator_name(indicator, lang)} {WORDS[lang]['by_partner']}", reporter, lang)
    note = source_note(sub if len(sub) else frame, source, lang)
    if sub.empty:
        return empty(title or default_title, note, lang)
    return _time_panels(sub, "partner", partners, [country_name(p, lang) for p in partners], series, lang,
                        title=title or default_title, note=note)


# --- the standard set ----------------------------------------------------------------------------
def _safe(*parts) -> str:
    text = "-".join("any" if is_missing(p) or p == "" else str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "chart"


def default_charts(frame, lang: str | None = None) -> dict:
    """The standard charts for a tidy frame, only those the frame has data for, keyed by a file-name-safe
    name: ``turnover-KAZ-SRB``, ``flows-KAZ-SRB``, ``related-KAZ-SRB``, ``partners-trade_turnover-KAZ``,
    ``panel-trade_turnover-KAZ``. Rows are consolidated first (one fact, many outlets), and a pair's
    turnover is one chart whichever side reported it."""
    lang = lang_of(frame, lang)
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    "default_charts frame")
    out: dict = {}
    data = frame[frame["value"].notna()]
    if data.empty:
        return out
    data = _one_side(_facts(data))
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
            # news quotes and statistics (the basis column, when the frame has both) stay separate series
            series = "basis" if "basis" in grp.columns and grp["basis"].fillna("reported").nunique() > 1 else None
            out[_safe("related", rep, par)] = related_chart(grp.assign(basis=grp["basis"].fillna("reported"))
                                                            if series else grp, indicators=related, reporter=rep_f,
                                                            partner=par_f, lang=lang, series=series)
    for (ind, rep), grp in data.groupby(["indicator", "reporter"], sort=True):
        if grp["partner"].nunique() >= 2 and ind != "other":
            out[_safe("partners", ind, rep)] = partners_chart(grp, indicator=ind, reporter=rep, lang=lang)
            if grp[["period_start", "period_end"]].drop_duplicates().shape[0] >= 2:
                out[_safe("panel", ind, rep)] = panel_chart(grp, indicator=ind, reporter=rep, lang=lang)
    return out
