"""The ``trade-analysis`` command (also ``python -m analysis``): the only module that prints or exits.

    trade-analysis extract PATH... [-o rows.csv|.parquet|.jsonl]   trade statements from many documents
    trade-analysis normalize table.csv --column turnover [-o out.csv]  figure columns -> value, unit, ...
    trade-analysis chart rows.csv --kind turnover --pair KAZ SRB -o chart.png|svg|pdf|html
    trade-analysis consolidate rows.csv [-o facts.csv]              one row per fact, copies merged
    trade-analysis run                                              the main job on the bundled data
"""
from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from .cli_checks import (_check_inputs, _check_output, _check_text_column, _check_writable,
                         _country_code, _need, _pairs_there)
from .cli_signals import Stopped, signals_stop_the_run
from .errors import CliError

EXIT_OK = 0
EXIT_FAILED = 1      # --strict and some documents/charts failed
EXIT_USAGE = 2       # bad options, missing or unreadable input
EXIT_MISSING = 3     # a needed optional package or the browser is missing
EXIT_INTERNAL = 4    # an unexpected error (a bug: please report it with --debug output)
EXIT_HANGUP = 129    # 128 + signal number, as shells report a process ended by a signal
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

EPILOG = """\
exit codes:
  0    success: documents that failed are listed on stderr and counted but do not fail the run;
       `run` without a Chromium writes its charts as HTML, prints how to install one, and exits 0
  1    --strict was given and some documents, cells or chart formats failed
  2    bad usage or input, found before any work: unknown option, missing input file, missing column
       (the columns there are are listed), unreadable table, unknown --pair (the pairs there are are
       listed), an output path that cannot be written (the folder is named)
  3    a needed extra or a working browser is missing: pyarrow (Parquet), openpyxl (.xlsx), kaleido and
       Chromium (PNG/SVG/PDF from `chart`), dask; or the browser did not answer within its time limit;
       or worker processes (-j) cannot start
  4    an unexpected internal error (rerun with --debug for the traceback, and report it)
  129  hung up (SIGHUP): stopped at once, as for 130
  130  interrupted (Ctrl-C): stopped at once; the file being written is removed (no partial output, no
       temporary file left beside it), files finished before stay, worker processes end with the run
  143  terminated (SIGTERM): stopped at once, as for 130

examples:
  trade-analysis run
  trade-analysis extract news/ archive.jsonl -o rows.parquet --errors failed.csv -j 0
  trade-analysis extract article.html                 # CSV on stdout
  trade-analysis normalize table.csv --column turnover exports -o table-normalized.csv
  trade-analysis chart rows.csv --kind turnover --pair KAZ SRB -o turnover.svg
"""

KINDS = {
    "turnover": ("turnover", "trade_turnover"),
    "exports": ("turnover", "exports"),
    "imports": ("turnover", "imports"),
    "balance": ("turnover", "trade_balance"),
    "investment": ("turnover", "investment"),
    "enterprises": ("turnover", "enterprises"),
    "flows": ("flows", None),
    "partners": ("partners", "trade_turnover"),
    "related": ("related", None),
}
CHART_FORMATS = ("png", "svg", "pdf", "html", "jpeg", "jpg", "webp")


def _err(*parts) -> None:
    print(*parts, file=sys.stderr)


