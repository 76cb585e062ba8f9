"""Periods in text: "9 months of 2022", "January–September", "H1 2023", "в I квартале", "last year".

A `Period` is a run of months; its year may be unknown (None) until a reference date resolves it.

>>> [str(p.period.resolve(2022)) for p in find("in the first 9 months of 2022 and in Q3", "en")]
['2022-01..2022-09', '2022-07..2022-09']
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ..rules import _alt, rules
from .period import Period, _fiscal_period
from .text import any_of, by_first_char, finditer_each, first_chars, literal_alternation


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    period: Period
    compared: bool      # introduced by "compared to", "than", "по сравнению с", ...
    text: str


@functools.cache
def _compiled(lang: str):
    r = rules(lang)
    p = r.table("periods")
    month_forms = {int(k): v for k, v in r.table("months").items()}
    # read at every word start, several times in the main pattern: a position tries only the forms its letter starts
    month_alt = by_first_char(_longest_first(f for forms in month_forms.values() for f in forms), re.I)
    ordinal_forms = {int(k): v for k, v in r.table("ordinals").items()}
    ord_alt = by_first_char(_longest_first(f for forms in ordinal_forms.values() for f in forms), re.I)
    words = literal_alternation(sorted(r.number_words, key=len, reverse=True))
    year = r"(?:19[5-9]\d|20[0-6]\d)"   # "2088 юрт" is a count, not a year
    one_year = rf"{year}(?![-/]\d)"   # not the first half of "2017/2018"
    yw = p["year_word"]
    flags = re.I
    B = r"(?<![^\W\d_])"   # word start
    E = r"(?![^\W\d_])"    # word end
    joiners = _alt(re.escape(j) if j == "-" else j for j in p["range_joiners"])
    day = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"   # "01 January to 30 September 2017"
    month_range = rf"{B}{day}(?P<m1>{month_alt}){E}\s*(?:{joiners})\s*{day}(?P<m2>{month_alt}){E}"
    fiscal_year = rf"(?P<fy1>{year})[-/](?P<fy2>{year}|\d\d)(?!\d){E}"
    year_of = [(pat, off) for pat, off in p["year_of"]]
    year_of_period = year_of + [(pat, off) for pat, off in p["year_of_period"]]
    rel_year = _alt(pat for pat, _ in year_of)
    rel_year_after = _alt(pat for pat, _ in year_of_period)
    period_noun = rf"(?:\s+(?:{p['period_noun']}))?" if p.get("period_noun") else ""

    def optional_word(key: str) -> str:   # "the ", "of ": a word of the rules that may stand before a year
        return rf"(?:(?:{_alt(p[key])})\s+)?" if p.get(key) else ""
    art, of, prep = optional_word("articles"), optional_word("year_link"), optional_word("year_prep")
    year_after = rf"(?:{period_noun},?\s*{prep}(?:(?P<y>{one_year})(?:\s*(?:{yw}))?|(?P<yrel>{rel_year})))?"
    first_n = rf"(?:(?:{_alt(p['first_n_before'])})\s+)?" if p.get("first_n_before") else ""
    count_suffix = rf"(?:{_alt(p['count_suffix'])})?" if p.get("count_suffix") else ""
    n_months = rf"{B}{first_n}(?P<n>\d{{1,2}}|{words}){count_suffix}(?:(?:\s+|-)(?:{p['months_word']}){E}(?!-)|M(?=\s?(?:{year})))"   # "a month-on-month" is no count
    n_lead = first_n
    # "the last quarter of 2022" is the fourth; "the last quarter" alone is the one before (previous_quarter)
    last_part = _alt(p.get("last_part") or ["(?!)"])
    named_year = rf"\s*,?\s*{of}{art}(?:{one_year}|{_alt(pat for pat, _ in year_of_period)})"
    quarter = (rf"(?:{B}(?P<qo>{ord_alt})(?:\s*|-)(?:{p['quarter_word']}){E}|{B}Q(?P<qn>[1-4]){E}|{B}(?P<qn2>[1-4])Q(?=\s?(?:{year})|{E})"
               rf"|{B}(?P<qlast>{last_part})\s+(?:{p['quarter_word']}){E}(?={named_year}))")
    first = p["first_word"]
    # "the first three quarters", "три первых квартала"; "за три квартала 2023 года" with its year says "first" too
    quarters_count = (rf"{B}(?:(?:{first})\s+(?P<qcount>{words}|[23])|(?P<qcount2>{words}|[23])\s+(?:{first})"
                      rf"|(?P<qcount3>{words}|[23])(?=\s+(?:{p['quarter_word']}){E}{named_year}))\s+(?:{p['quarter_word']}){E}")
    quarters_n = (quarters_count +
                  rf"(?:\s*{of}{art}(?P<q3y>{one_year})(?:\s*(?:{yw}))?)?")
    half = (rf"(?:{B}(?P<ho>{ord_alt})(?:\s*|-)(?:{p['half_word']}){E}|{B}H(?P<hn>[12]){E}|{B}(?P<hn2>[12])H(?=\s?(?:{year})|{E})"
            rf"|{B}(?P<hlast>{last_part})\s+(?:{p['half_word']}){E}(?={named_year}))")
    fiscal = rf"{B}{p.get('fiscal', '')}{fiscal_year}(?!\s*-?(?:\d|{month_alt}))"
    single = p.get("fiscal_single")
    # "July-December of fiscal 2023-24", "July-December FY24": the months of a fiscal year named by its two years or one
    single_name = rf"|(?:{single})(?P<mfs>\d\d|{year})(?![\d/-])" if single else ""
    in_fiscal = rf"\)?(?:\s*\(|{p['in_fiscal_year']}|\s+)(?:(?:{p.get('fiscal', '')}){fiscal_year.replace('fy', 'mf')}{single_name})\)?"

    def of_fiscal(g: str) -> str:
        """ "... of fiscal 2023-24", "... of FY24": the fiscal year a quarter or half is counted in."""
        written = rf"(?:{p.get('fiscal', '')})(?P<{g}1>{year})[-/](?P<{g}2>{year}|\d\d)(?!\d){E}"
        named = rf"|(?:{single})(?P<{g}s>\d\d|{year})(?![\d/-])" if single else ""
        return rf"\s*{prep}{art}(?:{written}{named})"
    # "2010-2022"; "from 2020 to 2023", "с 2020 года по 2023 год" (rules year_span, slots <Y1> and <Y2>)
    spans = "".join(f"|{B}(?:{pat})".replace("<Y1>", rf"(?P<yr1_{i}>{year})").replace("<Y2>", rf"(?P<yr2_{i}>{year})")
                    for i, pat in enumerate(p.get("year_span", [])))
    year_range = rf"{B}(?P<yr1>{year})\s*[-–]\s*(?P<yr2>{year}){E}{spans}"
    # "the 12 months to March 2023", "the four quarters ending June": a frame of the rules, its slots filled here
    four_quarters_to = B + (p.get("trailing_period") or "(?!)").replace("<N>", rf"(?P<fq_n>\d{{1,2}}|{words})").replace(
        "<MONTH>", rf"(?P<fq_m>{month_alt})").replace("<YEAR>", rf"(?P<fq_y>{year})")
    relative_years = [(re.compile(rf"{B}(?:{pat}){E}", flags), off) for pat, off in p["relative_years"]]
    relative_fiscal_years = [(re.compile(rf"{B}(?:{pat}){E}", flags), off) for pat, off in p.get("relative_fiscal_years", [])]
    whole_year = re.compile(rf"{B}(?:{_alt(p['whole_year'])}){E}", flags) if p.get("whole_year") else None
    # "за полугодие", "по итогам полугодия": the first half, of the year the text or its date says
    unstated = re.compile(rf"{B}(?:{_alt(p['unstated_period'])}){E}", flags) if p.get("unstated_period") else None
    half_alone = re.compile(rf"{B}(?:{_alt(p['half_alone'])}){E}", flags) if p.get("half_alone") else None
    relative_months = [(re.compile(rf"{B}(?:{pat}){E}", flags), off) for pat, off in p["relative_months"]]
    relative_quarters = [re.compile(rf"{B}(?:{pat}){E}", flags) for pat in p.get("previous_quarter", [])]
    previous_months = [re.compile(rf"{B}(?:{pat}){E}", flags) for pat in p.get("previous_month", [])]
    since = re.compile(rf"{B}(?:{_alt(p['since_start'])})(?:\s+{of}(?P<sy>{year}))?(?:\s*(?:{yw}))?", flags)
    # "since March 2023", "с начала марта": from that month on, the end not stated ("from March to May" is a range)
    since_month = re.compile(rf"{B}(?:{_alt(p['since_month'])})\s+(?P<sm>{month_alt}){E}(?:,?\s+(?P<smy>{year})(?:\s*(?:{yw}))?)?"
                             rf"(?!\s*(?:{joiners})\s)", flags) if p.get("since_month") else None
    changes = [*r.words("direction", "up"), *r.words("direction", "down"), *r.growth_words, *r.times_words,
               *r.words("times", "after"), *r.words("percent", "words")]
    change_before = re.compile(rf"(?:{_alt(changes)})(?:\s+[^\W\d_]+)?\s*$", flags)
    # "up 38% from 2020", "up $47.8 billion from 2021": a change or an amount right before an opening comparison word
    change_end = re.compile(rf"(?:{_alt(changes)}),?\s+$", flags)
    change_or_amount_end = re.compile(rf"(?:{_alt(changes)}|\d(?:\s*[^\W\d_]+)?),?\s+$", flags)
    # "rose 5% to R175.6 billion in July from June": the figure's own month between the change and "from"
    change_in_month_end = re.compile(rf"(?:{_alt(changes)}|\d(?:\s*[^\W\d_]+)?)(?:\s+[^\W\d_]+)?\s+(?:{_alt(p.get('during') or ['(?!)'])})"
                                     rf"\s+(?:{month_alt})(?:\s+{year})?,?\s+$", flags)
    compared_open = re.compile(rf"(?:{_alt(p.get('compared_open') or ['(?!)'])})\s", flags)
    compared_duration = re.compile(rf"(?:{_alt(p.get('compared_duration') or ['(?!)'])})\s", flags)
    same = re.compile(rf"{B}(?:{_alt(p['same_period'])}){E}", flags)
    # "the same period" names no year (offset unknown); "year-on-year" a year before
    same_noun = re.compile(_alt(p.get("same_period_noun") or ["(?!)"]), flags)
    during_end = re.compile(rf"{B}(?:{_alt(p.get('during') or ['(?!)'])})\s+$", flags)
    # "may" the verb, "March" the walk: lowercase, these count as months only next to a number or a period word
    weak_months = {w.lower() for w in p.get("weak_months", [])}
    # "up by a fifth on 2021", "115.3% of the 2021 level": comparison words that compare only with a written year
    of_level = rf"|(?<=\d)\s*(?:%|{_alt(r.words('percent', 'words'))})\s+(?:{_alt(p['percent_of'])})" if p.get("percent_of") else ""
    before_year = re.compile(rf"(?:{B}(?:{_alt(p['compared_before_year'])}){of_level})\s+(?:(?:{_alt(p['articles'] or ['(?!)'])})\s+)?$", flags) \
        if p.get("compared_before_year") else None
    compared = re.compile(rf"{B}(?:{_alt(p['compared'])})\s+(?:(?:{_alt(p['compared_prep'])})\s+)?(?:(?:{_alt(p['articles'] or ['(?!)'])})\s+)?"
                          rf"(?:(?:{_alt(p['compared_filler'])})\s+(?:(?:{_alt(p['articles'] or ['(?!)'])})\s+)?)?$", flags)
    # every alternative but "yo" (a year, starting with 1 or 2) starts at a word start ({B}) with one of these
    # leads: the scan tests them once at a position instead of trying each alternative there
    leads = [rf"{n_lead}(?:\d|{words})", rf"[^\W\d_]{{3}}\s+(?:\d|{words}|{month_alt})",   # "the three months", "the March quarter"
             first, p["year_to"], month_alt, ord_alt, "[QH]", last_part, rf"(?:{p.get('fiscal', '')})\d"]
    leads += [p["fiscal_single"]] if p.get("fiscal_single") else []
    leads += [pat.replace("<Y1>", year).replace("<Y2>", year) for pat in p.get("year_span", [])]   # "from 2020 to 2023"
    leads += p.get("as_of_date", [])
    # "the past 12 months": a window ending where the text does not say, so no period is stated
    window = _alt(p.get("trailing_window") or ["(?!)"]).replace("<N>", rf"(?:\d{{1,2}}|{words})")
    leads.append(window)
    main = (rf"(?:{B}(?={_alt(f'(?:{x})' for x in leads)})|(?=[12]))(?:" + "|".join(f"(?P<{name}>{first_chars(pat, flags) or ''}{pat})" for name, pat in (
        ("fq", four_quarters_to),
        ("tw", rf"{B}(?:{window}){E}"),
        ("qnf", quarters_count.replace("(?P<qcount", "(?P<xqcount") + of_fiscal("nqf")),
        ("nmfs", n_months.replace("(?P<n>", "(?P<nmfs_n>") + of_fiscal("mff")),
        ("qn3", quarters_n),
        ("yt", rf"{B}(?:{p['year_to']})(?P<yt_m>{month_alt}){E}(?:\s+(?P<yt_y>{year}))?"),
        # "as of 1 October 2024", "на 1 октября 2024 года": a date, its month (a stock's)
        ("asof", rf"{B}(?:{_alt(p.get('as_of_date') or ['(?!)'])})\s+\d{{1,2}}\s+(?P<ao_m>{month_alt}){E}(?:\s+(?P<ao_y>{year}))?"),
        ("mrf", month_range.replace("m1", "f_m1").replace("m2", "f_m2") + in_fiscal),
        # "April 2023 - March 2024", "апрель 2023 — март 2024": each end with its year
        ("mry", rf"{B}(?P<ry_m1>{month_alt}){E}\s+(?P<ry_y1>{year})(?:\s*(?:{yw}))?\s*(?:{joiners})\s*"
                rf"(?P<ry_m2>{month_alt}){E}\s+(?P<ry_y2>{year})(?:\s*(?:{yw}))?"),
        ("mr", month_range + year_after),
        ("nmf", n_months.replace("(?P<n>", "(?P<nf_n>") + in_fiscal.replace("mf", "nf")),
        ("nm", n_months + rf"(?:\s+{prep}{art}(?:(?P<ny>{one_year})|(?P<nrel>{rel_year_after}))(?:\s*(?:{yw}))?)?"),
        ("qf", quarter.replace("(?P<q", "(?P<xq") + of_fiscal("qf")),
        ("hf", half.replace("(?P<h", "(?P<xh") + of_fiscal("hf")),
        ("q", quarter + rf"(?:\s*,?\s*{of}(?:(?P<qy>{one_year})|(?P<qrel>{rel_year_after}))(?:\s*(?:{yw}))?)?"),
        ("h", half + rf"(?:\s*,?\s*{of}{art}(?:(?P<hy>{one_year})|(?P<hrel>{rel_year_after}))(?:\s*(?:{yw}))?)?"),
        ("fy", fiscal),
        ("fys", rf"{B}(?:{p['fiscal_single']})(?P<fys_y>\d\d|{year})(?![\d/-]|\s*[-–/]\s*\d)" if p.get("fiscal_single") else "(?!)"),
        ("yr", year_range),
        ("mq", rf"{B}{art}(?P<mq_m>{month_alt})\s+(?:{p['quarter_word']}){E}(?:\s+{of}(?P<mq_y>{year}))?"),   # "the March quarter"
        ("mo", rf"(?<!\d\s)(?<!\d\d\s){B}(?P<m>{month_alt}){E}(?:,?\s+(?P<my>{year})(?:\s*(?:{yw}))?|\s+{of}(?P<mrel>{rel_year}))?(?!\s*\d{{1,2}}\b(?!\s*(?:{yw})))"),
        ("yo", rf"(?<![\d.,$€£/-])(?P<yy>{year})(?![\d%]|[.,]\d)(?:\s*(?:{yw}))?"),
    )) + ")")
    main = re.compile((first_chars(main, flags) or "") + main, flags)   # and a letter no lead starts with, at one test
    # "the first quarter of the current fiscal year", "the July-December period of FY24", "(July-December) of FY24"
    noun = rf"(?:\s+(?:{p['period_noun']}))?" if p.get("period_noun") else ""
    part_of = re.compile(rf"{noun}\s*\)?\s*(?:{_alt(p.get('part_of') or ['(?!)'])})\s+(?:(?:{_alt(p['articles'] or ['(?!)'])})\s+)?", flags)
    month_word = re.compile(rf"{B}(?:{month_alt}){E}", flags)
    through_month = re.compile(rf"{B}(?:{_alt(p.get('through_month') or ['(?!)'])})\s*$", flags)
    date_before = re.compile(rf"(?:\d{{1,2}}\s+(?:{month_alt})|(?:{month_alt})\.?\s+\d{{1,2}},?)\s*$", flags)
    part_before = re.compile(rf"{B}(?:{_alt(p.get('part_before_year') or ['(?!)'])})\s*$", flags)
    year_offsets = [(re.compile(rf"(?:{pat})", flags), off) for pat, off in year_of_period]
    # the patterns read after the main one, scanned for in one pass (`finditer_each`)
    rest = [x for x in (whole_year, unstated, half_alone, same) if x is not None] + [x for x, _ in relative_fiscal_years + relative_years + relative_months]
    rest += previous_months + relative_quarters
    return dict(rest=rest, rest_lead=any_of(rest, B), main=main, through_month=through_month, part_of=part_of, month_word=month_word, year_offsets=year_offsets, date_before=date_before, part_before=part_before, month_forms=month_forms, ordinal_forms=ordinal_forms, relative_years=relative_years, whole_year=whole_year,
                relative_fiscal_years=relative_fiscal_years, relative_months=relative_months, relative_quarters=relative_quarters, previous_months=previous_months, half_alone=half_alone, unstated=unstated, since=since, since_month=since_month, change_before=change_before, same_noun=same_noun, during_end=during_end, weak_months=weak_months, change_end=change_end, change_or_amount_end=change_or_amount_end, change_in_month_end=change_in_month_end, compared_open=compared_open, compared_duration=compared_duration, same=same, compared=compared, before_year=before_year, rules=r)


def _longest_first(patterns) -> list[str]:
    """The order `_alt` tries alternatives in."""
    return sorted(patterns, key=len, reverse=True)


def _fiscal_first_year(first: str, second: str) -> int | None:
    """2016 for "2016/17", "2016-17" and "2016/2017"; None when the two are not consecutive years."""
    y1, y2 = int(first), int(second)
    return y1 if y2 in (y1 + 1, (y1 + 1) % 100) else None


def _fiscal_year_ending(written: str) -> int:
    """The first calendar year of a fiscal year named by the year it ends in: 2023 for "FY24" and "fiscal 2024"."""
    y = int(written)
    return (y + 2000 if y < 100 else y) - 1


def _rel_offset(c: dict, written: str | None) -> int | None:
    """The offset of "last year" (-1) or "this year" (0) as the language's `year_of` table says."""
    if not written:
        return None
    return next((off for pattern, off in c["year_offsets"] if pattern.fullmatch(written.strip())), 0)


