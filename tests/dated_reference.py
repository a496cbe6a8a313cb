#!/usr/bin/env python3
"""dated_reference.py - an independent model of the dated analysis: the
critical path method over dates and working calendars.

Written from DESIGN.md ("Timeframe arithmetic (critical path method)",
"Dates and working calendars") alone, in plain Python (standard library
only, Python >= 3.8) and nothing of the library, so that the engine can be
compared with it on any graph.  Obvious correctness over speed: a
calendar's working time is a table of every minute (kept in blocks of four
weeks, built when first used, each block a prefix sum of working seconds
from W at its first midnight, which comes from the weekly pattern and the
exceptions); W is read from that table and each instant is found by
bisecting it.  Instants are whole seconds, and W is exact to the second (a
working minute works in each of its 60 seconds), so durations and lags of
any whole number of seconds are modelled exactly, although calendars only
have minutes.

Calendars
---------
    cal = Calendar(week={"mon-fri": ["06:00-14:00", "14:00-22:00"],
                         "sat": ["06:00-12:00"]},
                   exceptions={"2026-12-24..2026-12-26": [],
                               "2026-12-31": ["06:00-10:00"]})
    cal = parse_spec("mon-fri 06:00-14:00; 2026-12-24 off")  # the C text
    ALWAYS                       # 24/7: every instant working, W(t) = t

week: weekday (mon ... sun) or weekday range (mon-fri, in mon..sun order)
-> sorted, not overlapping "HH:MM-HH:MM" intervals (end <= 24:00); a
weekday not named does not work.  exceptions: "YYYY-MM-DD", an inclusive
"YYYY-MM-DD..YYYY-MM-DD" or a datetime.date -> intervals; [] is a day off;
an exception replaces the whole day.  ValueError for what DESIGN.md refuses.

Instants are int seconds since 1970-01-01T00:00 (local civil time):
    to_seconds(datetime) -> int, to_datetime(int) -> datetime
    cal.W(t)       working seconds from the epoch to t (negative before it)
    cal.first(w)   the first instant t with W(t) = w (a finish)
    cal.last(w)    the last instant t with W(t) = w, i.e. the last with
                   W(t) <= w (a start)
    cal.works(t)   whether the second [t, t + 1) is working
    cal.works_minute(m)   whether minute m (t // 60) is working
Each of them also takes a datetime where it takes an instant.

The analysis
------------
    res = analyze(activities, flows, start=datetime(2026, 12, 21, 6, 0),
                  unit=3600, calendars=None, default=None,
                  departments=None, deadline=None)

activities: list of dicts {"key", "duration" (units, >= 0), "calendar"
    (a calendar key or None: inherit), "department" (or None)}.
flows: list of dicts {"source", "target", "type" ("FS" default, "SS",
    "FF", "SF"), "lag" (units, default 0), "elapsed" (bool, default False)}.
start: the project start S, a naive datetime.
unit: seconds per unit of duration and lag (a number, or "h" 3600,
    "min" 60, "s" 1, "d" 28800).
calendars: dict key -> {"week": ..., "exceptions": ...} (or a Calendar,
    or a spec string).  default: the graph's calendar key (None: 24/7).
departments: dict department -> calendar key.
deadline: None, a datetime, or a number of units after S.

The result:
    {"start": S, "finish": the project finish (latest finish instant, S
     for an empty graph), "horizon": H (the deadline, else the finish),
     "lead_time": elapsed units S -> finish,
     "working_lead_time": working units of the default calendar (24/7
     without one) S -> finish,
     "activities": {key: {"start", "finish", "late_start", "late_finish"
         (datetimes), "es", "ef", "ls", "lf" ((instant - S) / unit),
         "total_float", "free_float" (working units of its own calendar,
         against H), "critical" (total float against the project finish
         is exactly 0), "event" (zero duration after rounding),
         "calendar" (the key it works on, None for 24/7),
         "es_w", "ef_w", "ls_w", "lf_w" (working positions, seconds on
         its calendar's axis), "total_float_s", "free_float_s" (seconds)}}}

ValueError for bad input: unknown keys, duplicate keys, a self-loop, a
second flow of the same source, target and type, bad numbers, bad
calendars, and a directed cycle (the message names the activities on it
in order).

Readings of DESIGN.md where its text leaves a choice (each is repeated
at the spot that applies it):
- The project finish is the latest finish instant of all activities,
  events included; S for an empty graph.  The working lead time is
  W_default(finish) - W_default(S) on the default calendar (24/7 without
  one).
- A deadline given as a number is the instant S + round(number * unit).
- The critical set comes from a second backward pass against the project
  finish whenever the deadline differs from it; late instants, total and
  free floats are those against the deadline.
- Free float uses the horizon of the reported figures (the deadline when
  given).  It is computed with the same rules as the backward pass (the
  same u, the same second less for SS and SF) with the successors at their
  early positions; for an event it is W(the earliest of H and the u's)
  minus its es_w.
- For a flow into an event b with a working lag L != 0, u is the general
  "last instant with W_b <= p - L" (p = W_b of the event's instant), the
  exact inverse of the event's forward rule; for L = 0, u is the event's
  instant whether or not the flow is marked elapsed.
- An event's late instant is the earliest of H and the u of each outgoing
  flow, whatever the flow's type (the start and the finish of an event
  are one instant).
- An activity with a department that has no calendar falls back to the
  default.
- Durations and lags: the product value * unit is a double and is rounded
  exactly to whole seconds, halves away from zero.
"""

