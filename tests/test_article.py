"""HTML articles: only the article's body gives rows (issue 12), and quotes still slice the text we return.

The page in tests/fixtures/html is written like a news site's: a menu with "Trade with Russia rose 99% in
January", a headline "... to eye $10 billion", a related-articles box ("$10 billion investment fund",
"grew 30%"), a footer ("2 million readers"), and one real trade sentence in the body. Before trafilatura,
the menu and the headline became a row KAZ-RUS $10 bn x1.99.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import analysis
from analysis.documents import article, markup, sources

PAGE = Path(__file__).parent / "fixtures" / "html" / "kaz-uzb-trade.html"
BODY = "Kazakhstan's foreign trade with Uzbekistan reached $4.2 billion in 2022"


def _rows(doc):
    return analysis.extract(doc.text, published=doc.published, source=doc.source)


def _only_the_body_figure(doc, rows):
    assert len(rows) == 1, rows[["quote", "value", "multiplier", "partner"]].to_string()
    row = rows.iloc[0]
    assert (row.indicator, row.reporter, row.partner, row.value, row.unit) == \
        ("trade_turnover", "KAZ", "UZB", 4.2e9, "USD")
    assert row.multiplier == pytest.approx(1.084)
    assert doc.text[row.start:row.end] == row.quote == "$4.2 billion"
    visible, _ = markup.html_to_text(PAGE.read_text(encoding="utf-8"))
    assert visible[row.start:row.end] == row.quote  # the offsets point into the page's visible text too


@pytest.fixture
def no_trafilatura(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` now raises ImportError


def test_only_the_article_body_gives_a_row():
    pytest.importorskip("trafilatura")
    doc = sources.read_text_file(PAGE)
    assert article.article_text(PAGE.read_text(encoding="utf-8")).method == "trafilatura"
    assert BODY in doc.text
    for furniture in ("rose 99%", "to eye $10 billion", "$10 billion investment", "grew 30%", "2 million"):
        assert furniture not in doc.text
    _only_the_body_figure(doc, _rows(doc))
    assert doc.published == "2023-02-14T09:30:00+05:00"


def test_the_hand_written_fallback_also_drops_menus_headlines_and_related_links(no_trafilatura):
    a = article.article_text(PAGE.read_text(encoding="utf-8"))
    assert a.method == "structure"
    doc = sources.read_text_file(PAGE)
    assert doc.text == a.text and BODY in doc.text
    _only_the_body_figure(doc, _rows(doc))


def test_a_folder_of_pages_gives_the_body_row_only(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / PAGE.name).write_bytes(PAGE.read_bytes())
    rows, errors = analysis.extract_corpus(tmp_path / "news")
    assert errors.empty
    assert list(rows["quote"]) == ["$4.2 billion"]
    assert rows["source"].iloc[0].endswith(PAGE.name)


def test_the_article_text_is_the_visible_text_with_other_lines_blanked():
    page = PAGE.read_text(encoding="utf-8")
    visible, _ = markup.html_to_text(page)
    text = article.article_text(page).text
    assert len(text) == len(visible) and text.count("\n") == visible.count("\n")
    for kept, full in zip(text.split("\n"), visible.split("\n")):
        assert kept in (full, " " * len(full))


def test_pieces_of_one_block_are_matched_line_by_line():
    pytest.importorskip("trafilatura")
    filler = " ".join(["The ministry published the figures for the year in its monthly bulletin."] * 4)
    page = ("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/t'>Exports rose 99%</a></li>"
            "</ul></nav><article><h1>Trade</h1>"
            f"<p>{filler}</p><p>Exports to Serbia rose 12% to $5.2 billion in 2023,<br>the ministry said.</p>"
            "<ul><li>Grain made up a third of the shipments to Serbia last year.</li>"
            "<li>Metals made up a quarter of the shipments to Serbia last year.</li></ul>"
            f"<p>{filler}</p></article><footer>Ads reach 2 million readers</footer></body></html>")
    a = article.article_text(page)
    assert a.method == "trafilatura"
    kept = [line for line in a.text.split("\n") if line.strip()]
    assert kept == [filler, "Exports to Serbia rose 12% to $5.2 billion in 2023,", "the ministry said.",
                    "Grain made up a third of the shipments to Serbia last year.",
                    "Metals made up a quarter of the shipments to Serbia last year.", filler]


def test_a_fragment_trafilatura_finds_nothing_in_is_kept_by_the_structural_rules():
    a = article.article_text("<p>Exports rose 5% to $2 billion.</p>")
    assert (a.text, a.method) == ("Exports rose 5% to $2 billion.", "structure")
    a = article.article_text("<p>Exports rose 5% to $2 billion.</p><nav>Markets rose 99%</nav>")
    assert a.text.split("\n")[0] == "Exports rose 5% to $2 billion." and "99%" not in a.text


def test_a_page_that_is_all_furniture_is_kept_whole_not_lost():
    a = article.article_text("<nav><a>Exports rose 5% to $2 billion</a></nav>")
    assert (a.text, a.method) == ("Exports rose 5% to $2 billion", "all")


def test_html_lines_mark_headings_and_furniture_by_html_semantics():
    page = ("<header><a>Site</a></header><div role='navigation'><a>Menu</a></div>"
            "<article><header><h2>Head</h2><p>Lede</p></header><p>Body\n  text</p><footer>Notes</footer></article>"
            "<aside><p>Box</p></aside><footer>Site footer</footer><pre>a\nb</pre>")
    lines, _ = markup.html_lines(page)
    got = [(line.text, line.heading, line.furniture) for line in lines]
    assert got == [("Site", False, True), ("Menu", False, True), ("Head", True, False), ("Lede", False, False),
                   ("Body text", False, False), ("Notes", False, False), ("Box", False, True),
                   ("Site footer", False, True), ("a", False, False), ("b", False, False)]
