"""documents and tables: decoding, HTML to text, document sources, exact round trips, safe and atomic writes."""
from __future__ import annotations

import json
import math
import os
import stat

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from analysis.documents import decode, markup, sources
from analysis import errors, files, tables
from analysis.errors import SchemaError
from analysis.frames import TIDY_COLUMNS, empty_frame, to_frame

RU = "Товарооборот между Казахстаном и Сербией составил 52,9 млн долларов США."
EN = "Trade turnover between the two countries amounted to 52.9 million US dollars."


# ------------------------------------------------------------------------------------------ decoding

@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251"), ("utf-16", "utf-16-le"),
    ("utf-16-be", "utf-16-be"), ("utf-16-le", "utf-16-le"), ("utf-32", "utf-32-le"),
])
def test_decode_bytes_reads_russian_in_each_encoding(encoding, expected):
    text, found = decode.decode_bytes(RU.encode(encoding))
    assert text == RU
    assert found == expected


def test_decode_bytes_utf16_without_bom_english():
    assert decode.decode_bytes(EN.encode("utf-16-le")) == (EN, "utf-16-le")


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (bytes(range(256)) * 4, "binary"),
    (b"plain text\x00with a NUL", "NUL"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 10, "binary"),
])
def test_decode_bytes_refuses_binary_with_a_reason(data, words):
    with pytest.raises(errors.DocumentError) as e:
        decode.decode_bytes(data)
    assert words.lower() in e.value.reason.lower()


def test_decode_bytes_refuses_latin_text_that_is_not_cp1251():
    data = "Exportations en hausse de 25 % à Genève, à Zürich, où déjà".encode("latin-1")
    with pytest.raises(errors.DocumentError, match="encoding"):
        decode.decode_bytes(data)


def test_decode_bytes_honours_a_declared_charset():
    assert decode.decode_bytes(RU.encode("koi8-r"), declared="koi8-r") == (RU, "koi8-r")


def test_html_to_text_drops_scripts_styles_head_and_decodes_entities():
    page = ("<html><head><title>T</title><style>p{}</style></head><body>"
              "<h1>Trade</h1><p>Exports&nbsp;rose &amp; imports <b>fell</b></p>"
              "<script>alert('x')</script><p>Next<br>line</p></body></html>")
    text, published = markup.html_to_text(page)
    assert text == "Trade\nExports rose & imports fell\nNext\nline"
    assert published is None
    assert "alert" not in text


def test_html_to_text_finds_the_publication_date():
    page = '<meta property="article:published_time" content="2022-11-06T10:00:00"><p>x</p>'
    assert markup.html_to_text(page) == ("x", "2022-11-06T10:00:00")


def test_markdown_to_text_keeps_link_labels():
    assert markup.markdown_to_text("# Title\n**Exports** rose, see [the report](http://x).") == \
        "Title\nExports rose, see the report."


# ----------------------------------------------------------------------------------------- documents

def _docs(source, **kw):
    items = list(sources.iter_documents(source, **kw))
    return [d for d in items if isinstance(d, sources.Document)], [e for e in items if isinstance(e, sources.DocError)]


