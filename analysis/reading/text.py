"""Text clean-up that keeps every offset: each character maps to exactly one character.

>>> fold("52\u00a0900\u2009000 \u2013 \u201cUSD\u201d")
'52 900 000 - "USD"'
"""
from __future__ import annotations

import functools
import re

from ..rules import _alt, rules

# one character in, one character out: offsets into the folded text are offsets into the input
_FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\u200a": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ", "\u200e": " ", "\u200f": " ",
    "\u202a": " ", "\u202b": " ", "\u202c": " ", "\u202d": " ", "\u202e": " ", "\t": " ", "\r": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u0451": "\u0435", "\u0401": "\u0415",  # ё -> е: Russian texts write both
})

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def fold(text: str) -> str:
    """Unify spaces, dashes, quotes and ё, one character for one, so offsets stay valid."""
    return text.translate(_FOLD)


def detect_language(text: str) -> str:
    """'ru' when Cyrillic letters outnumber a third of the Latin ones, else 'en'.

    >>> detect_language("товарооборот составил 52,9 млн долларов"), detect_language("trade rose")
    ('ru', 'en')
    """
    cyr = len(CYRILLIC.findall(text[:5000]))
    lat = len(_LATIN.findall(text[:5000]))
    return "ru" if cyr and cyr * 3 >= lat else "en"


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-ZА-Я0-9$€£])|\n\s*\n|(?<=[.!?])\n")


@functools.cache
def _no_split_after() -> tuple[re.Pattern, tuple[tuple[str, str], ...]]:
    """Where a stop ends no sentence, in any language's text: an initial, an abbreviation (rules [language]
    abbreviations: "Mr.", "Aug.", "им."), or an abbreviation that goes on in the next word ("долл. США")."""
    from ..rules import available

    langs = [rules(code).table("language") for code in available()]
    abbreviations = _alt([a for lang in langs for a in lang.get("abbreviations", [])] or ["(?!)"])
    pairs = tuple((a, b) for lang in langs for a, b in lang.get("abbreviation_pairs", []))
    return re.compile(rf"(?:\b[A-ZА-Я]\.|\b(?:{abbreviations})\.)$"), pairs


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: a stop followed by space and a capital, or a blank line.

    Abbreviations such as "U.S." or "млн." followed by a lower-case word never split.

    >>> t = "Exports rose 5%. Imports fell to $2 bn. in May."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Exports rose 5%.', 'Imports fell to $2 bn. in May.']
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        stops, pairs = _no_split_after()
        if stops.search(before) or any(before.endswith(a) and text.startswith(b, m.end()) for a, b in pairs):
            continue  # "U.S. Treasury", "Aug. 15", "В. Путин"
        end = m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def escape_html(text) -> str:
    """Text from an article made safe for HTML (titles, hover labels, highlighted views).

    >>> escape_html('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    import html

    return html.escape("" if text is None else str(text), quote=True)
