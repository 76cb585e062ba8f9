"""Currencies as written: symbols and names per language, from rules/currencies.tsv, resolved to ISO 4217.

>>> resolve_currency("долларов США", "ru"), resolve_currency("C$", "en")
(('USD', 1.0), ('CAD', 1.0))
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..rules import _top_level_alternatives, available, currency_name_table, currency_table, local_currency_table


@dataclass(frozen=True)
class Currency:
    code: str          # ISO 4217; for a writing whose currency depends on the country, "?" + the candidates
    factor: float      # to the main unit: cents are 0.01 USD
    pattern: str       # a regex for one way of writing it
    kind: str          # "symbol" or a language code for names


@functools.cache
def currencies() -> tuple[Currency, ...]:
    """Every way of writing a currency, from `rules/currencies.tsv`, `rules/local_currencies.tsv` and
    `rules/currency_names.tsv`."""
    out = []
    def code(row) -> str:
        cands = row["candidates"].split()
        return cands[0] if len(cands) == 1 else "?" + " ".join(cands)

    # hand-written tables first: the CLDR names only add what they do not read
    local = [{**row, "code": "?" + " ".join(row["candidates"].split())} for row in local_currency_table()]
    named = [{**row, "code": code(row)} for row in currency_name_table()]
    for row in (*currency_table(), *local, *named):
        for kind in ("symbols", *available()):
            for pattern in _top_level_alternatives(row.get(kind) or ""):
                out.append(Currency(row["code"], float(row["factor"]), pattern, "symbol" if kind == "symbols" else kind))
    return tuple(out)


def candidates(code: str) -> tuple[str, ...]:
    """The currencies a resolved writing may stand for: one for a plain code, several for a local writing.

    >>> candidates("USD"), candidates("?AED MAD")
    (('USD',), ('AED', 'MAD'))
    """
    return tuple(code[1:].split()) if code.startswith("?") else (code,)


@functools.cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes of rules/currencies.tsv."""
    return frozenset(row["code"] for row in currency_table())


@functools.cache
def _by_length() -> list[tuple[Currency, re.Pattern]]:
    # a lookahead ("N" only before a digit) is for scanning; the writing itself is matched without it
    return [(c, re.compile(_LOOKAHEAD.sub("", c.pattern), re.I))
            for c in sorted(currencies(), key=lambda c: len(c.pattern), reverse=True)]


_LOOKAHEAD = re.compile(r"\(\?=[^()]*\)")


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


@functools.cache
def _names(lang: str) -> re.Pattern:
    """Every currency name of a language, longest first."""
    return re.compile("|".join(sorted((c.pattern for c in currencies() if c.kind == lang), key=len, reverse=True)) or "(?!)", re.I)


def currency_name_over(text: str, start: int, end: int, lang: str) -> bool:
    """Whether a currency's name starts at `start` and runs past `end` ("In U.S. dollar terms": the U.S. there
    is the currency's, not a country of the text).

    >>> currency_name_over("In U.S. dollar terms", 3, 7, "en"), currency_name_over("U.S. exports", 0, 4, "en")
    (True, False)
    """
    m = _names(lang).match(text, start)
    return bool(m) and m.end() > end
