"""analysis: trade figures from news, press releases and tables as tidy, trustworthy data.

>>> import analysis
>>> analysis.parse("52.9 million US dollars").value
52900000.0

Heavy libraries (pandas, pint, plotly) load only when a function that needs them is called.
"""
from __future__ import annotations

import importlib

from .errors import AnalysisError, ConversionError, ParseError, SchemaError  # noqa: F401  (public names)

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first use so `import analysis` stays light
_LAZY = {
    "Figure": "figures",
    "parse": "figures",
    "scan": "figures",
    "normalize": "frames",
    "TIDY_COLUMNS": "frames",
    "validate": "frames",
    "extract": "statements",
    "highlight": "display",
    "extract_corpus": "corpus",
    "to_currency": "fx",
    "reconcile": "crosscheck",   # a module named reconcile would shadow the function
}

# `consolidate` is a module that can be called like its function (analysis.consolidate(rows))
__all__ = sorted([*_LAZY, "consolidate", "AnalysisError", "ConversionError", "ParseError", "SchemaError", "__version__"])


# submodules reachable as attributes (`analysis.datasets.official_trade()`), imported on first use
_SUBMODULES = frozenset({"charts", "consolidate", "corpus", "countries", "crosscheck", "datasets", "display", "export", "figures",
                         "frames", "fx", "io", "lang", "numbers", "periods", "statements", "text", "units"})


def __getattr__(name: str):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
