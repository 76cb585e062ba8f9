"""Worker processes (issues 12 and 16): the rows of workers=1 from any kind of script, a clear error when
workers cannot start, and no process of a run left once its main process is gone, however it went."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from analysis import corpus, workers
from analysis.errors import WorkerStartError

EN = "Exports of Kazakhstan to Russia rose by {i}% to ${i}.5 billion in 2022."
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@pytest.fixture(scope="module")
def three_docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    for i in range(1, 4):
        (folder / f"d{i}.txt").write_text(EN.format(i=i), encoding="utf-8")
    return folder


# --- four kinds of script: exactly the rows of workers=1 -----------------------------------------------

REPORT = """
rows, errors = analysis.extract_corpus({folder!r}, workers=2)
import multiprocessing.forkserver as fs
print(json.dumps({{"rows": rows.to_csv(index=False), "errors": len(errors),
                   "forkserver": fs._forkserver._forkserver_pid is not None}}))
"""


def _script(folder, guarded: bool) -> str:
    body = REPORT.format(folder=str(folder))
    if guarded:
        body = 'if __name__ == "__main__":\n' + textwrap.indent(body, "    ")
    return "import json\nimport analysis\n" + body


@pytest.mark.parametrize("kind", ["guarded script", "unguarded script", "stdin", "python -c"])
def test_workers_give_the_rows_of_one_process_from_every_kind_of_script(tmp_path, three_docs, kind):
    # before: an unguarded script and one fed on stdin got no rows, every document "worker process died"
    script = _script(three_docs, guarded=kind == "guarded script")
    if kind.endswith("script"):
        (tmp_path / "job.py").write_text(script, encoding="utf-8")
        cmd, stdin = [sys.executable, str(tmp_path / "job.py")], None
    elif kind == "stdin":
        cmd, stdin = [sys.executable, "-"], script
    else:
        cmd, stdin = [sys.executable, "-c", script], None
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    one, errors = corpus.extract_corpus(three_docs)
    assert errors.empty and len(one) >= 3
    assert out["errors"] == 0
    assert out["rows"] == one.to_csv(index=False)
    fell_back = kind in ("unguarded script", "stdin")
    assert ("running in this process, not in 2 worker processes" in done.stderr) is fell_back, done.stderr
    assert out["forkserver"] is not fell_back  # the guarded script and python -c did use the workers


def test_workers_give_the_rows_of_one_process_in_a_jupyter_kernel(three_docs):
    # the fifth kind of caller: a notebook's kernel, whose __main__ is no file the workers could import
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        out = []
        code = (f"import analysis\nrows, errors = analysis.extract_corpus({str(three_docs)!r}, workers=2)\n"
                "print(len(errors)); print(rows.to_csv(index=False))")
        reply = kc.execute_interactive(code, timeout=120, output_hook=lambda m: out.append(m["content"].get("text", "")
                                                                                           if m["msg_type"] == "stream" else ""))
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    errors_n, csv = "".join(out).split("\n", 1)
    one, errors = corpus.extract_corpus(three_docs)
    assert errors.empty and len(one) >= 3
    assert int(errors_n) == 0
    assert csv.strip() == one.to_csv(index=False).strip()


def test_an_extractor_defined_in_python_c_runs_here_with_a_warning(three_docs):
    script = ("import analysis\n"
              "def mine(text, published=None, source=None):\n"
              "    return analysis.extract(text, published=published, source=source)\n"
              f"rows, errors = analysis.extract_corpus({str(three_docs)!r}, workers=2, extract=mine)\n"
              "print(len(rows), len(errors))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [str(len(corpus.extract_corpus(three_docs)[0])), "0"]
    assert "cannot find it" in done.stderr


def test_the_main_guard_is_read_from_the_script(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import x\nrun()\nif __name__ == '__main__':\n    run()\n    more()\n"
                      "elif True:\n    run()\nif '__main__' == __name__: run()\n", encoding="utf-8")
    inside = [workers._inside_main_guard(str(script), line) for line in range(1, 9)]
    assert inside == [False, False, False, True, True, False, False, True]


def _exit_at_start(run_pid):
    os._exit(3)


def test_workers_that_cannot_start_raise_a_clear_error(monkeypatch):
    monkeypatch.setattr(workers, "initialize_worker", _exit_at_start)
    with pytest.raises(WorkerStartError, match=r"workers=1"):
        corpus.extract_corpus([EN.format(i=i) for i in range(4)], workers=2)


# --- no process of a run left once its main process is gone -------------------------------------------

def _session(sid: int) -> list[tuple[int, str]]:
    """The live processes (not zombies) of session `sid`: (pid, command line)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
                found.append((int(entry), Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.fixture(scope="module")
def slow_corpus(tmp_path_factory):
    """Enough text to keep two workers busy for tens of seconds (several batches of 64 documents)."""
    folder = tmp_path_factory.mktemp("slow")
    for i in range(200):
        (folder / f"d{i:03}.txt").write_text((EN.format(i=i) + " ") * 150, encoding="utf-8")
    return folder


def _start_extract(folder, out, workers_n: int):
    cmd = [sys.executable, "-m", "analysis", "extract", str(folder), "-j", str(workers_n), "-o", str(out),
           "--no-progress"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # main, resource tracker, forkserver and two workers; one process with -j 1
    wanted = 5 if workers_n > 1 else 1
    deadline = time.monotonic() + 60
    while len(_session(proc.pid)) < wanted and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(1.0 if workers_n > 1 else 2.0)  # into the extraction (past the imports)
    assert proc.poll() is None, proc.stderr.read().decode()
    return proc


def _gone_within(sid: int, seconds: float) -> tuple[list, float]:
    start = time.monotonic()
    while (left := _session(sid)) and time.monotonic() - start < seconds:
        time.sleep(0.05)
    return left, time.monotonic() - start


@linux_only
@pytest.mark.parametrize("sig, code, workers_n", [
    (signal.SIGTERM, 143, 2), (signal.SIGHUP, 129, 2), (signal.SIGINT, 130, 2), (signal.SIGKILL, -9, 2),
    (signal.SIGTERM, 143, 1),
], ids=["SIGTERM -j 2", "SIGHUP -j 2", "SIGINT -j 2", "SIGKILL -j 2", "SIGTERM -j 1"])
def test_no_process_of_a_run_is_left_when_its_main_process_goes(tmp_path, slow_corpus, sig, code, workers_n):
    # before: SIGTERM or SIGKILL to `extract -j 2` left the forkserver, the tracker and the workers forever,
    # and a .rows.csv.*.tmp beside the target
    out = tmp_path / "rows.csv"
    proc = _start_extract(slow_corpus, out, workers_n)
    try:
        os.kill(proc.pid, sig)
        assert proc.wait(timeout=30) == code, proc.stderr.read().decode()[-2000:]
        left, _seconds = _gone_within(proc.pid, 10)
        assert left == [], left
    finally:
        for pid, _cmd in _session(proc.pid):
            os.kill(pid, signal.SIGKILL)
        proc.stderr.close()
    assert not out.exists()
    if sig != signal.SIGKILL:  # a killed process cannot clean up; every other way out removes its temp file
        assert list(tmp_path.iterdir()) == []


@linux_only
def test_a_worker_ends_when_the_run_goes_even_without_a_pidfd(monkeypatch):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    monkeypatch.delattr(os, "pidfd_open", raising=False)
    monkeypatch.setattr(workers, "POLL_SECONDS", 0.02)
    workers._wait_until_gone(sleeper.pid)   # the process is a zombie (not reaped yet): that counts as gone
    assert sleeper.poll() is not None


def test_an_interrupted_run_ends_its_workers_at_once():
    # before: the pool waited for the batches in flight (minutes on big documents) before the run could end
    import multiprocessing

    docs = [(EN.format(i=i) + " ") * 200 for i in range(40)]
    stream = corpus.iter_corpus(docs, workers=2, batch_size=1)
    next(stream)
    assert len(multiprocessing.active_children()) == 2
    stream.close()   # what a signal or a failing writer does to the generator
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []
