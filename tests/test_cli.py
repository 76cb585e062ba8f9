"""The trade-analysis command line: subcommands, output targets, errors and exit codes."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli, corpus
from analysis.views import export
from analysis.frames import to_frame
from analysis.tables import read_frame, write_frame

EN = "Trade turnover amounted to 52.9 million US dollars."


def standin(text, published=None, source=None):
    if "RAISE" in text:
        raise RuntimeError("stand-in failure")
    rows = [{"source": source, "published": published, "indicator": "trade_turnover", "reporter": "KAZ",
             "partner": "SRB", "period_start": "2022-01", "period_end": "2022-09",
             "value": float(m.group()) * 1e6, "unit": "USD", "quote": m.group(), "start": m.start(),
             "end": m.end(), "lang": "en", "flags": ""} for m in re.finditer(r"\d+(?:\.\d+)?", text)]
    return to_frame(rows)


@pytest.fixture
def fake_extract(monkeypatch):
    monkeypatch.setattr(corpus, "_default_extract", standin)


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(EN)
    (folder / "b.html").write_text("<p>Exports =cmd| 3.5 million</p>")
    (folder / "c.txt").write_bytes(b"")
    (tmp_path / "more.jsonl").write_text(json.dumps({"text": "RAISE 1"}) + "\n{bad\n" +
                                         json.dumps({"text": "x 7", "source": "wire"}) + "\n")
    return tmp_path


def test_help_documents_commands_and_exit_codes(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("extract", "normalize", "chart", "run", "exit codes", "130"):
        assert word in out
    for command in ("extract", "normalize", "chart", "run"):
        assert cli.main([command, "--help"]) == 0
        assert "exit codes" in capsys.readouterr().out


def test_no_command_and_bad_options_exit_2(capsys):
    assert cli.main([]) == 2
    assert cli.main(["extract"]) == 2
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["extract", "x.txt", "--workers", "many"]) == 2


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "nope.txt")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_output_name_is_refused(news, capsys):
    assert cli.main(["extract", str(news / "news"), "-o", str(news / "rows.xls")]) == 2
    assert ".csv, .parquet, .jsonl, .xlsx" in capsys.readouterr().err


def test_extract_to_stdout_is_neutralised_csv(news, fake_extract, capsys):
    assert cli.main(["extract", str(news / "news"), "--no-progress"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("source,published,indicator")
    assert len(lines) == 3
    assert "2 documents" not in captured.err and "3 documents, 2 rows, 1 failed" in captured.err
    assert "c.txt: empty file" in captured.err


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_extract_many_paths_to_a_file_with_errors(news, fake_extract, capsys, suffix):
    out = news / f"rows.{suffix}"
    errors = news / "errors.csv"
    code = cli.main(["extract", str(news / "news"), str(news / "more.jsonl"), "-o", str(out),
                     "--errors", str(errors)])
    assert code == 0
    rows = read_frame(out)
    assert rows["value"].tolist() == [52.9e6, 3.5e6, 7e6]
    assert rows["source"].iloc[-1] == "wire"
    failed = read_frame(errors)
    assert failed["reason"].str.contains("empty file").sum() == 1
    assert failed["line"].dropna().tolist() == [1, 2]
    assert "6 documents, 3 rows, 3 failed" in capsys.readouterr().err


def test_extract_strict_exits_1_when_something_failed(news, fake_extract):
    assert cli.main(["extract", str(news / "more.jsonl"), "-o", str(news / "r.csv"), "--strict"]) == 1
    assert cli.main(["extract", str(news / "news" / "a.txt"), "-o", str(news / "r.csv"), "--strict"]) == 0


def test_extract_in_two_processes_matches(news, fake_extract, tmp_path):
    # the stand-in is patched in this process only: workers would use the real extract, so compare
    # the parallel path through the library with an importable stand-in instead
    one = corpus.extract_corpus(news / "news", extract=standin)
    two = corpus.extract_corpus(news / "news", extract=standin, workers=2)
    pd.testing.assert_frame_equal(one[0], two[0])


def test_normalize_adds_value_columns(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("country,turnover,growth\nSerbia,52.9M USD,+25%\nNamibia,lots,3.7 times\nNA,,\n",
                     encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["normalize", str(table), "--column", "turnover", "growth", "-o", str(out)]) == 0
    frame = read_frame(out)
    assert frame["country"].tolist() == ["Serbia", "Namibia", "NA"]
    assert frame["turnover_value"].tolist()[0] == 52.9e6
    assert frame["turnover_unit"].tolist()[0] == "USD"
    assert frame["growth_multiplier"].tolist()[:2] == [1.25, 3.7]
    assert pd.isna(frame["turnover_value"].iloc[1]) and frame["turnover_error"].iloc[1]
    assert "1 cell(s) not read" in capsys.readouterr().err
    assert cli.main(["normalize", str(table), "--column", "turnover", "--strict", "-o", str(out)]) == 1


def test_normalize_cp1251_table_to_stdout(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_bytes("страна,оборот\nСербия,\"52,9 млн долларов\"\n".encode("cp1251"))
    assert cli.main(["normalize", str(table), "-c", "оборот"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("страна,оборот,оборот_value")
    assert "Сербия" in out


def test_normalize_missing_column_names_the_columns(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("a,b\n1,2\n")
    assert cli.main(["normalize", str(table), "--column", "turnover"]) == 2
    err = capsys.readouterr().err
    assert "'turnover'" in err and "'a', 'b'" in err


def _rows_file(tmp_path):
    frame = to_frame([
        {"source": "s", "indicator": "trade_turnover", "reporter": "KAZ", "partner": "SRB",
         "period_start": "2022-01", "period_end": "2022-09", "value": 52.9e6, "unit": "USD", "multiplier": 3.7,
         "compared_start": "2021-01", "compared_end": "2021-09", "base_value": 52.9e6 / 3.7,
         "base_low": 14.11e6, "base_high": 14.49e6, "quote": "<script>alert(1)</script> 52.9 million",
         "start": 0, "end": 10, "lang": "en", "flags": ""},
    ])
    return write_frame(frame, tmp_path / "rows.csv")


def test_chart_to_html(tmp_path, capsys):
    rows = _rows_file(tmp_path)
    out = tmp_path / "charts" / "kaz srb.html"
    assert cli.main(["chart", str(rows), "--kind", "turnover", "--pair", "kaz", "srb", "-o", str(out)]) == 0
    assert out.exists() and out.stat().st_size > 1000
    assert "<script>alert(1)</script>" not in out.read_text(encoding="utf-8")


def test_chart_unknown_pair_or_kind(tmp_path, capsys):
    rows = _rows_file(tmp_path)
    assert cli.main(["chart", str(rows), "--pair", "KAZ", "UZB", "-o", str(tmp_path / "c.html")]) == 2
    assert "KAZ-UZB" in capsys.readouterr().err
    assert cli.main(["chart", str(rows), "--kind", "exports", "-o", str(tmp_path / "c.html")]) == 2
    assert "no 'exports' rows" in capsys.readouterr().err
    assert cli.main(["chart", str(rows), "-o", str(tmp_path / "c.gif")]) == 2


def test_chart_png_without_a_browser_exits_3_with_the_fix(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export, "find_browser", lambda: None)
    rows = _rows_file(tmp_path)
    assert cli.main(["chart", str(rows), "-o", str(tmp_path / "c.png")]) == 3
    assert "apt-get install -y chromium" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def test_run_without_a_browser_writes_html_and_says_how_to_fix(tmp_path, capsys, monkeypatch, fake_extract):
    monkeypatch.setattr(export, "find_browser", lambda: None)
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "52.9" in captured.out
    assert str(out.resolve()) in captured.out
    assert (out / "tidy.csv").exists()
    assert list(out.glob("*.html"))
    assert not list(out.glob("*.png"))
    assert "chromium" in captured.err
    assert cli.main(["run", "--out", str(out), "--strict"]) == 1


def test_python_dash_m_entry_point(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and "trade-analysis" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "analysis", "extract", str(tmp_path / "missing")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_run_with_the_real_extract_prints_the_seed_figures(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export, "find_browser", lambda: None)  # keep it quick: HTML only
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out), "--formats", "html"]) == 0
    printed = capsys.readouterr().out
    assert "trade_turnover" in printed and "52,900,000" in printed and "14,297,297" in printed   # the implied base
    assert "e+0" not in printed   # numbers as a reader writes them, not 1.429730e+07
    rows = read_frame(out / "tidy.csv")
    assert 52.9e6 in rows["value"].tolist()
    assert list(out.glob("turnover-*.html"))


def test_chart_refuses_a_rows_file_that_breaks_the_schema(tmp_path, capsys):
    frame = read_frame(_rows_file(tmp_path))
    frame.loc[0, "reporter"] = "Kazakhstan"
    bad = write_frame(frame, tmp_path / "bad.csv")
    assert cli.main(["chart", str(bad), "-o", str(tmp_path / "c.html")]) == 2
    err = capsys.readouterr().err
    assert "'reporter'" in err and "rows [0]" in err


# --- browser tests: skip on a machine without Chromium, fail under CI=true (tests/conftest.py) ---------
def _run_browser_probe(tmp_path, ci: bool):
    import os
    import shutil
    import subprocess

    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_probe.py").write_text(
        "import pytest\n\n@pytest.mark.browser\ndef test_needs_browser():\n    pass\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["BROWSER_PATH"] = str(tmp_path / "no-such-browser")  # how a machine without Chromium looks
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "-o", "markers=browser: needs a browser", str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def test_browser_tests_skip_without_chromium_naming_the_install_command(tmp_path):
    res = _run_browser_probe(tmp_path, ci=False)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 skipped" in res.stdout and "apt-get install -y chromium" in res.stdout


def test_browser_tests_fail_without_chromium_under_ci(tmp_path):
    res = _run_browser_probe(tmp_path, ci=True)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "skipped" not in res.stdout and "CI=true and no Chromium" in res.stdout


# --- exit codes as the table says (issue 12, 16) --------------------------------------------------
def readonly_folder(path: Path):
    """A folder no file can be created in, also for root (chmod, else the immutable attribute), or None."""
    import os
    import tempfile

    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o555)
    try:
        fd, probe = tempfile.mkstemp(dir=path)
    except OSError:
        return path
    os.close(fd)
    os.unlink(probe)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        return path
    return None


@pytest.fixture
def readonly(tmp_path):
    folder = readonly_folder(tmp_path / "readonly")
    if folder is None:
        pytest.skip("cannot make a read-only folder here (root without chattr +i)")
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_epilog_table_is_the_readme_table():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = cli.EPILOG.split("\n\n")[0]
    assert table.startswith("exit codes:")
    for code in ("0", "1", "2", "3", "4", "129", "130", "143"):
        assert re.search(rf"^  {code}\s+\S", table, re.M), code
    assert table in readme, "the README must show the --help exit-code table word for word"


def test_missing_text_column_exits_2_listing_the_columns(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text(f'id,body\n1,"{EN}"\n', encoding="utf-8")
    out = tmp_path / "rows.csv"
    assert cli.main(["extract", str(notes), "--text-column", "nope", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "'nope'" in err and "'id', 'body'" in err
    assert not out.exists()
    jsonl = tmp_path / "notes.jsonl"
    jsonl.write_text(json.dumps({"id": 1, "body": EN}) + "\n", encoding="utf-8")
    assert cli.main(["extract", str(jsonl), "--text-column", "nope"]) == 2
    assert "'id', 'body'" in capsys.readouterr().err


def test_text_column_that_exists_runs(tmp_path, fake_extract, capsys):
    notes = tmp_path / "notes.csv"
    notes.write_text(f'id,body\n1,"{EN}"\n', encoding="utf-8")
    assert cli.main(["extract", str(notes), "--text-column", "body", "--no-progress"]) == 0
    assert "1 rows" in capsys.readouterr().err


def test_run_into_an_existing_file_is_refused_before_any_work(tmp_path, capsys, monkeypatch):
    def never(*a, **k):
        raise AssertionError("the run started")

    monkeypatch.setattr(corpus, "extract_corpus", never)
    target = tmp_path / "existing_file"
    target.write_text("keep me")
    assert cli.main(["run", "-o", str(target)]) == 2
    captured = capsys.readouterr()
    assert str(target) in captured.err and "not a folder" in captured.err
    assert captured.out == "" and target.read_text() == "keep me"


def test_run_into_a_read_only_folder_is_refused_before_any_work(readonly, capsys, monkeypatch):
    monkeypatch.setattr(corpus, "extract_corpus", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    assert cli.main(["run", "-o", str(readonly / "out")]) == 2
    err = capsys.readouterr().err
    assert "not writable" in err and str(readonly) in err and ".tmp" not in err


def test_unwritable_errors_path_is_found_before_the_run(news, readonly, capsys, monkeypatch):
    monkeypatch.setattr(corpus, "write_corpus", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    out = news / "rows.csv"
    assert cli.main(["extract", str(news / "news"), "-o", str(out), "--errors", str(readonly / "e.csv")]) == 2
    err = capsys.readouterr().err
    assert "e.csv" in err and "not writable" in err and str(readonly) in err
    (news / "dir.csv").mkdir()
    assert cli.main(["extract", str(news / "news"), "-o", str(news / "dir.csv"), "--no-progress"]) == 2
    assert "it is a folder" in capsys.readouterr().err


def test_run_without_a_browser_exit_codes_follow_the_table(tmp_path, capsys, fake_extract, monkeypatch):
    # how a machine without Chromium looks to kaleido and to us: BROWSER_PATH names a missing file
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out)]) == 0          # table, row 0
    err = capsys.readouterr().err
    assert "apt-get install -y chromium" in err
    assert list(out.glob("*.html")) and not list(out.glob("*.png"))
    assert cli.main(["run", "--out", str(tmp_path / "strict"), "--strict"]) == 1  # table, row 1
    assert list((tmp_path / "strict").glob("*.html"))


def test_chart_pair_by_name_and_the_pairs_there_are(tmp_path, capsys):
    rows = _rows_file(tmp_path)
    assert cli.main(["chart", str(rows), "--pair", "Kazakhstan", "Uzbekistan", "-o", str(tmp_path / "c.html")]) == 2
    err = capsys.readouterr().err
    assert "KAZ-UZB" in err and "KAZ-SRB (1 row)" in err
    assert cli.main(["chart", str(rows), "--pair", "Kazakhstan", "Serbia", "-o", str(tmp_path / "c.html")]) == 0
    assert cli.main(["chart", str(rows), "--pair", "Сербия", "Казахстан", "-o", str(tmp_path / "d.html")]) == 0
    assert (tmp_path / "c.html").exists() and (tmp_path / "d.html").exists()


def test_chart_into_a_read_only_folder_names_the_folder(tmp_path, readonly, capsys):
    rows = _rows_file(tmp_path)
    assert cli.main(["chart", str(rows), "-o", str(readonly / "c.html")]) == 2
    err = capsys.readouterr().err
    assert str(readonly) in err and ".tmp" not in err


# --- .xlsx output (issue 12) ----------------------------------------------------------------------
def _sheet(path):
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(path).active
    return [[c for c in row] for row in ws.iter_rows()]


def test_extract_to_xlsx_is_formula_safe(news, fake_extract, capsys):
    out = news / "rows.xlsx"
    errors = news / "errors.xlsx"
    assert cli.main(["extract", str(news / "news"), "-o", str(out), "--errors", str(errors), "--no-progress"]) == 0
    cells = _sheet(out)
    header = [c.value for c in cells[0]]
    assert header[:3] == ["source", "published", "indicator"]
    values = [r[header.index("value")].value for r in cells[1:]]
    assert values == [52.9e6, 3.5e6]
    quotes = [r[header.index("quote")] for r in cells[1:]]
    assert all(c.data_type == "s" for c in quotes)
    assert "3 documents, 2 rows, 1 failed" in capsys.readouterr().err
    failed = _sheet(errors)
    assert any("empty file" in str(c.value) for row in failed for c in row)


def test_normalize_to_xlsx_neutralises_formula_cells_and_headers(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text('"=HYPERLINK(""http://x"")",turnover\n"=cmd|\' /C calc\'!A0",52.9M USD\n-5,n/a\n',
                     encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert cli.main(["normalize", str(table), "--column", "turnover", "-o", str(out)]) == 0
    cells = _sheet(out)
    head, first, second = cells[0][0], cells[1][0], cells[2][0]
    for c in (head, first, second):  # shown as written, stored as text, never run
        assert c.data_type == "s" and c.quotePrefix
    assert head.value == '=HYPERLINK("http://x")' and first.value == "=cmd|' /C calc'!A0" and second.value == "-5"
    header = [c.value for c in cells[0]]
    assert cells[1][header.index("turnover_value")].value == 52.9e6
    assert cells[2][header.index("turnover_value")].value is None


def test_xlsx_without_openpyxl_names_the_extra(news, monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name, *a))
    assert cli.main(["extract", str(news / "news"), "-o", str(news / "rows.xlsx")]) == 3
    err = capsys.readouterr().err
    assert "openpyxl" in err and "analysis[xlsx]" in err
    assert not (news / "rows.xlsx").exists()


def test_run_shows_progress_for_extract_and_export_on_request(tmp_path, capsys, fake_extract, monkeypatch):
    pytest.importorskip("tqdm")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    assert cli.main(["run", "--out", str(tmp_path / "quiet"), "--formats", "html"]) == 0
    err = capsys.readouterr().err
    assert "export" not in err and "documents" not in err  # stderr is not a terminal here
    assert cli.main(["run", "--out", str(tmp_path / "loud"), "--formats", "html", "--progress"]) == 0
    err = capsys.readouterr().err
    assert re.search(r"documents: 100%.*\d+/\d+", err), err[-500:]
    assert re.search(r"export: 100%.*\d+/\d+", err), err[-500:]


def test_run_writes_plotlyjs_once_and_its_html_stays_small(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out), "--formats", "html"]) == 0
    pages = list(out.glob("*.html"))
    assert len(pages) >= 3
    assert [p.name for p in out.glob("*.js")] == ["plotly.min.js"]
    assert all('src="plotly.min.js"' in p.read_text("utf-8") for p in pages)
    total = sum(p.stat().st_size for p in pages) + (out / "plotly.min.js").stat().st_size
    assert total < 15_000_000, f"{total / 1e6:.1f} MB of HTML"


def test_run_with_a_hung_browser_falls_back_to_html(tmp_path, capsys, fake_extract, monkeypatch):
    pytest.importorskip("kaleido")
    script = tmp_path / "stuck-chromium"
    script.write_text("#!/bin/sh\nexec sleep 1000\n")
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(script))
    monkeypatch.setattr(export, "write_charts", _with_timeout(export.write_charts, 3))
    out = tmp_path / "out"
    assert cli.main(["run", "--out", str(out), "--formats", "png", "html"]) == 0
    err = capsys.readouterr().err
    assert "ExportTimeoutError" in err and "HTML written instead" in err
    assert list(out.glob("*.html")) and not list(out.glob("*.png"))


def _with_timeout(write_charts, seconds):
    def patched(*args, **kwargs):
        kwargs.setdefault("timeout", seconds)
        return write_charts(*args, **kwargs)

    return patched


# --- `run` on a machine without Chromium, as a user runs it (issue 12) ------------------------------------
def _table_code_for_run_without_chromium(text: str) -> int:
    """The exit code the exit-code table gives to `run` without a Chromium."""
    found = re.search(r"`run` without a Chromium[^`]*?exits (\d+)", text)
    assert found, "the exit-code table must say what `run` without a Chromium exits with"
    return int(found.group(1))


def test_run_with_chromium_hidden_writes_html_says_how_to_install_and_exits_as_the_table_says(tmp_path):
    """The real command in a child process. PATH alone does not hide a browser (kaleido also looks in
    /usr/bin and its own download folder), so BROWSER_PATH names a file that does not exist, and PATH keeps
    only this Python's folder."""
    import os

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    help_text = subprocess.run([sys.executable, "-m", "analysis", "run", "--help"], capture_output=True,
                               text=True, timeout=60, check=False).stdout
    code = _table_code_for_run_without_chromium(cli.EPILOG)
    assert _table_code_for_run_without_chromium(readme) == _table_code_for_run_without_chromium(help_text) == code
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "no-such-chromium"),
           "PATH": str(Path(sys.executable).parent)}
    for extra, expected in (([], code), (["--strict"], cli.EXIT_FAILED)):
        out = tmp_path / f"out{len(extra)}"
        proc = subprocess.run([sys.executable, "-m", "analysis", "run", "--out", str(out), "--no-progress", *extra],
                              capture_output=True, text=True, timeout=300, env=env, check=False)
        assert proc.returncode == expected, proc.stderr[-2000:]
        assert "52.9" in proc.stdout and (out / "tidy.csv").exists()
        assert {p.suffix for p in out.iterdir()} == {".csv", ".html", ".js"}   # HTML charts, no PNG/SVG/PDF
        assert "apt-get install -y chromium" in proc.stderr and "png, svg, pdf not written" in proc.stderr


