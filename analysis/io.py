"""Reading documents and writing tidy frames.

Documents come from a folder of ``.txt``/``.html``/``.md`` files, a JSON Lines file (one object a line with
``text`` and optional ``published``, ``source``, ``url``), a CSV or Parquet table with a text column, a
DataFrame, or any iterable of strings, dicts or paths. :func:`iter_documents` streams them as
:class:`Document` (text, source, published) or :class:`DocError` (source, reason, line) — a bad document
becomes an error entry, never an exception that sinks the others.

Bytes are decoded by :func:`decode_bytes`: a BOM (UTF-8, UTF-16, UTF-32) wins, then UTF-16 without BOM
(NUL-byte pattern), then strict UTF-8, then cp1251 when the text is plausibly Russian; binary files (NUL
bytes, known magic numbers, control characters) are refused with a reason.

Frames are written by :func:`write_frame` (CSV, Parquet, JSON Lines; atomic: a temporary file renamed into
place) and read back by :func:`read_frame` with the declared dtypes, so a tidy frame makes an exact round
trip. CSV text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
tab or CR) are prefixed with ``'`` on writing and restored on reading.
"""
from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import AnalysisError

DEFAULT_MAX_BYTES = 10_000_000  # one document; a news article is ~10 KB
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".parquet": "parquet",
                  ".pq": "parquet"}
ERROR_COLUMNS: dict[str, str] = {"source": "str", "line": "Int64", "reason": "str"}

__all__ = [
    "Document", "DocError", "DocumentError", "iter_documents", "read_text_file", "decode_bytes", "html_to_text",
    "write_frame", "read_frame", "FrameWriter", "atomic_write", "neutralize_formulas", "restore_formulas",
    "errors_frame", "ERROR_COLUMNS", "DEFAULT_MAX_BYTES",
]


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


class DocumentError(AnalysisError, ValueError):
    """A document cannot be turned into text; ``reason`` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def errors_frame(errors: Iterable[DocError]):
    """DocError entries -> a frame with columns source, line (nullable int), reason."""
    import pandas as pd

    errors = list(errors)
    return pd.DataFrame({
        "source": pd.Series([e.source for e in errors], dtype="str"),
        "line": pd.Series([e.line for e in errors], dtype="Int64"),
        "reason": pd.Series([e.reason for e in errors], dtype="str"),
    })


# ----------------------------------------------------------------------------------------------- decoding

_MAGIC = [
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"), (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\x7fELF", "ELF executable"),
    (b"PAR1", "Parquet"), (b"\xd0\xcf\x11\xe0", "OLE/old Office"), (b"7z\xbc\xaf", "7z"), (b"Rar!", "RAR"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when one byte of each pair is a high byte of few values, NUL among them.

    In UTF-16 text of one script the high bytes are nearly all 0x00 (ASCII) or one block (0x04: Cyrillic);
    single-byte encodings never look like that.
    """
    from collections import Counter

    n = len(head) // 2 * 2
    if n < 4:
        return None

    def concentrated(part: bytes) -> bool:
        top = Counter(part).most_common(2)
        return 0 in dict(top) and sum(c for _, c in top) >= 0.9 * len(part)

    even, odd = head[0:n:2], head[1:n:2]
    if concentrated(odd) and not concentrated(even):
        return "utf-16-le"
    if concentrated(even) and not concentrated(odd):
        return "utf-16-be"
    return None


_NON_ASCII_LETTERS = re.compile(r"[^\W\d_\x00-\x7f]+")
# punctuation that cp1251 text (Russian or English) carries: quotes, dashes, ellipsis, numero, NBSP, bullets
_CP1251_PUNCT = set("\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u2116\u00a0\u00ab\u00bb"
                    "\u2022\u00b0\u00a7\u00a9\u00ae\u00b1\u00b7\u2122\u20ac\u2030")


def _plausible_cp1251(text: str) -> bool:
    """Non-ASCII letters are Cyrillic and come in words; other non-ASCII characters are typographic.

    cp1251 decodes almost any byte, so we must judge: Latin-1 "à é ü" also decode to Cyrillic letters, but
    alone between ASCII letters, while Russian words are runs of them.
    """
    others = {ch for ch in text if ord(ch) > 127 and not ch.isalpha()}
    if others - _CP1251_PUNCT:
        return False
    runs = _NON_ASCII_LETTERS.findall(text)
    letters = sum(map(len, runs))
    if letters == 0:
        return True
    cyr = len(_CYRILLIC.findall(text))
    return cyr / letters >= 0.8 and letters / len(runs) >= 2.0


