"""Discourse: what a sentence takes from the sentences before it: a growth figure with no value of its own
("They rose 25%", "the decline was 12.5%"), and the context (indicator, countries, period) carried to the next
sentence. A part of `statements._Document`."""
from __future__ import annotations

import re

from ..reading.figures import Figure
from .model import _Row

# the roles that name the trader and the other side of a flow, in a sentence without a figure
FLOW_SIDES = {"exports": (("owner", "origin", "plain", "adj_flow", "adj"), ("dest", "with", "pair_and")),
              "imports": (("owner", "dest", "plain", "adj_flow"), ("origin", "with", "pair_and", "adj"))}


class DiscourseReading:
    """Methods of `_Document` that read a sentence against the ones before it."""

    def _growth_only(self, g: Figure, a: int, b: int, ctx: dict, previous: list[_Row]) -> _Row | None:
        t, w = self.folded, self.w
        left = a
        changes = {id(r.figure) for r in previous if r.role == "change"}
        # the clause starts after the last figure before this one (nearest first: dense lists stay linear)
        for f in reversed(self._figs_in(a, g.span[0])):
            if a <= f.span[1] <= g.span[0] and f.kind in ("money", "count", "ratio", "percent") and id(f) not in changes and not self.w["change_before"].search(t[max(a, f.span[0] - 30):f.span[0]]):
                left = max(left, f.span[1])
                break
        clause = t[left:g.span[0]]
        if w["count_subject"].search(clause):
            return None
        if self._excluded(g, a, b, []):
            return None
        ind = self._indicator(a, b, g.span[0], g.span[1], left, min(b, g.span[1] + 40))
        if ind is None:
            ind = self._indicator(a, b, g.span[0], g.span[1], a, g.span[0])
        found = self._earlier_value(g, a, b, previous) if ind is None else None
        if found is not None:
            last, why = found
            own = [p for p in self._periods_in(a, b) if p.compared]
            # "It rose 12%" compares with the base its value's sentence gives; "the decline was 12.5%" with none
            last.ratio, last.compared = g, own[0].period if own else ("derive-base" if why == "anaphor" else None)
            last.why["multiplier"] = why
            return None
        if ind is None and (w["figure_word"].search(clause) or not clause.strip() or re.match(r"^\W*$", clause)):
            ind = ctx["indicator"]
            # "exported 11.1 million tonnes of coal ... This figure rose 11.2%": the figure before counted tonnes
            before = [s for s in self.sentences if s[1] <= a]
            said = [f for f in (self._figs_in(*before[-1]) if before else []) if f.kind == "money" or f.kind == "number" and f.scale > 1]
            if said and all(f.kind == "number" and self._unit_word_after(f) for f in said):
                return None
        if ind is None or ind == "enterprises":
            return None
        flow = None
        if ind in ("exports", "imports", "trade_turnover") and self._commodity(left, g):
            flow, ind = ind, "other"
        row = _Row(g, role="growth", indicator=ind, sentence=(a, b), flow=flow)
        row.ratio = g
        siblings = [o for o in previous if o.sentence == (a, b) and o.reporter is not None and o.indicator in ("exports", "imports", "trade_turnover", "trade_balance")]
        self._countries(row, a, b, left, min(b, g.span[1] + 40), ctx, siblings)
        mentions = self._periods_in(a, b)
        # "grew by 195.47 percent when compared to the N6,487.04 billion in Q1 2023": the base's period is the comparison's
        here = [o for o in previous if o.sentence == (a, b)]
        bases = [o for o in here if o.role == "base"]
        own = [p for p in mentions if not p.compared and not p.period.same_as_current
               and not any(self._written_after(o.figure, p) for o in bases)]
        if own:
            chosen = min(own, key=lambda p: (g.span[0] - p.end) if p.end <= g.span[0] else (p.start - g.span[1] + 15))
            row.period = self._told_before(chosen, own, ctx) if chosen.period.unstated else chosen.period
        elif ctx["period"] is not None:
            row.period = ctx["period"]
        row.compared = self._compared(row, mentions, bases, a, b)
        return row

    def _earlier_value(self, g: Figure, a: int, b: int, previous: list[_Row]) -> tuple[_Row, str] | None:
        """The value of an earlier sentence a growth with no indicator of its own changes, and why: a pronoun
        subject ("It rose 12%": the last value) or a change noun subject ("the decline was 12.5%": the value of
        the sentence just before)."""
        if self.w["anaphor_subject"].search(self.folded[a:b]) and previous:
            last = next((r for r in reversed(previous) if r.role == "level" and r.figure.kind == "money"), None)
            if last is not None and last.ratio is None:
                return last, "anaphor"
        last = self._continued(g, a, b, previous)
        return (last, "next_sentence") if last is not None else None

    def _continued(self, g: Figure, a: int, b: int, previous: list[_Row]) -> _Row | None:
        """"Trade came to $210 million in March. Compared with a year earlier, the decline was 12.5%": a sentence
        whose one figure is a change, with a change noun for subject and no indicator, period or country of its
        own, changes the value of the sentence before."""
        t = self.folded
        index = self.sentence_index
        here = index.get((a, b))
        if here is None or sum(f.kind == "ratio" for f in self._figs_in(a, b)) != 1:
            return None
        periods = self._periods_in(a, b)
        if any(not p.compared and not p.period.same_as_current for p in periods):
            return None
        # the noun is the subject: only an article, a stop or a period before it ("economic growth" is another
        # thing), and at most two words (its verb) between it and the figure ("the increase in prices was")
        noun = self.w["change_subject"].search(t, a, g.span[0])
        if noun is None or len(re.findall(r"[^\W\d_]+", t[noun.end():g.span[0]])) > 2:
            return None
        before = t[a:noun.start()].rstrip()
        if before and before[-1].isalpha() and not self.w["article_end"].search(before) \
                and not any(p.end == a + len(before) for p in periods):
            return None
        last = next((r for r in reversed(previous) if index.get(r.sentence) == here - 1 and r.role == "level"
                     and r.figure.kind == "money"), None)
        if last is None or last.ratio is not None:
            return None
        if any(m.iso3 not in (last.reporter, last.partner) for m in self._countries_in(a, b)):
            return None
        return last

    def _joined_pair(self, a: int, b: int, first: str | None, second: str | None) -> bool:
        """Whether the sentence joins the two countries by "and" ("Товарооборот Казахстана и Китая"): a pair, no side."""
        named = [m for m in self._countries_in(a, b) if m.iso3]
        return any(x.iso3 == first and y.iso3 == second and self.w["pair_join"].fullmatch(self.folded, x.end, y.start)
                   for x, y in zip(named, named[1:]))

    def _latest(self, rows: list[_Row]) -> _Row:
        """The row of the newest period, the last written of equals: "€250 billion in January, after €241 billion
        in December" goes on about January."""
        def end(r: _Row) -> str:
            p = self._resolve(r.period)
            return (p.end or p.start or "") if p is not None else ""
        return max(reversed(rows), key=end)

    def _carry_context(self, a: int, b: int, ctx: dict, rows: list[_Row] | None = None) -> None:
        t = self.folded
        if rows:
            main = [r for r in rows if r.role in ("level", "growth") and r.indicator not in (None, "other", "enterprises")]
            shares = [r for r in rows if r.indicator == "other" and r.reporter and r.partner not in (None, "WLD")]
            if not main and shares:   # "X's share of Y's trade is 57%. Trade now exceeds $5 billion."
                ctx["reporter"], ctx["partner"] = shares[-1].reporter, shares[-1].partner
            if not main:
                # "The UAE's non-oil trade reached AED1.4 trillion. Exports totalled ...": a part of the trade names
                # whose trade the text is about and when, not its indicator
                parts = [r for r in rows if r.role in ("level", "growth") and r.indicator == "other" and r.reporter]
                if parts and ctx["reporter"] != parts[-1].reporter:
                    ctx["reporter"], ctx["partner"] = parts[-1].reporter, None
                dated_parts = [r for r in parts if r.why.get("period") in ("bound", "written")]
                if dated_parts:
                    ctx["period"] = self._latest(dated_parts).period
            else:
                last = main[-1]
                ctx["indicator"] = last.indicator
                if last.reporter or last.partner:
                    ctx["reporter"], ctx["partner"] = last.reporter, last.partner
                    # "Azerbaijan's trade with Russia ..." has a side; "trade between X and Y" has none: whose
                    # exports follow is said only by the first
                    ctx["sided"] = (last.why.get("reporter") in ("owner", "plain", "adj_owner", "adj") and last.why.get("partner") == "with"
                                    and not self._joined_pair(a, b, last.reporter, last.partner))
                # the discourse's current period; "$0.5 billion for the same period in 2019" is not it
                dated = [r for r in main if r.period is not None and not r.period.same_as_current and r.why.get("period") != "same-period"]
                if dated:
                    ctx["period"] = self._latest(dated).period
        else:
            found = [(s, name) for s, _, name in self._indicator_hits(a, b) if name != "enterprises"]
            if found:
                names = {n for _, n in found}
                ctx["indicator"] = "trade_balance" if "trade_balance" in names else max(found)[1]
            roles = self._roles(a, b)
            names = [m for m, role in roles if m.iso3]
            holder = self._partner_of(a, b)
            if holder is not None:
                ctx["reporter"], ctx["partner"] = holder
            if len(names) >= 1 and self.w["indicators"]["trade_turnover"].search(t, a, b):
                ctx["reporter"] = names[0].iso3
                ctx["partner"] = names[1].iso3 if len(names) > 1 and names[1].iso3 != names[0].iso3 else ("WLD" if self.w["total"].search(t, a, b) else None)
            elif names and found and ctx["indicator"] in FLOW_SIDES and holder is None:
                # "Turkmenistan's exports to Uzbekistan rose in the first half. They reached $450 million."
                sides = FLOW_SIDES[ctx["indicator"]]
                rep = next((m for m, role in roles if m.iso3 and role in sides[0]), None)
                par = next((m for m, role in roles if m.iso3 and role in sides[1] and m is not rep), None)
                if rep is not None:
                    ctx["reporter"], ctx["partner"] = rep.iso3, par.iso3 if par is not None else "WLD"
            elif names and holder is None and all(role == "agency" for m, role in roles if m.iso3):
                # "Statistics South Africa released the data. The country's imports from China rose ..."
                if ctx["reporter"] != names[0].iso3:
                    ctx["reporter"], ctx["partner"] = names[0].iso3, None
            elif ctx["reporter"] is None and len({m.iso3 for m in names}) == 1 and holder is None:
                # "Uzbekistan summed up the quarter. The country's exports ...": the one country named is the topic
                ctx["reporter"], ctx["partner"] = names[0].iso3, None
        mentions = [p for p in self._periods_in(a, b) if not p.compared]
        if mentions and not rows:
            ctx["period"] = mentions[-1].period
        ctx["negative"] = bool(self.w["negative"].search(t, a, b)) and not self.w["positive"].search(t, a, b)
