"""Trade statements: figures in context become tidy observations (what, between whom, when, against what).

>>> rows = extract("In 2023 exports from Kazakhstan to China rose by 20% to $15.2 billion.")
>>> rows[["indicator", "reporter", "partner", "period_start", "value", "multiplier", "compared_start"]].values.tolist()
[['exports', 'KAZ', 'CHN', '2023-01', 15200000000.0, 1.2, '2022-01']]
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field, replace

from . import countries as country_mentions
from . import periods as period_mentions
from .figures import Figure, _figures
from .lang import _alt, rules
from .periods import Period
from .text import detect_language, fold, sentences

_B, _E = r"(?<![^\W\d_])", r"(?![^\W\d_])"
# roles of a country outside a figure's own clause that still speak for it (the sentence's subject)
_CLAUSE_BREAK = re.compile(r",?\s+(?:while|whereas|but|and\s+(?:imports?|exports?|imported|exported))\b|;|тогда\s+как|,\s+а\s|,\s+но\s|,\s+(?:в\s+том\s+числе|including|of\s+which)\b|\s+а\s+(?:импорт|экспорт)|,\s+(?:и\s+)?(?:импорт|экспорт|imports?|exports?)\b", re.I)
SUBJECT_ROLES = ("owner", "plain", "between", "pair_and", "pair", "adj_owner", "adj")


@functools.cache
def _words(lang: str):
    """Compiled statement rules of one language."""
    r = rules(lang)
    ind = r.table("indicators")
    iw = r.table("indicator_words")

    def rx(patterns, flags=re.I):
        return re.compile(rf"{_B}(?:{_alt(patterns)}){_E}", flags) if patterns else re.compile("(?!)")

    return dict(
        indicators={k: rx(v) for k, v in ind.items()},
        total=rx(iw.get("total", [])),
        other=rx(iw.get("other", [])),
        commodities=rx(iw.get("commodities", [])),
        change_before=re.compile(rf"{_B}(?:{_alt(iw.get('change_before', []))})\s+(?:(?:more\s+than|over|almost|nearly|about|around|some|более(?:\s+чем)?|почти|около)\s+)?$", re.I),
        change_after=re.compile(rf"^\s*(?:{_alt(iw.get('change_after', []))}){_E}", re.I),
        base_before=re.compile(rf"{_B}(?:{_alt(iw.get('base_before', []))})\s+(?:(?:almost|nearly|about|around|some|near|more\s+than|почти|около|более)\s+)?$", re.I),
        twin_gap=re.compile(rf"^\s*(?:{_alt(iw.get('twin_before', []))})\s*(?:(?:about|around|approximately|some|roughly|nearly|около|примерно|порядка)\s+)?$", re.I),
        target_year=re.compile(_alt(iw.get("target_year", [])), re.I) if iw.get("target_year") else re.compile("(?!)"),
        exclude_after=re.compile(rf"\s*(?:{_alt(iw.get('exclude_after', []))})", re.I) if iw.get("exclude_after") else re.compile("(?!)"),
        exclude=re.compile(rf"(?:{_B}(?:{_alt([p for p in iw.get('exclude', []) if p != '='])}){_E}|=)", re.I),
        anaphora=rx(iw.get("pair_anaphora", [])),
        our=rx(iw.get("our_country", [])),
        prep_to=re.compile(rf"{_B}(?:{_alt(iw.get('prep_to', []))})\s+(?:the\s+)?$", re.I),
        prep_from=re.compile(rf"{_B}(?:{_alt(iw.get('prep_from', []))})\s+(?:the\s+)?$", re.I),
        prep_with=re.compile(rf"{_B}(?:{_alt(iw.get('prep_with', []))})\s+(?:the\s+)?$", re.I),
        between=re.compile(rf"{_B}(?:{_alt(iw.get('between', []))})\s+(?:the\s+)?$", re.I),
        respectively=re.compile(r"\brespectively\b|соответственно", re.I),
        positive=re.compile(r"\b(?:surplus|favourable|favorable|positive)\b|положительн\w*|профицит\w*", re.I),
        negative=re.compile(r"\b(?:deficit|negative|unfavourable|unfavorable|shortfall)\b|отрицательн\w*|дефицит\w*", re.I),
        anaphor_subject=re.compile(r"^\W*(?:that|this|it|these|это|этот|эта)\b", re.I),
        figure_word=re.compile(r"\b(?:the|this)\s+(?:figure|indicator)\b|показател\w*|\bit\b|^\W*(?:the\s+)?(?:growth|increase|rise|decline|рост|прирост|увеличение|снижение|сокращение)\b", re.I),
        count_subject=re.compile(r"\bnumber\s+of\b|количеств\w*|\bчисл[оа]\b", re.I),
        in_host=re.compile(r"\b(?:in|into)\s+(?:the\s+)?$|\beconomy\s+of\s+(?:the\s+)?$|\bв\s+$|\bна\s+территории\s+$|\bэкономик\w+\s+$", re.I),
        capital_after=re.compile(r"^\s*(?:capital|investors?|investments?|companies|enterprises|firms|entities|business\w*|residents)", re.I),
        than_other=re.compile(r"^\s*(?:higher|lower|more|less|greater|larger|smaller|bigger)?\s*than\b", re.I),
    )


@dataclass
class _Row:
    figure: Figure
    role: str = "level"            # level | base | twin | change
    twin_of: "_Row | None" = None
    indicator: str | None = None
    reporter: str | None = None
    partner: str | None = None
    period: Period | None = None   # as written (year may be unknown)
    ratio: Figure | None = None
    compared: Period | None = None
    sentence: tuple[int, int] = (0, 0)
    flags: list = field(default_factory=list)
    current: Period | None = None   # the sentence's own period, for "the previous year" and "the same period"
    flow: str | None = None         # "exports"/"imports" behind an 'other' row ("imports of cars from China")


def _bounded(text: str, spans: list[tuple[int, int]], longest: int = 1200) -> list[tuple[int, int]]:
    """Sentences longer than any real one (a list, a table flattened to text) cut at clause marks,
    so that the work per sentence stays bounded and a long document reads in linear time."""
    out = []
    for a, b in spans:
        while b - a > longest:
            cut = max((m.end() for m in re.finditer(r"[;,]\s|\s-\s", text[a + longest // 2:a + longest])), default=None)
            cut = a + longest // 2 + cut if cut is not None else a + longest
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def _published(value) -> tuple[int | None, int | None, str | None]:
    if value is None:
        return None, None, None
    try:
        if value != value:
            return None, None, None
    except (TypeError, ValueError):
        pass
    s = str(value)
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", s)
    if not m:
        return None, None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, s[:10]


def extract(text: str, published=None, source=None):
    """Tidy trade observations from one text (columns: `analysis.frames.TIDY_COLUMNS`).

    `published` ("2022-11-06", a date or a Timestamp) resolves "last year"; without it a dateline in the
    text is used. Raises TypeError for a non-string; never raises on a string.
    """
    from .frames import to_frame

    return to_frame(extract_records(text, published, source))


def extract_records(text: str, published=None, source=None) -> list[dict]:
    """The rows of `extract` as plain dicts (one per observation), for callers that batch many documents
    into one frame (`extract_corpus`): building a frame per document would cost more than reading it."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs the text as a str, not {type(text).__name__}")
    return _Document(text, published, source).records()


