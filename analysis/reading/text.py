"""Text clean-up that keeps every offset: each character maps to exactly one character.

>>> fold("52\u00a0900\u2009000 \u2013 \u201cUSD\u201d")
'52 900 000 - "USD"'
"""
from __future__ import annotations

import functools
import re

from ..rules import _alt, rules

# one character in, one character out: offsets into the folded text are offsets into the input
_FOLD = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\u200a": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ", "\u200e": " ", "\u200f": " ",
    "\u202a": " ", "\u202b": " ", "\u202c": " ", "\u202d": " ", "\u202e": " ", "\t": " ", "\r": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u0451": "\u0435", "\u0401": "\u0415",  # ё -> е: Russian texts write both
})

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


# the characters `fold` changes, found by one charset scan: str.translate looks every character up (5x slower)
_FOLDED = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
_FOLD_CHARS = {chr(k): v for k, v in _FOLD.items()}


def fold(text: str) -> str:
    """Unify spaces, dashes, quotes and ё, one character for one, so offsets stay valid."""
    return _FOLDED.sub(lambda m: _FOLD_CHARS[m.group()], text)


def detect_language(text: str) -> str:
    """'ru' when Cyrillic letters outnumber a third of the Latin ones, else 'en'.

    >>> detect_language("товарооборот составил 52,9 млн долларов"), detect_language("trade rose")
    ('ru', 'en')
    """
    cyr = len(CYRILLIC.findall(text[:5000]))
    lat = len(_LATIN.findall(text[:5000]))
    return "ru" if cyr and cyr * 3 >= lat else "en"


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-ZА-Я0-9$€£])|\n\s*\n|(?<=[.!?])\n")


@functools.cache
def _no_split_after() -> tuple[re.Pattern, tuple[tuple[str, str], ...]]:
    """Where a stop ends no sentence, in any language's text: an initial, an abbreviation (rules [language]
    abbreviations: "Mr.", "Aug.", "им."), or an abbreviation that goes on in the next word ("долл. США")."""
    from ..rules import available

    langs = [rules(code).table("language") for code in available()]
    abbreviations = _alt([a for lang in langs for a in lang.get("abbreviations", [])] or ["(?!)"])
    pairs = tuple((a, b) for lang in langs for a, b in lang.get("abbreviation_pairs", []))
    return re.compile(rf"(?:\b[A-ZА-Я]\.|\b(?:{abbreviations})\.)$"), pairs


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences: a stop followed by space and a capital, or a blank line.

    Abbreviations such as "U.S." or "млн." followed by a lower-case word never split.

    >>> t = "Exports rose 5%. Imports fell to $2 bn. in May."
    >>> [t[a:b] for a, b in sentences(t)]
    ['Exports rose 5%.', 'Imports fell to $2 bn. in May.']
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        stops, pairs = _no_split_after()
        if stops.search(before) or any(before.endswith(a) and text.startswith(b, m.end()) for a, b in pairs):
            continue  # "U.S. Treasury", "Aug. 15", "В. Путин"
        end = m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def literal_alternation(words) -> str:
    """A regex for any of `words` taken literally, the longest first as a sorted alternation tries them,
    written as a trie: a position is checked once per character instead of once per word.

    >>> re.fullmatch(literal_alternation(["Minsk", "Minsk region", "Moscow"]), "Minsk region") is not None
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[None] = {}

    def branch(node: dict) -> str:
        # a word ending here is tried after every longer one through this node, as longest-first would
        arms = [re.escape(ch) + branch(child) for ch, child in node.items() if ch is not None]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 and None not in node else "(?:" + "|".join(arms) + ")"
        return body + "?" if None in node else body

    return branch(trie)


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A lookahead `(?=[...])` of every character a match of `pattern` can start with, or None when that is
    no short list (a negated class, a match that may be empty). Put before the pattern, it turns away the
    other positions at one test and changes no match.

    >>> first_chars(r"(?:the\\s+)?Gulf|(?<!South\\s)Sudan|\\d+ bn")
    '(?=[GS\\\\dt])'
    """
    found = _first_set(pattern, flags)
    if found is None:
        return None
    return "(?=[" + "".join(sorted(found)) + "])" if found else "(?!)"


