"""Shaping a tidy frame for a chart: one row per fact, a pair in one order, one unit, periods on a year
axis. No plotting here; every function returns a new frame (or the same one when nothing changes)."""
from __future__ import annotations

from ..frames import is_missing
from ..reading.numbers import scale_step
from .labels import period_label, span_label, span_of, span_period


def facts(frame, by: str | None = None):
    """One row per fact (`analysis.facts.fact_rows`): a figure several outlets reported is drawn once.
    Rows of different ``by`` (default: ``basis`` when present) are never merged: a news figure and the
    official one may agree and are still two series. A frame already consolidated (``fact_id``), or
    without the columns consolidation reads (official tables), falls back to dropping exact copies."""
    import pandas as pd

    from ..facts import NEEDED, fact_rows

    if frame.empty or "fact_id" in frame.columns:
        return frame
    if not all(c in frame.columns for c in NEEDED):
        return distinct_facts(frame)
    by = by if by is not None else ("basis" if "basis" in frame.columns else None)
    if by is None:
        return fact_rows(frame)
    return pd.concat([fact_rows(g) for _, g in frame.groupby(frame[by].astype(str), sort=False)])


def distinct_facts(frame):
    """Exact copies (same indicator, pair, period, unit, value, basis) drawn once; turnover's pair in
    either order. For frames `facts` cannot consolidate; returns a new frame."""
    cols = [c for c in ("indicator", "reporter", "partner", "period_start", "period_end", "unit", "value",
                        "basis", "statistics") if c in frame.columns]
    if frame.empty or len(cols) < 7:
        return frame
    key = frame[cols].astype("object").where(frame[cols].notna(), None).astype(str)
    turnover = frame["indicator"] == "trade_turnover"
    a, b = key["reporter"], key["partner"]
    swap = turnover & (a > b)
    key = key.assign(reporter=a.where(~swap, b), partner=b.where(~swap, a))
    return frame[~key.duplicated()]


def orient(frame, reporter):
    """Turnover has no side: a row "CHN with KAZ" is the pair "KAZ with CHN" when KAZ is the reporter asked
    for. Returns a new frame (or the same one when nothing turns)."""
    if reporter is None or frame.empty:
        return frame
    turn = (frame["indicator"] == "trade_turnover") & (frame["partner"] == reporter) & (frame["reporter"] != reporter)
    if not turn.any():
        return frame
    return frame.assign(reporter=frame["reporter"].where(~turn, reporter),
                        partner=frame["partner"].where(~turn, frame["reporter"]))


def pick_pair(frame, reporter, partner):
    """Filter to reporter/partner (turnover in either order); when not given, the most frequent pair."""
    sub = orient(frame, reporter)
    if reporter is None and partner is not None:
        sub = orient(sub, partner)
        sub = sub.assign(reporter=sub["reporter"].where(sub["partner"] != partner, sub["reporter"]))
    if reporter is not None:
        sub = sub[sub["reporter"] == reporter]
    if partner is not None:
        sub = sub[sub["partner"] == partner]
    if len(sub) and (reporter is None or partner is None):
        counts = sub.groupby(["reporter", "partner"], dropna=False).size().sort_values(ascending=False, kind="stable")
        reporter, partner = counts.index[0]
        sub = orient(sub, None if is_missing(reporter) else reporter)
        sub = sub[(sub["reporter"].isna() if is_missing(reporter) else sub["reporter"] == reporter)
                  & (sub["partner"].isna() if is_missing(partner) else sub["partner"] == partner)]
    return sub, reporter, partner


def main_unit(sub):
    units = sub["unit"].dropna()
    return units.mode().iloc[0] if len(units) else None


def one_unit(sub):
    """Rows in the most common unit only (money in different currencies is never put on one axis);
    returns (rows, unit, number of rows left out)."""
    unit = main_unit(sub)
    if unit is None:
        return sub, None, 0
    keep = sub["unit"] == unit
    return sub[keep], unit, int((~keep).sum())


def chronological(sub, start="period_start", end="period_end"):
    return sub.sort_values([end, start], kind="stable", na_position="first")


def scale_of(unit, values) -> float:
    values = [abs(v) for v in values if not is_missing(v)]
    return 1.0 if unit in ("count", "percent") or not values else scale_step(max(values))


class Slots:
    """Where bars go on an axis of years: one category per year (missing years kept, so gaps show) and,
    inside it, one slot per span of months ("Jan–Sep", "Full year"), so a nine-month total never stands in
    a line of calendar years. None when the periods do not fit (longer than a year, or too many spans)."""

    GROUP = 0.8

    def __init__(self, periods, lang, max_spans=4):
        found = [span_of(a, b) for a, b in periods]
        self.ok = bool(found) and all(f is not None for f in found)
        if not self.ok:
            return
        self.spans = sorted({f[0] for f in found}, key=lambda s: (s[2], s[0]))
        years = sorted({f[1] for f in found})
        self.ok = len(self.spans) <= max_spans
        self.years = list(range(years[0], years[-1] + 1)) if years[-1] - years[0] <= 30 else years
        self.lang = lang
        one = len(self.spans) == 1
        self.labels = [period_label(*span_period(self.spans[0], y), lang) if one else str(y) for y in self.years]
        self.width = self.GROUP / len(self.spans)

    def at(self, start, end):
        """(category label, span index) of a period."""
        span, year = span_of(start, end)
        return self.labels[self.years.index(year)], self.spans.index(span)

    def offset(self, i) -> float:
        return -self.GROUP / 2 + i * self.width

    def x(self, start, end) -> float:
        """The numeric position (category index + slot centre) of a period, for annotations."""
        label, i = self.at(start, end)
        return self.labels.index(label) + self.offset(i) + self.width / 2

    def name(self, i) -> str:
        return span_label(self.spans[i], self.lang)


def dated(frame):
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


def one_side(data):
    """Turnover rows of a pair in one order: the country that reports most often first (ties: by code)."""
    import pandas as pd

    turn = data["indicator"] == "trade_turnover"
    freq = data["reporter"].value_counts()
    rank = lambda c: (-int(freq.get(c, 0)), str(c))
    later = pd.Series([rank(p) < rank(r) for r, p in zip(data["reporter"], data["partner"])], index=data.index,
                      dtype=bool)
    swap = turn & data["reporter"].notna() & data["partner"].notna() & later
    if not swap.any():
        return data
    return data.assign(reporter=data["reporter"].where(~swap, data["partner"]),
                       partner=data["partner"].where(~swap, data["reporter"]))
