"""Exclusions: figures that are no observation (targets, forecasts, GDP, loans, prices), unless dated in the past."""
from __future__ import annotations

import bisect
import functools
import math

from ..reading.figures import Figure
from .model import _Row


class ExclusionReading:
    """Whether a figure is a target, a forecast or another subject than trade (rules `exclude`, `exclude_topic`,
    `forecast_frame`, `target_year`); mixed into the document reader."""

    def _excluded(self, f: Figure, a: int, b: int, anchors: list[_Row]) -> bool:
        t = self.folded
        starts, ends = self._anchor_spans(anchors)
        i = bisect.bisect_right(ends, f.span[0]) - 1
        left = max(a, f.span[0] - 70, ends[i] if i >= 0 else a)
        j = bisect.bisect_left(starts, f.span[1])
        right = min(b, f.span[1] + 45, starts[j] if j < len(starts) else b)
        # "aim to raise trade to $3 billion by 2025 from $1.5 billion last year": a value dated in the past is a fact;
        # "$60 billion last year, and by 2030 they intend ...": a target year in the next clause is not this figure's
        targets = [m for lo, hi in ((left, f.span[0]), (f.span[1], right)) for m in self.w["target_year"].finditer(t, lo, hi)
                   if int(m.group("year")) > self._latest_year
                   and not (m.start() >= f.span[1] and self._new_clause(f.span[1], m.start()))]
        worded = self._exclusion_near(a, b, left, f.span, right) or self._forecast_at(a, b) < f.span[0] or bool(targets)
        # "the balance of payments deficit was $1.5 billion in 2022": a subject that is no trade figure, whatever its date
        topic = self._exclusion_near(a, b, left, f.span, right, "exclude_topic")
        return worded and not self._dated_past(f, a, b) or topic or bool(self.w["exclude_after"].match(t, f.span[1]))

    def _dated_past(self, f: Figure, a: int, b: int) -> bool:
        """Whether the figure's own period lies before publication: written right after it ("$1.5 billion last
        year"), or opening its clause ("в 2022 году составил 5 млрд долларов, стороны договорились ...")."""
        def past(p) -> bool:
            return bool(p.period.offset is not None and p.period.offset < 0
                        or p.period.year is not None and self.pub_year is not None and p.period.year < self.pub_year)
        for p in self._periods_in(f.span[1], f.span[1] + 30):
            if p.compared or not self._written_after(f, p):
                continue
            return past(p)
        before = [p for p in self._periods_in(max(a, f.span[0] - 40), f.span[0]) if not p.compared and p.end <= f.span[0] and p.start >= a]
        # "last year ... the target of 12%", "In 2019, trade of $10 billion was set as the target": the target's words
        # in the figure's own clause, before or after it, make the past period the target's date
        later = next((s for s, e, other in self._exclusions_in(a, b, "exclude") if f.span[1] <= s < f.span[1] + 60 and not other), None)
        if (before and not self._figs_in(before[-1].end, f.span[0]) and not self._new_clause(before[-1].end, f.span[0])
                and not self.w["exclude"].search(self.folded, before[-1].end, f.span[0])
                and not (later is not None and "," not in self.folded[f.span[1]:later] and not self._new_clause(f.span[1], later))):
            return past(before[-1])
        return False

    def _exclusion_near(self, a: int, b: int, left: int, span: tuple[int, int], right: int, key: str = "exclude") -> bool:
        """Whether an exclusion word ("target", "GDP", "agreement") stands in a figure's window on either
        side; the sentence is read for them once, as a dense list asks for every figure."""
        # a word past a comma that has a figure of its own ("rose 8%, and population growth of 2%", "$5 billion,
        # with plans to reach $10 billion") speaks of that one
        return any(left <= s and e <= span[0] and not self._new_clause(e, span[0])
                   or span[1] <= s and e <= right and not other and not self._new_clause(span[1], s)
                   and not ("," in self.folded[span[1]:s] and self._figs_in(e, min(b, e + 25)))
                   for s, e, other in self._exclusions_in(a, b, key))

    def _exclusions_in(self, a: int, b: int, key: str) -> list[tuple[int, int, bool]]:
        """The exclusion words of a sentence, each marked when it names the target of another figure ("$19 billion
        against a target of $21 billion", "as planned", "при плане 80 млрд"): rules `target_other`. Such a word
        excludes the figures after it, never the one before."""
        cache = self.__dict__.setdefault("_exclusion_cache", {})
        if (a, b, key) not in cache:
            others = [m.span() for m in self.w["target_other"].finditer(self.folded, a, b)]
            cache[(a, b, key)] = [(s, e, any(o <= s and e <= p for o, p in others))
                                  for s, e in (m.span() for m in self.w[key].finditer(self.folded, a, b))]
        return cache[(a, b, key)]

    @functools.cached_property
    def _latest_year(self) -> int:
        """The latest year the text reports on (or was published in): 'by 2030' beyond it is a target,
        while '+2.8% к 2022 году' in a text about 2023 is a comparison."""
        years = [p.period.year for p in self.periods if p.period.year and not p.compared
                 and not any(m.start("year") >= p.start for m in self.w["target_year"].finditer(self.folded, max(0, p.start - 20), p.end + 12))]
        years.append(self.pub_year or 0)
        return max(years) if max(years) else 1800

    def _forecast_at(self, a: int, b: int) -> float:
        """Where the sentence first speaks of the future ("expects", "по прогнозу"); inf if it does not."""
        cache = self.__dict__.setdefault("_forecast_cache", {})
        if (a, b) not in cache:
            m = self.w["forecast_frame"].search(self.folded, a, b)
            cache[(a, b)] = m.start() if m else math.inf
        return cache[(a, b)]