def _check_controls(text: str, encoding: str) -> None:
    if not text:
        return
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > max(2, 0.01 * min(len(text), 100_000)):
        raise DocumentError(f"binary content ({controls} control characters after decoding as {encoding})")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises DocumentError with the reason when it is not text.

    >>> decode_bytes("Товарооборот".encode("cp1251"))
    ('Товарооборот', 'cp1251')
    >>> decode_bytes("trade".encode("utf-16"))[1]
    'utf-16-le'
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(f"binary file ({what}), not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise DocumentError(f"starts with a {enc} byte order mark but is not valid {enc}: {e.reason} "
                                    f"at byte {e.start + len(bom)}") from None
            _check_controls(text, enc)
            return text, enc
    enc16 = _utf16_without_bom(data[:4096])
    if enc16:
        try:
            text = data.decode(enc16)
        except UnicodeDecodeError:
            pass
        else:
            _check_controls(text, enc16)
            return text, enc16
    if b"\x00" in data:
        raise DocumentError(f"binary content (NUL byte at offset {data.index(0)})")
    if declared:
        import codecs

        try:
            name = codecs.lookup(declared).name
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to detection
        else:
            _check_controls(text, name)
            return text, name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        _check_controls(text, "utf-8")
        return text, "utf-8"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cp1251(text):
        _check_controls(text, "cp1251")
        return text, "cp1251"
    raise DocumentError(
        f"unknown text encoding: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), not UTF-16, "
        "and not plausible cp1251"
    )


# --------------------------------------------------------------------------------------------------- HTML

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "figcaption", "main",
          "aside", "nav", "form", "td", "th", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_head = False  # a missing </head> ends at <body>, as in browsers
        self.published: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "meta" and self.published is None:
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "pubdate", "date", "dc.date"):
                self.published = (a.get("content") or "").strip() or None
        elif tag == "time" and self.published is None:
            self.published = (dict(attrs).get("datetime") or "").strip() or None

    def handle_startendtag(self, tag, attrs):
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip and not self.in_head:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def _tidy_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """HTML -> (visible text with one paragraph a line, published date from meta/time tags or None).

    Scripts, styles and the head are dropped; entities are decoded.

    >>> html_to_text("<p>Exports &amp; imports</p><script>alert(1)</script><p>grew</p>")
    ('Exports & imports\\ngrew', None)
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy_lines("".join(parser.parts)), parser.published


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|`)")
_MD_HEAD = re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]\s)\s*", re.M)


def markdown_to_text(text: str) -> str:
    """Markdown -> plain text: links keep their label; emphasis, heading and quote marks go."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPH.sub("", text)
    return _MD_HEAD.sub("", text)


# ---------------------------------------------------------------------------------------------- documents