import bisect
import datetime
import decimal
import itertools
import math

FLOW_TYPES = ("FS", "SS", "FF", "SF")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UNITS = {"h": 3600, "min": 60, "s": 1, "d": 28800}

EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.date().toordinal()
MINUTES_PER_DAY = 1440
BLOCK_DAYS = 28        # the working-time table is kept in blocks of 4 weeks
BLOCK_MINUTES = BLOCK_DAYS * MINUTES_PER_DAY


# ------------------------------------------------------------- instants

def to_seconds(value):
    """A naive datetime -> int seconds since 1970-01-01T00:00; an int is
    returned as it is."""
    if isinstance(value, bool):
        raise ValueError("an instant is a datetime, not %r" % (value,))
    if isinstance(value, int):
        return value
    if not isinstance(value, datetime.datetime):
        raise ValueError("an instant is a datetime, not %r" % (value,))
    if value.tzinfo is not None:
        raise ValueError("instants are naive local civil time: %r" % (value,))
    delta = value - EPOCH
    if delta.microseconds:
        raise ValueError("instants are whole seconds: %r" % (value,))
    return delta.days * 86400 + delta.seconds


def to_datetime(seconds):
    return EPOCH + datetime.timedelta(seconds=seconds)


def round_seconds(x):
    """Rounds a finite number of seconds to the nearest whole second,
    halves away from zero (DESIGN.md: durations and lags are rounded once,
    when the schedule is dated).  The product duration * unit is taken in
    floating point, as a double would be, and rounded exactly."""
    if not _is_finite(x):
        raise ValueError("not a finite number: %r" % (x,))
    return int(decimal.Decimal(x).quantize(decimal.Decimal(1),
                                           rounding=decimal.ROUND_HALF_UP))


# ------------------------------------------------------------ calendars

def _parse_clock(text, what):
    parts = text.split(":")
    if (len(parts) != 2 or len(parts[0]) != 2 or len(parts[1]) != 2
            or not parts[0].isdigit() or not parts[1].isdigit()):
        raise ValueError("bad time %r in %s" % (text, what))
    h, m = int(parts[0]), int(parts[1])
    if m > 59 or h > 24 or (h == 24 and m != 0):
        raise ValueError("bad time %r in %s" % (text, what))
    return h * 60 + m


def _parse_intervals(intervals, what):
    """A list of "HH:MM-HH:MM" -> a tuple of (start minute, end minute)."""
    if isinstance(intervals, str):
        raise ValueError("intervals of %s must be a list" % what)
    out = []
    for text in intervals:
        if not isinstance(text, str) or text.count("-") != 1:
            raise ValueError("bad interval %r in %s" % (text, what))
        a, b = text.split("-")
        lo, hi = _parse_clock(a, what), _parse_clock(b, what)
        if lo >= 24 * 60 or lo >= hi:
            raise ValueError("bad interval %r in %s" % (text, what))
        if out and lo < out[-1][1]:
            raise ValueError("unsorted or overlapping interval %r in %s"
                             % (text, what))
        out.append((lo, hi))
    return tuple(out)


