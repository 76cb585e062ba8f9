"""Figures: one number with what it measures. `parse` reads one, `scan` finds every one in a text.

>>> f = parse("52.9 million US dollars")
>>> f.value, f.unit, f.kind, f.precision
(52900000.0, 'USD', 'money', 50000.0)
>>> parse("в 3,7 раза").multiplier
3.7
>>> parse("up 25%").multiplier
1.25
"""
from __future__ import annotations

import math
from decimal import Decimal
import re
from dataclasses import dataclass, field, replace

from ..errors import ParseError
from .currency import candidates, resolve_currency
from .cues import _distance, _nearest_cue, cue_before
from .figure_grammar import _Readers, _readers, _scale_value
from .numbers import read_digits, read_words, uses_decimal_comma
from .numbers import times as _times
from .text import detect_language, fold

KINDS = ("money", "count", "percent", "ratio", "number")
# codes that are safe to read in lower case ("usd 200"); "try", "all", "cup" are English words
_LOWER_CODES = frozenset("usd eur gbp rmb cny jpy rub kzt inr cad aud chf hkd nzd mxn sgd uah uzs azn gel kgs tnd rsd".split())


@dataclass(frozen=True)
class Figure:
    """One figure read from text: the value in base units next to the raw text it came from."""

    value: float
    unit: str | None           # ISO 4217 code, "count", "percent", "ratio" or None
    kind: str                  # money | count | percent | ratio | number
    raw: str
    span: tuple[int, int]
    precision: float           # half a unit of the last digit written, in the units of `value`
    multiplier: float = math.nan   # new / old, for growth figures
    alt_multiplier: float = math.nan  # the other reading of "3.7 times more" (4.7)
    low: float = math.nan      # ranges ("$15-20 million") and their ends
    high: float = math.nan
    bound: str = ""            # "<" almost, ">" more than, "~" about
    direction: str = ""        # "up" / "down" for changes
    note: str = ""             # ambiguity or other remarks
    lang: str = "en"
    scale: float = 1.0
    number_span: tuple[int, int] = field(default=(0, 0), compare=False)
    # a writing such as "dinars" or "Rs" that names a different currency in each country: the unit stays
    # None here and these are the currencies it may be (the extraction picks one from the text's country)
    currencies: tuple[str, ...] = ()

    @property
    def quantity(self):
        """The value as a pint Quantity in the package's registry (currencies never mix)."""
        from ..units import quantity

        return quantity(self.value, self.unit)


_CODE_SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9}


def _currency(written: str | None, lang: str, scale_prefix: str | None) -> tuple[str, float] | None:
    if not written:
        return None
    body = written
    if scale_prefix:
        body = written[len(scale_prefix):]
    code = resolve_currency(body.strip(), lang)
    if code is None:
        code = resolve_currency(re.sub(r"\s?\$$", "", body.strip()), lang)
    if code is None:
        return None
    letters = re.sub(r"[^A-Za-z]", "", body)
    if len(letters) == 3 and letters.islower() and letters not in _LOWER_CODES and letters.upper() == code[0]:
        return None
    factor = code[1] * (_CODE_SCALE.get(scale_prefix.lower(), 1.0) if scale_prefix else 1.0)
    return code[0], factor


# ---------------------------------------------------------------------------------------------
# context: direction of a change, share, deficit


def _clause_bounds(text: str, start: int, end: int, prev_end: int, next_start: int) -> tuple[int, int]:
    left = max(prev_end, start - 130)
    m = None
    for m in re.finditer(r"[.;!?](?:\s|$)|\n", text[left:start]):
        pass
    if m is not None:
        left = left + m.end()
    right_limit = min(next_start, end + 40, len(text))
    m = re.search(r"[.;!?,(](?:\s|$)|\n|\)", text[end:right_limit])
    right = end + m.start() if m else right_limit
    return left, right


def _signed_ratio(magnitude: float, direction: str, times: bool) -> float:
    if times:
        return 1.0 / magnitude if direction == "down" and magnitude else magnitude
    if not math.isfinite(magnitude):
        return math.nan
    change = Decimal(repr(magnitude)) / 100   # "down 7%" is 0.93, not 0.9299999999999999
    return float(1 + change if direction != "down" else 1 - change)


