"""The one pint registry: currencies as dimensions, scale words as numbers, FX contexts."""
import subprocess
import sys

import pint
import pytest

from analysis import units


def test_registry_is_built_once():
    assert units.registry() is units.registry()


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (52.9, "million USD", 52_900_000.0),
        (1.5, "trillion KZT", 1.5e12),
        (4500, "crore INR", 4.5e10),
        (3, "lakh INR", 3e5),
        (1234.5, "thousand RUB", 1_234_500.0),
        (14.6, "billion EUR", 1.46e10),
    ],
)
def test_scale_words_are_plain_numbers(value, unit, expected):
    code = unit.split()[-1]
    assert units.quantity(value, unit).to(code).magnitude == pytest.approx(expected)


@pytest.mark.parametrize("bad", ["mUSD", "kUSD", "MUSD", "GUSD", "millidollar"])
def test_no_si_prefixes(bad):
    with pytest.raises(pint.errors.UndefinedUnitError):
        units.quantity(3, bad)


def test_currencies_do_not_add_up():
    with pytest.raises(pint.errors.DimensionalityError):
        units.quantity(1, "USD") + units.quantity(1, "EUR")
    with pytest.raises(pint.errors.DimensionalityError):
        units.quantity(1, "KZT").to("USD")


def test_count_and_percent():
    assert units.quantity(25, "percent").to("dimensionless").magnitude == pytest.approx(0.25)
    with pytest.raises(pint.errors.DimensionalityError):
        units.quantity(36, "count") + units.quantity(1, "USD")


def test_corpus_currencies_and_tsv_codes_are_dimensions():
    codes = set(units.registry_currencies())
    for code in "USD EUR CNY RUB KZT RSD GBP TRY INR JPY UZS AZN GEL KGS TND BYN UAH CHF".split():
        assert code in codes
        assert units.is_currency(code)
    assert not units.is_currency("count")
    assert not units.is_currency("XYZ")


def test_fx_context_converts_both_ways_and_chains():
    ctx = units.fx_context({"KZT": 460.165, "EUR": 0.9496}, "test-2022")
    assert units.convert(460.165e6, "KZT", "USD", ctx) == pytest.approx(1e6)
    assert units.convert(1e6, "USD", "KZT", ctx) == pytest.approx(460.165e6)
    assert units.convert(460.165, "KZT", "EUR", ctx) == pytest.approx(0.9496)
    assert units.convert(52.9, "million KZT", "USD", ctx) == pytest.approx(52.9e6 / 460.165)
    # outside the context the currencies stay apart
    with pytest.raises(pint.errors.DimensionalityError):
        units.quantity(1, "KZT").to("USD")


def test_fx_context_name_reused_with_other_rates_is_refused():
    units.fx_context({"RUB": 68.48}, "test-reuse")
    assert units.fx_context({"RUB": 68.48}, "test-reuse") is units.fx_context({"RUB": 68.48}, "test-reuse")
    with pytest.raises(ValueError, match="other rates"):
        units.fx_context({"RUB": 70.0}, "test-reuse")


def test_fx_context_rejects_bad_rates():
    with pytest.raises(ValueError, match="positive"):
        units.fx_context({"RUB": 0.0}, "test-zero")
    with pytest.raises(ValueError, match="not a currency"):
        units.fx_context({"XXQ": 1.0}, "test-unknown")


def test_import_analysis_does_not_import_pint():
    code = "import sys, analysis; print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
