"""Many documents at once: `extract_corpus` over folders, JSON Lines, tables and iterables.

Documents stream through (see :mod:`analysis.io`): they are read in the calling process, grouped in small
batches, and extracted in this process, in a pool of worker processes, or on a ``dask.distributed``
cluster. Results come back in document order, so every mode gives identical rows. A document that cannot
be read, whose extraction raises or runs past the time limit becomes one row of the errors table; the run
goes on.
"""
from __future__ import annotations

import os
import sys
from collections import deque
from typing import Any, Callable, Iterator

from .documents.sources import DEFAULT_MAX_BYTES, DocError, Document, count_documents, errors_frame, iter_documents
from .errors import TimeLimitExceeded
from .timelimit import time_limit as limited

__all__ = ["extract_corpus", "iter_corpus", "write_corpus"]

Extractor = Callable[..., Any]
DEFAULT_TIME_LIMIT = 60.0   # seconds per document


def _default_extract(text, published=None, source=None):
    from .frames import extract

    return extract(text, published=published, source=source)


def _default_records(text, published=None, source=None):
    from .extraction import extract_records

    return extract_records(text, published=published, source=source)


# an extractor may offer `.records` (rows as dicts): a batch then becomes one frame, not one per document
_default_extract.records = _default_records


_COLUMNS: list[str] = []


def _failed(doc: Document, exc: BaseException) -> DocError:
    """The error row for a document whose extraction raised."""
    if isinstance(exc, RecursionError):
        return DocError(doc.source, "extract() failed: RecursionError (input too deeply nested)", doc.line)
    message = str(exc).splitlines()[0][:300] if str(exc) else ""
    return DocError(doc.source, f"extract() failed: {type(exc).__name__}: {message}".rstrip(": "), doc.line)


def _too_slow(doc: Document, exc: TimeLimitExceeded) -> DocError:
    """The error row for a document stopped by the time limit."""
    return DocError(doc.source, f"extract() {exc} (the per-document time limit; raise it with time_limit= "
                                f"or --time-limit)", doc.line)


def _one(doc: Document, extract: Extractor | None, time_limit: float | None = None):
    """Rows of one document (a frame with the tidy columns) or a DocError; never raises for an exception."""
    from .frames import TIDY_COLUMNS, require_columns

    if not _COLUMNS:
        _COLUMNS.extend(TIDY_COLUMNS)
    fn = extract or _default_extract
    try:
        with limited(time_limit):
            frame = fn(doc.text, published=doc.published, source=doc.source)
        if not len(frame):
            return frame
        if list(frame.columns) != _COLUMNS:  # the usual case costs one comparison
            require_columns(frame, [c for c in TIDY_COLUMNS if c != "flags"], "extract() result")
            if "flags" not in frame.columns:
                frame = frame.assign(flags="")
            frame = frame[_COLUMNS]
        if frame["source"].isna().any():
            frame = frame.assign(source=frame["source"].fillna(doc.source))
        if doc.published is not None and frame["published"].isna().any():
            frame = frame.assign(published=frame["published"].fillna(doc.published))
    except TimeLimitExceeded as e:
        return _too_slow(doc, e)
    except Exception as e:  # one document never sinks the others (RecursionError included)
        return _failed(doc, e)
    return frame


def _checked(frames: list, sources: list[tuple[int, str, int | None]]):
    """Concatenate per-document frames, cast to the tidy dtypes and validate once per batch.

    When the batch breaks the schema, each document is checked alone so only the guilty ones become
    errors (naming the column and rows) and the others keep their rows.
    """
    import pandas as pd

    from .errors import SchemaError
    from .frames import TIDY_COLUMNS, validate

    def cast(frame):
        return frame if dict(frame.dtypes.astype(str)) == TIDY_COLUMNS else frame.astype(TIDY_COLUMNS)

    try:
        rows = cast(frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True))
        return validate(rows.reset_index(drop=True)), []
    except (SchemaError, ValueError, TypeError):
        pass
    good, errors = [], []
    for frame, (pos, source, line) in zip(frames, sources):
        try:
            good.append(validate(cast(frame).reset_index(drop=True)))
        except (SchemaError, ValueError, TypeError) as e:
            errors.append((pos, DocError(source, f"extract() gave rows that break the schema: {e}"[:500], line)))
    if not good:
        from .frames import empty_frame

        return empty_frame(), errors
    return pd.concat(good, ignore_index=True), errors