def as_change(f: Figure, direction: str) -> Figure:
    """A percent read as a change in the given direction ("or 9.5%" after "increased $46.6 billion").

    >>> as_change(parse("9.5%"), "down").multiplier
    0.905
    """
    m = _signed_ratio(f.value, direction, times=False)
    return replace(f, kind="ratio", unit="ratio", value=m, multiplier=m, direction=direction,
                   precision=f.precision / 100.0)


# ---------------------------------------------------------------------------------------------
# scanning


def _is_year(token: str, value: float) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", token)) and 1800 <= value <= 2100


def _figures(text: str, lang: str | None = None, folded: str | None = None) -> list[Figure]:
    """Every figure in `text`, in order of appearance (`folded`: `fold(text)`, when the caller has it)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    folded = fold(text) if folded is None else folded
    lang = lang or detect_language(folded)
    rd = _readers(lang)
    decimal_comma = rd.rules.decimal == "," or uses_decimal_comma(folded)
    raw: list[dict] = []
    pos = 0
    for m in rd.number.finditer(folded):
        if m.start() < pos:
            continue
        item = _read_at(rd, folded, m, lang, decimal_comma, pos)
        if item is not None:
            raw.append(item)
            pos = item["end"]
    raw.extend(_wordless_growth(rd, folded, raw))
    raw.sort(key=lambda r: r["start"])
    out = []
    raw = [r for r in raw if math.isfinite(r["value"] * r["scale"] * (r["currency"][1] if r["currency"] else 1.0))]
    _shared_units(rd, folded, raw)
    said = {"direction": "", "end": 0}   # the last change whose direction was written, for gapped lists
    for i, item in enumerate(raw):
        prev_end = raw[i - 1]["end"] if i else 0
        next_start = raw[i + 1]["start"] if i + 1 < len(raw) else len(folded)
        if said["direction"] and _SENTENCE_BREAK.search(folded, max(said["end"], prev_end), item["start"]):
            said["direction"] = ""   # checked only since the last figure: each stretch of text is read once
        out.append(_finish(rd, folded, text, item, prev_end, next_start, lang, said))
    return _shared_scales(rd, folded, [f for f in out if f is not None])


UNIT_SHARED = "unit from the figure after it"


def _shared_units(rd: _Readers, folded: str, raw: list[dict]) -> None:
    """"rising 2.9 and 3.5 percent", "5.1 and 3.2 billion dollars": a bare number listed before a figure with a
    unit shares that unit (and its scale word, when it has none of its own)."""
    for i in range(len(raw) - 2, -1, -1):
        item, nxt = raw[i], raw[i + 1]
        if item.get("hi") is not None or nxt["kind"] not in ("percent", "money"):
            continue
        listed = item["kind"] == "number" and not item["currency"] and rd.list_gap.fullmatch(folded, item["end"], nxt["start"])
        if not (listed or _from_to(rd, folded, item, nxt)):
            continue
        if item["currency"]:
            if nxt["currency"] != item["currency"] or item["scale"] != 1.0:
                continue
            item["scale"] = nxt["scale"]
        elif nxt["kind"] == "percent" and item["scale"] == 1.0:
            item["kind"] = "percent"
        elif nxt["kind"] == "money" and (item["scale"] == 1.0 or item["scale"] == nxt["scale"]):
            item["kind"], item["currency"], item["scale"] = "money", nxt["currency"], nxt["scale"]
        else:
            continue
        item["note"] = (item["note"] + "; " if item["note"] else "") + UNIT_SHARED


def _from_to(rd: _Readers, folded: str, item: dict, nxt: dict) -> bool:
    """"from 4.1 to 4.9 billion", "с $4,1 до $4,9 млрд": the first end of a change written without the unit or
    scale of the second (not a year: "from 2009 to $18 billion"; not a far smaller size: "from 500 to 1.2 billion")."""
    if item["kind"] not in ("number", "money") or (item["kind"] == "money" and nxt["kind"] != "money"):
        return False
    if (nxt["kind"] == "money" and nxt["scale"] <= 1.0) or item["scale"] not in (1.0, nxt["scale"]):
        return False
    if _is_year(folded[item["num_start"]:item["num_end"]], item["value"]) or not 0.05 <= item["value"] / (nxt["value"] or math.inf) <= 20:
        return False
    return bool(rd.range_word.fullmatch(folded, item["end"], nxt["start"])
                and rd.from_level.search(folded, max(0, item["start"] - 12), item["start"]))


def _shared_scales(rd: _Readers, folded: str, figures: list[Figure]) -> list[Figure]:
    """"EGP 16.83bn, compared to EGP16.33": an unscaled amount beside a scaled one of its currency and size."""
    out, scaled, last_end = [], None, 0
    for f in figures:
        if scaled is not None and _SENTENCE_BREAK.search(folded, max(scaled.span[1], last_end), f.span[0]):
            scaled = None
        last_end = f.span[1]
        if f.kind == "money" and f.scale >= 1e3:
            scaled = f
        elif (f.kind == "money" and f.scale == 1.0 and scaled is not None and f.unit == scaled.unit and f.value
              and 0.25 <= f.value / (scaled.value / scaled.scale) <= 4 and not rd.per_unit.match(folded, f.span[1])):
            f = replace(f, value=_times(f.value, scaled.scale), precision=f.precision * scaled.scale, scale=scaled.scale,
                        note=(f.note + "; " if f.note else "") + "scale word taken from the amount before it")
        out.append(f)
    return out


_PLAIN_BEFORE = re.compile(r"[\d .,;]*")


def _read_at(rd: _Readers, text: str, m: re.Match, lang: str, decimal_comma: bool, floor: int = 0) -> dict | None:
    start, end = m.span()
    digits, words, bare = m.group("digits"), m.group("words"), m.group("bare")
    t = rd.tail.match(text, end)
    if t.group("hi"):
        ranged = rd.range_before.search(text[max(0, start - 14):start])
        worded = bool(rd.range_word.fullmatch(t.group("rsep")))
        year = bool(digits) and _is_year(digits, float(digits) if digits.isdigit() else 0.0)
        marked = t.group("scale") or t.group("gscale") or t.group("post") or t.group("pct") or rd.head.search(text, max(floor, start - 14), start)
        if (worded and not ranged) or year or not marked:
            t = rd.tail_single.match(text, end)   # "from 2009 to $18 billion", "5 to 7": no range
    scale_written = t.group("scale") or t.group("gscale") or t.group("ascale")
    if bare:
        # "триллион рублей": a scale word alone is one of it, and only with a currency
        if not (t.group("post") or t.group("post2")) or scale_written:
            return None
        value, decimals, note, scale_written = 1.0, 0, "", bare
    elif digits:
        value, decimals, note = read_digits(digits, decimal_comma=decimal_comma, scaled=bool(scale_written))
        if not math.isfinite(value) or len(digits) > 40:
            return None  # a run of digits too long to be an amount (and beyond float range)
    else:
        value = read_words(re.split(r"[ -]+", words), rd.rules.number_words, rd.rules.multiplying_words, rd.joiners, rd.one_articles)
        decimals, note = 0, ""
        if value is None:
            return None
        # "one of the partners" is no figure; "one percent", "one million tonnes", "a billion dollars" are
        pct_word = bool(t.group("pct")) and words.lower() not in rd.one_articles
        if rd.one_word.fullmatch(words) and not (scale_written or t.group("post") or t.group("times") or pct_word):
            return None
    # only digits, spaces and separators before the number ("52.9 52.9 52.9"): no currency or sign can stand there
    head = None if _PLAIN_BEFORE.fullmatch(text, max(floor, start - 14), start) else rd.head.search(text, max(floor, start - 14), start)
    pre = head.group("pre") if head else None
    pscale = head.group("pscale") if head else None
    if digits and start > 0 and text[start - 1].isalpha() and not pre:
        return None  # glued to a word: "H1", "A380", "COVID19"
    post = t.group("post")
    split_list = bool(t.group("num2")) and _scale_value(rd, t.group("scale2")) >= _scale_value(rd, scale_written)
    if split_list:
        # "2.7 billion and 2.4 billion euros": two amounts; the currency is written once, after the second
        post = None
    if words and post and not t.group("ascale") and re.match(r"\s?\d", text[t.end("post"):t.end("post") + 2]):
        return None  # "a $48 million": the symbol belongs to the next number
    cur = _currency(pre, lang, pscale) or _currency(post, lang, t.group("cscale"))
    cut_post = False
    if pre and post and cur and (_currency(post, lang, t.group("cscale")) or ("", 0))[0] not in ("", cur[0]):
        cut_post = True  # "rmb 10 usd 20": the second code opens the next amount
    if pre and post and cur and re.match(r" ?\d", text[t.end("post"):t.end("post") + 2]):
        cut_post = True  # "$ 20.00 $ 37.97": the second symbol opens the next amount
    if cur is None and t.group("post2"):
        cur = _currency(t.group("post2"), lang, None)
    if words and not cur and not (scale_written or t.group("pct") or t.group("times") or t.group("count") or t.group("points")):
        return None
    if t.group("gscale") and not cur:
        t_end = t.start("gscale")
        scale_written = None
    else:
        t_end = t.end()
    if post and not _currency(post, lang, t.group("cscale")) and not t.group("post2"):
        # a currency-looking word that did not resolve: stop before it
        t_end = min(t_end, t.start("post"))
    scale = _scale_value(rd, scale_written)
    hi = t.groupdict().get("hi")
    item = dict(start=head.start() if head and cur and _currency(pre, lang, pscale) else start, end=t_end,
                num_start=start, num_end=end, value=value, decimals=decimals, note=note, scale=scale,
                currency=cur, kind=None, hi=None, suffix=t.group("suffix"),
                minus=bool(head and head.group("hsign") and cur and _currency(pre, lang, pscale)))
    if hi:
        item["hi"] = read_digits(hi, decimal_comma=decimal_comma, scaled=bool(scale_written))[0]
    if split_list:
        item["end"] = t.end("scale") if t.group("scale") else end
    elif cut_post:
        item["end"] = t.start("post") - len(t.group("cgap") or "")
    elif t.group("cents") and cur and not scale_written and (t.group("post") or t.group("post2")):
        c = t.group("cents")
        cv = float(c) if c.isdigit() else read_words(re.split(r"[ -]+", c), rd.rules.number_words, rd.rules.multiplying_words, rd.joiners, rd.one_articles)
        if cv is not None and cv < 100:
            item["value2"], item["decimals"] = cv / 100.0, 2
    elif t.group("cents"):
        item["end"] = t.start("cents") - 1 if t.group("cents") else item["end"]
    if t.group("num2") and not split_list:
        v2, d2, _ = read_digits(t.group("num2"), decimal_comma=decimal_comma)
        s2 = _scale_value(rd, t.group("scale2"))
        if s2 < scale:
            item["value2"] = v2 * s2
            item["decimals"], item["scale2"] = d2, s2
            if t.group("num3"):   # "1 млрд 451 млн 206 тыс. долларов"
                v3, d3, _ = read_digits(t.group("num3"), decimal_comma=decimal_comma)
                s3 = _scale_value(rd, t.group("scale3"))
                if s3 < s2:
                    item["value2"] += v3 * s3
                    item["decimals"], item["scale2"] = d3, s3
                else:
                    item["end"] = t.start("num3") - 1
        else:
            item["end"] = t.start("num2") - 1
    if cur and split_list:
        item["kind"] = "money"
    elif cur:
        item["kind"] = "money"
        if t.group("cents") and "value2" not in item and not cut_post:
            item["end"] = t.start("cents") - 1
        elif not cut_post:
            item["end"] = max(e for e in (t.end("post"), t.end("post2"), t.end("ascale"), t.end("cents"), t.end("cname"),
                                          t.end("scale"), t.end("gscale"), t.end("scale2"), t.end("scale3"), end) if e > 0)
    elif t.group("points"):
        item["kind"] = "points"
    elif t.group("pct"):
        item["kind"] = "percent"
    elif t.group("times"):
        item["kind"] = "times"
    elif t.group("count"):
        if digits and not scale_written and _is_year(digits, value):
            return None   # "На конец 2023 года ... предприятий": a year before the count noun, no count
        item["kind"] = "count"
    elif split_list:
        item["kind"] = "number"
    else:
        item["kind"] = "number"
        item["end"] = (t.start("scale") if scale_written is None and t.group("scale") else
                       (t.end("scale") if scale_written else end + (len(t.group("suffix") or ""))))
        if "scale2" in item:   # "1 млрд 312 млн" with no currency is one figure, not two
            item["end"] = max(item["end"], t.end("scale3") if item["scale2"] == _scale_value(rd, t.group("scale3")) and t.group("num3")
                              else t.end("scale2"))
        if not scale_written:
            item["scale"] = 1.0
        # "12.05" may be a date; "2.9 and 3.5 percent" lists a percent that shares its sign
        if digits and not scale_written and (_is_year(digits, value) or re.fullmatch(r"\d{1,2}[.]\d{1,2}", digits)
                                             and not rd.then_percent.match(text, end)):
            return None
    if item["kind"] in ("percent", "times", "points", "count") and t.group("count") is None and cur is None:
        item["end"] = t.end()
    if item["kind"] == "count":
        item["end"] = t.end()
    return item


def _matches_exactly(pattern: str, text: str, start: int, end: int) -> bool:
    m = re.compile(pattern, re.I).match(text, start)
    return m is not None and m.end() == end


def _wordless_growth(rd: _Readers, text: str, found: list[dict]) -> list[dict]:
    """"doubled", "tripled", "halved", "на треть", "up a fifth": changes written without digits."""
    taken = [(f["start"], f["end"]) for f in found]
    out = []
    for m in rd.growth_word.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        # which entry matched, read at the match itself (an entry may look ahead: "double(?= the)")
        at = m.start()
        neutral = next((v for k, v in rd.rules.times_words.items() if _matches_exactly(k, text, at, m.end())), None)
        factor = neutral or next(v for k, v in rd.rules.growth_words.items() if _matches_exactly(k, text, at, m.end()))
        # "сократился вдвое" halves; "doubled" doubles whatever verb stands near it
        out.append(dict(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(), value=factor,
                        decimals=0, note="", scale=1.0, currency=None, kind="times" if neutral else "growth_word",
                        hi=None, suffix=None))
    for m in rd.fraction_change.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        left = text[max(0, m.start() - 14):m.start()]
        worded = rd.fraction_worded.match(m.group(0))
        if not (worded and (rd.up.search(left) or rd.down.search(left) or rd.change_by.match(m.group(0)))):
            continue  # "a third of exports" is a share, not a change
        if rd.share.search(text, max(0, m.start() - 25), m.start()):
            continue  # "make up about a quarter of": a share whatever verb the share word holds
        frac = next(v for k, v in rd.rules.fraction_words.items() if re.fullmatch(k, m.group("frac"), re.I))
        out.append(dict(start=m.start(), end=m.end(), num_start=m.start(), num_end=m.end(), value=frac * 100,
                        decimals=2, note="", scale=1.0, currency=None, kind="fraction", hi=None, suffix=None))
    return out




_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


def _finish(rd: _Readers, folded: str, original: str, item: dict, prev_end: int, next_start: int, lang: str,
            said: dict | None = None) -> Figure | None:
    """The figure an item read by `_read_at` makes; `said` carries the direction of the change before it:
    "fell 7% in Lithuania, in Estonia 7%" (the verb is written once for the list)."""
    start, end = item["start"], item["end"]
    kind = item["kind"]
    value = _times(item["value"], item["scale"]) + item.get("value2", 0.0)
    unit_scale = item.get("scale2", item["scale"])
    precision = 0.5 * 10 ** -item["decimals"] * unit_scale
    left, right = _clause_bounds(folded, item["num_start"], end, prev_end, next_start)
    hedge = rd.hedge.search(folded, max(left, start - 30), start)
    if hedge and rd.to_level_word.fullmatch(hedge.group("hedge")) and (
            rd.up.search(folded, max(0, hedge.start() - 60), hedge.start()) or rd.down.search(folded, max(0, hedge.start() - 60), hedge.start())):
        hedge = None   # "вырос на 30% до 3,1 млрд": the level it rose to, not "up to"
    bound = rd.rules.hedges.get(next((k for k in rd.rules.hedges if hedge and re.fullmatch(k, hedge.group("hedge"), re.I)), ""), "") if hedge else ""
    cue_left = hedge.start() if hedge else start
    low = high = math.nan
    multiplier = alt = math.nan
    direction = ""
    note = item["note"]
    sign = folded[start - 1] if start > 0 else ""
    signed = sign != "" and sign in "+-" and (start < 2 or not folded[start - 2].isalnum())
    if not signed and start >= 3 and folded[start - 1] == " " and folded[start - 2] in "+-" and folded[start - 3] in "([":
        sign, signed = folded[start - 2], True   # "(+ 6.4%)"
    word_sign = None if signed else rd.sign_word.search(folded, max(left, start - 12), start)
    if word_sign:   # "minus $3.2 billion", "(минус 30%)": the word is the sign of this figure only
        sign, signed = ("-" if word_sign.group("minus") else "+"), True
    if kind == "money":
        code, factor = item["currency"]
        value = _times(value, factor)
        precision *= factor
        if item["hi"] is not None:
            low, high = value, item["hi"] * item["scale"] * factor
            value = (low + high) / 2
        # "a deficit of $1.2 billion against a surplus a year earlier": the words after a comparison are the base's
        versus = rd.compared_word.search(folded, end, right)
        # "exports rose to $28.1 billion and the trade deficit shrank": the next clause's words are not this figure's
        joined = rd.clause_and.search(folded, end, right)
        stop = min(x.start() for x in (versus, joined, None) if x is not None) if (versus or joined) else right
        clause = (folded[left:start], folded[end:stop])
        deficit = min(_distance(rd.deficit, clause), _distance(rd.gap, clause) + 0.5)
        if deficit < _distance(rd.surplus, clause):
            value = -abs(value)
        elif signed and sign == "-":
            value, start = -value, (word_sign.start() if word_sign else start - 1)
        elif item.get("minus"):
            value = -value
        unit = None if code.startswith("?") else code
    elif kind == "count":
        unit = "count"
    elif kind == "number":
        unit = None
        if item["hi"] is not None:
            low, high = value, item["hi"] * item["scale"]
    elif kind == "points":
        kind, unit = "percent", "percent"
        note = (note + "; " if note else "") + "percentage points"
    elif kind in ("percent", "times", "growth_word", "fraction"):
        cue, _ = _nearest_cue(rd, folded, left, cue_left, end, right)
        before = folded[left:cue_left]
        by_before = rd.change_by_end.search(before)   # "вырос на 5% к предыдущему месяцу": a change
        is_index = kind == "percent" and rd.index.match(folded, end) and not signed and not by_before
        # "up 8% from April and 15% from May last year": a percent listed after a change, then compared, is one too
        gapped = bool(said and said.get("direction")) and (rd.to_level.match(folded, end) is not None
                                                            or rd.gapped_flow.search(folded, max(0, start - 30), start) is not None
                                                            or (start - said["end"] <= 40 and rd.compared_after.match(folded, end) is not None
                                                                and rd.list_tail.search(folded, said["end"], start) is not None)
                                                            or (start - said["end"] <= 40 and rd.gapped_place.fullmatch(folded, said["end"], start) is not None
                                                                and not rd.share.search(folded, end, min(right, end + 25))))
        is_change = signed or cue in ("up", "down") or by_before or kind != "percent" or gapped
        # "rose from 54.8% in 2016 to 56.3% in 2017": two levels of a rate, neither is a change
        if kind == "percent" and not signed and rd.from_level.search(before) and rd.to_percent.match(folded, end):
            is_change = False
        # "the EU's share of exports rose to 63%": the level a share reached
        if kind == "percent" and not signed and rd.share.search(before) and rd.to_level_before.search(before):
            is_change = False
        is_index = is_index or kind == "percent" and not is_change and rd.index_compared.match(folded, end) is not None
        if kind == "percent" and not is_change and not is_index:
            unit = "percent"
        else:
            # "сократился до 210 млн долларов (на 12%)": a change by a rate after its level goes the way of the verb
            inherited = (by_before and not signed and cue_before(rd, folded, left)) or (said or {}).get("direction") or "up"
            direction = ("down" if sign == "-" else "up") if signed else (cue if cue in ("up", "down") else inherited)
            if said is not None and (signed or cue in ("up", "down") or gapped):
                said["direction"], said["end"] = direction, end
            if is_index:
                multiplier = value / 100.0
                direction = "up" if multiplier >= 1 else "down"
            elif kind in ("times", "growth_word"):
                multiplier = _signed_ratio(value, direction, times=True)
                if kind == "times" and direction == "up" and re.match(r"\s*(?:higher|more|greater|larger|bigger)\b", folded[end:end + 12], re.I):
                    alt = value + 1.0
            else:
                multiplier = _signed_ratio(value, direction, times=False)
            if kind == "growth_word":
                multiplier = value
            precision = (precision / 100.0) if kind in ("percent", "fraction") else precision
            if kind == "times" and direction == "down":
                precision = precision / (value * value) if value else precision
            kind, unit, value = "ratio", "ratio", multiplier
            # the change phrase ("rose by", "в ... раза") belongs to the figure's raw text
            lead = rd.cue_lead.search(folded[max(left, cue_left - 6):cue_left])
            if lead and lead.group(0).strip():
                start = max(left, cue_left - 6) + lead.start()
            verb = None
            for verb in (rd.up if direction == "up" else rd.down).finditer(folded, max(left, start - 30), start):
                pass
            if verb is not None and verb.group(0) not in "+-" and re.fullmatch(r"\s*", folded[verb.end():start]):
                start = verb.start()  # "rose 12%", "вырос на 25%": the verb belongs to the change
            if signed and folded[start - 1] in "+-":
                start -= 1
            elif word_sign:
                start = min(start, word_sign.start())
            if hedge:
                start = min(start, hedge.start())
    else:
        return None
    if hedge and kind != "ratio":
        start = hedge.start()
    if folded[end - 1:end] == "." and re.match(r"\s*(?:$|[A-ZА-Я\"'(])", folded[end:end + 2]):
        end -= 1  # "$5.2 bn." ends the sentence: the stop is not part of the scale word
    local = kind == "money" and item["currency"][0].startswith("?")
    return Figure(value=float(value), unit=unit, kind=kind, raw=original[start:end], span=(start, end),
                  precision=float(precision), multiplier=float(multiplier), alt_multiplier=float(alt),
                  low=float(low), high=float(high), bound=bound, direction=direction, note=note, lang=lang,
                  scale=float(unit_scale), number_span=(item["num_start"], item["num_end"]),
                  currencies=candidates(item["currency"][0]) if local else ())


def parse(s: str, lang: str | None = None) -> Figure:
    """Exactly one figure from a string; ParseError (text, position, reason) otherwise."""
    if not isinstance(s, str):
        raise TypeError(f"parse() needs a str, not {type(s).__name__}")
    if not s.strip():
        raise ParseError(s, (0, len(s)), "empty string")
    if len(s) > 1000:
        raise ParseError(s, (0, len(s)), f"{len(s)} characters is too long for one figure")
    figures = [f for f in _figures(s, lang)]
    if not figures:
        raise ParseError(s, (0, len(s)), "no figure found")
    main = [f for f in figures if f.kind != "number"] or figures
    if len(main) > 1:
        second = main[1]
        raise ParseError(s, second.span, f"more than one figure ({main[0].raw!r} and {second.raw!r})")
    f = main[0]
    rest = s[:f.span[0]] + " " + s[f.span[1]:]
    if re.search(r"\d", rest):
        at = next(i for i, c in enumerate(s) if c.isdigit() and not f.span[0] <= i < f.span[1])
        raise ParseError(s, (at, at + 1), "digits outside the figure")
    if len(re.findall(r"[^\W\d_]+", rest)) > 4:
        raise ParseError(s, (0, len(s)), "too many words around the figure")
    return f


def read_one(s) -> tuple:
    """(value, unit, multiplier, kind, error) for one table cell; never raises."""
    if not isinstance(s, str):
        if s is None or (isinstance(s, float) and math.isnan(s)):
            return (math.nan, None, math.nan, None, "missing value")
        if isinstance(s, (int, float)) and not isinstance(s, bool):
            return (float(s), None, math.nan, "number", "")
        return (math.nan, None, math.nan, None, f"not a string: {type(s).__name__}")
    try:
        f = parse(s)
    except ParseError as exc:
        return (math.nan, None, math.nan, None, exc.reason)
    except Exception as exc:  # one bad cell never sinks the column
        return (math.nan, None, math.nan, None, f"internal error: {exc!r}")
    unit = f.unit if f.unit is not None else ("count" if f.kind == "number" else None)
    return (f.value, unit, f.multiplier, f.kind, "")
