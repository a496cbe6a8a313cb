#!/usr/bin/env python3
"""progress_reference.py - an independent model of the unit-time analysis
with progress, a status date and date constraints.

Written from DESIGN.md ("Timeframe arithmetic"; "Progress, the status date
and date constraints") and the semantics fixed for libopflow 1.3 alone,
in plain Python (standard library only, Python >= 3.8) and nothing of the
library, so that the engine can be compared with it on any graph.
Clarity over speed: every rule is written out once, in the words of the
design, in the order the design gives it.

    from progress_reference import analyze
    res = analyze(activities, flows, status_date=7.0, logic="retained",
                  deadline=None, tolerance=None, near_critical=0.0)

activities: a list of dicts, in id order, with the keys
    key, duration                        (required)
    actual_start, actual_finish, remaining,
    start_no_earlier_than, finish_no_earlier_than,
    start_no_later_than, finish_no_later_than   (optional; None = not set)
    production                           (optional bool, default False)
flows: a list of (source_key, target_key, type, lag), type one of
    "FS", "SS", "FF", "SF", in the order added (the index in this list is
    the flow's id: the driving flow is reported by it).

The result:
    {"lead_time": T,
     "activities": {key: {"state", "es", "ef", "ls", "lf",
                          "remaining_start", "remaining",
                          "total_float", "free_float",
                          "critical", "near_critical", "driving_flow"}},
     "production_start": min ES of production activities (None if none),
     "production_end": max EF of production activities (None if none)}

ValueError is raised for bad input (unknown keys, bad numbers, an actual
finish without an actual start or before it, a negative remaining
duration), for an actual time after the status date (the message names the
activity), for a directed cycle (the message names the activities on it
in order) and for a computed time that is not finite.
"""

import math

FLOW_TYPES = ("FS", "SS", "FF", "SF")
LOGICS = ("retained", "override")

NOT_STARTED = "not-started"
IN_PROGRESS = "in-progress"
COMPLETED = "completed"

OPTIONAL_FIELDS = (
    "actual_start", "actual_finish", "remaining",
    "start_no_earlier_than", "finish_no_earlier_than",
    "start_no_later_than", "finish_no_later_than",
)


class _Activity:
    """One activity: its input, its state and its computed times."""

    def __init__(self, spec):
        unknown = set(spec) - {"key", "duration", "production"} \
            - set(OPTIONAL_FIELDS)
        if unknown:
            raise ValueError("activity %r: unknown field(s) %s"
                             % (spec.get("key"), ", ".join(sorted(unknown))))
        self.key = spec["key"]
        if not isinstance(self.key, str) or not self.key:
            raise ValueError("activity key %r: not a non-empty string"
                             % (self.key,))
        self.duration = _number(spec["duration"], "duration", self.key)
        if self.duration < 0:
            raise ValueError("activity %r: duration %r is negative"
                             % (self.key, self.duration))
        self.actual_start = _optional(spec, "actual_start", self.key)
        self.actual_finish = _optional(spec, "actual_finish", self.key)
        self.remaining_given = _optional(spec, "remaining", self.key)
        self.snet = _optional(spec, "start_no_earlier_than", self.key)
        self.fnet = _optional(spec, "finish_no_earlier_than", self.key)
        self.snlt = _optional(spec, "start_no_later_than", self.key)
        self.fnlt = _optional(spec, "finish_no_later_than", self.key)
        self.production = bool(spec.get("production", False))
        # the rules the graph enforces when the fields are set
        if self.actual_finish is not None:
            if self.actual_start is None:
                raise ValueError("activity %r: an actual finish needs an "
                                 "actual start" % self.key)
            if self.actual_finish < self.actual_start:
                raise ValueError("activity %r: actual finish %r before "
                                 "actual start %r" % (self.key,
                                                      self.actual_finish,
                                                      self.actual_start))
        if self.remaining_given is not None and self.remaining_given < 0:
            raise ValueError("activity %r: remaining %r is negative"
                             % (self.key, self.remaining_given))
        self.incoming = []      # flow indices, in the order added
        self.outgoing = []


class _Flow:
    def __init__(self, index, source, target, ftype, lag):
        self.index = index
        self.source = source    # _Activity
        self.target = target    # _Activity
        self.type = ftype
        self.lag = lag


