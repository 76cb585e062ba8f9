"""Build ``analysis/rules/places.tsv`` (the country of each currency is data/build_rules.py's job).

Sources (build time only): pycountry's ISO 3166-2 subdivisions and their ``iso3166-2`` gettext
catalogue for Russian names, pymorphy3 for Russian case forms, babel (CLDR) for the currencies in
use per territory. Run ``python data/build_places.py``; the runtime reader needs none of them.
"""
from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "analysis" / "rules"
KINDS = {
    "province", "region", "state", "oblast", "autonomous region", "autonomous republic", "republic",
    "autonomous community", "land", "voivodship", "governorate", "prefecture", "emirate", "city",
    "municipality", "autonomous city", "special municipality", "metropolitan city", "capital city",
    "federal district", "union territory", "autonomous province", "administrative region", "territory",
    "special administrative region", "administrative territory", "autonomous okrug", "autonomous oblast", "country", "canton",
}
# The generic part of a native or English subdivision name, stripped to get the name itself.
GENERIC = re.compile(r"\s+(oblysy|oblast'?|oblasti|viloyati|Province|Region|Sheng|Zizhiqu|Shi|State|"
                     r"Governorate|Prefecture|kraj|kray|respublikasy)$", re.I)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _ru_forms(name: str, morph) -> list[str]:
    """Every case form of a multiword Russian name, words agreeing as parsed."""
    words = name.split()
    forms = set()
    for case in CASES:
        out = []
        for w in words:
            p = morph.parse(w)[0]
            # Places are inanimate: "Приморский край" keeps its nominative-like accusative.
            f = p.inflect({case, "inan"} if case == "accs" and "masc" in p.tag else {case}) if p.tag.POS in ("NOUN", "ADJF") and "nomn" in p.tag else None
            word = f.word if f else w
            out.append(word[0].upper() + word[1:] if w[0].isupper() else word)
        forms.add(" ".join(out))
    return sorted(forms)


def _without_marks(name: str) -> str:
    """The name without combining accents ("Gujarāt" -> "Gujarat"); letters such as "Ł" stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _common_ru(word: str, morph) -> bool:
    parses = morph.parse(word)
    known = [p for p in parses if p.is_known]
    return bool(known) and not any("Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag for p in known)


def build_places() -> list[tuple[str, ...]]:
    import pycountry
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    try:
        ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"]).gettext
    except OSError:
        ru = lambda s: s  # noqa: E731
    countries = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                countries.add(getattr(c, attr).casefold())
    rows: dict[tuple[str, str], set[str]] = {}
    for s in pycountry.subdivisions:
        if s.type.casefold() not in KINDS:
            continue
        iso3 = pycountry.countries.get(alpha_2=s.country_code).alpha_3
        name_ru = ru(s.name)
        name_ru = name_ru if re.search("[А-Яа-яЁё]", name_ru) else ""
        en = {n.strip() for n in s.name.split(",")[0].split(";")}
        en |= {GENERIC.sub("", n) for n in en}
        en |= {_without_marks(n) for n in en}   # news writes "Gujarat", ISO "Gujarāt"
        for n in en:
            rows.setdefault(("en", n), set()).add(iso3)
        if name_ru:
            for f in _ru_forms(name_ru, morph):
                rows.setdefault(("ru", f), set()).add(iso3)
    extra = Path(__file__).resolve().parent / "raw" / "places" / "exonyms.tsv"
    for line in extra.read_text(encoding="utf-8").splitlines()[2:]:
        code, en_names, ru_names = line.split("\t")
        iso3 = pycountry.countries.get(alpha_2=code[:2]).alpha_3
        for n in en_names.split("|"):
            rows.setdefault(("en", n), set()).add(iso3)
        for n in ru_names.split("|"):
            for f in _ru_forms(n, morph):
                rows.setdefault(("ru", f), set()).add(iso3)
    common = Path(__file__).resolve().parent / "raw" / "places" / "common_words.txt"
    stop = {w for w in common.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}
    out = []
    for (lang, name), isos in sorted(rows.items()):
        # A one-word Russian name that the dictionary knows but not as a place (Центральной) is a word.
        if lang == "ru" and " " not in name and _common_ru(name, morph):
            continue
        if name in stop:
            continue
        # Collision check: a place spelled like a country is the country (Georgia, Luxembourg);
        # one-letter or all-lowercase names are not places in running text.
        if name.casefold() in countries or len(name) < 3 or not name[0].isupper():
            continue
        out.append((lang, name, "|".join(sorted(isos))))
    return out


def main() -> None:
    rows = build_places()
    with open(RULES / "places.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# made by data/build_places.py from pycountry ISO 3166-2 (+ pymorphy3 case forms)\n")
        f.write("lang\tname\tiso3\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"places: {len(rows)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