def read_text_file(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One .txt/.md/.html file -> Document; raises DocumentError (empty, too large, binary, encoding)."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(f"too large: {size:,} bytes > max_bytes={max_bytes:,}")
    data = path.read_bytes()
    kind = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    declared = None
    if kind == "html":
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else None
    text, _enc = decode_bytes(data, declared)
    published = None
    if kind == "html" or (kind == "text" and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        text, published = html_to_text(text)
    elif kind == "markdown":
        text = markdown_to_text(text)
    if not text.strip():
        raise DocumentError("empty document (no text)" if size else "empty file (0 bytes)")
    return Document(text, str(path), published)


def _clean(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    value = str(value).strip()
    return value or None


def _from_record(rec: dict, fallback_source: str, text_key: str, line: int | None) -> Document | DocError:
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
    return Document(text, source, _clean(rec.get("published")), line)


def _iter_jsonl(path: Path, text_key: str, max_bytes: int) -> Iterator[Document | DocError]:
    name = str(path)
    with open(path, "rb") as fh:
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
            doc = _from_record(rec, where, text_key, lineno)
            if isinstance(doc, DocError) and doc.line is not None and not doc.reason.startswith("line "):
                doc = DocError(doc.source, f"line {lineno}: {doc.reason}", lineno)
            yield doc


def _sniff_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return "utf-8-sig" if enc == "utf-8-sig" else enc.replace("-le", "").replace("-be", "")
    enc16 = _utf16_without_bom(head[:4096])
    if enc16:
        return enc16
    import codecs

    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < (1 << 16))
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


def _table_columns(columns, text_key: str, name: str) -> DocError | None:
    if text_key not in columns:
        return DocError(name, f"no text column {text_key!r} (columns: {', '.join(map(repr, columns))}); "
                              "choose one with text_column=")
    return None


def _iter_frame_rows(frame, name: str, text_key: str, offset: int, row_label: str):
    cols = [c for c in (text_key, "source", "url", "published") if c in frame.columns]
    for i, values in enumerate(zip(*(frame[c].tolist() for c in cols))):
        rec = dict(zip(cols, values))
        n = offset + i + 1
        yield _from_record(rec, f"{name}:{row_label}{n}", text_key, n)


def _iter_csv(path: Path, text_key: str, max_bytes: int) -> Iterator[Document | DocError]:
    import pandas as pd

    name = str(path)
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        encoding = _sniff_encoding(path)
        reader = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                             encoding=encoding, chunksize=2000)
        offset = 0
        for chunk in reader:
            if offset == 0:
                err = _table_columns(list(chunk.columns), text_key, name)
                if err:
                    yield err
                    return
            yield from _iter_frame_rows(chunk, name, text_key, offset, "row ")
            offset += len(chunk)
    except pd.errors.EmptyDataError:
        yield DocError(name, "empty file (no header)")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        yield DocError(name, f"unreadable CSV: {type(e).__name__}: {e}".splitlines()[0][:300])


def _iter_parquet(path: Path, text_key: str) -> Iterator[Document | DocError]:
    name = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the environment
        yield DocError(name, "reading Parquet needs pyarrow: pip install 'analysis[parquet]'")
        return
    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
        err = _table_columns(names, text_key, name)
        if err:
            yield err
            return
        cols = [c for c in (text_key, "source", "url", "published") if c in names]
        offset = 0
        for batch in pf.iter_batches(batch_size=2000, columns=cols):
            frame = batch.to_pandas()
            yield from _iter_frame_rows(frame, name, text_key, offset, "row ")
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
            yield from _iter_path(p, text_key, max_bytes, top=False)
        return
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind == "jsonl":
        yield from _iter_jsonl(path, text_key, max_bytes)
    elif kind == "csv":
        yield from _iter_csv(path, text_key, max_bytes)
    elif kind == "parquet":
        yield from _iter_parquet(path, text_key)
    else:
        try:
            yield read_text_file(path, max_bytes=max_bytes)
        except DocumentError as e:
            yield DocError(name, e.reason)
        except OSError as e:
            yield DocError(name, f"cannot read: {e.strerror or e}")


def _walk(folder: Path) -> Iterator[Path]:
    """Files under a folder that we know how to read, sorted, hidden ones skipped."""
    wanted = set(TEXT_SUFFIXES) | set(TABLE_SUFFIXES)
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and Path(f).suffix.lower() in wanted:
                yield Path(root) / f


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
            yield _from_record(dict(zip(cols, values)), f"#{label}", text_column, None)
        return
    if isinstance(source, pd.Series):
        for label, text in source.items():
            yield _from_record({text_column: text}, f"#{label}", text_column, None)
        return
    for i, item in enumerate(source):
        if isinstance(item, (Document, DocError)):
            yield item
        elif isinstance(item, str):
            yield _from_record({text_column: item}, f"#{i}", text_column, None)
        elif isinstance(item, os.PathLike):
            yield from _iter_path(Path(item), text_column, max_bytes, top=False)
        elif isinstance(item, dict):
            yield _from_record(item, f"#{i}", text_column, None)
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


# ------------------------------------------------------------------------------------------ safe writing

@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", **kwargs):
    """Open a temporary file beside `path`; on success fsync and rename it to `path`, on error remove it.

    An interrupted write never leaves a half file under the final name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def neutralize_formulas(frame):
    """Copy of `frame` whose text cells a spreadsheet would run as formulas get a leading ``'``.

    Cells already starting with quotes before such a character get one more, so
    :func:`restore_formulas` undoes it exactly.
    """
    return _rewrite_text_cells(frame, _FORMULA, lambda s: "'" + s)


def restore_formulas(frame):
    """Undo :func:`neutralize_formulas`."""
    return _rewrite_text_cells(frame, _ESCAPED, lambda s: s.str.slice(1))


def _rewrite_text_cells(frame, pattern, change):
    """Copy of `frame` where the text cells matching `pattern` become `change(cells as str)`."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_string_dtype(s.dtype) or s.dtype == object:
            mask = s.map(lambda v: isinstance(v, str) and pattern.match(v) is not None).astype(bool)
            if mask.any():
                out[col] = s.where(~mask, change(s.astype("str")))
    return out


def _format_of(path: Path, format: str | None) -> str:
    if format:
        fmt = format.lower().lstrip(".")
    else:
        suffixes = [s.lower() for s in path.suffixes]
        fmt = suffixes[-1].lstrip(".") if suffixes else ""
    fmt = {"pq": "parquet", "ndjson": "jsonl", "json": "jsonl"}.get(fmt, fmt)
    if fmt not in ("csv", "parquet", "jsonl"):
        raise ValueError(f"cannot tell the format of {str(path)!r}: use .csv, .parquet or .jsonl (or format=)")
    return fmt


def _dequantify(frame):
    """pint-pandas columns -> float magnitudes; the unit goes into the column name as ``name[unit]``."""
    out = None
    for col in frame.columns:
        dtype = frame[col].dtype
        if type(dtype).__name__ == "PintType":
            out = frame.copy() if out is None else out
            unit = f"{dtype.units:~}" or str(dtype.units)
            out[col] = frame[col].pint.magnitude.astype("float64")
            out = out.rename(columns={col: f"{col}[{unit}]"})
    return frame if out is None else out


_UNIT_COLUMN = re.compile(r"^(.+)\[([^\[\]]+)\]$")


def _quantify(frame):
    """Columns named ``name[unit]`` -> pint-pandas columns (needs pint_pandas and a registry knowing the unit)."""
    renames = {c: _UNIT_COLUMN.match(c) for c in frame.columns if isinstance(c, str) and _UNIT_COLUMN.match(c)}
    if not renames:
        return frame
    import pint_pandas  # noqa: F401  (registers the dtype)

    out = frame.copy()
    for col, m in renames.items():
        out[col] = out[col].astype(f"pint[{m.group(2)}]")
    return out.rename(columns={c: m.group(1) for c, m in renames.items()})


def _jsonable(v):
    if v is None:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item"):  # numpy scalar
        return _jsonable(v.item())
    if v is getattr(__import__("pandas"), "NA"):
        return None
    return v


def _jsonl_lines(frame) -> Iterator[str]:
    cols = list(frame.columns)
    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in cols]
    for values in zip(*columns):
        yield json.dumps({c: _jsonable(v) for c, v in zip(cols, values)}, ensure_ascii=False,
                         allow_nan=False) + "\n"


