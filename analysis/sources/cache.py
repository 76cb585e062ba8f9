"""The local cache of official answers (Parquet under the user cache folder) and the offline switch.

Every fetch is stored under a name made from the source and its query, so asking again reads the file and
needs no network. ``offline=True`` (or the environment variable ``ANALYSIS_OFFLINE=1``) never asks a
source: a query the cache lacks raises `SourceOfflineError` naming the query and the folder.
The folder is ``$ANALYSIS_CACHE_DIR`` when set, else platformdirs' user cache folder for "analysis".
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from ..errors import SourceOfflineError
from ..files import atomic_write

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


def cached(source: str, query: dict, fetch: Callable[[], object], *, offline: bool | None = None,
           refresh: bool = False):
    """The cached frame for (`source`, `query`), else ``fetch()`` stored for next time.

    `refresh` asks the source even when the cache has an answer (not allowed offline).
    """
    import pandas as pd

    path = cache_path(source, query)
    if offline_mode(offline):
        if path.exists() and not refresh:
            return _read(path)
        why = "refresh asked for in offline mode" if refresh else f"no cached answer in {path.parent}"
        raise SourceOfflineError(source, query_text(query), why)
    if path.exists() and not refresh:
        return _read(path)
    frame = fetch()
    assert isinstance(frame, pd.DataFrame)
    with atomic_write(path, "wb") as fh:
        frame.to_parquet(fh, index=False)
    return frame


def _read(path: Path):
    import pandas as pd

    from .rows import SOURCE_COLUMNS

    frame = pd.read_parquet(path)
    text = [c for c, d in SOURCE_COLUMNS.items() if d == "str"]
    frame[text] = frame[text].astype("str").where(frame[text].notna(), pd.NA)
    return frame


def clear(source: str | None = None) -> int:
    """Remove the cached answers (of one source, or all); returns how many files went."""
    root = cache_dir()
    if source is not None:
        root = root / "".join(ch if ch.isalnum() else "_" for ch in source.lower())
    files = list(root.rglob("*.parquet")) if root.exists() else []
    for f in files:
        f.unlink()
    return len(files)
