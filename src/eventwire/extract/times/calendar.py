"""Calendar arithmetic for time normalisation: TimeML values from a reference date."""

from __future__ import annotations

import datetime as dt
import re

from .vocab import Holiday

_DCT_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DCT_US = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
SEASON_ORDER = ("WI", "SP", "SU", "FA")


def parse_dct(value: str | None) -> dt.date | None:
    """The document date from ``YYYY-MM-DD[...]`` (or ``MM-DD-YYYY``); None if absent or bad."""
    if not value:
        return None
    m = _DCT_ISO.match(value)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DCT_US.match(value)
        if m:
            return dt.date(int(m[3]), int(m[1]), int(m[2]))
    except ValueError:
        return None
    return None


def day_value(d: dt.date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def add_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    idx = year * 4 + (quarter - 1) + delta
    return idx // 4, idx % 4 + 1


def season_of(month: int) -> str:
    return SEASON_ORDER[(month % 12) // 3]


def weekday_near(ref: dt.date, weekday: int, direction: str, *, strict: bool = False) -> dt.date:
    """The ``weekday`` (ISO 1-7) nearest ``ref`` in ``direction`` (past/future).

    Not strict: the reference day itself counts (wire stories often report the same day).
    """
    diff = weekday - ref.isoweekday()
    if direction == "future":
        days = diff % 7
        if strict and days == 0:
            days = 7
        return ref + dt.timedelta(days=days)
    days = (-diff) % 7
    if strict and days == 0:
        days = 7
    return ref - dt.timedelta(days=days)


def month_year(ref: dt.date, month: int, direction: str, *, strict: bool = False) -> int:
    """Year of the ``month`` nearest ``ref``: the most recent for the past, the next for the future."""
    if direction == "future":
        if month < ref.month or (strict and month == ref.month):
            return ref.year + 1
        return ref.year
    if direction == "past":
        if month > ref.month or (strict and month == ref.month):
            return ref.year - 1
        return ref.year
    return ref.year


def nearest_year(ref: dt.date, month: int, day: int | None, tense: str) -> int:
    """Year of the ``month`` (``day``) instance nearest ``ref``, biased by the tense.

    An explicit future gives the next instance; otherwise the instances are ranked by their
    distance from ``ref``, later ones counting ``FUTURE_PENALTY`` times as far (news reports
    the past, but "payable Dec. 15" in a November story is the coming one).
    """
    if tense == "future":
        return month_year(ref, month, "future")
    best: tuple[float, int] = (float("inf"), ref.year)
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            when = dt.date(year, month, day or 15)
        except ValueError:
            continue
        if day is None and year == ref.year and month == ref.month:
            return year
        diff = (when - ref).days
        cost = diff * FUTURE_PENALTY if diff > 0 else -diff
        if cost < best[0]:
            best = (cost, year)
    return best[1]


FUTURE_PENALTY = 3


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(hol: Holiday, year: int) -> dt.date:
    if hol.fixed:
        return dt.date(year, hol.fixed[0], hol.fixed[1])
    if hol.nth:
        month, weekday, n = hol.nth
        if n > 0:
            first = dt.date(year, month, 1)
            offset = (weekday - first.isoweekday()) % 7
            return first + dt.timedelta(days=offset + 7 * (n - 1))
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    return easter(year) + dt.timedelta(days=hol.easter or 0)


def holiday_near(hol: Holiday, ref: dt.date, direction: str) -> dt.date:
    this = holiday_date(hol, ref.year)
    if direction == "past" and this > ref:
        return holiday_date(hol, ref.year - 1)
    if direction == "future" and this < ref:
        return holiday_date(hol, ref.year + 1)
    return this


def shift_value(ref: dt.date, n: int, unit: str) -> str:
    """The value ``n`` units away from ``ref`` at that unit's granularity (``3 days ago``)."""
    if unit == "D":
        return day_value(ref + dt.timedelta(days=n))
    if unit == "W":
        return week_value(ref + dt.timedelta(weeks=n))
    if unit == "M":
        return month_value(*add_months(ref.year, ref.month, n))
    if unit == "Q":
        y, q = add_quarters(ref.year, quarter_of(ref.month), n)
        return f"{y:04d}-Q{q}"
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if unit == "DE":
        return f"{(ref.year + 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(ref.year + 100 * n) // 100:02d}"
    return day_value(ref)  # clock units: the day they fall on


def duration_value(n: int | float | None, unit: str, clock: bool) -> str:
    """``P3D``, ``PT5H``, ``PXY`` (n None: unspecified); decades and centuries as years."""
    if n is None:
        amount = "X"
    elif isinstance(n, float) and not n.is_integer():
        amount = f"{n:g}"
    else:
        amount = str(int(n))
    if unit in ("DE", "CE") and n is not None:
        years = float(n) * (10 if unit == "DE" else 100)
        return f"P{years:g}Y"
    if n is not None and n != int(n) and float(n * 2).is_integer() and (unit, clock) in _HALF:
        smaller, size, smaller_clock = _HALF[(unit, clock)]
        t = "T" if smaller_clock else ""
        head = f"{int(n)}{unit}" if int(n) else ""
        if clock or not smaller_clock:
            return f"P{'T' if clock else ''}{head}{size}{smaller}"
        return f"P{head}{t}{size}{smaller}"
    return f"P{'T' if clock else ''}{amount}{unit}"


# half a unit in the next smaller unit: "5 1/2 hours" -> PT5H30M, "2 1/2 years" -> P2Y6M
_HALF = {
    ("Y", False): ("M", 6, False),
    ("M", False): ("D", 15, False),
    ("D", False): ("H", 12, True),
    ("H", True): ("M", 30, True),
    ("M", True): ("S", 30, True),
}
