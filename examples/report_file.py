#!/usr/bin/env python3
"""report_file.py - a value chain read from a .opflow file, analysed
against a deadline with the opflow Python bindings: the headline scope and
timeframe figures, the critical path, the findings of the schedule checks,
and the schedule as CSV.

Run it from a built source tree (the bindings find lib/.libs there):

    python3 examples/report_file.py                  # CSV after the report
    python3 examples/report_file.py schedule.csv     # CSV to a file
    python3 examples/report_file.py --deadline 120 --input other.opflow

or anywhere with OPFLOW_LIBRARY naming libopflow.so.1 and the bindings on
PYTHONPATH (bindings/python).  The default input is bicycle.opflow next to
this script; its durations are in working days.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import opflow
except ImportError:
    # a source tree: the package is in bindings/python next to this file
    sys.path.insert(0, os.path.join(HERE, os.pardir, "bindings", "python"))
    import opflow

DEFAULT_INPUT = os.path.join(HERE, "bicycle.opflow")
DEFAULT_DEADLINE = 130.0


def fmt(value, suffix=""):
    """A figure, or "-" when it is absent (None)."""
    return "-" if value is None else "%g%s" % (value, suffix)


def percent(share):
    return "%.1f%%" % (100 * share)


def report(g, res, out):
    s = res.scope
    t = res.timeframe
    o = res.options
    w = out.write
    w("Value chain: %d activities, %d flows, %d departments\n"
      % (len(g), len(g.flows), len(g.departments)))
    w("Analysed with %s durations, deadline %s\n\n"
      % (o.durations, fmt(o.deadline, " d")))

    w("Scope\n")
    w("  activities          %d (production %d, operation %d)\n"
      % (s.activities, s.production_activities, s.operation_activities))
    w("  production share    %s of the activities, %s of the effort\n"
      % (percent(s.production_share), percent(s.production_effort_share)))
    w("  effort              %g d (production %g d)\n"
      % (s.effort, s.production_effort))
    w("  departments         %d (production %d)\n"
      % (s.departments, s.production_departments))
    w("  customer-facing     %d activities, %g d\n"
      % (s.customer_facing, s.customer_facing_effort))
    w("  handoffs            %d (within production %d, across the "
      "boundary %d, within operation %d)\n\n"
      % (s.handoffs, s.production_handoffs, s.boundary_handoffs,
         s.operation_handoffs))

    w("Timeframe\n")
    w("  lead time           %g d\n" % t.lead_time)
    w("  production window   %s to %s (%s)\n"
      % (fmt(t.production_start), fmt(t.production_end),
         fmt(t.production_window, " d")))
    w("  before production   %s\n" % fmt(t.pre_production, " d"))
    w("  after production    %s\n" % fmt(t.post_production, " d"))
    w("  production span     %s\n" % fmt(t.production_span, " d"))
    w("  timeframe ratio     %s\n" % fmt(t.timeframe_ratio))
    if res.pert_probability is not None:
        w("  PERT                expected %.1f d, sigma %.1f d, "
          "P(done by the deadline) %s\n"
          % (res.pert_lead_time, res.pert_stddev,
             percent(res.pert_probability)))
    late = [r.key for r in res if r.total_float < 0]
    if late:
        w("  deadline missed by  %s (%d activities late)\n"
          % (fmt(-min(r.total_float for r in res), " d"), len(late)))
    w("\n")

    w("Critical path\n")
    for chain in res.critical_chains:
        w("  " + " -> ".join(chain) + "\n")
    w("\n")

    findings = g.check()
    errors = sum(f.severity == "error" for f in findings)
    w("Checks: %d errors, %d warnings\n"
      % (errors, len(findings) - errors))
    for f in findings:
        w("  %s: %s: %s\n" % (f.severity, f.kind, f.message))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Report on a value chain read from a .opflow file.")
    parser.add_argument("csv", nargs="?", metavar="CSV-FILE",
                        help="write the schedule here (default: after the "
                        "report, on standard output)")
    parser.add_argument("--input", default=DEFAULT_INPUT, metavar="FILE",
                        help="the .opflow file (default: bicycle.opflow "
                        "next to this script)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE,
                        metavar="DAYS", help="the deadline (default %g)"
                        % DEFAULT_DEADLINE)
    args = parser.parse_args(argv)

    try:
        g = opflow.load(args.input)
    except opflow.ParseError as e:
        sys.stderr.write("%s:%d:%d: %s\n" % (args.input, e.line, e.column, e))
        return 1
    except OSError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    with g:
        res = g.analyze(deadline=args.deadline)
        with res:
            report(g, res, sys.stdout)
            schedule = res.to_csv()  # RFC 4180: CRLF line ends
    if args.csv:
        # newline="" keeps the CRLF line ends as they are
        with open(args.csv, "w", encoding="utf-8", newline="") as f:
            f.write(schedule)
        sys.stdout.write("\nSchedule written to %s\n" % args.csv)
    else:
        sys.stdout.write("\nSchedule (CSV)\n")
        sys.stdout.write(schedule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