class _Document:
    """One article being read: its figures, periods and countries, and the context carried forward."""

    def __init__(self, text: str, published, source):
        self.text = text
        self.folded = fold(text)
        self.lang = detect_language(self.folded)
        self.w = _words(self.lang)
        pub_year, pub_month, pub = _published(published)
        if pub is None:
            line = period_mentions.dateline(self.folded, self.lang)
            pub_year, pub_month, pub = _published(line)
        self.pub_year, self.pub_month, self.published = pub_year, pub_month, pub
        self.source = None if source is None else str(source)
        self.figures = _figures(text, self.lang)
        self.periods = period_mentions.find(self.folded, self.lang)
        self.sentences = _bounded(self.folded, sentences(self.folded) or [(0, len(self.folded))])
        self._figure_starts = [f.number_span[0] for f in self.figures]
        self._period_starts = [p.start for p in self.periods]
        money = [f.span for f in self.figures if f.kind == "money"]
        money_starts = [a for a, _ in money]

        def inside_money(pos):   # "US dollars" names a currency, not a country
            i = bisect.bisect_right(money_starts, pos) - 1
            return i >= 0 and money[i][0] <= pos < money[i][1]

        self.countries = [m for m in country_mentions.find(self.folded, self.lang) if not inside_money(m.start)]
        self._country_starts = [m.start for m in self.countries]

    # the figures, periods and countries whose start lies in [a, b), found by bisection: documents can be long
    def _figs_in(self, a: int, b: int) -> list[Figure]:
        return self.figures[bisect.bisect_left(self._figure_starts, a):bisect.bisect_left(self._figure_starts, b)]

    def _periods_in(self, a: int, b: int) -> list:
        return self.periods[bisect.bisect_left(self._period_starts, a):bisect.bisect_left(self._period_starts, b)]

    def _countries_in(self, a: int, b: int) -> list:
        return self.countries[bisect.bisect_left(self._country_starts, a):bisect.bisect_left(self._country_starts, b)]

    # -----------------------------------------------------------------------------------------
    def records(self) -> list[dict]:
        rows: list[_Row] = []
        ctx = dict(indicator=None, reporter=None, partner=None, period=None, year=None, negative=False)
        for a, b in self.sentences:
            rows.extend(self._sentence(a, b, ctx, rows))
        rows = self._merge_growth(rows)
        self._balance_signs(rows)
        self._consistency(rows)
        return [self._record(r) for r in rows]

    def _consistency(self, rows: list[_Row]) -> None:
        """Flag, never drop: flows that do not add up, and growth claims that miss a base stated beside them."""
        def key(r):
            src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
            period = self._resolve(src.period)
            # a world total may be written with or without "WLD": the named countries make the key
            return (frozenset({src.reporter, src.partner} - {None, "WLD"}), str(period) if period else None, r.figure.unit)

        money = [r for r in rows if r.figure.kind == "money" and r.role in ("level", "twin")]
        groups: dict = {}
        for r in money:
            src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
            groups.setdefault(key(r), {}).setdefault(src.indicator, []).append(r)
        for (pair, period, unit), by in groups.items():
            if period is None or not {"exports", "imports"} <= by.keys():
                continue
            exp, imp = by["exports"][0].figure, by["imports"][0].figure
            slack = exp.precision + imp.precision
            for name, expected, label in (("trade_turnover", exp.value + imp.value, "exports + imports"),
                                          ("trade_balance", exp.value - imp.value, "exports - imports")):
                for r in by.get(name, []):
                    if abs(r.figure.value - expected) > slack + r.figure.precision:
                        note = f"{label} = {expected:,.0f} {unit} but {name} = {r.figure.value:,.0f}"
                        for x in (r, by["exports"][0], by["imports"][0]):
                            x.flags.append(note)
        bases: dict = {}
        for b in rows:
            if b.role == "base":
                bases.setdefault(b.sentence, []).append(b)
        for r in rows:
            if r.ratio is None or r.role != "level" or r.figure.kind != "money":
                continue
            for b in bases.get(r.sentence, ()):
                if b.figure.unit == r.figure.unit and b.indicator == r.indicator:
                    m, mp = r.ratio.multiplier, r.ratio.precision
                    v, vp = r.figure.value, r.figure.precision
                    if m - mp <= 0 or v <= 0:
                        continue
                    low, high = (v - vp) / (m + mp), (v + vp) / (m - mp)
                    stated = b.figure.value
                    if not low - b.figure.precision <= stated <= high + b.figure.precision:
                        r.flags.append(f"stated base {stated:,.0f} is outside the {low:,.0f}..{high:,.0f} that value and growth imply")

    def _merge_growth(self, rows: list[_Row]) -> list[_Row]:
        """A growth figure alone in a sentence next to one with the level it describes becomes one row.

        "Trade grew 27.7% year on year. Trade between the two reached $196 billion." -> one observation.
        """
        index = {s: i for i, s in enumerate(self.sentences)}
        dropped = set()
        for g in rows:
            if g.role != "growth" or g.ratio is None:
                continue
            gi = index.get(g.sentence, -99)
            levels = [r for r in rows if r.role == "level" and r.ratio is None and r.figure.kind == "money"
                      and r.indicator == g.indicator and 0 < abs(index.get(r.sentence, -99) - gi) <= 2
                      and not any(o.role == "level" and o.figure.kind == "money" for o in rows if o.sentence == g.sentence)]
            levels = [r for r in levels if (g.period is None or r.period is None or g.period == r.period)
                      and not re.search(r"\b(?:today|now|currently|at\s+present)\b|сегодня|сейчас|в\s+настоящее\s+время", self.folded[r.sentence[0]:r.sentence[1]], re.I)
                      and {g.reporter, g.partner} & {r.reporter, r.partner} - {None, "WLD"} or (g.reporter is None and g.partner is None)]
            if len(levels) != 1 or id(levels[0]) in dropped:
                continue
            level = levels[0]
            level.ratio, level.compared = g.ratio, g.compared
            if level.period is None and g.period is not None:
                level.period = g.period
            dropped.add(id(g))
        return [r for r in rows if id(r) not in dropped]

    # -----------------------------------------------------------------------------------------
    def _sentence(self, a: int, b: int, ctx: dict, previous: list[_Row]) -> list[_Row]:
        t, w = self.folded, self.w
        figs = self._figs_in(a, b)
        if not figs:
            self._carry_context(a, b, ctx)
            return []
        figs = self._parallel_changes(figs, a, b)
        ratios = [f for f in figs if f.kind == "ratio"]
        anchors: list[_Row] = []
        for f in figs:
            if f.kind == "money" or f.kind == "count":
                anchors.append(_Row(f, sentence=(a, b)))
            elif f.kind == "percent" and "percentage points" not in f.note and self._about_trade(a, b):
                anchors.append(_Row(f, sentence=(a, b), indicator="other"))
            elif f.kind == "number" and (f.scale > 1 or self._count_context(a, f)) and not self._unit_word_after(f):
                anchors.append(_Row(f, sentence=(a, b)))
        excluded = [r for r in anchors if self._excluded(r.figure, a, b, anchors)]
        # the converted twin of an excluded amount ("contracts worth €10 billion ($11.8 billion)") goes too
        excluded += [r for r in anchors if r.figure.kind == "money" and any(
            x.figure.kind == "money" and x.figure.span[1] <= r.figure.span[0] and w["twin_gap"].match(t[x.figure.span[1]:r.figure.span[0]]) for x in excluded)]
        anchors = [r for r in anchors if r not in excluded]
        ratios = [r for r in ratios if not self._excluded(r, a, b, anchors) and not self._compares_other_thing(r)]
        # roles: absolute changes, base values, parenthetical twins
        prev_row = None
        for r in anchors:
            f = r.figure
            before = t[max(a, f.span[0] - 40):f.span[0]]
            after = t[f.span[1]:min(b, f.span[1] + 40)]
            if prev_row and prev_row.role != "change" and f.kind == "money" == prev_row.figure.kind and w["twin_gap"].match(t[prev_row.figure.span[1]:f.span[0]]):
                r.role, r.twin_of = "twin", prev_row.twin_of or prev_row
            elif f.kind == "money" and (w["change_before"].search(before) or w["change_after"].search(after)):
                r.role = "change"
            elif f.kind == "money" and re.match(r"\s*compared\s+(?:to|with)\s+the\s+same|\s*по\s+сравнению\s+с\s+аналогичн", after, re.I) and any(
                    o.figure.kind == "money" and o.figure.span[0] > f.span[1] for o in anchors):
                r.role = "change"   # "exceeded $28.2 million compared to the same period ..., having made up $295.7 million"
            elif f.kind == "money" and re.search(r"\(\s*$", before) and any(p.compared and 0 <= f.span[0] - p.end <= 3 for p in self._periods_in(f.span[0] - 200, f.span[0])):
                r.role = "base"   # "compared to the figure for 2021 ($3.4 billion)"
            elif f.kind in ("money", "number") and w["base_before"].search(before) and any(o is not r and o.figure.span[0] < f.span[0] for o in anchors):
                r.role = "base"
            elif f.kind == "money" and w["base_before"].search(before) and re.search(r"(?:\bfrom|\bс)\s*(?:almost|nearly|about|around|почти|около)?\s*$", before, re.I) and any(o.figure.span[0] > f.span[0] for o in anchors) and re.search(r"\bto\b|\bдо\b", t[f.span[1]:b]):
                r.role = "base"   # "from 3.2 billion in 2009 to 18 billion in 2022"
            if r.role != "twin":
                prev_row = r
        anchors = [r for r in anchors if r.role != "change"]
        levels = [r for r in anchors if r.role == "level"]
        # growth figures attach to the nearest level in the sentence
        unattached = []
        for g in ratios:
            best, dist = None, 10**9
            for r in levels:
                if r.figure.kind == "percent":
                    continue
                d = self._distance(g, r.figure, a, b)
                if d < dist:
                    best, dist = r, d
            if best is not None and dist < 10**6 and (best.ratio is None or self._better_ratio(g, best.ratio)):
                if best.ratio is not None:
                    unattached.append(best.ratio) if False else None
                best.ratio = g
            elif best is None or dist >= 10**6:
                unattached.append(g)
        rows: list[_Row] = []
        for r in anchors:
            self._describe(r, a, b, ctx, anchors)
            if r.role != "drop" and not (r.twin_of is not None and r.twin_of.role == "drop"):
                rows.append(r)
        # "exports rose to $13.2 billion in 2022, while imports reached $11 billion": one sentence, one period
        for r in rows:
            if r.role == "level" and r.period is None and r.figure.kind in ("money", "percent"):
                other = [o for o in rows if o.role == "level" and o.period is not None and o.figure.kind == "money"]
                if other:
                    r.period = min(other, key=lambda o: abs(o.figure.span[0] - r.figure.span[0])).period
        current = next((r.period for r in rows if r.role == "level" and r.period is not None and not r.period.same_as_current and r.period.offset is None), None)
        mentions = self._periods_in(a, b)
        for r in rows:
            r.current = current
            if r.ratio is not None:
                r.compared = self._compared(r, mentions, anchors, a, b)
        for g in unattached:
            row = self._growth_only(g, a, b, ctx, previous + rows)
            if row is not None:
                rows.append(row)
        self._respectively(rows, a, b)
        self._carry_context(a, b, ctx, rows)
        return rows

    # -----------------------------------------------------------------------------------------
    def _about_trade(self, a: int, b: int) -> bool:
        """Does the sentence name any indicator (trade, exports, investment, ...) at all?"""
        return any(p.search(self.folded, a, b) for p in self.w["indicators"].values())

    def _count_context(self, a: int, f: Figure) -> bool:
        before = self.folded[max(a, f.span[0] - 150):f.span[0]]
        return bool(self.w["count_subject"].search(before)) and bool(self.w["indicators"]["enterprises"].search(before))

    def _unit_word_after(self, f: Figure) -> bool:
        return bool(re.match(r"\s*(?:tons?|tonnes?|people|passengers|barrels|cubic|т\b|тонн|человек|пассажир)", self.folded[f.span[1]:f.span[1] + 14], re.I))

    def _excluded(self, f: Figure, a: int, b: int, anchors: list[_Row]) -> bool:
        t = self.folded
        left = max(a, f.span[0] - 70)
        for o in anchors:
            if o.figure is not f and o.figure.span[1] <= f.span[0]:
                left = max(left, o.figure.span[1])
        right = min(b, f.span[1] + 45)
        for o in anchors:
            if o.figure.span[0] >= f.span[1]:
                right = min(right, o.figure.span[0])
                break
        window = t[left:f.span[0]] + " " + t[f.span[1]:right]
        return (bool(self.w["exclude"].search(window)) or bool(self.w["exclude_after"].match(t, f.span[1]))
                or any(int(m.group("year")) > self._latest_year for m in self.w["target_year"].finditer(window)))

    @functools.cached_property
    def _latest_year(self) -> int:
        """The latest year the text reports on (or was published in): 'by 2030' beyond it is a target,
        while '+2.8% к 2022 году' in a text about 2023 is a comparison."""
        years = [p.period.year for p in self.periods if p.period.year and not p.compared
                 and not re.search(r"\b(?:by|к|до)\s+$", self.folded[max(0, p.start - 20):p.start], re.I)]
        years.append(self.pub_year or 0)
        return max(years) if max(years) else 1800

    def _compares_other_thing(self, g: Figure) -> bool:
        """"ten times lower than trade between Serbia and the EU" compares partners, not periods."""
        after = self.folded[g.span[1]:g.span[1] + 60]
        m = self.w["than_other"].match(after)
        if not m or g.kind != "ratio":
            return False
        rest = after[m.end():m.end() + 40]
        return not self._periods_in(g.span[1] + m.end(), g.span[1] + m.end() + 41) and not re.search(r"same|аналогичн|last|прошл|previous|year", rest, re.I)

    def _distance(self, g: Figure, f: Figure, a: int, b: int) -> int:
        t = self.folded
        lo, hi = (g.span[1], f.span[0]) if g.span[1] <= f.span[0] else (f.span[1], g.span[0])
        between = t[lo:hi] if lo < hi else ""
        d = max(0, hi - lo)
        if re.search(r";|\bwhile\b|\bwhereas\b|тогда\s+как|\bа\s+(?:импорт|экспорт)|,\s+а\s+(?:в|во|за|по|с)\s|\band\s+(?:imports?|exports?)\b|,\s+(?:imports?|exports?)\b|\bin\s+contrast\b", between, re.I):
            d += 10**6
        if re.search(r"\b(?:imports?|exports?)\b|импорт|экспорт", between, re.I) and d > 25:
            d += 200
        for p in self._periods_in(lo, hi):
            if p.end <= hi and not p.compared and not p.period.same_as_current and re.search(r"[,;]\s*(?:in|в|за)?\s*$", t[max(lo, p.start - 6):p.start]) and f.span[1] <= p.start:
                d += 10**6   # "it was $2 billion in 2017, in 2018 this figure grew ...": a new statement
        return d

    def _better_ratio(self, new: Figure, old: Figure) -> bool:
        """Two growth figures for one level: prefer the year-on-year one ("down 6.8% on June, up 6.1% y/y")."""
        t = self.folded

        def yoy(g):
            return bool(re.search(r"year[-\s]on[-\s]year|y/y|год\s+к\s+году|annual|годовом", t[g.span[1]:g.span[1] + 25], re.I))

        def month_on_month(g):
            return bool(re.search(r"compared\s+(?:to|with)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", t[g.span[1]:g.span[1] + 40]))

        if month_on_month(old) and not month_on_month(new):
            return True
        return yoy(new) and not yoy(old)

    # -----------------------------------------------------------------------------------------
    def _indicator(self, a: int, b: int, start: int, end: int, left_floor: int, right_ceiling: int) -> str | None:
        t, inds = self.folded, self.w["indicators"]
        best = None
        for name, pattern in inds.items():
            for m in pattern.finditer(t, left_floor, start):
                key = (m.end(), name != "trade_turnover")
                if best is None or key > best[0]:
                    best = (key, name, m)
        right = re.match(r"\s*[-–—]?\s*(?:for|на|по)\s+", t[end:end + 12])
        if right:
            for name, pattern in inds.items():
                if pattern.match(t, end + right.end()):
                    return name
        if best is not None:
            name = best[1]
            window = t[left_floor:start]
            if name in ("trade_turnover", "exports", "imports") and re.search(r"(?:balance|сальдо|deficit|surplus|дефицит|профицит)", window[max(0, best[2].start() - left_floor - 40):], re.I):
                name = "trade_balance"
            return name
        best = None
        for name, pattern in inds.items():
            m = pattern.search(t, end, min(right_ceiling, end + 90))
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), name)
        if best is not None:
            return best[1]
        return None

    def _clause_left(self, f: Figure, a: int, anchors: list[_Row]) -> int:
        """Where a figure's clause starts: after the previous figure, or after the clause break behind it
        ("exported $1.2 billion to Uzbekistan and imported $456 million": "to Uzbekistan" is the exports')."""
        left = a
        for o in anchors:
            if o.figure.span[1] <= f.span[0] and o.role != "twin":
                left = max(left, o.figure.span[1])
        if left > a:
            brk = _CLAUSE_BREAK.search(self.folded, left, f.span[0])
            if brk:
                left = brk.start()
        return left

    def _describe(self, r: _Row, a: int, b: int, ctx: dict, anchors: list[_Row]) -> None:
        f = r.figure
        if r.role == "twin":
            return
        left = self._clause_left(f, a, anchors)
        nxt = min([o.figure.span[0] for o in anchors if o.figure.span[0] >= f.span[1] and o.role != "twin"] + [b])
        if r.indicator is None:
            if f.kind == "count" or (f.kind == "number" and self._count_context(a, f)):
                r.indicator = "enterprises"
            else:
                r.indicator = (self._indicator(a, b, f.span[0], f.span[1], left, nxt)
                               or self._indicator(a, b, f.span[0], f.span[1], a, nxt)
                               or ctx["indicator"])
        if r.indicator is None:
            if f.kind in ("money", "number") and not self._about_trade(a, b):
                r.role = "drop"   # an amount in a sentence that speaks of no trade at all ("the bridge cost $2 billion")
                return
            r.indicator = "other"
        if r.indicator in ("exports", "imports", "trade_turnover") and self._commodity(left if left > a else a, f):
            r.flow, r.indicator = r.indicator, "other"
        siblings = [o for o in anchors if o is not r and o.reporter is not None and o.indicator in ("exports", "imports", "trade_turnover")]
        self._countries(r, a, b, left, nxt, ctx, siblings)
        self._period(r, a, b, ctx, anchors)

    def _commodity(self, left: int, f: Figure) -> bool:
        t, w = self.folded, self.w
        window = t[max(left, f.span[0] - 80):f.span[0]]
        m = None
        for m in w["indicators"]["imports"].finditer(window):
            pass
        m2 = None
        for m2 in w["indicators"]["exports"].finditer(window):
            pass
        k = max((x for x in (m, m2) if x is not None), key=lambda x: x.start(), default=None)

        def goods(text):   # "non-oil exports" are exports, not oil
            return any(not re.search(r"(?:non|не)[-\s]?$", text[:g.start()], re.I) for g in w["commodities"].finditer(text))

        if k is None:
            return bool(w["other"].search(window)) or goods(t[left:f.span[0]])
        return goods(window[max(0, k.start() - 25):k.end() + 30]) or bool(w["other"].search(window))

    # -----------------------------------------------------------------------------------------
    def _roles(self, a: int, b: int) -> list[tuple[object, str]]:
        """(mention, role) in a span: owner, dest, origin, with, between, adj, host, plain, group.

        Every figure of a sentence asks for its sentence's roles: they are read once per span."""
        cache = self.__dict__.setdefault("_role_cache", {})
        if (a, b) not in cache:
            cache[(a, b)] = self._read_roles(a, b)
        return cache[(a, b)]

    def _read_roles(self, a: int, b: int) -> list[tuple[object, str]]:
        t, w = self.folded, self.w
        out = []
        ms = self._countries_in(a, b)
        for i, m in enumerate(ms):
            before = t[max(a, m.start - 30):m.start]
            after = t[m.end:m.end + 20]
            if m.form == "adj":
                if re.match(r"-", after) or re.search(r"-$", before):
                    role = "pair"
                elif w["capital_after"].match(after) or re.match(r"\s*\w+\s+(?:capital|companies|enterprises|entities|investments?|investors?)", after, re.I) or re.match(r"\s*(?:компани|предприяти|инвестиц|капитал|фирм|субъект|продукци|товар)", after, re.I):
                    role = "adj_owner"
                else:
                    role = "adj"
            elif re.match(r"['’]s?\b", after):
                role = "owner"
            elif w["between"].search(before):
                role = "between"
            elif i > 0 and ms[i - 1].start >= m.start - 30 and re.fullmatch(r"\s+(?:and|и)\s+", t[ms[i - 1].end:m.start]) and out and out[-1][1] in ("between", "pair_and"):
                role = "pair_and"
            elif w["prep_from"].search(before):
                role = "origin"
            elif w["in_host"].search(before) and (self.lang == "en" or re.search(r"[еи]$", m.text) or re.search(r"экономик\w+\s+$", before)):
                role = "host"
            elif w["prep_to"].search(before):
                role = "dest"
            elif w["prep_with"].search(before):
                role = "with"
            else:
                role = "plain"
                ind = None
                for pattern in w["indicators"].values():
                    for k in pattern.finditer(t, max(a, m.start - 40), m.start):
                        ind = k
                if self.lang == "ru" and ind is not None and re.fullmatch(r"[\s\w]{0,25}", t[ind.end():m.start]):
                    role = "owner"   # genitive: "товарооборот Казахстана"
            out.append((m, role))
        # "between X and Y" / "X and Y": the second of a pair
        fixed = []
        for j, (m, role) in enumerate(out):
            if role in ("plain", "with", "dest") and j > 0 and re.fullmatch(r"\s+(?:and|и)\s+", t[out[j - 1][0].end:m.start]) and out[j - 1][1] in ("between", "plain", "pair_and"):
                if out[j - 1][1] == "between" or (role == "plain" and out[j - 1][1] == "plain"):
                    role = "pair_and"
                    if fixed and fixed[-1][1] == "plain":
                        fixed[-1] = (fixed[-1][0], "between")
            fixed.append((m, role))
        return fixed

    def _countries(self, r: _Row, a: int, b: int, left: int, nxt: int, ctx: dict, siblings: list[_Row] = ()) -> None:
        """Reporter and partner of a row from the roles countries play in its sentence."""
        t, w = self.folded, self.w
        f = r.figure
        roles = self._roles(a, b)
        # the figure's own clause: from the previous figure up to it, and on to the next clause break
        brk = _CLAUSE_BREAK.search(t[f.span[1]:nxt])
        after_cut = f.span[1] + brk.start() if brk else nxt
        # "..., Kazakhstan - $150 million": a name followed by a dash labels the figure after it
        local = [(m, role) for m, role in roles if left <= m.start < after_cut
                 and not (m.start >= f.span[1] and re.match(r"\s*[-:]\s*(?:[$€£¥₽₸]|\d|[A-Z]{3}\s?\d)", t[m.end:m.end + 10]))]
        outside = [(m, role) for m, role in roles if (m, role) not in local]
        ind = r.flow or r.indicator   # a good's exports are read like exports
        subject_roles = SUBJECT_ROLES + (("host", "dest") if ind in ("investment", "enterprises") else ())
        pair_roles = ("with", "pair_and", "between")

        def pick(wanted, pools):
            for pool in pools:
                for want in wanted:
                    for m, role in pool:
                        if role == want:
                            return m
            return None

        if ind in ("investment", "enterprises"):
            local = sorted(local, key=lambda x: min(abs(x[0].start - f.span[1]), abs(f.span[0] - x[0].end)))
        # a sentence's subject stands before the figure; names after it belong to later figures
        rep_pools = [local, [(m, role) for m, role in outside if role in subject_roles and m.start < f.span[0]]]
        # partners outside the figure's clause only from the sentence's opening ("trade between X and Y ... rose
        # 30% and reached $31.5 billion"); names between earlier figures are theirs
        opening = min((g.span[0] for g in self._figs_in(a, b) if g.kind in ("money", "count", "ratio")), default=b)
        par_pools = [local] if ind in ("exports", "imports") else [
            local, [(m, role) for m, role in outside if role in pair_roles and m.start < opening]]

        def iso(m):
            return None if m is None else m.iso3

        sentence = t[a:b]
        group_roles = ("dest", "with", "origin", "between", "pair_and", "plain")
        has_group = any(m.form == "group" and role in group_roles and ((m, role) in local or m.end <= f.span[0]) for m, role in roles)
        rep = par = None
        if ind == "exports":
            rep = pick(("owner", "origin", "adj_owner", "adj", "pair", "plain", "between", "host"), rep_pools)
            par = pick(("dest", "with", "pair_and"), par_pools)
        elif ind == "imports":
            rep = pick(("dest", "owner", "host", "plain", "between"), rep_pools)
            par = pick(("origin", "with", "adj_owner", "adj", "pair_and"), par_pools)
        elif ind in ("investment", "enterprises"):
            rep = pick(("host", "dest", "owner"), rep_pools)
            par = pick(("adj_owner", "origin", "owner", "adj", "plain", "with"), [local, outside])
            if rep is par:
                par = None
            if rep is None and par is not None and par.iso3:
                other = self._other_country(par.iso3)
                if other and (w["our"].search(sentence) or self._doc_pair()):
                    rep = country_mentions.CountryMention(0, 0, other, "name", "")
        elif ind == "other" and f.kind == "percent":
            rep = pick(("owner", "host"), [roles])
            near = [m for m, role in roles if m.end <= f.span[0] and f.span[0] - m.end < 25 and m is not rep]
            other_side = [[x for x in pool if rep is None or x[0].iso3 != rep.iso3] for pool in (local, outside)]
            par = near[-1] if near else pick(("plain", "adj", "with", "dest", "origin", "between", "pair_and"), other_side)
            if rep is None:
                cand = [m for m, role in roles if m is not par and m.iso3 and role in ("plain", "adj", "between", "owner")]
                rep = cand[0] if cand else None
        else:  # turnover, balance, other money
            rep = pick(("owner", "between", "pair", "plain", "adj_owner", "adj", "host"), rep_pools)
            par = pick(("pair_and", "with", "dest", "origin"), par_pools)
            if par is None:
                others = [m for m, role in roles if m is not rep and (m.iso3 != iso(rep) or m.iso3 is None) and role in ("plain", "adj", "pair", "owner", "between", "pair_and")]
                if others and rep is not None:
                    par = others[0]
        if rep is not None and par is not None and (rep is par or (rep.iso3 and rep.iso3 == par.iso3)):
            par = None
        reporter, partner = iso(rep), iso(par)
        partner_group = (par is not None and par.form == "group") or (par is None and has_group)
        anaphora = bool(w["anaphora"].search(sentence))
        flows = ("exports", "imports", "trade_turnover", "trade_balance")
        if ind == "trade_turnover" and rep is not None and pick(("pair_and", "with", "dest", "origin"), [local]) is None:
            sibling = next((o for o in siblings if o.reporter and o.partner and o.reporter != rep.iso3), None)
            roles_here = [role for m, role in local if m is rep]
            if sibling is not None and roles_here == ["plain"]:
                reporter, partner = sibling.reporter, rep.iso3   # "including with Russia - $310 million, Kazakhstan - $150 million"
        if reporter is None and has_group and ctx["reporter"] and ctx["partner"] == "WLD" and ind in flows:
            reporter = ctx["reporter"]   # "Kyrgyzstan's trade ... The trade with the EAEU countries ..."
        if reporter is None and partner is None and not has_group:
            sib = next((o for o in siblings if o.reporter), None)
            if anaphora or (ind == "trade_turnover" and re.search(r"\bbetween\b|между", sentence, re.I)):
                pair = self._recent_pair(a)
                if pair:
                    reporter, partner = pair
            elif sib is not None and ind in flows:
                reporter, partner = sib.reporter, sib.partner   # "Chinese exports ..., and imports ..."
            elif (ctx["reporter"] is not None or ctx["partner"] is not None) and ind in flows + ("investment",) and not (
                    ind in ("exports", "imports") and ctx["indicator"] == "trade_turnover" and ctx["partner"] not in (None, "WLD")):
                reporter, partner = ctx["reporter"], ctx["partner"]   # whose exports, in a bilateral turnover, is not said
        elif reporter is not None and partner is None and not partner_group and not anaphora and ind in flows + ("other",) and f.kind != "percent":
            sibling = next((o for o in siblings if o.reporter == reporter and o.partner not in (None, "WLD")), None)
            if ind == "other" and not w["total"].search(sentence):
                pass
            elif sibling is not None:
                partner = sibling.partner   # "exports to the US rose ..., while imports were ..."
            elif ctx["partner"] and ctx["reporter"] == reporter and not w["total"].search(sentence):
                partner = ctx["partner"]
            elif any(o.partner == reporter and o.reporter not in (None, "WLD") for o in siblings) or (
                    ctx["partner"] == reporter and ctx["reporter"] not in (None, "WLD") and ind in ("exports", "imports")):
                pass   # "China's exports to Russia rose ..., Russia's imports ...": a bilateral sentence, not the world
            elif ind != "other" or w["total"].search(sentence):
                partner = "WLD"
        elif reporter is None and partner is not None and not partner_group and ind in ("exports", "imports", "trade_turnover"):
            sibling = next((o for o in siblings if o.reporter and o.reporter != partner), None)
            if sibling is not None:
                reporter = sibling.reporter   # "Russian exports to China ..., imports from China ..."
            elif ctx["reporter"] and ctx["reporter"] != partner:
                reporter = ctx["reporter"]
        bilateral_context = ctx["indicator"] == "trade_turnover" and ctx["partner"] not in (None, "WLD")
        if reporter is None and partner is None and not has_group and not anaphora and ind in ("exports", "imports", "trade_balance") and not bilateral_context:
            partner = "WLD"
        if reporter is None and partner is None and not has_group and not anaphora and ind == "trade_turnover" and w["total"].search(sentence):
            partner = "WLD"
        if partner is None and reporter is None and ind == "other" and f.kind in ("money", "ratio") and ctx["indicator"] is not None and not roles:
            reporter, partner = ctx["reporter"], ctx["partner"]   # "In physical terms, the volume grew ..." speaks of the same trade
        elif partner is None and ind == "other" and f.kind in ("money", "ratio") and not has_group and not anaphora:
            partner = "WLD"
        if partner is None and reporter is not None and ind == "other" and f.kind == "percent" and not partner_group and w["total"].search(sentence):
            partner = "WLD"
        if partner is None and reporter is None and ind == "other" and f.kind == "percent" and not roles:
            partner = "WLD"
        if reporter == partner:
            partner = None
        r.reporter, r.partner = reporter, partner

    def _other_country(self, iso3: str) -> str | None:
        pair = self._doc_pair()
        if pair and iso3 in pair:
            rest = [c for c in pair if c != iso3]
            return rest[0] if rest else None
        return None

    @functools.cached_property
    def _counts(self) -> dict:
        counts: dict = {}
        for m in self.countries:
            if m.iso3:
                counts[m.iso3] = counts.get(m.iso3, 0) + 1
        return counts

    def _doc_pair(self) -> tuple[str, ...] | None:
        ranked = sorted(self._counts, key=lambda k: -self._counts[k])
        return tuple(ranked[:2]) if len(ranked) >= 2 else None

    @functools.cached_property
    def _pairs(self) -> list[tuple[int, str, str]]:
        """(sentence start, first, second) for each sentence that names two countries."""
        out = []
        for s, e in self.sentences:
            names = list(dict.fromkeys(m.iso3 for m in self._countries_in(s, e) if m.iso3))
            if len(names) >= 2:
                out.append((s, names[0], names[1]))
        return out

    def _recent_pair(self, a: int) -> tuple[str, str] | None:
        """The two countries the text last named together, else the two it names most."""
        before = [p for p in self._pairs if p[0] <= a]
        best = before[-1] if before else (self._pairs[0] if self._pairs else None)
        if best:
            # the country the text is about (named most often) reports
            first, second = sorted(best[1:], key=lambda c: -self._counts.get(c, 0))
            return first, second
        pair = self._doc_pair()
        return (pair[0], pair[1]) if pair else None

    # -----------------------------------------------------------------------------------------
    def _period(self, r: _Row, a: int, b: int, ctx: dict, anchors: list[_Row]) -> None:
        f = r.figure
        mentions = self._periods_in(a, b)
        own = [p for p in mentions if not p.compared and not p.period.same_as_current]
        if r.role == "base":
            cands = mentions
        else:
            cands = own
        chosen = None
        if cands:
            chosen = min(cands, key=lambda p: self._period_distance(p, f, anchors))
            if self._period_distance(chosen, f, anchors) > 10**5:
                chosen = None
        period = None
        same_here = [p for p in mentions if p.period.same_as_current and p.period.offset is None and p.period.year is None and not p.compared]
        if chosen is not None:
            period = chosen.period
        elif r.role == "level" and same_here:
            period = next((o.period for o in anchors if o is not r and o.period is not None), None) or ctx["period"]
        elif r.role == "level" and ctx["period"] is not None and (f.kind != "count" or self.w["indicators"]["enterprises"].search(self._previous_sentence(a))):
            period = ctx["period"]
        r.period = period


    def _bound_to(self, p, anchors: list[_Row]) -> Figure | None:
        """The figure a period is written right after ("$18 billion in 2022"), if any."""
        for o in anchors:
            f = o.figure
            if f.span[1] <= p.start and re.fullmatch(r"\s*(?:\(?(?:in|during|for|by\s+the\s+end\s+of|at\s+the\s+end\s+of|в|во|за|на)\s+)?(?:the\s+)?", self.folded[f.span[1]:p.start], re.I) and p.start - f.span[1] <= 24:
                return f
        return None

    def _owner(self, p, anchors: list[_Row]) -> Figure | None:
        """A period between two figures belongs to the nearer one; before or after all of them, to none."""
        before = [o.figure for o in anchors if o.figure.span[1] <= p.start and o.role != "twin"]
        after = [o.figure for o in anchors if o.figure.span[0] >= p.end and o.role != "twin"]
        if not before or not after:
            return None
        x, y = before[-1], after[0]
        if re.search(r",?\s+(?:while|whereas|but)\b|;|тогда\s+как|,\s+а\s|,\s+но\s", self.folded[x.span[1]:p.start]):
            return y
        return x if p.start - x.span[1] < y.span[0] - p.end else y

    def _period_distance(self, p, f: Figure, anchors: list[_Row]) -> int:
        bound = self._bound_to(p, anchors)
        if bound is f:
            return 0
        if bound is not None:
            return 10**6
        owner = self._owner(p, anchors)
        if owner is not None and owner is not f:
            return 10**6
        lo, hi = (p.end, f.span[0]) if p.end <= f.span[0] else (f.span[1], p.start)
        d = max(0, hi - lo)
        between = self.folded[lo:hi] if lo < hi else ""
        # another level figure between the period and this one makes it that figure's period
        for o in anchors:
            if o.figure is not f and lo <= o.figure.span[0] < hi and o.role not in ("twin",):
                d += 400
        if bound is not None:
            d += 500
        if _CLAUSE_BREAK.search(between) or re.search(r",\s+а\s+(?:в|во|за|по|с)\s", between):
            d += 500   # the period opens another clause
        if p.start > f.span[1]:
            d += 15  # "in 2022 ... $3.2 billion" beats "... compared to 2021 ($3.4 billion)"
            if re.search(r"[;]|\bwhile\b|тогда как", between):
                d += 1000
        return d

    def _compared(self, r: _Row, mentions, anchors, a: int, b: int):
        g = r.ratio
        # a stated base figure's period
        bases = [o for o in anchors if o.role == "base" and o.figure.span[0] > r.figure.span[0] - 200]
        explicit = [p for p in mentions if p.compared]
        if explicit:
            p = min(explicit, key=lambda p: abs(p.start - g.span[1]))
            return p.period
        for o in bases:
            if o.period is not None:
                return o.period
        return "derive"

    # -----------------------------------------------------------------------------------------
    def _growth_only(self, g: Figure, a: int, b: int, ctx: dict, previous: list[_Row]) -> _Row | None:
        t, w = self.folded, self.w
        left = a
        changes = {id(r.figure) for r in previous if r.role == "change"}
        for f in self._figs_in(a, g.span[0]):
            if a <= f.span[1] <= g.span[0] and f.kind in ("money", "count", "ratio", "percent") and id(f) not in changes and not self.w["change_before"].search(t[max(a, f.span[0] - 30):f.span[0]]):
                left = max(left, f.span[1])
        clause = t[left:g.span[0]]
        if w["count_subject"].search(clause):
            return None
        if self._excluded(g, a, b, []):
            return None
        ind = self._indicator(a, b, g.span[0], g.span[1], left, min(b, g.span[1] + 40))
        if ind is None:
            ind = self._indicator(a, b, g.span[0], g.span[1], a, g.span[0])
        if ind is None and w["anaphor_subject"].search(t[a:b]) and previous:
            last = next((r for r in reversed(previous) if r.role == "level" and r.figure.kind == "money"), None)
            if last is not None and last.ratio is None:
                last.ratio = g
                own = [p for p in self._periods_in(a, b) if p.compared]
                last.compared = own[0].period if own else "derive-base"
                return None
        if ind is None and (w["figure_word"].search(clause) or not clause.strip() or re.match(r"^\W*$", clause)):
            ind = ctx["indicator"]
        if ind is None or ind == "enterprises":
            return None
        flow = None
        if ind in ("exports", "imports", "trade_turnover") and self._commodity(left, g):
            flow, ind = ind, "other"
        row = _Row(g, role="growth", indicator=ind, sentence=(a, b), flow=flow)
        row.ratio = g
        siblings = [o for o in previous if o.sentence == (a, b) and o.reporter is not None and o.indicator in ("exports", "imports", "trade_turnover")]
        self._countries(row, a, b, left, min(b, g.span[1] + 40), ctx, siblings)
        mentions = self._periods_in(a, b)
        own = [p for p in mentions if not p.compared and not p.period.same_as_current]
        if own:
            row.period = min(own, key=lambda p: (g.span[0] - p.end) if p.end <= g.span[0] else (p.start - g.span[1] + 15)).period
        elif ctx["period"] is not None:
            row.period = ctx["period"]
        row.compared = self._compared(row, mentions, [], a, b)
        return row

    def _parallel_changes(self, figs: list[Figure], a: int, b: int) -> list[Figure]:
        """"Trade with A climbed 5.3%, and with B and C came in at 5.2 percent and 11 percent, respectively":
        bare percents listed after a change, in a 'respectively' sentence, are changes of the same kind."""
        if not self.w["respectively"].search(self.folded, a, b):
            return figs
        first = next((f for f in figs if f.kind == "ratio" and f.raw.rstrip().endswith(("%", "percent", "per cent", "процента", "процентов"))), None)
        if first is None:
            return figs
        out = []
        for f in figs:
            if f.kind == "percent" and f.span[0] > first.span[1] and "percentage points" not in f.note and not self._share_before(f):
                ratio = 1 + f.value / 100 if first.multiplier >= 1 else 1 - f.value / 100
                f = replace(f, kind="ratio", unit="ratio", value=ratio, multiplier=ratio, precision=f.precision / 100,
                            direction=first.direction)
            out.append(f)
        return out

    def _share_before(self, f: Figure) -> bool:
        return bool(re.search(r"\b(?:share|accounted|accounting|of\s+(?:the\s+)?total)\b|дол[яеию]|приходится", self.folded[max(0, f.span[0] - 40):f.span[1] + 25], re.I))

    def _respectively(self, rows: list[_Row], a: int, b: int) -> None:
        """"exports to Russia and China ... 0.83 billion and 0.27 billion respectively"."""
        t = self.folded
        if not self.w["respectively"].search(t[a:b]):
            return
        changes = [r for r in rows if r.role == "growth"]
        mentions = self._countries_in(a, b)
        if len(changes) >= 2:
            # partners named in a list before the listed changes, groups included ("the US and ASEAN")
            first_change = changes[1].figure.span[0]
            listed = [m for m in mentions if m.start < first_change and m.start > changes[0].figure.span[1]]
            if len(listed) >= len(changes) - 1:
                for r, m in zip(changes[1:], listed[-(len(changes) - 1):]):
                    r.partner = m.iso3
        levels = [r for r in rows if r.role == "level" and r.figure.kind in ("money", "number")]
        names = [m for m in mentions if m.iso3]
        first = levels[0].figure.span[0] if levels else b
        before = [m for m in names if m.start < first]
        if len(levels) >= 2 and len(before) >= len(levels):
            pick = before[-len(levels):]
            for r, m in zip(levels, pick):
                if r.partner in [x.iso3 for x in pick] or r.partner is None:
                    r.partner = m.iso3
                if r.reporter == m.iso3:
                    r.reporter = None
                    other = [x.iso3 for x in names if x.iso3 not in [y.iso3 for y in pick]]
                    r.reporter = other[0] if other else None
        # a bare number before "and X billion euros" takes that currency
        for i, r in enumerate(levels[:-1]):
            if r.figure.kind == "number" and levels[i + 1].figure.kind == "money":
                r.figure = replace(r.figure, unit=levels[i + 1].figure.unit, kind="money")

    def _carry_context(self, a: int, b: int, ctx: dict, rows: list[_Row] | None = None) -> None:
        t = self.folded
        if rows:
            main = [r for r in rows if r.role in ("level", "growth") and r.indicator not in (None, "other", "enterprises")]
            shares = [r for r in rows if r.indicator == "other" and r.reporter and r.partner not in (None, "WLD")]
            if not main and shares:   # "X's share of Y's trade is 57%. Trade now exceeds $5 billion."
                ctx["reporter"], ctx["partner"] = shares[-1].reporter, shares[-1].partner
            if main:
                last = main[-1]
                ctx["indicator"] = last.indicator
                if last.reporter or last.partner:
                    ctx["reporter"], ctx["partner"] = last.reporter, last.partner
                if last.period is not None:
                    ctx["period"] = last.period
        else:
            found = [(m.start(), name) for name, pattern in self.w["indicators"].items() if name != "enterprises"
                     for m in pattern.finditer(t, a, b)]
            if found:
                names = {n for _, n in found}
                ctx["indicator"] = "trade_balance" if "trade_balance" in names else max(found)[1]
            roles = self._roles(a, b)
            names = [m for m, role in roles if m.iso3]
            if len(names) >= 1 and self.w["indicators"]["trade_turnover"].search(t, a, b):
                ctx["reporter"] = names[0].iso3
                ctx["partner"] = names[1].iso3 if len(names) > 1 and names[1].iso3 != names[0].iso3 else ("WLD" if self.w["total"].search(t, a, b) else None)
        mentions = [p for p in self._periods_in(a, b) if not p.compared]
        if mentions and not rows:
            ctx["period"] = mentions[-1].period
        ctx["negative"] = bool(self.w["negative"].search(t, a, b)) and not self.w["positive"].search(t, a, b)

    # -----------------------------------------------------------------------------------------
    def _balance_signs(self, rows: list[_Row]) -> None:
        t, w = self.folded, self.w
        for i, r in enumerate(rows):
            if r.indicator != "trade_balance" or r.figure.kind != "money" or r.role == "twin":
                continue
            a, b = r.sentence
            f = r.figure
            if f.value < 0:
                continue
            left = max(a, f.span[0] - 120)
            clause = t[left:min(b, f.span[1] + 60)]
            prev_sentence = self._previous_sentence(a)
            neg = w["negative"].search(clause)
            pos = w["positive"].search(clause)
            if neg and pos:
                neg = neg if abs(neg.start() - (f.span[0] - left)) < abs(pos.start() - (f.span[0] - left)) else None
            if not neg and not pos:
                sentence = t[a:b]
                neg = w["negative"].search(sentence) or (prev_sentence and w["negative"].search(prev_sentence) and not w["positive"].search(prev_sentence))
                pos = w["positive"].search(sentence)
            if neg and not pos:
                r.figure = replace(f, value=-abs(f.value))
            elif not pos:
                sign = self._flows_sign(rows, r)
                if sign is not None and sign < 0:
                    r.figure = replace(f, value=-abs(f.value))
        for r in rows:
            if r.role == "twin" and r.twin_of is not None and r.twin_of.figure.value < 0 and r.figure.value > 0:
                r.figure = replace(r.figure, value=-r.figure.value)

    def _previous_sentence(self, a: int) -> str:
        prev = [s for s in self.sentences if s[1] <= a]
        return self.folded[prev[-1][0]:prev[-1][1]] if prev else ""

    def _flows_sign(self, rows: list[_Row], r: _Row) -> int | None:
        exp = [x for x in rows if x.indicator == "exports" and x.figure.kind == "money" and x.figure.unit == r.figure.unit and x.role == "level"]
        imp = [x for x in rows if x.indicator == "imports" and x.figure.kind == "money" and x.figure.unit == r.figure.unit and x.role == "level"]
        if exp and imp:
            return 1 if exp[-1].figure.value >= imp[-1].figure.value else -1
        return None

    # -----------------------------------------------------------------------------------------
    def _resolve(self, p: Period | None, current: Period | None = None) -> Period | None:
        """A period with its year: written, relative to `current` (for comparisons) or to publication."""
        if p is None:
            return None
        if p.same_as_current:
            cur = self._resolve(current) if current is not None else None
            if cur is None:
                if p.year is not None and current is not None and current.first:
                    return Period(current.first, current.last, p.year)
                return None
            year = p.year if p.year is not None else cur.year + (p.offset if p.offset is not None else -1)
            return Period(cur.first, cur.last, year, last_year=None if cur.last_year is None else cur.last_year - cur.year + year)
        if p.year is not None:
            return p
        if current is not None and p.offset is not None and p.first == 1 and p.last == 12 and not p.open_end:
            cur = self._resolve(current)
            if cur is not None:
                return cur.shifted(p.offset)
        if p.offset is not None:
            if p.first == 0:  # "last month", "this month"
                if self.pub_year is None or self.pub_month is None:
                    return None
                month = self.pub_month + p.offset
                year = self.pub_year + (month - 1) // 12
                month = (month - 1) % 12 + 1
                return Period(month, month, year)
            return p.resolve(self.pub_year)
        # no year written: the publication year, or the year before for months still to come
        if self.pub_year is None:
            return None
        year = self.pub_year
        if self.pub_month is not None and p.first > self.pub_month:
            year -= 1
        return replace(p, year=year)

    def _record(self, r: _Row) -> dict:
        src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
        f = r.figure
        indicator = src.indicator or "other"
        period = self._resolve(src.period, src.current if src.role == "base" else None)
        multiplier = math.nan
        compared = None
        ratio = src.ratio if src.role != "base" else None
        if ratio is not None:
            multiplier = ratio.multiplier
            c = src.compared
            if isinstance(c, Period):
                compared = self._resolve(c, src.period)
                if compared is not None and compared.first == 0:
                    compared = None
            elif c in ("derive", "derive-base"):
                compared = period.shifted(-1) if period is not None else None
                if c == "derive-base":
                    compared = self._base_period(src) or compared
        value = f.value
        unit = f.unit if f.kind in ("money", "count", "percent") else ("count" if indicator == "enterprises" else None)
        if f.kind == "ratio":
            value = math.nan
            unit = None
        base_value = base_low = base_high = math.nan
        if not math.isnan(multiplier) and not math.isnan(value) and multiplier > 0:
            base_value = value / multiplier
            mp = ratio.precision if ratio is not None else 0.0
            vp = f.precision
            lo_m, hi_m = multiplier - mp, multiplier + mp
            if value > 0 and lo_m > 0:
                base_low, base_high = (value - vp) / hi_m, (value + vp) / lo_m
            elif value < 0 and lo_m > 0:
                base_low, base_high = (value - vp) / lo_m, (value + vp) / hi_m
        if period is not None and period.same_as_current:
            period = None
        quote_span = f.span
        return {
            "source": self.source,
            "published": self.published,
            "indicator": indicator,
            "reporter": src.reporter,
            "partner": src.partner,
            "period_start": period.start if period else None,
            "period_end": period.end if period else None,
            "value": value,
            "unit": unit,
            "multiplier": multiplier,
            "compared_start": compared.start if compared else None,
            "compared_end": compared.end if compared else None,
            "base_value": base_value,
            "base_low": base_low,
            "base_high": base_high,
            "quote": self.text[quote_span[0]:quote_span[1]],
            "start": quote_span[0],
            "end": quote_span[1],
            "lang": self.lang,
            "flags": "; ".join(r.flags + ([f.note] if f.note else [])),
        }

    def _base_period(self, r: _Row) -> Period | None:
        a, b = r.sentence
        bases = [p for p in self._periods_in(a, b) if p.end <= r.figure.span[0]]
        return self._resolve(bases[0].period) if bases else None
