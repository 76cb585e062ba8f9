"""Markup to text: HTML (visible text and the published date) and Markdown."""
from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "figcaption", "main",
          "aside", "nav", "form", "td", "th", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_head = False  # a missing </head> ends at <body>, as in browsers
        self.published: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == "meta" and self.published is None:
            a = dict(attrs)
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "pubdate", "date", "dc.date"):
                self.published = (a.get("content") or "").strip() or None
        elif tag == "time" and self.published is None:
            self.published = (dict(attrs).get("datetime") or "").strip() or None

    def handle_startendtag(self, tag, attrs):
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip and not self.in_head:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def _tidy_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """HTML -> (visible text with one paragraph a line, published date from meta/time tags or None).

    Scripts, styles and the head are dropped; entities are decoded.

    >>> html_to_text("<p>Exports &amp; imports</p><script>alert(1)</script><p>grew</p>")
    ('Exports & imports\\ngrew', None)
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy_lines("".join(parser.parts)), parser.published


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|`)")
_MD_HEAD = re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]\s)\s*", re.M)


def markdown_to_text(text: str) -> str:
    """Markdown -> plain text: links keep their label; emphasis, heading and quote marks go."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPH.sub("", text)
    return _MD_HEAD.sub("", text)