def test_folder_of_mixed_files_and_encodings(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(RU.encode("cp1251"))
    (tmp_path / "c.txt").write_bytes(RU.encode("utf-16"))
    (tmp_path / "d.html").write_bytes(
        f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'.encode("cp1251"))
    (tmp_path / "e.md").write_text(f"## News\n{EN}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.txt").write_text("Exports rose 25%.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff")
    docs, errors = _docs(tmp_path)
    assert errors == []
    names = [d.source.rsplit("/", 1)[-1] for d in docs]
    assert names == ["a.txt", "b.txt", "c.txt", "d.html", "e.md", "f.txt"]
    assert [d.text for d in docs[:4]] == [EN, RU, RU, RU]
    assert docs[4].text == f"News\n{EN}"


def test_bad_files_each_give_an_error_naming_the_file_and_the_others_come_through(tmp_path):
    (tmp_path / "01-good.txt").write_text(EN)
    (tmp_path / "02-empty.txt").write_bytes(b"")
    (tmp_path / "03-blank.html").write_text("<html><body>  <script>x</script></body></html>")
    (tmp_path / "04-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    with open(tmp_path / "05-huge.txt", "wb") as fh:  # 100 MB, sparse: refused by size, never read
        fh.truncate(100 * 1024 * 1024)
    (tmp_path / "06-pdf.txt").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "07-good.txt").write_bytes(RU.encode("cp1251"))
    docs, errors = _docs(tmp_path)
    assert [d.text for d in docs] == [EN, RU]
    reasons = {e.source.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert set(reasons) == {"02-empty.txt", "03-blank.html", "04-binary.txt", "05-huge.txt", "06-pdf.txt"}
    assert "empty" in reasons["02-empty.txt"] and "empty" in reasons["03-blank.html"]
    assert "binary" in reasons["04-binary.txt"]
    assert "too large" in reasons["05-huge.txt"] and "104,857,600" in reasons["05-huge.txt"]
    assert "PDF" in reasons["06-pdf.txt"]


def test_jsonl_broken_lines_are_errors_with_line_numbers(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"text": EN, "published": "2022-11-06", "url": "https://example.org/1"}),
        '{"text": "broken',
        "",
        json.dumps([1, 2]),
        json.dumps({"body": "no text"}),
        json.dumps({"text": RU, "source": "kazinform"}, ensure_ascii=False),
        json.dumps({"text": 5}),
        json.dumps({"text": EN}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "\xff\xfe"}\n')
    docs, errors = _docs(path)
    assert [(d.source, d.published, d.line) for d in docs] == [
        ("https://example.org/1", "2022-11-06", 1), ("kazinform", None, 6), (f"{path}:8", None, 8)]
    assert [(e.line, e.source) for e in errors] == [(2, f"{path}:2"), (4, f"{path}:4"), (5, f"{path}:5"),
                                                     (7, f"{path}:7"), (9, f"{path}:9")]
    assert "invalid JSON" in errors[0].reason and errors[0].reason.startswith("line 2:")
    assert "not an object" in errors[1].reason
    assert "no 'text' field" in errors[2].reason
    assert "not a string" in errors[3].reason
    assert "not UTF-8" in errors[4].reason


def test_jsonl_line_over_the_limit_is_skipped_without_losing_the_next(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": EN}) + "\n")
    docs, errors = _docs(path, max_bytes=1000)
    assert [d.text for d in docs] == [EN]
    assert errors[0].line == 1 and "too large" in errors[0].reason


def test_csv_without_the_text_column_names_file_and_columns(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("title,body\na,b\n")
    docs, errors = _docs(path)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].source == str(path)
    assert "'text'" in errors[0].reason and "'body'" in errors[0].reason


def test_csv_and_parquet_with_a_text_column(tmp_path):
    frame = pd.DataFrame({"content": [EN, RU, None], "published": ["2022-11-06", None, None],
                          "source": [None, "s2", "s3"]})
    frame.to_csv(tmp_path / "t.csv", index=False, encoding="cp1251")
    frame.to_parquet(tmp_path / "t.parquet")
    for name in ("t.csv", "t.parquet"):
        docs, errors = _docs(tmp_path / name, text_column="content")
        assert [d.text for d in docs] == [EN, RU]
        assert [d.source for d in docs] == [f"{tmp_path / name}:row 1", "s2"]
        assert docs[0].published == "2022-11-06"
        assert [(e.source, e.line) for e in errors] == [("s3", 3)]


def test_dataframe_series_and_iterables(tmp_path):
    (tmp_path / "x.txt").write_text(EN)
    docs, errors = _docs([EN, {"text": RU, "source": "s"}, tmp_path / "x.txt", tmp_path / "missing.txt", 3])
    assert [d.source for d in docs] == ["#0", "s", str(tmp_path / "x.txt")]
    assert [e.source for e in errors] == [str(tmp_path / "missing.txt"), "#4"]
    docs, _ = _docs(pd.DataFrame({"text": [EN]}, index=["a"]))
    assert docs == [sources.Document(EN, "#a", None)]
    docs, _ = _docs(pd.Series([RU], index=[7]))
    assert docs == [sources.Document(RU, "#7", None)]
    docs, _ = _docs(tmp_path / "x.txt")
    assert docs[0].line is None


def test_missing_top_level_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope"):
        list(sources.iter_documents(tmp_path / "nope"))


# --------------------------------------------------------------------------------------- round trips

def tricky_frame():
    return to_frame([
        {"source": "a.txt", "published": "2022-11-06", "indicator": "trade_turnover", "reporter": "KAZ",
         "partner": "SRB", "period_start": "2022-01", "period_end": "2022-09", "value": 52.9e6, "unit": "USD",
         "multiplier": 3.7, "compared_start": "2021-01", "compared_end": "2021-09", "base_value": 52.9e6 / 3.7,
         "base_low": 14.11e6, "base_high": 14.49e6, "quote": "«52,9 млн» „quoted“ — “curly” 'single'",
         "start": 10, "end": 60, "lang": "ru", "flags": ""},
        {"source": "b.jsonl:2", "indicator": "exports", "reporter": "NAM", "value": -0.1 - 0.2, "unit": "EUR",
         "quote": "=HYPERLINK(\"http://evil\")\nline two, \"comma\"", "start": 0, "end": 5, "lang": "en",
         "flags": "sum_mismatch;rounded"},
        {"source": "+c", "indicator": "other", "value": float("nan"), "unit": "count", "multiplier": 1e-300,
         "quote": "'@quoted", "start": 3, "end": 4, "lang": "en", "flags": ""},
        {"source": "NA", "indicator": "imports", "value": 1.7976931348623157e308, "unit": "percent",
         "quote": "\t-tab \u200b\u200f zero-width 😀", "start": 0, "end": 1, "lang": "en", "flags": "x"},
    ])


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_tidy_frame_round_trips_exactly(tmp_path, suffix):
    frame = tricky_frame()
    path = tables.write_frame(frame, tmp_path / f"rows.{suffix}")
    back = tables.read_frame(path)
    pd.testing.assert_frame_equal(back, frame)
    assert dict(back.dtypes.astype(str)) == TIDY_COLUMNS


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_empty_tidy_frame_round_trips(tmp_path, suffix):
    path = tables.write_frame(empty_frame(), tmp_path / f"rows.{suffix}")
    pd.testing.assert_frame_equal(tables.read_frame(path, schema=TIDY_COLUMNS), empty_frame())


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_errors_frame_round_trips(tmp_path, suffix):
    errors = sources.errors_frame([sources.DocError("a.jsonl:2", "line 2: invalid JSON", 2), sources.DocError("b.txt", "=bad")])
    path = tables.write_frame(errors, tmp_path / f"errors.{suffix}")
    pd.testing.assert_frame_equal(tables.read_frame(path), errors)


def test_csv_neutralises_formulas_in_the_file(tmp_path):
    path = tables.write_frame(tricky_frame(), tmp_path / "rows.csv")
    raw = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw and ",=HYPERLINK" not in raw and '"=HYPERLINK' not in raw
    assert '\n"\'+c",' in raw  # every text cell quoted (a bare CR stays inside it)
    assert "''@quoted" in raw
    cells = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in [c for c, d in TIDY_COLUMNS.items() if d == "str"]:
        for cell in cells[col]:
            assert not cell or cell[0] not in "=+-@\t\r", (col, cell)


def test_numbers_in_float_columns_are_not_neutralised(tmp_path):
    path = tables.write_frame(tricky_frame(), tmp_path / "rows.csv")
    assert ",-0.30000000000000004," in path.read_text()


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from("'=+-@\t\rab \"«,\n"), max_size=8)),
                min_size=1, max_size=6))