@functools.lru_cache(maxsize=4096)
def _lookup_in(forms: tuple, written: str) -> int | None:
    for number, patterns in forms:
        if any(re.fullmatch(p, written, re.I) for p in patterns):
            return number
    return None


def _lookup(forms: dict[int, list[str]], written: str) -> int | None:
    """The number (month, ordinal) a written form stands for; forms are few, lookups many: cached."""
    return _lookup_in(tuple((k, tuple(v)) for k, v in forms.items()), written.lower())


def _count(written: str, r) -> int | None:
    if written.isdigit():
        return int(written)
    v = r.number_words.get(written.lower())
    return int(v) if v else None


def _relative(c, text: str) -> int | None:
    for pattern, offset in c["relative_years"]:
        if pattern.fullmatch(text.strip()):
            return offset
    return 0 if text else None


def find(text: str, lang: str) -> list[Mention]:
    """Every period mention in `text` (already folded), in order."""
    c = _compiled(lang)
    r = c["rules"]
    out: list[Mention] = []
    for m in c["since_month"].finditer(text) if c["since_month"] else ():
        mo, y = _lookup(c["month_forms"], m.group("sm")), m.group("smy")
        if mo:
            out.append(Mention(m.start(), m.end(), Period(mo, 12, int(y) if y else None, offset=None if y else 0, open_end=True), False, m.group(0)))
    for m in c["since"].finditer(text):
        y = m.group("sy")
        if not any(x.start < m.end() and m.start() < x.end for x in out):
            if y and c["change_before"].search(text, max(0, m.start() - 40), m.start()):
                # "have doubled since 2019": the change is measured against that year
                out.append(Mention(m.start(), m.end(), Period(1, 12, int(y)), True, m.group(0)))
                continue
            out.append(Mention(m.start(), m.end(), Period(1, 12, int(y) if y else None, offset=None if y else 0, open_end=True), False, m.group(0)))
    since_spans = [(x.start, x.end) for x in out]
    for m in c["main"].finditer(text):
        if any(a < m.end() and m.start() < b for a, b in since_spans):
            continue
        g = m.groupdict()
        period = None
        if g["fq"]:
            # "the three months to December 2022", "the four quarters to the end of December 2022"
            last = _lookup(c["month_forms"], g["fq_m"])
            y = int(g["fq_y"]) if g["fq_y"] else None   # "the three months to December": the year from the text
            n = _count(g["fq_n"], r)
            months = (n or 0) * (3 if g["fq_quarters"] else 1)
            if last and 1 <= months <= 12:
                first = last - months + 1
                period = (Period(first, last, y) if first >= 1 else
                          Period(first + 12, last, None if y is None else y - 1, last_year=y))
        elif g["tw"]:
            period = Period(0, 0, unstated=True)
        elif g["asof"]:
            mo = _lookup(c["month_forms"], g["ao_m"])
            period = Period(mo, mo, int(g["ao_y"]) if g["ao_y"] else None) if mo else None
        elif g["yt"]:
            # "the year through March 2019": the twelve months that end with it
            last = _lookup(c["month_forms"], g["yt_m"])
            y = int(g["yt_y"]) if g["yt_y"] else None
            if last == 12:
                period = Period(1, 12, y)
            elif last:
                period = Period(last + 1, last, None if y is None else y - 1, last_year=y)
        elif g["qn3"]:
            n = _count(g["qcount"] or g["qcount2"] or g["qcount3"], r)
            if n in (2, 3):
                period = Period(1, 3 * n, int(g["q3y"])) if g["q3y"] else Period(1, 3 * n, offset=0)
        elif g["mrf"]:
            m1, m2 = _lookup(c["month_forms"], g["f_m1"]), _lookup(c["month_forms"], g["f_m2"])
            y1 = _fiscal_first_year(g["mf1"], g["mf2"]) if g["mf1"] else _fiscal_year_ending(g["mfs"])
            if m1 and m2 and y1:
                period = _fiscal_period(y1, m1, m2)
        elif g["mry"]:
            m1, m2 = _lookup(c["month_forms"], g["ry_m1"]), _lookup(c["month_forms"], g["ry_m2"])
            y1, y2 = int(g["ry_y1"]), int(g["ry_y2"])
            if m1 and m2 and (y1, m1) <= (y2, m2):
                period = Period(m1, m2, y1, last_year=y2 if y2 != y1 else None)
        elif g["mr"]:
            m1, m2 = _lookup(c["month_forms"], g["m1"]), _lookup(c["month_forms"], g["m2"])
            if m1 and m2 and m1 <= m2:
                period = Period(m1, m2, int(g["y"]) if g["y"] else None, offset=_rel_offset(c, g["yrel"]))
            elif m1 and m2 and not g["y"] and not g["yrel"]:
                period = Period(m1, m2)   # "July-April": a fiscal year's months, ending in the reference year
            elif m1 and m2 and g["y"]:
                y = int(g["y"])   # "July-April 2017": the one year written is the last month's
                period = Period(m1, m2, y - 1, last_year=y)
        elif g["nmf"]:
            n, y1 = _count(g["nf_n"], r), (_fiscal_first_year(g["nf1"], g["nf2"]) if g["nf1"] else _fiscal_year_ending(g["nfs"]))
            if n and 1 <= n <= 12 and y1:
                period = _fiscal_period(y1, 1, n, counted=True)
        elif g["nm"]:
            n = _count(g["n"], r)
            if n and 1 <= n <= 12:
                if g["ny"]:
                    period = Period(1, n, int(g["ny"]))
                elif g["nrel"]:
                    period = Period(1, n, offset=_rel_offset(c, g["nrel"]))
                else:
                    period = Period(1, n)
        elif g["qf"] or g["hf"] or g["qnf"] or g["nmfs"]:
            # a part of a fiscal year, in the fiscal year's own months: "the first half of FY24"
            if g["qnf"] or g["nmfs"]:
                fy = "nqf" if g["qnf"] else "mff"
                n = _count(g["xqcount"] or g["xqcount2"] or g["xqcount3"], r) * 3 if g["qnf"] else _count(g["nmfs_n"], r)
                first_month, last_month = 1, n
            else:
                fy, size = ("qf", 3) if g["qf"] else ("hf", 6)
                k = fy[0]
                n = int(g[f"x{k}n"] or g[f"x{k}n2"] or 0) or ((4 if k == "q" else 2) if g[f"x{k}last"] else _lookup(c["ordinal_forms"], g[f"x{k}o"]))
                first_month, last_month = size * (n or 0) - size + 1, size * (n or 0)
            y1 = _fiscal_first_year(g[f"{fy}1"], g[f"{fy}2"]) if g[f"{fy}1"] else _fiscal_year_ending(g[f"{fy}s"])
            if n and 1 <= first_month <= last_month <= 12 and y1:
                period = _fiscal_period(y1, first_month, last_month, counted=True)
        elif g["q"]:
            q = int(g["qn"] or g["qn2"] or 0) or (4 if g["qlast"] else _lookup(c["ordinal_forms"], g["qo"]))
            if q:
                y = int(g["qy"]) if g["qy"] else None
                period = Period(3 * q - 2, 3 * q, y, offset=None if y else _rel_offset(c, g["qrel"]))
        elif g["h"]:
            h = int(g["hn"] or g["hn2"] or 0) or (2 if g["hlast"] else _lookup(c["ordinal_forms"], g["ho"]))
            if h in (1, 2):
                y = int(g["hy"]) if g["hy"] else None
                period = Period(6 * h - 5, 6 * h, y, offset=None if y else _rel_offset(c, g["hrel"]))
        elif g["mq"]:
            last = _lookup(c["month_forms"], g["mq_m"])
            if last in (3, 6, 9, 12):
                period = Period(last - 2, last, int(g["mq_y"]) if g["mq_y"] else None)
        elif g["fy"]:
            y1 = _fiscal_first_year(g["fy1"], g["fy2"])
            if y1:
                period = _fiscal_period(y1, None, None)
            elif len(g["fy2"]) == 4 and int(g["fy1"]) < int(g["fy2"]):
                period = Period(1, 12, int(g["fy1"]), last_year=int(g["fy2"]))   # "2010-2022": years, not a fiscal one
        elif g["fys"]:
            period = _fiscal_period(_fiscal_year_ending(g["fys_y"]), None, None)
        elif g["yr"]:
            y1, y2 = (int(next(v for k, v in g.items() if k.startswith(name) and v)) for name in ("yr1", "yr2"))
            if y1 < y2:
                period = Period(1, 12, y1, last_year=y2)
        elif g["mo"]:
            mo = _lookup(c["month_forms"], g["m"])
            if mo and not (g["m"].lower() in c["weak_months"] and not g["my"] and not re.match(r"\s*\d", text[m.end():m.end() + 2]) and text[m.start():m.start() + 1].islower()):
                # "by the end of July 2023": the year's total so far, January to July
                first = 1 if c["through_month"].search(text, max(0, m.start() - 40), m.start()) else mo
                period = Period(first, mo, int(g["my"]) if g["my"] else None, offset=_rel_offset(c, g["mrel"]), to_date=first != mo)
        elif g["yo"]:
            # "4 December 2024" is a day, not a year; "the quarter of 2023" a part of it told elsewhere
            if not c["date_before"].search(text, max(0, m.start() - 20), m.start()) and not c["part_before"].search(text, max(0, m.start() - 30), m.start()):
                # "as of the end of 2023": the year to its end (a stock at that date)
                period = Period(1, 12, int(g["yy"]), to_date=bool(c["through_month"].search(text, max(0, m.start() - 40), m.start())))
        if period is not None:
            is_range = bool(g["mr"] or g["mry"] or g["mrf"] or g["yr"] or g["fy"] or g["fys"])   # "from January through June": never a comparison
            out.append(Mention(m.start(), m.end(), period, _is_compared(c, text, m.start(), is_range), m.group(0)))
    taken = [(x.start, x.end) for x in out]
    # by id: a Pattern's hash reads its whole compiled code
    found = {id(p): matches for p, matches in zip(c["rest"], finditer_each(c["rest"], c["rest_lead"], text))}

    def free(a, b):
        return not any(s < b and a < e for s, e in taken)

    # "last fiscal year": which months is known once the country and the publication date are
    for pattern, offset in c["relative_fiscal_years"]:
        for m in found[id(pattern)]:
            if free(*m.span()):
                out.append(Mention(m.start(), m.end(), Period(1, 12, offset=offset, fiscal=(None, offset)),
                                   _is_compared(c, text, m.start()), m.group(0)))
    taken += [(x.start, x.end) for x in out[len(taken):]]
    # "for the full year", "the year as a whole": a whole year no text names, the last that has ended
    for m in found[id(c["whole_year"])] if c["whole_year"] else ():
        if free(*m.span()):
            out.append(Mention(m.start(), m.end(), Period(1, 12), _is_compared(c, text, m.start()), m.group(0)))
    for m in found[id(c["unstated"])] if c["unstated"] else ():
        if free(*m.span()):
            out.append(Mention(m.start(), m.end(), Period(0, 0, unstated=True), False, m.group(0)))
    for m in found[id(c["half_alone"])] if c["half_alone"] else ():
        if free(*m.span()):
            out.append(Mention(m.start(), m.end(), Period(1, 6), _is_compared(c, text, m.start()), m.group(0)))
    taken += [(x.start, x.end) for x in out[len(taken):]]
    # "up 5% month on month", "к предыдущему месяцу": the month before the figure's own
    for pattern in c["previous_months"]:
        for m in found[id(pattern)]:
            if free(*m.span()):
                out.append(Mention(m.start(), m.end(), Period(0, 0, offset=-1, step_back=1), True, m.group(0)))
    taken += [(x.start, x.end) for x in out[len(taken):]]
    for pattern, offset in c["relative_years"]:
        for m in found[id(pattern)]:
            if free(*m.span()):
                out.append(Mention(m.start(), m.end(), Period(1, 12, offset=offset), _is_compared(c, text, m.start(), year=offset < 0), m.group(0)))
    for pattern, offset in c["relative_months"]:
        for m in found[id(pattern)]:
            if free(*m.span()):
                out.append(Mention(m.start(), m.end(), Period(0, 0, offset=offset), False, m.group(0)))
    for step, patterns in ((3, c["relative_quarters"]),):
        for pattern in patterns:
            for m in found[id(pattern)]:
                if free(*m.span()):
                    out.append(Mention(m.start(), m.end(), Period(0, 0, offset=-1, step_back=step), True, m.group(0)))
    for m in found[id(c["same"])]:
        if free(*m.span()):
            # "the same period" alone is unspecified (offset None); "year-on-year" means a year before
            noun = c["same_noun"].search(m.group(0))
            out.append(Mention(m.start(), m.end(), Period(0, 0, offset=None if noun else -1, same_as_current=True),
                               (_is_compared(c, text, m.start()) and not c["during_end"].search(text, max(0, m.start() - 8), m.start())) or not noun, m.group(0)))
    out.sort(key=lambda x: (x.start, -x.end))
    # "прошлогоднего" inside "прошлогоднего показателя": the longer reading says what the words are
    kept, reach = [], None
    for m in out:
        if reach is None or m.end > reach[1] or (m.start, m.end) == reach:
            kept.append(m)
            if reach is None or m.end > reach[1]:
                reach = (m.start, m.end)
    return _year_of_part(_merge_same_period(c, _part_of_relative_fiscal(c, kept, text), text), text)


