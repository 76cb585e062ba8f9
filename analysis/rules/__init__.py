"""The rules: data files (one TOML file per language, the country and currency tables, pint units) and
the one loader that reads and validates them. README.md beside them documents their syntax.

>>> rules("ru").decimal
','
"""
from __future__ import annotations

import csv
import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from ..errors import RulesError, UnknownLanguageError


def _files():
    return resources.files("analysis") / "rules"


@functools.cache
def available() -> tuple[str, ...]:
    """Codes of the languages that have a rules file."""
    return tuple(sorted(p.name[:-5] for p in _files().iterdir() if p.name.endswith(".toml")))


def _alt(patterns) -> str:
    """Regex alternatives, longest first so that 'millions' wins over 'm'."""
    return "|".join(sorted(patterns, key=len, reverse=True))


@dataclass(frozen=True)
class Rules:
    """Everything language-specific that the readers need, compiled once."""

    code: str
    decimal: str
    raw: dict = field(repr=False)

    def words(self, section: str, key: str) -> list[str]:
        return list(self.raw.get(section, {}).get(key, []))

    def table(self, section: str) -> dict:
        return dict(self.raw.get(section, {}))

    @functools.cached_property
    def scales(self) -> list[tuple[str, float]]:
        return [(p, float(f)) for f, ps in self.table("scales").items() for p in ps]

    @functools.cached_property
    def number_words(self) -> dict[str, float]:
        return {k.lower(): float(v) for k, v in self.table("number_words").items()}

    @functools.cached_property
    def multiplying_words(self) -> dict[str, float]:
        return {k.lower(): float(v) for k, v in self.table("multiplying_words").items()}

    @functools.cached_property
    def fraction_words(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.table("fraction_words").items()}

    @functools.cached_property
    def growth_words(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.table("growth_words").items()}

    @functools.cached_property
    def times_words(self) -> dict[str, float]:
        return {k: float(v) for k, v in self.table("times_words").items()}

    @functools.cached_property
    def hedges(self) -> dict[str, str]:
        return self.table("hedges")


@functools.cache
def rules(code: str) -> Rules:
    """The compiled rules of one language; raises UnknownLanguageError (a ValueError and a KeyError)
    naming the known languages."""
    if code not in available():
        raise UnknownLanguageError(code, available())
    raw = tomllib.loads((_files() / f"{code}.toml").read_text(encoding="utf-8"))
    validate(raw, f"{code}.toml")
    return Rules(code=code, decimal=raw["language"]["decimal"], raw=raw)


# the sections a language file may have; the README beside the files says what each holds
SECTIONS = frozenset({
    "language", "scales", "code_scales", "numbers", "number_words", "multiplying_words", "fraction_words",
    "percent", "times", "growth_words", "times_words", "direction", "hedges", "counts", "deficit", "months",
    "ordinals", "periods", "indicators", "indicator_words", "chart_labels", "cells",
})
_LANGUAGE_KEYS = ("code", "decimal")


def validate(raw: dict, name: str = "<rules>") -> None:
    """Refuse a language file with an unknown section or a missing [language] key (names the file and key).

    >>> validate({"language": {"code": "xx", "decimal": "."}, "scale": {}}, "xx.toml")
    Traceback (most recent call last):
    ...
    analysis.errors.RulesError: rules/xx.toml: unknown section [scale]; known: [cells], [chart_labels], ...
    """
    unknown = sorted(set(raw) - SECTIONS)
    if unknown:
        known = ", ".join(f"[{k}]" for k in sorted(SECTIONS)[:2])
        raise RulesError(f"rules/{name}: unknown section [{unknown[0]}]; known: {known}, ...")
    missing = [k for k in _LANGUAGE_KEYS if k not in raw.get("language", {})]
    if missing:
        raise RulesError(f"rules/{name}: [language] lacks {', '.join(missing)}")


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a regex on the '|' that are outside parentheses.

    >>> _top_level_alternatives(r"a|(?:b|c)d|e")
    ['a', '(?:b|c)d', 'e']
    """
    parts, depth, current, escaped = [], 0, "", False
    for ch in pattern:
        if escaped:
            current, escaped = current + ch, False
            continue
        if ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    return [p for p in parts if p]




def _table(name: str) -> tuple[dict, ...]:
    """The rows of a TSV file of rules; lines starting with '#' are comments."""
    with (_files() / name).open(encoding="utf-8") as fh:
        rows = tuple(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    return rows


@functools.cache
def currency_table() -> tuple[dict, ...]:
    """The rows of rules/currencies.tsv (code, factor, symbols, one column per language): read here only."""
    rows = _table("currencies.tsv")
    _check_columns("currencies.tsv", rows, ("code", "factor", "symbols"))
    return rows


@functools.cache
def local_currency_table() -> tuple[dict, ...]:
    """The rows of rules/local_currencies.tsv: writings whose currency depends on the country (`candidates`)."""
    rows = _table("local_currencies.tsv")
    _check_columns("local_currencies.tsv", rows, ("candidates", "factor", "symbols"))
    return rows


@functools.cache
def currency_name_table() -> tuple[dict, ...]:
    """The rows of rules/currency_names.tsv (built from CLDR): every current currency by its names, the
    columns of local_currencies.tsv; a row with one candidate is that currency."""
    rows = _table("currency_names.tsv")
    _check_columns("currency_names.tsv", rows, ("candidates", "factor", "symbols"))
    return rows


@functools.cache
def country_currency() -> dict[str, str]:
    """ISO3 country -> its currency today (ISO 4217), from rules/country_currency.tsv (built from CLDR)."""
    rows = _table("country_currency.tsv")
    _check_columns("country_currency.tsv", rows, ("iso3", "currency"))
    return {row["iso3"]: row["currency"] for row in rows}


@functools.cache
def fiscal_year_start() -> dict[str, int]:
    """ISO3 country -> the month its fiscal year starts in, for countries not on the calendar year.

    >>> fiscal_year_start()["PAK"], fiscal_year_start()["IND"]
    (7, 4)
    """
    rows = _table("fiscal_years.tsv")
    _check_columns("fiscal_years.tsv", rows, ("iso3", "first_month", "named_by"))
    return {row["iso3"]: int(row["first_month"]) for row in rows}


@functools.cache
def fiscal_years_named_by_start() -> frozenset[str]:
    """The countries whose single-year fiscal names give the year it starts in ("fiscal 2024" in Japan is April
    2024 - March 2025), not the year it ends in.

    >>> sorted(fiscal_years_named_by_start())
    ['JPN']
    """
    return frozenset(row["iso3"] for row in _table("fiscal_years.tsv") if row["named_by"] == "start")


@functools.cache
def country_table() -> tuple[dict, ...]:
    """The rows of rules/countries.tsv (iso3, names per language, adjectives, capitals, labels): read here only."""
    rows = _table("countries.tsv")
    _check_columns("countries.tsv", rows, ("iso3", "en", "capitals"))
    return rows


def _check_columns(name: str, rows, needed) -> None:
    have = set(rows[0]) if rows else set()
    missing = [c for c in needed if c not in have]
    if missing:
        raise RulesError(f"rules/{name}: missing column(s) {', '.join(missing)}")


@functools.cache
def outlet_table() -> tuple[dict, ...]:
    """The rows of rules/outlets.tsv (host, label_<lang>): the names charts give news outlets and statistics
    offices found as URLs."""
    rows = _table("outlets.tsv")
    _check_columns("outlets.tsv", rows, ("host", "label_en"))
    return rows
