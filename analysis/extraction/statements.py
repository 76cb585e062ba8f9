"""Trade statements: figures in context become tidy observations (what, between whom, when, against what).

>>> from analysis import extract
>>> rows = extract("In 2023 exports from Kazakhstan to China rose by 20% to $15.2 billion.")
>>> rows[["indicator", "reporter", "partner", "period_start", "value", "multiplier", "compared_start"]].values.tolist()
[['exports', 'KAZ', 'CHN', '2023-01', 15200000000.0, 1.2, '2022-01']]
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from ..reading import countries as country_mentions
from ..reading import periods as period_mentions
from ..reading.currency import currency_name_over
from ..reading.figures import Figure, _figures
from ..rules import available, country_currency, fiscal_year_start, fiscal_years_named_by_start
from ..reading.text import detect_language, finditer_each, fold, sentences
from .changes import ChangeReading
from .checks import RowChecks
from .discourse import DiscourseReading
from .exclusions import ExclusionReading
from .goods import GoodsReading
from .grids import GridReading
from .growths import GrowthReading
from .lists import ListReading
from .model import _Row, _bounded, _published
from .records import RowRecords
from .roles import RoleReading
from .timing import PeriodReading
from .vocabulary import _words, clause_break

def extract_records(text: str, published=None, source=None) -> list[dict]:
    """The rows of `extract` as plain dicts (one per observation), for callers that batch many documents
    into one frame (`extract_corpus`): building a frame per document would cost more than reading it."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs the text as a str, not {type(text).__name__}")
    return _Document(text, published, source).records()


# "2016/17", "2023-24": a fiscal year named by both its years, whatever the country's single-year custom
_YEAR_PAIR = re.compile(r"\d\d\s*[-–/]\s*\d\d")