def test_neutralise_then_restore_is_the_identity(cells):
    frame = pd.DataFrame({"quote": pd.Series(cells, dtype="str")})
    neutral = tables.neutralize_formulas(frame)
    assert not neutral["quote"].dropna().str.match(r"[=+\-@\t\r]").any()
    pd.testing.assert_frame_equal(tables.restore_formulas(neutral), frame)


def test_csv_writing_can_keep_formulas_when_asked(tmp_path):
    frame = pd.DataFrame({"x": pd.Series(["=1+1"], dtype="str")})
    path = tables.write_frame(frame, tmp_path / "f.csv", neutralize=False)
    assert path.read_text() == 'x\n"=1+1"\n'  # kept, quoted like every text cell


def test_write_frame_does_not_mutate_its_input(tmp_path):
    frame = tricky_frame()
    before = frame.copy()
    tables.write_frame(frame, tmp_path / "rows.csv")
    pd.testing.assert_frame_equal(frame, before)


def test_pint_columns_are_dequantified_and_quantified_back(tmp_path):
    pint_pandas = pytest.importorskip("pint_pandas")
    frame = pd.DataFrame({"value": pd.Series([52.9, 14.3], dtype="pint[meter]"), "name": ["a", "b"]})
    for suffix in ("csv", "parquet", "jsonl"):
        path = tables.write_frame(frame, tmp_path / f"q.{suffix}")
        plain = tables.read_frame(path)
        assert list(plain.columns) == ["value[m]", "name"]
        back = tables.read_frame(path, quantify=True)
        assert isinstance(back["value"].dtype, pint_pandas.PintType)
        assert back["value"].pint.m.tolist() == [52.9, 14.3]
        assert str(back["value"].pint.units) == "meter"