def _run_batch(docs: list[Document], extract: Extractor | None = None, time_limit: float | None = None):
    """Extract a batch of documents: (tidy frame of their rows in order, [(position in batch, DocError)]).

    Each document gets `time_limit` seconds where that can be enforced (the main thread of a process)."""
    from .frames import empty_frame

    records = getattr(extract or _default_extract, "records", None)
    if records is not None:
        return _run_batch_records(docs, records, time_limit)
    frames, sources, errors = [], [], []
    for pos, doc in enumerate(docs):
        out = _one(doc, extract, time_limit)
        if isinstance(out, DocError):
            errors.append((pos, out))
        elif len(out):
            frames.append(out)
            sources.append((pos, doc.source, doc.line))
    if not frames:
        return empty_frame(), errors
    rows, bad = _checked(frames, sources)
    return rows, sorted(errors + bad, key=lambda e: e[0])


def _run_batch_records(docs: list[Document], extract_records: Extractor, time_limit: float | None = None):
    """An extractor's rows as dicts, one frame per batch instead of one per document (same rows, faster)."""
    from .errors import SchemaError
    from .frames import empty_frame, to_frame, validate

    records, per_doc, errors = [], [], []
    for pos, doc in enumerate(docs):
        try:
            with limited(time_limit):
                rows = extract_records(doc.text, published=doc.published, source=doc.source)
        except TimeLimitExceeded as e:
            errors.append((pos, _too_slow(doc, e)))
            continue
        except Exception as e:  # one document never sinks the others
            errors.append((pos, _failed(doc, e)))
            continue
        if rows:
            records.extend(rows)
            per_doc.append((pos, doc, rows))
    if not records:
        return empty_frame(), errors
    try:
        return validate(to_frame(records)), errors
    except (SchemaError, ValueError, TypeError):
        frames = [to_frame(rows) for _pos, _doc, rows in per_doc]
        rows, bad = _checked(frames, [(pos, doc.source, doc.line) for pos, doc, _rows in per_doc])
        return rows, sorted(errors + bad, key=lambda e: e[0])


def _batches(items: Iterator[Document | DocError], size: int):
    """Group documents in batches; read errors ride along as (number of documents before it, DocError)."""
    docs: list[Document] = []
    errs: list[tuple[int, DocError]] = []
    for item in items:
        if isinstance(item, DocError):
            errs.append((len(docs), item))
            continue
        docs.append(item)
        if len(docs) >= size:
            yield docs, errs
            docs, errs = [], []
    if docs or errs:
        yield docs, errs


def _merge(read_errors, errors) -> list[DocError]:
    """Read errors and extraction errors of one batch, in document order (identical in every mode)."""
    # a read error at k sits before document k; an extraction error of document k sorts after it
    keyed = [(k, 0, e) for k, e in read_errors] + [(k, 1, e) for k, e in errors]
    return [e for _k, _o, e in sorted(keyed, key=lambda t: (t[0], t[1]))]


def _serial(batches, extract, time_limit):
    for docs, read_errors in batches:
        rows, errors = _run_batch(docs, extract, time_limit)
        yield rows, _merge(read_errors, errors), len(docs) + len(read_errors)


def _start_worker(initialize, run_pid: int, extract) -> None:
    """A worker ends with the run (`initialize`, workers.initialize_worker), and with the default reader compiles
    its rules before the first document: the time limit is each document's, not the worker's start."""
    initialize(run_pid)
    if extract is None:
        from .extraction.vocabulary import compile_rules

        compile_rules()
        _default_extract("")   # the frame code and pandas, imported once


def _alive() -> bool:
    """A worker's answer to "can you run anything at all?"."""
    return True


