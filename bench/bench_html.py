"""How long does one 100 KB news page take: HTML to text, and HTML to tidy rows (issue 12)?

    python bench/bench_html.py [--kb 100] [--repeat 7]

The page is made here, shaped like a news site's: an inline analytics script and JSON state in the head,
a menu of 150 links, breadcrumbs, the article (a headline, 30 paragraphs of trade sentences), a related-
articles box of 40 links, a footer of 60 links; padded to the size asked with more menu and script. Prints
the best time of each step and the rows found (menus and related links should give none).
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Kazakhstan's foreign trade with Uzbekistan reached $4.2 billion in 2022, up 8.4% from the previous year.",
    "Exports of grain to Uzbekistan rose by 12% to $350 million in the first half of 2023.",
    "The ministry said machinery and metals made up most of the shipments across the border.",
    "Officials expect the new logistics hub to cut delivery times by a third over the next two years.",
    "Imports from Uzbekistan, mostly fruit, textiles and cars, grew 5.1% to $1.6 billion.",
]


def make_page(kb: int = 100) -> str:
    menu = "".join(f'<li class="menu-item"><a href="/section/{i}/" data-track="menu-{i}">Section {i} rose 99%</a></li>'
                   for i in range(150))
    related = "".join(f'<li><a href="/a/{i}"><img src="/i/{i}.jpg" alt="">Fund of $10 billion number {i}</a></li>'
                      for i in range(40))
    footer = "".join(f'<li><a href="/f/{i}">Footer link {i}</a></li>' for i in range(60))
    body = "".join(f'<p class="story-paragraph">{SENTENCES[i % len(SENTENCES)]}</p>' for i in range(30))
    state = json.dumps({"articles": [{"id": i, "title": f"Story {i} about $5 billion", "tags": ["trade"] * 5}
                                     for i in range(60)]})
    head = (f"<head><meta charset='utf-8'><title>Trade | Daily</title>"
            f"<meta property='article:published_time' content='2023-02-14T09:30:00Z'>"
            f"<script>window.__STATE__ = {state};</script><style>.a{{color:red}}</style></head>")
    page = (f"<!DOCTYPE html><html lang='en'>{head}<body><header class='site'><nav class='menu'><ul>{menu}</ul>"
            "</nav></header><main><ol class='breadcrumbs'><li><a href='/'>Home</a></li><li>Economy</li></ol>"
            "<article><header><h1>Kazakhstan-Uzbekistan trade to eye $10 billion</h1><p class='byline'>By A. B."
            f"</p></header><div class='body'>{body}</div><aside class='related'><h2>Related</h2><ul>{related}</ul>"
            f"</aside></article></main><footer><ul>{footer}</ul></footer>")
    pad = kb * 1024 - len(page.encode()) - len("</body></html>")
    if pad > 0:
        page += "<script>var pad = '" + "x" * max(0, pad - 40) + "';</script>"
    return page + "</body></html>"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    import analysis
    from analysis.documents.sources import read_text_file

    page = make_page(args.kb)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(page, encoding="utf-8")
        doc = read_text_file(path)
        analysis.extract(doc.text, published=doc.published)  # warm the rules and regexes
        read_s = best(lambda: read_text_file(path), args.repeat)
        rows = analysis.extract(doc.text, published=doc.published)
        extract_s = best(lambda: analysis.extract(read_text_file(path).text, published=doc.published), args.repeat)
    print(f"page {len(page.encode()) / 1024:.0f} KB ({analysis.__file__})")
    print(f"read_text_file (HTML -> text): {read_s * 1e3:.1f} ms; text {len(doc.text.strip()):,} characters")
    print(f"read + extract (HTML -> rows): {extract_s * 1e3:.1f} ms; {len(rows)} rows; "
          f"{sum('99%' in q or '10 billion' in q for q in rows['quote'])} from the menu, headline or related links")


if __name__ == "__main__":
    main()
