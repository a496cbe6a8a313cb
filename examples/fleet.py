#!/usr/bin/env python3
"""fleet.py - thousands of customer orders, each its own value chain,
analysed in parallel: every order of a made-up trailer plant follows the
same routing (order entry, engineering, buying steel and axles, cutting,
welding, painting, assembly, inspection, shipping), with its durations
drawn from the routing's three-point estimates and a due date promised to
the customer.  The orders are built and analysed where they run, from
their number and the seed alone, with Dask (a dask.bag over the order
numbers: on this machine's threads or processes, or on a
dask.distributed cluster) or with the standard library's
concurrent.futures, and reduced to one table: the lead times, the late
orders, and the departments on the critical path of the most orders.

    python3 examples/fleet.py                      # 2000 orders
    python3 examples/fleet.py --orders 20000 --executor futures
    python3 examples/fleet.py --address tcp://scheduler:8786
    python3 examples/fleet.py --csv orders.csv     # one row per order

Dask is used when it can be imported (Debian: python3-dask), else
concurrent.futures.  Run it from a built source tree (the bindings find
lib/.libs there), or anywhere with OPFLOW_LIBRARY naming libopflow.so.1
and the bindings on PYTHONPATH (bindings/python).  Durations are hours.

The drawing is seeded per order (the seed and the order number), so the
results do not depend on the executor, the number of workers or how the
orders are split among them.
"""
import argparse
import collections
import concurrent.futures
import csv
import functools
import math
import os
import random
import statistics
import sys

try:
    import opflow
except ImportError:
    # a source tree: the package is in bindings/python next to this file
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, os.pardir, "bindings", "python"))
    import opflow

# The routing of every order: key, category, department and the
# three-point estimate (optimistic, most likely, pessimistic) in hours.
ROUTING = [
    ("order-entry", "sales", "Sales", (1, 2, 4)),
    ("engineering", "product-development", "Engineering", (2, 6, 16)),
    ("buy-steel", "procurement", "Purchasing", (8, 24, 72)),
    ("buy-axles", "procurement", "Purchasing", (16, 40, 96)),
    ("cut", "manufacturing", "Frame shop", (2, 3, 5)),
    ("weld", "manufacturing", "Frame shop", (4, 6, 10)),
    ("paint", "manufacturing", "Paint shop", (3, 4, 6)),
    ("assemble", "assembly", "Assembly", (4, 8, 12)),
    ("inspect", "quality-control", "Quality", (1, 1.5, 3)),
    ("ship", "distribution", "Logistics", (2, 8, 24)),
]
# source, target, type, lag (hours): welding starts an hour after cutting
# starts and ends an hour after it ends; the paint cures 12 hours
FLOWS = [
    ("order-entry", "engineering", "FS", 0),
    ("order-entry", "buy-steel", "FS", 0),
    ("order-entry", "buy-axles", "FS", 0),
    ("engineering", "cut", "FS", 0),
    ("buy-steel", "cut", "FS", 0),
    ("cut", "weld", "SS", 1),
    ("cut", "weld", "FF", 1),
    ("weld", "paint", "FS", 2),
    ("paint", "assemble", "FS", 12),
    ("buy-axles", "assemble", "FS", 0),
    ("assemble", "inspect", "FS", 0),
    ("inspect", "ship", "FS", 0),
]
# the lead times promised to customers, in hours, one drawn per order
PROMISES = (72, 96, 120, 144)

Order = collections.namedtuple("Order", "number durations due")


def draw_order(seed, number):
    """The order's durations (a dict by key: triangular draws from the
    routing's estimates, rounded to the quarter hour) and its due date
    (hours after its release), from its own random stream."""
    rng = random.Random("%d/%d" % (seed, number))
    durations = {}
    for key, _category, _department, (o, m, p) in ROUTING:
        durations[key] = round(rng.triangular(o, p, m) * 4) / 4
    return Order(number, durations, float(rng.choice(PROMISES)))


def build_order(order):
    """The value chain of one order."""
    g = opflow.Graph()
    for key, category, department, estimate in ROUTING:
        g.add_activity(key, category=category, department=department,
                       duration=order.durations[key], estimate=estimate)
    for source, target, ftype, lag in FLOWS:
        g.add_flow(source, target, type=ftype, lag=lag)
    return g


def analyse_order(number, seed=1):
    """One order built and analysed: a dict of its number, lead time, due
    date, hours late (0 when on time) and the departments of its critical
    activities, sorted."""
    order = draw_order(seed, number)
    with build_order(order) as g:
        with g.analyze() as res:
            lead_time = res.lead_time
            critical = res.column("critical")
    departments = sorted({ROUTING[i][2] for i, c in enumerate(critical)
                          if c})
    return {"order": number, "lead_time": lead_time, "due": order.due,
            "late_by": max(0.0, lead_time - order.due),
            "critical_departments": departments}


def have_dask():
    try:
        import dask.bag  # noqa: F401
    except ImportError:
        return False
    return True


def run_dask(orders, seed, scheduler, workers, address, partitions):
    import dask.bag as db
    bag = db.from_sequence(range(orders), npartitions=partitions) \
        if partitions else db.from_sequence(range(orders))
    bag = bag.map(analyse_order, seed=seed)
    if address:
        # a dask.distributed cluster: the Client becomes the default
        # scheduler; its workers need opflow and libopflow.so.1 too
        from dask.distributed import Client
        with Client(address):
            return bag.compute()
    kwargs = {"scheduler": scheduler}
    if workers and scheduler != "synchronous":
        kwargs["num_workers"] = workers
    return bag.compute(**kwargs)


