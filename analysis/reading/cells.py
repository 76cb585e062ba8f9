"""Table cells: one figure per cell as spreadsheets write it (`read_cell`), and the unit a header states.

A cell is not free text. A lone "52.9" or "1999" is a number (the text scanner skips those as dates and
years), "(1.2)" is an accounting negative, "$-5m" is minus five million dollars, and "", "n/a", "—", ".."
are the statistical offices' marks for "no value" (rules: ``[cells] missing``), read as missing without
an error. A column's unit and scale (``unit="USD", scale=1e6``, or `hint_from_header("Exports, USD mn")`)
apply to the cells that do not state their own.

>>> read_cell("(1.2)")
(-1.2, None, nan, 'number', '')
>>> read_cell("52.9", unit="USD", scale=1e6)
(52900000.0, 'USD', nan, 'money', '')
>>> hint_from_header("Exports, USD mn")
{'unit': 'USD', 'scale': 1000000.0}
"""
from __future__ import annotations

import decimal
import functools
import math
import numbers
import re

from ..errors import ParseError
from ..rules import _alt, available, rules
from .currency import currencies, currency_codes, resolve_currency
from .figures import _LOWER_CODES, parse
from .numbers import DIGITS, read_digits
from .text import fold

NAN = math.nan
MISSING = (NAN, None, NAN, "missing", "")   # (value, unit, multiplier, kind, error)
UNIT_WORDS = ("percent", "count")            # the units besides ISO 4217 currency codes

_PLAIN = re.compile(rf"([+-]?) ?({DIGITS}|\d*[.,]\d+|\d+(?:\.\d+)?[eE][+-]?\d+)")
_PARENS = re.compile(r"\((.*)\)", re.S)
_SIGN_AFTER = re.compile(r"([^\d\s+-][^\d]*?) ?- ?(?=\d)")   # "$-5m", "USD -5m": the sign after the currency


def _error(reason: str) -> tuple:
    return (NAN, None, NAN, None, reason)


@functools.cache
def missing_markers() -> frozenset[str]:
    """The cells that mean "no value", from every language's ``[cells] missing`` (folded, lower case)."""
    out = {""}
    for lang in available():
        out.update(fold(m).strip().lower() for m in rules(lang).words("cells", "missing"))
    return frozenset(out)


# ---------------------------------------------------------------------------------------------
# hints: the unit and scale a column states once for all its cells


@functools.cache
def _scale_words() -> tuple[tuple[re.Pattern, float], ...]:
    out = []
    for lang in available():
        r = rules(lang)
        out += [(p, f) for p, f in r.scales]
        out += [(re.escape(w), float(f)) for f, ws in r.table("cells").get("header_scales", {}).items() for w in ws]
    return tuple((re.compile(p, re.I), f) for p, f in sorted(out, key=lambda pf: len(pf[0]), reverse=True))


def scale_factor(scale) -> float:
    """A scale hint as a factor: a number (1e6) or a scale word of any language ("million", "млн", "bn").

    >>> scale_factor("million"), scale_factor("тыс."), scale_factor(1e9), scale_factor(None)
    (1000000.0, 1000.0, 1000000000.0, 1.0)
    """
    if scale is None:
        return 1.0
    if isinstance(scale, numbers.Real | decimal.Decimal) and not isinstance(scale, bool):
        factor = float(scale)
        if not math.isfinite(factor) or factor <= 0:
            raise ValueError(f"scale must be a positive finite number or a scale word, got {scale!r}")
        return factor
    if isinstance(scale, str):
        written = fold(scale).strip()
        try:
            return scale_factor(float(written))
        except ValueError:
            pass
        for pattern, factor in _scale_words():
            if pattern.fullmatch(written):
                return factor
        raise ValueError(f"scale {scale!r} is not a number or a scale word (e.g. 'thousand', 'million', 'bn', "
                         f"or 1e6)")
    raise TypeError(f"scale must be a number or a scale word, not {type(scale).__name__}")


