"""Time rules: one regex + one normaliser each (HeidelTime-style), compiled once per process."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from . import calendar as cal
from .grammar import (
    Ctx,
    Handler,
    Result,
    Rule,
    Unresolved,
    capitalised,
    gate_words,
    grammar,
    month_number,
    number,
    unit_of,
    year_of,
)

# words that, right after a number, show it is a count and not a year
_COUNT_NOUN = re.compile(
    r"\s*(?:people|persons|men|women|children|troops|soldiers|police|officers|students|workers|"
    r"votes|voters|members|residents|refugees|migrants|tonnes|tons|barrels|km|kilomet|miles|"
    r"met(?:er|re)s|feet|dollars|euros|yuan|rubles|roubles|pounds|yen|percent|per\s+cent|cases|"
    r"deaths|dead|times|units|shares|cars|vehicles|jobs|homes|houses|acres|hectares|square|"
    r"points|words|pages|employees|jets|aircraft|tanks|missiles|ships|families|households|"
    r"hours|minutes|seconds|days|weeks|months|years|stores|rooms|seats|beds|cattle|head)\b",
    re.I,
)
# words that, right before a number, show it is not a year (a count, a label, an amount)
_COUNT_BEFORE = re.compile(
    r"(?:no\.|number|nos\.|flight|route|page|room|about|some|nearly|almost|over|than|up\s+to|"
    r"least|around|roughly|approximately|the\s+first|top|rs\.?|usd|eur|gbp|us)\s*$",
    re.I,
)
_YEAR_CONTEXT = re.compile(
    r"(?:in|since|until|till|by|from|of|during|before|after|through|to|and|or|between|"
    r"early|late|mid|fiscal|year|the|summer|spring|winter|autumn|fall|'s|’s)\s*-?\s*$",
    re.I,
)
_MONTH_CONTEXT = re.compile(
    r"(?:in|since|until|till|by|from|of|during|before|after|through|to|and|or|between|"
    r"early|late|mid|last|next|this|past|end|beginning|start|middle|on|for)\s*-?\s*$",
    re.I,
)


def _direction(m: re.Match[str], ctx: Ctx, rel: str | None) -> str:
    rel = (rel or "").lower()
    if rel in ("last", "past", "this past", "previous"):
        return "past"
    if rel in ("next", "coming", "following"):
        return "future"
    return ctx.tense(m.start())


# ---------------------------------------------------------------- explicit dates


def _day(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    if not capitalised(m["mon"]):
        return None
    month = month_number(m["mon"], v)
    day = int(re.sub(r"\D", "", m["day"]))
    if m["year"]:
        year = year_of(m["year"], ctx.dct)
    else:
        ref = ctx.need("day")
        year = cal.nearest_year(ref, month, day, _direction(m, ctx, None))
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(m: re.Match[str], ctx: Ctx) -> Result:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}"
    return "DATE", d.isoformat()


def _slash(m: re.Match[str], ctx: Ctx) -> Result:
    year = int(m["y"]) + (0 if len(m["y"]) == 4 else 1900 if int(m["y"]) > 30 else 2000)
    try:
        return "DATE", dt.date(year, int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: Ctx) -> Result:
    if not capitalised(m["mon"]):
        return None
    month = month_number(m["mon"], grammar()[1])
    return "DATE", cal.month_value(year_of(m["year"], ctx.dct), month)


def _month(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    word = m["mon"]
    if not capitalised(word):
        return None
    if word.lower() in v.ambiguous_months and not m["rel"] and not m["mod"]:
        before = ctx.text[max(0, m.start() - 20) : m.start()]
        if not _MONTH_CONTEXT.search(before):
            return None
    month = month_number(word, v)
    ref = ctx.need("month")
    rel = (m["rel"] or "").lower()
    if rel == "this":
        return "DATE", cal.month_value(ref.year, month)
    if rel:
        year = cal.month_year(ref, month, _direction(m, ctx, rel), strict=True)
    else:
        year = cal.nearest_year(ref, month, None, _direction(m, ctx, None))
    return "DATE", cal.month_value(year, month)


def _year(m: re.Match[str], ctx: Ctx) -> Result:
    if not (m["pre"] or m["mod"]):
        after = ctx.text[m.end() : m.end() + 24]
        before = ctx.text[max(0, m.start() - 16) : m.start()]
        if _COUNT_NOUN.match(after) and not _YEAR_CONTEXT.search(before):
            return None
        if _COUNT_BEFORE.search(before):
            return None
    return "DATE", m["year"]


def _spoken_year(m: re.Match[str], ctx: Ctx) -> Result:
    """Years read out in words: "nineteen ninety-six", "two thousand (and) one", "the nineties"."""
    v = grammar()[1]
    if m["dec"]:
        tens = {
            "twenties": 2,
            "thirties": 3,
            "forties": 4,
            "fifties": 5,
            "sixties": 6,
            "seventies": 7,
            "eighties": 8,
            "nineties": 9,
        }[m["dec"].lower()]
        return "DATE", f"19{tens}"
    if m["thousand"] is not None:
        rest = number(m["rest2"], v) if m["rest2"] else 0.0
        return None if rest is None else ("DATE", f"{2000 + int(rest):04d}")
    if _COUNT_NOUN.match(ctx.text, m.end()):
        return None  # "twenty twenty people"
    century = number(m["cent"], v)
    rest = number(m["rest"], v)
    if century is None or rest is None or not 10 <= century <= 20 or rest >= 100:
        return None
    return "DATE", f"{int(century):02d}{int(rest):02d}"


def _decade(m: re.Match[str], ctx: Ctx) -> Result:
    if m["dec3"]:
        return "DATE", m["dec3"]
    digit = m["dec1"] or m["dec1b"]
    century = 19
    if ctx.dct is not None and int(digit) * 10 <= ctx.dct.year % 100:
        century = ctx.dct.year // 100
    return "DATE", f"{century}{digit}"


def _century(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    if m["ord"]:
        n = v.ordinals[m["ord"].lower()]
        return "DATE", f"{n - 1:02d}"
    ref = ctx.need("century")
    delta = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return "DATE", f"{ref.year // 100 + delta:02d}"


def _holiday(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    if not capitalised(m["hol"]):
        return None
    hol = v.holidays[re.sub(r"\s+", " ", m["hol"].lower()).replace("’", "'")]
    if m["year"]:
        return "DATE", cal.holiday_date(hol, year_of(m["year"], ctx.dct)).isoformat()
    ref = ctx.need("day")
    return "DATE", cal.holiday_near(hol, ref, _direction(m, ctx, m["rel"])).isoformat()


# ---------------------------------------------------------------- seasons, quarters, halves


def _season(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    season = v.seasons[m["sea"].lower()]
    if m["sea"].lower() == "fall" and not (m["rel"] or m["year"] or m.group(0).lower() != "fall"):
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if not re.search(r"\b(?:the|in|this|last|next|by|until|since|during)\s+$", before, re.I):
            return None
    if m["year"]:
        return "DATE", f"{year_of(m['year'], ctx.dct):04d}-{season}"
    ref = ctx.need("season")
    rel = (m["rel"] or "").lower().replace("  ", " ")
    if rel == "this past":
        year = ref.year if ref.month >= v.season_months[season][0] else ref.year - 1
    elif rel in ("last", "past", "previous"):
        year = ref.year - 1
    elif rel in ("next", "coming", "following"):
        year = ref.year + 1 if cal.season_of(ref.month) == season or ref.month > 8 else ref.year
    elif rel == "this":
        year = ref.year
    else:
        start = v.season_months[season][0]
        direction = _direction(m, ctx, None)
        year = cal.month_year(ref, start, direction)
        if season == "WI" and ref.month <= 2:
            year = ref.year - 1
    return "DATE", f"{year:04d}-{season}"


def _quarter(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    q = 4 if m["ord"].lower() == "final" else v.ordinals[m["ord"].lower()]
    if q > 4:
        return None
    given = m["year"] or m["pyear"] or m["iyear"]
    if given:
        year = year_of(given, ctx.dct)
    else:
        ref = ctx.need("quarter")
        year = ref.year if q <= cal.quarter_of(ref.month) else ref.year - 1
        if m["ya"] and m["ya"].lower() != "comparable":
            year -= 1
    return "DATE", f"{year:04d}-Q{q}"


def anaphoric_word(m: re.Match[str]) -> str:
    """The word that places an anaphoric quarter: "latest", "year-earlier", ..., or ""."""
    if m["ago"]:
        return "year-ago"
    if m["qyear"]:
        return "year:" + m["qyear"]
    return (m["rel"] or m["rel2"] or m["rel3"] or m["rel4"] or "").lower()


def _anaphoric_quarter(m: re.Match[str], ctx: Ctx) -> Result:
    ref = ctx.need("quarter")
    year, q = cal.add_quarters(ref.year, cal.quarter_of(ref.month), -1)
    word = anaphoric_word(m)
    if m["rel3"]:
        return "DATE", f"{ref.year - 1:04d}"
    if word.startswith("year:"):
        return "DATE", word[5:]
    if word in ("current", "this"):
        year, q = ref.year, cal.quarter_of(ref.month)
    elif word in ("next", "coming"):
        year, q = cal.add_quarters(ref.year, cal.quarter_of(ref.month), 1)
    elif word.startswith("year") or word in ("same",):
        year -= 1
    return "DATE", f"{year:04d}-Q{q}"


def _weekend(m: re.Match[str], ctx: Ctx) -> Result:
    ref = ctx.need("week")
    future = _direction(m, ctx, None) == "future"
    if future:
        day = ref if ref.isoweekday() <= 5 else ref + dt.timedelta(days=7)
    else:
        day = ref if ref.isoweekday() >= 6 else ref - dt.timedelta(days=7)
    return "DATE", cal.week_value(day) + "-WE"


def _the_day(m: re.Match[str], ctx: Ctx) -> Result:
    """ "End the day", "later in the day": the reported day, i.e. the document date."""
    return "DATE", ctx.need("day").isoformat()


def _the_year(m: re.Match[str], ctx: Ctx) -> Result:
    """ "For the year ended March 31" is a year-long period; "for the (full) year" this year."""
    if m["ended"]:
        return "DURATION", "P1Y"
    return "DATE", f"{ctx.need('year').year:04d}"


def _half(m: re.Match[str], ctx: Ctx) -> Result:
    word = m["ord"].lower()
    h = 1 if word in ("first", "1st") else 2
    if m["year"]:
        year = year_of(m["year"], ctx.dct)
    else:
        ref = ctx.need("year")
        year = ref.year if h == 1 or ref.month > 6 else ref.year - 1
    return "DATE", f"{year:04d}-H{h}"


# ---------------------------------------------------------------- relative expressions


def _relative(m: re.Match[str], ctx: Ctx) -> Result:
    unit_word = m["unit"].lower()
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    delta = {"last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit_word == "weekend":
        ref = ctx.need("week")
        return "DATE", cal.week_value(ref + dt.timedelta(weeks=delta)) + "-WE"
    unit = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE"}[unit_word]
    if unit_word == "century":
        unit = "CE"
    granularity = {"W": "week", "M": "month", "Y": "year", "Q": "quarter", "DE": "decade"}
    ref = ctx.need(granularity.get(unit, "century"))
    return "DATE", cal.shift_value(ref, delta, unit)


def _ago(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    unit, clock = unit_of(m["unit"], v)
    n = number(m["num"], v)
    direction = m["dir"].lower()
    sign = 1 if direction in ("later", "after", "from now", "hence", "afterwards") else -1
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if clock:
        ref = ctx.need("day")
        return "DATE", ref.isoformat()
    granularity = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
    ref = ctx.need(granularity.get(unit, "decade"))
    if n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    return "DATE", cal.shift_value(ref, sign * int(n), unit)


def _weekday(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    if not capitalised(m["wd"]):
        return None
    wd = v.weekdays[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    ref = ctx.need("day")
    direction = "future" if _direction(m, ctx, rel) == "future" else "past"
    day = cal.weekday_near(ref, wd, direction, strict=rel in ("last", "next", "past", "coming"))
    if m["part"]:
        part = v.parts_of_day[m["part"].lower()]
        return "TIME", f"{day.isoformat()}T{part}"
    return "DATE", day.isoformat()


def _deictic(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    word = re.sub(r"\s+", " ", m["deic"].lower())
    ref = ctx.need("day")
    day = ref + dt.timedelta(days=v.deictic_days[word])
    if word == "tonight":
        return "TIME", f"{day.isoformat()}TNI"
    if m["part"]:
        return "TIME", f"{day.isoformat()}T{v.parts_of_day[m['part'].lower()]}"
    return "DATE", day.isoformat()


def _part_of_day(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    ref = ctx.need("day")
    part = v.parts_of_day[m["part"].lower()]
    day = ref - dt.timedelta(days=1) if m["rel"].lower() == "last" else ref
    if m["rel"].lower() == "last" and part != "NI":
        return None
    return "TIME", f"{day.isoformat()}T{part}"


def _reference(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    return "DATE", v.references[re.sub(r"\s+", " ", m["ref"].lower())]


# ---------------------------------------------------------------- durations, sets, clock times


def _duration(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    unit, clock = unit_of(m["unit"], v)
    numtext = (m["num"] or "").lower()
    if numtext in ("a", "an") and unit in ("S", "Q"):
        return None  # "a second term", "a quarter of the votes"
    n = number(m["num"], v) if m["num"] else 1.0
    if n is None:
        return None
    if m["half"]:
        n += 0.5
    if unit == "M" and not clock and n != int(n):
        return "DURATION", f"P{n:g}M"
    return "DURATION", cal.duration_value(n, unit, clock)


def _vague_duration(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    unit, clock = unit_of(m["unit"], v)
    if not (m["q"] or m["rel"]):
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        if not re.search(r"\b(?:for|over|within|in|after|take|took|takes)\s+$", before, re.I):
            return None
    return "DURATION", f"P{'T' if clock else ''}X{unit}"


def _set_every(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    word = m["what"].lower()
    step = 2 if m["other"] else 1
    if word in v.weekdays:
        return "SET", f"XXXX-WXX-{v.weekdays[word]}"
    if word in v.seasons:
        return "SET", f"XXXX-{v.seasons[word]}"
    if word in v.months or word + "." in v.months:
        return "SET", f"XXXX-{month_number(word, v):02d}"
    unit, clock = unit_of(word, v)
    return "SET", cal.duration_value(step, unit, clock)


def _set_word(m: re.Match[str], ctx: Ctx) -> Result:
    return "SET", grammar()[1].sets[m["setw"].lower()]


def _per_unit(m: re.Match[str], ctx: Ctx) -> Result:
    v = grammar()[1]
    before = ctx.text[max(0, m.start() - 16) : m.start()]
    if not re.search(r"(?:\d|times|twice|once|percent|cent|%)\s*$", before, re.I):
        return None
    unit, clock = unit_of(m["unit"], v)
    return "SET", cal.duration_value(1, unit, clock)


def _clock(m: re.Match[str], ctx: Ctx) -> Result:
    hour = int(m["hh"])
    minute = int(m["mm"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zone = "Z" if m["zone"] and m["zone"].lower() in grammar()[1].utc_zones else ""
    try:
        ref = ctx.need("day")
        day = ref.isoformat()
    except Unresolved:
        day = "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}{zone}"


def _noon(m: re.Match[str], ctx: Ctx) -> Result:
    ref = ctx.need("day")
    return "TIME", f"{ref.isoformat()}T{'12:00' if m['w'].lower() == 'noon' else '24:00'}"


# ---------------------------------------------------------------- the rule table

_RULES: tuple[tuple[str, str, Handler], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d))?\b", _iso),
    ("slash", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", _slash),
    (
        "month_day",
        r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY})\b"
        r"(?:\s*,?\s*(?P<year>{YEAR}))?",
        _day,
    ),
    (
        "day_month",
        r"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})"
        r"(?:\s*,?\s*(?P<year>{YEAR}))?",
        _day,
    ),
    (
        "month_year",
        r"\b{MOD}(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<year>{YEAR}|['’]\d\d\b)",
        _month_year,
    ),
    (
        "month_relyear",
        r"\b{MOD}(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?P<year>{RELYEAR})\b",
        _month_year,
    ),
    ("month", r"\b(?P<mod>{MOD})(?:(?P<rel>{REL})\s+)?(?P<mon>{MONTH})", _month),
    (
        "year",
        r"(?:(?P<mod>\b{MOD})|\b(?P<pre>fiscal\s+|calendar\s+|the\s+year\s+))?(?P<year>{LONEYEAR})",
        _year,
    ),
    (
        "spoken_year",
        r"\b(?:the\s+year\s+)?(?:(?P<cent>nineteen|eighteen|twenty)\s+(?P<rest>(?:twenty|thirty|forty|"
        r"fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b|"
        r"two\s+(?P<thousand>thousand)(?:\s+(?:and\s+)?(?P<rest2>one|two|three|four|five|six|seven|"
        r"eight|nine|ten))?\b|the\s+(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties)\b)",
        _spoken_year,
    ),
    (
        "decade",
        r"(?:\bthe\s+)?(?:(?:early|mid|late)(?:\s+|-))?(?:\b(?P<dec3>1\d\d|20\d)0s\b|"
        r"['’](?P<dec1>\d)0s\b|\b(?P<dec1b>[1-9])0s\b)",
        _decade,
    ),
    ("century", r"\b(?:the\s+)?(?:(?P<ord>{ORD})|(?P<rel>this|last|next))\s+century\b", _century),
    (
        "holiday",
        r"\b{MOD}(?:(?P<rel>{REL})\s+)?(?P<hol>{HOLIDAY})(?:\s*,?\s+(?P<year>{YEAR}))?",
        _holiday,
    ),
    (
        "season",
        r"\b{MOD}(?:(?P<rel>{REL})\s+)?(?P<sea>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}|{RELYEAR}))?",
        _season,
    ),
    (
        "quarter",
        r"\b(?:(?P<pyear>{YEAR}|{RELYEAR})['’]s\s+|the\s+)?(?:(?P<ya>year-ago|year-earlier|comparable)"
        r"\s+|(?P<iyear>{YEAR})\s+)?(?:fiscal\s+|calendar\s+)?(?P<ord>{ORD}|final)"
        r"(?:\s+fiscal)?[\s-]+quarter\b(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}|{RELYEAR}))?",
        _quarter,
    ),
    (
        "quarter_ana",
        r"\b(?:the\s+)?(?:(?P<rel>latest|current|this|same|year-earlier|year-ago|comparable|next"
        r"|coming|last|previous|recent)\s+(?:fiscal\s+)?quarter\b|"
        r"(?P<rel4>latest|same|year-earlier|year-ago|comparable)\s+three\s+months\b|"
        r"(?:same\s+)?(?:quarter|period)\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year)\b|"
        r"(?P<qyear>{YEAR})\s+(?:fiscal\s+)?(?:quarter|period)\b|"
        r"(?P<rel2>latest|year-earlier|year-ago|comparable|same)\s+period\b|"
        r"(?<=the\s)quarter\b(?!\s+of\b)|"
        r"(?P<rel3>year-earlier|year-ago)\b)",
        _anaphoric_quarter,
    ),
    ("weekend", r"\bthe\s+weekend\b", _weekend),
    (
        "the_day",
        r"\b(?:end(?:ed|ing|s)?|finish(?:ed|ing|es)?|clos(?:e|ed|ing|es)|for|(?:later|earlier|late|"
        r"early)\s+in)\s+(?P<t>the\s+day)\b",
        _the_day,
    ),
    (
        "the_year",
        r"\b(?:for|in|throughout|during|of)\s+(?P<t>the\s+(?:full\s+|fiscal\s+|entire\s+|whole\s+)?"
        r"year)\b(?P<ended>\s+(?:end(?:ed|ing)|to\s+date))?",
        _the_year,
    ),
    (
        "half",
        r"\b(?:the\s+)?(?P<ord>first|second|1st|2nd|last)[\s-]+half\b"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}|{RELYEAR}|the\s+year))?",
        _half,
    ),
    (
        "relative",
        r"\b{MOD}(?P<rel>this|last|next|the\s+current|current|the\s+previous|previous|the\s+following"
        r"|the\s+coming)\s+(?:fiscal\s+)?(?P<unit>weekend|week|month|year|quarter|decade|century)\b",
        _relative,
    ),
    (
        "ago",
        r"\b(?:(?:about|almost|nearly|roughly|some|just|only|over|more\s+than|less\s+than)\s+)?"
        r"(?:(?P<num>{NUM})|{VAGUE})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|from\s+now|hence|(?:earlier|later|before|afterwards|back)(?=\s*[,.;:)]))",
        _ago,
    ),
    (
        "weekday",
        r"\b(?P<mod>{MOD})(?:(?P<rel>{REL})\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?",
        _weekday,
    ),
    ("deictic", r"\b{MOD}(?P<deic>{DEICTIC})(?:\s+(?P<part>{PART}))?", _deictic),
    ("part_of_day", r"\b(?P<rel>this|last)\s+(?P<part>{PART})", _part_of_day),
    ("reference", r"\b(?P<ref>{REF})(?!-\w)", _reference),
    (
        "duration",
        r"\b(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|final|initial|latest|"
        r"remaining|entire|full|whole|same)\s+)?(?:(?:more|less|fewer)\s+than\s+|about\s+|almost\s+|"
        r"nearly\s+|at\s+least\s+|up\s+to\s+|roughly\s+|some\s+)?(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})"
        r"(?P<half>\s+and\s+a\s+half)?(?![\s-]+old\b)",
        _duration,
    ),
    (
        "duration_the",
        r"\bthe\s+(?:past|last|next|coming|previous|following)\s+(?P<num>)(?P<unit>{UNIT1})(?P<half>)",
        _duration,
    ),
    (
        "vague_duration",
        r"\b(?:(?P<rel>(?:the\s+)?(?:past|last|next|coming|previous|following|recent))\s+)?"
        r"(?:(?P<q>{VAGUE})\s+)?(?P<unit>(?:seconds|minutes|hours|days|weeks|months|years|decades"
        r"|centuries))\b",
        _vague_duration,
    ),
    (
        "set_every",
        r"\b(?:every|each|per)\s+(?P<other>other\s+)?(?P<what>{UNIT1}|{WEEKDAY}|{SEASON})",
        _set_every,
    ),
    ("set_word", r"\b(?P<setw>{SETW})", _set_word),
    ("per_unit", r"\b(?:a|an|per)\s+(?P<unit>{UNIT1})", _per_unit),
    (
        "clock",
        r"(?<![\d:.])(?P<hh>[01]?\d|2[0-4])(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"
        r"(?:\s+(?P<zone>{ZONE}))?",
        _clock,
    ),
    (
        "clock24",
        r"(?<![\d:.$])(?P<hh>[01]?\d|2[0-4])[:.]?(?P<mm>[0-5]\d)\s*(?:(?P<zone>{ZONE})|hours\b|hrs\b)"
        r"(?P<ampm>)",
        _clock,
    ),
    ("noon", r"\b(?P<w>noon|midnight)\b", _noon),
)


# Gates: words of which every match of the rule holds one (literal lower-case words, or
# "@field" for the forms of that vocabulary field, as its macro matches them). They must be
# implied by the rule's pattern: a gate only skips scans that cannot match.
_GATES: dict[str, tuple[str, ...]] = {
    "iso": ("-",),
    "slash": ("/",),
    "month_day": ("@months",),
    "day_month": ("@months",),
    "month_year": ("@months",),
    "month_relyear": ("@months",),
    "month": ("@months",),
    "spoken_year": ("nineteen", "eighteen", "twenty", "thousand", "ties"),
    "decade": ("0s",),
    "century": ("century",),
    "holiday": ("@holidays",),
    "season": ("@seasons",),
    "quarter": ("quarter",),
    "quarter_ana": ("quarter", "months", "period", "year-earlier", "year-ago"),
    "weekend": ("weekend",),
    "the_day": ("day",),
    "the_year": ("year",),
    "half": ("half",),
    "relative": ("week", "month", "year", "quarter", "decade", "century"),
    "ago": ("ago", "now", "hence", "earlier", "later", "before", "afterwards", "back"),
    "year": ("18", "19", "20"),
    "duration": ("@units",),
    "duration_the": ("@units",),
    "per_unit": ("@units",),
    "weekday": ("@weekdays",),
    "deictic": ("@deictic_days",),
    "part_of_day": ("@parts_of_day",),
    "reference": ("@references",),
    "vague_duration": (
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
        "centuries",
    ),
    "set_every": ("every", "each", "per"),
    "set_word": ("@sets",),
    "clock": ("a.m.", "p.m.", "am", "pm"),
    "clock24": ("@utc_zones", "@other_zones", "hours", "hrs"),
    "noon": ("noon", "midnight"),
}


# Rules whose gate words only ever begin a word in a match (see ``Rule.word_start``): in each,
# the unit, month or weekday follows ``\s+``, ``[\s-]+``, ``-`` or a leading ``\b``, and each
# gate word begins the form it stands for ("jan" in "January", "may" in "May").
WORD_START_GATES = frozenset(
    {"duration", "duration_the", "per_unit", "the_day", "the_year", "relative", "vague_duration"}
    | {"month_day", "day_month", "month_year", "month_relyear", "month", "weekday"}
    | {"clock24"}  # the zone or "hours" follows the minutes (digits) and ``\s*``
    | {"holiday"}  # gated on the first word of each form, after ``\b``, ``\s+`` or ``-``
)


# Rules whose gate words all come from the forms of one named group at the top level of the
# pattern (the macro the "@field" gate stands for): the scan starts closer to each occurrence.
GATE_GROUPS = {
    "month_day": "mon",
    "day_month": "mon",
    "month_year": "mon",
    "month_relyear": "mon",
    "month": "mon",
    "holiday": "hol",
    "season": "sea",
    "weekday": "wd",
    "deictic": "deic",
    "duration": "unit",
}


# Of those, rules whose gate group is this macro: occurrences are kept where it matches
# (only when every form of the macro begins with one of the rule's gate words; see _gate_form)
GATE_FORMS = {
    "month_day": "MONTH",
    "day_month": "MONTH",
    "month_year": "MONTH",
    "month_relyear": "MONTH",
    "month": "MONTH",
    "holiday": "HOLIDAY",  # gated on each form's first word ("new" year's day, "good" friday)
}


def _forms(item: str) -> list[str]:
    """The vocabulary forms an "@field" gate item stands for."""
    forms = list(getattr(grammar()[1], item[1:]))
    if item == "@months":  # {MONTH} also matches abbreviations without their dot
        forms += [f[:-1] for f in forms if f.endswith(".")]
    return forms


def _gate_form(name: str, gate: frozenset[str] | None) -> re.Pattern[str] | None:
    macro = GATE_FORMS.get(name)
    items = _GATES.get(name, ())
    if macro is None or gate is None or len(items) != 1 or not items[0].startswith("@"):
        return None
    if not all(any(f.lower().startswith(w) for w in gate) for f in _forms(items[0])):
        return None  # a form whose gate word lies inside it: its occurrences start no form
    return re.compile(grammar()[0][macro], re.I)


def _gate(name: str) -> frozenset[str] | None:
    words: set[str] = set()
    for item in _GATES.get(name, ()):
        if not item.startswith("@"):
            words.add(item)
            continue
        forms = gate_words(_forms(item), first=name in GATE_FORMS)
        if forms is None:
            return None
        words |= forms
    if not words or not all(w.isascii() for w in words):
        return None
    return frozenset(words)


@lru_cache(maxsize=1)  # compiled once per process
def compiled_rules() -> tuple[Rule, ...]:
    macros, _ = grammar()
    rules = []
    for name, template, handler in _RULES:
        pattern = template
        for key in sorted(macros, key=len, reverse=True):
            pattern = pattern.replace("{" + key + "}", macros[key])
        regex = re.compile(pattern, re.I)
        gate = _gate(name)
        group = GATE_GROUPS.get(name) if gate is not None else None
        form = _gate_form(name, gate) if group is not None else None
        rules.append(Rule(name, regex, handler, gate, name in WORD_START_GATES, group, form))
    return tuple(rules)
