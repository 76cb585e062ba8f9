"""The package surface: light import, explicit public names, bad input named."""
import subprocess
import sys

import pytest

import analysis


def test_import_loads_no_heavy_library():
    code = "import sys, analysis; print(sorted(m for m in ('pandas', 'pint', 'plotly', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_resolve():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_reconcile_stays_a_function_after_its_module_is_imported():
    import analysis.crosscheck  # noqa: F401

    assert callable(analysis.reconcile) and analysis.reconcile.__module__ == "analysis.crosscheck"


def test_unknown_attribute_is_named():
    with pytest.raises(AttributeError, match="no_such_thing"):
        analysis.no_such_thing


@pytest.mark.parametrize("bad", [None, 12, b"52.9 million", ["x"]])
def test_non_strings_raise_type_error_naming_the_type(bad):
    for fn in (analysis.parse, analysis.scan, analysis.extract):
        with pytest.raises(TypeError, match=type(bad).__name__):
            fn(bad)


def test_submodules_are_reachable_as_attributes():
    code = "import analysis; print(len(analysis.datasets.official_trade()) > 0, callable(analysis.charts.default_charts))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
