"""analysis: trade figures from news, press releases and tables as tidy, trustworthy data.

>>> import analysis
>>> analysis.parse("52.9 million US dollars").value
52900000.0

Heavy libraries (pandas, pint, plotly) load only when a function that needs them is called.
"""
from __future__ import annotations

import importlib
import sys

from .errors import AnalysisError, ConversionError, ParseError, SchemaError, UnknownLanguageError  # noqa: F401  (public names)

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first use so `import analysis` stays light
_LAZY = {
    "Figure": "reading.figures",
    "parse": "reading.figures",
    "scan": "frames",
    "normalize": "frames",
    "hint_from_header": "reading.cells",
    "TIDY_COLUMNS": "frames",
    "validate": "frames",
    "extract": "frames",
    "extract_records": "extraction",
    "highlight": "views.display",
    "explorer": "views.display",
    "extract_corpus": "corpus",
    "to_currency": "fx",
    "consolidate": "facts",
    "reconcile": "crosscheck",   # a module named reconcile would shadow the function
}

__all__ = sorted([*_LAZY, "AnalysisError", "ConversionError", "ParseError", "SchemaError", "UnknownLanguageError", "__version__"])

# submodules reachable as attributes (`analysis.datasets.official_trade()`), imported on first use;
# the old flat names (`analysis.charts`, `analysis.io`, ...) stay for one release as aliases
_SUBMODULES = {name: name for name in (
    "corpus", "crosscheck", "datasets", "documents", "errors", "extraction", "facts", "files", "frames", "fx", "reading",
    "rules", "sources", "tables", "units", "views")}
_SUBMODULES.update({
    "charts": "views.charts", "display": "views.display", "export": "views.export", "labels": "views.labels",
    "figures": "reading.figures", "numbers": "reading.numbers", "periods": "reading.periods",
    "countries": "reading.countries", "text": "reading.text", "lang": "rules", "statements": "extraction.statements",
})


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f".{_SUBMODULES[name]}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__


def _register_rich_display() -> None:
    """In a running IPython, show a `Figure` as a small HTML table (the value object knows no HTML)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type_by_name("analysis.reading.figures", "Figure", _figure_html)


def _figure_html(figure) -> str:
    from .views.display import figure_html

    return figure_html(figure)


_register_rich_display()