def _is_xlsx(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() == ".xlsx"


def _write_table(frame, output: Path | None) -> None:
    """A frame to `output` (.csv/.parquet/.jsonl/.xlsx), or as CSV to stdout without one."""
    if _is_xlsx(output):
        from .spreadsheet import write_xlsx

        write_xlsx(frame, output)
        return
    from .tables import FrameWriter

    with FrameWriter(output, stream=None if output else sys.stdout, format=None if output else "csv") as writer:
        writer.write(frame)


def _extract_to_xlsx(source, args, kwargs):
    """`extract -o rows.xlsx`: stream the rows to a temporary JSON Lines file, then one workbook from it."""
    import tempfile

    from .corpus import write_corpus
    from .tables import read_frame

    with tempfile.TemporaryDirectory(prefix="trade-analysis-") as tmp:
        errors_path = args.errors if args.errors is not None and not _is_xlsx(args.errors) else None
        docs, rows, errors = write_corpus(source, Path(tmp) / "rows.jsonl", errors_path=errors_path, **kwargs)
        _write_table(read_frame(Path(tmp) / "rows.jsonl"), args.output)
    if args.errors is not None and errors_path is None:
        _write_table(errors, args.errors)
    return docs, rows, errors


# ------------------------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="trade-analysis",
        description="Trade figures in news text -> tidy data, tables and charts.",
        epilog=EPILOG, formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "extract", help="trade statements from documents (folders, .txt/.html/.md, .jsonl, .csv, .parquet, .xlsx)",
        description="Read every document under PATH... and write one tidy row per trade statement. "
                    "A document that cannot be read or parsed is listed as an error; the run goes on.",
        epilog=EPILOG, formatter_class=fmt)
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path,
                   help="files or folders (folders are read recursively: .txt .html .md .jsonl .csv .parquet .xlsx)")
    p.add_argument("-o", "--output", type=Path, help="rows to .csv, .parquet, .jsonl or .xlsx (default: CSV on stdout)")
    p.add_argument("--format", choices=("csv", "jsonl"), help="format on stdout when there is no -o (default csv)")
    p.add_argument("--errors", type=Path, metavar="FILE",
                   help="also write the failed documents (source, line, reason) to FILE (.csv/.parquet/.jsonl)")
    p.add_argument("-j", "--workers", type=int, default=1,
                   help="worker processes (default 1; 0 = one per core); results are identical")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on a dask.distributed scheduler, e.g. tcp://10.0.0.5:8786 ('local' starts one here)")
    p.add_argument("--text-column", default="text", help="text column of JSONL/CSV/Parquet input (default text)")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="refuse documents larger than this many bytes (default 10,000,000)")
    p.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS",
                   help="list a document that takes longer than this as failed and go on (default 60; 0: none)")
    _progress_options(p)
    p.add_argument("--strict", action="store_true", help="exit 1 when any document failed")

    p = sub.add_parser(
        "normalize", help="figure columns of a table ('52.9M USD', '+25%%') -> value, unit, multiplier, kind",
        description="Add <column>_value, _unit, _multiplier, _kind and _error for each figure column.",
        epilog=EPILOG, formatter_class=fmt)
    p.add_argument("file", type=Path, metavar="FILE.csv", help="a CSV (UTF-8, UTF-16 or cp1251), or .parquet/.jsonl")
    p.add_argument("--column", "-c", nargs="+", action="extend", required=True, metavar="NAME",
                   help="figure column(s) to read; repeatable")
    p.add_argument("-o", "--output", type=Path, help="output .csv/.parquet/.jsonl/.xlsx (default: CSV on stdout)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when any cell could not be read (missing marks such as '', 'n/a', '-' are not errors)")
    p.add_argument("--unit", help="the unit of cells that state none: a currency code (USD), 'percent' or 'count'")
    p.add_argument("--scale", help="the scale of amounts that state none: a word (million, млн) or a factor (1e6)")
    p.add_argument("--header-hints", action="store_true",
                   help="read each column's unit and scale from its header ('Exports, USD mn'); --unit/--scale win")

    p = sub.add_parser(
        "chart", help="one chart from a tidy rows file (as written by extract)",
        description="Draw one chart from a tidy rows file. Kinds: " + ", ".join(KINDS) + ".",
        epilog=EPILOG, formatter_class=fmt)
    p.add_argument("file", type=Path, metavar="ROWS", help="tidy rows (.csv/.parquet/.jsonl) from `extract`")
    p.add_argument("--kind", choices=list(KINDS), default="turnover", help="what to draw (default turnover)")
    p.add_argument("--pair", nargs=2, metavar=("REPORTER", "PARTNER"),
                   help="ISO alpha-3 codes, e.g. KAZ SRB (default: the pair with most rows)")
    p.add_argument("-o", "--output", type=Path, required=True, help="chart.png, .svg, .pdf or .html")
    p.add_argument("--lang", choices=("en", "ru"), default=None,
                   help="chart language (default: the language most rows were read in, else en)")
    p.add_argument("--title", help="chart title (default: generated)")

    p = sub.add_parser(
        "consolidate", help="one row per fact: copies of a figure from many outlets merged, conflicts flagged",
        description="Merge tidy rows that state the same fact within their rounding (see analysis.consolidate).",
        epilog=EPILOG, formatter_class=fmt)
    p.add_argument("file", type=Path, metavar="ROWS", help="tidy rows (.csv/.parquet/.jsonl) from `extract`")
    p.add_argument("-o", "--output", type=Path, help="facts to .csv, .parquet, .jsonl or .xlsx (default: CSV on stdout)")

    p = sub.add_parser(
        "run", help="the main job on the bundled data: print the tidy table and write the charts",
        description="Extract the bundled seed article (and bundled samples), print the tidy table, and write "
                    "the tidy rows and the standard charts into a folder. Without a Chromium, the charts are "
                    "written as HTML and the command to install one is printed.",
        epilog=EPILOG, formatter_class=fmt)
    p.add_argument("--out", "-o", type=Path, default=Path("out"), help="output folder (default out/)")
    p.add_argument("--formats", nargs="+", default=["png", "svg", "pdf", "html"], choices=CHART_FORMATS,
                   metavar="FMT", help="chart formats (default: png svg pdf html)")
    p.add_argument("--lang", choices=("en", "ru"), default=None,
                   help="chart language (default: the language most rows were read in, else en)")
    p.add_argument("--no-official", action="store_true", help="leave out the bundled official statistics")
    p.add_argument("--strict", action="store_true", help="exit 1 when a chart format could not be written")
    _progress_options(p)
    return parser