# -------------------------------------------------------------------------------------------- atomic

def test_atomic_write_leaves_no_half_file(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old complete content\n")
    with pytest.raises(RuntimeError):
        with files.atomic_write(target, "w") as fh:
            fh.write("half a fi")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_honour_the_umask(tmp_path, umask, mode):
    # mkstemp creates 0600 files: rows.csv, tidy.csv and charts were unreadable by the group (issue 12)
    old = os.umask(umask)
    try:
        csv_path = tables.write_frame(tricky_frame(), tmp_path / "rows.csv")
        with files.atomic_write(tmp_path / "chart.svg", "w") as fh:
            fh.write("<svg/>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(csv_path.stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "chart.svg").stat().st_mode) == mode


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit])
def test_atomic_write_removes_its_temp_file_on_any_exit(tmp_path, exc):
    target = tmp_path / "rows.csv"
    with pytest.raises(exc):
        with files.atomic_write(target, "w") as fh:
            fh.write("half")
            raise exc()
    assert list(tmp_path.iterdir()) == []


_HOLD_A_TEMP_FILE = """
import sys, time
from analysis import files, tables
from analysis.frames import empty_frame
target, how = sys.argv[1], sys.argv[2]
if how == "stream":   # the streaming writer `extract -o` uses, mid-run
    with tables.FrameWriter(target) as writer:
        writer.write(empty_frame())
        print("writing", flush=True)
        time.sleep(120)
else:
    with files.atomic_write(target, "w") as fh:
        fh.write("half a fi")
        fh.flush()
        print("writing", flush=True)
        time.sleep(120)
"""


def _writer_holding_a_temp_file(target, how="plain"):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _HOLD_A_TEMP_FILE, str(target), how], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "writing"
    return proc


def _temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("how", ["plain", "stream"])
def test_the_next_write_sweeps_the_temp_file_of_a_sigkilled_writer_but_not_a_running_ones(tmp_path, how):
    # before: a SIGKILLed run left .rows.csv.<random>.tmp beside the target for ever (issue 16)
    import signal

    target = tmp_path / "rows.csv"
    killed = _writer_holding_a_temp_file(target, how)
    running = _writer_holding_a_temp_file(target, how)
    try:
        killed.send_signal(signal.SIGKILL)
        assert killed.wait(10) == -signal.SIGKILL
        left = _temps(tmp_path)
        assert len(left) == 2 and all(f"-{killed.pid}." in n or f"-{running.pid}." in n for n in left), left
        # another target's temp file (a name that merely starts with ours) and the older nameless form stay
        other = tmp_path / f".rows.csv.1.{files._owner_tag()}-{killed.pid}.abcdefgh.tmp"
        legacy = tmp_path / ".rows.csv.k3j_9x2q.tmp"
        other.write_text("another target's")
        legacy.write_text("owner unknown")

        tables.write_frame(tricky_frame(), target)

        assert target.exists()
        assert _temps(tmp_path) == sorted([n for n in left if f"-{running.pid}." in n] + [other.name, legacy.name])
        assert running.poll() is None  # the running writer goes on and still finishes its file
    finally:
        running.kill()
        running.wait(10)
        killed.stdout.close()
        running.stdout.close()


def test_a_temp_file_from_another_machine_or_pid_namespace_is_never_swept(tmp_path):
    target = tmp_path / "chart.svg"
    foreign = tmp_path / f".chart.svg.{int(files._owner_tag(), 16) ^ 1:08x}-999999999.abcdefgh.tmp"
    foreign.write_text("a writer elsewhere on a shared folder")
    assert files.sweep_stale_temp_files(target) == []
    with files.atomic_write(target, "w") as fh:
        fh.write("<svg/>")
    assert foreign.exists()


def test_a_dead_pid_in_this_namespace_is_swept_and_a_live_one_kept(tmp_path, monkeypatch):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    tag = files._owner_tag()
    stale = tmp_path / f".x.csv.{tag}-{dead}.abcdefgh.tmp"
    mine = tmp_path / f".x.csv.{tag}-{os.getpid()}.abcdefgh.tmp"
    stale.write_text("")
    mine.write_text("")
    monkeypatch.setattr(files, "_pid_alive", lambda pid: pid != dead)  # in case the pid was reused meanwhile
    assert files.sweep_stale_temp_files(tmp_path / "x.csv") == [stale]
    assert mine.exists()


