"""Documents from folders, files, JSON Lines, CSV/Parquet tables, frames and iterables.

Documents come from a folder of ``.txt``/``.html``/``.md`` files, a JSON Lines file (one object a line with
``text`` and optional ``published``, ``source``, ``url``), a CSV, Parquet or ``.xlsx`` table with a text column, a
DataFrame, or any iterable of strings, dicts or paths. :func:`iter_documents` streams them as
:class:`Document` (text, source, published) or :class:`DocError` (source, reason, line) — a bad document
becomes an error entry, never an exception that sinks the others. Only regular files are read (one
check, :func:`open_regular`, for text files and tables alike): a FIFO or a device named ``news.csv`` is an
error entry, never a hang or an endless read.
"""
from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DocumentError
from ..frames import ERROR_COLUMNS  # noqa: F401  (the errors frame's schema, re-exported)
from .article import article_text
from .decode import _META_CHARSET, decode_bytes, sniff_encoding
from .markup import markdown_to_text

DEFAULT_MAX_BYTES = 10_000_000  # one document; a news article is ~10 KB
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".parquet": "parquet",
                  ".pq": "parquet", ".xlsx": "xlsx"}

@dataclass(frozen=True, slots=True)
class Document:
    """One document's text, where it came from, its publication date (ISO string) and its line in a
    JSON Lines file (row in a table) when known."""

    text: str
    source: str
    published: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DocError:
    """A document that could not be read or processed: its source, the reason, and the line (JSONL/CSV)."""

    source: str
    reason: str
    line: int | None = None

def errors_frame(errors: Iterable[DocError]):
    """DocError entries -> a frame with columns source, line (nullable int), reason."""
    import pandas as pd

    errors = list(errors)
    return pd.DataFrame({
        "source": pd.Series([e.source for e in errors], dtype="str"),
        "line": pd.Series([e.line for e in errors], dtype="Int64"),
        "reason": pd.Series([e.reason for e in errors], dtype="str"),
    })

def read_text_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One .txt/.md/.html file -> Document; raises DocumentError (empty, too large, binary, encoding)."""
    path = Path(path)
    data = _read_regular(path, max_bytes)
    size = len(data)
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    declared = None
    if kind == "html":
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else None
    text, _enc = decode_bytes(data, declared)
    published = None
    if kind == "html" or (kind == "text" and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        article = article_text(text)
        text, published = article.text, article.published
    elif kind == "markdown":
        text = markdown_to_text(text)
    if not text.strip():
        raise DocumentError("empty document (no text)" if size else "empty file (0 bytes)")
    return Document(text, str(path), published)


NOT_REGULAR = "not a regular file (a pipe, device or socket): not read"


def open_regular(path: str | os.PathLike):
    """`path` opened for reading in binary, if it is a regular file. A FIFO, a device or a socket (even
    behind a symlink named "news.csv") raises DocumentError before it can block or stream without end:
    the check is made on the opened descriptor (no race with a swap of the name), opened non-blocking."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DocumentError(NOT_REGULAR)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`), at most `max_bytes`."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise DocumentError(f"too large: {size:,} bytes > max_bytes={max_bytes:,}")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:   # it grew while we read
        raise DocumentError(f"too large: more than max_bytes={max_bytes:,} bytes")
    return data


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    value = str(value).strip()
    return value or None