def _progress_options(p) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--progress", action="store_true", default=None,
                       help="progress bars on stderr even when it is not a terminal (default: only on a terminal)")
    group.add_argument("--no-progress", action="store_true", help="no progress bars")


def _progress(args) -> bool | None:
    """True (--progress), False (--no-progress) or None: bars only when stderr is a terminal."""
    if getattr(args, "no_progress", False):
        return False
    return True if getattr(args, "progress", None) else None


# ------------------------------------------------------------------------------------------ helpers


def _report_errors(errors, total_docs: int, what: str = "documents") -> None:
    n = len(errors)
    if not n:
        return
    _err(f"{n} of {total_docs} {what} failed:")
    for row in errors.head(10).itertuples(index=False):
        _err(f"  {row.source}: {row.reason}")
    if n > 10:
        _err(f"  ... and {n - 10} more (write them all with --errors FILE)")


# ----------------------------------------------------------------------------------------- commands

def cmd_extract(args) -> int:
    from .corpus import write_corpus
    from .documents.sources import DEFAULT_MAX_BYTES

    _check_inputs(args.paths)
    _check_output(args.output)
    if args.errors is not None:
        _check_output(args.errors)
    _check_text_column(args.paths, args.text_column)
    if args.workers < 0:
        raise CliError("--workers must be 0 (one per core) or more")
    if args.time_limit < 0:
        raise CliError("--time-limit must be 0 (no limit) or more seconds")
    client, cluster = None, None
    if args.dask:
        _need("distributed", "--dask", "analysis[dask]")
        if args.dask == "local":
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        else:
            client = args.dask
    source = args.paths[0] if len(args.paths) == 1 else list(args.paths)
    kwargs = dict(workers=args.workers or 0, client=client, progress=_progress(args),
                  text_column=args.text_column, max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
                  time_limit=args.time_limit or None)
    try:
        if args.output is not None and _is_xlsx(args.output):
            docs, rows, errors = _extract_to_xlsx(source, args, kwargs)
        elif args.output is None:
            docs, rows, errors = write_corpus(source, None, format=args.format or "csv", stream=sys.stdout,
                                              errors_path=args.errors, **kwargs)
        else:
            docs, rows, errors = write_corpus(source, args.output, errors_path=args.errors, **kwargs)
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
    where = f" -> {args.output}" if args.output else ""
    _err(f"extract: {docs} documents, {rows} rows, {len(errors)} failed{where}")
    _report_errors(errors, docs)
    return EXIT_FAILED if args.strict and len(errors) else EXIT_OK


