"""The source note under a chart: the outlets and statistics offices a reader can look up, with the dates
of the articles ("Sources: Kazinform, 6 Nov 2022; Bureau of National Statistics of Kazakhstan"), wrapped
to lines that fit the figure. Never a file path, a URL or a code hint: a URL becomes its outlet's name
(`rules/outlets.tsv`, else the host), a file path names no outlet and is left out.
"""
from __future__ import annotations

import functools
import re

from .labels import WORDS, check_lang, date_label

NOTE_CHARS = 130   # characters per line of the note at 11 px on a 900 px figure
NOTE_LINES = 3     # at most this many lines; the outlets that do not fit are counted ("and 4 more")
_ENTRY_CHARS = 110

_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s;,()<>\"']+", re.IGNORECASE)
_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)   # a bare web host: "dw.com", "en.trend.az"
_FILE_EXT = r"\.(?:csv|tsv|xlsx?|jsonl?|parquet|html?|txt|md|py|ipynb|pdf|zip|gz|xml)\b"
# a path (absolute, relative with 2+ slashes, or a data file), a commit hash, a Python name or call
_CODE = re.compile(
    r"(?:^|(?<=\s))(?:[~.]?[\\/]|[A-Za-z]:\\)\S*"       # /data/raw/x, ~/x, ./x, C:\x
    r"|\S*[\\/]\S*[\\/]\S*"                            # a/b/c
    r"|\S+" + _FILE_EXT +                              # kz-2022.csv
    r"|@[0-9a-f]{7,40}\b"                              # @793f9b9
    r"|\b[A-Za-z_]\w*\.[a-z_]\w*\(|\b[A-Za-z_]\w*\(\)"  # analysis.to_currency( / fix()
    r"|\banalysis\.[a-z_]\w*",
    re.IGNORECASE)


@functools.cache
def _outlet_names(lang: str) -> dict[str, str]:
    from ..rules import outlet_table

    return {row["host"].lower(): row.get(f"label_{lang}") or row["label_en"] for row in outlet_table()}


def host_name(url: str, lang: str = "en") -> str:
    """An outlet's name for a URL: `rules/outlets.tsv` by host or a parent domain, else the host without
    "www.".

    >>> host_name("https://www.inform.kz/en/x_a3998179"), host_name("https://rus.baq.kz/x", "ru")
    ('Kazinform', 'BAQ.kz')
    >>> host_name("https://news.example.org/a/b")
    'news.example.org'
    """
    from urllib.parse import urlsplit

    url = url if "://" in url else "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    names = _outlet_names(check_lang(lang))
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = names.get(".".join(parts[i:]))
        if name:
            return name
    return host


def outlet(source, lang: str = "en") -> str:
    """A reader's name for a source: an outlet for a URL, the text itself for a name, "" for a file path
    (a path names no outlet); URLs, paths, hashes and code inside a longer name are dropped, and the name
    is cut where they began.

    >>> outlet("https://www.reuters.com/markets/x"), outlet("/data/raw/kz-2022.html"), outlet("Kazinform")
    ('Reuters', '', 'Kazinform')
    >>> outlet("dw.com"), outlet("BAQ.kz"), outlet("news.example.org"), outlet("kz-2022.html")
    ('DW', 'BAQ.kz', 'news.example.org', '')
    >>> outlet("BNS dataset 446905 as processed in github.com/a/b data/x.csv @793f9b92714b45")
    'BNS dataset 446905'
    >>> outlet("Srbija danas (sd.rs), 12 Nov 2016"), outlet("convert with analysis.to_currency")
    ('Srbija danas (sd.rs), 12 Nov 2016', '')
    """
    if not isinstance(source, str):
        return ""
    text = " ".join(source.split())
    if _URL.fullmatch(text) or (_HOST.fullmatch(text) and not re.search(_FILE_EXT + "$", text, re.IGNORECASE)):
        return host_name(text, lang)
    text = _URL.sub(lambda m: host_name(m.group(0), lang), text)
    cut = _CODE.search(text)
    if cut:
        text = text[: cut.start()]
        # what led up to the path ("as processed in", "convert with") goes with it
        words = text.split()
        while words and (words[-1].islower() or not any(ch.isalnum() for ch in words[-1])):
            words.pop()
        text = " ".join(words)
    return text.strip(" ,;:-")


