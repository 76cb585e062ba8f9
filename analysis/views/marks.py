"""The small pieces of text charts put into plotly's markup — values, axis titles, hover quotes, the
other-units line — escaped, in the chart's language. No plotting here."""
from __future__ import annotations

from ..frames import is_missing
from .labels import WORDS, axis_title, country_name, format_value
from .layout import add_note, escape_html


def value_html(value, unit=None, lang: str = "en") -> str:
    """`format_value` for chart markup: the unit comes from the data and is escaped."""
    return escape_html(format_value(value, unit, lang))


def axis_html(unit, scale: float, lang: str) -> str:
    return escape_html(axis_title(unit, scale, lang))


def pair_title(reporter, partner, lang) -> str:
    return f"{country_name(reporter, lang)} – {country_name(partner, lang)}"


def titled(what: str, reporter, partner, lang: str) -> str:
    """'Trade turnover: Kazakhstan – Serbia'; 'Trade turnover' when neither country is known, never
    'unknown partner – unknown partner'. ``partner=None`` with a reporter: 'Trade turnover by partner:
    Kazakhstan' style titles pass only the reporter."""
    if all(is_missing(c) or c == "" for c in (reporter, partner)):
        return what
    return f"{what}: {pair_title(reporter, partner, lang)}"


def titled_one(what: str, country, lang: str) -> str:
    """'Trade turnover by partner: Kazakhstan'; just ``what`` when the country is not known."""
    return what if is_missing(country) or country == "" else f"{what}: {country_name(country, lang)}"


def quote_hover(row, lang: str, limit: int = 140) -> str:
    """The row's quote (escaped, shortened) and, for a fact several outlets reported, how many."""
    q = row.get("quote") if hasattr(row, "get") else None
    n = row.get("n_sources") if hasattr(row, "get") else None
    more = f"<br>{escape_html(WORDS[lang]['outlets'].format(int(n)))}" if not is_missing(n) and n and n > 1 else ""
    if is_missing(q) or not q:
        return more
    q = str(q)
    q = q if len(q) <= limit else q[: limit - 1] + "…"
    return "<br><i>“" + escape_html(q) + "”</i>" + more


def unit_note(note: str, dropped: int, lang: str) -> str:
    return add_note(note, WORDS[lang]["other_units"].format(dropped)) if dropped else note
