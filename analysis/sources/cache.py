"""The local cache of official answers (Parquet under the user cache folder) and the offline switch.

Every fetch is stored under a name made from the source and its query, so asking again reads the file and
needs no network. ``offline=True`` (or the environment variable ``ANALYSIS_OFFLINE=1``) never asks a
source: a query the cache lacks raises `SourceOfflineError` naming the query and the folder.
The folder is ``$ANALYSIS_CACHE_DIR`` when set, else platformdirs' user cache folder for "analysis".

What is kept: every answer the source gave, data or "no such data". A `SourceNotFoundError` (the source's
HTTP 404) is stored beside the data files as a small JSON note and raised again, online or offline, with
the same lifetime as data: until ``refresh=True`` or `clear`. Anything else that goes wrong (a 5xx, a
time-out, no connection, a refused key, a query refused before asking) is not an answer about the data and
is never stored, so the next call asks again. The cache is the package's own (Parquet files named by a hash
of the query), not an HTTP cache: it stores parsed rows, not responses, and does not see status codes, only
the exception the client raised.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import SourceNotFoundError, SourceOfflineError
from ..files import atomic_write
from .rows import now

_TRUE = {"1", "true", "yes", "on"}


def offline_mode(offline: bool | None = None) -> bool:
    """`offline` when given, else the ``ANALYSIS_OFFLINE`` environment variable."""
    if offline is not None:
        return bool(offline)
    return os.environ.get("ANALYSIS_OFFLINE", "").strip().lower() in _TRUE


def cache_dir() -> Path:
    """Where answers are kept: ``$ANALYSIS_CACHE_DIR`` or ``<user cache>/analysis/sources``."""
    override = os.environ.get("ANALYSIS_CACHE_DIR")
    if override:
        return Path(override)
    try:
        import platformdirs
    except ImportError as exc:  # the cache folder needs it; say which extra brings it
        raise ImportError("the sources cache needs platformdirs: pip install 'analysis[sources]' "
                          "or set ANALYSIS_CACHE_DIR") from exc
    return Path(platformdirs.user_cache_dir("analysis", appauthor=False)) / "sources"


def query_text(query: dict) -> str:
    """A query as one stable line (sorted keys), used in messages and for the file name."""
    return json.dumps(query, sort_keys=True, separators=(",", ":"), default=str)


def cache_path(source: str, query: dict) -> Path:
    digest = hashlib.sha256(f"{source}\n{query_text(query)}".encode()).hexdigest()[:24]
    slug = "".join(ch if ch.isalnum() else "_" for ch in source.lower())
    return cache_dir() / slug / f"{digest}.parquet"


def not_found_path(source: str, query: dict) -> Path:
    """Where a "no such data" answer (`SourceNotFoundError`) to (`source`, `query`) is kept."""
    return cache_path(source, query).with_suffix(".notfound.json")


def cached(source: str, query: dict, fetch: Callable[[], object], *, offline: bool | None = None,
           refresh: bool = False):
    """The cached frame for (`source`, `query`), else ``fetch()`` stored for next time.

    A `SourceNotFoundError` from ``fetch()`` is stored too and raised again by the next call, without
    asking; other failures are not stored. `refresh` asks the source even when the cache has an answer (not
    allowed offline).
    """
    import pandas as pd

    path, missing = cache_path(source, query), not_found_path(source, query)
    if not refresh:
        if path.exists():
            return _read(path)
        if missing.exists():
            raise _read_not_found(missing)
    if offline_mode(offline):
        why = "refresh asked for in offline mode" if refresh else f"no cached answer in {path.parent}"
        raise SourceOfflineError(source, query_text(query), why)
    try:
        frame = fetch()
    except SourceNotFoundError as exc:
        _store_not_found(missing, exc)
        path.unlink(missing_ok=True)   # the newest answer is the one kept
        raise
    assert isinstance(frame, pd.DataFrame)
    with atomic_write(path, "wb") as fh:
        frame.to_parquet(fh, index=False)
    missing.unlink(missing_ok=True)
    return frame


def _store_not_found(path: Path, exc: SourceNotFoundError) -> None:
    note = {"source": exc.source, "query": exc.query, "reason": exc.reason, "retrieved_at": now()}
    with atomic_write(path, "w", encoding="utf-8") as fh:
        json.dump(note, fh, ensure_ascii=False)


def _read_not_found(path: Path) -> SourceNotFoundError:
    note = json.loads(path.read_text(encoding="utf-8"))
    return SourceNotFoundError(note["source"], note["query"], f"{note['reason']} (cached answer of "
                               f"{note['retrieved_at']}; refresh=True asks again)")


def _read(path: Path):
    import pandas as pd

    from .rows import SOURCE_COLUMNS

    frame = pd.read_parquet(path)
    text = [c for c, d in SOURCE_COLUMNS.items() if d == "str"]
    frame[text] = frame[text].astype("str").where(frame[text].notna(), pd.NA)
    return frame


def clear(source: str | None = None) -> int:
    """Remove the cached answers (of one source, or all; "no such data" answers too); returns how many
    files went."""
    root = cache_dir()
    if source is not None:
        root = root / "".join(ch if ch.isalnum() else "_" for ch in source.lower())
    files = [*root.rglob("*.parquet"), *root.rglob("*.notfound.json")] if root.exists() else []
    for f in files:
        f.unlink()
    return len(files)
