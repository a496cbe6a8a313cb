#!/usr/bin/env python3
"""opflow-actuals: one production order of an event log as an .opflow graph
with its actual starts and finishes, to replay it at a status date.

The log is CSV with a header naming at least the columns case_id,
start_time, end_time and Activity (the Production log of examples/data
has these and Resource, which is not read); times are ISO 8601 instants,
all with a time zone or all without.  Standard library only.
"""

import argparse
import csv
import datetime
import os
import re
import statistics
import sys

PROG = "opflow-actuals"
COLUMNS = ("case_id", "start_time", "end_time", "Activity")

DESCRIPTION = """\
Writes one case (production order) of an event log as a value chain in
the .opflow text format (opflow(5)), in hours:

  - its activities in the order of their first start in the case, joined
    finish-to-start in that order (a routing);
  - the duration of each activity is the median of its duration over ALL
    the cases of the log that have it, an activity's duration in a case
    being the time from its earliest start to its latest end there (the
    plan's estimate, not this case's own time);
  - repeats are folded: the events of one activity in the case (rework,
    a job split over shifts) make one activity, of actual start the
    earliest start and actual finish the latest end; how many pairs of
    (case, activity) were folded is said on the standard error;
  - with --status-date, only what was known then: events that start after
    it are left out, an event running across it gives an actual start
    only (the activity is in progress); without it every event counts;
  - with --plan, no actual at all: the plan, for a baseline.

Times become hours from --start (by default the case's first start),
rounded to 1e-4 hour; the status date in hours is written in a comment
of the output ("# status date: ...") for opflow report --status-date.
Activities whose name holds "Q.C." or "Inspection" are quality-control,
"Packing" packaging, the others manufacturing.
"""

EPILOG = """\
example:
  opflow-actuals.py examples/data/production-log.csv --case Case1 \\
      --status-date 2012-02-10T00:00:00 > now.opflow
  opflow-actuals.py examples/data/production-log.csv --case Case1 \\
      --plan > plan.opflow
  opflow report now.opflow --status-date "$(sed -n \\
      's/^# status date: \\([^ ]*\\).*/\\1/p' now.opflow)" \\
      --baseline plan.opflow

exit status: 0 success, 1 a bad log or case, 2 a usage error.
"""


class InputError(Exception):
    """A problem with the log or the case: exit status 1."""


def instant(text, where):
    """An ISO 8601 instant (a trailing Z is UTC)."""
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise InputError("%s: not an ISO 8601 instant: %r" % (where, text))


def hours(delta):
    """A timedelta in hours, rounded to 1e-4 hour (0.36 s)."""
    return round(delta.total_seconds() / 3600.0, 4) + 0.0


def read_log(path):
    """The events of the log: (row number, case, start, end, activity)."""
    events = []
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        raise InputError("cannot open %s: %s" % (path, e.strerror))
    with f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError("%s: no column %s in the header (columns "
                             "case_id,start_time,end_time,Activity are "
                             "needed)" % (path, ", ".join(missing)))
        try:
            for row in reader:
                where = "%s:%d" % (path, reader.line_num)
                if any(row.get(c) is None for c in COLUMNS):
                    raise InputError("%s: too few fields" % where)
                start = instant(row["start_time"], where)
                end = instant(row["end_time"], where)
                try:
                    backwards = end < start
                except TypeError:
                    raise InputError("%s: instants with and without a time "
                                     "zone are mixed" % where)
                if backwards:
                    raise InputError("%s: the event ends (%s) before it "
                                     "starts (%s)" % (where, row["end_time"],
                                                      row["start_time"]))
                activity = row["Activity"].strip()
                if not activity:
                    raise InputError("%s: no activity" % where)
                events.append((reader.line_num, row["case_id"].strip(),
                               start, end, activity))
        except csv.Error as e:
            raise InputError("%s:%d: %s" % (path, reader.line_num, e))
        except UnicodeDecodeError as e:
            raise InputError("%s: not UTF-8: %s" % (path, e.reason))
    if not events:
        raise InputError("%s: no event" % path)
    return events


def fold(events):
    """(case, activity) -> [earliest start, latest end, event count]."""
    folded = {}
    for _, case, start, end, activity in events:
        f = folded.get((case, activity))
        if f is None:
            folded[(case, activity)] = [start, end, 1]
        else:
            f[0] = min(f[0], start)
            f[1] = max(f[1], end)
            f[2] += 1
    return folded


def medians(folded):
    """activity -> the median, over the cases, of its folded duration."""
    spans = {}
    for (_, activity), (start, end, _) in folded.items():
        spans.setdefault(activity, []).append(hours(end - start))
    return {a: round(statistics.median(v), 4) + 0.0
            for a, v in spans.items()}


def key_of(activity, taken):
    """A key for the text format: the name in lower case, runs of other
    characters than letters and digits made one '-'; -2, -3... when two
    names give the same."""
    base = re.sub(r"[^a-z0-9]+", "-", activity.lower()).strip("-") or "step"
    key, n = base, 1
    while key in taken:
        n += 1
        key = "%s-%d" % (base, n)
    taken.add(key)
    return key


