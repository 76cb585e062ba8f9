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


class UnknownLanguageError(ValueError, KeyError, AnalysisError):
    """No rules file for a language code; the message lists the known ones.

    >>> str(UnknownLanguageError("xx", ("en", "ru")))
    "no rules for language 'xx'; known: en, ru"
    """

    def __init__(self, code: str, known):
        self.code, self.known = code, tuple(known)
        super().__init__(f"no rules for language {code!r}; known: {', '.join(self.known)}")

    def __str__(self) -> str:   # KeyError would quote the message
        return self.args[0]


class DocumentError(ValueError, AnalysisError):
    """A document cannot be turned into text; ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class BrowserNotFoundError(RuntimeError, AnalysisError):
    """A static image format was asked for and no Chrome/Chromium is installed."""


class ExportTimeoutError(TimeoutError, AnalysisError):
    """The browser did not produce the images in time (it has been closed)."""


class CliError(Exception):
    """A command-line error to report in one line and exit with `code` (2: bad usage or input)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class RulesError(ValueError, AnalysisError):
    """A rules file (analysis/rules/) breaks its syntax: names the file, the section or column, and why."""


class SourceError(AnalysisError):
    """An official source could not answer: ``kind`` says whether the network, the key or the query failed.

    >>> str(SourceQueryError("UN Comtrade", "reporter=XXX", "unknown reporter"))
    'UN Comtrade, query failed (reporter=XXX): unknown reporter'
    """

    kind = "source"

    def __init__(self, source: str, query: str, reason: str):
        self.source, self.query, self.reason = source, query, reason
        self.message = f"{source}, {self.kind} failed ({query}): {reason}"
        super().__init__(self.message)
        self.args = (self.message,)  # OSError's constructor would read three arguments as errno, text, file

    def __str__(self) -> str:
        return self.message


class SourceNetworkError(SourceError, ConnectionError):
    """The source could not be reached (no connection, DNS, timeout, a 5xx answer)."""

    kind = "network"


class SourceTimeoutError(SourceNetworkError, TimeoutError):
    """The source did not answer in time (a read or connect time-out, a gateway's 504). Never cached, and
    in a pair it is that side's failure: the other side's rows still come back."""

    kind = "network"


class SourceKeyError(SourceError, PermissionError):
    """The source refused the subscription key (missing, invalid or over its quota)."""

    kind = "key"


class SourceQueryError(SourceError, ValueError):
    """The source (or the package, before asking) rejected the query: unknown code, bad period, no such series."""

    kind = "query"


class SourceNotFoundError(SourceQueryError):
    """The source answered that it has no such data (HTTP 404: no series for this reporter, partner or
    period). A real answer: the cache keeps it like data, so asking again needs no network."""


class SourceOfflineError(SourceError, LookupError):
    """Offline mode is on and the local cache holds no answer for this query."""

    kind = "offline lookup"


class SourceWarning(UserWarning):
    """Part of an answer from an official source is missing (one side of a pair): the rest is returned,
    and the message names the part and why it is missing."""


class OutputNotWritableError(OSError, AnalysisError):
    """An output file or folder cannot be written (read-only, no permission, disk full): names the target
    and its folder, never a temporary file."""


class WorkerStartError(RuntimeError, AnalysisError):
    """Worker processes cannot start or die before running anything: says why and what to do instead."""


class TimeLimitExceeded(BaseException):
    """A block of code ran past its time limit (see :mod:`analysis.timelimit`); ``seconds`` is the limit.

    A BaseException, like KeyboardInterrupt, so that an extractor's own ``except Exception`` cannot swallow it.

    >>> str(TimeLimitExceeded(60))
    'took longer than 60 s'
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"took longer than {seconds:g} s")
