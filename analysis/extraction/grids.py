"""Tables flattened into text: a run of periods as column heads, then rows of a label and one plain number
per column, with the unit stated once for the table:

    (All figures are in billions of dirhams)
    JAN-NOV 2011  JAN-NOV 2010
    EXPORTS 154.8 134.1   IMPORTS 321.3 268.3   BALANCE 166.5 134.2

Labels are the language's flow words (rules [indicators]) or countries (a partner; the flow then comes from
the words before the table). A part of `statements._Document`.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from ..reading.cells import hint_from_header
from ..reading.figures import Figure
from ..reading.numbers import times as _times
from ..reading.numbers import read_digits
from .model import _Row

_GAP = re.compile(r"[\s|;:]*")                      # between two column heads
# columns are separated by spaces, so a space never groups thousands here
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_ROW = re.compile(rf"[\s|;:]*(?P<label>[^\W\d_][^\d\n|;:()]{{0,60}}?)[\s|;:]+(?P<nums>(?:(?:{_NUMBER})%?[\s|;]+)*(?:{_NUMBER})%?)(?![\d.,])")
_FLOWS = ("exports", "imports", "trade_balance", "trade_turnover")


class GridReading:
    """Methods of `_Document` that read tables written as text (they use the document's state)."""

    def _grid_rows(self) -> list[_Row]:
        out: list[_Row] = []
        for heads in self._column_runs():
            start = heads[0].start
            unit = self._grid_unit(start)
            if unit is None:
                continue
            rows = self._grid_body(heads, unit)
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

    def _grid_unit(self, start: int) -> tuple[str, float, int, int] | None:
        """(currency, scale, note start, note end) stated before the table: "(All figures are in billions of
        dirhams)", "EUR million"; the nearest such note in the 300 characters before the heads."""
        t = self.folded
        lo = max(0, start - 300)
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

    def _grid_body(self, heads: list, unit: tuple) -> list[_Row | None]:
        """The rows after the heads, as long as each starts with a flow or country label."""
        t, w = self.folded, self.w
        code, scale, note_a, note_b = unit
        k = len(heads)
        pos = heads[-1].end
        flow_before = self._indicator_before(heads[0].start)
        # the reporter is named before the table, outside its unit note ("Moroccan dirhams" is a unit)
        before = [m for m in self.countries if m.start < heads[0].start and not note_a <= m.start < note_b]
        reporter = next((c for c in self._ranked_countries if any(m.iso3 == c for m in before)), None)
        rows: list[_Row | None] = []
        while True:
            m = _ROW.match(t, pos)
            if m is None:
                break
            nums = re.findall(rf"(?:{_NUMBER})%?", m.group("nums"))
            if len(nums) < k:
                break
            label = m.group("label").strip()
            indicator = next((name for name in _FLOWS if w["indicators"][name].fullmatch(label)), None)
            partner = None
            if indicator is None:
                here = self._countries_in(m.start("label"), m.end("label"))
                if not here or flow_before is None:
                    break
                indicator, partner = flow_before, here[0].iso3
            spans = [x.span() for x in re.finditer(rf"(?:{_NUMBER})%?", t[m.start("nums"):m.end("nums")])]
            for i, head in enumerate(heads):
                written = nums[i]
                a, b = (m.start("nums") + spans[i][0], m.start("nums") + spans[i][1])
                if written.endswith("%"):
                    rows.append(None)
                    continue
                value, decimals, _ = read_digits(written.lstrip("+"), decimal_comma=False)
                if value is None or not math.isfinite(value):
                    rows.append(None)
                    continue
                fig = Figure(value=_times(value, scale), unit=code, kind="money", raw=self.text[a:b], span=(a, b),
                             precision=0.5 * 10 ** -decimals * scale, lang=self.lang, scale=scale, number_span=(a, b))
                row = _Row(fig, indicator=indicator, reporter=reporter, partner=partner or ("WLD" if indicator in _FLOWS else None),
                           period=head.period, sentence=(heads[0].start, m.end()))
                row.why.update(indicator="table_label" if partner is None else "table_before", reporter="context" if reporter else "none",
                               partner="table_label" if partner else "world", period="table_column")
                rows.append(row)
            pos = m.end()
        return rows

    def _indicator_before(self, start: int) -> str | None:
        """The flow named in the 120 characters before a table whose rows are countries ("EU exports to")."""
        window = self.folded[max(0, start - 120):start]
        best = None
        for name in _FLOWS:
            for m in self.w["indicators"][name].finditer(window):
                if best is None or m.end() > best[0]:
                    best = (m.end(), name)
        return best[1] if best else None

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