def _parse_weekdays(text):
    """"mon" or "mon-fri" -> list of weekday numbers (mon 0)."""
    if not isinstance(text, str):
        raise ValueError("bad weekday %r" % (text,))
    if "-" in text:
        a, b = text.split("-", 1)
        if a not in WEEKDAYS or b not in WEEKDAYS:
            raise ValueError("bad weekday range %r" % text)
        i, j = WEEKDAYS.index(a), WEEKDAYS.index(b)
        if j < i:   # in mon..sun order, no wrap (the brief: "no wrap")
            raise ValueError("weekday range %r wraps" % text)
        return list(range(i, j + 1))
    if text not in WEEKDAYS:
        raise ValueError("bad weekday %r" % text)
    return [WEEKDAYS.index(text)]


def _parse_date(text):
    try:
        if len(text) != 10:
            raise ValueError
        return datetime.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise ValueError("bad date %r" % (text,)) from None


def _parse_dates(key):
    """An exception key -> list of day numbers (days since the epoch)."""
    if isinstance(key, datetime.datetime):
        raise ValueError("an exception is a date, not %r" % (key,))
    if isinstance(key, datetime.date):
        first = last = key
    elif isinstance(key, str) and ".." in key:
        a, b = key.split("..", 1)
        first, last = _parse_date(a), _parse_date(b)
        if last < first:
            raise ValueError("date range %r ends before it starts" % key)
    elif isinstance(key, str):
        first = last = _parse_date(key)
    else:
        raise ValueError("bad exception key %r" % (key,))
    return list(range(first.toordinal() - EPOCH_ORDINAL,
                      last.toordinal() - EPOCH_ORDINAL + 1))


def _weekday(day):
    """Weekday of day number day (mon 0): 1970-01-01 was a Thursday."""
    return (day + 3) % 7


def _day_seconds(intervals):
    return 60 * sum(hi - lo for lo, hi in intervals)


