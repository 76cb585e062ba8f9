"""When: the period each figure belongs to, the period it is compared with, and relative periods
resolved from the publication date. A part of `statements._Document`."""
from __future__ import annotations

import re
from dataclasses import replace

from ..reading.figures import Figure
from ..reading.periods import Period
from .model import _Row
from .vocabulary import clause_break


# a period followed by a dash or a colon labels the figure after it
_LABEL_DASH = re.compile(r"\s*[:—–-]\s*")
# an open period right before its figure: "с начала года — 7,5 млрд", "since the start of the year, $7.5 billion"
_OPEN_LABEL = re.compile(r"\s*[,:—–-]?\s*")


class PeriodReading:
    """Methods of `_Document` that bind and resolve periods (they use the document's state)."""

    # -----------------------------------------------------------------------------------------
    def _period(self, r: _Row, a: int, b: int, ctx: dict, anchors: list[_Row]) -> None:
        f = r.figure
        mentions = self._periods_in(a, b)
        own = [p for p in mentions if not p.compared and not p.period.same_as_current]
        if r.role == "base":
            cands = mentions
        else:
            cands = own
            # "Kazakhstan, a member of the EAEU since 2015, exported $8.8 billion ... in 2023": a closed period
            # the sentence writes beats an open one
            if any(p.period.open_end for p in cands) and any(not p.period.open_end for p in cands):
                # "В июне ... 1,3 млрд, а с начала года — 7,5 млрд": an open period labelling the figure runs to the
                # month the sentence names
                label = next((p for p in cands if p.period.open_end and p.period.year is None and p.period.first == 1
                              and (m := _OPEN_LABEL.match(self.folded, p.end)) and m.end() == f.span[0]), None)
                month = next((p.period for p in cands if not p.period.open_end and p.period.first == p.period.last), None)
                if label is not None and month is not None:
                    r.period = self._year_from_context(replace(month, first=1), ctx)
                    r.why["period"] = "to_date"
                    return
                cands = [p for p in cands if not p.period.open_end]
        chosen = None
        # "against $4 billion during the same month in 2019": a dated same-period phrase right after a
        # figure is that figure's period (its months come from the sentence's current period)
        tail = [p for p in mentions if p.period.same_as_current and (p.period.year is not None or p.period.offset is not None)
                and r.role in ("level", "base") and self._bound_to(p, anchors) is f]
        if tail:
            cands = tail
        # "reversing a surplus of N1.29 trillion in the previous quarter": a relative comparison period written
        # right after a level dates that level
        relative = [p for p in mentions if p.compared and (p.period.step_back or p.period.offset is not None)
                    and r.role == "level" and self._bound_to(p, anchors) is f]
        if relative and not tail:
            cands = relative
        if cands:
            chosen = min(cands, key=lambda p: self._period_distance(p, f, anchors))
            if self._period_distance(chosen, f, anchors) > 10**5:
                chosen = None
        period = None
        same_here = [p for p in mentions if p.period.same_as_current and p.period.offset is None and p.period.year is None and not p.compared]
        if chosen is not None and chosen.period.unstated:
            period = self._told_before(chosen, own, ctx)
        elif chosen is not None:
            period = chosen.period
        elif r.role == "level" and same_here:
            period = next((o.period for o in anchors if o is not r and o.period is not None), None) or ctx["period"]
        elif r.role == "level" and self.w["stock"].search(self.folded, self._clause_left(f, a, anchors), f.span[0]):
            r.why["period"] = "stock"   # "accumulated investment of $11 billion": a stock dated by its own words only
            r.period = None
            return
        elif r.role == "level" and ctx["period"] is not None and (f.kind != "count" or self.w["indicators"]["enterprises"].search(self._previous_sentence(a))):
            period = ctx["period"]
        if period is None and r.role == "level":
            # "$175 billion in 2022, with Vietnam's exports to China totalling $58 billion": the clause's time is
            # the figure's before it
            prev = next((o for o in reversed(anchors) if o.figure.span[1] <= f.span[0] and o.period is not None and o.role == "level"), None)
            if prev is not None and self.w["same_time_clause"].search(self.folded, prev.figure.span[1], f.span[0]):
                period, chosen = prev.period, None
        if tail and chosen in tail:
            current = next((o.period for o in reversed(anchors) if o.figure.span[1] <= f.span[0] and o.period is not None
                            and not o.period.same_as_current), None) or ctx["period"]
            period = self._resolve(period, current) if current is not None else period
        r.period = self._year_from_context(period, ctx)
        r.why["period"] = ("unstated" if chosen is not None and chosen.period.unstated else
                           "same-period" if tail and chosen in tail else "bound" if chosen is not None and self._bound_to(chosen, anchors) is f else "written" if chosen is not None
                           else "sentence" if period is not None and same_here else "context" if period is not None else "none")

    def _told_before(self, unstated, own: list, ctx: dict) -> Period | None:
        """"in the period", "the period under review": the period the sentence named before it, else the text's."""
        named = [p for p in own if not p.period.unstated and p.end <= unstated.start]
        return named[-1].period if named else ctx["period"]

    def _year_from_context(self, p: Period | None, ctx: dict) -> Period | None:
        """A yearless period ("in the first five months") takes the year the text last named, when the
        publication date cannot give it: the text's own year beats none at all."""
        if p is None or p.year is not None or p.offset is not None or p.same_as_current or p.step_back or p.fiscal:
            return p
        if self.pub_year is not None or ctx["period"] is None or 0 < p.last < p.first:
            return p
        known = self._resolve(ctx["period"])
        if known is None or known.last_year is not None:
            return p
        return replace(p, year=known.year)

    def _bound_to(self, p, anchors: list[_Row]) -> Figure | None:
        """The figure a period is written right after ("$18 billion in 2022"), if any."""
        for o in anchors:
            f = o.figure
            if self._written_after(f, p):
                # "337.6 billion dirhams ($92 billion) worth of goods in H1 2015": a twin's period is its amount's
                return o.twin_of.figure if o.role == "twin" and o.twin_of is not None else f
        return None

    def _written_after(self, f: Figure, p) -> bool:
        """Whether period mention p is written right after figure f ("$18 billion in 2022", rules period_gap); a period
        that labels the figure after it ("... (в 2021 году — 5,1 млрд)", "(in 2021: $5.1 billion)") is not f's."""
        if not (f.span[1] <= p.start and p.start - f.span[1] <= 24 and self.w["period_gap"].fullmatch(self.folded, f.span[1], p.start)):
            return False
        label = _LABEL_DASH.match(self.folded, p.end)
        return label is None or not self._figs_in(label.end(), label.end() + 2)

    def _owner(self, p, anchors: list[_Row]) -> Figure | None:
        """A period between two figures belongs to the nearer one; before or after all of them, to none."""
        before = [o.figure for o in anchors if o.figure.span[1] <= p.start and o.role != "twin"]
        after = [o.figure for o in anchors if o.figure.span[0] >= p.end and o.role != "twin"]
        if not before or not after:
            return None
        x, y = before[-1], after[0]
        if clause_break("contrast").search(self.folded[x.span[1]:p.start]):
            return y
        # "который составлял 400 млн долларов, в 2022 году вырос до 650 млн": a period opening the clause after a
        # comma is that clause's, when nothing breaks it before the next figure
        opened = max([x.span[1]] + [q.end for q in self._periods_in(x.span[1], p.start) if q.end <= p.start])
        if (re.fullmatch(r"\s*,\s*(?:[^\W\d_]{1,3}\s+)?", self.folded[opened:p.start])
                and "," not in self.folded[p.end:y.span[0]] and not clause_break().search(self.folded, p.end, y.span[0])):
            return y
        # "$2.1 billion from China in 2023, which was 20% of its imports": the comment clause is about x
        if not p.compared and self.w["relative_clause"].search(self.folded[p.end:y.span[0]]) and not self.w["relative_clause"].search(self.folded[x.span[1]:p.start]):
            return x
        # "$28.7 billion from exports in January-April compared to $27.6 billion": the figure after the
        # comparison word is the base, the period before it is x's
        base_word = self.w["base_before"].search(self.folded, p.end, y.span[0])
        if not p.compared and base_word is not None and not self.folded[p.end:base_word.start()].strip(" ,"):
            return x
        # "€12.7 billion ... in December 2023, compared with a deficit of €5.6 billion in December 2022": the figure
        # after has its own period written right after it, so this one is the figure's before
        if not p.compared and any(q is not p and self._bound_to(q, anchors) is y for q in self._periods_in(y.span[1], y.span[1] + 30)):
            return x
        return x if p.start - x.span[1] < y.span[0] - p.end else y

    def _period_distance(self, p, f: Figure, anchors: list[_Row]) -> int:
        bound = self._bound_to(p, anchors)
        if bound is f:
            return 0
        if bound is not None:
            return 10**6
        owner = self._owner(p, anchors)
        if owner is not None and owner is not f:
            return 10**6
        lo, hi = (p.end, f.span[0]) if p.end <= f.span[0] else (f.span[1], p.start)
        d = max(0, hi - lo)
        between = self.folded[lo:hi] if lo < hi else ""
        # another level figure between the period and this one makes it that figure's period
        for o in anchors:
            if o.figure is not f and lo <= o.figure.span[0] < hi and o.role not in ("twin",):
                d += 400
        if bound is not None:
            d += 500
        if clause_break().search(between) or self.w["clause_period"].search(between):
            d += 500   # the period opens another clause
        if p.start > f.span[1]:
            d += 15  # "in 2022 ... $3.2 billion" beats "... compared to 2021 ($3.4 billion)"
            if clause_break("contrast").search(between):
                d += 1000
        return d

    def _compared(self, r: _Row, mentions, anchors, a: int, b: int):
        g = r.ratio
        # a stated base figure's period
        bases = [o for o in anchors if o.role == "base" and o.figure.span[0] > r.figure.span[0] - 200]
        explicit = [p for p in mentions if p.compared]
        if explicit:
            p = min(explicit, key=lambda p: abs(p.start - g.span[1]))
            return p.period
        for o in bases:
            if o.period is not None:
                return o.period
        if self.w["over_years"].search(self.folded, max(a, g.span[0] - 60), min(b, g.span[1] + 60)):
            return None   # "tripled over the past 10 years": against a year the text does not name
        return "derive"

    def _shorthand_years(self, mentions: list) -> list:
        """"Exports for the year-to-date (1 January to 30 September 2017) grew from R818 billion in 2016 to R862
        billion in 2017": where a sentence names part of a year and then that year bare, its bare years are
        shorthand for the same months (when it names another bare year too)."""
        out = list(mentions)
        for a, b in self.sentences:
            here = [i for i, m in enumerate(out) if a <= m.start < b]
            part = next((out[i].period for i in here if out[i].period.year is not None and not out[i].period.last_year
                         and 0 < out[i].period.first <= out[i].period.last and (out[i].period.first, out[i].period.last) != (1, 12)
                         and not out[i].period.open_end), None)
            if part is None:
                continue
            bare = [i for i in here if (out[i].period.first, out[i].period.last) == (1, 12) and out[i].period.year is not None
                    and not out[i].period.last_year and not out[i].period.fiscal and out[i].start > 0]
            # two bare years, one of them the part's: a series of the same months ("December 2023, bringing the
            # surplus for 2023 to ..." names a whole year)
            years = {out[i].period.year for i in bare}
            if part.year in years and len(years) >= 2:
                for i in bare:
                    out[i] = replace(out[i], period=Period(part.first, part.last, out[i].period.year))
        return out

    # -----------------------------------------------------------------------------------------
    def _resolve(self, p: Period | None, current: Period | None = None) -> Period | None:
        """A period with its year: written, relative to `current` (for comparisons) or to publication."""
        if p is None or p.unstated:
            return None
        if p.same_as_current:
            cur = self._resolve(current) if current is not None else None
            if cur is None:
                if p.year is not None and current is not None and current.first:
                    return Period(current.first, current.last, p.year)
                return None
            year = p.year if p.year is not None else cur.year + (p.offset if p.offset is not None else -1)
            return Period(cur.first, cur.last, year, last_year=None if cur.last_year is None else cur.last_year - cur.year + year)
        if p.year is not None:
            return p
        if current is not None and p.offset is not None and p.first == 1 and p.last == 12 and not p.open_end:
            cur = self._resolve(current)
            if cur is not None:
                return cur.shifted(p.offset)
        if current is not None and p.offset is not None and p.first > 0 and self.pub_year is None and not p.open_end:
            cur = self._resolve(current)   # "$309 million in May of the previous year", after "in May 2025"
            if cur is not None and cur.last_year is None:
                return replace(p, year=cur.year + p.offset, offset=None)
        if p.step_back:
            cur = self._resolve(current) if current is not None else None
            n = p.step_back
            if cur is None or cur.last - cur.first != n - 1 or cur.last_year:
                return None
            first, year = (cur.first - n, cur.year) if cur.first > n else (cur.first - n + 12, cur.year - 1)
            return Period(first, first + n - 1, year)
        if p.offset is not None:
            if p.first == 0:  # "last month", "this month"
                if self.pub_year is None or self.pub_month is None:
                    return None
                month = self.pub_month + p.offset
                year = self.pub_year + (month - 1) // 12
                month = (month - 1) % 12 + 1
                return Period(month, month, year)
            return p.resolve(self.pub_year)
        # no year written: the publication year, or the year before for months still to come
        if self.pub_year is None:
            return None
        year = self.pub_year
        if 0 < p.last < p.first:   # "July-April", "the year through March": it ends by publication
            year -= 1 if self.pub_month is None or p.last <= self.pub_month else 2
        elif self.pub_month is not None and p.last > self.pub_month:
            year -= 1   # "January-September", published in March: last year's, the only one that has ended
        return replace(p, year=year)

    def _base_period(self, r: _Row) -> Period | None:
        a, b = r.sentence
        bases = [p for p in self._periods_in(a, b) if p.end <= r.figure.span[0]]
        return self._resolve(bases[0].period) if bases else None
