"""Build ``analysis/rules/places.tsv`` (the country of each currency is data/build_rules.py's job).

Sources (build time only): pycountry's ISO 3166-2 subdivisions and their ``iso3166-2`` gettext
catalogue for Russian names, pymorphy3 for Russian case forms, babel (CLDR) for the currencies in
use per territory. Run ``python data/build_places.py``; the runtime reader needs none of them.

The catalogue has no Russian for most subdivisions of Russia, whose ISO names are Russian romanized
(BGN/PCGN without diacritics: "Kurskaya oblast'"). Those are spelled back in Cyrillic ("Курская
область") and kept only when pymorphy3 knows every word as a noun or adjective; a name it cannot
confirm comes from ``raw/places/romanized_ru.tsv`` or is left out (a place is never guessed).
"""
from __future__ import annotations

import gettext
import itertools
import re
import sys
import unicodedata
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "analysis" / "rules"
RAW = Path(__file__).resolve().parent / "raw" / "places"
KINDS = {
    "province", "region", "state", "oblast", "autonomous region", "autonomous republic", "republic",
    "autonomous community", "land", "voivodship", "governorate", "prefecture", "emirate", "city",
    "municipality", "autonomous city", "special municipality", "metropolitan city", "capital city",
    "federal district", "union territory", "autonomous province", "administrative region", "territory",
    "special administrative region", "administrative territory", "autonomous okrug", "autonomous oblast", "country", "canton",
    "autonomous district",
}
# The generic part of a native or English subdivision name, stripped to get the name itself.
GENERIC = re.compile(r"\s+(oblysy|oblast'?|oblasti|viloyati|Province|Region|Sheng|Zizhiqu|Shi|State|"
                     r"Governorate|Prefecture|kraj|kray|respublikasy)$", re.I)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Countries whose ISO 3166-2 names are Russian in BGN/PCGN romanization (Belarus, Kazakhstan,
# Kyrgyzstan and Ukraine romanize their own languages: their Russian names are in exonyms.tsv).
ROMANIZED_RU = {"RU"}
# BGN/PCGN Russian read backwards; "ts" is ц or тс (the system's "t·s" lost its dot), chosen by pymorphy3.
_DIGRAPHS = (("shch", ("щ",)), ("kh", ("х",)), ("zh", ("ж",)), ("ch", ("ч",)), ("sh", ("ш",)), ("ts", ("ц", "тс")))
_IOTATED = {"a": "я", "e": "е", "u": "ю", "o": "ё"}
_LETTERS = dict(zip("abvgdzijklmnoprstufh'-", "абвгдзийклмнопрстуфхь-"))
_VOWELS = "aeiou"
# English Wikipedia titles of subdivisions ("Kursk Oblast") and the other ways news writes them.
_EN_KINDS = {"Oblast": ("Oblast", "oblast", "Region", "region"), "Region": ("Region", "region", "Oblast", "oblast"),
             "Krai": ("Krai", "krai", "Territory", "region", "Region")}


def _cyrillic(word: str) -> list[str]:
    """Cyrillic spellings of one BGN/PCGN-romanized word, the system's reading first.

    >>> _cyrillic("Tul'skaya"), _cyrillic("avtonomnyy"), _cyrillic("Lipetskaya")
    (['тульская'], ['автономный'], ['липецкая', 'липетская'])
    """
    w, i, parts = word.lower(), 0, []
    while i < len(w):
        for latin, cyr in _DIGRAPHS:
            if w.startswith(latin, i):
                parts.append(cyr)
                i += len(latin)
                break
        else:
            c = w[i]
            if c == "y" and w[i + 1:i + 2] and w[i + 1] in _IOTATED:
                parts.append((_IOTATED[w[i + 1]],))   # ya, ye, yu, yo: я, е, ю, ё
                i += 1
            elif c == "y":   # й after a vowel (ы counts: "nyy" is ный), ы after a consonant
                parts.append(("й",) if i and (w[i - 1] in _VOWELS or parts[-1] == ("ы",)) else ("ы",))
            elif c == "e":   # э at a word's start or after a vowel ("El"), else е
                parts.append(("э", "е") if i == 0 or w[i - 1] in _VOWELS + "-" else ("е",))
            else:
                parts.append((_LETTERS[c],))
            i += 1
    return ["".join(p) for p in itertools.product(*parts)]


def _known(word: str, morph) -> bool:
    return any(p.is_known and p.tag.POS in ("NOUN", "ADJF") for p in morph.parse(word))


def _from_romanized(name: str, morph) -> tuple[str, bool]:
    """The Russian name of an ISO 3166-2 name in romanized Russian, and whether pymorphy3 knows every word.

    "Adygeya, Respublika" is written "Республика Адыгея"; capitals stay where the romanization has them.
    """
    if ", " in name:
        first, rest = name.split(", ", 1)
        name = f"{rest} {first}"
    out, verified = [], True
    for word in name.split():
        spellings = _cyrillic(word)
        known = [s for s in spellings if _known(s, morph)]
        verified &= bool(known)
        out.append(_cased(known[0] if known else spellings[0], word))
    return " ".join(out), verified


def _cased(word: str, like: str) -> str:
    """``word`` with the capitals of ``like`` part by part ("санкт-петербурга" like "Санкт-Петербург")."""
    parts, models = re.split("([-’])", word), re.split("([-’])", like)
    if len(parts) != len(models):
        models = [like] + [""] * (len(parts) - 1)
    return "".join(p.upper() if m.isupper() and len(m) > 1 else p[:1].upper() + p[1:] if m[:1].isupper() else p
                   for p, m in zip(parts, models))


def _pick(word: str, morph, prefer: str, alone: bool = False):
    """The nominative noun or adjective parse of ``word``, ``prefer`` (NOUN or ADJF) first, a place's first.

    A name of one word is inflected only as a place or as its likeliest reading: "Дагестан" (read
    first as an accusative) declines as the Geox noun, "Гор" (likeliest "of mountains") stays as it is.
    """
    parses = morph.parse(word)
    fits = [p for p in parses if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF")]
    fits.sort(key=lambda p: (p.tag.POS != prefer, "Geox" not in p.tag))
    if not fits or alone and "Geox" not in fits[0].tag and fits[0] != parses[0]:
        return None
    return fits[0]


def _ru_forms(name: str, morph) -> list[str]:
    """Every case form of a Russian name: the words up to the first noun (of each conjunct) agree with it,
    the rest is an apposition and stays ("Республики Татарстан", "Курской области", "Автономного района Внутренняя
    Монголия"). A generic noun the name capitalizes ("Чеченская Республика") is also written in lower case,
    and ё also as е."""
    words = name.split()
    parses, head = [], False
    for i, w in enumerate(words):
        p = None if head else _pick(w, morph, "NOUN" if i == len(words) - 1 else "ADJF", alone=len(words) == 1)
        head = head or (p is not None and p.tag.POS == "NOUN")
        if morph.parse(w)[0].tag.POS == "CONJ":
            head = False   # "Джамму и Кашмир": each conjunct declines
        parses.append(p)
    lowerable = [i > 0 and w[:1].isupper() and p is not None and p.is_known and p.tag.POS == "NOUN"
                 and not {"Geox", "Name", "Surn", "Orgn"} & set(p.tag.grammemes)
                 for i, (w, p) in enumerate(zip(words, parses))]
    forms = set()
    for case in CASES:
        out = []
        for w, p in zip(words, parses):
            # Places are inanimate: "Приморский край" keeps its nominative-like accusative.
            f = p.inflect({case, "inan"} if case == "accs" and p.tag.POS == "ADJF" and "masc" in p.tag else {case}) if p else None
            out.append(_cased(f.word, w) if f else w)
        forms.add(" ".join(out))
        if any(lowerable):
            forms.add(" ".join(o[:1].lower() + o[1:] if low else o for o, low in zip(out, lowerable)))
    # the dictionary writes ё ("Могилёвской"), news mostly е
    return sorted(forms | {f.replace("ё", "е").replace("Ё", "Е") for f in forms})


def _en_forms(name: str) -> set[str]:
    """A subdivision's English name as news writes it: "Kursk Oblast" is also "Kursk region"."""
    base, _, kind = name.rpartition(" ")
    if not base or kind not in _EN_KINDS or base.endswith("Autonomous"):
        return {name}
    return {name} | {f"{base} {k}" for k in _EN_KINDS[kind]}


def _without_marks(name: str) -> str:
    """The name without combining accents ("Gujarāt" -> "Gujarat"); letters such as "Ł" stay."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _common_ru(word: str, morph) -> bool:
    parses = morph.parse(word)
    known = [p for p in parses if p.is_known]
    return bool(known) and not any("Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag for p in known)


def _tsv(path: Path) -> list[list[str]]:
    """The rows of a curated table: two comment/header lines, then tab-separated cells."""
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[2:] if line.strip()]


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
    fixed = {code: (romanized, name) for code, romanized, name in _tsv(RAW / "romanized_ru.tsv")}
    rows: dict[tuple[str, str], set[str]] = {}
    for s in pycountry.subdivisions:
        if s.type.casefold() not in KINDS:
            continue
        iso3 = pycountry.countries.get(alpha_2=s.country_code).alpha_3
        name_ru = ru(s.name)
        names_ru = {name_ru} if re.search("[А-Яа-яЁё]", name_ru) else set()
        if s.country_code in ROMANIZED_RU:
            spelled, verified = _from_romanized(s.name, morph)
            if s.code in fixed:
                if fixed[s.code][0] != s.name:
                    print(f"places: {s.code} is now {s.name!r}, romanized_ru.tsv has {fixed[s.code][0]!r}", file=sys.stderr)
                names_ru.add(fixed[s.code][1])
            elif verified:
                names_ru.add(spelled)
            else:
                print(f"places: {s.code} {s.name!r} -> {spelled!r} unconfirmed by pymorphy3, left out", file=sys.stderr)
        en = {n.strip() for n in s.name.split(",")[0].split(";")}
        en |= {GENERIC.sub("", n) for n in en}
        en |= {_without_marks(n) for n in en}   # news writes "Gujarat", ISO "Gujarāt"
        for n in en:
            rows.setdefault(("en", n), set()).add(iso3)
        for n in names_ru:
            for f in _ru_forms(n, morph):
                rows.setdefault(("ru", f), set()).add(iso3)
    for code, en_names, ru_names in _tsv(RAW / "exonyms.tsv"):
        iso3 = pycountry.countries.get(alpha_2=code[:2]).alpha_3
        for n in filter(None, en_names.split("|")):
            for f in _en_forms(n):
                rows.setdefault(("en", f), set()).add(iso3)
        for n in filter(None, ru_names.split("|")):
            for f in _ru_forms(n, morph):
                rows.setdefault(("ru", f), set()).add(iso3)
    stop = {w for w in (RAW / "common_words.txt").read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")}
    out = []
    for (lang, name), isos in sorted(rows.items()):
        # A one-word Russian name that the dictionary knows but not as a place (Центральной) is a word.
        # An abbreviation in capitals (ХМАО) is not the word the dictionary knows.
        if lang == "ru" and " " not in name and not name.isupper() and _common_ru(name, morph):
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
