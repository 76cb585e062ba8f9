"""Words and number/period formats for people, per language: "52.9 M USD", "Jan–Sep 2022", "Kazakhstan".

Every word comes from the language's rules file (``[chart_labels]``) or the country and currency tables;
nothing here parses text.

>>> format_value(52.9e6, "USD"), format_value(2.4e9, "EUR")
('52.9 M USD', '2.4 bn EUR')
>>> period_label("2022-01", "2022-09")
'Jan–Sep 2022'
"""
from __future__ import annotations

import functools
import math
import re

from ..frames import is_missing
from ..reading.numbers import scale_step

LANGS = ("en", "ru")   # the languages whose rules file has [chart_labels]


# --- words ---------------------------------------------------------------------------------------
class _LabelBook(dict):
    """Chart words per language, read from `rules/<lang>.toml` ([chart_labels]) on first use."""

    def __missing__(self, lang):
        from ..rules import rules

        raw = rules(lang).table("chart_labels")
        words = {k: v for k, v in raw.items() if not isinstance(v, dict)}
        for key in ("scale", "short"):
            words[key] = {float(x): label for x, label in raw[key].items()}
        words["currency"] = dict(raw.get("currency", {}))
        words["series"] = dict(raw.get("series", {}))
        self[lang] = words
        return words


WORDS = _LabelBook()
def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang






def lang_of(frame, lang: str | None = None) -> str:
    """The chart language: ``lang`` when given, else the language most rows were read in (the frame's
    ``lang`` column, among `LANGS`), else English. A chart of Russian text speaks Russian throughout.

    >>> import pandas as pd
    >>> lang_of(pd.DataFrame({"lang": ["ru", "ru", None]})), lang_of(pd.DataFrame({"lang": ["ru"]}), "en")
    ('ru', 'en')
    """
    if lang is not None:
        return check_lang(lang)
    if frame is None or "lang" not in getattr(frame, "columns", ()):
        return LANGS[0]
    counts = frame["lang"][frame["lang"].isin(LANGS)].value_counts()
    return str(counts.index[0]) if len(counts) else LANGS[0]


def country_name(code, lang: str = "en") -> str:
    if is_missing(code) or code == "":
        return WORDS[check_lang(lang)]["unknown_partner"]
    if str(code) == "WLD":
        return WORDS[check_lang(lang)]["world"]
    return _country_labels(check_lang(lang)).get(str(code)) or str(code)


@functools.cache
def _country_labels(lang: str) -> dict[str, str]:
    """ISO3 -> display name from the ``label_<lang>`` column of rules/countries.tsv (the code when empty)."""
    from ..rules import country_table

    return {row["iso3"]: row.get(f"label_{lang}") or "" for row in country_table()}


def indicator_name(indicator: str, lang: str = "en") -> str:
    return WORDS[check_lang(lang)].get(indicator, str(indicator).replace("_", " "))


def unit_label(unit, lang: str = "en") -> str:
    """'USD' -> 'USD' / 'долл.'; 'count' -> ''; 'percent' -> '%'."""
    if is_missing(unit) or unit in ("count", "number", "ratio"):
        return ""
    if unit == "percent":
        return "%"
    return WORDS[check_lang(lang)]["currency"].get(str(unit), str(unit))


