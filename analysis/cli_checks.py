"""Checks of the command line's arguments, made before any work: inputs exist, outputs can be written,
a table has the text column, a country pair is known (by code or name). Each failure is a `CliError`."""
from __future__ import annotations

from pathlib import Path

from .errors import CliError

EXIT_MISSING = 3     # a needed optional package or the browser is missing (see cli.EPILOG)


def _check_inputs(paths, *, files: bool = False) -> None:
    """Every input exists; with `files`, each is a regular file (a FIFO or /dev/zero would block or never end)."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {', '.join(missing)}")
    if files:
        import stat

        odd = [str(p) for p in paths if not stat.S_ISREG(p.stat().st_mode)]
        if odd:
            raise CliError(f"not a regular file (a folder, pipe, device or socket): {', '.join(odd)}")


def _check_output(path: Path | None, allowed=("csv", "parquet", "jsonl", "xlsx")) -> None:
    if path is None:
        return
    suffix = path.suffix.lower().lstrip(".")
    suffix = {"pq": "parquet", "ndjson": "jsonl"}.get(suffix, suffix)
    if suffix not in allowed:
        raise CliError(f"cannot write {str(path)!r}: the name must end in " + ", ".join("." + a for a in allowed))
    if suffix == "parquet":
        _need("pyarrow", "Parquet", "analysis[parquet]")
    if suffix == "xlsx":
        _need("openpyxl", ".xlsx output", "analysis[xlsx]")
    _check_writable(path)


def _check_writable(path: Path, *, folder: bool = False) -> None:
    """Refuse, before any work, an output that cannot be written: a folder in the way of a file (or a file
    in the way of a folder), or a folder where no file can be created (read-only, no permission)."""
    import os
    import tempfile

    path = Path(path)
    if folder and path.exists() and not path.is_dir():
        raise CliError(f"cannot write into {str(path)!r}: it is a file, not a folder")
    if not folder and path.is_dir():
        raise CliError(f"cannot write {str(path)!r}: it is a folder")
    where = path if folder else path.parent
    where = Path(os.path.abspath(where))
    while not where.exists():  # the folders that do not exist yet would be made in the first that does
        where = where.parent
    if not where.is_dir():
        raise CliError(f"cannot write {str(path)!r}: {str(where)!r} is a file, not a folder")
    try:
        fd, probe = tempfile.mkstemp(dir=where, prefix=".trade-analysis-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise CliError(f"cannot write {str(path)!r}: the folder {str(where)!r} is not writable "
                       f"({e.strerror or type(e).__name__})") from None


def _check_text_column(paths, column: str) -> None:
    """A table named on the command line (CSV, JSON Lines, Parquet) must have the text column: checked
    from its header before the run, naming the columns it has (tables found inside folders become error
    rows instead, so one bad file does not stop the others)."""
    import json

    for path in paths:
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq", ".xlsx"):
            continue
        try:
            if suffix == ".xlsx":
                import openpyxl

                book = openpyxl.load_workbook(path, read_only=True)
                try:
                    first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
                finally:
                    book.close()
                columns = [str(c) for c in first if c is not None]
            elif suffix in (".parquet", ".pq"):
                import pyarrow.parquet as pq

                columns = list(pq.read_schema(path).names)
            elif suffix in (".jsonl", ".ndjson"):
                columns, seen = [], 0
                with open(path, "rb") as fh:
                    for raw in fh:
                        if seen >= 100 or not raw.strip():
                            continue
                        try:
                            rec = json.loads(raw)
                        except ValueError:
                            continue
                        seen += 1
                        if isinstance(rec, dict):
                            columns += [k for k in rec if k not in columns]
                if not seen or column in columns:
                    continue
            else:
                import pandas as pd

                from .documents.decode import _sniff_encoding

                columns = list(pd.read_csv(path, nrows=0, sep="\t" if suffix == ".tsv" else ",",
                                           encoding=_sniff_encoding(path)).columns)
        except Exception:  # an unreadable table is the run's error row, with its own reason
            continue
        if column not in columns:
            raise CliError(f"{path}: no text column {column!r}; it has {', '.join(map(repr, columns)) or 'none'}"
                           " (choose one with --text-column)")


def _need(module: str, what: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise CliError(f"{what} needs the {module} package: pip install '{extra}'", EXIT_MISSING)


def _country_code(written: str) -> str:
    """An ISO alpha-3 code from what was typed: a code ("kaz"), or a country name in English or Russian
    ("Kazakhstan", "Казахстан"); anything else is returned upper-cased (it then matches no rows)."""
    text = written.strip()
    if len(text) == 3 and text.isascii() and text.isalpha():
        return text.upper()
    from .reading.countries import find

    for lang in ("en", "ru"):
        for candidate in (text, text.title()):
            found = [m for m in find(candidate, lang) if m.iso3]
            if len(found) == 1 and found[0].end - found[0].start >= len(candidate.strip()) - 1:
                return found[0].iso3
    return text.upper()


def _pairs_there(frame, limit: int = 15) -> str:
    """The country pairs of a rows file, most rows first ("KAZ-SRB (3 rows), ...")."""
    from collections import Counter

    pairs = Counter("-".join(sorted((r, p))) for r, p in zip(frame["reporter"], frame["partner"])
                    if isinstance(r, str) and isinstance(p, str))
    if not pairs:
        return "none (no row names two countries)"
    shown = [f"{k} ({n} row{'s' if n != 1 else ''})" for k, n in pairs.most_common(limit)]
    more = f", ... and {len(pairs) - limit} more" if len(pairs) > limit else ""
    return ", ".join(shown) + more