def _part_of_relative_fiscal(c: dict, mentions: list[Mention], text: str) -> list[Mention]:
    """"the first quarter of the current fiscal year", "the July-December period of FY24": a part of a fiscal year,
    counted in the fiscal year's months unless months are written ("July-March of the current fiscal year")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        f = m.period.fiscal
        if (f is not None and (f[0] is None or f[1] is None) and prev is not None and prev.period.year is None
                and prev.period.offset is None and prev.period.fiscal is None and 0 < prev.period.first
                and c["part_of"].fullmatch(text, prev.end, m.start)):
            counted = not c["month_word"].search(prev.text)
            part = (prev.period.first, prev.period.last, counted)
            period = replace(m.period, first=prev.period.first, last=prev.period.last,
                             fiscal=(None, f[1], *part) if f[0] is None else (f[0], *part))
            out[-1] = Mention(prev.start, m.end, period, prev.compared or m.compared, text[prev.start:m.end])
        else:
            out.append(m)
    return out


def _merge_same_period(c: dict, mentions: list[Mention], text: str) -> list[Mention]:
    """"the same period of 2020", "аналогичным периодом 2019 года": the year belongs to the same-period phrase
    (a noun phrase: "year-on-year in 2023" names the figure's own year)."""
    out: list[Mention] = []
    skip = set()
    for i, m in enumerate(mentions):
        if i in skip:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (nxt and re.fullmatch(r"\s*\(\s*", text[m.end:nxt.start]) and (nxt.period.year is not None or nxt.period.fiscal)
                and m.period.year is None
                and not text.startswith(":", nxt.end)):   # "in September (August 2023: $1.4 billion)" is another figure's
            # "the first 11 months (July-May) of fiscal 2020-21": the bracket says which months
            out.append(Mention(m.start, nxt.end, nxt.period, m.compared or nxt.compared, text[m.start:nxt.end]))
            skip.add(i + 1)
        elif m.period.same_as_current and nxt and nxt.start - m.end <= 4 and nxt.period.year is None and nxt.period.offset is not None and nxt.period.first == 1:
            out.append(Mention(m.start, nxt.end, Period(0, 0, offset=nxt.period.offset, same_as_current=True), True, text[m.start:nxt.end]))
            skip.add(i + 1)
        elif (m.period.same_as_current and nxt and nxt.start - m.end <= 10 and nxt.period.year and nxt.period.first == 1
              and nxt.period.last == 12 and re.fullmatch(r"[\s\w]{0,10}", text[m.end:nxt.start]) and c["same_noun"].search(m.text)):
            out.append(Mention(m.start, nxt.end, Period(0, 0, nxt.period.year, same_as_current=True), True, text[m.start:nxt.end]))
            skip.add(i + 1)
        else:
            out.append(m)
    return out


def _year_of_part(mentions: list[Mention], text: str) -> list[Mention]:
    """A yearless part of a year written beside a year is that year's part: "В прошлом году за полугодие",
    "за полугодие 2023 года", "Last year, in the first half".

    >>> [(m.period.first, m.period.last, m.period.offset) for m in find("Last year, in the first half, exports rose", "en")]
    [(1, 6, -1)]
    """
    def part(p: Period) -> bool:
        return (p.year is None and p.offset is None and 0 < p.first and (p.first, p.last) != (1, 12) and not p.fiscal
                and not p.same_as_current and not p.unstated and not p.step_back and not p.last_year)

    def whole(p: Period) -> bool:
        return (p.first, p.last) == (1, 12) and (p.year is not None or p.offset is not None) and not p.last_year and not p.fiscal \
            and not p.same_as_current and not p.open_end

    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.compared == m.compared and _ADJACENT.fullmatch(text, prev.end, m.start)
                and (part(prev.period) and whole(m.period) or whole(prev.period) and part(m.period))):
            p, y = (prev, m) if part(prev.period) else (m, prev)
            out[-1] = Mention(prev.start, m.end, replace(p.period, year=y.period.year, offset=y.period.offset), m.compared,
                              text[prev.start:m.end])
        else:
            out.append(m)
    return out