def write_frame(frame, path: str | os.PathLike, *, format: str | None = None, neutralize: bool = True) -> Path:
    """Write `frame` to CSV, Parquet or JSON Lines atomically (format from the suffix unless given).

    CSV: UTF-8, no index, full float precision; formula-like text cells neutralised unless
    ``neutralize=False``. pint-pandas columns are written as float magnitudes named ``name[unit]``.
    """
    path = Path(path)
    fmt = _format_of(path, format)
    with FrameWriter(path, format=fmt, neutralize=neutralize) as writer:
        writer.write(frame)
    return path


class FrameWriter:
    """Write a frame in chunks (streaming) to CSV, Parquet or JSON Lines; atomic on close.

    >>> with FrameWriter("out.csv") as w:          # doctest: +SKIP
    ...     for chunk in chunks: w.write(chunk)
    """

    def __init__(self, path: str | os.PathLike | None, *, format: str | None = None, neutralize: bool = True,
                 stream=None, row_group_rows: int = 16_384):
        self.path = Path(path) if path is not None else None
        self.format = _format_of(self.path, format) if self.path is not None else (format or "csv")
        self.neutralize = neutralize
        self._stream = stream  # a text stream (stdout) instead of a path: csv or jsonl only
        self._ctx = None
        self._fh = None
        self._parquet = None
        self._columns = None
        self._header = False
        self._pending: list = []  # Parquet: Arrow tables waiting to fill one row group
        self._schema = None
        self._pending_rows = 0
        self.row_group_rows = row_group_rows
        self.rows = 0

    def __enter__(self):
        if self._stream is None:
            mode = "wb" if self.format == "parquet" else "w"
            kw = {} if mode == "wb" else {"encoding": "utf-8", "newline": ""}
            self._ctx = atomic_write(self.path, mode, **kw)
            self._fh = self._ctx.__enter__()
        else:
            if self.format == "parquet":
                raise ValueError("Parquet cannot go to a text stream; give a file name")
            self._fh = self._stream
        return self

    def write(self, frame) -> None:
        frame = _dequantify(frame)
        if self._columns is None:
            self._columns = list(frame.columns)
        elif list(frame.columns) != self._columns:
            raise ValueError(f"chunk columns {list(frame.columns)} differ from the first chunk's {self._columns}")
        if self.format == "csv":
            if self.neutralize:
                frame = neutralize_formulas(frame)
            frame.to_csv(self._fh, index=False, header=not self._header, lineterminator="\n",
                         quoting=csv.QUOTE_MINIMAL)
            self._header = True
        elif self.format == "jsonl":
            self._fh.writelines(_jsonl_lines(frame))
        else:
            # Parquet keeps every row group's metadata in memory until the file closes: many tiny row groups
            # grow memory with the corpus, so chunks are gathered (as compact Arrow tables) into row groups
            import pyarrow as pa

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._schema is None:
                self._schema = table.schema
            elif table.schema != self._schema:
                table = table.cast(self._schema)
            self._pending.append(table)
            self._pending_rows += len(frame)
            if self._pending_rows >= self.row_group_rows:
                self._flush_parquet()
        self.rows += len(frame)

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._fh, self._schema)
        if self._pending:
            self._parquet.write_table(pa.concat_tables(self._pending))
        self._pending, self._pending_rows = [], 0

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None and self._schema is not None:
                self._flush_parquet()
            if self._parquet is not None:
                self._parquet.close()
            if self._stream is not None:
                self._stream.flush()
                return False
            return self._ctx.__exit__(exc_type, exc, tb)
        finally:
            self._fh = None