def run_futures(orders, seed, scheduler, workers):
    work = functools.partial(analyse_order, seed=seed)
    if scheduler == "synchronous":
        return list(map(work, range(orders)))
    if scheduler == "threads":
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
        chunks = {}
    else:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
        n = workers or os.cpu_count() or 1
        chunks = {"chunksize": max(1, orders // (8 * n))}
    with pool:
        return list(pool.map(work, range(orders), **chunks))


def run(orders, seed=1, executor=None, scheduler="processes", workers=None,
        address=None, partitions=None):
    """Every order analysed: the list of analyse_order()'s dicts, by order
    number.  executor is "dask" or "futures" (None: Dask when it can be
    imported); scheduler "processes", "threads" or "synchronous" (in the
    calling thread); address a dask.distributed scheduler's."""
    if executor is None:
        executor = "dask" if have_dask() else "futures"
    if executor == "dask" or address:
        rows = run_dask(orders, seed, scheduler, workers, address,
                        partitions)
    elif executor == "futures":
        rows = run_futures(orders, seed, scheduler, workers)
    else:
        raise ValueError("unknown executor %r" % executor)
    return sorted(rows, key=lambda r: r["order"])


def summarise(rows, top=5):
    """The table's figures: the lead times' mean, median, 90th percentile
    (nearest rank) and maximum, the late orders (the latest first), and
    the number of orders whose critical path passes through each
    department (the most first)."""
    n = len(rows)
    leads = sorted(r["lead_time"] for r in rows)
    late = sorted((r for r in rows if r["late_by"] > 0),
                  key=lambda r: (-r["late_by"], r["order"]))
    departments = collections.Counter(
        d for r in rows for d in r["critical_departments"])
    return {
        "orders": n,
        "mean": statistics.fmean(leads) if n else None,
        "median": statistics.median(leads) if n else None,
        "p90": leads[math.ceil(0.9 * n) - 1] if n else None,
        "max": leads[-1] if n else None,
        "late": len(late),
        "latest": late[:top],
        "departments": sorted(departments.items(),
                              key=lambda kv: (-kv[1], kv[0])),
    }


def table(summary):
    n = summary["orders"]
    lines = ["Orders            %d" % n]
    if n:
        lines.append("Lead time (h)     mean %.1f, median %.1f, 90%% %.1f, "
                     "max %.1f" % (summary["mean"], summary["median"],
                                   summary["p90"], summary["max"]))
    lines.append("Late orders       %d (%.1f %%)" % (
        summary["late"], 100.0 * summary["late"] / n if n else 0.0))
    for r in summary["latest"]:
        lines.append("  order %-8d lead time %6.2f h, due %5.1f h, "
                     "late by %6.2f h" % (r["order"], r["lead_time"],
                                          r["due"], r["late_by"]))
    lines.append("Critical path by department (orders)")
    for department, count in summary["departments"]:
        lines.append("  %-14s %7d  %5.1f %%"
                     % (department, count, 100.0 * count / n))
    return "\n".join(lines)


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["order", "lead_time", "due", "late_by",
                    "critical_departments"])
        for r in rows:
            w.writerow([r["order"], repr(r["lead_time"]), repr(r["due"]),
                        repr(r["late_by"]),
                        ";".join(r["critical_departments"])])


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Analyses many orders of one routing in parallel.")
    ap.add_argument("--orders", type=int, default=2000,
                    help="number of orders (default 2000)")
    ap.add_argument("--seed", type=int, default=1,
                    help="seed of the drawn durations and due dates")
    ap.add_argument("--executor", choices=("dask", "futures"),
                    default=None, help="dask (the default when it can be "
                    "imported) or futures (concurrent.futures)")
    ap.add_argument("--scheduler", default="processes",
                    choices=("processes", "threads", "synchronous"),
                    help="where the orders run on this machine "
                    "(default processes)")
    ap.add_argument("--workers", type=int, default=None,
                    help="processes or threads (default: one per CPU)")
    ap.add_argument("--address", default=None,
                    help="a dask.distributed scheduler's address "
                    "(tcp://host:8786): run on its cluster")
    ap.add_argument("--partitions", type=int, default=None,
                    help="Dask partitions (default: Dask's choice)")
    ap.add_argument("--top", type=int, default=5,
                    help="late orders listed (default 5)")
    ap.add_argument("--csv", default=None,
                    help="also write one row per order to this CSV file")
    args = ap.parse_args(argv)
    if args.orders < 0:
        ap.error("--orders must be >= 0")
    if args.workers is not None and args.workers < 1:
        ap.error("--workers must be >= 1")
    if args.partitions is not None and args.partitions < 1:
        ap.error("--partitions must be >= 1")
    executor = args.executor
    if executor is None:
        executor = "dask" if have_dask() or args.address else "futures"
    if executor == "dask" and not have_dask():
        ap.error("--executor dask: dask cannot be imported "
                 "(pip install dask, or Debian's python3-dask)")
    rows = run(args.orders, args.seed, executor, args.scheduler,
               args.workers, args.address, args.partitions)
    where = args.address or args.scheduler
    print("Fleet of %d orders (seed %d), %s on %s" % (
        args.orders, args.seed, executor, where))
    print(table(summarise(rows, args.top)))
    if args.csv:
        write_csv(rows, args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
