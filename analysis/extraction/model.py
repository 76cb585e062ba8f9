"""The typed pieces of a reading: a candidate row around one figure, and the document's limits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..reading.figures import Figure
from ..reading.periods import Period

@dataclass
class _Row:
    figure: Figure
    role: str = "level"            # level | base | twin | change
    twin_of: "_Row | None" = None
    indicator: str | None = None
    reporter: str | None = None
    partner: str | None = None
    period: Period | None = None   # as written (year may be unknown)
    ratio: Figure | None = None
    compared: Period | None = None
    sentence: tuple[int, int] = (0, 0)
    flags: list = field(default_factory=list)
    current: Period | None = None   # the sentence's own period, for "the previous year" and "the same period"
    earlier: Period | None = None   # the period of the last figure before this one, for "a year earlier"
    why: dict = field(default_factory=dict)   # field -> id of the rule that chose it ("reporter": "owner")
    flow: str | None = None         # "exports"/"imports" behind an 'other' row ("imports of cars from China")


def _bounded(text: str, spans: list[tuple[int, int]], longest: int = 1200) -> list[tuple[int, int]]:
    """Sentences longer than any real one (a list, a table flattened to text) cut at clause marks,
    so that the work per sentence stays bounded and a long document reads in linear time."""
    out = []
    for a, b in spans:
        while b - a > longest:
            cut = max((m.end() for m in re.finditer(r"[;,]\s|\s-\s", text[a + longest // 2:a + longest])), default=None)
            cut = a + longest // 2 + cut if cut is not None else a + longest
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def _published(value) -> tuple[int | None, int | None, str | None]:
    if value is None:
        return None, None, None
    try:
        if value != value:
            return None, None, None
    except (TypeError, ValueError):
        pass
    s = str(value)
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", s)
    if not m:
        return None, None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, s[:10]