def _from_record(rec: dict, fallback_source: str, text_key: str, line: int | None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Document | DocError:
    source = _clean(rec.get("source")) or _clean(rec.get("url")) or fallback_source
    if text_key not in rec:
        keys = ", ".join(map(repr, list(rec)[:10]))
        return DocError(source, f"no {text_key!r} field (has {keys})", line)
    text = rec[text_key]
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return DocError(source, f"{text_key!r} is empty", line)
    if not isinstance(text, str):
        return DocError(source, f"{text_key!r} is {type(text).__name__}, not a string", line)
    if not text.strip():
        return DocError(source, f"{text_key!r} is empty", line)
    if len(text) > max_bytes // 4 and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return DocError(source, f"{text_key!r} too large: more than max_bytes={max_bytes:,} bytes", line)
    return Document(text, source, _clean(rec.get("published")), line)


def _iter_jsonl(fh, path: Path, text_key: str, max_bytes: int) -> Iterator[Document | DocError]:
    name = str(path)
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            break
        lineno += 1
        where = f"{name}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            total = len(raw)
            while True:  # skip the rest of the line without holding it
                more = fh.readline(1 << 20)
                total += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield DocError(where, f"line {lineno}: too large: {total:,} bytes > max_bytes={max_bytes:,}", lineno)
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue  # blank lines are allowed between records
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield DocError(where, f"line {lineno}: not UTF-8 ({e.reason} at byte {e.start})", lineno)
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield DocError(where, f"line {lineno}: invalid JSON: {e.msg} (column {e.colno})", lineno)
            continue
        if not isinstance(rec, dict):
            yield DocError(where, f"line {lineno}: a JSON {type(rec).__name__}, not an object", lineno)
            continue
        doc = _from_record(rec, where, text_key, lineno, max_bytes)
        if isinstance(doc, DocError) and doc.line is not None and not doc.reason.startswith("line "):
            doc = DocError(doc.source, f"line {lineno}: {doc.reason}", lineno)
        yield doc

def _table_columns(columns, text_key: str, name: str) -> DocError | None:
    if text_key not in columns:
        return DocError(name, f"no text column {text_key!r} (columns: {', '.join(map(repr, columns))}); "
                              "choose one with text_column=")
    return None


def _iter_frame_rows(frame, name: str, text_key: str, offset: int, row_label: str, max_bytes: int = DEFAULT_MAX_BYTES):
    cols = [c for c in (text_key, "source", "url", "published") if c in frame.columns]
    for i, values in enumerate(zip(*(frame[c].tolist() for c in cols))):
        rec = dict(zip(cols, values))
        n = offset + i + 1
        yield _from_record(rec, f"{name}:{row_label}{n}", text_key, n, max_bytes)


def _iter_csv(fh, path: Path, text_key: str, max_bytes: int) -> Iterator[Document | DocError]:
    import pandas as pd

    name = str(path)
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        encoding = sniff_encoding(fh.read(1 << 16))
        fh.seek(0)
        reader = pd.read_csv(fh, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                             encoding=encoding, chunksize=2000)
        offset = 0
        for chunk in reader:
            if offset == 0:
                err = _table_columns(list(chunk.columns), text_key, name)
                if err:
                    yield err
                    return
            yield from _iter_frame_rows(chunk, name, text_key, offset, "row ", max_bytes)
            offset += len(chunk)
    except pd.errors.EmptyDataError:
        yield DocError(name, "empty file (no header)")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        yield DocError(name, f"unreadable CSV: {type(e).__name__}: {e}".splitlines()[0][:300])


def _iter_parquet(fh, path: Path, text_key: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocError]:
    name = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the environment
        yield DocError(name, "reading Parquet needs pyarrow: pip install 'analysis[parquet]'")
        return
    try:
        pf = pq.ParquetFile(fh)
        names = pf.schema_arrow.names
        err = _table_columns(names, text_key, name)
        if err:
            yield err
            return
        cols = [c for c in (text_key, "source", "url", "published") if c in names]
        offset = 0
        for batch in pf.iter_batches(batch_size=2000, columns=cols):
            frame = batch.to_pandas()
            yield from _iter_frame_rows(frame, name, text_key, offset, "row ", max_bytes)
            offset += len(frame)
    except Exception as e:  # pyarrow raises many kinds on corrupt files
        yield DocError(name, f"unreadable Parquet: {type(e).__name__}: {e}".splitlines()[0][:300])


def _iter_path(path: Path, text_key: str, max_bytes: int, *, top: bool) -> Iterator[Document | DocError]:
    name = str(path)
    if not path.exists():
        if top:
            raise FileNotFoundError(f"no such file or folder: {name}")
        yield DocError(name, "no such file or folder")
        return
    if path.is_dir():
        for p in _walk(path):
            if isinstance(p, OSError):
                yield DocError(str(p.filename or name), f"cannot list the folder: {p.strerror or p}")
            else:
                yield from _iter_path(p, text_key, max_bytes, top=False)
        return
    reader = _TABLE_READERS.get(TABLE_SUFFIXES.get(path.suffix.lower()))
    if reader is None:
        try:
            yield read_text_file(path, max_bytes=max_bytes)
        except DocumentError as e:
            yield DocError(name, e.reason)
        except OSError as e:
            yield DocError(name, f"cannot read: {e.strerror or e}")
        return
    try:  # a table is read from the regular file opened here, never from a pipe or a device
        fh = open_regular(path)
    except DocumentError as e:
        yield DocError(name, e.reason)
        return
    except OSError as e:
        yield DocError(name, f"cannot read: {e.strerror or e}")
        return
    with fh:
        yield from reader(fh, path, text_key, max_bytes)


def _iter_xlsx(fh, path: Path, text_key: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocError]:
    """The first sheet of a workbook: a header row, then one document a row (openpyxl, the xlsx extra)."""
    name = str(path)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        yield DocError(name, "reading .xlsx needs openpyxl: pip install 'analysis[xlsx]'")
        return
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001 - a zip or XML openpyxl cannot read, whatever the kind
        yield DocError(name, f"unreadable .xlsx: {type(e).__name__}: {e}".splitlines()[0][:300])
        return
    try:
        rows = book.worksheets[0].iter_rows(values_only=True) if book.worksheets else iter(())
        header = [str(c) if c is not None else "" for c in next(rows, ())]
        if not header:
            yield DocError(name, "empty workbook (no header row)")
            return
        err = _table_columns(header, text_key, name)
        if err:
            yield err
            return
        for n, values in enumerate(rows, start=1):
            if all(v is None for v in values):
                continue
            yield _from_record(dict(zip(header, values)), f"{name}:row {n}", text_key, n, max_bytes)
    finally:
        book.close()


_TABLE_READERS = {"jsonl": _iter_jsonl, "csv": _iter_csv, "parquet": _iter_parquet, "xlsx": _iter_xlsx}


def _walk(folder: Path) -> Iterator[Path | OSError]:
    """Files under a folder that we know how to read, sorted, hidden ones skipped; the error of each
    folder that cannot be listed, in its place."""
    wanted = set(TEXT_SUFFIXES) | set(TABLE_SUFFIXES)
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        while unlisted:   # a folder that cannot be listed is reported, not skipped
            yield unlisted.pop(0)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and Path(f).suffix.lower() in wanted:
                yield Path(root) / f
    yield from unlisted


def iter_documents(source: Any, *, text_column: str = "text",
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | DocError]:
    """Stream documents from `source`: a path (file or folder), a DataFrame, or an iterable.

    An iterable may hold strings (texts; source ``"#<n>"``), dicts (``text`` and optional ``published``,
    ``source``, ``url``), :class:`Document` objects or paths (``os.PathLike``). A missing top-level path
    raises FileNotFoundError; everything else that goes wrong becomes a :class:`DocError`.
    """
    import pandas as pd

    if isinstance(source, (str, os.PathLike)):
        yield from _iter_path(Path(source), text_column, max_bytes, top=True)
        return
    if isinstance(source, pd.DataFrame):
        err = _table_columns(list(source.columns), text_column, "<DataFrame>")
        if err:
            yield err
            return
        labels = [str(i) for i in source.index]
        cols = [c for c in (text_column, "source", "url", "published") if c in source.columns]
        for label, values in zip(labels, zip(*(source[c].tolist() for c in cols))):
            yield _from_record(dict(zip(cols, values)), f"#{label}", text_column, None, max_bytes)
        return
    if isinstance(source, pd.Series):
        for label, text in source.items():
            yield _from_record({text_column: text}, f"#{label}", text_column, None, max_bytes)
        return
    for i, item in enumerate(source):
        if isinstance(item, (Document, DocError)):
            yield item
        elif isinstance(item, str):
            yield _from_record({text_column: item}, f"#{i}", text_column, None, max_bytes)
        elif isinstance(item, os.PathLike):
            yield from _iter_path(Path(item), text_column, max_bytes, top=False)
        elif isinstance(item, dict):
            yield _from_record(item, f"#{i}", text_column, None, max_bytes)
        else:
            yield DocError(f"#{i}", f"a {type(item).__name__}, not a text, dict or path")


def count_documents(source: Any, *, text_column: str = "text") -> int | None:
    """A cheap count for the progress bar's ETA (files, JSONL lines), or None when it would cost a full read."""
    import pandas as pd

    if isinstance(source, (pd.DataFrame, pd.Series)):
        return len(source)
    if isinstance(source, (list, tuple)):
        if not any(isinstance(item, os.PathLike) for item in source):
            return len(source)
        total = 0
        for item in source:
            n = count_documents(item, text_column=text_column) if isinstance(item, os.PathLike) else 1
            if n is None:
                return None
            total += n
        return total
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            total = 0
            for p in _walk(path):
                n = count_documents(p) if p.suffix.lower() in TABLE_SUFFIXES else 1
                if n is None:
                    return None
                total += n
            return total
        kind = TABLE_SUFFIXES.get(path.suffix.lower())
        if kind == "jsonl" and path.is_file():
            n, last = 0, b"\n"
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    n += block.count(b"\n")
                    last = block[-1:]
            return n + (last != b"\n")
        if kind == "parquet" and path.is_file():
            try:
                import pyarrow.parquet as pq

                return pq.ParquetFile(path).metadata.num_rows
            except Exception:
                return None
        if kind is None and path.is_file():
            return 1
    return None
