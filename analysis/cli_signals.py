"""SIGTERM and SIGHUP stop a command the way Ctrl-C does: as an exception in the main thread.

Without this a terminated run dies at once: its ``finally`` blocks never run, so the temporary file
beside the output stays and the worker processes are not told to stop. As an exception (like
KeyboardInterrupt) the atomic writers remove their temporary file and the pool ends its workers.
"""
from __future__ import annotations

import contextlib
import signal
import threading

__all__ = ["Stopped", "signals_stop_the_run"]


class Stopped(BaseException):
    """A stop signal arrived; ``name`` is its name ("SIGTERM")."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@contextlib.contextmanager
def signals_stop_the_run(names):
    """While the block runs, each signal in `names` raises :class:`Stopped`; a second one ends the process.

    Signals that were ignored (``nohup``) stay ignored; off the main thread nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        signal.signal(signum, signal.SIG_DFL)
        raise Stopped(signal.Signals(signum).name)

    previous = {}
    for name in names:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
