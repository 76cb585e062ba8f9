"""The rules loader: every shipped file validates, a broken one is refused with its name and reason."""
from __future__ import annotations

import pytest

from analysis import rules
from analysis.errors import RulesError


@pytest.mark.parametrize("code", rules.available())
def test_every_language_file_validates(code):
    r = rules.rules(code)
    assert r.code == code and r.decimal in {".", ","}


def test_an_unknown_section_is_refused_with_the_file_and_section():
    with pytest.raises(RulesError, match=r"xx\.toml: unknown section \[scale\]"):
        rules.validate({"language": {"code": "xx", "decimal": "."}, "scale": {}}, "xx.toml")


def test_a_missing_language_key_is_refused():
    with pytest.raises(RulesError, match=r"lacks decimal"):
        rules.validate({"language": {"code": "xx"}}, "xx.toml")


def test_the_tables_are_read_once_and_carry_their_columns():
    assert rules.country_table() is rules.country_table()
    assert {"iso3", "en", "capitals", "label_en", "label_ru"} <= set(rules.country_table()[0])
    assert {"code", "factor", "symbols"} <= set(rules.currency_table()[0])


def test_an_unknown_language_names_the_known_ones():
    with pytest.raises(KeyError, match="known: en, ru"):
        rules.rules("xx")


@pytest.mark.parametrize("call", [
    lambda: __import__("analysis").scan("52.9 million dollars", lang="xx"),
    lambda: __import__("analysis").parse("52.9 million dollars", lang="xx"),
])
def test_an_unknown_language_is_a_clear_value_error_everywhere(call):
    from analysis import UnknownLanguageError

    with pytest.raises(UnknownLanguageError) as caught:
        call()
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, KeyError)
    assert str(caught.value) == "no rules for language 'xx'; known: en, ru"


def test_every_russian_country_name_matches_its_own_dictionary_form():
    """A name the reader cannot find in its own nominative ("Египт\\w*" without "Египет") misses every
    sentence whose subject the country is."""
    import re

    from analysis.rules import country_table

    missing = [(row["iso3"], row["label_ru"]) for row in country_table()
               if row.get("label_ru") and row.get("ru") and not re.fullmatch(f"(?:{row['ru']})", row["label_ru"])]
    assert missing == []
    assert sum(1 for row in country_table() if row.get("ru")) >= 200


def test_every_country_has_a_display_name_in_english_and_most_in_russian():
    """Charts name countries, not codes ("ESP", "AFG" in a legend is no label)."""
    from analysis.rules import country_table

    rows = country_table()
    assert [row["iso3"] for row in rows if not row.get("label_en")] == []
    assert sum(1 for row in rows if row.get("label_ru")) >= 200


@pytest.mark.parametrize("written, lang, code", [
    ("lek", "en", ("ALL", 1.0)), ("Macedonian denars", "en", ("MKD", 1.0)), ("денаров", "ru", ("MKD", 1.0)),
    ("kwacha", "en", ("?MWK ZMW", 1.0)),          # two countries call their money kwacha: the text's country decides
    ("dollars", "en", ("USD", 1.0)),              # the hand-written tables win over the CLDR names
    ("real", "en", None),                         # a bare noun that is an ordinary word stays out
])
def test_currency_names_from_cldr_add_what_the_hand_written_tables_lack(written, lang, code):
    from analysis.reading.currency import resolve_currency
    assert resolve_currency(written, lang) == code


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_office_guards_name_whole_words_before_a_flow_word(lang):
    """`not_indicator_before` entries become fixed-width lookbehinds with one space added: an entry that ends in
    its own space would need two spaces in the text, and never fire."""
    from analysis.extraction.vocabulary import _words
    from analysis.rules import rules

    entries = rules(lang).table("indicator_words").get("not_indicator_before", [])
    assert entries and not [e for e in entries if e.endswith(r"\s") or e.endswith(" ")]
    office = {"en": "the Ministry of Trade said", "ru": "сообщили в министерстве торговли"}[lang]
    assert not any(p.search(office) for p in _words(lang)["indicators"].values())