def _first_set(pattern: str, flags: int) -> set[str] | None:
    """The characters (as class syntax: escaped characters, \\d, \\s, ...) a match of `pattern` can start with;
    None when that is no short list."""
    try:
        from re import _constants as C, _parser
    except ImportError:
        return None

    categories = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                  C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}

    def members(items) -> set | None:   # a class's members, written as class syntax
        out = set()
        for o, x in items:
            if o is C.LITERAL:
                out.add(re.escape(chr(x)))
            elif o is C.RANGE and x[1] - x[0] <= 256:
                out |= {re.escape(chr(c)) for c in range(x[0], x[1] + 1)}
            elif o is C.CATEGORY and x in categories:
                out.add(categories[x])
            else:
                return None
        return out

    def chars_of(items) -> tuple[set, bool] | None:   # (first characters, whether it may match empty)
        out: set = set()
        for op, av in items:
            if op in (C.LITERAL, C.IN):
                found = members([(op, av)] if op is C.LITERAL else av)
                return None if found is None else (out | found, False)
            if op is C.ASSERT_NOT and not av[1].data:   # "(?!)" never matches: nothing after it starts a match
                return out, False
            if op in (C.AT, C.ASSERT, C.ASSERT_NOT):   # zero-width: the next item starts the match
                continue
            if op is C.SUBPATTERN and not av[1] & re.I:
                parts, least = [av[-1].data], 1
            elif op is C.ATOMIC_GROUP:
                parts, least = [av.data], 1
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                parts, least = [av[2].data], av[0]
            elif op is C.BRANCH:
                parts, least = [alt.data for alt in av[1]], 1
            else:
                return None
            empty = False
            for part in parts:
                found = chars_of(part)
                if found is None:
                    return None
                out |= found[0]
                empty = empty or found[1]
            if least and not empty:
                return out, False
        return out, True

    try:   # re's own parser: should another Python read it differently, the pattern just goes without a lookahead
        parsed = _parser.parse(pattern, flags)
        if (parsed.state.flags ^ flags) & ~re.U:   # flags set inside the pattern ("(?i)..."): leave it as it is
            return None
        found = chars_of(parsed.data)
    except Exception:
        return None
    if found is None or found[1] or len(found[0]) > 200:
        return None
    return found[0]


def by_first_char(alternatives: list[str], flags: int = 0) -> str:
    r"""`(?:a|b|...)` with the alternatives that can start with the same characters grouped, each group behind a
    lookahead of its characters: a position tries only the group its character opens, not every alternative
    (`re` tries them one by one). Within a group the order is kept; alternatives of different groups never match
    at the same position, so their order does not matter. Unchanged where that cannot be told (a capturing group,
    a first character no short list gives, an alternative that may match empty).

    >>> by_first_char(["mar", "jan", "may", "apr"])
    '(?:(?=[m])(?:(?:mar)|(?:may))|(?=[j])(?:(?:jan))|(?=[a])(?:(?:apr)))'
    """
    plain = "(?:" + "|".join(alternatives) + ")"
    sets = [_first_set(a, flags) for a in alternatives]
    if len(alternatives) < 4 or any(not x or any(_is_category(m) and m not in (r"\d", r"\s") for m in x) for x in sets):
        return plain
    try:
        if any(re.compile(a, flags).groups for a in alternatives):
            return plain   # reordered, groups would change their numbers
    except re.error:
        return plain
    group = list(range(len(alternatives)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(alternatives)):
        for j in range(i):
            if root(i) != root(j) and any(_may_share(x, y, flags) for x in sets[i] for y in sets[j]):
                group[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(alternatives)):
        groups.setdefault(root(i), []).append(i)
    if len(groups) == 1:
        return plain
    return "(?:" + "|".join("(?=[" + "".join(sorted(set().union(*(sets[i] for i in members)))) + "])(?:"
                            + "|".join(f"(?:{alternatives[i]})" for i in members) + ")" for members in groups.values()) + ")"


def _may_share(x: str, y: str, flags: int) -> bool:
    """Whether one character can be matched by both class members `x` and `y` (case-folded under re.I)."""
    if x == y:
        return True
    samples = {"0", " "}   # for the digit and space classes
    for m in (x, y):
        if not _is_category(m):
            c = m[-1]   # an escaped character is its last one
            samples |= {v for v in (c, c.lower(), c.upper()) if len(v) == 1}
    return any(re.fullmatch(f"[{x}]", c, flags) and re.fullmatch(f"[{y}]", c, flags) for c in samples)


def _is_category(member: str) -> bool:
    return member.startswith("\\") and member[1:].isalpha()


def any_of(patterns, prefix: str = "") -> re.Pattern:
    """A zero-width pattern that matches where any of `patterns` (all starting with `prefix`, all of the
    same flags) would: the `lead` for `finditer_each`."""
    flags = {p.flags for p in patterns} or {0}
    assert len(flags) == 1 and all(p.pattern.startswith(prefix) for p in patterns)
    body = "|".join(f"(?:{p.pattern[len(prefix):]})" for p in patterns) or "(?!)"
    flags = flags.pop()
    return re.compile(f"{first_chars(body, flags) or ''}{prefix}(?={body})", flags)


def finditer_each(patterns, lead: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> list[list]:
    """`[list(p.finditer(text, pos, endpos)) for p in patterns]` in one scan of the text: `lead` (their
    `any_of`) finds where any of them matches, and each is tried only there. A list, not a dict by pattern: a
    Pattern's hash reads its whole compiled code (3-4 us for an indicator's)."""
    endpos = len(text) if endpos is None else endpos
    starts = [m.start() for m in lead.finditer(text, pos, endpos)]
    out = []
    for p in patterns:
        found, after = [], pos
        for s in starts:
            m = p.match(text, s, endpos) if s >= after else None
            if m is None:
                continue
            if m.end() == s:   # an empty match: finditer's own rules, rare enough
                found = list(p.finditer(text, pos, endpos))
                break
            found.append(m)
            after = m.end()
        out.append(found)
    return out


def escape_html(text) -> str:
    """Text from an article made safe for HTML (titles, hover labels, highlighted views).

    >>> escape_html('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    import html

    return html.escape("" if text is None else str(text), quote=True)