# --- numbers -------------------------------------------------------------------------------------
def digits(x: float, significant: int = 3) -> str:
    """3 significant digits, no exponent, trailing zeros dropped, '.' decimal (localised later)."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    before = int(math.floor(math.log10(abs(x)))) + 1
    decimals = max(0, significant - before)
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def localise(text: str, lang: str) -> str:
    if lang == "ru":  # 1,234.5 -> 1 234,5 (narrow no-break space for thousands)
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def format_value(value, unit=None, lang: str = "en", *, scale: float | None = None) -> str:
    """A number for people: ``format_value(52.9e6, "USD")`` -> "52.9 M USD"; in Russian "52,9 млн долл.".

    Counts below ten thousand are written in full ("36", "1,234"); NaN gives "–".
    """
    lang = check_lang(lang)
    if is_missing(value):
        return "–"
    value = float(value)
    if scale is None:
        scale = 1.0 if (unit == "count" and abs(value) < 1e4) or unit == "percent" else scale_step(value)
    number = localise(digits(value / scale), lang).replace("-", "\u2212")  # a minus sign, not a hyphen
    parts = [number]
    if scale != 1.0:
        parts.append(WORDS[lang]["short"][scale])
    u = unit_label(unit, lang)
    if u == "%":
        return number + ("\u202f%" if lang == "ru" else "%")
    if u:
        parts.append(u)
    return " ".join(parts)


def change_text(multiplier: float, lang: str) -> str:
    """A stated change as a reader says it: ×3.7 for a multiple, "+24%" / "−8%" below twice the base.

    >>> change_text(3.7, "en"), change_text(1.24, "en"), change_text(0.92, "ru")
    ('×3.7', '+24%', '−8\u202f%')
    """
    m = float(multiplier)
    if m >= 2:
        return f"{WORDS[lang]['times']}{localise(digits(m), lang)}"
    pct = (m - 1) * 100
    sign = "+" if pct >= 0 else "\u2212"
    return sign + localise(digits(abs(pct)), lang) + ("\u202f%" if lang == "ru" else "%")


def axis_title(unit, scale: float, lang: str) -> str:
    words = []
    if scale != 1.0:
        words.append(WORDS[lang]["scale"][scale])
    u = unit_label(unit, lang)
    if u:
        words.append(u)
    elif unit == "count":
        words.append(WORDS[lang]["count"])
    return " ".join(words) or WORDS[lang]["value"]


# --- periods -------------------------------------------------------------------------------------
def _ym(s) -> tuple[int, int] | None:
    if is_missing(s):
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(s))
    return (int(m.group(1)), int(m.group(2))) if m else None


def period_label(start, end=None, lang: str = "en") -> str:
    """('2022-01', '2022-09') -> 'Jan–Sep 2022' / 'янв.–сент. 2022'; a full year -> '2022'."""
    lang = check_lang(lang)
    a, b = _ym(start), _ym(end if end is not None else start)
    if a is None and b is None:
        return "?"
    a = a or b
    b = b or a
    months = WORDS[lang]["months"]
    if a == b:
        return f"{months[a[1] - 1]} {a[0]}"
    if a[0] == b[0]:
        if (a[1], b[1]) == (1, 12):
            return str(a[0])
        return f"{months[a[1] - 1]}–{months[b[1] - 1]} {a[0]}"
    if (a[1], b[1]) == (1, 12):
        return f"{a[0]}–{b[0]}"
    return f"{months[a[1] - 1]} {a[0]} – {months[b[1] - 1]} {b[0]}"


def date_label(day, lang: str = "en") -> str:
    """'2022-11-06' -> '6 Nov 2022' / '6 нояб. 2022'; a month '2022-11' -> 'Nov 2022'; '' when unreadable.

    >>> date_label("2022-11-06"), date_label("2024-03-08", "ru"), date_label("2023-05"), date_label("n/a")
    ('6 Nov 2022', '8 марта 2024', 'May 2023', '')
    """
    words = WORDS[check_lang(lang)]
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", "" if is_missing(day) else str(day))
    if not m or not 1 <= int(m.group(2)) <= 12:
        return ""
    year, month = m.group(1), int(m.group(2))
    if not m.group(3):
        return f"{words['months'][month - 1]} {year}"
    return words["date"].format(day=int(m.group(3)), month=words["date_months"][month - 1], year=year)


def span_of(start, end=None):
    """The months a period covers as (first month, last month, number of months) and the year it ends
    in: ('2022-01', '2022-09') -> ((1, 9, 9), 2022). None for a period longer than a year or unreadable.

    >>> span_of("2022-01", "2022-09"), span_of("2021-10", "2022-03"), span_of("2020-01", "2022-12")
    (((1, 9, 9), 2022), ((10, 3, 6), 2022), None)
    """
    a, b = _ym(start), _ym(end if end is not None else start)
    if a is None or b is None:
        return None
    months = (b[0] - a[0]) * 12 + b[1] - a[1] + 1
    if not 1 <= months <= 12:
        return None
    return (a[1], b[1], months), b[0]


def span_period(span, year):
    """The ("YYYY-MM", "YYYY-MM") period of a span ending in ``year`` (the inverse of `span_of`)."""
    first, last, months = span
    start_year = year - (1 if first > last or (months == 12 and first != 1) else 0)
    return f"{start_year}-{first:02d}", f"{year}-{last:02d}"


def span_label(span, lang: str = "en") -> str:
    """(1, 12, 12) -> 'Full year'; (1, 9, 9) -> 'Jan–Sep'; (3, 3, 1) -> 'Mar' (in the language's words)."""
    first, last, months = span
    words = WORDS[check_lang(lang)]
    if months == 12 and first == 1:
        return words["full_year"]
    names = words["months"]
    return names[first - 1] if first == last and months == 1 else f"{names[first - 1]}–{names[last - 1]}"


def series_name(value, lang: str = "en") -> str:
    """A series' words for the legend: 'mirror' -> "Partner's statistics (mirror)" ([chart_labels.series]);
    other values as they are."""
    text = "" if is_missing(value) else str(value)
    return WORDS[check_lang(lang)]["series"].get(text, text)


def month_start(s):
    import pandas as pd

    return pd.Timestamp(f"{s}-01")


def month_end(s):
    import pandas as pd

    return pd.Timestamp(f"{s}-01") + pd.offsets.MonthEnd(0)


