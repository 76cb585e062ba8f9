"""extract_corpus: every source kind, nothing lost, identical rows in 1 process, 2 processes and on Dask."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import analysis
from analysis import corpus
from analysis.frames import TIDY_COLUMNS, to_frame, validate

EN = "Trade turnover amounted to 52.9 million US dollars, 3.7 times higher than last year."
RU = "Товарооборот составил 52,9 млн долларов США, что в 3,7 раза больше."


def standin(text, published=None, source=None):
    """A deterministic stand-in for analysis.extract: one row per number; raises (or dies) on demand."""
    if "DIE" in text:
        import multiprocessing
        import os

        if multiprocessing.parent_process() is not None:  # only ever kill a worker, never the test runner
            os._exit(1)
    if "RAISE" in text:
        raise RuntimeError("stand-in failure")
    if "BADROWS" in text:
        return to_frame([{"indicator": "not_an_indicator", "quote": "x", "start": 0, "end": 1, "flags": ""}])
    rows = []
    for m in re.finditer(r"\d+(?:[.,]\d+)?", text):
        rows.append({"source": source, "published": published, "indicator": "trade_turnover", "reporter": "KAZ",
                     "partner": "SRB", "value": float(m.group().replace(",", ".")), "unit": "USD",
                     "quote": m.group(), "start": m.start(), "end": m.end(), "lang": "en", "flags": ""})
    return to_frame(rows)


def texts(n):
    return [f"Document {i}: exports {i}.5 and imports {i * 3}." for i in range(n)]


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def test_public_name():
    assert analysis.extract_corpus is corpus.extract_corpus


def test_rows_keep_their_source_and_order():
    docs = [{"text": "a 1 b 2", "source": "first", "published": "2022-11-06"}, "c 3", {"text": "d 4"}]
    rows, errors = corpus.extract_corpus(docs, extract=standin)
    assert errors.empty
    assert rows["source"].tolist() == ["first", "first", "#1", "#2"]
    assert rows["published"].tolist()[:2] == ["2022-11-06", "2022-11-06"]
    assert rows["value"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert dict(rows.dtypes.astype(str)) == TIDY_COLUMNS
    validate(rows)


def test_one_failing_document_never_sinks_the_others():
    docs = ["x 1", "RAISE 2", "y 3", 42, "", "BADROWS", "z 4"]
    rows, errors = corpus.extract_corpus(docs, extract=standin, batch_size=3)
    assert rows["value"].tolist() == [1.0, 3.0, 4.0]
    assert list(errors.columns) == ["source", "line", "reason"]
    reasons = dict(zip(errors["source"], errors["reason"]))
    assert set(reasons) == {"#1", "#3", "#4", "#5"}
    assert reasons["#1"] == "extract() failed: RuntimeError: stand-in failure"
    assert "not a text" in reasons["#3"]
    assert "empty" in reasons["#4"]
    assert "schema" in reasons["#5"] and "'indicator'" in reasons["#5"]


def test_folder_with_bad_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text(EN)
    (tmp_path / "b.txt").write_bytes(RU.encode("cp1251"))
    (tmp_path / "c.html").write_text(f"<p>{EN}</p><script>var x = 99;</script>")
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "e.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "f.txt").write_bytes(RU.encode("utf-16"))
    (tmp_path / "g.jsonl").write_text(json.dumps({"text": "j 7"}) + "\n{oops\n" + json.dumps({"text": "k 8"}) + "\n")
    (tmp_path / "h.csv").write_text("title\nno text column\n")
    rows, errors = corpus.extract_corpus(tmp_path, extract=standin)
    sources = rows["source"].drop_duplicates().str.replace(str(tmp_path) + "/", "").tolist()
    assert sources == ["a.txt", "b.txt", "c.html", "f.txt", "g.jsonl:1", "g.jsonl:3"]
    assert 99.0 not in rows["value"].tolist()  # scripts are not text
    failed = errors.assign(source=errors["source"].str.replace(str(tmp_path) + "/", ""))
    assert failed["source"].tolist() == ["d.txt", "e.txt", "g.jsonl:2", "h.csv"]
    assert failed["line"].tolist()[2] == 2
    assert "invalid JSON" in failed["reason"].iloc[2]
    assert "'text'" in failed["reason"].iloc[3] and "'title'" in failed["reason"].iloc[3]


def test_dataframe_source_with_text_column():
    frame = pd.DataFrame({"body": ["p 1", "q 2"], "source": ["s1", None]})
    rows, errors = corpus.extract_corpus(frame, text_column="body", extract=standin)
    assert rows["source"].tolist() == ["s1", "#1"]
    assert errors.empty


def test_empty_source_gives_empty_frames():
    rows, errors = corpus.extract_corpus([], extract=standin)
    assert rows.empty and list(rows.columns) == list(TIDY_COLUMNS)
    assert errors.empty and list(errors.columns) == ["source", "line", "reason"]


def test_two_processes_give_identical_rows_in_the_same_order():
    docs = texts(300) + ["RAISE", 7]
    one = corpus.extract_corpus(docs, extract=standin)
    two = corpus.extract_corpus(docs, extract=standin, workers=2, batch_size=7)
    pd.testing.assert_frame_equal(one[0], two[0])
    pd.testing.assert_frame_equal(one[1], two[1])
    assert len(one[0]) == 900


def test_a_document_that_kills_its_worker_is_the_only_one_lost():
    docs = texts(40)
    docs[13] = "DIE here 1"
    rows, errors = corpus.extract_corpus(docs, extract=standin, workers=2, batch_size=2)
    expected = corpus.extract_corpus([d for i, d in enumerate(docs) if i != 13], extract=standin)[0]
    assert rows["value"].tolist() == expected["value"].tolist()
    assert errors["source"].tolist() == ["#13"]
    assert "worker process died" in errors["reason"].iloc[0]


def test_dask_client_gives_identical_rows(dask_client):
    docs = texts(200) + ["RAISE"]
    one = corpus.extract_corpus(docs, extract=standin)
    on_dask = corpus.extract_corpus(docs, extract=standin, client=dask_client, batch_size=9)
    pd.testing.assert_frame_equal(one[0], on_dask[0])
    pd.testing.assert_frame_equal(one[1], on_dask[1])


def test_dask_scheduler_address_gives_identical_rows(dask_client):
    docs = texts(50)
    one = corpus.extract_corpus(docs, extract=standin)
    by_address = corpus.extract_corpus(docs, extract=standin, client=dask_client.scheduler.address)
    pd.testing.assert_frame_equal(one[0], by_address[0])


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_write_corpus_streams_the_same_rows_to_a_file(tmp_path, suffix):
    from analysis.tables import read_frame

    docs = texts(100) + ["RAISE"]
    rows, errors = corpus.extract_corpus(docs, extract=standin)
    n_docs, n_rows, errors2 = corpus.write_corpus(docs, tmp_path / f"rows.{suffix}", extract=standin,
                                                  batch_size=8, errors_path=tmp_path / "errors.csv")
    assert (n_docs, n_rows) == (101, len(rows))
    pd.testing.assert_frame_equal(read_frame(tmp_path / f"rows.{suffix}"), rows)
    pd.testing.assert_frame_equal(read_frame(tmp_path / "errors.csv"), errors)
    pd.testing.assert_frame_equal(errors2, errors)


def test_progress_bar_only_when_asked(capsys):
    corpus.extract_corpus(texts(20), extract=standin, progress=False)
    assert capsys.readouterr().err == ""
    corpus.extract_corpus(texts(20), extract=standin, progress=True)
    err = capsys.readouterr().err
    assert "20/20" in err and "doc/s" in err


def test_input_frame_is_not_mutated():
    frame = pd.DataFrame({"text": ["a 1", "b 2"]})
    before = frame.copy()
    corpus.extract_corpus(frame, extract=standin)
    pd.testing.assert_frame_equal(frame, before)


# --- with the real analysis.extract --------------------------------------------------------------------

def _seed_corpus(tmp_path):
    from analysis import datasets

    seed = datasets.seed_text()
    (tmp_path / "seed.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "seed-cp1251.txt").write_bytes(seed.encode("cp1251", "replace"))
    (tmp_path / "seed.html").write_text(f"<html><body><p>{seed}</p><script>1 million</script></body></html>")
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"text": "Товарооборот между Казахстаном и Сербией за 9 месяцев 2022 года составил "
                            "52,9 млн долларов США.", "published": "2022-11-07", "source": "ru-wire"},
                   ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    return tmp_path


def test_real_extract_over_a_folder_in_one_and_two_processes(tmp_path):
    folder = _seed_corpus(tmp_path)
    rows, errors = corpus.extract_corpus(folder)
    turnover = rows[rows["indicator"] == "trade_turnover"]
    assert set(turnover["value"]) == {52.9e6}
    assert turnover["source"].str.rsplit("/", n=1).str[-1].tolist() == [
        "ru-wire", "seed-cp1251.txt", "seed.html", "seed.txt"]
    assert errors["line"].tolist() == [2]
    validate(rows)
    two = corpus.extract_corpus(folder, workers=2, batch_size=1)
    pd.testing.assert_frame_equal(rows, two[0])
    pd.testing.assert_frame_equal(errors, two[1])


def test_real_extract_on_dask_is_identical(tmp_path, dask_client):
    folder = _seed_corpus(tmp_path)
    pd.testing.assert_frame_equal(corpus.extract_corpus(folder)[0],
                                  corpus.extract_corpus(folder, client=dask_client, batch_size=1)[0])


def test_a_lone_surrogate_in_one_record_never_sinks_the_others(tmp_path):
    # a JSON "\udcff" escape decodes to a lone surrogate, which UTF-8 (and Arrow) refuse
    (tmp_path / "news.jsonl").write_text(
        '{"text": "Exports reached $5 billion in 2022.", "source": "\\udcff bad"}\n'
        '{"text": "Imports reached $3 billion in 2022.", "source": "ok"}\n', encoding="utf-8")
    rows, errors = analysis.extract_corpus(tmp_path / "news.jsonl")
    assert len(errors) == 0
    assert list(rows["source"]) == ["\\udcff bad", "ok"]
    assert list(rows["value"]) == [5e9, 3e9]
    rows.to_csv(tmp_path / "rows.csv")   # the repaired names can be written


def test_extract_never_raises_on_a_string_with_a_lone_surrogate():
    rows = analysis.extract("Exports reached $5 billion in 2022 \udcff.", source="\udcff")
    assert list(rows["source"]) == ["\\udcff"]
    assert rows["value"].tolist() == [5e9]


def test_a_file_name_with_an_undecodable_byte_is_read(tmp_path):
    import os

    name = os.fsdecode(b"news-\xff.txt")   # surrogateescape: "\udcff" in the name
    try:
        (tmp_path / name).write_text("Exports reached $5 billion in 2022.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses undecodable names")
    rows, errors = analysis.extract_corpus(tmp_path)
    assert len(errors) == 0 and rows["value"].tolist() == [5e9]
    assert rows["source"].str.contains("\\udcff", regex=False).all()


def test_only_regular_files_are_read_and_never_block(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Exports reached $5 billion in 2022.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")                     # would block a plain read forever
    os.symlink("/dev/zero", tmp_path / "zero.txt")       # would read without end
    rows, errors = analysis.extract_corpus(tmp_path)
    assert rows["value"].tolist() == [5e9]
    reasons = dict(zip(errors["source"].map(lambda s: s.rsplit("/", 1)[-1]), errors["reason"]))
    assert set(reasons) == {"pipe.txt", "zero.txt"}
    assert all("not a regular file" in r for r in reasons.values())
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_a_folder_that_cannot_be_listed_is_an_error_row(tmp_path, monkeypatch):
    import os

    from analysis.documents import sources

    (tmp_path / "a.txt").write_text("Exports reached $5 billion in 2022.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kw):   # as os.walk does for a folder without read rights (even as root)
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):
            if root.endswith("locked"):
                onerror(PermissionError(13, "Permission denied", root))
                dirs[:] = []
                continue
            yield root, dirs, files

    monkeypatch.setattr(sources.os, "walk", walk)
    rows, errors = analysis.extract_corpus(tmp_path)
    assert rows["value"].tolist() == [5e9]
    assert errors["reason"].tolist() == ["cannot list the folder: Permission denied"]
    assert errors["source"][0].endswith("locked")


@pytest.mark.parametrize("kind", ["csv", "jsonl", "frame", "list"])
def test_max_bytes_caps_every_cell_not_only_files(tmp_path, kind):
    big = "Exports reached $5 billion in 2022. " + "x" * 5000
    small = "Imports reached $3 billion in 2022."
    if kind == "csv":
        source = tmp_path / "news.csv"
        pd.DataFrame({"text": [big, small]}).to_csv(source, index=False)
    elif kind == "jsonl":
        source = tmp_path / "news.jsonl"
        source.write_text("\n".join(json.dumps({"text": t}) for t in (big, small)) + "\n", encoding="utf-8")
    elif kind == "frame":
        source = pd.DataFrame({"text": [big, small]})
    else:
        source = [big, small]
    rows, errors = analysis.extract_corpus(source, max_bytes=1000)
    assert rows["value"].tolist() == [3e9]
    assert len(errors) == 1 and "too large" in errors["reason"][0]


# --- tables are regular files too (issue 16): a FIFO or /dev/zero named *.csv, *.jsonl, *.parquet, *.xlsx ------
TABLES = ("csv", "jsonl", "parquet", "xlsx")
_RUN = """
import json, sys
import analysis
rows, errors = analysis.extract_corpus(sys.argv[1:] if len(sys.argv) > 2 else sys.argv[1])
print(json.dumps({"quotes": rows["quote"].tolist(), "errors": errors[["source", "reason"]].values.tolist()}))
"""


def _extract_bounded(*paths, timeout=60):
    """extract_corpus in a child process with a time limit: a reader that blocks fails the test, never hangs it."""
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _RUN, *map(str, paths)], capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.splitlines()[-1])


def _special_tables(folder):
    import os

    folder.mkdir()
    for suffix in TABLES:
        os.mkfifo(folder / f"pipe.{suffix}")                  # open() would wait for a writer forever
        os.symlink("/dev/zero", folder / f"zero.{suffix}")    # a read would never end
    return folder


def test_fifo_and_dev_zero_tables_in_a_folder_are_error_rows(tmp_path):
    folder = _special_tables(tmp_path / "news")
    (folder / "a.txt").write_text("Exports reached $5 billion in 2022.", encoding="utf-8")
    got = _extract_bounded(folder)
    assert got["quotes"] == ["$5 billion"]
    reasons = {source.rsplit("/", 1)[-1]: reason for source, reason in got["errors"]}
    assert set(reasons) == {f"{kind}.{suffix}" for kind in ("pipe", "zero") for suffix in TABLES}
    assert all("not a regular file" in r for r in reasons.values()), reasons


@pytest.mark.parametrize("suffix", TABLES)
def test_fifo_and_dev_zero_tables_named_directly_are_error_rows(tmp_path, suffix):
    folder = _special_tables(tmp_path / "news")
    for name in (f"pipe.{suffix}", f"zero.{suffix}"):
        got = _extract_bounded(folder / name)
        assert got["quotes"] == []
        assert got["errors"] == [[str(folder / name), "not a regular file (a pipe, device or socket): not read"]]


def test_cli_table_commands_refuse_a_fifo_before_reading(tmp_path):
    import subprocess
    import sys

    folder = _special_tables(tmp_path / "t")
    for args in (["normalize", str(folder / "pipe.csv"), "--column", "x"], ["chart", str(folder / "zero.csv"), "-o", str(tmp_path / "c.html")],
                 ["consolidate", str(folder / "pipe.jsonl")]):
        proc = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, timeout=60,
                              check=False)
        assert proc.returncode == 2 and "not a regular file" in proc.stderr, (args, proc.stderr[-500:])


def test_xlsx_documents_are_read_like_csv(tmp_path):
    import pandas as pd

    pytest.importorskip("openpyxl")
    from analysis.spreadsheet import write_xlsx

    texts = ["Exports reached $5 billion in 2022.", None, "=HYPERLINK(\"x\") Imports fell 3% in 2021."]
    write_xlsx(pd.DataFrame({"text": texts, "source": ["a", "b", "c"]}), tmp_path / "news.xlsx")
    rows, errors = analysis.extract_corpus(tmp_path)
    assert rows["source"].tolist()[:1] == ["a"] and rows["quote"].tolist()[0] == "$5 billion"
    assert errors[["source", "line"]].values.tolist() == [["b", 2]]
    rows, errors = analysis.extract_corpus(tmp_path / "news.xlsx", text_column="body")
    assert "no text column 'body'" in errors["reason"].iloc[0]
