"""The per-document time limit (issue 16): a pathological document is an error row naming it and the
reason, the others keep their rows, in one process, in workers and from the command line."""
from __future__ import annotations

import signal
import threading
import time

import pytest

from analysis import cli, corpus
from analysis.errors import TimeLimitExceeded
from analysis.tables import read_frame
from analysis.timelimit import time_limit

EN = "Trade turnover amounted to 52.9 million US dollars in 2022."
DENSE = "$1" * 131_072   # 256 KB of figures: ~8 s of extraction at ~33 ms per KB, far past a 1 s limit


@pytest.fixture(scope="module", autouse=True)
def warm():
    corpus.extract_corpus([EN])  # rules and imports loaded before any clock starts


def swallowing(text, published=None, source=None):
    """An extractor that loops on "LOOP" and catches every Exception on the way."""
    from analysis.frames import extract

    while "LOOP" in text:
        try:
            time.sleep(0.01)
        except Exception:  # noqa: BLE001, S110 - the limit must not be swallowed here
            pass
    return extract(text, published=published, source=source)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dense_document_past_the_limit_is_an_error_row_and_the_run_goes_on(workers):
    import gc

    docs = [{"text": EN, "source": "first"}, {"text": DENSE, "source": "dense.txt"}, {"text": EN, "source": "last"}]
    # no collection inside the run: in the full suite hypothesis's gc callback would catch the first alarm
    # and pytest's unraisable hook the next (that case has its own test below)
    gc.disable()
    try:
        rows, errors = corpus.extract_corpus(docs, workers=workers, batch_size=1, time_limit=1)
    finally:
        gc.enable()
    assert errors["source"].tolist() == ["dense.txt"]
    assert "took longer than 1 s" in errors["reason"].iloc[0]
    assert sorted(set(rows["source"])) == ["first", "last"]


def test_the_limit_holds_against_an_extractor_that_catches_everything():
    rows, errors = corpus.extract_corpus(["LOOP", EN], extract=swallowing, time_limit=0.3)
    assert errors["source"].tolist() == ["#0"]
    assert "took longer than 0.3 s" in errors["reason"].iloc[0]
    assert len(rows) == 1


def test_no_limit_when_none():
    rows, errors = corpus.extract_corpus([EN], time_limit=None)
    assert errors.empty and len(rows) == 1


def test_cli_time_limit_lists_the_slow_document(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "b-dense.txt").write_text(DENSE, encoding="utf-8")
    out = tmp_path / "rows.csv"
    assert cli.main(["extract", str(folder), "--time-limit", "1", "-o", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "1 failed" in err and "b-dense.txt" in err and "took longer than 1 s" in err
    assert len(read_frame(out)) == 1
    assert cli.main(["extract", str(folder), "--time-limit", "1", "--strict", "-o", str(out)]) == 1
    assert cli.main(["extract", str(folder), "--time-limit", "-1", "-o", str(out)]) == 2


def test_time_limit_puts_back_the_callers_handler_and_timer():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        with time_limit(2):
            pass
        assert signal.getsignal(signal.SIGALRM) is not None and not fired
        assert 4 < signal.getitimer(signal.ITIMER_REAL)[0] <= 5
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with pytest.raises(TimeLimitExceeded, match="took longer than 0.1 s"), time_limit(0.1):
        time.sleep(1)


def test_off_the_main_thread_there_is_no_limit():
    outcome = []

    def run():
        with time_limit(0.05):
            time.sleep(0.2)
        outcome.append("finished")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


def test_a_limit_swallowed_in_a_gc_callback_is_raised_again():
    # the first alarm lands in a callback that swallows it (as CPython does for gc callbacks); the block
    # must still stop
    import gc

    swallowed = []

    def callback(phase, info):
        try:
            time.sleep(0.3)   # the alarm fires here
        except BaseException as e:  # noqa: BLE001 - stands for the interpreter's unraisable hook
            swallowed.append(e)

    gc.callbacks.append(callback)
    try:
        started = time.monotonic()
        with pytest.raises(TimeLimitExceeded):
            with time_limit(0.1):
                gc.collect()
                while time.monotonic() - started < 5:
                    sum(range(1000))
    finally:
        gc.callbacks.remove(callback)
    assert swallowed and time.monotonic() - started < 2