class Calendar:
    """A weekly pattern with exceptions, and its working axis W."""

    def __init__(self, week=None, exceptions=None):
        pattern = [()] * 7
        named = [False] * 7
        for key, intervals in (week or {}).items():
            days = _parse_weekdays(key)
            parsed = _parse_intervals(intervals, key)
            for d in days:
                if named[d]:
                    raise ValueError("weekday %s named twice" % WEEKDAYS[d])
                named[d] = True
                pattern[d] = parsed
        self.pattern = tuple(pattern)
        self.exceptions = {}
        for key, intervals in (exceptions or {}).items():
            parsed = _parse_intervals(intervals, str(key))
            for day in _parse_dates(key):
                if day in self.exceptions:
                    raise ValueError("date %s in two exceptions"
                                     % to_datetime(day * 86400).date())
                self.exceptions[day] = parsed
        self.week_seconds = sum(_day_seconds(p) for p in self.pattern)
        if self.week_seconds == 0:
            raise ValueError("no working time in the week")
        self._day_flags = {}   # intervals -> tuple of 1440 flags (0/1)
        self._blocks = {}      # block number -> its prefix table

    def key(self):
        """A canonical, hashable description (equal calendars, equal key)."""
        return (self.pattern, tuple(sorted(self.exceptions.items())))

    # -- one day

    def day_intervals(self, day):
        """The working intervals of day number day (days since the epoch)."""
        if day in self.exceptions:
            return self.exceptions[day]
        return self.pattern[_weekday(day)]

    def _flags(self, day):
        intervals = self.day_intervals(day)
        flags = self._day_flags.get(intervals)
        if flags is None:
            f = [0] * MINUTES_PER_DAY
            for lo, hi in intervals:
                for m in range(lo, hi):
                    f[m] = 1
            flags = self._day_flags[intervals] = tuple(f)
        return flags

    def _work_between_days(self, d0, d1):
        """Working seconds over the whole days [d0, d1), d0 <= d1: whole
        weeks of the pattern, the days left over, then each exception in
        the range corrected from its weekday's pattern to its own."""
        n = d1 - d0
        weeks, rest = divmod(n, 7)
        total = weeks * self.week_seconds
        for i in range(rest):
            total += _day_seconds(self.pattern[_weekday(d0 + i)])
        for day, intervals in self.exceptions.items():
            if d0 <= day < d1:
                total += (_day_seconds(intervals)
                          - _day_seconds(self.pattern[_weekday(day)]))
        return total

    def _day_base(self, day):
        """W at 00:00 of day number day: working seconds from the epoch."""
        if day >= 0:
            return self._work_between_days(0, day)
        return -self._work_between_days(day, 0)

    # -- the table: blocks of BLOCK_DAYS days, each a prefix sum over its
    # minutes starting from W at the block's first midnight

    def _block(self, b):
        """The prefix table of block b (days [b * BLOCK_DAYS, (b + 1) *
        BLOCK_DAYS)): entry i is W at the start of the block's minute i,
        BLOCK_DAYS * 1440 + 1 entries."""
        table = self._blocks.get(b)
        if table is None:
            d0 = b * BLOCK_DAYS
            flags = itertools.chain.from_iterable(
                self._flags(day) for day in range(d0, d0 + BLOCK_DAYS))
            table = self._blocks[b] = list(itertools.accumulate(
                itertools.chain((self._day_base(d0),),
                                (60 * f for f in flags))))
            assert table[-1] == self._day_base(d0 + BLOCK_DAYS)
        return table

    def _locate(self, minute):
        """(prefix table, index) of a minute; the table also holds the
        minute after it."""
        b, i = divmod(minute, BLOCK_MINUTES)
        return self._block(b), i

    def works_minute(self, minute):
        p, i = self._locate(minute)
        return p[i + 1] - p[i] == 60

    def W(self, t):
        """Working seconds from the epoch to instant t (seconds)."""
        t = to_seconds(t)
        minute, sec = divmod(t, 60)
        p, i = self._locate(minute)
        if p[i + 1] - p[i] == 60:   # a working minute
            return p[i] + sec
        return p[i]

    def works(self, t):
        """Whether the second [t, t + 1) is working."""
        t = to_seconds(t)
        return self.W(t + 1) > self.W(t)

    def _find_block(self, w, below, above):
        """The block b whose table p has below(p[0], w) and above(p[-1],
        w), walking from where w would lie if every week were even (the
        tables increase from block to block, so the walk ends)."""
        b = (w * 7) // (self.week_seconds * BLOCK_DAYS)
        while True:
            p = self._block(b)
            if not below(p[0], w):
                b -= 1
            elif not above(p[-1], w):
                b += 1
            else:
                return b, p

    def first(self, w):
        """The first instant t with W(t) = w: the end of the work that
        reaches w (W rises by one each working second, so every whole w
        is reached)."""
        w = int(w)
        b, p = self._find_block(w, lambda lo, w: lo < w,
                                lambda hi, w: w <= hi)
        m = bisect.bisect_left(p, w)   # first minute boundary with W >= w
        # p[m-1] < w <= p[m]: minute m-1 works, and w lies in it
        base = p[m - 1]
        assert p[m] - base == 60 and 0 < w - base <= 60
        return 60 * (b * BLOCK_MINUTES + m - 1) + (w - base)

    def last(self, w):
        """The last instant t with W(t) <= w (so W(t) = w): the start of
        the work after w."""
        w = int(w)
        b, p = self._find_block(w, lambda lo, w: lo <= w,
                                lambda hi, w: w < hi)
        m = bisect.bisect_right(p, w) - 1   # last boundary with W <= w
        # p[m] <= w < p[m+1]: minute m works, and w lies in it
        base = p[m]
        assert p[m + 1] - base == 60 and 0 <= w - base < 60
        return 60 * (b * BLOCK_MINUTES + m) + (w - base)


