"""Rows as the tidy frame holds them: a candidate row becomes a record with its base, compared period and
the flags a reader must know. A part of `statements._Document`."""
from __future__ import annotations

import math
from dataclasses import replace

from ..reading.figures import Figure
from ..reading.periods import Period
from ..rules import country_currency
from .model import _Row


class RowRecords:
    """Methods of `_Document` that turn its rows into records (they use the document's state)."""

    def _flags(self, r: _Row, src: _Row, ratio: Figure | None) -> list[str]:
        """What a reader must know about a row: its hedge ("<", ">", "~" as written: "almost", "more than",
        "about"), the other reading of "3.7 times higher", the row it converts ("$5.7 billion" after
        "580 billion shillings"), notes and checks, and the ids of the rules that chose each field."""
        f = r.figure
        out = [f.bound] if f.bound else []
        if ratio is not None and ratio.bound and not f.bound:
            out.append(ratio.bound)
        if ratio is not None and not math.isnan(ratio.alt_multiplier):
            out.append(f"alt multiplier {ratio.alt_multiplier:g}")
        if r.role == "twin" and r.twin_of is not None:
            a, b = r.twin_of.figure.span
            out.append(f"converts {self.text[a:b]!r} at {a}-{b}")
        out += r.flags + ([f.note] if f.note else [])
        if src.why:
            out.append("why " + " ".join(f"{k}={v}" for k, v in src.why.items()))
        return out

    def _when(self, src: _Row) -> tuple[Period | None, Period | None]:
        """The row's period and the period its growth compares with, both with their years."""
        # "a deficit in July, against a surplus a year earlier": a relative year counts from the sentence's period
        relative = src.period is not None and src.period.year is None and (src.period.offset or src.period.step_back) and not src.period.same_as_current
        period = self._resolve(src.period, src.current if src.role == "base" else src.earlier if relative else None)
        if src.role == "base" and relative and src.current is None:
            period = None   # "185 billion dirhams a year earlier" than a value of no stated period
        if period is not None and period.to_date and (src.indicator == "enterprises" or src.why.get("period") == "stock"
                                                      or src.indicator == "investment" and self.w["stock"].search(self.folded, *src.sentence)):
            period = replace(period, first=period.last)   # "436,800 enterprises by the end of June", a stock: at that date
        compared = None
        if src.ratio is not None and src.role != "base":
            c = src.compared
            if isinstance(c, Period):
                compared = self._resolve(c, src.period)
                if compared is not None and compared.first == 0:
                    compared = None
            elif c == "derive" and period is not None and period.last_year and (period.first, period.last) == (1, 12):
                # "doubled in 2020-2023", "from 2020 to 2023": the last year against the first
                period, compared = Period(1, 12, period.last_year), Period(1, 12, period.year)
            elif c in ("derive", "derive-base"):
                compared = period.shifted(-1) if period is not None else None
                if c == "derive-base":
                    compared = self._base_period(src) or compared
        return period, compared

    def _trader_currency(self, r: _Row, f: Figure, unit: str) -> str | None:
        """"exports to Tanzania declined to 25.3 billion shillings": a currency mark of several countries is the
        trader's, not the partner's; with no trader named that shares it, it stays open (and the row says so)."""
        currency_of = country_currency()
        if r.partner is None or currency_of.get(r.partner) != unit or currency_of.get(r.reporter) == unit or len(f.currencies) == 1:
            return unit   # "imports from South Africa totalled R42 billion": a mark of one currency is that one
        code = currency_of.get(r.reporter) if currency_of.get(r.reporter) in f.currencies else None
        if code is None and r.reporter is not None and currency_of.get(r.reporter) is not None:
            code = unit   # "Kenya's exports to Zambia ..., or about K3 billion": Kenya's money is no kwacha, Zambia's is
        if code is None:
            r.flags.append(f"currency one of {'/'.join(f.currencies)}: only the partner's is named")
        return code

    def _record(self, r: _Row) -> dict:
        src = r.twin_of if r.role == "twin" and r.twin_of is not None else r
        f = r.figure
        indicator = src.indicator or "other"
        period, compared = self._when(src)
        multiplier = math.nan
        ratio = src.ratio if src.role != "base" else None
        if ratio is not None:
            multiplier = ratio.multiplier
        value = f.value
        unit = f.unit if f.kind in ("money", "count", "percent") else ("count" if indicator == "enterprises" else None)
        if f.kind == "ratio":
            value = math.nan
            unit = None
        elif f.currencies and unit is not None:
            unit = self._trader_currency(src, f, unit)
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
            "flags": "; ".join(self._flags(r, src, ratio)),
        }