def _read_table(path: Path, column_hint: str):
    import pandas as pd

    from .documents.decode import _sniff_encoding
    from .tables import read_frame

    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq", ".jsonl", ".ndjson"):
            return read_frame(path)
        sep = "\t" if suffix == ".tsv" else ","
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                           encoding=_sniff_encoding(path))
    except pd.errors.EmptyDataError:
        raise CliError(f"{path}: empty file, no header") from None
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as e:
        raise CliError(f"{path}: unreadable table ({type(e).__name__}: {str(e).splitlines()[0]})") from None


def cmd_normalize(args) -> int:
    import pandas as pd

    from .frames import normalize

    _check_inputs([args.file], files=True)
    _check_output(args.output)
    table = _read_table(args.file, args.column[0])
    missing = [c for c in args.column if c not in table.columns]
    if missing:
        raise CliError(f"{args.file}: no column {', '.join(map(repr, missing))}; "
                       f"it has {', '.join(map(repr, table.columns))}")
    parts = [table]
    failed = 0
    for col in dict.fromkeys(args.column):
        try:
            hint = _normalize_hint(col, args)
            out = normalize(table[col], **hint)
        except ValueError as e:
            raise CliError(f"{args.file}: column {col!r}: {e}") from None
        failed += int((out["error"].fillna("").ne("") & table[col].notna()).sum())
        parts.append(out.add_prefix(f"{col}_"))
    result = pd.concat(parts, axis=1)
    _write_table(result, args.output)
    where = f" -> {args.output}" if args.output else ""
    _err(f"normalize: {len(table)} rows, {len(args.column)} column(s), {failed} cell(s) not read{where}")
    return EXIT_FAILED if args.strict and failed else EXIT_OK


def _normalize_hint(col, args) -> dict:
    """The unit and scale for one column: its header's (with --header-hints), then --unit and --scale."""
    from .reading.cells import hint_from_header

    hint = hint_from_header(str(col)) if args.header_hints else {}
    if hint:
        _err(f"normalize: column {col!r}: " + ", ".join(f"{k} {v:g}" if k == "scale" else f"{k} {v}"
                                                       for k, v in hint.items()) + " (from its header)")
    if args.unit is not None:
        hint["unit"] = args.unit
    if args.scale is not None:
        hint["scale"] = args.scale
    return hint


def _write_chart(fig, output: Path) -> Path:
    import re

    from .views.export import write_charts

    fmt = output.suffix.lower().lstrip(".")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", output.stem).strip("._") or "chart"
    written = write_charts({name: fig}, output.parent if str(output.parent) else Path("."), formats=(fmt,))
    produced = written[0] if written else output
    if Path(produced).resolve() != output.resolve():
        Path(produced).replace(output)
    return output


def cmd_chart(args) -> int:
    from .views import charts
    from .frames import require_columns
    from .tables import read_frame

    _check_inputs([args.file], files=True)
    fmt = args.output.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        raise CliError(f"cannot write {str(args.output)!r}: the name must end in "
                       + ", ".join("." + f for f in CHART_FORMATS))
    _check_writable(args.output)
    try:
        frame = read_frame(args.file)
    except ValueError as e:
        raise CliError(f"{args.file}: {e}") from None
    require_columns(frame, ["indicator", "reporter", "partner", "period_start", "period_end", "value", "unit"],
                    str(args.file))
    from .frames import TIDY_COLUMNS, validate

    if set(TIDY_COLUMNS) - {"flags"} <= set(frame.columns):
        validate(frame)  # schema at the boundary: a bad file is named with its column and rows
    reporter, partner = (args.pair or (None, None))
    if reporter:
        reporter, partner = _country_code(reporter), _country_code(partner)
        pair = ((frame["reporter"] == reporter) & (frame["partner"] == partner)) | (
            (frame["reporter"] == partner) & (frame["partner"] == reporter))
        if not pair.fillna(False).any():
            raise CliError(f"{args.file}: no rows for the pair {reporter}-{partner}; "
                           f"the pairs there are: {_pairs_there(frame)}")
    shape, indicator = KINDS[args.kind]
    common = dict(lang=args.lang, title=args.title)
    if shape == "turnover":
        if not (frame["indicator"] == indicator).any():
            raise CliError(f"{args.file}: no {indicator!r} rows to draw (has: "
                           f"{', '.join(sorted(frame['indicator'].dropna().unique()))})")
        fig = charts.turnover_chart(frame, indicator=indicator, reporter=reporter, partner=partner, **common)
    elif shape == "flows":
        fig = charts.flows_chart(frame, reporter=reporter, partner=partner, **common)
    elif shape == "related":
        fig = charts.related_chart(frame, reporter=reporter, partner=partner, **common)
    else:
        fig = charts.partners_chart(frame, indicator=indicator, reporter=reporter, **common)
    path = _write_chart(fig, args.output)
    _err(f"chart: {args.kind} -> {path}")
    return EXIT_OK