def parse_spec(text):
    """A calendar from its spec text, as the C API and the file format
    write it: "mon-fri 06:00-14:00 14:00-22:00; sat 06:00-12:00;
    2026-12-24..2026-12-26 off; 2026-12-31 06:00-10:00"."""
    week, exceptions = {}, {}
    for clause in text.split(";"):
        words = clause.split()
        if len(words) < 2:
            raise ValueError("bad clause %r" % clause)
        selector, rest = words[0], words[1:]
        if rest == ["off"]:
            rest = []
        if selector[:1].isdigit():
            if selector in exceptions:
                raise ValueError("date %s in two exceptions" % selector)
            exceptions[selector] = rest
        else:
            if selector in week:
                raise ValueError("weekday %s named twice" % selector)
            week[selector] = rest
    return Calendar(week, exceptions)


ALWAYS = Calendar({"mon-sun": ["00:00-24:00"]})

_CACHE = {}


def make_calendar(value):
    """A Calendar from a Calendar, a spec text or a dict with "week" and
    "exceptions"; equal calendars share one table (it only ever grows)."""
    if isinstance(value, Calendar):
        return value
    if isinstance(value, str):
        cal = parse_spec(value)
    elif isinstance(value, dict):
        unknown = set(value) - {"week", "exceptions"}
        if unknown:
            raise ValueError("unknown calendar fields %s" % sorted(unknown))
        cal = Calendar(value.get("week"), value.get("exceptions"))
    else:
        raise ValueError("bad calendar %r" % (value,))
    return _CACHE.setdefault(cal.key(), cal)


# ------------------------------------------------------------- analysis

class _Activity:
    def __init__(self, index, key, d, cal, cal_key):
        self.index, self.key, self.d = index, key, d
        self.cal, self.cal_key = cal, cal_key
        self.event = d == 0
        self.succ = []   # flows out, in the order given
        self.pred = []   # flows in


class _Flow:
    def __init__(self, source, target, type_, lag, elapsed):
        self.source, self.target, self.type = source, target, type_
        self.lag, self.elapsed = lag, elapsed


def _topological(acts):
    """Activities in an order where every flow goes forward; a ValueError
    naming the activities of a cycle in order when there is one."""
    order, state = [], {}
    for root in acts:
        if root.index in state:
            continue
        # iterative depth-first search: state 1 on the path, 2 done
        stack, path = [(root, iter(root.succ))], [root]
        state[root.index] = 1
        while stack:
            node, it = stack[-1]
            f = next(it, None)
            if f is None:
                stack.pop()
                path.pop()
                state[node.index] = 2
                order.append(node)
                continue
            nxt = f.target
            if state.get(nxt.index) == 1:
                cycle = path[[a.index for a in path].index(nxt.index):]
                raise ValueError("cycle: %s" % " -> ".join(
                    [a.key for a in cycle] + [nxt.key]))
            if nxt.index not in state:
                state[nxt.index] = 1
                stack.append((nxt, iter(nxt.succ)))
                path.append(nxt)
    order.reverse()
    return order


def _is_finite(x):
    return (not isinstance(x, bool) and isinstance(x, (int, float))
            and math.isfinite(x))


def _resolve_unit(unit):
    if isinstance(unit, str):
        if unit not in UNITS:
            raise ValueError("bad unit %r" % unit)
        return UNITS[unit]
    if not _is_finite(unit) or unit <= 0:
        raise ValueError("bad unit %r" % (unit,))
    return unit


def _moved(flow, x, cal):
    """Where a flow puts an event: the predecessor's instant x moved by
    the lag (DESIGN.md: a working lag L, the first instant t with
    W(t) = W(x) + L in the event's calendar, x itself for L = 0; an
    elapsed lag, x + L)."""
    L = flow.lag
    if L == 0:
        return x
    if flow.elapsed:
        return x + L
    return cal.first(cal.W(x) + L)


def _bound_u(flow, b_pos, b_instant):
    """u for the flow a -> b: the latest instant of a's start (SS, SF) or
    finish (FS, FF) at which the flow's forward constraint still holds
    against b at the given position.  b_pos is (s_w, f_w), b's working
    start and finish; b_instant b's instant when b is an event.

    DESIGN.md: p = ls_w(b) (FS, SS) or lf_w(b) (FF, SF); u the last instant
    with W_b(u) <= p - L (elapsed: the last instant with W_b <= p, minus
    L); when b is an event at instant t, u = t for L = 0 and t - L for an
    elapsed lag.
    Reading: for an event b with a working lag L != 0 the general rule
    applies (last instant with W_b <= p - L, p = W_b(t)), which is exactly
    the inverse of the event's forward rule first(W_b(x) + L) <= t; for
    L = 0 u = t whether the flow is marked elapsed or not (x + 0 = x)."""
    b = flow.target
    L = flow.lag
    p = b_pos[0] if flow.type in ("FS", "SS") else b_pos[1]
    if b.event:
        if L == 0:
            return b_instant
        if flow.elapsed:
            return b_instant - L
        return b.cal.last(p - L)
    if flow.elapsed:
        return b.cal.last(p) - L
    return b.cal.last(p - L)


