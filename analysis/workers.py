"""The worker processes of ``extract_corpus(workers=N)``: how they start, whether they can, and that they end.

- :func:`pool_context`: forkserver (safe when the caller has threads: tqdm, dask, notebooks), else spawn.
- :func:`main_module_problem`: why the workers could not import the caller's ``__main__`` again (a script
  fed on stdin; a script that runs the corpus at import time, with no ``if __name__ == "__main__":``
  guard, which each worker would run again; an ``extract`` function they cannot find). The corpus then
  runs in the calling process instead.
- :func:`initialize_worker`: a worker ends when the process that started the run ends, however it ends
  (SIGTERM, SIGKILL, a crash): Linux ``PR_SET_PDEATHSIG`` ties it to its direct parent (the forkserver)
  and a watcher thread waits on the run's process (a pidfd, else a poll every half second). Without it a
  worker whose run was killed waits on its queue forever and keeps the forkserver and the resource
  tracker alive with it.
- :func:`stop_workers`: end a pool's processes now, when the run stops before its end.
"""
from __future__ import annotations

import ast
import os
import signal
import sys
import threading
import time

__all__ = ["initialize_worker", "main_module_problem", "pool_context", "stop_workers"]

POLL_SECONDS = 0.5          # the watcher's poll where there is no pidfd
_PR_SET_PDEATHSIG = 1       # <linux/prctl.h>


def pool_context():
    """The multiprocessing context for the pool: forkserver, or spawn where there is no forkserver."""
    import multiprocessing as mp

    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    return mp.get_context(method)


# ------------------------------------------------------------------------------- can workers start?

def main_module_problem(extract=None) -> str | None:
    """Why worker processes could not import this process's ``__main__`` (and `extract`), or None.

    Forkserver and spawn workers import the main script again (as ``__mp_main__``); that fails for a
    script read from stdin, and reruns the work for a script without a main guard. ``python -c``, the
    prompt and notebooks have no main file: the workers do not import one, so only an `extract` defined
    there is out of their reach.
    """
    main = sys.modules.get("__main__")
    if main is None:
        return None
    path = getattr(main, "__file__", None)
    by_name = getattr(getattr(main, "__spec__", None), "name", None)
    if path is None:
        if by_name is None and extract is not None and getattr(extract, "__module__", None) == "__main__":
            return ("the extract function is defined in __main__ (python -c, a notebook or the prompt), "
                    "where worker processes cannot find it")
        return None
    if not os.path.isfile(path):
        return f"the main script ({path}) came on standard input, and worker processes cannot read it again"
    line = _main_line_running(main)
    if line is not None and not _inside_main_guard(path, line):
        return ("the script runs this at import time, without an `if __name__ == \"__main__\":` guard, "
                "so each worker process would start it again")
    return None


def _main_line_running(main) -> int | None:
    """The line of ``__main__``'s top-level code the main thread is running, or None if it has finished."""
    frame = sys._current_frames().get(threading.main_thread().ident)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals is main.__dict__:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _inside_main_guard(path: str, line: int) -> bool:
    """True when `line` of the script at `path` is in the body of an ``if __name__ == "__main__":``."""
    import tokenize

    try:
        with tokenize.open(path) as fh:
            tree = ast.parse(fh.read(), filename=path)
    except (OSError, SyntaxError, ValueError):
        return False
    for node in ast.walk(tree):
        if (isinstance(node, ast.If) and _is_main_test(node.test) and node.body
                and node.body[0].lineno <= line <= (node.body[-1].end_lineno or node.body[-1].lineno)):
            return True
    return False


def _is_main_test(test) -> bool:
    """``__name__ == "__main__"`` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    values = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and values == ["__main__"]


# ------------------------------------------------------------------------------ dying with the run

def initialize_worker(run_pid: int) -> None:
    """The pool's initializer: end this worker when the process `run_pid` ends."""
    _die_with_direct_parent()
    threading.Thread(target=_exit_when_gone, args=(run_pid,), name="analysis-run-watcher", daemon=True).start()


def _die_with_direct_parent() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent (the forkserver) ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _exit_when_gone(pid: int) -> None:
    _wait_until_gone(pid)
    os._exit(1)


def _wait_until_gone(pid: int) -> None:
    """Block until process `pid` has ended (a zombie counts as ended)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):   # no pidfd (not Linux >= 5.3), or the process is gone already
        fd = None
    if fd is not None:
        import select

        select.select([fd], [], [])     # a pidfd turns readable when its process ends
        return
    while _alive(pid):
        time.sleep(POLL_SECONDS)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def stop_workers(pool) -> None:
    """End a ProcessPoolExecutor's processes now and drop its queued work (the run stopped early)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=False, cancel_futures=True)
