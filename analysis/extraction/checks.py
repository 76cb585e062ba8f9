"""Checks over a document's rows: flows that must add up, growth that must fit a stated base, and the
sign of a balance. They flag, never drop. A part of `statements._Document`."""
from __future__ import annotations

from dataclasses import replace

from .model import _Row


class RowChecks:
    """Methods of `_Document` that check and sign its rows (they use the document's state)."""

    def _consistency(self, rows: list[_Row]) -> None:
        """Flag, never drop: flows that do not add up, and growth claims that miss a base stated beside them."""
        def key(r):
            src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
            period = self._resolve(src.period)
            # a world total may be written with or without "WLD": the named countries make the key
            return (frozenset({src.reporter, src.partner} - {None, "WLD"}), str(period) if period else None, r.figure.unit)

        money = [r for r in rows if r.figure.kind == "money" and r.role in ("level", "twin")]
        groups: dict = {}
        for r in money:
            src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
            groups.setdefault(key(r), {}).setdefault(src.indicator, []).append(r)
        for (pair, period, unit), by in groups.items():
            if period is None or not {"exports", "imports"} <= by.keys():
                continue
            exp, imp = by["exports"][0].figure, by["imports"][0].figure
            slack = exp.precision + imp.precision
            for name, expected, label in (("trade_turnover", exp.value + imp.value, "exports + imports"),
                                          ("trade_balance", exp.value - imp.value, "exports - imports")):
                for r in by.get(name, []):
                    if abs(r.figure.value - expected) > slack + r.figure.precision:
                        note = f"{label} = {expected:,.0f} {unit} but {name} = {r.figure.value:,.0f}"
                        for x in (r, by["exports"][0], by["imports"][0]):
                            x.flags.append(note)
        bases: dict = {}
        for b in rows:
            if b.role == "base":
                bases.setdefault(b.sentence, []).append(b)
        for r in rows:
            if r.ratio is None or r.role != "level" or r.figure.kind != "money":
                continue
            candidates = [b for b in bases.get(r.sentence, ()) if b.figure.unit == r.figure.unit and b.indicator == r.indicator]
            # of several bases ("from Q4 2017 (N3.65 trillion) and ... from Q1 2017 (N3.15 trillion)"), the growth's own
            compared = self._when(r)[1] if len(candidates) > 1 else None
            if compared is not None:
                candidates = [b for b in candidates if self._when(b)[0] == compared] or candidates
            for b in candidates:
                m, mp = r.ratio.multiplier, r.ratio.precision
                v, vp = r.figure.value, r.figure.precision
                if m - mp <= 0 or v <= 0:
                    continue
                low, high = (v - vp) / (m + mp), (v + vp) / (m - mp)
                stated = b.figure.value
                if not low - b.figure.precision <= stated <= high + b.figure.precision:
                    r.flags.append(f"stated base {stated:,.0f} is outside the {low:,.0f}..{high:,.0f} that value and growth imply")

    # -----------------------------------------------------------------------------------------
    def _balance_signs(self, rows: list[_Row]) -> None:
        t, w = self.folded, self.w
        for i, r in enumerate(rows):
            if "trade_balance" not in (r.indicator, r.flow) or r.figure.kind != "money" or r.role == "twin":
                continue
            a, b = r.sentence
            f = r.figure
            if f.value < 0:
                continue
            left = max(a, f.span[0] - 120)
            clause = t[left:min(b, f.span[1] + 60)]
            prev_sentence = self._previous_sentence(a)
            neg = w["negative"].search(clause)
            pos = w["positive"].search(clause)
            if neg and pos:
                neg = neg if abs(neg.start() - (f.span[0] - left)) < abs(pos.start() - (f.span[0] - left)) else None
            if not neg and not pos:
                sentence = t[a:b]
                neg = w["negative"].search(sentence) or (prev_sentence and w["negative"].search(prev_sentence) and not w["positive"].search(prev_sentence))
                pos = w["positive"].search(sentence)
            if neg and not pos:
                r.figure = replace(f, value=-abs(f.value))
            elif not pos:
                sign = self._flows_sign(rows, r)
                if sign is not None and sign < 0:
                    r.figure = replace(f, value=-abs(f.value))
        for r in rows:
            if r.role == "twin" and r.twin_of is not None and r.twin_of.figure.value < 0 and r.figure.value > 0:
                r.figure = replace(r.figure, value=-r.figure.value)

    def _flows_sign(self, rows: list[_Row], r: _Row) -> int | None:
        exp = [x for x in rows if x.indicator == "exports" and x.figure.kind == "money" and x.figure.unit == r.figure.unit and x.role == "level"]
        imp = [x for x in rows if x.indicator == "imports" and x.figure.kind == "money" and x.figure.unit == r.figure.unit and x.role == "level"]
        if exp and imp:
            return 1 if exp[-1].figure.value >= imp[-1].figure.value else -1
        return None

    def _previous_sentence(self, a: int) -> str:
        prev = [s for s in self.sentences if s[1] <= a]
        return self.folded[prev[-1][0]:prev[-1][1]] if prev else ""
