"""Every case form of the Russian words the reader relies on is matched by its rules pattern.

The rules write Russian words as stems with `\\w*` ("экспорт\\w*"); a stem that a form does not share
("поставк\\w*" against "поставок", "уровн\\w+" against "уровень") silently loses every figure written with
that form. pymorphy3 (the rules-build extra) gives each lemma's forms; the archaic and colloquial ones are
left out.
"""
from __future__ import annotations

import re

import pytest

from analysis.rules import rules

pymorphy3 = pytest.importorskip("pymorphy3", reason="pip install -e '.[rules-build]' (part of .[dev])")

# (where in ru.toml, lemmas whose every form the pattern must match)
WORDS = [
    (("indicators", "trade_turnover"), ["товарооборот", "оборот", "торговля"]),
    (("indicators", "exports"), ["экспорт", "вывоз", "продажа"]),
    (("indicators", "imports"), ["импорт", "ввоз", "закупка"]),
    (("indicators", "trade_balance"), ["сальдо", "профицит", "дефицит", "баланс"]),
    (("indicators", "investment"), ["инвестиция"]),
    (("indicators", "enterprises"), ["предприятие", "компания", "фирма"]),
    (("direction", "share"), ["доля"]),
    (("deficit", "words"), ["дефицит"]),
    (("periods", "compared_filler"), ["уровень", "показатель"]),
]
SKIP = ("Arch", "Infr", "Dist", "Erro", "V-be", "V-ie", "V-bi")   # old, colloquial and spelling-variant forms
RARE = {"торговель"}   # a genitive plural no trade news writes


def _forms(morph, lemma: str) -> set[str]:
    return {f.word for f in morph.parse(lemma)[0].lexeme if not any(t in f.tag for t in SKIP)} - RARE


@pytest.fixture(scope="module")
def morph():
    return pymorphy3.MorphAnalyzer()


@pytest.mark.parametrize("where, lemmas", WORDS, ids=[".".join(w) for w, _ in WORDS])
def test_every_case_form_is_read(morph, where, lemmas):
    section, key = where
    patterns = rules("ru").table(section)[key]
    pattern = re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")(?![^\W\d_])", re.I)
    missed = {lemma: sorted(w for w in _forms(morph, lemma) if not pattern.search(w)) for lemma in lemmas}
    assert not {k: v for k, v in missed.items() if v}, f"ru.toml [{section}] {key} misses forms: {missed}"


@pytest.mark.parametrize("lemma", ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                                   "сентябрь", "октябрь", "ноябрь", "декабрь"])
def test_every_month_form_is_read(morph, lemma):
    forms = [f for fs in rules("ru").table("months").values() for f in fs]
    pattern = re.compile(r"(?<![^\W\d_])(?:" + "|".join(forms) + r")(?![^\W\d_])", re.I)
    # "июни", "июли": plurals no date uses
    missed = sorted(w for w in _forms(morph, lemma) if not pattern.search(w) and not w.endswith("и"))
    assert not missed, f"ru.toml [months] misses {missed}"
