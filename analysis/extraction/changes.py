"""Absolute changes and the percent written beside them: "the deficit increased $46.6 billion, or 9.5%",
"an increase of $1.96 billion (5.8%)". The amount is the change, so the percent is the growth rate, with the
direction of the verb before the amount; and changes that belong to another figure of the sentence than the
one beside them (a later value, a base). A part of `statements._Document`."""
from __future__ import annotations

from ..reading.figures import Figure, as_change
from ..reading.periods import Period
from .model import _Row


def _span(p: Period | None) -> tuple | None:
    return None if p is None or p.year is None else (p.start, p.end)


class ChangeReading:
    """Methods of `_Document` that read the percent beside an absolute change as the change's rate."""

    def _change_percents(self, rows: list[_Row], a: int) -> list[Figure]:
        """Growth figures made from percents written right after a change amount ("increased $46.6 billion, or
        9.5%") or right after the level a change reached ("fell to $4.2 billion, or 8.1%"); those rows are dropped."""
        t, w = self.folded, self.w
        out = []
        changes = [r for r in rows if r.role == "change" or r.role == "level" and r.figure.kind == "money"
                   and w["to_level_before"].search(t, max(a, r.figure.span[0] - 30), r.figure.span[0])]
        for c in changes:
            nxt = next((r for r in rows if r.figure.kind == "percent" and r.figure.span[0] >= c.figure.span[1]), None)
            if nxt is None or not w["change_percent_gap"].fullmatch(t, c.figure.span[1], nxt.figure.span[0]):
                continue
            if w["share"].match(t[nxt.figure.span[1]:nxt.figure.span[1] + 40].lstrip()):
                continue   # "rose to $5 billion, or 12% of the total": a share of what it reached
            before = t[max(a, c.figure.span[0] - 60):c.figure.span[0]]   # "decreased in the third quarter of this year to"
            up = list(w["up"].finditer(before))
            down = list(w["down"].finditer(before))
            last_up = up[-1].start() if up else -1
            last_down = down[-1].start() if down else -1
            if last_up < 0 and last_down < 0:
                continue
            out.append(as_change(nxt.figure, "down" if last_down > last_up else "up"))
            nxt.role = "change"   # no longer a share: it leaves the rows with the amount
        return out


    def _growth_to_current(self, rows: list[_Row]) -> None:
        """A growth figure describes the later of two values, never its own base.

        "The deficit was $27.5 billion in 2022-23 against $48.4 billion in 2021-22, a decline of 43%": the
        decline, nearest to $48.4 billion, is the 2022-23 value's. "The surplus reached $27.75 billion in
        January-September 2023. This is down 30% compared to January-September 2022, which amounted to
        $39.85 billion": a growth whose compared period is the value's own period belongs to the value of the
        period after it, in the same sentence or the two before.
        """
        index = self.sentence_index
        for r in rows:
            if r.ratio is None or r.role != "level" or r.figure.kind != "money":
                continue
            period, compared = self._when(r)
            own = _span(period)
            if own is None:
                continue
            later = _span(period.shifted(1))
            earlier_value = [o for o in rows if o is not r and o.sentence == r.sentence and o.figure.span[1] <= r.figure.span[0]]
            if _span(compared) == own:
                pool = rows
            elif r.ratio.span[0] > r.figure.span[1] and earlier_value:
                pool = earlier_value   # the growth is written after the base, which follows the value
            else:
                continue
            here = index.get(r.sentence, -99)
            target = next((o for o in sorted(pool, key=lambda o: (o.sentence != r.sentence, -o.figure.span[0]))
                           if o is not r and o.role == "level" and o.ratio is None and o.figure.kind == "money"
                           and o.indicator == r.indicator and (o.reporter, o.partner) == (r.reporter, r.partner)
                           and 0 <= here - index.get(o.sentence, -99) <= 2 and _span(self._when(o)[0]) == later), None)
            if target is None:
                continue
            target.ratio, target.compared = r.ratio, period
            target.why["multiplier"] = "later_value"
            r.ratio, r.compared = None, None

    def _base_goods(self, rows: list[_Row]) -> None:
        """"non-oil exports surged 13.1% to SR78.4 billion from SR69.4 billion": a base after a value is the
        earlier value of the same goods, and, when nothing between them names a country, of the same trade
        ("imports from Tanzania fell to Sh120 billion from Sh135 billion, data from the Bank of Tanzania")."""
        for r in rows:
            if r.role != "base" or r.indicator not in ("exports", "imports", "trade_turnover", "trade_balance"):
                continue
            value = next((o for o in reversed(rows) if o.sentence == r.sentence and o.role == "level"
                          and o.figure.span[1] <= r.figure.span[0] and o.figure.kind == "money"), None)
            if value is None:
                continue
            if value.indicator == "other" and value.flow == r.indicator:
                r.indicator, r.flow = "other", value.flow
                r.why["indicator"] = "base_of_value"
            if r.indicator == value.indicator and (r.reporter, r.partner) != (value.reporter, value.partner) \
                    and not self._countries_in(value.figure.span[1], r.figure.span[1]):
                r.reporter, r.partner = value.reporter, value.partner
                r.why.update(reporter="base_of_value", partner="base_of_value")

    def _base_periods(self, rows: list[_Row]) -> None:
        """"exports rose by 17.6% from $92.5 billion": a base with no period of its own is the value of the
        period its growth compares with."""
        for r in rows:
            if r.role != "base" or self._when(r)[0] is not None:
                continue
            # the growth written before the base in its sentence, wherever the row it describes stands
            grower = max((o for o in rows if o.ratio is not None and o.indicator == r.indicator
                          and r.sentence[0] <= o.ratio.span[0] and o.ratio.span[1] <= r.figure.span[0]),
                         key=lambda o: o.ratio.span[0], default=None)
            if grower is not None:
                r.period = self._when(grower)[1]
                r.why["period"] = "base_of_growth"

    def _share_owners(self, rows: list[_Row]) -> None:
        """"The deficit was $4.9 billion, representing 40.9% of turnover": a share with no country of its own
        is of the trade whose value stands before it in the sentence; that trade's own country is its
        reporter, and a partner read from that same name (none written after the value) is the trade's."""
        for r in rows:
            if r.figure.kind != "percent" or r.indicator != "other" or r.reporter is not None:
                continue
            owner = next((o for o in reversed(rows) if o.sentence == r.sentence and o.figure.span[1] <= r.figure.span[0]
                          and o.figure.kind == "money" and o.reporter is not None), None)
            if owner is None or r.partner not in (None, "WLD", owner.reporter):
                continue
            if r.partner == owner.reporter:
                if self._named_after(r.partner, owner.figure.span[1], r.sentence[1]):
                    continue   # "... 6.4% of that bloc's trade with our country": the share names its own side
                r.partner = owner.partner
                r.why["partner"] = "share_of_value"
            r.reporter = owner.reporter
            r.why["reporter"] = "share_of_value"

    def _named_after(self, iso3: str, a: int, b: int) -> bool:
        """Whether the text from a to b names the country itself or, with a preposition of partnership,
        "our country" ("с нашей страной")."""
        if any(m.iso3 == iso3 for m in self._countries_in(a, b)):
            return True
        return any(self.w["prep_with"].search(self.folded[a:m.start() + a]) for m in self.w["our"].finditer(self.folded[a:b]))
