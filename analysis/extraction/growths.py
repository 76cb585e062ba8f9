"""Which value each growth figure describes: the nearest value by clause distance, the year-on-year one of two
growths for one value (the other kept as a flag), and a growth row that only repeats a value's comparison.
A part of `statements._Document`."""
from __future__ import annotations

import bisect
import re

from ..reading.figures import Figure
from .model import _Row
from .vocabulary import clause_break


class GrowthReading:
    """Methods of `_Document` that attach growth figures to values."""

    def _also(self, g: Figure) -> str:
        """The flag that keeps a value's other comparison: "also 'up 27.5%' (x1.275)"."""
        return f"also {self.text[g.span[0]:g.span[1]]!r} (x{g.multiplier:g})"

    def _second_growths(self, rows: list[_Row]) -> list[_Row]:
        """"44 billion riyals in September ..., a 27.5% monthly increase ..., but down 31.5% on an annual basis":
        a growth with no value of its own, of the same trade and period as a value that has its growth already,
        is another comparison of that value: it stays with it as a flag, not as a row of its own."""
        def trade(r):
            return r.indicator, r.reporter, r.partner, r.period

        measured = {}
        for o in rows:
            if o.role == "level" and o.ratio is not None:
                measured.setdefault(trade(o), o)
        out = []
        for r in rows:
            # sides unknown (groups, unnamed traders) cannot be shown to be the same trade
            twin = measured.get(trade(r)) if r.role == "growth" and (r.reporter, r.partner) != (None, None) else None
            if twin is None:
                out.append(r)
            elif self._better_ratio(r.figure, twin.ratio, *r.sentence):
                twin.flags.append(self._also(twin.ratio))
                twin.ratio, twin.compared = r.ratio, r.compared
            else:
                twin.flags.append(self._also(r.figure))
        return out

    def _nearest_value(self, g: Figure, values: list[_Row], starts: list[int], a: int, b: int) -> tuple[_Row | None, int]:
        """The value nearest a growth by `_distance` (the first of equals), looking outward from the growth and
        stopping where the gap alone exceeds the best distance: a dense list stays linear."""
        i = bisect.bisect_left(starts, g.span[0])
        best, dist, at = None, 10**9, len(values)
        for side in (range(i - 1, -1, -1), range(i, len(values))):
            for k in side:
                f = values[k].figure
                gap = max(0, g.span[0] - f.span[1], f.span[0] - g.span[1])
                if gap > dist:
                    break
                d = self._distance(g, f, a, b)
                if (d, k) < (dist, at):
                    best, dist, at = values[k], d, k
        return best, dist

    def _distance(self, g: Figure, f: Figure, a: int, b: int) -> int:
        t = self.folded
        lo, hi = (g.span[1], f.span[0]) if g.span[1] <= f.span[0] else (f.span[1], g.span[0])
        between = t[lo:hi] if lo < hi else ""
        d = max(0, hi - lo)
        if clause_break("growth_break").search(between):
            d += 10**6
        hits = self._hits_between(a, b, lo, hi)
        if any(name in ("exports", "imports") for _, name in hits) and d > 25:
            d += 200
        # "импорт -- на 39,8 проц, в результате чего сальдо ... достигло 851 млн": a growth, a comma, then another
        # subject named before the value: the growth is not that value's
        comma = between.find(",")
        if g.span[1] <= f.span[0] and comma >= 0 and any(s > lo + comma for s, _ in hits):
            d += 10**6
        # "товарооборот с Россией достиг $41,8 млрд, экспорт в Китай вырос в 1,3 раза": a value, a comma, then another
        # flow with its own partner before the growth: a new statement
        if f.span[1] <= g.span[0] and comma >= 0 and any(lo + comma < m.start < hi for m in self._countries_in(lo, hi)):
            own = {name for _, name in self._hits_between(a, b, a, f.span[0])}
            if own and any(s > lo + comma and name not in own for s, name in hits):
                d += 10**6
        for p in self._periods_in(lo, hi):
            if p.end <= hi and not p.compared and not p.period.same_as_current and self.w["new_statement_prep"].search(t[max(lo, p.start - 6):p.start]) and f.span[1] <= p.start:
                d += 10**6   # "it was $2 billion in 2017, in 2018 this figure grew ...": a new statement
        return d

    def _better_ratio(self, new: Figure, old: Figure, a: int, b: int) -> bool:
        """Two growth figures for one level: prefer the year-on-year one ("down 6.8% on June, up 6.1% y/y";
        "19.74% from Q4 2017 and 35.07% from Q1 2017" about Q1 2018), told by the period each compares with."""
        mentions = self._periods_in(a, b)
        own = next((p.period for p in mentions if not p.compared and not p.period.same_as_current), None)

        def against(g):   # the comparison written right after the growth
            return next((p for p in mentions if g.span[1] <= p.start <= g.span[1] + 30
                         and (p.compared or p.period.same_as_current)), None)

        def yoy(g):
            p = against(g)
            if p is None:
                return False
            if p.period.same_as_current or p.period.offset == -1 and p.period.year is None and (p.period.first, p.period.last) == (1, 12):
                return True   # "than a year earlier", "чем годом ранее": the same months a year before
            if own is None or (p.period.first, p.period.last) != (own.first, own.last):
                return False
            # "May" against "May last year": the same months a year apart, once the years are known
            now, then = self._resolve(own), self._resolve(p.period, own)
            return (now is not None and then is not None and now.year != then.year) or (
                p.period.year is not None and p.period.year != own.year) or bool(p.period.offset)

        def other_months(g):   # "compared to June", "from the figure recorded in Q4"
            p = against(g)
            return p is not None and not yoy(g) and p.period.first > 0

        if other_months(old) and not other_months(new):
            return True
        return yoy(new) and not yoy(old)
