"""Absolute changes and the percent written beside them: "the deficit increased $46.6 billion, or 9.5%",
"an increase of $1.96 billion (5.8%)". The amount is the change, so the percent is the growth rate, with the
direction of the verb before the amount. A part of `statements._Document`."""
from __future__ import annotations

from ..reading.figures import Figure, as_change
from .model import _Row


class ChangeReading:
    """Methods of `_Document` that read the percent beside an absolute change as the change's rate."""

    def _change_percents(self, rows: list[_Row], a: int) -> list[Figure]:
        """Growth figures made from percents written right after a change amount; those rows are dropped."""
        t, w = self.folded, self.w
        out = []
        changes = [r for r in rows if r.role == "change"]
        for c in changes:
            nxt = next((r for r in rows if r.figure.kind == "percent" and r.figure.span[0] >= c.figure.span[1]), None)
            if nxt is None or not w["change_percent_gap"].fullmatch(t, c.figure.span[1], nxt.figure.span[0]):
                continue
            before = t[max(a, c.figure.span[0] - 40):c.figure.span[0]]
            up = list(w["up"].finditer(before))
            down = list(w["down"].finditer(before))
            last_up = up[-1].start() if up else -1
            last_down = down[-1].start() if down else -1
            if last_up < 0 and last_down < 0:
                continue
            out.append(as_change(nxt.figure, "down" if last_down > last_up else "up"))
            nxt.role = "change"   # no longer a share: it leaves the rows with the amount
        return out

