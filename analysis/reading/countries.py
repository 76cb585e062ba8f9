"""Countries in text: names, adjectives, capitals and country groups, from `rules/countries.tsv`.

>>> [(m.iso3, m.form) for m in find("товарооборот Казахстана с Сербией", "ru")]
[('KAZ', 'name'), ('SRB', 'name')]
>>> [(m.iso3, m.form) for m in find("36 enterprises with Serbian capital work in Kazakhstan", "en")]
[('SRB', 'adj'), ('KAZ', 'name')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..rules import _alt, _top_level_alternatives, country_table, rules
from .text import first_chars

FORMS = ("name", "adj", "capital")


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    iso3: str | None    # None for a group such as the EU
    form: str           # name | adj | capital | group | agency (a statistics office: "TurkStat")
    text: str


@functools.cache
def table() -> tuple[dict, ...]:
    """The country table: one dict per country with `iso3` and the regex columns."""
    return country_table()


@functools.cache
def _patterns(lang: str) -> tuple[re.Pattern, list[tuple[re.Pattern, str, str]]]:
    entries = []
    columns = {"name": lang if lang != "en" else "en", "adj": f"{lang}_adj", "capital": "capitals", "agency": "agencies"}
    for row in table():
        for form, column in columns.items():
            for pattern in _top_level_alternatives(row.get(column) or ""):
                entries.append((pattern, row["iso3"], form))
    for pattern in rules(lang).words("indicator_words", "groups"):
        entries.append((pattern, "", "group"))
    B, E = r"(?<![^\W\d_])", r"(?![^\W\d_])"
    # names are proper nouns and match case-sensitively ("Россия", not "российский"); adjectives in
    # Russian are written in lower case inside a sentence, so they match in any case
    def flags(form):
        return re.I if form == "adj" and lang != "en" else 0

    def group(form):   # a word start whose first letter no name of the form starts with is turned away at once
        names = _alt(p for p, _, fm in entries if fm == form)
        return f"(?{'i' if flags(form) else ''}:{B}{first_chars(names, flags(form)) or ''}(?:{names}){E})"

    big = re.compile("|".join(group(form) for form in ("name", "capital", "agency", "group", "adj") if any(fm == form for _, _, fm in entries)))
    compiled = [(re.compile(rf"(?:{p})", flags(form)), iso, form) for p, iso, form in sorted(entries, key=lambda e: len(e[0]), reverse=True)]
    return big, compiled


@functools.lru_cache(maxsize=8192)
def _which(lang: str, written: str) -> tuple[str, str] | None:
    """(iso3, form) of a matched mention; the same names recur, so the answer is cached."""
    for pattern, iso, form in _patterns(lang)[1]:
        if pattern.fullmatch(written):
            return iso, form
    return None


@functools.cache
def _adjective_ending(lang: str) -> re.Pattern:
    """The ending that makes a country's name stem an adjective ("Российский"): rules [language] adjective_ending."""
    ending = rules(lang).table("language").get("adjective_ending")
    return re.compile(ending, re.I) if ending else re.compile("(?!)")


_DATELINE_CAPITAL = re.compile(r"^\s*[A-ZА-Я][A-ZА-Я-]+(?:,\s*[A-Z][a-z]+)?,\s+[A-ZА-Яa-zа-я]+\.?\s+\d")


_CAPS_WORD = re.compile(r"[^\W\d_]{4,}")


def _headline_case(text: str) -> str | None:
    """"EXPORTS TO CHINA JUMP": the text with its all-capital words in title case (same length), or None."""
    if not any(w.isupper() for w in _CAPS_WORD.findall(text)):
        return None
    return _CAPS_WORD.sub(lambda m: m.group(0).title() if m.group(0).isupper() else m.group(0), text)


def find(text: str, lang: str) -> list[CountryMention]:
    """Every country or group mention in `text` (folded), in order; a dateline city is not a mention.
    Names in headlines and tables written in capitals ("EXPORTS TO CHINA") count too."""
    out = _find(text, lang)
    cased = _headline_case(text)
    if cased is not None:
        taken = [(m.start, m.end) for m in out]
        out = sorted(out + [m for m in _find(cased, lang) if not any(a < m.end and m.start < b for a, b in taken)],
                     key=lambda m: m.start)
    return out


def _find(text: str, lang: str) -> list[CountryMention]:
    big = _patterns(lang)[0]
    out = []
    for m in big.finditer(text):
        written = m.group(0)
        found = _which(lang, written)
        if found is None:
            continue
        iso, form = found
        if form == "name" and _adjective_ending(lang).search(written):
            form = "adj"   # "Российский", "казахстанского": a name stem with an adjective's ending
        if form == "capital" and m.start() < 40 and _DATELINE_CAPITAL.match(text[max(0, m.start() - 2):]):
            continue
        out.append(CountryMention(m.start(), m.end(), iso or None, "group" if form == "group" else form, written))
    return _with_places(text, lang, out)


def _with_places(text: str, lang: str, mentions: list[CountryMention]) -> list[CountryMention]:
    """Provinces, regions and cities ("Karaganda region", "Карагандинской области", "Haikou") speak for
    their country, before any guess from a name's shape; a name shared by countries ("Punjab") says nothing."""
    from .places import find_places

    places = [(a, b, iso, name) for a, b, iso, name in find_places(text, lang) if iso]
    if not places:
        return mentions
    # a capital inside a longer place is that place ("Minsk region", "Минской области")
    kept = [m for m in mentions if not (m.form == "name" and any(a < m.end and m.start < b for a, b, _, _ in places)
                                        or m.form == "capital" and any(a <= m.start and m.end <= b and b - a > m.end - m.start
                                                                        for a, b, _, _ in places))]
    taken = [(m.start, m.end) for m in kept]
    extra = [CountryMention(a, b, iso, "name", name) for a, b, iso, name in places
             if not any(s < b and a < e for s, e in taken)]
    return sorted(kept + extra, key=lambda m: m.start)
