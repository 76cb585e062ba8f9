"""Cues in a figure's clause: which way a change goes ("rose", "сократился") and how far a word stands from the
figure ("a surplus of $10.5 billion from a deficit of $4.6 billion" is a surplus)."""
from __future__ import annotations

import math
import re

from .figure_grammar import _Readers


def _nearest_cue(readers: _Readers, text: str, left: int, start: int, end: int, right: int) -> tuple[str, int]:
    """('up' | 'down' | 'share' | '', distance) of the cue nearest to the figure in its clause."""
    best, dist = "", 10**9
    before, after = text[left:start], text[end:right]
    # "5.4 percent, or $30.2 million more than ...": the cue comes after the restatement
    restated = readers.restated.match(text[end:end + 8])
    if restated:
        tail = re.split(r"[;!?]|\.\s", text[end + restated.end():end + restated.end() + 45])[0]
        hits = [(m.start(), name) for name, pattern in (("up", readers.up), ("down", readers.down))
                for m in pattern.finditer(tail) if m.group(0) not in "+-"]
        if hits:
            return min(hits)[1], 0
    for name, pattern in (("share", readers.share), ("up", readers.up), ("down", readers.down)):
        for m in pattern.finditer(before):
            if m.group(0) in "+-" and m.end() != len(before):
                continue  # a dash is a sign only when glued to the number
            d = len(before) - m.end()
            if d < dist:
                best, dist = name, d
        m = pattern.search(after)
        if m and m.group(0) not in "+-" and m.start() < dist and m.start() <= 30:
            best, dist = name, m.start()
    return best, dist


def _distance(pattern: re.Pattern, clause: tuple[str, str]) -> float:
    """How far the nearest match of `pattern` stands from a figure, given the clause's text before and
    after it: "a surplus of $10.5 billion from a deficit of $4.6 billion" is a surplus (inf if none)."""
    before, after = clause
    near = [len(before) - m.end() for m in pattern.finditer(before)] + [m.start() for m in pattern.finditer(after)]
    return min(near, default=math.inf)


def cue_before(readers: _Readers, text: str, left: int, reach: int = 70) -> str:
    """The way the verb before a figure's clause goes ("сократился до 210 млн (на 12%)": down), or ''."""
    window = text[max(0, left - reach):left]
    window = window[max(window.rfind(". "), window.rfind(";")) + 1:]
    hits = [(m.end(), name) for name, pattern in (("up", readers.up), ("down", readers.down))
            for m in pattern.finditer(window) if m.group(0) not in "+-"]
    return max(hits)[1] if hits else ""