class _Document(RoleReading, PeriodReading, ChangeReading, DiscourseReading, ExclusionReading, GoodsReading, GrowthReading,
                RowChecks, RowRecords, GridReading, ListReading):
    """One article being read: its figures, periods and countries, and the context carried forward."""

    def __init__(self, text: str, published, source):
        self.text = text
        self.folded = fold(text)
        self.lang = detect_language(self.folded)
        self.w = _words(self.lang)
        pub_year, pub_month, pub = _published(published)
        if pub is None:
            line = period_mentions.dateline(self.folded, self.lang)
            pub_year, pub_month, pub = _published(line)
        self.pub_year, self.pub_month, self.published = pub_year, pub_month, pub
        self.source = None if source is None else str(source)
        self.figures = _figures(text, self.lang, self.folded)
        self.periods = period_mentions.find(self.folded, self.lang)
        self.sentences = _bounded(self.folded, sentences(self.folded) or [(0, len(self.folded))])
        self.sentence_index = {span: i for i, span in enumerate(self.sentences)}   # span -> its position
        self._figure_starts = [f.number_span[0] for f in self.figures]
        self._period_starts = [p.start for p in self.periods]
        money = [f.span for f in self.figures if f.kind == "money"]
        money_starts = [a for a, _ in money]

        def inside_money(pos):   # "US dollars" names a currency, not a country
            i = bisect.bisect_right(money_starts, pos) - 1
            return i >= 0 and money[i][0] <= pos < money[i][1]

        # "In U.S. dollar terms": a country named inside a currency's name is none of the text's countries
        self.countries = [m for m in country_mentions.find(self.folded, self.lang) if not inside_money(m.start)
                          and not currency_name_over(self.folded, m.start, m.end, self.lang)]
        if any(f.currencies for f in self.figures):
            self.figures = [self._local_currency(f) if f.currencies else f for f in self.figures]
        if any(m.period.fiscal for m in self.periods):
            self.periods = self._fiscal_years(self.periods)
        self.periods = self._shorthand_years(self.periods)
        self._country_starts = [m.start for m in self.countries]

    @functools.cached_property
    def _ranked_countries(self) -> list[str]:
        """The countries the text names, most mentioned first (ties: the first named)."""
        return sorted({m.iso3 for m in self.countries if m.iso3},
                      key=lambda c: (-sum(m.iso3 == c for m in self.countries),
                                     next(m.start for m in self.countries if m.iso3 == c)))

    def _fiscal_years(self, periods: list) -> list:
        """"2016/17" about Pakistan is July-June: the fiscal year of the country the text is most about."""
        starts = fiscal_year_start()
        # "the July-June period of 2018/19": the text says which months its fiscal year runs
        written = next((m.period.first for m in periods if m.period.fiscal and m.period.fiscal[0] is not None
                        and m.period.fiscal[1] is not None and m.period.last % 12 + 1 == m.period.first), None)
        # "Imports from India cost Bangladesh Tk 1.52 lakh crore in FY23": the country whose money the text counts in
        # (dollars and euros are everyone's)
        currency_of = country_currency()
        units = {f.unit for f in self.figures if f.kind == "money"} - {"USD", "EUR"}
        ranked = sorted(self._ranked_countries, key=lambda c: currency_of.get(c) not in units)
        first_month = starts.get(ranked[0], written or 4) if ranked else written or 4
        # "last fiscal year" of a country not listed: its calendar year (a written "2016/17" says it is not)
        relative_first = (starts.get(ranked[0], written or 1) if ranked else written or 4)
        published = (self.pub_year, self.pub_month) if self.pub_year is not None else None
        out, named = [], None
        for m in periods:
            if not m.period.fiscal:
                out.append(m)
                continue
            relative = m.period.fiscal[0] is None
            if relative and m.period.offset and named is not None and self._same_sentence(named.start, m.start):
                # "$27.7 billion in fiscal 2022-23, against $31.8 billion in the previous fiscal year": the year before
                # the one the sentence named, not the one before publication
                out.append(replace(m, period=named.period.shifted(m.period.offset)))
                continue
            period = m.period
            if not relative and ranked and ranked[0] in fiscal_years_named_by_start() and not _YEAR_PAIR.search(m.text):
                # "fiscal 2024" in Japan starts in 2024; "FY24" in India ends in it
                period = replace(period, fiscal=(period.fiscal[0] + 1, *period.fiscal[1:]))
            out.append(replace(m, period=period.in_fiscal_year(relative_first if relative else first_month, published)))
            if not relative and (out[-1].period.first, out[-1].period.last) == (first_month, (first_month - 2) % 12 + 1):
                named = out[-1]
        return out

    def _same_sentence(self, a: int, b: int) -> bool:
        return self._sentence_span(a) == self._sentence_span(b)

    def _local_currency(self, f: Figure) -> Figure:
        """"Rs", "dinars", "Sh": the currency of the country the text is most about, when it is a candidate.

        Unresolved, a written name keeps a null unit and says so; a bare letter ("R 5", "N 3") is no money.
        """
        currency_of = country_currency()
        code = next((currency_of.get(c) for c in self._ranked_countries if currency_of.get(c) in f.currencies), None)
        if code is not None:   # the candidates stay: a row whose only named country is its partner re-reads them
            return replace(f, unit=code)
        if len(f.currencies) == 1 and f.scale >= 1e6:
            # "R818.59 billion", "N6.4 billion": a one-currency mark with a scale word is that money
            note = f"currency {f.currencies[0]} from its mark alone: the text names no country"
            return replace(f, unit=f.currencies[0], currencies=(), note=(f.note + "; " if f.note else "") + note)
        if re.match(r"[A-Z]\s?\d", f.raw) or re.search(r"\d\s?[A-Z]$", f.raw):
            return replace(f, kind="number", currencies=())
        note = f"currency one of {'/'.join(f.currencies)}: the text names none of their countries"
        return replace(f, note=(f.note + "; " if f.note else "") + note)

    # the figures, periods and countries whose start lies in [a, b), found by bisection: documents can be long
    def _figs_in(self, a: int, b: int) -> list[Figure]:
        return self.figures[bisect.bisect_left(self._figure_starts, a):bisect.bisect_left(self._figure_starts, b)]

    def _periods_in(self, a: int, b: int) -> list:
        return self.periods[bisect.bisect_left(self._period_starts, a):bisect.bisect_left(self._period_starts, b)]

    def _countries_in(self, a: int, b: int) -> list:
        return self.countries[bisect.bisect_left(self._country_starts, a):bisect.bisect_left(self._country_starts, b)]

    # -----------------------------------------------------------------------------------------
    def records(self) -> list[dict]:
        rows: list[_Row] = []
        ctx = dict(indicator=None, reporter=None, partner=None, period=None, year=None, negative=False, sided=False)
        for a, b in self.sentences:
            rows.extend(self._sentence(a, b, ctx, rows))
        if len(self.periods) >= 2:
            rows = self._merge_growth(rows) + self._grid_rows()
        else:
            rows = self._merge_growth(rows)
        rows = self._tables_and_lists(rows)   # grids.py: "Top buyers (US$ million): China 4,210; Russia 3,115"
        self._growth_to_current(rows)
        self._base_goods(rows)
        self._base_periods(rows)
        self._share_owners(rows)
        self._balance_signs(rows)
        self._consistency(rows)
        return [self._record(r) for r in rows]

    def _merge_growth(self, rows: list[_Row]) -> list[_Row]:
        """A growth figure alone in a sentence next to one with the level it describes becomes one row.

        "Trade grew 27.7% year on year. Trade between the two reached $196 billion." -> one observation.
        """
        index = self.sentence_index
        dropped = set()
        for g in rows:
            if g.role != "growth" or g.ratio is None:
                continue
            gi = index.get(g.sentence, -99)
            levels = [r for r in rows if r.role == "level" and r.ratio is None and r.figure.kind == "money"
                      and r.indicator == g.indicator and 0 < abs(index.get(r.sentence, -99) - gi) <= 2
                      and not any(o.role == "level" and o.figure.kind == "money" for o in rows if o.sentence == g.sentence)]
            levels = [r for r in levels if (g.period is None or r.period is None or g.period == r.period)
                      and not self.w["present"].search(self.folded, *r.sentence)
                      # "Экспорт в Россию вырос в 1,2 раза" after total exports: a partner of its own is another figure
                      and not (g.why.get("partner") in ("dest", "origin", "with") and r.partner and g.partner != r.partner)
                      and {g.reporter, g.partner} & {r.reporter, r.partner} - {None, "WLD"} or (g.reporter is None and g.partner is None)]
            if len(levels) != 1 or id(levels[0]) in dropped:
                continue
            level = levels[0]
            level.ratio, level.compared = g.ratio, g.compared
            if level.period is None and g.period is not None:
                level.period = g.period
            dropped.add(id(g))
        return [r for r in rows if id(r) not in dropped]

    # -----------------------------------------------------------------------------------------
    def _sentence(self, a: int, b: int, ctx: dict, previous: list[_Row]) -> list[_Row]:
        t, w = self.folded, self.w
        figs = self._figs_in(a, b)
        self.__dict__["_span_cache"] = {}
        if not figs:
            self._carry_context(a, b, ctx)
            return []
        figs = self._parallel_changes(figs, a, b)
        ratios = [f for f in figs if f.kind == "ratio"]
        anchors: list[_Row] = []
        # "Saudi exports reached SR 27 billion. China was the main destination, accounting for 13%": shares of
        # the flow the sentence before spoke of
        # "Russia ranked third among Kazakhstan's trading partners with a 17.5% share": a partner's share
        shares_of_context = bool(w["share"].search(t, a, b)) and (ctx["indicator"] in ("exports", "imports", "trade_turnover")
                                                                  or bool(w["partner_list"].search(t, a, b)))
        money = None
        for f in figs:
            if (f.kind == "number" and money is not None and f.scale == money.scale > 1 and not self._unit_word_after(f)
                    and (w["base_before"].search(t, money.span[1], f.span[0]) and not clause_break().search(t, money.span[1], f.span[0])
                         or w["part_of_total"].search(t, money.span[1], f.span[0]) or self._list_between(money.span[1], f.span[0])
                         or self._parallel_clause(money, f, a, b))):
                # "a deficit of 23.5 billion dirhams, against 19.4 billion a year earlier", "18,4 млрд долларов, из них
                # ... 16,1 млрд": a base or a part in the same currency
                f = replace(f, kind="money", unit=money.unit, currencies=money.currencies,
                            note=(f.note + "; " if f.note else "") + "unit from the amount before it")
            if f.kind == "money":
                money = f
            if f.kind in ("number", "count") and any(p.start <= f.span[0] and f.span[1] <= p.end for p in self._periods_in(f.span[0] - 40, f.span[0] + 1)):
                continue   # "на 1 января 2025 года": the day of a date, no figure
            if f.kind == "money" or f.kind == "count":
                anchors.append(_Row(f, sentence=(a, b)))
            elif f.kind == "percent" and "percentage points" not in f.note and (self._about_trade(a, b) or shares_of_context or self._list_role(a, b)):
                anchors.append(_Row(f, sentence=(a, b), indicator="other"))
            elif (f.kind == "number" and (f.scale > 1 or self._count_context(a, f)) and not self._unit_word_after(f)
                  and not w["count_before"].search(t, max(a, f.span[0] - 40), f.span[0])):   # "a population of 36 million"
                anchors.append(_Row(f, sentence=(a, b)))
        excluded = [r for r in anchors if self._excluded(r.figure, a, b, anchors)]
        # the converted twin of an excluded amount ("contracts worth €10 billion ($11.8 billion)") goes too
        excluded += [r for r in anchors if r.figure.kind == "money" and any(
            x.figure.kind == "money" and x.figure.span[1] <= r.figure.span[0] and self._twin_after(x.figure, r.figure) for x in excluded)]
        anchors = [r for r in anchors if r not in excluded]
        ratios = [r for r in ratios if not self._excluded(r, a, b, anchors) and not self._compares_other_thing(r)]
        # roles: absolute changes, base values, parenthetical twins
        prev_row = None
        for r in anchors:
            f = r.figure
            before = t[max(a, f.span[0] - 40):f.span[0]]
            # the words of change or base before a figure stand after the figure before it (and a dense list stays linear)
            near = before[max(0, len(before) - (f.span[0] - prev_row.figure.span[1])):] if prev_row else before
            after = t[f.span[1]:min(b, f.span[1] + 40)]
            if prev_row and f.kind == "money" == prev_row.figure.kind and self._twin_after(prev_row.figure, f):
                if prev_row.role == "change":
                    r.role = "change"   # "by 813 million lek (7.5 million euros)": the change converted
                else:
                    r.role, r.twin_of = "twin", prev_row.twin_of or prev_row
            elif f.kind == "money" and (w["change_before"].search(near) or w["change_after"].search(after) and not w["to_level_before"].search(near)
                                        or w["change_noun_by"].search(t, max(a, f.span[0] - 90, prev_row.figure.span[1] if prev_row else a), f.span[0])):
                r.role = "change"
            elif f.kind == "money" and w["change_then_same"].match(after) and any(
                    o.figure.kind == "money" and o.figure.span[0] > f.span[1] for o in anchors):
                r.role = "change"   # "exceeded $28.2 million compared to the same period ..., having made up $295.7 million"
            elif f.kind == "money" and re.search(r"\(\s*$", before) and any(p.compared and 0 <= f.span[0] - p.end <= 3 for p in self._periods_in(f.span[0] - 200, f.span[0])):
                r.role = "base"   # "compared to the figure for 2021 ($3.4 billion)"
            elif f.kind == "money" and any(p.compared and w["base_relative"].fullmatch(t, p.end, f.span[0]) for p in self._periods_in(max(a, f.span[0] - 160), f.span[0])):
                r.role = "base"   # "compared to January-September 2022, which amounted to $39.85 billion"
            elif f.kind in ("money", "number") and w["base_before"].search(near) and self._label_of(f) is None and (
                    any(o is not r and o.figure.span[0] < f.span[0] for o in anchors)   # "Россия с 500 млн": "с" is "with"
                    or any(g.span[1] <= f.span[0] for g in ratios) and w["compared_word"].search(near)):
                r.role = "base"   # "grew by 195.47 percent when compared to the N6,487.04 billion in Q1 2023"
            elif f.kind == "money" and w["base_before"].search(near) and (from_before := w["base_from"].search(before)) and (
                    any(o.figure.span[0] > f.span[0] for o in anchors) and w["base_to"].search(t, f.span[1], b)
                    or self._moved_from(before[:from_before.start()])):
                r.role = "base"   # "from 3.2 billion in 2009 to 18 billion in 2022"; "rose by 17.6% from $92.5 billion"
            if r.role != "twin":
                prev_row = r
        ratios += self._change_percents(anchors, a)
        anchors = [r for r in anchors if r.role != "change"]
        levels = [r for r in anchors if r.role == "level"]
        # growth figures attach to the nearest level in the sentence
        unattached = []
        values = [r for r in levels if r.figure.kind != "percent"]
        value_starts = [r.figure.span[0] for r in values]
        # "Exports and imports rose 12% and 8%, respectively, to $5.1 billion and $3.2 billion": a list of changes
        # as long as the list of values, wholly before or after it, goes with it in order
        listed = sorted(ratios, key=lambda g: g.span[0])
        if (len(values) >= 2 and len(listed) == len(values) and w["respectively"].search(t, a, b)
                and (listed[-1].span[1] <= values[0].figure.span[0] or values[-1].figure.span[1] <= listed[0].span[0])):
            for r, g in zip(values, listed):
                r.ratio = g
            ratios = []
        for g in ratios:
            best, dist = self._nearest_value(g, values, value_starts, a, b)
            if best is not None and dist < 10**6 and best.ratio is not None:
                # two growths for one value: the year-on-year one is its multiplier, the other stays as a flag
                kept, other = (g, best.ratio) if self._better_ratio(g, best.ratio, a, b) else (best.ratio, g)
                best.ratio = kept
                best.flags.append(self._also(other))
            elif best is not None and dist < 10**6:
                best.ratio = g
            elif best is None or dist >= 10**6:
                unattached.append(g)
        rows: list[_Row] = []
        for r in anchors:
            self._describe(r, a, b, ctx, anchors)
            if r.role != "drop" and not (r.twin_of is not None and r.twin_of.role == "drop"):
                rows.append(r)
        self._base_before_subject(rows, b)
        # "exports rose to $13.2 billion in 2022, while imports reached $11 billion": one sentence, one period
        for r in rows:
            # a period written in this sentence beats one carried from the sentences before
            if r.role == "level" and (r.period is None and r.why.get("period") not in ("unstated", "stock") or r.why.get("period") == "context") \
                    and r.figure.kind in ("money", "percent"):
                other = [o for o in rows if o.role == "level" and o.period is not None and o.figure.kind == "money"
                         and o.why.get("period") in ("bound", "written")]
                if other:
                    r.period = min(other, key=lambda o: abs(o.figure.span[0] - r.figure.span[0])).period
        current = next((r.period for r in rows if r.role == "level" and r.period is not None and not r.period.same_as_current), None)
        mentions = self._periods_in(a, b)
        for r in rows:
            r.current = current
            r.earlier = next((o.period for o in reversed(rows) if o.figure.span[1] <= r.figure.span[0] and o.role == "level"
                              and o.period is not None and not o.period.same_as_current and o.period != r.period), None)
            if r.ratio is not None:
                r.compared = self._compared(r, mentions, anchors, a, b)
        for g in unattached:
            row = self._growth_only(g, a, b, ctx, previous + rows)
            if row is not None:
                rows.append(row)
        self._respectively(rows, a, b, ctx)
        self._labelled_list(rows, a, b, ctx)
        self._labelled_part(rows, a, b)
        rows = self._second_growths(rows)
        self._carry_context(a, b, ctx, rows)
        return rows

    def _moved_from(self, before: str) -> bool:
        """"exports rose by 17.6% yoy from", "imports increased from": a verb of change (and its rate) just
        before "from" makes the amount after it the earlier value."""
        w = self.w
        verb = None
        for verb in re.finditer(w["up"].pattern + "|" + w["down"].pattern, before, re.I):
            pass
        return verb is not None and not clause_break().search(before, verb.end()) and len(before) - verb.end() <= 30

    # -----------------------------------------------------------------------------------------
    def _about_trade(self, a: int, b: int) -> bool:
        """Does the sentence name any indicator (trade, exports, investment, ...) at all?"""
        return bool(self._indicator_hits(a, b))

    def _indicator_hits(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """(start, end, indicator) of every indicator word in a sentence, read once: a sentence of a thousand
        figures asks for them a thousand times."""
        cache = self.__dict__.setdefault("_hits_cache", {})
        if (a, b) not in cache:
            # one scan for all indicators: a sentence is read once, not once per indicator
            found = finditer_each(self.w["indicators"].values(), self.w["indicators_lead"], self.folded, a, b)
            cache[(a, b)] = [(m.start(), m.end(), name) for name, matches in zip(self.w["indicators"], found) for m in matches]
        return cache[(a, b)]

    def _hits_between(self, a: int, b: int, lo: int, hi: int) -> list[tuple[int, str]]:
        """(start, indicator) of the sentence's indicator words lying within lo..hi, found by bisection."""
        cache = self.__dict__.setdefault("_sorted_hits_cache", {})
        if (a, b) not in cache:
            hits = sorted(self._indicator_hits(a, b))
            cache[(a, b)] = (hits, [h[0] for h in hits])
        hits, starts = cache[(a, b)]
        return [(s, name) for s, e, name in hits[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)] if e <= hi]

    def _count_context(self, a: int, f: Figure) -> bool:
        before = self.folded[max(a, f.span[0] - 150):f.span[0]]
        return bool(self.w["count_subject"].search(before)) and bool(self.w["indicators"]["enterprises"].search(before))

    def _twin_after(self, x: Figure, f: Figure) -> bool:
        """Whether f restates x in another currency: "$4.2 billion (Rs 350 billion)", also past the period
        written after x ("KSh 20 billion in 2023, or about K3 billion"); the same currency twice is two figures
        ("$2 billion in 2022 ($1.5 billion in 2021)")."""
        t, w = self.folded, self.w
        if x.unit is not None and x.unit == f.unit and not x.currencies and not f.currencies:
            return False   # a mark read from the text's country ("Shs" as KES) may yet be another currency
        if w["twin_gap"].match(t[x.span[1]:f.span[0]]):
            return True
        p = next((p for p in self._periods_in(x.span[1], f.span[0]) if p.end <= f.span[0]), None)
        return (p is not None and bool(w["period_gap"].fullmatch(t, x.span[1], p.start))
                and bool(w["twin_gap"].match(t[p.end:f.span[0]])))

    def _parallel_clause(self, money: Figure, f: Figure, a: int, b: int) -> bool:
        """"поставил товаров на 13,2 млрд долларов, а закупил на 9,7 млрд", "exports were $5 billion, while imports
        reached 4.1 billion": the next clause of a contrast, naming its own flow, in the same units."""
        t = self.folded
        brk = clause_break("contrast").search(t, money.span[1], f.span[0])
        return bool(brk) and f.span[0] - money.span[1] <= 80 and bool(self._hits_between(a, b, brk.end(), f.span[0]))

    def _sentence_span(self, pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in self.sentences if a <= pos < b), (0, len(self.folded)))

    def _list_between(self, start: int, end: int) -> bool:
        """Only list words and country names between two amounts: "Китай (3,9 млрд долларов), Россия (2,1 млрд)",
        "с Китаем - 20 млрд долларов, с Россией - 15 млрд"."""
        gap = list(self.folded[start:end])
        for m in self._countries_in(start, end):
            gap[m.start - start:m.end - start] = " " * (m.end - m.start)
        for s, e, _ in (h for h in self._indicator_hits(*self._sentence_span(start)) if start <= h[0] and h[1] <= end):
            gap[s - start:e - start] = " " * (e - s)   # "экспорт - 5,1 млрд, импорт - 3,2 млрд": flows label a list too
        return bool(self.w["list_filler"].fullmatch("".join(gap)))

    def _unit_word_after(self, f: Figure) -> bool:
        """"7.2 thousand vehicles", "2 million tons": a number that counts things (rules `count_nouns`, any language)."""
        return any(_words(code)["count_noun_after"].match(self.folded, f.span[1]) for code in available())

    def _new_clause(self, start: int, end: int) -> bool:
        """Whether a clause ends between two points ("$5 billion, and the target is"): rules clause_break, clause_and."""
        return bool(clause_break().search(self.folded, start, end) or clause_break("clause_and").search(self.folded, start, end))

    def _compares_other_thing(self, g: Figure) -> bool:
        """"ten times lower than trade between Serbia and the EU" compares partners, not periods."""
        after = self.folded[g.span[1]:g.span[1] + 60]
        m = self.w["than_other"].match(after)
        if not m or g.kind != "ratio":
            return False
        rest = after[m.end():m.end() + 40]
        return not self._periods_in(g.span[1] + m.end(), g.span[1] + m.end() + 41) and not self.w["period_word"].search(rest)

    # -----------------------------------------------------------------------------------------
    def _indicator(self, a: int, b: int, start: int, end: int, left_floor: int, right_ceiling: int,
                   money: bool = False) -> str | None:
        t, inds = self.folded, self.w["indicators"]
        if money:   # "members of the Organization ...": an amount of money is no count of enterprises
            inds = {k: v for k, v in inds.items() if k != "enterprises"}
        best = None
        if a <= left_floor and start <= b:
            hits = [(s, e, name) for s, e, name in self._indicator_hits(a, b) if left_floor <= s and e <= start and name in inds]
        else:
            hits = [(m.start(), m.end(), name) for name, pattern in inds.items() for m in pattern.finditer(t, left_floor, start)]
        for s, e, name in hits:
            key = (e, name != "trade_turnover")
            if best is None or key > best[0]:
                best = (key, name, s)
        passive = self.w["passive_flow"].search(t, end, min(right_ceiling, end + 60))
        if passive is not None and not clause_break().search(t, end, passive.start()):
            for name in ("exports", "imports"):
                if inds[name].fullmatch(passive.group("flow")):
                    return name   # "goods worth 9.2 billion lek or 82.2 million euros were exported": the predicate
        right = self.w["label_prep"].match(t[end:end + 12])
        if right:
            for name, pattern in inds.items():
                if pattern.match(t, end + right.end()):
                    return name
        if best is not None:
            name = best[1]
            window = t[left_floor:start]
            if name == "trade_turnover" and inds["trade_balance"].search(window[max(0, best[2] - left_floor - 40):]):
                name = "trade_balance"
            return name
        best = None
        for name, pattern in inds.items():
            m = pattern.search(t, end, min(right_ceiling, end + 90))
            if m and (best is None or (m.start(), -m.end()) < best[0]):
                best = ((m.start(), -m.end()), name)   # "trade balance surplus": the longest at the same start
        if best is not None:
            return best[1]
        return None

    def _anchor_spans(self, anchors: list[_Row], twins: bool = True) -> tuple[list[int], list[int]]:
        """The sorted starts and ends of a sentence's figures (twins left out on request), for bisection:
        every figure asks where its neighbours are, and a sentence may hold a thousand."""
        cache = self.__dict__.setdefault("_span_cache", {})
        key = (id(anchors), len(anchors), id(anchors[0]) if anchors else 0, id(anchors[-1]) if anchors else 0, twins)
        if key not in cache:
            kept = [o.figure.span for o in anchors if twins or o.role != "twin"]
            cache[key] = (sorted(s for s, _ in kept), sorted(e for _, e in kept))
        return cache[key]

    def _clause_left(self, f: Figure, a: int, anchors: list[_Row]) -> int:
        """Where a figure's clause starts: after the previous figure, or after the clause break behind it
        ("exported $1.2 billion to Uzbekistan and imported $456 million": "to Uzbekistan" is the exports')."""
        _, ends = self._anchor_spans(anchors, twins=False)
        i = bisect.bisect_right(ends, f.span[0]) - 1
        left = max(a, ends[i]) if i >= 0 else a
        if left > a:
            brk = clause_break().search(self.folded, left, f.span[0])
            if brk:
                left = brk.start()
        return left

    def _describe(self, r: _Row, a: int, b: int, ctx: dict, anchors: list[_Row]) -> None:
        f = r.figure
        if r.role == "twin":
            return
        left = self._clause_left(f, a, anchors)
        starts, _ = self._anchor_spans(anchors, twins=False)
        j = bisect.bisect_left(starts, f.span[1])
        nxt = min(starts[j], b) if j < len(starts) else b
        if r.indicator is None and r.role == "base":
            # "exports rose to $1.61 billion from $996 million, while imports ...": a base is its level's flow, whatever
            # the next clause names
            level = next((o for o in reversed(anchors) if o.role == "level" and o.figure.span[1] <= f.span[0] and o.indicator
                          and o.figure.kind == f.kind and not clause_break("contrast").search(self.folded, o.figure.span[1], f.span[0])), None)
            if level is not None:
                r.indicator, r.flow, r.why["indicator"] = level.indicator, level.flow, "base_of"
        if r.indicator is None and f.kind == "money" and self._label_of(f, a) is not None and not self._indicator_hits_beside_list(a, b):
            # "the main trading partners were China ($2.9 billion), Russia ...", "покупателями стали Китай (15,2 млрд)"
            r.indicator = self._list_role(a, f.span[0])
            r.why["indicator"] = "list_role"
        ranked = self.w["partner_predicate_after"].search(self.folded, a, f.span[0]) if r.indicator is None and f.kind == "money" else None
        ranked_flow = self._list_role(*ranked.span()) if ranked is not None else None
        if ranked_flow:
            # "China was Uzbekistan's largest trading partner with $11.3 billion": the rank noun names the flow
            r.indicator, r.why["indicator"] = ranked_flow, "rank"
        if r.indicator is None:
            if f.kind == "count" or (f.kind == "number" and self._count_context(a, f)):
                r.indicator, r.why["indicator"] = "enterprises", "count"
            elif not self._indicator_hits(a, b):
                r.indicator, r.why["indicator"] = ctx["indicator"], "context"   # no indicator word in the sentence at all
            else:
                r.indicator = self._indicator(a, b, f.span[0], f.span[1], left, nxt, f.kind == "money")
                r.why["indicator"] = "clause"
                if r.indicator is None:
                    r.indicator, r.why["indicator"] = self._indicator(a, b, f.span[0], f.span[1], a, nxt, f.kind == "money"), "sentence"
                if r.indicator is None:
                    r.indicator, r.why["indicator"] = ctx["indicator"], "context"
        if r.indicator is None:
            # "этот показатель вырос на 150% до 28,57 млн юаней": a measure the text defined before stays, as 'other'
            told = (self.w["measure_word"].search(self.folded, a, f.span[0]) and f.kind == "money"
                    and not self.w["exclude_topic"].search(self._previous_sentence(a)))   # "ВВП ... Сейчас этот показатель"
            if f.kind in ("money", "number") and not self._about_trade(a, b) and not told:
                r.role = "drop"   # an amount in a sentence that speaks of no trade at all ("the bridge cost $2 billion")
                return
            r.indicator, r.why["indicator"] = "other", "figure_word" if told else "none"
        # a flow borrowed from the sentence's opening ("non-oil exports rose ..., with Russia at $500 million") is read there
        if r.indicator in ("exports", "imports", "trade_turnover", "trade_balance") and (
                self._commodity(left, f) or r.why.get("indicator") == "sentence" and self._commodity(a, f, reach=f.span[0] - a)):
            r.flow, r.indicator, r.why["indicator"] = r.indicator, "other", "commodity"
        siblings = [o for o in anchors if o is not r and (o.reporter is not None or o.partner is not None)
                    and (o.flow or o.indicator) in ("exports", "imports", "trade_turnover")
                    or o is not r and (f.kind == "percent" or r.indicator == "investment") and o.indicator == "investment" and o.reporter is not None]
        self._countries(r, a, b, left, nxt, ctx, siblings)
        if r.role == "base" and r.reporter is None and r.partner in (None, "WLD"):
            # "$2 billion in Q3 2023, up from $1.8 billion in Q3 2022": the base is the same trade's
            level = next((o for o in reversed(anchors) if o.role == "level" and o.figure.span[1] <= f.span[0]
                          and o.indicator == r.indicator and (o.reporter or o.partner)), None)
            if level is not None:
                r.reporter, r.partner = level.reporter, level.partner
                r.why.update(reporter="base_of", partner="base_of")
        self._period(r, a, b, ctx, anchors)

    def _base_before_subject(self, rows: list[_Row], b: int) -> None:
        """"From $3.1 billion in 2022 to $3.6 billion in 2023, trade with India increased": a base written before the
        subject is the same trade as the level it moved to."""
        for r, nxt in zip(rows, rows[1:]):
            if (r.role == "base" and r.why.get("indicator") == "none" and nxt.role == "level" and nxt.figure.kind == r.figure.kind
                    and self.w["base_to"].search(self.folded, r.figure.span[1], nxt.figure.span[0])):
                r.indicator, r.flow, r.reporter, r.partner = nxt.indicator, nxt.flow, nxt.reporter, nxt.partner
                r.why.update(indicator="base_of", reporter="base_of", partner="base_of")
