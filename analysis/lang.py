"""Language rules loaded from the data files in `analysis/rules/` (one TOML file per language).

>>> rules("ru").decimal
','
"""
from __future__ import annotations

import csv
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources


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
    """The compiled rules of one language; raises KeyError naming the known languages."""
    if code not in available():
        raise KeyError(f"no rules for language {code!r}; known: {', '.join(available())}")
    raw = tomllib.loads((_files() / f"{code}.toml").read_text(encoding="utf-8"))
    return Rules(code=code, decimal=raw["language"]["decimal"], raw=raw)


@dataclass(frozen=True)
class Currency:
    code: str
    factor: float      # to the main unit: cents are 0.01 USD
    pattern: str       # a regex for one way of writing it
    kind: str          # "symbol" or a language code for names


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


@functools.cache
def currencies() -> tuple[Currency, ...]:
    """Every way of writing a currency, from `rules/currencies.tsv`."""
    out = []
    with (_files() / "currencies.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for kind in ("symbols", *available()):
                for pattern in _top_level_alternatives(row.get(kind) or ""):
                    out.append(Currency(row["code"], float(row["factor"]), pattern, "symbol" if kind == "symbols" else kind))
    return tuple(out)


@functools.cache
def currency_codes() -> frozenset[str]:
    with (_files() / "currencies.tsv").open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh, delimiter="\t"))


@functools.cache
def _by_length() -> list[tuple[Currency, re.Pattern]]:
    return [(c, re.compile(c.pattern, re.I)) for c in sorted(currencies(), key=lambda c: len(c.pattern), reverse=True)]


@functools.lru_cache(maxsize=8192)
def resolve_currency(written: str, lang: str) -> tuple[str, float] | None:
    """The (code, factor) for a currency as written, trying the longest pattern first.

    >>> resolve_currency("долларов США", "ru"), resolve_currency("C$", "en")
    (('USD', 1.0), ('CAD', 1.0))
    """
    written = re.sub(r"\s+", " ", written.strip())
    if written.upper() in currency_codes():
        return written.upper(), 1.0
    for cur, pattern in _by_length():
        if cur.kind in ("symbol", lang) and pattern.fullmatch(written):
            return cur.code, cur.factor
    return None
