"""Build the rules tables that come from public standards (run by hand; needs `pip install babel pycountry`).

    python data/build_rules.py

- analysis/rules/country_currency.tsv: each ISO 3166-1 country (pycountry) and the legal-tender currency it
  uses today according to the Unicode CLDR (through babel). The reader uses it to tell which currency a
  country's "dinars", "Rs" or "Sh" are.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_country_currency(path: Path = ROOT / "analysis" / "rules" / "country_currency.tsv") -> int:
    import babel
    import pycountry
    from babel.numbers import get_territory_currencies

    lines = [f"# built by data/build_rules.py from CLDR (babel {babel.__version__}) and ISO 3166-1 "
             f"(pycountry {pycountry.__version__}); do not edit by hand", "iso3\tcurrency"]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        codes = get_territory_currencies(country.alpha_2, tender=True) or get_territory_currencies(country.alpha_2)
        if codes:
            lines.append(f"{country.alpha_3}\t{codes[0]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2


if __name__ == "__main__":
    print(f"country_currency.tsv: {build_country_currency()} countries")
