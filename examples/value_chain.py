#!/usr/bin/env python3
"""value_chain.py - a small bicycle value chain analysed with the opflow
Python bindings: production and operation activities in several
departments, scope and timeframe figures, the critical path and PERT risk.

Run it from a built source tree (the bindings find lib/.libs there):

    python3 examples/value_chain.py

or anywhere with OPFLOW_LIBRARY naming libopflow.so.1 and the bindings on
PYTHONPATH (bindings/python).  Durations are in working days.
"""
import os
import sys

try:
    import opflow
except ImportError:
    # a source tree: the package is in bindings/python next to this file
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, os.pardir, "bindings", "python"))
    import opflow

# key, label, category, department, duration, estimate (o, m, p) or None
ACTIVITIES = [
    ("research", "Market research", "market-research", "Marketing", 10, None),
    ("design", "Frame design", "product-development", "Engineering", 15,
     (10, 15, 25)),
    ("buy-tubes", "Buy steel tubes", "procurement", "Purchasing", 5, (3, 5, 9)),
    ("buy-parts", "Buy drivetrain parts", "sourcing", "Purchasing", 12,
     (8, 12, 20)),
    ("weld", "Weld frames", "manufacturing", "Frame shop", 6, (5, 6, 8)),
    ("paint", "Paint frames", "manufacturing", "Paint shop", 3, None),
    ("assemble", "Assemble bicycles", "assembly", "Assembly", 4, (3, 4, 6)),
    ("inspect", "Final inspection", "quality-control", "Quality", 1, None),
    ("pack", "Pack for shipping", "packaging", "Assembly", 1, None),
    ("campaign", "Launch campaign", "marketing", "Marketing", 8, None),
    ("ship", "Ship to dealers", "distribution", "Logistics", 3, (2, 3, 6)),
    ("support", "Dealer support", "customer-service", "Service", 5, None),
]

# source, target, type, lag (days; negative: a lead)
FLOWS = [
    ("research", "design", "FS", 0),
    ("design", "weld", "FS", 0),
    ("design", "buy-tubes", "SS", 5),      # order tubes once the spec is set
    ("buy-tubes", "weld", "FS", 0),
    ("buy-parts", "assemble", "FS", 0),
    ("weld", "paint", "FS", 1),            # one day to cool and clean
    ("paint", "assemble", "FS", 0),
    ("assemble", "inspect", "FF", 1),      # inspection trails assembly
    ("inspect", "pack", "FS", 0),
    ("design", "campaign", "FS", -3),      # campaign starts 3 days early
    ("pack", "ship", "FS", 0),
    ("campaign", "ship", "FS", 0),
    ("ship", "support", "SS", 1),
]

DEPARTMENT_NAMES = {
    "Frame shop": "Frame shop (building 2)",
    "Paint shop": "Paint shop (building 2)",
}

DEADLINE = 50


def build() -> "opflow.Graph":
    g = opflow.Graph()
    for key, label, category, department, duration, estimate in ACTIVITIES:
        g.add_activity(key, label=label, category=category,
                       department=department, duration=duration,
                       estimate=estimate)
    for source, target, type_, lag in FLOWS:
        g.add_flow(source, target, type=type_, lag=lag)
    for key, name in DEPARTMENT_NAMES.items():
        g.departments[key] = name
    return g


def fmt(value) -> str:
    return "-" if value is None else "%g" % value


def main() -> int:
    with build() as g:
        print("Bicycle value chain: %d activities, %d flows, %d departments"
              % (len(g), len(g.flows), len(g.departments)))
        for a in g:
            print("  %-10s %-10s %-20s %-12s %5g d"
                  % (a.key, a.kind, a.category, a.department or "-",
                     a.duration))
        res = g.analyze(deadline=DEADLINE)

    # the analysis outlives the graph
    with res:
        s = res.scope
        print()
        print("Scope")
        print("  activities        %d (production %d, operation %d)"
              % (s.activities, s.production_activities,
                 s.operation_activities))
        print("  effort            %g d (production %g d, share %.0f%%)"
              % (s.effort, s.production_effort,
                 100 * s.production_effort_share))
        print("  departments       %d (production %d)"
              % (s.departments, s.production_departments))
        print("  customer-facing   %d activities, %g d"
              % (s.customer_facing, s.customer_facing_effort))
        print("  handoffs          %d (within production %d, across the "
              "boundary %d, within operation %d)"
              % (s.handoffs, s.production_handoffs, s.boundary_handoffs,
                 s.operation_handoffs))

        t = res.timeframe
        print()
        print("Timeframe")
        print("  lead time         %g d" % t.lead_time)
        print("  production        %s to %s (window %s d, span %s d alone)"
              % (fmt(t.production_start), fmt(t.production_end),
                 fmt(t.production_window), fmt(t.production_span)))
        print("  before / after    %s d / %s d"
              % (fmt(t.pre_production), fmt(t.post_production)))
        print("  timeframe ratio   %s" % fmt(t.timeframe_ratio))
        print("  critical time by kind: %s"
              % ", ".join("%s %g d" % kv
                          for kv in t.critical_time_by_kind.items()))
        print("  critical time by department: %s"
              % ", ".join("%s %g d" % (k or "(none)", v)
                          for k, v in t.critical_time_by_department.items()
                          if v))

        print()
        print("Critical path")
        for chain in res.critical_chains:
            print("  " + " -> ".join(chain))
        print()
        print("Schedule (deadline %g d)" % DEADLINE)
        print("  %-10s %6s %6s %6s %6s %6s %6s  %s"
              % ("activity", "ES", "EF", "LS", "LF", "TF", "FF", "stage"))
        for r in res:
            print("  %-10s %6g %6g %6g %6g %6g %6g  %s%s"
                  % (r.key, r.es, r.ef, r.ls, r.lf, r.total_float,
                     r.free_float, r.stage, " *" if r.critical else ""))
        print()
        print("Handoffs")
        for (src, dst), count in res.handoff_matrix().items():
            print("  %-12s -> %-12s %d" % (src, dst, count))
        print()
        print("PERT: expected lead time %.2f d, sigma %.2f d, "
              "P(done by day %g) = %.0f%%"
              % (res.pert_lead_time, res.pert_stddev, DEADLINE,
                 100 * res.pert_probability))
    return 0


if __name__ == "__main__":
    sys.exit(main())