def _latest(a, H, bounds):
    """a's latest position given the horizon H and, for each outgoing flow,
    its u: returns (ls_w, lf_w, late start instant, late finish instant).

    Events: the earliest of H and the u's (the instant read from an event
    is the event's own instant, whatever the flow type).  Otherwise:
    lf_w <= W_a(H); FS, FF lf_w <= W_a(u); SS, SF ls_w <= W_a(u), less one
    second when a's calendar does not work in the second after u (so that
    the start, the *last* instant with W_a = ls_w, is not after u)."""
    cal = a.cal
    if a.event:
        t = min([H] + [u for _, u in bounds])
        w = cal.W(t)
        return w, w, t, t
    lf = cal.W(H)
    for flow, u in bounds:
        if flow.type in ("FS", "FF"):
            lf = min(lf, cal.W(u))
        else:
            ls_bound = cal.W(u)
            if not cal.works(u):
                ls_bound -= 1
            lf = min(lf, ls_bound + a.d)
    ls = lf - a.d
    return ls, lf, cal.last(ls), cal.first(lf)


def _backward(order, H):
    """The backward pass against the horizon instant H: a dict
    index -> (ls_w, lf_w, late start, late finish)."""
    late = {}
    for a in reversed(order):
        bounds = []
        for f in a.succ:
            ls_w, lf_w, t, _ = late[f.target.index]
            bounds.append((f, _bound_u(f, (ls_w, lf_w), t)))
        late[a.index] = _latest(a, H, bounds)
    return late


