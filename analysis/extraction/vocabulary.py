"""The statement words of one language, compiled from its rules file ([indicators], [indicator_words])."""
from __future__ import annotations

import functools
import re

from ..reading.text import any_of, by_first_char, first_chars
from ..rules import _alt, rules

_B, _E = r"(?<![^\W\d_])", r"(?![^\W\d_])"
# roles of a country outside a figure's own clause that still speak for it (the sentence's subject)
_NEVER = re.compile("(?!)")


@functools.cache
def clause_break(key: str = "clause_break") -> re.Pattern:
    """Where a figure's clause ends, in any language's words (texts mix them): rules `clause_break`
    (or `contrast`, the stronger break of "while", "whereas", "тогда как")."""
    from ..rules import available

    return re.compile(_alt(p for code in available() for p in rules(code).table("indicator_words").get(key, [])), re.I)


def _exclusions(patterns: list[str]) -> re.Pattern:
    """Exclusion words at word bounds; a bare "=" ("$1 = 90 roubles") has no word bounds."""
    words = [p for p in patterns if p != "="]
    parts = ([rf"{_B}{_grouped(words, re.I)}{_E}"] if words else []) + (["="] if "=" in patterns else [])
    return _re("|".join(parts) or "(?!)", re.I)


def _re(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile behind a lookahead of the characters a match can start with, when they are few: a scan
    then turns away the other positions at one test (`first_chars`; the matches are the same)."""
    return re.compile((first_chars(pattern, flags) or "") + pattern, flags)


def _grouped(patterns: list[str], flags: int) -> str:
    """`(?:...)` of `_alt(patterns)`, its alternatives grouped by first character (`by_first_char`): word lists are
    read at every word start of a sentence, many times a sentence."""
    return by_first_char(sorted(patterns, key=len, reverse=True), flags)


def _guarded(alternatives: str) -> str:
    return (first_chars(alternatives, re.I) or "") + f"(?:{alternatives})"


SUBJECT_ROLES = ("owner", "plain", "between", "pair_and", "pair", "adj_owner", "adj", "adj_flow")


@functools.cache
def _words(lang: str):
    """Compiled statement rules of one language."""
    r = rules(lang)
    ind = r.table("indicators")
    iw = r.table("indicator_words")

    def rx(patterns, flags=re.I):
        return _re(rf"{_B}{_grouped(patterns, flags)}{_E}", flags) if patterns else _re("(?!)")

    # "Trade Minister", "the Export Promotion Bureau": a flow word naming an office or a measure
    after = f"(?!\\s+(?:{_alt(iw['not_indicator_after'])}){_E})" if iw.get("not_indicator_after") else ""
    before = "".join(f"(?<!{p}\\s)" for p in iw.get("not_indicator_before", []))
    # "rose by about 5%", "from nearly $2 billion", "(около 350 млрд)": a hedge between a cue and its figure
    approx = f"(?:{_alt(iw['approx_words'])})" if iw.get("approx_words") else "(?!)"
    articles = r.table("periods").get("articles") or []
    art = rf"(?:(?:{_alt(articles)})\s+)?" if articles else ""   # "to the", "from the"
    agency_of = rf"(?:(?:{_alt(iw['agency_of'])})\s+{art})?" if iw.get("agency_of") else ""   # "Ministry of the Economy"
    # the word start first: the lookbehinds of `before` then run at word starts only, not at every position
    indicators = {k: re.compile(rf"{_B}{before}{_guarded(_grouped(v, re.I) if v else '(?!)')}{_E}{after}", re.I) for k, v in ind.items()}
    return dict(
        indicators=indicators,
        indicators_lead=any_of(list(indicators.values()), _B + before),
        total=rx(iw.get("total", [])),
        other=rx(iw.get("other", [])),
        value_terms=rx(iw.get("value_terms", [])),
        part_good=_re(_alt(iw["part_good"]), re.I) if iw.get("part_good") else _NEVER,
        commodities=rx(iw.get("commodities", [])),
        goods_of=(_re(rf"\s+(?:{_alt(iw['goods_of'])})\s+{art}(?P<good>[^\W\d_][\w-]*)", re.I)
                  if iw.get("goods_of") else None),
        goods_generic=rx(iw.get("goods_generic", [])),
        goods_after=(_re(rf"\s+(?:{_alt(iw['goods_after'])})\s+{art}(?P<good>[^\W\d_][\w-]*)", re.I)
                     if iw.get("goods_after") else None),
        change_before=_re(rf"{_B}(?:{_alt(iw.get('change_before', []))})\s+(?:{approx}\s+)?$", re.I),
        change_noun_by=_re(rf"{_B}(?:{_alt(iw['change_noun_by'])})\s+(?:(?:{_alt(list(r.table('hedges')))})\s+)?$", re.I) if iw.get("change_noun_by") else _NEVER,
        change_then_same=_re(rf"\s*(?:{_alt(iw['change_then_same'])})", re.I) if iw.get("change_then_same") else _NEVER,
        change_after=_re(rf"^\s*(?:{_alt(iw.get('change_after', []))}){_E}", re.I),
        base_before=_re(rf"{_B}(?:{_alt(iw.get('base_before', []))})\s+{art}(?:{approx}\s+)?$", re.I),
        base_relative=_re(rf"\s*,?\s*(?:{_alt(iw['base_relative'])})\s+", re.I) if iw.get("base_relative") else _NEVER,
        twin_gap=_re(rf"^\s*(?:{_alt(iw.get('twin_before', []))})\s*(?:{approx}\s+)?$", re.I),
        target_year=_re(_alt(iw.get("target_year", [])), re.I) if iw.get("target_year") else _re("(?!)"),
        exclude_after=_re(rf"\s*(?:{_alt(iw.get('exclude_after', []))})", re.I) if iw.get("exclude_after") else _re("(?!)"),
        exclude=_exclusions(iw.get("exclude", [])),
        exclude_topic=_exclusions(iw.get("exclude_topic", [])),
        target_other=rx(iw.get("target_other", [])),
        anaphora=rx(iw.get("pair_anaphora", [])),
        our=rx(iw.get("our_country", [])),
        agency_after=_re(rf"^\s+(?:[^\W\d_]+\s+){{0,2}}?(?:{_alt(iw.get('agency_words', []))}){_E}", re.I) if iw.get("agency_words") else _NEVER,
        agency_before=_re(rf"{_B}(?:{_alt(iw.get('agency_words', []))})(?:\s+[^\W\d_]+){{0,2}}\s+{agency_of}$", re.I) if iw.get("agency_words") else _NEVER,
        forecast_frame=rx(iw.get("forecast_frame", [])),
        recipient_verb=_re(rf"{_B}(?:{_alt(iw.get('recipient_verbs', []))})\s+$", re.I) if iw.get("recipient_verbs") else _re("(?!)"),
        host_verb=_re(rf"\s+(?:has\s+|have\s+|had\s+)?(?:{_alt(iw.get('host_verbs', []))}){_E}", re.I) if iw.get("host_verbs") else _re("(?!)"),
        prep_to=_re(rf"{_B}(?:{_alt(iw.get('prep_to', []))})\s+{art}$", re.I),
        prep_from=_re(rf"{_B}(?:{_alt(iw.get('prep_from', []))})\s+{art}$", re.I),
        prep_with=_re(rf"{_B}(?:{_alt(iw.get('prep_with', []))})\s+{art}$", re.I),
        between_word=rx(iw.get("between", [])),
        share_noun=rx(iw.get("share_noun", [])),
        stock=rx(iw.get("stock_words", [])),
        of_before=_re(rf"{_B}(?:{_alt(iw['goods_of'])})\s+{art}$", re.I) if iw.get("goods_of") else _NEVER,
        partner_predicate_after=_re(rf"\s+(?:{_alt(iw['partner_predicate_after'])}){_E}", re.I) if iw.get("partner_predicate_after") else _NEVER,
        partner_predicate_before=_re(rf"{_B}(?:{_alt(iw['partner_predicate_before'])})\s+$", re.I) if iw.get("partner_predicate_before") else _NEVER,
        compared_word=rx(r.table("periods").get("compared") or []),
        one_word_gap=_re(rf"\s+\w+\s+{art}"),   # "$2.4 billion to (the) Russia": one preposition
        buyer_verb=rx(iw.get("buyer_verbs", [])),
        export_market=rx(iw.get("export_market", [])),
        market_owner_after=_re(rf"(?:{_alt(iw['market_owner_after'])})", re.I) if iw.get("market_owner_after") else _NEVER,
        list_role={name: rx(iw[key]) for name, key in (("trade_turnover", "list_partners"), ("exports", "list_buyers"), ("investment", "list_investors"),
                                                        ("imports", "list_suppliers")) if iw.get(key)},
        present=rx(iw.get("present_words", [])),
        base_from=_re(rf"{_B}(?:{_alt(iw['base_from'])})\s*(?:{approx})?\s*$", re.I) if iw.get("base_from") else _NEVER,
        base_to=rx(iw.get("base_to", [])),
        period_word=_re(_alt(iw["period_words"]), re.I) if iw.get("period_words") else _NEVER,
        label_prep=_re(rf"\s*[-–—]?\s*(?:{_alt(iw['label_prep'])})\s+", re.I) if iw.get("label_prep") else _NEVER,
        new_statement_prep=_re(rf"[,;]\s*(?:(?:{_alt(iw.get('new_statement_prep', []) or ['(?!)'])})\s*)?$", re.I),
        between=_re(rf"{_B}(?:{_alt(iw.get('between', []))})\s+{art}$", re.I),
        respectively=rx(iw.get("respectively", [])),
        part_of_total=_re(_alt(iw["part_of_total"]), re.I) if iw.get("part_of_total") else _NEVER,
        same_time_clause=_re(_alt(iw["same_time_clause"]), re.I) if iw.get("same_time_clause") else _NEVER,
        # between the amounts of a list, once its country names are blanked: "$20 billion, with Russia - 15 billion"
        list_filler=_re(rf"(?:[\s,;:()\-–—]|{_B}(?:{_alt(iw.get('list_joiners', []) + iw.get('prep_to', []) + iw.get('prep_from', []) + iw.get('prep_with', []) + (r.table('periods').get('articles') or []))}){_E})*", re.I),
        positive=rx(r.words("deficit", "surplus")),
        negative=rx(r.words("deficit", "words") + r.words("deficit", "gap")),
        anaphor_subject=_re(rf"^\W*(?:{_alt(iw.get('anaphor_subject', []))}){_E}", re.I) if iw.get("anaphor_subject") else _NEVER,
        figure_word=_re(rf"{_B}(?:{_alt(iw.get('figure_word', []))}){_E}|^\W*(?:{_alt(iw.get('change_subject', []))}){_E}", re.I),
        count_subject=rx(iw.get("count_subject", [])),
        measure_word=rx(iw.get("measure_word", [])),
        count_before=_re(rf"{_B}(?:{_alt(iw['count_before'])})\s*$", re.I) if iw.get("count_before") else _NEVER,
        count_noun_after=_re(rf"\s*(?:{_alt(iw['count_nouns'])}){_E}", re.I) if iw.get("count_nouns") else _NEVER,
        change_subject=rx(iw.get("change_subject", [])),
        article_end=_re(rf"{_B}(?:{_alt(r.table('periods').get('articles') or ['(?!)'])})$", re.I),
        in_host=_re(rf"{_B}(?:{_alt(iw.get('in_host', []))})\s+{art}$", re.I) if iw.get("in_host") else _NEVER,
        host_case=_re(iw["host_case"]) if iw.get("host_case") else None,
        host_any_case=_re(rf"{_B}(?:{_alt(iw.get('host_any_case', []))})\s+$", re.I) if iw.get("host_any_case") else _NEVER,
        capital_after=_re(rf"^\s*(?:[^\W\d_]+\s+)?(?:{_alt(iw.get('capital_after', []))}){_E}", re.I) if iw.get("capital_after") else _NEVER,
        than_other=_re(rf"^\s*(?:{_alt(iw.get('than_other', []))}){_E}", re.I) if iw.get("than_other") else _NEVER,
        # "$4bn in 2019", "$4bn surplus for the same period in 2019": one optional noun, then a preposition
        period_gap=_re(rf"\)?\s*\(?(?:(?:[^\W\d_]+\s+)?(?:{_alt(iw.get('period_prep', []))})\s+)?"
                              rf"(?:(?:{_alt(r.table('periods').get('articles') or ['(?!)'])})\s+)?", re.I),
        partner_of_before=_re(rf"{_B}(?:{_alt(iw['partner_of_before'])})$", re.I) if iw.get("partner_of_before") else _NEVER,
        partner_after_owner=_re(rf"(?:{_alt(iw['partner_after_owner'])}){_E}", re.I) if iw.get("partner_after_owner") else _NEVER,
        change_percent_gap=_re(rf"\s*(?:{_alt(iw.get('change_percent_gap', []))})\s*", re.I) if iw.get("change_percent_gap") else _NEVER,
        over_years=rx(iw.get("over_years", [])),
        # "fell to $4.2 billion, or 8.1%": a level reached by a change, written last
        to_level_before=_re(rf"{_B}(?:{_alt(r.words('direction', 'to_level'))})\s+(?:(?:{_alt(list(r.table('hedges')))})\s+)?$", re.I),
        up=rx(r.words("direction", "up")),
        share=rx(r.words("direction", "share")),
        # "5.3%", "5.3 percent", "5,3 процента": a change written in percent
        percent_end=_re(rf"(?:%|{_B}(?:{_alt(r.words('percent', 'words'))}))$", re.I),
        down=rx(r.words("direction", "down")),
        aside_from=_re(rf"{_B}(?:{_alt(iw['aside_from'])})\s+{art}$", re.I) if iw.get("aside_from") else _NEVER,
        passive_flow=_re(rf"{_B}(?:{_alt(iw['passive_flow'])}){_E}", re.I) if iw.get("passive_flow") else _NEVER,
        partner_list=_re(rf"{_B}(?:{_alt(iw['partner_list'])}){_E}", re.I) if iw.get("partner_list") else _NEVER,
        host_place_after=_re(rf"^\s+(?:{_alt(iw['host_place_after'])}){_E}", re.I) if iw.get("host_place_after") else _NEVER,
        list_follow=_re(_alt(iw["list_follow"]), re.I) if iw.get("list_follow") else _NEVER,
        pair_join=_re(rf"\s+(?:{_alt(iw['pair_joiner'])})\s+", re.I) if iw.get("pair_joiner") else _NEVER,
        list_join=_re(rf"\s*(?:{_alt(iw['list_joiners'])})\s*", re.I) if iw.get("list_joiners") else _NEVER,
        flow_after=_re(rf"^\s*(?:[^\W\d_]+\s+)?(?:{_alt(iw['flow_after'])}){_E}", re.I) if iw.get("flow_after") else _NEVER,
        owner_of_before=_re(rf"{_B}(?:{_alt(iw['owner_of_before'])})$", re.I) if iw.get("owner_of_before") else _NEVER,
        lang=lang,
        declinable_label=_re(iw["declinable_label"]) if iw.get("declinable_label") else _NEVER,
        label_gap=_re(_alt(iw["label_gap"]), re.I) if iw.get("label_gap") else _NEVER,
        market_after=_re(rf"^\s+(?:{_alt(iw['market_words'])}){_E}", re.I) if iw.get("market_words") else _NEVER,
        relative_clause=_re(_alt(iw.get("relative_clause", [])), re.I) if iw.get("relative_clause") else _NEVER,
        clause_period=_re(_alt(iw.get("clause_period", [])), re.I) if iw.get("clause_period") else _NEVER,
    )


def compile_rules() -> None:
    """Compile every language's reading rules now (a worker does it before its first document, whose time limit
    would otherwise pay for it)."""
    from .. import reading
    from ..rules import available

    for code in available():
        _words(code)
        reading.compile_rules(code)
    clause_break()
    clause_break("contrast")

