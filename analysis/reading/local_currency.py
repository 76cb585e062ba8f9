"""The currency a country-dependent mark ("dinars", "Rs", "сум") means in a given country."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _by_country() -> dict[str, str]:
    text = resources.files("analysis.rules").joinpath("local_currency.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines()[2:])


def local_currency(country_iso3: str) -> str | None:
    """ISO 4217 code in use in a country (CLDR via babel at build time).

    >>> local_currency("KAZ")
    'KZT'
    """
    return _by_country().get(country_iso3)
