"""The statement words of one language, compiled from its rules file ([indicators], [indicator_words])."""
from __future__ import annotations

import functools
import re

from ..rules import _alt, rules

_B, _E = r"(?<![^\W\d_])", r"(?![^\W\d_])"
# roles of a country outside a figure's own clause that still speak for it (the sentence's subject)
_CLAUSE_BREAK = re.compile(r",?\s+(?:while|whereas|but|and\s+(?:imports?|exports?|imported|exported))\b|;|тогда\s+как|,\s+а\s|,\s+но\s|,\s+(?:в\s+том\s+числе|including|of\s+which)\b|\s+а\s+(?:импорт|экспорт)|,\s+(?:и\s+)?(?:импорт|экспорт|imports?|exports?)\b", re.I)
SUBJECT_ROLES = ("owner", "plain", "between", "pair_and", "pair", "adj_owner", "adj")


@functools.cache
def _words(lang: str):
    """Compiled statement rules of one language."""
    r = rules(lang)
    ind = r.table("indicators")
    iw = r.table("indicator_words")

    def rx(patterns, flags=re.I):
        return re.compile(rf"{_B}(?:{_alt(patterns)}){_E}", flags) if patterns else re.compile("(?!)")

    return dict(
        indicators={k: rx(v) for k, v in ind.items()},
        total=rx(iw.get("total", [])),
        other=rx(iw.get("other", [])),
        commodities=rx(iw.get("commodities", [])),
        goods_of=(re.compile(rf"\s+(?:{_alt(iw['goods_of'])})\s+(?:the\s+)?(?P<good>[^\W\d_][\w-]*)", re.I)
                  if iw.get("goods_of") else None),
        goods_generic=rx(iw.get("goods_generic", [])),
        change_before=re.compile(rf"{_B}(?:{_alt(iw.get('change_before', []))})\s+(?:(?:more\s+than|over|almost|nearly|about|around|some|более(?:\s+чем)?|почти|около)\s+)?$", re.I),
        change_after=re.compile(rf"^\s*(?:{_alt(iw.get('change_after', []))}){_E}", re.I),
        base_before=re.compile(rf"{_B}(?:{_alt(iw.get('base_before', []))})\s+(?:(?:almost|nearly|about|around|some|near|more\s+than|почти|около|более)\s+)?$", re.I),
        twin_gap=re.compile(rf"^\s*(?:{_alt(iw.get('twin_before', []))})\s*(?:(?:about|around|approximately|some|roughly|nearly|около|примерно|порядка)\s+)?$", re.I),
        target_year=re.compile(_alt(iw.get("target_year", [])), re.I) if iw.get("target_year") else re.compile("(?!)"),
        exclude_after=re.compile(rf"\s*(?:{_alt(iw.get('exclude_after', []))})", re.I) if iw.get("exclude_after") else re.compile("(?!)"),
        exclude=re.compile(rf"(?:{_B}(?:{_alt([p for p in iw.get('exclude', []) if p != '='])}){_E}|=)", re.I),
        anaphora=rx(iw.get("pair_anaphora", [])),
        our=rx(iw.get("our_country", [])),
        recipient_verb=re.compile(rf"{_B}(?:{_alt(iw.get('recipient_verbs', []))})\s+$", re.I) if iw.get("recipient_verbs") else re.compile("(?!)"),
        host_verb=re.compile(rf"\s+(?:has\s+|have\s+|had\s+)?(?:{_alt(iw.get('host_verbs', []))}){_E}", re.I) if iw.get("host_verbs") else re.compile("(?!)"),
        prep_to=re.compile(rf"{_B}(?:{_alt(iw.get('prep_to', []))})\s+(?:the\s+)?$", re.I),
        prep_from=re.compile(rf"{_B}(?:{_alt(iw.get('prep_from', []))})\s+(?:the\s+)?$", re.I),
        prep_with=re.compile(rf"{_B}(?:{_alt(iw.get('prep_with', []))})\s+(?:the\s+)?$", re.I),
        between=re.compile(rf"{_B}(?:{_alt(iw.get('between', []))})\s+(?:the\s+)?$", re.I),
        respectively=re.compile(r"\brespectively\b|соответственно", re.I),
        positive=rx(r.words("deficit", "surplus")),
        negative=rx(r.words("deficit", "words") + r.words("deficit", "gap")),
        anaphor_subject=re.compile(r"^\W*(?:that|this|it|these|это|этот|эта)\b", re.I),
        figure_word=re.compile(r"\b(?:the|this)\s+(?:figure|indicator)\b|показател\w*|\bit\b|^\W*(?:the\s+)?(?:growth|increase|rise|decline|рост|прирост|увеличение|снижение|сокращение)\b", re.I),
        count_subject=re.compile(r"\bnumber\s+of\b|количеств\w*|\bчисл[оа]\b", re.I),
        in_host=re.compile(r"\b(?:in|into)\s+(?:the\s+)?$|\beconomy\s+of\s+(?:the\s+)?$|\bв\s+$|\bна\s+территории\s+$|\bэкономик\w+\s+$", re.I),
        capital_after=re.compile(r"^\s*(?:capital|investors?|investments?|companies|enterprises|firms|entities|business\w*|residents)", re.I),
        than_other=re.compile(r"^\s*(?:higher|lower|more|less|greater|larger|smaller|bigger)?\s*than\b", re.I),
    )