def _entries(frame, lang: str) -> list[str]:
    """'Outlet, 6 Nov 2022' per outlet (its latest article), news first, then names without a date;
    the copies a consolidated fact merged (its ``sources`` JSON) count as well."""
    import json

    dated: dict[str, str] = {}
    undated: dict[str, None] = {}

    def add(raw, day):
        name = outlet(raw, lang)
        if not name:
            return
        day = str(day)[:10] if isinstance(day, str) else (str(day)[:10] if hasattr(day, "year") else "")
        if day and date_label(day, lang):
            if name not in dated or day > dated[name]:
                dated[name] = day
        else:
            undated.setdefault(name)

    cols = frame.columns
    pub = list(frame["published"]) if "published" in cols else [None] * len(frame)
    names = [None] * len(frame)
    for col in ("source", "source_name"):  # the name a table gives wins over its URL
        if col in cols:
            names = [n if isinstance(n, str) and n.strip() else old for n, old in zip(frame[col], names)]
    for name, day in zip(names, pub):
        add(name, day)
    if "sources" in cols:
        for listed in frame["sources"]:
            if isinstance(listed, str) and listed.startswith("["):
                for copy in json.loads(listed):
                    add(copy.get("source"), copy.get("published"))
    out: list[str] = []
    for text in [f"{n}, {date_label(d, lang)}" for n, d in dated.items()] + [n for n in undated if n not in dated]:
        text = text if len(text) <= _ENTRY_CHARS else text[: _ENTRY_CHARS - 1] + "…"
        # "Kazinform, 6 Nov 2022, citing the ministry" says again what "Kazinform, 6 Nov 2022" said
        if any(text == o or text.startswith((o + ",", o + " ")) for o in out):
            continue
        longer = [i for i, o in enumerate(out) if o.startswith((text + ",", text + " "))]
        if longer:  # keep the shorter, in the longer one's place
            out[longer[0]] = text
            out = [o for i, o in enumerate(out) if i not in longer[1:]]
        else:
            out.append(text)
    return out


def _wrap(text: str, chars: int) -> list[str]:
    """The note's lines on a 900 px chart (escaped), as `layout.finish` will wrap them."""
    from .layout import WIDTH, escape_html, note_width, wrap_px

    return wrap_px(escape_html(text), note_width(WIDTH), chars=chars)


def source_note(frame, source=None, lang: str = "en", *, chars: int = NOTE_CHARS, lines: int = NOTE_LINES) -> str:
    """The note under a chart as plotly text: "Sources: Kazinform, 6 Nov 2022; Trend, 1 Mar 2023", as many
    outlets as fit ``lines`` lines of ``chars`` characters on a 900 px chart, the rest counted ("and 3
    more"). ``source`` given: that text instead (escaped, cut to ``lines``). "" when nothing is known.
    One paragraph, unwrapped: `layout.finish` wraps it to the chart's width (and `layout.resize` to another)."""
    words = WORDS[check_lang(lang)]
    if source is not None:
        text = f"{words['source']}: {source}" if source else ""
        wrapped = _wrap(text, chars)
        if len(wrapped) > lines:
            wrapped = wrapped[:lines]
            wrapped[-1] = wrapped[-1][: chars - 1] + "…"
        return " ".join(wrapped)
    entries = _entries(frame, lang) if frame is not None else []
    if not entries:
        return ""
    label = words["sources"] if len(entries) > 1 else words["source"]
    kept = len(entries)
    while kept > 1:
        more = len(entries) - kept
        text = f"{label}: " + "; ".join(entries[:kept]) + (f" {words['more'].format(more)}" if more else "")
        if len(_wrap(text, chars)) <= lines:
            break
        kept -= 1
    more = len(entries) - kept
    text = f"{label}: " + "; ".join(entries[:kept]) + (f" {words['more'].format(more)}" if more else "")
    return " ".join(_wrap(text, chars)[:lines])