def test_streaming_writer_interrupted_leaves_nothing(tmp_path):
    target = tmp_path / "rows.parquet"
    with pytest.raises(KeyboardInterrupt):
        with tables.FrameWriter(target) as writer:
            writer.write(tricky_frame())
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_streaming_writer_appends_chunks(tmp_path):
    frame = tricky_frame()
    for suffix in ("csv", "parquet", "jsonl"):
        with tables.FrameWriter(tmp_path / f"s.{suffix}") as writer:
            writer.write(frame.iloc[:2])
            writer.write(frame.iloc[2:])
        pd.testing.assert_frame_equal(tables.read_frame(tmp_path / f"s.{suffix}"), frame)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.csv, \.parquet or \.jsonl"):
        tables.write_frame(tricky_frame(), tmp_path / "rows.xlsx")


def test_read_frame_with_schema_names_missing_columns(tmp_path):
    path = tables.write_frame(pd.DataFrame({"a": [1]}), tmp_path / "x.csv")
    with pytest.raises(SchemaError, match="'source'"):
        tables.read_frame(path, schema=TIDY_COLUMNS)


def test_jsonl_is_utf8_and_one_object_a_line(tmp_path):
    path = tables.write_frame(tricky_frame(), tmp_path / "rows.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert first["quote"].startswith("«52,9 млн»")
    assert json.loads(lines[2])["value"] is None
    assert not any(isinstance(v, float) and math.isnan(v) for v in first.values())
    assert np.isfinite(first["value"])


def test_count_documents_for_the_progress_bar(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text('{"text": "1"}\n{"text": "2"}\n{"text": "3"}')
    pd.DataFrame({"text": ["a", "b"]}).to_parquet(tmp_path / "c.parquet")
    assert sources.count_documents(tmp_path) == 6
    assert sources.count_documents([tmp_path / "a.txt", tmp_path / "b.jsonl"]) == 4
    assert sources.count_documents(["a", "b"]) == 2
    assert sources.count_documents(iter(["a"])) is None


def test_html_without_closing_head_still_has_a_body():
    text, _ = markup.html_to_text("<html><head><title>T</title><body><p>Exports rose</p>")
    assert text == "Exports rose"


# -------------------------------------------------------------------------------------------- exact text

TEXT_CELLS = ["52.9 million\rUS dollars", "line\nbreak", "cr\r\nlf", 'say "hi"', "", None, "'", "''", "'=1",
              "=HYPERLINK(\"x\")", " lead", "NA", "n/a"]


@pytest.mark.parametrize("suffix", ["csv", "parquet", "jsonl"])
def test_every_text_cell_round_trips(tmp_path, suffix):
    # a bare CR was written unquoted and split the row; "" came back as missing (issue 16)
    frame = pd.DataFrame({"quote": pd.Series(TEXT_CELLS, dtype="str"), "n": np.arange(len(TEXT_CELLS))})
    back = tables.read_frame(tables.write_frame(frame, tmp_path / f"t.{suffix}"),
                             schema={"quote": "str", "n": "int64"})  # JSON Lines has no dtypes of its own
    pd.testing.assert_frame_equal(back, frame)
    assert back["quote"][4] == "" and pd.isna(back["quote"][5])


def test_tidy_rows_with_a_bare_cr_round_trip_through_csv(tmp_path):
    import analysis

    rows = analysis.extract("Trade turnover between Kazakhstan and Serbia reached 52.9 million\rUS dollars in 2022.",
                            source="s")
    path = tables.write_frame(rows, tmp_path / "rows.csv")
    back = tables.read_frame(path)
    pd.testing.assert_frame_equal(back, rows)
    assert (back["flags"] == rows["flags"]).all()


def test_csv_keeps_empty_strings_of_the_tidy_contract(tmp_path):
    frame = tricky_frame()
    frame["flags"] = ""
    back = tables.read_frame(tables.write_frame(frame, tmp_path / "rows.csv"))
    assert back["flags"].tolist() == [""] * len(frame)


def test_formula_headers_are_neutralised_and_restored(tmp_path):
    frame = pd.DataFrame({"=HYPERLINK(\"http://x\")": pd.Series(["a"], dtype="str")})
    path = tables.write_frame(frame, tmp_path / "h.csv")
    assert path.read_text().startswith("\"'=HYPERLINK")  # quoted: the name holds quotes
    pd.testing.assert_frame_equal(tables.read_frame(path), frame)