def analyze(activities, flows, *, start, unit=3600, calendars=None,
            default=None, departments=None, deadline=None):
    """The dated analysis; see the module's docstring."""
    unit = _resolve_unit(unit)
    S = to_seconds(start)
    cals = {}
    for key, value in (calendars or {}).items():
        cals[key] = make_calendar(value)

    def calendar(key, what):
        if key not in cals:
            raise ValueError("%s: unknown calendar %r" % (what, key))
        return cals[key]

    default_cal = ALWAYS if default is None else calendar(default, "default")
    departments = departments or {}
    for dept, key in departments.items():
        calendar(key, "department %r" % (dept,))

    acts, by_key = [], {}
    for i, spec in enumerate(activities):
        key = spec["key"]
        if key in by_key:
            raise ValueError("duplicate activity key %r" % (key,))
        duration = spec.get("duration", 0)
        if not _is_finite(duration) or duration < 0:
            raise ValueError("%s: bad duration %r" % (key, duration))
        d = round_seconds(duration * unit)
        # its own calendar, else its department's, else the default, else
        # none (24/7)
        own, dept = spec.get("calendar"), spec.get("department")
        if own is not None:
            cal_key = own
        elif dept is not None and departments.get(dept) is not None:
            cal_key = departments[dept]
        # (a department without a calendar of its own: the default)
        else:
            cal_key = default
        cal = ALWAYS if cal_key is None else calendar(cal_key, key)
        a = _Activity(i, key, d, cal, cal_key)
        acts.append(a)
        by_key[key] = a

    seen = set()
    for spec in flows:
        src, dst = spec["source"], spec["target"]
        type_ = spec.get("type", "FS")
        if src not in by_key or dst not in by_key:
            raise ValueError("flow %r -> %r: unknown activity" % (src, dst))
        if src == dst:
            raise ValueError("flow %r -> %r: a self-loop" % (src, dst))
        if type_ not in FLOW_TYPES:
            raise ValueError("flow %r -> %r: bad type %r" % (src, dst, type_))
        if (src, dst, type_) in seen:
            raise ValueError("flow %r -> %r %s twice" % (src, dst, type_))
        seen.add((src, dst, type_))
        lag = spec.get("lag", 0)
        f = _Flow(by_key[src], by_key[dst], type_,
                  round_seconds(lag * unit), bool(spec.get("elapsed", False)))
        f.source.succ.append(f)
        f.target.pred.append(f)

    order = _topological(acts)

    # ---- forward pass
    early = {}   # index -> (es_w, ef_w, start instant, finish instant)
    for b in order:
        cal = b.cal
        if b.event:
            # the latest of its constraint instants: S and, per flow, the
            # predecessor's start (SS, SF) or finish (FS, FF) moved by the lag
            t = S
            for f in b.pred:
                _, _, a_start, a_finish = early[f.source.index]
                x = a_start if f.type in ("SS", "SF") else a_finish
                t = max(t, _moved(f, x, cal))
            w = cal.W(t)
            early[b.index] = (w, w, t, t)
            continue
        es = cal.W(S)
        for f in b.pred:
            _, _, a_start, a_finish = early[f.source.index]
            x = a_start if f.type in ("SS", "SF") else a_finish
            if f.elapsed:
                bound = cal.W(x + f.lag)
            else:
                bound = cal.W(x) + f.lag
            if f.type in ("FF", "SF"):   # bounds ef_w = es_w + d
                bound -= b.d
            es = max(es, bound)
        ef = es + b.d
        early[b.index] = (es, ef, cal.last(es), cal.first(ef))

    # The project finish: the latest finish instant, events included
    # ("the latest finish instant"); S for an empty graph (lead time 0).
    # Every finish is >= S, so S never raises it otherwise.
    finish = max([early[a.index][3] for a in acts], default=S)

    # ---- backward passes: against the project finish for the critical
    # set, against the deadline (when given) for what is reported.
    if deadline is None:
        H = finish
    elif isinstance(deadline, datetime.datetime):
        H = to_seconds(deadline)
    else:
        if not _is_finite(deadline):
            raise ValueError("bad deadline %r" % (deadline,))
        # a number: elapsed units since S, made an instant as every time of
        # the API is ("that times the unit plus S, rounded to the second")
        H = S + round_seconds(deadline * unit)
    late_at_finish = _backward(order, finish)
    late = late_at_finish if H == finish else _backward(order, H)

    # ---- free float: the latest position at which every outgoing flow
    # still holds at the successors' early instants and the finish is not
    # after H; from es_w to it.  Reading: H is the reported horizon (the
    # deadline when given: "negative under a missed deadline"), and "still
    # holds" is decided exactly as in the backward pass, u and the second
    # less for SS and SF included.
    free = {}
    for a in acts:
        bounds = []
        for f in a.succ:
            es_w, ef_w, t, _ = early[f.target.index]
            bounds.append((f, _bound_u(f, (es_w, ef_w), t)))
        ls_free = _latest(a, H, bounds)[0]
        free[a.index] = ls_free - early[a.index][0]

    out = {}
    for a in acts:
        es_w, ef_w, t_s, t_f = early[a.index]
        ls_w, lf_w, t_ls, t_lf = late[a.index]
        tf = ls_w - es_w
        tf_finish = late_at_finish[a.index][0] - es_w
        out[a.key] = {
            "start": to_datetime(t_s),
            "finish": to_datetime(t_f),
            "late_start": to_datetime(t_ls),
            "late_finish": to_datetime(t_lf),
            "es": (t_s - S) / unit,
            "ef": (t_f - S) / unit,
            "ls": (t_ls - S) / unit,
            "lf": (t_lf - S) / unit,
            "total_float": tf / unit,
            "free_float": free[a.index] / unit,
            "critical": tf_finish == 0,
            "event": a.event,
            "calendar": a.cal_key,
            "es_w": es_w, "ef_w": ef_w, "ls_w": ls_w, "lf_w": lf_w,
            "total_float_s": tf, "free_float_s": free[a.index],
        }
    return {
        "start": to_datetime(S),
        "finish": to_datetime(finish),
        "horizon": to_datetime(H),
        "lead_time": (finish - S) / unit,
        "working_lead_time": (default_cal.W(finish) - default_cal.W(S)) / unit,
        "activities": out,
    }