def _number(value, what, key):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("activity %r: %s %r is not a number"
                         % (key, what, value))
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("activity %r: %s %r is not finite"
                         % (key, what, value))
    return value


def _optional(spec, field, key):
    value = spec.get(field)
    if value is None:
        return None
    return _number(value, field, key)


def _option(value, what, minimum=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise ValueError("%s %r is not a finite number" % (what, value))
    if minimum is not None and value < minimum:
        raise ValueError("%s %r is below %r" % (what, value, minimum))
    return float(value)


def _topological_order(acts, flows):
    """Kahn's algorithm: activities with no unprocessed predecessor, in
    id order of becoming ready (any valid order gives the same results).
    A directed cycle, whatever its flow types and lags, is an error naming
    the activities on one cycle in flow order, from the one of lowest id."""
    waiting = {a.key: len(a.incoming) for a in acts}
    ready = [a for a in acts if waiting[a.key] == 0]
    order = []
    while ready:
        a = ready.pop(0)
        order.append(a)
        for i in a.outgoing:
            b = flows[i].target
            waiting[b.key] -= 1
            if waiting[b.key] == 0:
                ready.append(b)
    if len(order) < len(acts):
        # Every activity left has a predecessor that is left too: walk
        # back along such predecessors until one repeats; the walk
        # between the two visits is a cycle.
        left = [a for a in acts if waiting[a.key] > 0]
        walk = [left[0]]
        seen = {left[0].key: 0}
        while True:
            a = walk[-1]
            pred = next(flows[i].source for i in a.incoming
                        if waiting[flows[i].source.key] > 0)
            if pred.key in seen:
                cycle = walk[seen[pred.key]:]
                cycle.reverse()     # in the direction of the flows
                first = min(range(len(cycle)),
                            key=lambda j: acts.index(cycle[j]))
                cycle = cycle[first:] + cycle[:first]   # lowest id first
                raise ValueError("cycle: %s" % " -> ".join(
                    [c.key for c in cycle] + [cycle[0].key]))
            seen[pred.key] = len(walk)
            walk.append(pred)
    return order


def _finite(value, key, what):
    if not math.isfinite(value):
        raise ValueError("activity %r: %s out of range (%r)"
                         % (key, what, value))
    return value


def analyze(activities, flows, status_date=None, logic="retained",
            deadline=None, tolerance=None, near_critical=0.0):
    # ------------------------------------------------------------- input
    acts = [_Activity(spec) for spec in activities]
    by_key = {}
    for a in acts:
        if a.key in by_key:
            raise ValueError("activity %r: duplicate key" % a.key)
        by_key[a.key] = a
    if logic not in LOGICS:
        raise ValueError("logic %r: not one of %s" % (logic, LOGICS))
    if status_date is not None:
        status_date = _option(status_date, "status date")
    if deadline is not None:
        deadline = _option(deadline, "deadline")
    if tolerance is not None:
        tolerance = _option(tolerance, "tolerance", 0.0)
    near_critical = _option(near_critical, "near-critical threshold", 0.0)

    fl = []
    seen_flows = set()
    for index, (src, dst, ftype, lag) in enumerate(flows):
        if src not in by_key or dst not in by_key:
            raise ValueError("flow %d: unknown activity %r"
                             % (index, src if src not in by_key else dst))
        if ftype not in FLOW_TYPES:
            raise ValueError("flow %d: unknown type %r" % (index, ftype))
        if src == dst:
            raise ValueError("flow %d: self-loop on %r" % (index, src))
        if (src, dst, ftype) in seen_flows:
            raise ValueError("flow %d: a second %s flow %r -> %r"
                             % (index, ftype, src, dst))
        seen_flows.add((src, dst, ftype))
        if isinstance(lag, bool) or not isinstance(lag, (int, float)) \
                or not math.isfinite(lag):
            raise ValueError("flow %d: lag %r is not a finite number"
                             % (index, lag))
        f = _Flow(index, by_key[src], by_key[dst], ftype, float(lag))
        fl.append(f)
        f.source.outgoing.append(index)
        f.target.incoming.append(index)

    # ------------------------------------------- state and work left r
    # Without a status date the analysis is the plan: actuals and R are
    # ignored, every activity is not started and r = d.
    # With one: AS > D or AF > D fails, naming the activity; AF given =
    # completed, AS only = in progress, else not started.
    D = status_date
    for a in acts:
        if D is None:
            a.state = NOT_STARTED
            a.r = a.duration
            continue
        if a.actual_start is not None and a.actual_start > D:
            raise ValueError("activity %r: actual start %r after the status "
                             "date %r" % (a.key, a.actual_start, D))
        if a.actual_finish is not None and a.actual_finish > D:
            raise ValueError("activity %r: actual finish %r after the status "
                             "date %r" % (a.key, a.actual_finish, D))
        if a.actual_finish is not None:
            a.state = COMPLETED
            a.r = 0.0
        elif a.actual_start is not None:
            a.state = IN_PROGRESS
            if a.remaining_given is not None:
                a.r = a.remaining_given
            else:
                a.r = max(0.0, a.duration - (D - a.actual_start))
        else:
            a.state = NOT_STARTED
            a.r = a.remaining_given if a.remaining_given is not None \
                else a.duration

    order = _topological_order(acts, fl)

    # The start bound B: unfinished work starts no earlier than it.
    B = max(0.0, D) if D is not None else 0.0

    def started(a):
        return a.state != NOT_STARTED

    def unfinished(a):
        return a.state != COMPLETED

    def kept(f):
        """A flow is kept unless its target is completed (history), or
        in progress under progress override."""
        b = f.target
        if b.state == COMPLETED:
            return False
        if b.state == IN_PROGRESS and logic == "override":
            return False
        return True

    def mirrored(f):
        """Kept flows whose source is unfinished (FS, FF) or not started
        (SS, SF) act backwards; a bound from an actual time constrains
        nothing backwards."""
        if not kept(f):
            return False
        if f.type in ("FS", "FF"):
            return unfinished(f.source)
        return not started(f.source)

    def source_start(a):       # sa: AS once started, else ES
        return a.actual_start if started(a) else a.es

    def source_finish(a):      # fa: AF once completed, else EF
        return a.actual_finish if a.state == COMPLETED else a.ef

    def forward_bound(f, r):
        """Where a kept flow puts the start of the target's (remaining)
        work of length r: FS fa+L, SS sa+L, FF fa+L-r, SF sa+L-r."""
        a = f.source
        if f.type == "FS":
            return source_finish(a) + f.lag
        if f.type == "SS":
            return source_start(a) + f.lag
        if f.type == "FF":
            return source_finish(a) + f.lag - r
        return source_start(a) + f.lag - r

    # ------------------------------------------------------ forward pass
    # es: early start (AS once started); rs: where the (remaining) work
    # starts (ES when not started, RS in progress, AF when completed);
    # ef: early finish (AF when completed).
    for b in order:
        if b.state == COMPLETED:
            b.es = b.actual_start
            b.ef = b.actual_finish
            b.rs = b.actual_finish
            continue
        bounds = [B]
        if b.snet is not None:
            bounds.append(b.snet)
        if b.fnet is not None:
            bounds.append(b.fnet - b.r)
        for i in b.incoming:
            if kept(fl[i]):
                bounds.append(forward_bound(fl[i], b.r))
        start = max(bounds)
        b.rs = start
        b.es = start if b.state == NOT_STARTED else b.actual_start
        b.ef = start + b.r
        _finite(b.rs, b.key, "early start")
        _finite(b.ef, b.key, "early finish")

    # Forecast lead time: the latest EF (completed ones count AF), >= 0.
    T = max([0.0] + [a.ef for a in acts])
    default_tolerance = 1e-9 * max(1.0, abs(T))
    tol = default_tolerance if tolerance is None else tolerance
    rounding = min(default_tolerance, tol)

    # ---------------------------------------------------- backward pass
    # Over unfinished work, against H = T; a deadline H shifts every late
    # time and float by exactly H - T afterwards, so the late constraints,
    # being absolute, enter this pass moved by -(H - T).
    H = deadline if deadline is not None else T
    shift = H - T
    for a in reversed(order):
        if a.state == COMPLETED:
            continue
        bounds = [T]
        if a.fnlt is not None:
            bounds.append(a.fnlt - shift)
        if a.state == NOT_STARTED and a.snlt is not None:
            bounds.append(a.snlt + a.r - shift)
        for i in a.outgoing:
            f = fl[i]
            if not mirrored(f):
                continue
            b = f.target
            if f.type == "FS":          # LF(a) <= LS(b) - L
                bounds.append(b.ls_rel - f.lag)
            elif f.type == "FF":        # LF(a) <= LF(b) - L
                bounds.append(b.lf_rel - f.lag)
            elif f.type == "SS":        # LS(a) <= LS(b) - L
                bounds.append(b.ls_rel - f.lag + a.r)
            else:                       # SF: LS(a) <= LF(b) - L
                bounds.append(b.lf_rel - f.lag + a.r)
        a.lf_rel = min(bounds)
        a.ls_rel = a.lf_rel - a.r
        _finite(a.lf_rel + shift, a.key, "late finish")
        _finite(a.ls_rel + shift, a.key, "late start")

    # ------------------------------------------------------------ floats
    def rounded(x):
        return 0.0 if abs(x) <= rounding else x

    for a in acts:
        if a.state == COMPLETED:
            a.tf_rel = a.tf = a.ff = 0.0
            continue
        # not started: TF = LS - ES; in progress: TF = LF - EF
        if a.state == NOT_STARTED:
            a.tf_rel = rounded(a.ls_rel - a.es)
        else:
            a.tf_rel = rounded(a.lf_rel - a.ef)
        a.tf = a.tf_rel + shift
        # free float: the least slack, at early times, of the outgoing
        # flows that act backwards, and H - EF
        slacks = [(T - a.ef) + shift]
        for i in a.outgoing:
            f = fl[i]
            if not mirrored(f):
                continue
            b = f.target
            sb = b.rs           # ES(b) not started, RS(b) in progress
            if f.type == "FS":
                slacks.append(sb - f.lag - a.ef)
            elif f.type == "FF":
                slacks.append(b.ef - f.lag - a.ef)
            elif f.type == "SS":
                slacks.append(sb - f.lag - a.es)
            else:
                slacks.append(b.ef - f.lag - a.es)
        ff = rounded(min(slacks))
        if a.tf < ff <= a.tf + rounding:
            ff = a.tf
        a.ff = ff

    # --------------------------------------------------------- critical
    # Among unfinished work only, on the floats before the shift (the same
    # set under any deadline).
    live = [a for a in acts if a.state != COMPLETED]
    least = min(a.tf_rel for a in live) if live else 0.0
    for a in acts:
        if a.state == COMPLETED:
            a.critical = a.near = False
        else:
            a.critical = a.tf_rel <= least + tol
            a.near = a.critical or a.tf_rel <= least + near_critical

    # ---------------------------------------------------- driving flows
    # Among the kept incoming flows whose constraint is tight at the early
    # times (on RS and EF for work in progress), the one added first.
    for b in acts:
        b.driving = None
        if b.state == COMPLETED:
            continue
        for i in b.incoming:
            f = fl[i]
            if not kept(f):
                continue
            a = f.source
            # the slack as DESIGN writes it (FS: ES(b) - L - EF(a), ...),
            # evaluated left to right
            if f.type == "FS":
                slack = b.rs - f.lag - source_finish(a)
            elif f.type == "SS":
                slack = b.rs - f.lag - source_start(a)
            elif f.type == "FF":
                slack = b.ef - f.lag - source_finish(a)
            else:
                slack = b.ef - f.lag - source_start(a)
            if slack <= tol:
                b.driving = i
                break

    # ----------------------------------------------------------- result
    out = {}
    for a in acts:
        if a.state == COMPLETED:
            ls, lf = a.actual_start, a.actual_finish
        else:
            ls, lf = a.ls_rel + shift, a.lf_rel + shift
        out[a.key] = {
            "state": a.state,
            "es": a.es,
            "ef": a.ef,
            "ls": ls,
            "lf": lf,
            "remaining_start": a.rs,
            "remaining": a.r,
            "total_float": a.tf,
            "free_float": a.ff,
            "critical": a.critical,
            "near_critical": a.near,
            "driving_flow": a.driving,
        }
    prod = [a for a in acts if a.production]
    return {
        "lead_time": T,
        "activities": out,
        "production_start": min(a.es for a in prod) if prod else None,
        "production_end": max(a.ef for a in prod) if prod else None,
    }
