"""Markup to text: HTML (visible text, one block a line, each line marked heading or page furniture; the
published date) and Markdown."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl", "figcaption", "main",
          "aside", "nav", "form", "td", "th", "title", "figure", "caption", "address", "details", "summary"}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr", "keygen"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# page furniture by HTML's own semantics (tags and ARIA roles), never by a site's class names or words:
# menus, side boxes (related links), and the site's header and footer outside the article
_FURNITURE = {"nav", "aside"}
_FURNITURE_OUTSIDE_ARTICLE = {"header", "footer"}
_FURNITURE_ROLES = {"navigation", "complementary", "banner", "contentinfo", "search", "menu", "menubar"}
_ARTICLE = {"article", "main"}
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_LINE_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page's visible text: a block (paragraph, list item, cell, heading, `<br>` piece)."""

    text: str
    heading: bool = False     # inside h1-h6
    furniture: bool = False   # inside nav, aside, a menu/banner/footer role, or the site's header/footer


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.flags = [False, False]  # the current line's: heading, furniture
        self.stack: list[tuple[str, str]] = []  # open elements: (tag, what it counts as: "", "h", "f", "a", "p")
        self.depth = {"h": 0, "f": 0, "a": 0, "p": 0}
        self.skip = 0
        self.in_head = False  # a missing </head> ends at <body>, as in browsers
        self.published: str | None = None

    # -- lines
    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer.clear()
        pieces = text.split("\n") if self.depth["p"] else [text]
        for piece in pieces:
            piece = _LINE_SPACES.sub(" ", piece).strip()
            if piece:
                self.lines.append(Line(piece, *self.flags))
        self.flags = [False, False]

    def _role(self, tag: str, attrs) -> str:
        role = (dict(attrs).get("role") or "").strip().lower()
        if tag in _HEADINGS:
            return "h"
        if tag in _FURNITURE or role in _FURNITURE_ROLES:
            return "f"
        if tag in _FURNITURE_OUTSIDE_ARTICLE and not self.depth["a"]:
            return "f"
        if tag in _ARTICLE:
            return "a"
        if tag == "pre":
            return "p"
        return ""

    def _push(self, tag: str, kind: str) -> None:
        self.stack.append((tag, kind))
        if kind:
            self.depth[kind] += 1

    def _open(self, tag: str) -> int | None:
        """Where the innermost open `tag` is on the stack, or None (a stray end tag)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                return i
        return None

    def _pop(self, i: int) -> None:
        """Close the element at `i` and every element left open inside it (unclosed <p>, <li>)."""
        for _tag, kind in self.stack[i:]:
            if kind:
                self.depth[kind] -= 1
        del self.stack[i:]

    # -- parser events
    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in _SKIP:
            self.skip += 1
        else:
            kind = self._role(tag, attrs)
            if tag in _BLOCK or kind in ("h", "f"):
                self._flush()
            if tag not in _VOID:
                self._push(tag, kind)
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
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        i = self._open(tag)
        if tag in _BLOCK or (i is not None and self.stack[i][1] in ("h", "f")):
            self._flush()
        if i is not None:
            self._pop(i)

    def handle_data(self, data):
        if self.skip or self.in_head:
            return
        if not self.depth["p"]:
            data = _SPACES.sub(" ", data)  # as a browser shows it: a line break in the source is a space
        self.buffer.append(data)
        if data.strip():
            self.flags[0] |= self.depth["h"] > 0
            self.flags[1] |= self.depth["f"] > 0

    def close(self):
        super().close()
        self._flush()


def html_lines(markup: str) -> tuple[list[Line], str | None]:
    """HTML -> (the visible text's lines, published date from meta/time tags or None).

    >>> lines, _ = html_lines("<nav><a>Markets</a></nav><h1>Trade</h1><p>Exports rose</p>")
    >>> [(line.text, line.heading, line.furniture) for line in lines]
    [('Markets', False, True), ('Trade', True, False), ('Exports rose', False, False)]
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.lines, parser.published


def html_to_text(markup: str) -> tuple[str, str | None]:
    """HTML -> (visible text with one block a line, published date from meta/time tags or None).

    Scripts, styles and the head are dropped; entities are decoded; inside a block, a line break of the
    source is a space (as a browser shows it), except in ``<pre>``.

    >>> html_to_text("<p>Exports &amp; imports</p><script>alert(1)</script><p>grew\\n  fast</p>")
    ('Exports & imports\\ngrew fast', None)
    """
    lines, published = html_lines(markup)
    return "\n".join(line.text for line in lines), published


_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|`)")
_MD_HEAD = re.compile(r"^\s{0,3}(#{1,6}|>+|[-*+]\s)\s*", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Markdown -> plain text: links keep their label; emphasis, heading and quote marks go."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPH.sub("", text)
    return _MD_HEAD.sub("", text)