def unit_code(unit) -> str | None:
    """A unit hint as the package's unit: an ISO 4217 code (any case, or a currency as written: "US$",
    "рублей"), "percent" (also "%") or "count"; None stays None. ValueError names what is accepted.

    >>> unit_code("usd"), unit_code("рублей"), unit_code("%"), unit_code(None)
    ('USD', 'RUB', 'percent', None)
    """
    if unit is None:
        return None
    if not isinstance(unit, str):
        raise TypeError(f"unit must be a string such as 'USD', 'percent' or 'count', not {type(unit).__name__}")
    written = fold(unit).strip()
    if written.lower() in UNIT_WORDS:
        return written.lower()
    if written.upper() in currency_codes():
        return written.upper()
    for lang in available():
        if any(re.fullmatch(p, written, re.I) for p in rules(lang).words("percent", "words")):
            return "percent"
        code = resolve_currency(written, lang)
        if code is not None and code[1] == 1.0 and not code[0].startswith("?"):
            return code[0]
    raise ValueError(f"unit {unit!r} is not an ISO 4217 currency code, a currency name, 'percent' or 'count'")


@functools.cache
def _header_readers(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    r = rules(lang)
    word = r"(?<![^\W\d_])(?:{})(?![^\W\d_])"
    symbols = _alt(c.pattern for c in currencies() if c.kind == "symbol" and not c.code.startswith("?"))
    names = _alt(c.pattern for c in currencies() if c.kind == lang and not c.code.startswith("?"))
    scales = _alt([p for p, _ in r.scales] + [re.escape(w) for ws in r.table("cells").get("header_scales", {}).values()
                                              for w in ws])
    codes = _alt(sorted(currency_codes()))
    # a code or a symbol may carry its scale glued on ("USDm", "US$bn", "$000s")
    money = (rf"(?<![^\W\d_])(?P<code>{codes})(?P<glued>{scales})?(?![^\W\d_])"
             rf"|(?P<symbol>{symbols})|{word.format(names)}")
    return (re.compile(money, re.I), re.compile(rf"(?:(?<![^\W\d_])|(?<=\d))(?:{scales})(?![^\W\d_])", re.I),
            re.compile(word.format(_alt(r.words("percent", "words"))), re.I),
            re.compile(word.format(_alt(r.words("counts", "nouns"))), re.I))


def hint_from_header(header: str) -> dict:
    """The unit and scale a column header states, as keyword arguments for `normalize`.

    Reads currencies (codes, symbols, names of any language), scale words ("mn", "тыс.", "'000") and
    percent or count words anywhere in the header; returns ``{"unit": ..., "scale": ...}`` with only the
    keys found (``{}`` for a header that states neither). A header naming two different units or scales
    ("USD and EUR") is ambiguous: ValueError naming them, so a column is never read with a guessed unit.

    >>> hint_from_header("Экспорт, млн долл. США"), hint_from_header("Growth, %"), hint_from_header("Country")
    ({'unit': 'USD', 'scale': 1000000.0}, {'unit': 'percent'}, {})
    >>> normalize(["52.9"], **hint_from_header("Exports, US$ '000"))["value"].tolist()  # doctest: +SKIP
    [52900.0]
    """
    if not isinstance(header, str):
        raise TypeError(f"hint_from_header() needs the header as a str, not {type(header).__name__}")
    text = fold(header)
    units: dict[str, str] = {}
    scales: dict[float, str] = {}
    for lang in available():
        money, scale, percent, count = _header_readers(lang)
        for m in money.finditer(text):
            found = m.group(0)
            if m.group("symbol") and found[-1].isalpha() and text[m.end():m.end() + 1].isalpha():
                continue  # a letter symbol ("TL", "RM") inside a word
            if m.group("code"):
                written = m.group("code")
                if written.islower() and written not in _LOWER_CODES:
                    continue  # "all", "try", "cup": English words, not codes
                units.setdefault(written.upper(), found)
                if m.group("glued"):
                    scales.setdefault(scale_factor(m.group("glued")), m.group("glued"))
                continue
            code = resolve_currency(found, lang)
            if code is not None and code[1] == 1.0:
                units.setdefault(code[0], found)
        for m in scale.finditer(text):
            scales.setdefault(scale_factor(m.group(0)), m.group(0))
        for pattern, unit in ((percent, "percent"), (count, "count")):
            m = pattern.search(text)
            if m:
                units.setdefault(unit, m.group(0))
    for what, found in (("unit", units), ("scale", scales)):
        if len(found) > 1:
            listed = ", ".join(f"{v!r} ({k:g})" if what == "scale" else f"{v!r} ({k})" for k, v in found.items())
            raise ValueError(f"header {header!r} names more than one {what}: {listed}; pass {what}= yourself")
    out: dict = {}
    if units:
        out["unit"] = next(iter(units))
    if scales:
        out["scale"] = next(iter(scales))
    return out


# ---------------------------------------------------------------------------------------------
# one cell


def read_cell(cell, unit: str | None = None, scale: float = 1.0) -> tuple:
    """(value, unit, multiplier, kind, error) for one table cell; never raises.

    `unit` ("USD", "percent", "count" or None) and `scale` (a factor) are the column's hints, already
    checked by `unit_code` and `scale_factor`: a bare number takes both, an amount without a scale word of
    its own ("$52.9", "52.9 bn" has one) takes the scale, and a cell's own currency wins over the hint.
    Missing cells (None, NaN, "", "n/a", ...) have kind "missing" and no error.
    """
    if isinstance(cell, str):
        try:
            return _read_text(cell, unit, scale)
        except Exception as exc:  # one bad cell never sinks the column
            return _error(f"internal error: {exc!r}")
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return MISSING
    if isinstance(cell, bool) or type(cell).__name__ == "bool_":
        return _error("not a figure: bool")
    if isinstance(cell, numbers.Real | decimal.Decimal):
        value = float(cell)
        if math.isnan(value):
            return MISSING
        if not math.isfinite(value):
            return _error(f"not a finite number: {cell!r}")
        return _hinted(value, unit, scale)
    if type(cell).__name__ in ("NAType", "NaTType"):
        return MISSING
    return _error(f"not a string: {type(cell).__name__}")


def _hinted(value: float, unit: str | None, scale: float) -> tuple:
    """A bare number with the column's hints."""
    if unit == "percent":
        return (value, "percent", NAN, "percent", "")
    value *= scale
    if not math.isfinite(value):
        return _error("number too large")
    if unit is None:
        return (value, None, NAN, "number", "")
    return (value, unit, NAN, "count" if unit == "count" else "money", "")


def _read_text(cell: str, unit: str | None, scale: float) -> tuple:
    s = fold(cell).strip()
    if s.lower() in missing_markers():
        return MISSING
    if len(s) > 1000:
        return _error(f"{len(s)} characters is too long for one figure")
    negate = False
    m = _PARENS.fullmatch(s)
    if m:
        s, negate = m.group(1).strip(), True   # "(1.2)": the accountants' minus
        if not s:
            return _error("empty parentheses")
    m = _PLAIN.fullmatch(s)
    if m:
        sign, token = m.groups()
        if "e" in token.lower():
            value, note = float(token), ""
        elif token[0] in ".,":
            value, note = float("0." + token[1:]), ""
        else:
            value, _, note = read_digits(token, decimal_comma=False)
        if math.isnan(value):
            return _error(note or "not a number")
        if sign == "-" and negate:
            return _error("both a minus sign and parentheses")
        return _hinted(-value if sign == "-" or negate else value, unit, scale)
    m = _SIGN_AFTER.match(s)
    if m and _is_currency(m.group(1)):
        s = "-" + m.group(1) + s[m.end():]
    try:
        f = parse(s)
    except ParseError as exc:
        return _error(exc.reason)
    value, kind, own_unit = f.value, f.kind, f.unit
    if kind in ("number", "count") and s.startswith("-") and f.span[0] <= 1 and value > 0:
        value = -value   # the text reader keeps a sign for amounts only: "-5 bn" in a cell is minus
    if negate:
        if kind == "ratio":
            return _error("a change in parentheses: not an accounting negative")
        if value < 0:
            return _error("both a minus sign and parentheses")
        value = -value
    if kind in ("ratio", "percent"):
        return (value, own_unit, f.multiplier, kind, "")
    if kind == "number":
        if f.scale != 1.0:
            scale = 1.0  # "52.9 bn" states its own scale
        return _hinted(value, unit, scale)
    if f.scale == 1.0:
        value *= scale
    if not math.isfinite(value):
        return _error("number too large")
    return (value, own_unit, NAN, kind, "")


@functools.lru_cache(maxsize=1024)
def _is_currency(written: str) -> bool:
    written = written.strip()
    return any(resolve_currency(written, lang) is not None for lang in available())