def cmd_consolidate(args) -> int:
    from .facts import consolidate
    from .tables import read_frame

    _check_inputs([args.file], files=True)
    _check_output(args.output)
    try:
        rows = read_frame(args.file)
    except ValueError as e:
        raise CliError(f"{args.file}: {e}") from None
    facts = consolidate(rows)
    _write_table(facts, args.output)
    where = f" -> {args.output}" if args.output else ""
    _err(f"consolidate: {len(rows)} rows, {len(facts)} facts, {int(facts['conflict'].sum())} in conflict{where}")
    return EXIT_OK


def _bundled_documents():
    """The seed article and any bundled sample texts, as documents."""
    from . import datasets

    docs = [{"text": datasets.seed_text(), "published": "2022-11-06",
             "source": "https://www.inform.kz/en/kazakhstan-and-serbia-hold-political-consultations_a3998179"}]
    samples = getattr(datasets, "sample_texts", None)
    if callable(samples):
        for i, item in enumerate(samples()):
            docs.append(item if isinstance(item, dict) else {"text": item, "source": f"sample-{i + 1}"})
    return docs


def _official_rows(news_rows=None):
    """The bundled official statistics in the tidy columns (so the charts can show them beside the news),
    for the country pairs the news rows name (about 11,000 rows in all would drown the charts)."""
    import pandas as pd

    from . import datasets
    from .frames import TIDY_COLUMNS

    official = datasets.official_trade()
    if news_rows is not None:
        pairs = {frozenset(p) for p in zip(news_rows["reporter"], news_rows["partner"]) if all(isinstance(c, str) for c in p)}
        keep = [frozenset(p) in pairs for p in zip(official["reporter"], official["partner"])]
        official = official[keep]
    # each country's own figures (mirror figures differ by design), whole periods only; the basis stays, so
    # the charts tell the statistics ("reporter") from the ministry figures quoted in news ("reported")
    own = official["statistics"] == official["reporter"]
    official = official[own & official["period_start"].notna()].reset_index(drop=True)
    out = pd.DataFrame(index=official.index)
    for col, dtype in {**TIDY_COLUMNS, "basis": "str"}.items():
        if col in official.columns:
            out[col] = official[col]
        elif col == "source":
            out[col] = official.get("source_name", pd.Series("official statistics", index=official.index))
        elif col in ("start", "end"):
            out[col] = 0
        elif col == "flags":
            out[col] = "official"
        else:
            out[col] = None
    return out.astype({**TIDY_COLUMNS, "basis": "str"})


def _plain_number(value) -> str:
    """A table cell as a reader writes it: thousands separated, never 1.429730e+07.

    >>> _plain_number(14297297.297), _plain_number(3.7), _plain_number(float("nan"))
    ('14,297,297', '3.7', '')
    """
    if value is None or value != value:
        return ""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


