"""Tables flattened into text: a run of periods as column heads, then rows of a label and one plain number
per column, with the unit stated once for the table:

    (All figures are in billions of dirhams)
    JAN-NOV 2011  JAN-NOV 2010
    EXPORTS 154.8 134.1   IMPORTS 321.3 268.3   BALANCE 166.5 134.2

Labels are the language's flow words (rules [indicators]), a world total (rules `table_total`: "TOTAL", "ИТОГО")
or countries (a partner; the flow then comes from the words before the table). A last column of changes in percent
(rules `table_change`: "CHANGE (%)", "изменение, %") is the growth of the current column over the other:

    EXPORTS (billion euros) JAN-JUN 2023 JAN-JUN 2022 CHANGE (%) TOTAL 312.4 298.1 4.8 CHINA 45.2 41.0 10.2

Lists of countries with bare numbers after a unit note are read here too ("Top export destinations, 2022
(US$ million): China 4,210; Russia 3,115"): each number is that country's value of the flow the heading names.
A part of `statements._Document`.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import replace

from ..reading import countries as country_mentions
from ..reading.cells import hint_from_header
from ..reading.figures import Figure
from ..reading.numbers import times as _times
from ..reading.numbers import read_digits
from ..rules import _alt, available, rules
from .model import _Row

_GAP = re.compile(r"[\s|;:]*")                      # between two column heads
# columns are separated by spaces: a space groups thousands only where the decimal mark is a comma (_grid_cells)
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_ROW = re.compile(rf"[\s|;:]*(?P<label>[^\W\d_][^\d\n|;:()]{{0,60}}?)[\s|;:]+(?P<nums>(?:(?:{_NUMBER})%?[\s|;]+)*(?:{_NUMBER})%?)(?![\d.,])")
_FLOWS = ("exports", "imports", "trade_balance", "trade_turnover")
_NEVER = re.compile("(?!)")


@functools.cache
def _table_words(key: str) -> re.Pattern:
    """A table word of any language (texts mix them): rules [indicator_words] `table_change`, `table_total`,
    `list_buyers`, `list_suppliers`."""
    patterns = [p for code in available() for p in rules(code).words("indicator_words", key)]
    return re.compile(rf"(?<![^\W\d_])(?:{_alt(patterns)})(?![^\W\d_])", re.I) if patterns else _NEVER


class GridReading:
    """Methods of `_Document` that read tables written as text (they use the document's state)."""

    def _grid_rows(self) -> list[_Row]:
        out: list[_Row] = []
        t = self.folded
        for heads in self._column_runs():
            start = heads[0].start
            unit = self._grid_unit(start)
            if unit is None:
                continue
            change = _table_words("table_change").match(t, _GAP.match(t, heads[-1].end).end()) if len(heads) == 2 else None
            rows = self._grid_body(heads, unit, change.end() if change else None)
            if change and any(r is not None for r in rows):
                self.__dict__.setdefault("_grid_heads", []).append((start, change.end()))
            self._grid_balance_signs(rows, len(heads))
            out.extend(r for r in rows if r is not None)
        return out

    def _column_runs(self) -> list[list]:
        """Runs of two or more periods with nothing but spaces or bars between them: a table's heads."""
        runs, run = [], []
        for m in self.periods:
            if m.compared or m.period.year is None:
                if len(run) >= 2:
                    runs.append(run)
                run = []
                continue
            if run and _GAP.fullmatch(self.folded, run[-1].end, m.start):
                run.append(m)
            else:
                if len(run) >= 2:
                    runs.append(run)
                run = [m]
        if len(run) >= 2:
            runs.append(run)
        return runs

    def _grid_unit(self, start: int, lo: int | None = None) -> tuple[str, float, int, int] | None:
        """(currency, scale, note start, note end) stated before the table: "(All figures are in billions of
        dirhams)", "EUR million"; the nearest such note in the 300 characters before the heads (or after `lo`)."""
        t = self.folded
        lo = max(0, start - 300) if lo is None else lo
        # the smallest pieces first: "Kazakhstan: foreign trade, USD million" states its unit in "USD million"
        notes = [(m.start(), m.end()) for m in re.finditer(r"[^\n\d()\[\],:;]{3,120}", t[lo:start])]
        for a, b in sorted(notes, key=lambda n: -n[1]):
            try:
                hint = hint_from_header(t[lo + a:lo + b])
            except ValueError:
                continue
            if hint.get("unit") and hint["unit"] not in ("percent", "count"):
                return hint["unit"], float(hint.get("scale", 1.0)), lo + a, lo + b
        return None

    def _grid_body(self, heads: list, unit: tuple, change_end: int | None = None) -> list[_Row | None]:
        """The rows after the heads, as long as each starts with a flow, a world total or a country label; with a
        change column (`change_end`: where its head ends) each row has one more number, its change in percent."""
        t, w = self.folded, self.w
        code, scale, note_a, note_b = unit
        k = len(heads)
        pos = heads[-1].end if change_end is None else change_end
        flow_before = self._indicator_before(heads[0].start)
        # the reporter is named before the table, outside its unit note ("Moroccan dirhams" is a unit)
        before = [m for m in self.countries if m.start < heads[0].start and not note_a <= m.start < note_b]
        reporter = next((c for c in self._ranked_countries if any(m.iso3 == c for m in before)), None)
        decimal_comma = rules(self.lang).decimal == ","
        rows: list[_Row | None] = []
        while True:
            m = _ROW.match(t, pos)
            if m is None:
                break
            spans = self._grid_cells(m.start("nums"), m.end("nums"), k + (change_end is not None), decimal_comma, heads)
            if len(spans) < k:
                break
            label = m.group("label").strip()
            indicator = next((name for name in _FLOWS if w["indicators"][name].fullmatch(label)), None)
            partner = None
            if indicator is None:
                if flow_before is None:
                    break
                if _table_words("table_total").fullmatch(label):
                    indicator, partner = flow_before, "WLD"
                else:
                    here = self._label_countries(m.start("label"), m.end("label"), label)
                    if not here:
                        break
                    indicator, partner = flow_before, here[0].iso3
            cells = []
            for i, head in enumerate(heads):
                a, b = spans[i]
                written = t[a:b]
                value, decimals = (math.nan, 0) if written.endswith("%") else read_digits(written.lstrip("+"), decimal_comma=decimal_comma)[:2]
                if value is None or not math.isfinite(value):
                    cells.append(None)
                    continue
                fig = Figure(value=_times(value, scale), unit=code, kind="money", raw=self.text[a:b], span=(a, b),
                             precision=0.5 * 10 ** -decimals * scale, lang=self.lang, scale=scale, number_span=(a, b))
                row = _Row(fig, indicator=indicator, reporter=reporter, partner=partner or ("WLD" if indicator in _FLOWS else None),
                           period=head.period, sentence=(heads[0].start, m.end()))
                row.why.update(indicator="table_label" if partner is None else "table_before", reporter="context" if reporter else "none",
                               partner={None: "world", "WLD": "table_total"}.get(partner, "table_label"), period="table_column")
                cells.append(row)
            if change_end is not None and len(spans) > k:
                self._grid_change(cells, heads, spans[k], decimal_comma)
            rows.extend(cells)
            pos = m.end()
        return rows

    def _grid_cells(self, a: int, b: int, need: int, decimal_comma: bool, heads: list) -> list[tuple[int, int]]:
        """The spans of a row's numbers in [a, b). Where the decimal mark is a comma a space also groups thousands
        ("1 200 1 000 20,0"): more numbers than `need` cells are joined into `need` (a number of one to three digits,
        then groups of three), when one way does it, or one way agrees with the row's change column."""
        t = self.folded
        spans = [(a + x.start(), a + x.end()) for x in re.finditer(rf"(?:{_NUMBER})%?", t[a:b])]
        if len(spans) <= need or not decimal_comma:
            return spans
        words = [t[x:y] for x, y in spans]
        n = len(spans)

        def ends(i: int) -> list[int]:   # where a cell starting at number i may end: "1", "1 200", "1 200 300,5"
            out, j = [i + 1], i + 1
            while (len(out) < 5 and j < n and re.fullmatch(r"\d{1,3}", words[i]) and t[spans[j - 1][1]:spans[j][0]] == " "
                   and re.fullmatch(r"\d{3}(?:,\d+)?%?", words[j]) and (j == i + 1 or re.fullmatch(r"\d{3}", words[j - 1]))):
                j += 1
                out.append(j)
            return out

        cell_ends = [ends(i) for i in range(n)]
        # fits[c][i]: numbers i.. can make the cells c.. (table filled from the end: linear in the row's length)
        fits = [[False] * (n + 1) for _ in range(need + 1)]
        fits[need][n] = True
        for c in range(need - 1, -1, -1):
            for i in range(n - 1, -1, -1):
                fits[c][i] = any(fits[c + 1][j] for j in cell_ends[i])
        splits: list[list[tuple[int, int]]] = []

        def walk(i: int, c: int, cells: list) -> None:
            if len(splits) > 8:
                return
            if c == need:
                splits.append(cells)
                return
            for j in cell_ends[i]:
                if fits[c + 1][j]:
                    walk(j, c + 1, cells + [(spans[i][0], spans[j - 1][1])])

        if fits[0][0]:
            walk(0, 0, [])
        if len(splits) > 1 and need == len(heads) + 1:
            splits = [c for c in splits if self._change_agrees(c)]
        return splits[0] if len(splits) == 1 else spans if not splits else []

    def _change_agrees(self, cells: list[tuple[int, int]]) -> bool:
        """Whether a row's two values and its change in percent tell the same growth (either way round)."""
        v = [read_digits(self.folded[a:b].rstrip("%").lstrip("+"), decimal_comma=True)[0] for a, b in cells]
        if not all(x is not None and math.isfinite(x) for x in v) or 0 in v[:2]:
            return False
        return any(abs(x / y - 1 - v[2] / 100) <= 0.002 + 0.01 * abs(v[2] / 100) for x, y in ((v[0], v[1]), (v[1], v[0])))

    def _label_countries(self, a: int, b: int, label: str) -> list:
        """The countries of a row label; a label in capitals ("CHINA", "UNITED STATES") is read as a name."""
        here = self._countries_in(a, b)
        if here or not label.isupper():
            return here
        return [c for c in country_mentions.find(label.title(), self.lang) if c.iso3]

    def _grid_change(self, cells: list, heads: list, span: tuple[int, int], decimal_comma: bool) -> None:
        """The change column of a two-column row: 1 + pct/100 on the current (later) column's row, compared
        with the other column's period."""
        written = self.folded[span[0]:span[1]].rstrip("%")
        pct, decimals = read_digits(written.lstrip("+"), decimal_comma=decimal_comma)[:2]
        if pct is None or not math.isfinite(pct) or pct <= -100:
            return
        p0, p1 = heads[0].period, heads[1].period
        now = 1 if (p1.year, p1.last) > (p0.year, p0.last) else 0
        row = cells[now]
        if row is None:
            return
        row.ratio = Figure(value=1 + pct / 100, unit="ratio", kind="ratio", raw=self.text[span[0]:span[1]], span=span,
                           precision=0.5 * 10 ** -decimals / 100, multiplier=1 + pct / 100, direction="up" if pct >= 0 else "down",
                           lang=self.lang, number_span=span)
        row.compared = heads[1 - now].period
        row.why["multiplier"] = "table_change"

    def _indicator_before(self, start: int) -> str | None:
        """The flow named in the 120 characters before a table whose rows are countries ("EU exports to")."""
        window = self.folded[max(0, start - 120):start]
        best = None
        for name in _FLOWS:
            for m in self.w["indicators"][name].finditer(window):
                if best is None or m.end() > best[0]:
                    best = (m.end(), name)
        return best[1] if best else None

    # -----------------------------------------------------------------------------------------
    def _tables_and_lists(self, rows: list[_Row]) -> list[_Row]:
        """`rows` and the rows of lists of countries with bare numbers after a unit note: "Top export
        destinations, 2022 (US$ million): China 4,210; Russia 3,115", "Основные покупатели, млн долларов США:
        Китай — 4 210, Россия — 3 115". Numbers other rows already read are left to them; a figure read inside
        the column heads of a table ("2023 % change" is no 2023 percent) is dropped."""
        heads = self.__dict__.get("_grid_heads", [])
        out = [r for r in rows if not any(a < r.figure.span[1] and r.figure.span[0] < b for a, b in heads)]
        taken = sorted(r.figure.number_span for r in out)
        for items in self._unit_list_runs():
            if any(a < f.span[1] and f.span[0] < b for _, f in items for a, b in taken):
                continue
            out.extend(self._unit_list(items))
        return out

    def _unit_list_runs(self) -> list[list]:
        """Runs of two or more (country, bare number) pairs: "China 4,210; Russia 3,115", "Китай — 4 210, ..."."""
        t, w = self.folded, self.w
        pairs = []
        for f in self.figures:
            if f.kind != "number" or f.scale != 1 or f.bound:
                continue
            c = next((c for c in reversed(self._countries_in(max(0, f.span[0] - 40), f.span[0])) if c.iso3), None)
            if (c is not None and (t[c.end:f.span[0]].isspace() or w["label_gap"].fullmatch(t, c.end, f.span[0]))
                    and not self._unit_word_after(f)):
                pairs.append((c, f))
        runs, run = [], []
        for c, f in pairs:
            if run and self._list_gap(run[-1][1].span[1], c.start):
                run.append((c, f))
                continue
            if len(run) >= 2:
                runs.append(run)
            run = [(c, f)]
        if len(run) >= 2:
            runs.append(run)
        return runs

    def _list_gap(self, a: int, b: int) -> bool:
        """Between one item of a list and the next: a comma, a semicolon or the language's "and"."""
        gap = self.folded[a:b].strip().lstrip(")").strip()
        return gap in ("", ",", ";") or bool(self.w["list_join"].fullmatch(gap))

    def _unit_list(self, items: list) -> list[_Row]:
        """The rows of one list: its heading (from the sentence start or line start to the first country) states
        the unit, the flow ("export destinations", "покупатели": rules `list_buyers`, `list_suppliers`) and the
        period; the reporter is a country named before the list that is not in it."""
        t, w = self.folded, self.w
        first = items[0][0].start
        sa = next((a for a, b in self.sentences if a <= first < b), 0)
        sa = max(sa, t.rfind("\n", 0, first) + 1)
        heading = t[sa:first]
        unit = self._grid_unit(first, lo=sa)
        if unit is None or not re.search(r"[:)]\s*$", heading):
            return []
        code, scale, note_a, note_b = unit
        flows = [(m.end(), name) for name in _FLOWS for m in w["indicators"][name].finditer(heading)]
        if flows:
            indicator, why = max(flows)[1], "table_heading"
        elif _table_words("list_buyers").search(heading) or _table_words("list_suppliers").search(heading):
            indicator, why = ("exports" if _table_words("list_buyers").search(heading) else "imports"), "table_heading"
        elif w["partner_list"].search(heading):
            indicator, why = self._indicator_before(sa), "table_before"
        else:
            return []
        if indicator is None:
            return []
        # the text before the list: its heading and the sentence before it
        i = next((i for i, (a, _) in enumerate(self.sentences) if a == sa), None)
        lo = self.sentences[i - 1][0] if i else max(0, sa - 300)
        period = next((m.period for m in reversed(self._periods_in(lo, first)) if not m.compared), None)
        listed = {c.iso3 for c, _ in items}
        before = {m.iso3 for m in self._countries_in(lo, first) if m.iso3 and m.iso3 not in listed and not note_a <= m.start < note_b}
        reporter = next((c for c in self._ranked_countries if c in before), None)
        out = []
        for c, f in items:
            fig = Figure(value=_times(f.value, scale), unit=code, kind="money", raw=f.raw, span=f.span,
                         precision=f.precision * scale, lang=self.lang, scale=scale, number_span=f.number_span)
            row = _Row(fig, indicator=indicator, reporter=reporter, partner=c.iso3, period=period, sentence=(sa, items[-1][1].span[1]))
            row.why.update(indicator=why, reporter="context" if reporter else "none", partner="list_label",
                           period="table_heading" if period is not None else "none")
            out.append(row)
        return out

    @staticmethod
    def _grid_balance_signs(rows: list[_Row | None], k: int) -> None:
        """A balance row written without its sign takes it from the exports and imports of its column."""
        by_col: dict[int, dict[str, _Row]] = {}
        for i, r in enumerate(rows):
            if r is not None:
                by_col.setdefault(i % k, {})[r.indicator] = r
        for col in by_col.values():
            bal, exp, imp = col.get("trade_balance"), col.get("exports"), col.get("imports")
            if bal is not None and exp is not None and imp is not None and bal.figure.value > 0 and exp.figure.value < imp.figure.value:
                bal.figure = replace(bal.figure, value=-bal.figure.value)
