"""The value a period mention reads to: a run of months of a year that a reference date may still have to resolve,
including fiscal years counted from the month a country's year starts."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Period:
    """Months first..last of a year; `year` None until resolved; `offset` for "last year" (-1)."""

    first: int
    last: int
    year: int | None = None
    offset: int | None = None     # relative to the reference year when `year` is None
    last_year: int | None = None  # a range across years ("2010-2022", fiscal "2003-04")
    open_end: bool = False        # "since the beginning of the year": the end is not stated
    same_as_current: bool = False  # "the same period of 2020": months come from the current period
    unstated: bool = False        # "for the month", "за отчетный период": a period told elsewhere; it resolves to none
    step_back: int = 0            # "the previous quarter" (3), "month on month" (1): the span of that many months
                                  # before the current one, when the current period is that long (months 0..0)
    to_date: bool = False         # "by the end of July": January to July, the year's total so far (a stock: July)
    fiscal: tuple | None = None   # (first year, first month, last month, counted) of "July-May of fiscal 2020-21"; months None for the whole year

    def resolve(self, ref_year: int | None) -> "Period | None":
        """The period with its year filled in from the reference year, or None if that is unknown."""
        if self.year is not None:
            return self
        if ref_year is None:
            return None
        return replace(self, year=ref_year + (self.offset or 0), offset=None)

    def in_fiscal_year(self, first_month: int, published: tuple | None = None) -> "Period":
        """The period for a country whose fiscal year starts in `first_month` (written periods assume April);
        "last fiscal year" counts from the (year, month) of publication, or is a calendar year without it.

        >>> str(Period(4, 3, 2016, last_year=2017, fiscal=(2016, None, None, False)).in_fiscal_year(7))   # "fiscal 2016/17"
        '2016-07..2017-06'
        >>> str(Period(1, 12, offset=-1, fiscal=(None, -1)).in_fiscal_year(4, (2023, 5)))   # "last fiscal year"
        '2022-04..2023-03'
        """
        if self.fiscal is None:
            return self
        if self.fiscal[0] is None:   # relative: (None, offset[, first, last, counted])
            if published is None or published[1] is None:
                return replace(self, fiscal=None)
            year, month = published
            part = self.fiscal[2:] or (None, None, False)
            if first_month == 1:
                return Period(part[0] or 1, part[1] or 12, year + self.offset)
            current = year if month >= first_month else year - 1
            period = _fiscal_period(current + self.offset, *part, start=first_month)
            end_year = period.last_year or (period.year + 1 if 0 < period.last < period.first else period.year)
            if part[0] is not None and (end_year, period.last) > (year, month):
                # "the first 11 months of the current fiscal year", published in its first month: the one just ended
                period = _fiscal_period(current + self.offset - 1, *part, start=first_month)
            return period
        return _fiscal_period(*self.fiscal, start=first_month)

    def shifted(self, years: int) -> "Period":
        return replace(self, year=None if self.year is None else self.year + years,
                       last_year=None if self.last_year is None else self.last_year + years)

    @property
    def start(self) -> str | None:
        return None if self.year is None else f"{self.year:04d}-{self.first:02d}"

    @property
    def end(self) -> str | None:
        if self.year is None or self.open_end:
            return None
        # "July-May" runs into the next year
        last_year = self.last_year or (self.year + 1 if 0 < self.last < self.first else self.year)
        return f"{last_year:04d}-{self.last:02d}"

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"


def _fiscal_period(y1: int, m1: int | None, m2: int | None, counted: bool = False, start: int = 4) -> Period:
    """Fiscal year y1/y1+1 starting in month `start`, or the months m1..m2 of it: calendar months, or when
    `counted` the fiscal year's own months ("the first half of FY24" is months 1-6 of it).

    >>> str(_fiscal_period(2023, 1, 6, counted=True, start=7))
    '2023-07..2023-12'
    """
    fiscal = (y1, m1, m2, counted)
    if counted and m1 is not None:
        m1, m2 = (start + m1 - 2) % 12 + 1, (start + m2 - 2) % 12 + 1
    if m1 is None:
        if start == 1:
            return Period(1, 12, y1 + 1, fiscal=fiscal)
        return Period(start, start - 1, y1, last_year=y1 + 1, fiscal=fiscal)
    year = y1 if m1 >= start else y1 + 1
    return Period(m1, m2, year, last_year=year + 1 if m2 < m1 else None, fiscal=fiscal)
