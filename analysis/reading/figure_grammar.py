"""The compiled patterns figures are read with, one set per language: numbers, scales, currencies before
and after, percent, times and count words, and the cue words around a figure (all from rules/)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..rules import _alt, rules
from .currency import currencies, currency_codes
from .numbers import DIGITS
from .text import first_chars, literal_alternation


@dataclass(frozen=True)
class _Readers:
    number: re.Pattern
    tail: re.Pattern
    tail_single: re.Pattern    # the same without a range ("15-20")
    head: re.Pattern
    hedge: re.Pattern
    up: re.Pattern
    down: re.Pattern
    share: re.Pattern
    to_level: re.Pattern
    to_level_word: re.Pattern
    then_percent: re.Pattern   # ", 3.5 percent", " and 3.5%": a percent listed right after
    compared_word: re.Pattern   # "against", "compared with", "против": a comparison begins
    joiners: tuple           # words inside a number in words ("one and a half")
    one_articles: tuple      # "a", "an": one only before a scale or a fraction ("a billion", "a half")
    to_level_before: re.Pattern   # "to" right before a figure ("rose to 63%")
    per_unit: re.Pattern
    deficit: re.Pattern
    gap: re.Pattern
    surplus: re.Pattern
    growth_word: re.Pattern
    fraction_change: re.Pattern
    index: re.Pattern
    index_compared: re.Pattern
    from_level: re.Pattern    # "from" before the first of two percent levels
    to_percent: re.Pattern    # "... to 56.3%" after it
    sign_word: re.Pattern
    gapped_flow: re.Pattern
    gapped_place: re.Pattern   # "rose 10% to China, 5% to Japan": a place between two changes of one list
    scale_of: dict
    list_gap: re.Pattern      # between two figures of one list ("2.9 and 3.5 percent")
    compared_after: re.Pattern  # a comparison word after a figure ("15% from May last year")
    list_tail: re.Pattern     # a list joiner just before a figure ("... from April and 15%")
    restated: re.Pattern      # ", or" after a figure: the same figure again ("5.4 percent, or $30.2 million")
    range_before: re.Pattern  # "between", "от" before the low end of a range
    range_word: re.Pattern    # "to", "and", "до" between the ends of a range
    one_word: re.Pattern      # "a", "one", "один": a number word that alone is no figure
    change_by: re.Pattern     # "by", "на": the preposition of a change
    change_by_end: re.Pattern
    fraction_worded: re.Pattern   # "by a third", "a third", "одну треть": a fraction written as a change
    cue_lead: re.Pattern      # "by", "up", "на", "в" right before a change: part of its raw text
    clause_and: re.Pattern    # ", and the ...": where the next clause begins after a figure
    rules: object


def _guarded(alternatives: str) -> str:
    return f"{first_chars(alternatives, re.I | re.X) or ''}(?:{alternatives})"


def _code_alt() -> str:
    return _alt(sorted(currency_codes()))


@functools.cache
def _readers(lang: str) -> _Readers:
    r = rules(lang)
    words = literal_alternation(sorted(r.number_words, key=len, reverse=True))
    joiners = _alt(r.words("numbers", "joiners") or ["(?!)"])
    scales = r.scales
    free_scales = _alt(p for p, _ in scales if len(p.replace("\\", "")) > 2 or p.startswith(("mln", "bn", "mn", "tn")))
    glued_scales = _alt(p for p, _ in scales if len(p.replace("\\", "")) <= 2 and not p.startswith(("bn", "mn", "tn")))
    # long lists behind a lookahead of their first characters: at most places after a number none can start
    symbols = _guarded(_alt(c.pattern for c in currencies() if c.kind == "symbol"))
    names = _guarded(_alt(c.pattern for c in currencies() if c.kind == lang))
    code_scales = _alt(p for ps in r.table("code_scales").values() for p in ps) or "(?!)"
    codes = _code_alt()
    currency_pre = rf"(?P<pre>(?:{symbols})(?![^\W\d_])|(?=[^\W\d_])(?P<pscale>{code_scales})?(?:{codes})(?:\s?\$)?(?![^\W\d_]))"
    # "30 MUSD" is case-sensitive: "birr" is no billion IRR
    # "(?=[^\W\d_])": the long lists of codes and names are tried only where a letter starts (dense digits stay cheap)
    currency_post = rf"(?P<post>(?<![^\W\d_])(?=[^\W\d_])(?:(?-i:(?P<cscale>{code_scales})(?:{codes}))|(?:{codes}))(?![^\W\d_]|\d)|(?:{symbols})(?![^\W\d_])|(?<![^\W\d_])(?=[^\W\d_])(?:{names})(?![^\W\d_]))"
    pct = _alt(r.words("percent", "words"))
    points = _alt(r.words("percent", "points"))
    times = _alt(r.words("times", "after"))
    counts = _alt(r.words("counts", "nouns"))
    bare = _alt(r.words("numbers", "bare_scales")) or "(?!)"
    number = (rf"(?<![\d.,])(?P<digits>{DIGITS})|(?<![^\W\d_])(?P<words>(?:{words})(?:[ -]+(?:(?:{joiners})[ -])?(?:{words}))*)(?![^\W\d_])"
              rf"|(?<![^\W\d_])(?P<bare>{bare})(?![^\W\d_])")
    def words_of(key: str) -> str:
        return _alt(r.words("numbers", key) or ["(?!)"])
    range_words = words_of("range_words")
    range_part = rf"(?:(?P<rsep>\ ?[-]\ ?|\ (?:{range_words})\ )(?:{symbols})?\ ?(?P<hi>{DIGITS}))?"
    tail = rf"""
        (?P<suffix>(?:{words_of("number_suffix")})(?![^\W\d_]))?
        {range_part}
        (?:(?P<sgap>\ ?-?\ ?)(?P<scale>{free_scales})(?![^\W\d_])|(?P<gscale>{glued_scales})(?![^\W\d_]))?
        (?:\ (?:(?:{words_of("amount_joiners")})\ )?(?P<num2>{DIGITS})\ ?(?P<scale2>{free_scales})(?![^\W\d_])
           (?:\ (?P<num3>{DIGITS})\ ?(?P<scale3>{free_scales})(?![^\W\d_]))?)?
        (?:(?P<cgap>\ ?-?)(?:{currency_post})(?:\ (?P<ascale>{free_scales})(?![^\W\d_]))?)?
        (?:\ (?P<post2>{names})(?![^\W\d_]))?
        (?:\ (?:(?:{words_of("cents_joiners")})\ )?(?P<cents>\d{{1,2}}(?![\d,%]|\.\d|[^\W\d_])|(?:{words})(?:[ -](?:{words}))?(?![^\W\d_]))(?:\ ?(?P<cname>{words_of("cent_names")}))?(?![^\W\d_]*\ ?(?:{symbols}|{codes}|{names})(?![^\W\d_])))?
        (?:
            (?P<points>\ ?(?:{points})(?![^\W\d_]))
          | (?P<pct>\ ?-?(?:{pct})(?:(?<=%)|(?![^\W\d_])))
          | (?P<times>\ ?-?(?:{times})(?![^\W\d_]))
          | (?P<count>(?:\ [^\W\d_][\w-]*){{0,3}}?\ (?:{counts})(?![^\W\d_]))
        )?
    """
    head = rf"(?<![^\W\d_])(?:{currency_pre})\ ?(?P<hsign>[-−]\ ?)?$"   # "€-21.0 bn" is minus 21
    hedge = rf"(?<![^\W\d_])(?P<hedge>{_alt(r.hedges)})\s*$"
    growth_words = _alt([*r.growth_words, *r.times_words])
    fraction_words = _alt(r.fraction_words)
    # "by a third", "на одну треть"
    fraction_change = (rf"(?<![^\W\d_])(?:(?:{words_of('change_by')})\ )?(?:(?:{_alt(r.hedges)})\ )?(?:(?:{words_of('fraction_article')})\ )?"
                       rf"(?P<frac>{fraction_words})(?![^\W\d_])")
    flags = re.I | re.X
    return _Readers(
        number=re.compile(number, re.I),
        tail=re.compile(tail, flags),
        tail_single=re.compile(tail.replace(range_part, ""), flags),
        head=re.compile(head, flags),
        hedge=re.compile(hedge, re.I),
        up=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('direction', 'up'))})(?![^\W\d_])", re.I),
        down=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('direction', 'down'))})(?![^\W\d_])", re.I),
        share=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('direction', 'share'))})(?![^\W\d_])", re.I),
        joiners=tuple(w.lower() for w in r.words("numbers", "joiners")),
        one_articles=tuple(w.lower() for w in r.words("numbers", "one_articles")),
        to_level_word=re.compile(_alt(r.words('direction', 'to_level')), re.I),
        to_level_before=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('direction', 'to_level'))})\s+(?:[^\W\d_]+\s+)?$", re.I),
        per_unit=re.compile(rf"\s*(?:{_alt(r.words('numbers', 'per_unit') or ['(?!)'])})(?![^\W\d_])", re.I),
        to_level=re.compile(rf"\s+(?:{_alt(r.words('direction', 'to_level'))})\s+\S*\d", re.I),
        deficit=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('deficit', 'words'))})(?![^\W\d_])", re.I),
        gap=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('deficit', 'gap') or ['(?!)'])})(?![^\W\d_])", re.I),
        surplus=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('deficit', 'surplus') or ['(?!)'])})(?![^\W\d_])", re.I),
        growth_word=re.compile(rf"(?<![^\W\d_])(?:{growth_words})(?![^\W\d_])", re.I) if growth_words else re.compile("(?!)"),
        fraction_change=re.compile(fraction_change, flags) if fraction_words else re.compile("(?!)"),
        index=re.compile(rf"\s*(?:{_alt(r.words('percent', 'level_of') or ['(?!)'])})(?:\s|(?![^\W\d_]))", re.I),
        from_level=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.words('percent', 'from_level') or ['(?!)'])})\s+$", re.I),
        to_percent=re.compile(rf"[^%]{{0,40}}?(?<![^\W\d_])(?:{_alt(r.words('direction', 'to_level'))})\s+[^\W\d_]*\s*\d[\d.,]*\s*(?:{pct})", re.I),
        index_compared=re.compile(rf"\s*(?:{_alt(r.words('percent', 'level_compared') or ['(?!)'])})\s", re.I),
        sign_word=re.compile(rf"(?<![^\W\d_])(?:(?P<minus>{_alt(r.words('numbers', 'minus') or ['(?!)'])})|(?:{_alt(r.words('numbers', 'plus') or ['(?!)'])}))\s+$", re.I),
        gapped_place=_gapped_place(r),
        gapped_flow=re.compile(rf"(?:{_alt(r.words('direction', 'gapping_joiners') or ['(?!)'])})\s*(?<![^\W\d_])(?:{_alt(r.words('direction', 'gapping_flows') or ['(?!)'])})"
                               rf"(?![^\W\d_])\s*[-–—]*\s*(?:(?:{_alt(r.words('direction', 'gapping_by') or ['(?!)'])})\s+)?$", re.I),
        scale_of={p: f for p, f in scales},
        compared_word=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.table('periods').get('compared') or ['(?!)'])})(?![^\W\d_])", re.I),
        compared_after=re.compile(rf"\s+(?:{_alt(r.table('periods').get('compared') or ['(?!)'])})(?![^\W\d_])", re.I),
        list_tail=re.compile(rf"(?<![^\W\d_])(?:{_alt(r.table('indicator_words').get('list_joiners') or ['(?!)'])})\s*$", re.I),
        then_percent=re.compile(rf"\s*(?:{_alt(r.table('indicator_words').get('list_joiners') or ['(?!)'])})\s*\d[\d.,]*\s*(?:{pct})", re.I),
        list_gap=re.compile(rf"\s*(?:{_alt(r.table('indicator_words').get('list_joiners') or ['(?!)'])})\s*", re.I),
        restated=re.compile(rf",?\s*(?:{words_of('restate')})\s", re.I),
        range_before=re.compile(rf"(?:{words_of('range_before')})\s*\S{{0,4}}\s*$", re.I),
        range_word=re.compile(rf"\s*(?:{range_words})\s*", re.I),
        one_word=re.compile(words_of("one_words"), re.I),
        change_by=re.compile(rf"(?<![^\W\d_])(?:{words_of('change_by')})(?![^\W\d_])", re.I),
        change_by_end=re.compile(rf"(?<![^\W\d_])(?:{words_of('change_by')})\s*$", re.I),
        fraction_worded=re.compile(rf"(?:{words_of('change_by')}|{words_of('fraction_article')})(?![^\W\d_])", re.I),
        clause_and=re.compile(_alt(r.table("indicator_words").get("clause_and") or ["(?!)"]), re.I),
        cue_lead=re.compile(rf"(?:(?<![^\W\d_])(?:{words_of('cue_lead')})\s+)?$", re.I),
        rules=r,
    )


def _scale_value(readers: _Readers, written: str | None) -> float:
    return _scale_of(readers.rules.code, written.lower()) if written else 1.0


@functools.lru_cache(maxsize=4096)
def _scale_of(lang: str, written: str) -> float:
    for pattern, factor in _readers(lang).scale_of.items():
        if re.fullmatch(pattern, written, re.I):
            return factor
    return 1.0


# a capital letter of any alphabet the package reads (Latin, Greek, Cyrillic): names start with one
_CAPITAL = "[" + "".join(re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper() and c.isalpha()) + "]"


def _gapped_place(r) -> re.Pattern:
    """The words between two changes of one list: "10% to China, 5%", "12%, with Pakistan 8%": an optional
    preposition and a capitalised name after the first, a list joiner, and the same before the second."""
    iw = r.table("indicator_words")
    preps = _alt(iw.get("prep_to", []) + iw.get("prep_from", []) + iw.get("prep_with", []) + iw.get("in_host", []))
    articles = _alt(r.table("periods").get("articles") or ["(?!)"])
    name = rf"(?:(?:{preps})\s+)(?:(?:{articles})\s+)?(?-i:{_CAPITAL})[\w'’.-]*(?:\s+(?-i:{_CAPITAL})[\w'’.-]*){{0,2}}"
    joiners = _alt(iw.get("list_joiners", []) or ["(?!)"])
    return re.compile(rf"(?:\s*{name})?\s*(?:{joiners})\s*(?:{name}\s*[-–—:]?\s*)?", re.I)

