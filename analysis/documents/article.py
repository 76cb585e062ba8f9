"""An HTML page's article: the main text, without menus, headlines, related links and footers.

trafilatura (a real main-text extractor) decides which blocks of the page are the article; the text we
return is built from :func:`markup.html_lines`, the page's own visible text, so offsets stay exact:

    article_text(page).text   ==   markup.html_to_text(page)[0]   with every line outside the article
                                   replaced by as many spaces (line breaks kept)

Both texts have the same length and the same characters wherever the article is, so a row's
``text[start:end] == quote`` holds for either; the first is :attr:`Document.text` of an ``.html`` file.

trafilatura's blocks are matched back to the visible lines by their characters (spaces and case
ignored), in order. Headings (h1-h6) never count as article text, nor does page furniture by HTML's own
semantics (nav, aside, ARIA menu/banner/footer roles, the site's header and footer). When trafilatura is
not installed, fails or finds nothing, those structural rules alone choose (the hand-written fallback);
when they leave nothing either, the whole visible text is kept, so a page is never lost silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .markup import Line, html_lines, html_to_text  # noqa: F401  (html_to_text: the doctest)

__all__ = ["Article", "article_text"]

METHODS = ("trafilatura", "structure", "all")


@dataclass(frozen=True, slots=True)
class Article:
    """The article's text (the visible text, other lines blanked), its date, and which rule chose it."""

    text: str
    published: str | None
    method: str  # one of METHODS


def article_text(markup: str, *, extractor: bool = True) -> Article:
    """HTML -> :class:`Article`. ``extractor=False`` skips trafilatura (the structural rules only).

    >>> page = ("<nav><a>Exports rose 99%</a></nav><h1>Trade to eye $10 bn</h1>"
    ...         "<p>Exports rose 5%.</p><aside><a>$10 billion fund</a></aside>")
    >>> a = article_text(page, extractor=False)
    >>> a.method, [line for line in a.text.split("\\n") if line.strip()]
    ('structure', ['Exports rose 5%.'])
    >>> len(a.text) == len(html_to_text(page)[0])
    True
    """
    lines, published = html_lines(markup)
    structural = [not (line.heading or line.furniture) for line in lines]
    choices = []
    blocks = _trafilatura_blocks(markup) if extractor and lines else None
    if blocks:
        chosen = _matched(lines, blocks)
        choices.append(("trafilatura", [c and s for c, s in zip(chosen, structural)]))
        choices.append(("trafilatura", [c and not line.heading for c, line in zip(chosen, lines)]))
    choices.append(("structure", structural))
    for method, keep in choices:
        if any(keep):
            return Article(_blank(lines, keep), published, method)
    return Article(_blank(lines, [True] * len(lines)), published, "all")


def _blank(lines: list[Line], keep: list[bool]) -> str:
    """The visible text with each line not kept turned into spaces of its length."""
    return "\n".join(line.text if k else " " * len(line.text) for line, k in zip(lines, keep))


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


def _trafilatura_blocks(markup: str) -> list[str] | None:
    """The keys of the article's blocks as trafilatura finds them, in order; None without it or a result."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        doc = trafilatura.bare_extraction(markup, fast=True, with_metadata=False, include_comments=False,
                                          include_tables=True, include_images=False, include_links=False)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot read: the structural rules choose
        return None
    body = getattr(doc, "body", None)
    if body is None:
        return None
    keys = [_key("".join(el.itertext())) for el in body]
    return [k for k in keys if k] or None


def _matched(lines: list[Line], blocks: list[str]) -> list[bool]:
    """Which visible lines are trafilatura's blocks: whole-block lines matched first (in order), then, between
    two such anchors, lines that are consecutive pieces of the blocks there (a paragraph cut by <br>, list
    items, table cells)."""
    keys = [_key(line.text) for line in lines]
    kept = [False] * len(keys)
    anchors = SequenceMatcher(None, keys, blocks, autojunk=False).get_matching_blocks()
    li = bi = 0
    for a, b, size in anchors:  # the last one is (len, len, 0): it closes the final gap
        _pieces(keys[li:a], blocks[bi:b], kept, li)
        for i in range(a, a + size):
            kept[i] = True
        li, bi = a + size, b + size
    return kept


def _pieces(keys: list[str], blocks: list[str], kept: list[bool], first: int) -> None:
    """Mark lines of one gap that continue the blocks of that gap, walking both in order."""
    if not keys or not blocks:
        return
    b = off = 0
    for i, key in enumerate(keys):
        if not key:
            continue
        hit = _consume(blocks, b, off, key) if off else None
        if hit is None:
            for j in range(b, len(blocks)):
                if blocks[j][0] == key[0] and (hit := _consume(blocks, j, 0, key)) is not None:
                    break
        if hit is not None:
            b, off = hit
            kept[first + i] = True
            if b >= len(blocks):
                return


def _consume(blocks: list[str], b: int, off: int, key: str) -> tuple[int, int] | None:
    """Read `key` from block `b` at `off` on (across block ends); where it stops, or None if it differs."""
    rest = key
    while rest:
        if b >= len(blocks):
            return None
        seg = blocks[b][off:]
        if rest.startswith(seg):
            rest = rest[len(seg):]
            b, off = b + 1, 0
        elif seg.startswith(rest):
            off += len(rest)
            rest = ""
        else:
            return None
    return b, off