def test_every_file_the_command_line_writes_honours_the_umask(tmp_path, news):
    # mkstemp makes 0600 files: tidy.csv, the charts, rows.* and --errors were unreadable by the group (issue 12)
    import os
    import stat

    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        for name in ("rows.csv", "rows.jsonl", "rows.parquet", "rows.xlsx"):
            assert cli.main(["extract", str(news), "-o", str(out / name), "--errors", str(out / f"errors-{name}"),
                             "--no-progress"]) == 0
        assert cli.main(["run", "--out", str(out / "run"), "--formats", "html", "--no-progress"]) == 0
        tidy = str(out / "run" / "tidy.csv")
        assert cli.main(["chart", tidy, "--kind", "turnover", "--pair", "KAZ", "SRB", "-o", str(out / "chart.html")]) == 0
        assert cli.main(["consolidate", tidy, "-o", str(out / "facts.xlsx")]) == 0
        assert cli.main(["normalize", tidy, "--column", "quote", "-o", str(out / "normalized.jsonl")]) == 0
    finally:
        os.umask(old)
    modes = {str(p.relative_to(out)): oct(stat.S_IMODE(p.stat().st_mode)) for p in out.rglob("*") if p.is_file()}
    assert len(modes) >= 14 and {"run/tidy.csv", "chart.html", "errors-rows.xlsx"} <= set(modes)
    assert set(modes.values()) == {"0o644"}, modes