def cmd_run(args) -> int:
    import pandas as pd

    from .corpus import extract_corpus
    from .tables import write_frame

    _check_writable(args.out, folder=True)  # before any work: a file in the way, a read-only folder
    documents = _bundled_documents()
    rows, errors = extract_corpus(documents, progress=_progress(args))
    _report_errors(errors, len(documents))
    frame = rows
    if not args.no_official:
        try:
            # the article's own figures are news quotes too: one series with the bundled ones, whose copies
            # of the same figure are one fact
            frame = pd.concat([rows.assign(basis="reported"), _official_rows(rows)], ignore_index=True)
        except Exception as e:  # the news rows still get charted
            _err(f"note: bundled official statistics not used ({type(e).__name__}: {e})")
    shown = ["source", "indicator", "reporter", "partner", "period_start", "period_end", "value", "unit",
             "multiplier", "base_value", "quote"]
    with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 60):
        print(rows[shown].to_string(index=False, na_rep="", formatters={"value": _plain_number, "base_value": _plain_number})
              if len(rows) else "(no trade statements found)")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    write_frame(rows, out / "tidy.csv")
    from .views.charts import default_charts

    figures = default_charts(frame, lang=args.lang)
    written, problems = _export_all(figures, out, args.formats, progress=_progress(args))
    print(f"\nwrote {len(written) + 1} files to {out.resolve()}/ "
          f"(tidy.csv and {len(figures)} chart(s): {', '.join(figures) or 'none'})")
    for p in problems:
        _err(p)
    return EXIT_FAILED if args.strict and (problems or len(errors)) else EXIT_OK


def _export_all(figures, folder: Path, formats, progress=None):
    """Write every figure: HTML first (no browser needed), then the static formats through one browser.
    Without a browser, or with one that fails or hangs past its time limit, the HTML is there anyway
    and the note says why the static files are missing and how to get them."""
    from .errors import BrowserNotFoundError
    from .views.export import write_charts

    formats = list(dict.fromkeys("jpeg" if f == "jpg" else f for f in formats))
    static = [f for f in formats if f != "html"]
    written = write_charts(figures, folder, formats=("html",), progress=progress) if "html" in formats else []
    if not static:
        return written, []
    try:
        return written + write_charts(figures, folder, formats=tuple(static), progress=progress), []
    except BrowserNotFoundError as e:
        problem = f"note: {', '.join(static)} not written. {e}"
    except Exception as e:  # noqa: BLE001 - a stuck or crashing browser: keep what HTML can give
        problem = f"note: static export failed ({type(e).__name__}: {e}); HTML written instead"
    if "html" not in formats:
        written = write_charts(figures, folder, formats=("html",), progress=progress)
    return written, [problem]


COMMANDS = {"extract": cmd_extract, "normalize": cmd_normalize, "chart": cmd_chart, "run": cmd_run,
            "consolidate": cmd_consolidate}
STOP_SIGNALS = {"SIGTERM": ("terminated", EXIT_TERMINATED), "SIGHUP": ("hung up", EXIT_HANGUP)}


def _stopped(command: str, how: str, signame: str, code: int) -> int:
    with contextlib.suppress(OSError):  # after a hang-up stderr may be gone
        _err(f"trade-analysis {command}: {how} ({signame}): stopped, no partial output file left")
    return code


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (see EPILOG)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits on --help/--version (0) and bad usage (2)
        return int(e.code or 0) if isinstance(e.code, (int, type(None))) else EXIT_USAGE
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .errors import AnalysisError, SchemaError

    try:
        with signals_stop_the_run(STOP_SIGNALS):
            return COMMANDS[args.command](args)
    except Stopped as e:
        how, code = STOP_SIGNALS[e.name]
        return _stopped(args.command, how, e.name, code)
    except CliError as e:
        _err(f"trade-analysis {args.command}: error: {e}")
        return e.code
    except KeyboardInterrupt:
        return _stopped(args.command, "interrupted", "SIGINT", EXIT_INTERRUPTED)
    except BrokenPipeError:  # `trade-analysis extract ... | head`: the reader has gone, that is fine
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except FileNotFoundError as e:
        _err(f"trade-analysis {args.command}: error: {e}")
        return EXIT_USAGE
    except (SchemaError, AnalysisError) as e:
        missing = ("BrowserNotFoundError", "ExportTimeoutError", "WorkerStartError")
        code = EXIT_MISSING if type(e).__name__ in missing else EXIT_USAGE
        _err(f"trade-analysis {args.command}: error: {e}")
        return code
    except ImportError as e:
        _err(f"trade-analysis {args.command}: error: {e}. Install the extras: pip install 'analysis[dev]'")
        return EXIT_MISSING
    except Exception as e:
        if args.debug:
            raise
        _err(f"trade-analysis {args.command}: internal error: {type(e).__name__}: {e} (rerun with --debug)")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