# between a year and its part: spaces, a comma, at most two short words ("за", "in the")
_ADJACENT = re.compile(r"[\s,]*(?:[^\W\d_]{1,3}[\s,]+){0,2}")


def _is_compared(c, text: str, start: int, is_range: bool = False, year: bool = False) -> bool:
    """Whether a period mention at `start` is a comparison's; `year` when it names a past year in words ("last year")."""
    window = text[max(0, start - 70):start]
    m = c["compared"].search(window)
    opens = m is not None and bool(c["compared_open"].match(m.group(0)))
    if opens and is_range:
        return False
    # "the record from 2019" is no comparison; "up 38% from 2020" and "down from 2019" are
    # "up $47.8 billion from 2021": a change amount before "from" compares too
    # "$5 billion over the nine months" is a duration; "up 5% over 2022" a comparison
    if opens and not (c["change_end"] if c["compared_duration"].match(m.group(0)) else c["change_or_amount_end"]).search(window, 0, m.start()) \
            and not c["change_in_month_end"].search(window, 0, m.start()):
        return False
    if not m and c["before_year"] is not None and (year or re.match(r"\d", text[start:start + 1])):
        return bool(c["before_year"].search(window))   # "up by a fifth on 2021", "up 12% on last year"
    return bool(m)


_DATELINE = re.compile(
    r"(?P<d>\d{1,2})\s+(?P<mon>[^\W\d_]+)\s+(?P<y>(?:19|20)\d\d)(?:,?\s+\d{1,2}:\d\d)?|(?P<mon2>[A-Z][a-z]+)\.?\s+(?P<d2>\d{1,2}),\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<d3>\d{2})\.(?P<m3>\d{2})\.(?P<y3>(?:19|20)\d\d)")


def dateline(text: str, lang: str) -> str | None:
    """A publication date written near the top of an article ("6 November 2022, 12:45") as YYYY-MM-DD."""
    head = text[:400]
    for m in _DATELINE.finditer(head):
        if m.group("y3"):
            return f"{m.group('y3')}-{m.group('m3')}-{m.group('d3')}"
        mon_written = m.group("mon") or m.group("mon2")
        month = None
        for code in ("en", "ru"):
            month = _lookup(_compiled(code)["month_forms"], mon_written)
            if month:
                break
        if month:
            day = int(m.group("d") or m.group("d2"))
            year = m.group("y") or m.group("y2")
            return f"{year}-{month:02d}-{day:02d}"
    return None
