"""A time limit on one block of code: SIGALRM through ``setitimer``, in the main thread of a process.

A pathological document (10 MB of dense figures) would otherwise stall a corpus run for minutes; with
``time_limit(60)`` around its extraction it is stopped and reported. Signals reach only the main thread,
so elsewhere (a thread, a Dask worker thread) or where SIGALRM does not exist, the block runs unlimited.
Regular expressions are interrupted too; a single C call that never checks for signals is stopped when it
returns.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time

from .errors import TimeLimitExceeded

__all__ = ["can_limit_time", "time_limit"]

REPEAT = 0.25   # seconds between alarms once the limit has passed (time for an unraisable hook to finish)


def can_limit_time() -> bool:
    """True where :func:`time_limit` works: SIGALRM exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`TimeLimitExceeded` inside the block once it has run `seconds` (None or 0: no limit).

    A timer or SIGALRM handler the caller had is put back afterwards (the timer less the time spent).
    """
    if not seconds or seconds <= 0 or not can_limit_time():
        yield
        return

    def expired(_signum, _frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    # the alarm repeats until the block exits: a raise that lands in a gc callback or a __del__ is
    # swallowed there as "unraisable", and the next one reaches the block
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer_delay:
            left = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), outer_interval)