def _declared_dtypes(columns) -> dict[str, str]:
    from .frames import NORMALIZE_COLUMNS, TIDY_COLUMNS

    for schema in (TIDY_COLUMNS, ERROR_COLUMNS, NORMALIZE_COLUMNS):
        if set(columns) == set(schema) or (schema is TIDY_COLUMNS and set(schema) - {"flags"} <= set(columns)):
            return {c: d for c, d in schema.items() if c in columns}
    return {}


def read_frame(path: str | os.PathLike, *, format: str | None = None, schema: dict[str, str] | None = None,
               quantify: bool = False):
    """Read a frame written by :func:`write_frame` back with the declared dtypes (exact round trip).

    The tidy, errors and normalize schemas are recognised by their columns; other frames get
    pandas' inference (missing cells are the only NaN: "NA" stays the string "NA"). ``schema`` (column ->
    dtype, e.g. ``TIDY_COLUMNS``) forces the columns and dtypes, which an empty JSON Lines file needs.
    ``quantify=True`` turns ``name[unit]`` columns back into pint-pandas columns.
    """
    import pandas as pd

    path = Path(path)
    fmt = _format_of(path, format)
    if fmt == "parquet":
        frame = pd.read_parquet(path)
    elif fmt == "jsonl":
        records = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    records.append(json.loads(line))
        frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
        dtypes = _declared_dtypes(list(frame.columns))
        frame = frame.astype({c: d for c, d in dtypes.items()}) if dtypes else frame
        if not dtypes:
            frame = frame.convert_dtypes(dtype_backend="numpy_nullable").infer_objects()
    else:
        if path.stat().st_size == 0:
            return pd.DataFrame()
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
        dtypes = _declared_dtypes(list(header))
        frame = pd.read_csv(path, dtype=dtypes or None, keep_default_na=False, na_values=[""],
                            encoding="utf-8-sig")
        frame = restore_formulas(frame)
        if dtypes:
            if "flags" in frame.columns and "flags" in dtypes:
                frame["flags"] = frame["flags"].fillna("")  # the tidy contract: empty when none
            frame = frame.astype(dtypes)
    if schema is not None:
        from .frames import require_columns

        if frame.empty and len(frame.columns) == 0:
            frame = pd.DataFrame({c: pd.Series(dtype=d) for c, d in schema.items()})
        require_columns(frame, list(schema), str(path))
        frame = frame[list(schema)].astype(schema)
    if quantify:
        frame = _quantify(frame)
    return frame
