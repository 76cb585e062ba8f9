"""Currencies as written: symbols and names per language, from rules/currencies.tsv, resolved to ISO 4217.

>>> resolve_currency("долларов США", "ru"), resolve_currency("C$", "en")
(('USD', 1.0), ('CAD', 1.0))
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..rules import _top_level_alternatives, available, currency_table


@dataclass(frozen=True)
class Currency:
    code: str
    factor: float      # to the main unit: cents are 0.01 USD
    pattern: str       # a regex for one way of writing it
    kind: str          # "symbol" or a language code for names


@functools.cache
def currencies() -> tuple[Currency, ...]:
    """Every way of writing a currency, from `rules/currencies.tsv`."""
    out = []
    for row in currency_table():
        for kind in ("symbols", *available()):
            for pattern in _top_level_alternatives(row.get(kind) or ""):
                out.append(Currency(row["code"], float(row["factor"]), pattern, "symbol" if kind == "symbols" else kind))
    return tuple(out)


@functools.cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes of rules/currencies.tsv."""
    return frozenset(row["code"] for row in currency_table())


@functools.cache
def _by_length() -> list[tuple[Currency, re.Pattern]]:
    return [(c, re.compile(c.pattern, re.I)) for c in sorted(currencies(), key=lambda c: len(c.pattern), reverse=True)]


@functools.lru_cache(maxsize=8192)
def resolve_currency(written: str, lang: str) -> tuple[str, float] | None:
    """The (code, factor) for a currency as written, trying the longest pattern first."""
    written = re.sub(r"\s+", " ", written.strip())
    if written.upper() in currency_codes():
        return written.upper(), 1.0
    for cur, pattern in _by_length():
        if cur.kind in ("symbol", lang) and pattern.fullmatch(written):
            return cur.code, cur.factor
    return None
