"""The package's exceptions: every one carries its input and the reason."""
from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class ParseError(ValueError, AnalysisError):
    """A string is not exactly one figure.

    >>> e = ParseError("abc", (0, 3), "no number")
    >>> str(e)
    "cannot read 'abc' at 0..3: no number"
    """

    def __init__(self, text: str, span: tuple[int, int], reason: str):
        self.text, self.span, self.reason = text, span, reason
        shown = text if len(text) <= 80 else text[:77] + "..."
        super().__init__(f"cannot read {shown!r} at {span[0]}..{span[1]}: {reason}")


class SchemaError(ValueError, AnalysisError):
    """A frame does not follow the tidy contract (names the column and the rows)."""


class ConversionError(ValueError, AnalysisError):
    """A currency conversion is impossible (names each missing currency and period)."""
