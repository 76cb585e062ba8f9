"""Build the rules tables that come from public standards (run by hand; needs `pip install babel pycountry`).

    python data/build_rules.py

- analysis/rules/country_currency.tsv: each ISO 3166-1 country (pycountry) and the legal-tender currency it
  uses today according to the Unicode CLDR (through babel). The reader uses it to tell which currency a
  country's "dinars", "Rs" or "Sh" are.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # the hand-written rules tables, read through the package


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




# bare currency nouns that are also ordinary words, read after a number too often to stand for a currency
# ("5 real", "the 3 sum"); their full names ("Brazilian real") still count
_COMMON_NOUNS = {"en": {"real", "sum", "sol", "mark", "marks", "pound", "pounds"}}
_RU_MIN_BARE = 4   # shorter Russian forms ("так", "лев") are ordinary words


def _ascii(text: str) -> str:
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _ru_noun(name: str) -> str:
    """The noun of a Russian currency name: its last word, or its first when the rest is an abbreviation
    ("франк КФА ВСЕАО")."""
    words = name.split()
    tail = [w for w in words if not w.isupper()]
    return tail[0] if words[-1].isupper() else tail[-1]


def build_currency_names(path: Path = ROOT / "analysis" / "rules" / "currency_names.tsv") -> int:
    """Every currency in use today by its CLDR names in English and Russian (singular, plural and, in Russian,
    the forms after 2 and 5), and by its bare noun ("lek", "kwacha"): a noun that one currency uses is that
    currency, a noun several use is local (the country of the text decides, as in local_currencies.tsv).
    Writings the hand-written tables already read are left to them."""
    import re

    import babel
    from babel import Locale
    from babel.numbers import get_currency_name, get_territory_currencies

    from analysis.rules import _top_level_alternatives, currency_table, local_currency_table

    langs = ("en", "ru")
    known = {lang: [re.compile(p, re.I) for row in (*currency_table(), *local_currency_table())
                    for p in _top_level_alternatives(row.get(lang) or "")] for lang in langs}

    def new(lang: str, form: str) -> bool:
        return not any(p.fullmatch(form) for p in known[lang])

    codes = sorted({c for t in Locale("en").territories for c in get_territory_currencies(t, tender=True)})
    full: dict[str, dict[str, set]] = {c: {lang: set() for lang in langs} for c in codes}
    bare: dict[str, dict[str, set]] = {lang: {} for lang in langs}
    for code in codes:
        for lang, counts in (("en", (None, 1, 2)), ("ru", (None, 1, 2, 5))):
            for count in counts:
                name = get_currency_name(code, count=count, locale=lang) if count else get_currency_name(code, locale=lang)
                if not name or name == code:
                    continue
                name = name.lower() if lang == "en" else name
                # "lekë" is written "leke" too, and English plurals with an s beside CLDR's ("denars", "denari")
                forms = {name, _ascii(name)} if lang == "en" else {name}
                forms |= {f + "s" for f in forms if lang == "en" and not f.endswith("s")}
                for form in forms:
                    if " " in form and new(lang, form):
                        full[code][lang].add(form)
                    noun = form.split()[-1] if lang == "en" else _ru_noun(form)
                    too_short = lang == "ru" and len(noun) < _RU_MIN_BARE
                    if not too_short and noun not in _COMMON_NOUNS.get(lang, ()) and new(lang, noun):
                        bare[lang].setdefault(noun, set()).add(code)

    def pattern(forms) -> str:
        return "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=lambda f: (-len(f), f)))

    rows: dict[str, dict[str, set]] = {}
    for code in codes:
        for lang in langs:
            rows.setdefault(code, {lang: set() for lang in langs})[lang] |= full[code][lang]
    for lang in langs:
        for noun, users in bare[lang].items():
            rows.setdefault(" ".join(sorted(users)), {lg: set() for lg in langs})[lang].add(noun)
    lines = [f"# built by data/build_rules.py from the CLDR currency names (babel {babel.__version__}); do not edit by hand.",
             "# Same columns as local_currencies.tsv: one candidate is that currency, several are local.",
             "candidates\tfactor\tsymbols\ten\tru"]
    for cands, forms in sorted(rows.items()):
        if forms["en"] or forms["ru"]:
            lines.append(f"{cands}\t1\t\t{pattern(forms['en'])}\t{pattern(forms['ru'])}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 3


if __name__ == "__main__":
    print(f"country_currency.tsv: {build_country_currency()} countries")
    print(f"currency_names.tsv: {build_currency_names()} rows")
