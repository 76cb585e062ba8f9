"""Places (regions, provinces, cities) named in text, resolved to their country.

Standard library only: the table ``rules/places.tsv`` is made by ``data/build_places.py``.
A name shared by several countries (Punjab) is found but resolves to ``None``; a place never
defaults to any country.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .text import literal_alternation


@lru_cache(maxsize=None)
def _table() -> dict[str, tuple[dict[str, str | None], re.Pattern[str] | None]]:
    names: dict[str, dict[str, str | None]] = {"en": {}, "ru": {}}
    text = resources.files("analysis.rules").joinpath("places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines()[2:]:
        lang, name, isos = line.split("\t")
        names.setdefault(lang, {})[name] = isos if "|" not in isos else None
    out = {}
    for lang, table in names.items():
        # Longest first so "Karaganda region" wins over "Karaganda"; word edges on both sides.
        alts = literal_alternation(sorted(table, key=len, reverse=True))
        # every name starts with a capital letter (the build keeps no other): digits and lower case are skipped at once
        out[lang] = (table, re.compile(rf"(?<!\w)(?=[^\W\d_])(?:{alts})(?!\w)") if alts else None)
    return out


def find_places(text: str, lang: str) -> list[tuple[int, int, str | None, str]]:
    """``(start, end, iso3 or None, name)`` for each place named in ``text``.

    >>> find_places("exports of Karaganda region grew", "en")
    [(11, 27, 'KAZ', 'Karaganda region')]
    """
    entry = _table().get(lang)
    if entry is None or entry[1] is None:
        return []
    table, pattern = entry
    return [(m.start(), m.end(), table[m.group()], m.group()) for m in pattern.finditer(text)]
