"""The official side: UN Comtrade, the IMF (IMTS over SDMX) and the World Bank, as tidy rows with provenance.

>>> from analysis import sources
>>> sorted(sources.SOURCE_COLUMNS)[:4]
['aggregate', 'basis', 'dataset', 'indicator']

Every function returns a frame of `SOURCE_COLUMNS`; nothing touches the network at import. Answers are
cached (Parquet, `analysis.sources.cache`) so the second call is offline; ``offline=True`` or
``ANALYSIS_OFFLINE=1`` never asks a source. Failures raise `SourceNetworkError` (`SourceTimeoutError`),
`SourceKeyError`, `SourceQueryError` (`SourceNotFoundError`, a 404, cached like data) or `SourceOfflineError`
(analysis.errors), each naming the source, the query and why. A pair (`trade_pair`) returns the side that
answered when the other fails, with a `SourceWarning` and ``frame.attrs["missing"]`` (`rows.pair_sides`).
The clients (extra ``sources``) are imported only when a fetch runs.
"""
from __future__ import annotations

from . import cache, comtrade, imf, worldbank  # noqa: F401  (light: the clients load inside functions)
from .rows import SOURCE_COLUMNS, mirror, to_official  # noqa: F401

_PAIR = {"imf": imf.pair, "comtrade": comtrade.pair}


def trade_pair(a: str, b: str, start: int, end: int | None = None, *, source: str = "imf", **kwargs):
    """Both sides of one pair from one source: `a`'s figures (``basis`` reporter) and `b`'s, turned round
    to read from `a`'s side (``basis`` mirror, ``statistics`` = `b`), years `start`..`end`.

    ``source="imf"`` (IMTS, no key needed) or ``"comtrade"`` (``COMTRADE_API_KEY`` or the public preview).
    Keyword arguments go to the source (``freq``, ``offline``, ``refresh``, ``key`` for Comtrade).
    """
    from ..errors import SourceQueryError

    end = start if end is None else end
    if source not in _PAIR:
        raise SourceQueryError(source, f"source={source!r}", f"known sources: {', '.join(_PAIR)}")
    if source == "comtrade":
        return comtrade.pair(a, b, list(range(int(start), int(end) + 1)), **kwargs)
    return imf.pair(a, b, int(start), int(end), **kwargs)