def category_of(activity):
    if "Q.C." in activity or "Inspection" in activity:
        return "quality-control"
    if "Packing" in activity:
        return "packaging"
    return "manufacturing"


def quoted(text):
    """A quoted string of the text format."""
    out = []
    for ch in text:
        if ch in "\"\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def number(x):
    """A number as the text format reads it back: the shortest form."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def replay(events, case, origin, status, plan, log_name):
    """The .opflow text of the case and the lines for the standard
    error."""
    mine = [e for e in events if e[1] == case]
    if not mine:
        cases = len({e[1] for e in events})
        raise InputError("no case %r in %s (%d cases)" % (case, log_name,
                                                          cases))
    all_folded = fold(events)
    durations = medians(all_folded)
    first = min(e[2] for e in mine)
    if origin is None:
        origin = first
    try:
        first - origin
    except TypeError:
        raise InputError("--start and the log's instants do not agree on "
                         "having a time zone")
    # the routing: every activity of the case, by first start (then by
    # the first row), whatever the status date
    order = {}
    for row, _, start, _, activity in mine:
        if activity not in order or (start, row) < order[activity]:
            order[activity] = (start, row)
    routing = sorted(order, key=lambda a: order[a])
    folded_pairs = sum(1 for a in routing if all_folded[(case, a)][2] > 1)
    folded_events = sum(all_folded[(case, a)][2] for a in routing
                        if all_folded[(case, a)][2] > 1)
    total_pairs = sum(1 for f in all_folded.values() if f[2] > 1)
    notes = [
        "case %s: %d events of %d activities; folded %d repeated "
        "(case, activity) pairs (%d events)"
        % (case, len(mine), len(routing), folded_pairs, folded_events),
        "durations: medians over %d cases; folded %d repeated (case, "
        "activity) pairs of the %d in the log"
        % (len({e[1] for e in events}), total_pairs, len(all_folded)),
    ]
    # the actuals known at the status date
    actual = {}
    ignored = 0
    if not plan:
        try:
            for _, _, start, end, activity in mine:
                if status is not None and start > status:
                    ignored += 1
                    continue
                running = status is not None and end > status
                a = actual.setdefault(activity, [start, end, running])
                a[0] = min(a[0], start)
                a[1] = max(a[1], end)
                a[2] = a[2] or running
        except TypeError:
            raise InputError("--status-date and the log's instants do not "
                             "agree on having a time zone")
    lines = ["opflow 1",
             "# %s of %s, its activities in the order of their first start"
             % (case, os.path.basename(log_name)),
             "# durations: the median over all cases of the log, in hours",
             "# time unit: hours from %s" % origin.isoformat()]
    if plan:
        lines.append("# the plan: no actual")
    elif status is not None:
        lines.append("# status date: %s (%s)"
                     % (number(hours(status - origin)), status.isoformat()))
    else:
        lines.append("# every event of the log counted")
    keys = set()
    key = {}
    for activity in routing:
        key[activity] = key_of(activity, keys)
        text = "activity %s label=%s category=%s duration=%s" % (
            key[activity], quoted(activity), category_of(activity),
            number(durations[activity]))
        if activity in actual:
            start, end, running = actual[activity]
            text += " actual-start=%s" % number(hours(start - origin))
            if not running:
                text += " actual-finish=%s" % number(hours(end - origin))
        lines.append(text)
    for a, b in zip(routing, routing[1:]):
        lines.append("flow %s %s" % (key[a], key[b]))
    if not plan and status is not None:
        running = sum(1 for a in actual.values() if a[2])
        notes.append("at the status date: %d completed, %d in progress, "
                     "%d not started; %d events after it left out"
                     % (len(actual) - running, running,
                        len(routing) - len(actual), ignored))
    return "\n".join(lines) + "\n", notes


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", help="the event log (CSV)")
    parser.add_argument("--case", required=True, metavar="ID",
                        help="the case (production order) to write")
    parser.add_argument("--start", metavar="INSTANT",
                        help="time 0 of the output (default: the case's "
                             "first start)")
    parser.add_argument("--status-date", metavar="INSTANT",
                        help="replay the case as known at this instant")
    parser.add_argument("--plan", action="store_true",
                        help="write no actual: the plan")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of the standard output")
    args = parser.parse_args(argv)
    if args.plan and args.status_date:
        parser.error("--plan and --status-date do not go together")
    try:
        origin = instant(args.start, "--start") if args.start else None
        status = (instant(args.status_date, "--status-date")
                  if args.status_date else None)
        events = read_log(args.log)
        text, notes = replay(events, args.case, origin, status, args.plan,
                             args.log)
    except InputError as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 1
    for note in notes:
        print("%s: %s" % (PROG, note), file=sys.stderr)
    try:
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except OSError as e:
        print("%s: cannot write %s: %s" % (PROG, args.output or
                                            "the output", e.strerror),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
