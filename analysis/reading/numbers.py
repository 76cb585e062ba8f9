"""Reading the digits of one number, with the language's decimal and group separators.

>>> read_digits("52,9", decimal_comma=True)
(52.9, 1, '')
>>> read_digits("52,900", decimal_comma=False)
(52900.0, 0, '')
>>> read_digits("1 234,5", decimal_comma=True)
(1234.5, 1, '')
>>> read_digits("3, 575.6", decimal_comma=False)
(3575.6, 1, '')
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

# digits grouped by spaces ("52 900 000", "1 234,5") or by one kind of mark ("52,900.5", "52.9"); a group
# comma with a stray space counts only before a decimal point ("USD 3, 575.6 million"), as a list of
# numbers ("3, 575") never has one
DIGITS = r"(?:\d{1,3}(?:, \d{3})+\.\d+|\d{1,3}(?: \d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"

_UNAMBIGUOUS_DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,])")
_UNAMBIGUOUS_GROUP_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d])|\d,\d{3}\.\d")


def uses_decimal_comma(text: str) -> bool:
    """True when a text writes decimals with a comma ("2,1 times") and never groups with one.

    >>> uses_decimal_comma("739,386 mln dollars, 2,1 times more"), uses_decimal_comma("$1,234,567")
    (True, False)
    """
    return bool(_UNAMBIGUOUS_DECIMAL_COMMA.search(text)) and not _UNAMBIGUOUS_GROUP_COMMA.search(text)


def read_digits(token: str, *, decimal_comma: bool, scaled: bool = False) -> tuple[float, int, str]:
    """(value, decimals written, ambiguity note) for a run of digits and separators.

    `decimal_comma` says the text writes "52,9"; `scaled` says a scale word follows ("739,386 mln").
    Returns NaN as value when the marks cannot be a number (a date such as "12.05.2020").
    """
    if ", " in token:
        token = token.replace(", ", ",")
    elif " " in token:
        whole, frac = _split_space(token)
        return float(whole + ("." + frac if frac else "")), len(frac), ""
    marks = re.findall(r"[.,]", token)
    if not marks:
        return float(token), 0, ""
    parts = re.split(r"[.,]", token)
    if len(set(marks)) == 2:
        dec = marks[-1]
        if marks.count(dec) > 1:
            return float("nan"), 0, "mixed separators"
        whole, frac = token.rsplit(dec, 1)
        groups = re.split(r"[.,]", whole)
        if any(len(g) not in (2, 3) for g in groups[1:]):
            return float("nan"), 0, "irregular digit groups"
        return float("".join(groups) + "." + frac), len(frac), ""
    if len(marks) > 1:
        # one mark used many times groups thousands ("1,234,567"; Indian "12,34,567")
        if len(parts[-1]) != 3 or any(len(g) not in (2, 3) for g in parts[1:]) or (marks[0] == "." and len(parts[0]) > 3):
            return float("nan"), 0, "not a number (a date or a list?)"
        return float("".join(parts)), 0, ""
    whole, frac = parts
    mark = marks[0]
    if len(frac) != 3 or whole == "0" or whole == "":
        return float(f"{whole or 0}.{frac}"), len(frac), ""
    if mark == "," and decimal_comma:
        return float(f"{whole}.{frac}"), 3, ""
    if mark == ".":
        if decimal_comma:
            return float(f"{whole}.{frac}"), 3, f"'{token}' read as a decimal; it could group thousands"
        return float(f"{whole}.{frac}"), 3, ""
    if scaled and len(whole) == 3:
        return float(f"{whole}.{frac}"), 3, f"'{token}' before a scale word read as a decimal; it could be {whole}{frac}"
    return float(whole + frac), 0, ""


def _split_space(token: str) -> tuple[str, str]:
    body = token.replace(" ", "")
    m = re.fullmatch(r"(\d+)(?:[.,](\d+))?", body)
    return (m.group(1), m.group(2) or "") if m else (body, "")


def read_words(words: list[str], number_words: dict[str, float], multiplying: dict[str, float],
               joiners: tuple[str, ...] = (), articles: tuple[str, ...] = ()) -> float | None:
    """Value of a run of number words ("seventy-six", "half a", "три", "пятисот"), or None; `articles` are
    the words that are one only before a scale or fraction ("a billion", "a half"), and no number beside others.

    >>> W = {"seventy": 70, "six": 6, "half": .5, "a": 1, "three": 3, "quarters": .25, "two": 2, "hundred": 100}
    >>> read_words(["seventy", "six"], W, {"hundred": 100}), read_words(["half", "a"], W, {}, (), ("a",))
    (76.0, 0.5)
    >>> read_words(["three", "quarters"], W, {}), read_words(["two", "and", "a", "half"], W, {}, ("and",), ("a",))
    (0.75, 2.5)
    """
    total = current = 0.0
    fraction = None
    added = 0.0   # "one and a half", "две с половиной": a fraction after "and" adds to the whole
    seen = joined = False
    if any(number_words.get(w.lower(), 0) >= 1 and w.lower() not in articles for w in words):
        words = [w for w in words if w.lower() not in articles]  # "a six-fold": the article is no number
    for w in words:
        w = w.lower()
        if w in joiners:
            joined = True
            continue
        if w in multiplying:
            current = (current or 1.0) * multiplying[w]
            if multiplying[w] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif w in number_words and number_words[w] < 1 and joined and seen:
            added = number_words[w]
        elif w in number_words and number_words[w] < 1:
            fraction = number_words[w]
        elif w in articles:
            if not seen and fraction is None:
                current, seen = 1.0, True
        elif w in number_words:
            v = number_words[w]
            current = current * v if (v == 100 and 0 < current < 10) else current + v
            seen = True
        else:
            return None
    value = total + current + added
    if fraction is not None:
        return (value or 1.0) * fraction
    return value if seen else None


def scale_step(magnitude: float) -> float:
    """The largest of thousand, million, billion, trillion not above `magnitude` (1 below a thousand).

    >>> scale_step(52.9e6), scale_step(-2.4e9), scale_step(36)
    (1000000.0, 1000000000.0, 1.0)
    """
    for s in (1e12, 1e9, 1e6, 1e3):
        if abs(magnitude) >= s:
            return s
    return 1.0


def times(written: float, scale: float) -> float:
    """written × scale as the decimal the text wrote: 4.1 billion is 4100000000.0, not 4099999999.9999995.

    >>> times(4.1, 1e9), times(33.3, 1e9)
    (4100000000.0, 33300000000.0)
    """
    if scale == 1.0 or not math.isfinite(written):
        return written
    return float(Decimal(repr(written)) * Decimal(repr(scale)))