def _processes(batches, extract, workers: int, time_limit):
    """Batches on a process pool, in order. A worker that dies (segfault, OOM kill, os._exit) breaks the pool:
    the pool is restarted, the batch being waited for is rerun alone and then document by document, so only
    the document that kills its worker is reported; batches behind it are simply resubmitted. Workers that
    cannot run even an empty task raise WorkerStartError; workers end when this process ends."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import pandas as pd

    from .errors import WorkerStartError
    from .frames import empty_frame
    from . import workers as workers_module
    from .workers import pool_context, stop_workers

    state = {"pool": None, "restarts": 0}

    def restart():
        if state["pool"] is not None:
            state["pool"].shutdown(wait=False, cancel_futures=True)
            state["restarts"] += 1
            if state["restarts"] > 1000:
                raise RuntimeError("worker processes keep dying; run with workers=1 to see the error here")
        state["pool"] = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(),
                                            initializer=_start_worker,
                                            initargs=(workers_module.initialize_worker, os.getpid(), extract))

    def submit(docs) -> Future:
        try:
            return state["pool"].submit(_run_batch, docs, extract, time_limit)
        except BrokenProcessPool as e:  # broke between two results: report through the future
            failed: Future = Future()
            failed.set_exception(e)
            return failed
        except OSError as e:  # no processes, pipes or semaphores to be had
            raise WorkerStartError(f"cannot start worker processes ({type(e).__name__}: {e}); "
                                   f"run with workers=1 (-j 1)") from e

    def check_workers_can_start():
        """After a crash: blame documents only if a fresh worker can run an empty task."""
        restart()
        try:
            state["pool"].submit(_alive).result()
        except BrokenProcessPool as e:
            raise WorkerStartError(
                "worker processes die before running anything (they could not start or import this "
                "program); run with workers=1 (-j 1), and in a script call extract_corpus under "
                "`if __name__ == \"__main__\":`") from e

    def alone(docs):
        """Run a batch with nothing else in flight; if it still kills its worker, run each document alone."""
        check_workers_can_start()
        try:
            return submit(docs).result()
        except BrokenProcessPool:
            pass
        frames, errors = [], []
        for pos, doc in enumerate(docs):
            restart()
            try:
                rows, errs = submit([doc]).result()
            except BrokenProcessPool:
                rows, errs = empty_frame(), [(0, DocError(
                    doc.source, "the worker process died while extracting this document "
                                "(crash or out of memory)", doc.line))]
            if len(rows):
                frames.append(rows)
            errors += [(pos, e) for _p, e in errs]
        restart()
        return (pd.concat(frames, ignore_index=True) if frames else empty_frame()), errors

    restart()
    finished = False
    try:
        for entry, inflight in _in_flight(batches, submit, 2 * workers):
            try:
                rows, errors = entry[2].result()
            except BrokenProcessPool:
                rows, errors = alone(entry[0])
                for item in inflight:  # innocent batches caught in the crash: run them again
                    item[2] = submit(item[0])
            yield rows, _merge(entry[1], errors), len(entry[0]) + len(entry[1])
        finished = True
    finally:
        if finished:
            state["pool"].shutdown(wait=True, cancel_futures=True)
        else:  # interrupted (a signal, an error downstream, the caller stopped reading): nothing to wait for
            stop_workers(state["pool"])


def _in_flight(batches, submit, limit: int):
    """Keep up to `limit` batches submitted and hand them back oldest first, as ([docs, read_errors, future],
    the entries still in flight) — so results keep document order and a caller may resubmit after a crash."""
    window: deque = deque()
    batches = iter(batches)
    exhausted = False
    while True:
        while not exhausted and len(window) < limit:
            try:
                docs, read_errors = next(batches)
            except StopIteration:
                exhausted = True
                break
            window.append([docs, read_errors, submit(docs)])
        if not window:
            return
        yield window.popleft(), window


def _dask(batches, extract, client, time_limit):
    owned = False
    if isinstance(client, str):
        from distributed import Client

        client = Client(client)
        owned = True
    try:
        nthreads = sum(client.nthreads().values()) or 1

        def submit(docs):
            return client.submit(_run_batch, docs, extract, time_limit, pure=False)

        for (docs, read_errors, future), _window in _in_flight(batches, submit, 2 * nthreads):
            try:
                rows, errors = future.result()
            except Exception as e:  # KilledWorker, lost connection...: the batch is reported, the run goes on
                from .frames import empty_frame

                rows = empty_frame()
                errors = [(i, DocError(d.source, f"dask task failed: {type(e).__name__}: {e}"[:300], d.line))
                          for i, d in enumerate(docs)]
            finally:
                future.release()
            yield rows, _merge(read_errors, errors), len(docs) + len(read_errors)
    finally:
        if owned:
            client.close()


def _progress_bar(show: bool, total):
    if not show:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="doc", desc="documents", dynamic_ncols=True, smoothing=0.1)


def iter_corpus(source: Any, **kwargs) -> Iterator[tuple[Any, list[DocError]]]:
    """Stream ``(rows, errors)`` batch by batch, in document order (arguments as :func:`extract_corpus`)."""
    for rows, errors, _n in _iter_corpus(source, **kwargs):
        yield rows, errors


def _iter_corpus(source: Any, *, workers: int | None = 1, client=None, progress: bool | None = None,
                text_column: str = "text", max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int | None = None,
                extract: Extractor | None = None, time_limit: float | None = DEFAULT_TIME_LIMIT):
    if client is not None:
        mode = "dask"
    else:
        workers = (os.cpu_count() or 1) if not workers or workers < 0 else int(workers)
        mode = "processes" if workers > 1 and _workers_can_import_main(workers, extract) else "serial"
    size = batch_size or 64
    show = sys.stderr.isatty() if progress is None else bool(progress)
    bar = _progress_bar(show, count_documents(source, text_column=text_column) if show else None)
    docs = iter_documents(source, text_column=text_column, max_bytes=max_bytes)
    batches = _batches(docs, size)
    if mode == "dask":
        results = _dask(batches, extract, client, time_limit)
    elif mode == "processes":
        results = _processes(batches, extract, workers, time_limit)
    else:
        results = _serial(batches, extract, time_limit)
    failed = 0
    try:
        for rows, errors, n in results:
            if bar is not None:
                failed += len(errors)
                bar.update(n)
                if errors:
                    bar.set_postfix(failed=failed, refresh=False)
            yield rows, errors, n
    finally:
        if bar is not None:
            bar.close()
        close = getattr(results, "close", None)
        if close:
            close()


def _workers_can_import_main(workers: int, extract: Extractor | None) -> bool:
    """False, with a warning saying why and how to get the workers, when they could not import __main__."""
    from .workers import main_module_problem

    problem = main_module_problem(extract)
    if problem is None:
        return True
    import warnings

    warnings.warn(f"extract_corpus: running in this process, not in {workers} worker processes: {problem}. "
                  f"Put the call in a script under `if __name__ == \"__main__\":` to use the workers.",
                  RuntimeWarning, stacklevel=4)
    return False


def extract_corpus(source: Any, *, workers: int | None = 1, client=None, progress: bool | None = None,
                   text_column: str = "text", max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int | None = None,
                   extract: Extractor | None = None, time_limit: float | None = DEFAULT_TIME_LIMIT):
    """Extract trade observations from many documents: ``(rows, errors)``.

    source
        a folder (``.txt``, ``.html``, ``.md`` files and ``.jsonl``/``.csv``/``.parquet``/``.xlsx`` tables,
        recursively; only regular files: a FIFO or device is an error row),
        a JSON Lines file (``text`` and optional ``published``, ``source``, ``url`` per line), a CSV or Parquet
        file with a ``text_column``, a DataFrame, or an iterable of texts, dicts or paths.
    workers
        processes on this machine (1: this process; 0 or None: one per core). Rows and their order are
        identical whatever the number. Workers end when this process ends. When they could not import
        the calling script (fed on stdin, or with no ``if __name__ == "__main__":`` guard) the run stays in
        this process with a RuntimeWarning; workers that cannot start at all raise WorkerStartError.
    client
        a ``dask.distributed.Client`` or a scheduler address (``"tcp://host:8786"``): run the batches there.
    progress
        a tqdm bar with documents/s and ETA; None shows it only when stderr is a terminal.
    max_bytes
        a document (file or JSONL line) larger than this is refused with a reason, not read.
    extract
        the per-document function (default :func:`analysis.extract`); must be picklable for workers/dask.
    time_limit
        seconds one document may take (default 60; None: no limit); a slower one becomes an error row
        ("took longer than 60 s") and the run goes on. Enforced with SIGALRM in the process's main thread:
        in worker processes, and with workers=1 when called from the main thread; not in other threads
        nor on Dask.

    Returns the tidy frame of every document's rows (each keeps its ``source``) and an errors frame with
    one row per failed document: ``source``, ``line`` (JSONL/CSV line or row, else <NA>), ``reason``.
    """
    import pandas as pd

    from .frames import empty_frame

    frames, errors = [], []
    for rows, errs, _n in _iter_corpus(source, workers=workers, client=client, progress=progress,
                                  text_column=text_column, max_bytes=max_bytes, batch_size=batch_size,
                                  extract=extract, time_limit=time_limit):
        if len(rows):
            frames.append(rows)
        errors.extend(errs)
    rows = pd.concat(frames, ignore_index=True) if frames else empty_frame()
    return rows, errors_frame(errors)


def write_corpus(source: Any, path, *, format: str | None = None, errors_path=None, stream=None,
                 neutralize: bool = True, **kwargs):
    """Like :func:`extract_corpus` but write rows to `path` (CSV/Parquet/JSONL) as they come: memory stays flat.

    The file appears atomically when the run ends. ``stream`` (a text stream such as stdout) replaces
    `path` for CSV/JSONL. Returns ``(documents seen, rows written, errors frame)``; ``errors_path`` also
    writes the errors frame. Other keyword arguments are those of :func:`extract_corpus`.
    """
    from .tables import FrameWriter, write_frame

    errors: list[DocError] = []
    documents = 0
    with FrameWriter(path, format=format, stream=stream, neutralize=neutralize) as writer:
        wrote = False
        for rows, errs, n in _iter_corpus(source, **kwargs):
            documents += n
            errors.extend(errs)
            if len(rows) or not wrote:
                writer.write(rows)
                wrote = True
        if not wrote:
            from .frames import empty_frame

            writer.write(empty_frame())
        count = writer.rows
    table = errors_frame(errors)
    if errors_path is not None:
        write_frame(table, errors_path)
    return documents, count, table

