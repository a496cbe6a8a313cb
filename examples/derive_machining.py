#!/usr/bin/env python3
"""Derive examples/machining.opflow from a real manufacturing event log.

Usage: derive_machining.py [LOG.csv] > machining.opflow

Method, so that anyone can check or redo it:

1. Every production order (case) is a sequence of events.  Consecutive
   events of the same activity in one case are merged into one *step*,
   from the first start to the last end; its duration is in hours.
2. The production route is the majority order of the main activities, read
   from the direct-follows counts of the steps: Turning & Milling, its
   quality check, Laser Marking, Flat Grinding, Lapping, Round Grinding,
   Final Inspection, Packing.  Activities seen on only a few orders (setups,
   fixes, rework, nitration, stress relief) are left out: a critical-path
   network holds the planned route, not every exception.
3. Each route activity gets a three-point estimate from its steps'
   durations: the 5th percentile, the median and the 95th percentile
   (linear interpolation), rounded to 0.01 hour.
4. Resources are grouped into departments by the activity they perform
   most: machining, quality, finishing (laser marking, flat grinding,
   lapping), grinding, shipping (packing).
5. The operation activities around production (order intake, planning,
   material purchase and receipt, shipping, invoicing, after-sales support)
   are not in the log: their durations are stated assumptions, in hours,
   marked as such in the output.
"""
import collections
import csv
import datetime
import os
import sys

ROUTE = [
    # (key, log activity, category, department, label)
    ("turn-mill", "Turning & Milling", "manufacturing", "machining",
     "Turn and mill the part"),
    ("turn-mill-qc", "Turning & Milling Q.C.", "quality-control", "quality",
     "Check turning and milling"),
    ("laser-mark", "Laser Marking", "manufacturing", "finishing",
     "Laser-mark the part"),
    ("flat-grind", "Flat Grinding", "manufacturing", "finishing",
     "Flat-grind"),
    ("lap", "Lapping", "manufacturing", "finishing", "Lap the surfaces"),
    ("round-grind", "Round Grinding", "manufacturing", "grinding",
     "Round-grind"),
    ("final-inspection", "Final Inspection Q.C.", "quality-control",
     "quality", "Final inspection"),
    ("pack", "Packing", "packaging", "shipping", "Pack the order"),
]

DEPARTMENTS = [
    ("sales", "Sales"), ("planning", "Production planning"),
    ("purchasing", "Purchasing"), ("machining", "Machining"),
    ("quality", "Quality control"), ("finishing", "Finishing"),
    ("grinding", "Grinding"), ("shipping", "Shipping"),
    ("finance", "Finance"), ("service", "Customer service"),
]


def steps_of(rows):
    cases = collections.defaultdict(list)
    for r in rows:
        cases[r["case_id"]].append(r)
    steps = collections.defaultdict(list)
    for events in cases.values():
        events.sort(key=lambda r: (r["start_time"], r["end_time"]))
        merged = []
        for r in events:
            start = datetime.datetime.fromisoformat(r["start_time"])
            end = datetime.datetime.fromisoformat(r["end_time"])
            if merged and merged[-1][0] == r["Activity"]:
                merged[-1][2] = max(merged[-1][2], end)
            else:
                merged.append([r["Activity"], start, end])
        for activity, start, end in merged:
            steps[activity].append((end - start).total_seconds() / 3600)
    return steps


def percentile(values, p):
    v = sorted(values)
    k = (len(v) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def number(x):
    text = "%.2f" % x
    return text.rstrip("0").rstrip(".") if "." in text else text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "data", "production-log.csv")
    with open(path, newline="") as f:
        steps = steps_of(list(csv.DictReader(f)))
    out = sys.stdout
    out.write("opflow 1\n"
              "# A machining shop's order-to-delivery chain, in hours, "
              "derived from a real\n# manufacturing event log by "
              "examples/derive_machining.py, which explains\n# the method. "
              "Production estimates are the 5th percentile, median and "
              "95th\n# percentile of the logged step durations; operation "
              "activities are assumptions.\n\n")
    for key, name in DEPARTMENTS:
        out.write('department %s name="%s"\n' % (key, name))
    out.write("\n# around production (not in the log: assumed durations)\n"
              'activity order-intake label="Confirm the customer order" '
              "category=sales department=sales duration=4\n"
              'activity plan-order label="Plan and schedule the order" '
              "category=other department=planning duration=8\n"
              'activity buy-stock label="Buy bar stock" '
              "category=procurement department=purchasing duration=2\n"
              'activity receive-stock label="Receive bar stock" '
              "category=procurement department=purchasing "
              "estimate=24/48/96\n"
              "\n# the production route, from the log\n")
    for key, activity, category, dept, label in ROUTE:
        v = steps[activity]
        o, m, p = (number(percentile(v, q)) for q in (0.05, 0.5, 0.95))
        out.write('activity %s label="%s" category=%s department=%s '
                  "estimate=%s/%s/%s  # %d steps\n"
                  % (key, label, category, dept, o, m, p, len(v)))
    out.write("\n# after production (assumed durations)\n"
              'activity ship label="Ship to the customer" '
              "category=distribution department=shipping estimate=8/24/48\n"
              'activity invoice label="Invoice the customer" '
              "category=other department=finance duration=2\n"
              'activity support label="Answer the customer\'s questions" '
              "category=customer-service department=service duration=16\n"
              "\n")
    keys = [r[0] for r in ROUTE]
    flows = [("order-intake", "plan-order"), ("plan-order", "buy-stock"),
             ("buy-stock", "receive-stock"), ("receive-stock", "turn-mill")]
    flows += list(zip(keys, keys[1:]))
    # parts that need no flat grinding go from marking to lapping
    flows += [("laser-mark", "lap"), ("pack", "ship"), ("ship", "invoice"),
              ("ship", "support")]
    for a, b in flows:
        out.write("flow %s %s\n" % (a, b))
    return 0


if __name__ == "__main__":
    sys.exit(main())
