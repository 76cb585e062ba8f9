"""Goods: whether a flow figure counts one good or a part of trade ("coffee exports", "non-oil exports", "in physical
terms"), which makes it indicator other with its flow kept."""
from __future__ import annotations


from ..reading.figures import Figure
from .vocabulary import clause_break


class GoodsReading:
    """Methods of `_Document` that tell a good's or a measure's figure from the whole flow (rules `commodities`,
    `goods_of`, `goods_after`, `goods_generic`, `other`, `value_terms`)."""

    def _commodity(self, left: int, f: Figure, reach: int = 80) -> bool:
        t, w = self.folded, self.w
        window = t[max(left, f.span[0] - reach):f.span[0]]
        m = None
        for m in w["indicators"]["imports"].finditer(window):
            pass
        m2 = None
        for m2 in w["indicators"]["exports"].finditer(window):
            pass
        k = max((x for x in (m, m2) if x is not None), key=lambda x: x.start(), default=None)

        def goods(text):   # "coffee exports"; "non-oil exports" are a part of exports too, not all of them
            return bool(w["commodities"].search(text))

        # "$1.06 billion worth of fruit"; "95% of the previous year's level" is an index, not a good
        after_good = w["goods_after"].match(t, f.span[1]) if w["goods_after"] is not None and f.kind == "money" else None
        if after_good is not None and not w["goods_generic"].match(t, after_good.start("good")) and not any(
                c.start <= after_good.start("good") < c.end for c in self._countries_in(after_good.start("good") - 40, after_good.end())) and not any(
                p.start <= after_good.start("good") < p.end for p in self._periods_in(*self._sentence_span(f.span[0]))):   # "of Q2"
            return True
        if k is None:
            # "Shs1.2 trillion from coffee exports": the flow and its good after the amount
            after = t[f.span[1]:min(f.span[1] + 40, self._sentence_span(f.span[0])[1])]
            flow_after = w["indicators"]["exports"].search(after) or w["indicators"]["imports"].search(after)
            if flow_after is not None and goods(after[:flow_after.start()]):
                return True
            return self._measured_other(left, f) or goods(t[left:f.span[0]]) or self._part_good(left, f)
        return (goods(window[max(0, k.start() - 25):k.end() + 30]) or self._measured_other(left, f)
                or self._named_good(window, k.end(), f.span[0] - len(window)))

    def _part_good(self, left: int, f: Figure) -> bool:
        """"экспорт ... 3,5 млрд, из них на коньяк пришлось 0,2 млрд", "of which cognac accounted for $0.2 billion": the
        word a part of a total names is a good unless it is a country or a generic word (rules `part_good`)."""
        t, w = self.folded, self.w
        m = None
        for m in w["part_good"].finditer(t, left, f.span[0]):
            pass
        if m is None or w["goods_generic"].match(t, m.start("good")):
            return False
        return not any(c.start <= m.start("good") < c.end for c in self._countries_in(m.start("good") - 40, m.end()))

    def _measured_other(self, left: int, f: Figure) -> bool:
        """Whether the figure's own clause measures it otherwise than in money (rules `other`: "in physical terms", "в
        натуральном выражении"), written before it or right after it; "in value terms" there keeps the flow ("rose 8%
        in physical terms but fell 3% in value terms")."""
        t, w = self.folded, self.w
        contrast = clause_break("contrast")
        before = [(f.span[0] - m.end(), m) for m in w["other"].finditer(t, max(left, f.span[0] - 80), f.span[0])
                  if not contrast.search(t, m.end(), f.span[0])]
        end = self._sentence_span(f.span[0])[1]
        nxt = min(end, next((g.span[0] for g in self._figs_in(f.span[1], f.span[1] + 40)), f.span[1] + 40))
        def own_after(m) -> bool:   # "rose 8% in physical terms"; not "fell 3%, в натуральном — ..."
            return not contrast.search(t, f.span[1], m.start()) and "," not in t[f.span[1]:m.start()]
        after = [(m.start() - f.span[1], m) for m in w["other"].finditer(t, f.span[1], nxt) if own_after(m)]
        values = [(f.span[0] - m.end(), m) for m in w["value_terms"].finditer(t, max(left, f.span[0] - 80), f.span[0])
                  if not contrast.search(t, m.end(), f.span[0])]
        values += [(m.start() - f.span[1], m) for m in w["value_terms"].finditer(t, f.span[1], nxt) if own_after(m)]
        measured = before + after
        return bool(measured) and (not values or min(measured, key=lambda x: x[0])[0] < min(values, key=lambda x: x[0])[0])

    def _named_good(self, window: str, after_flow: int, offset: int) -> bool:
        """"exports of tomatoes": the word after the flow's "of" is a good unless it is a generic word
        ("goods"), a country or a place."""
        frame = self.w["goods_of"]
        m = frame.match(window, after_flow) if frame is not None else None
        if m is None or self.w["goods_generic"].match(window, m.start("good")):
            return False
        at = offset + m.start("good")
        return not any(c.start <= at < c.end for c in self._countries_in(at - 40, at + 1))

    # -----------------------------------------------------------------------------------------
