"""Ownership and lifetime: results outlive their graph, nothing leaks when
thousands of objects come and go, threads share a graph, and running out
of memory is a clean error."""
import gc
import numbers
import os
import resource
import subprocess
import sys
import textwrap
import threading
import unittest
import weakref

from support import TestCase, child_env, opflow


def chain(n, prefix="a"):
    g = opflow.Graph()
    keys = ["%s%d" % (prefix, i) for i in range(n)]
    ids = g.add_activities(keys, categories=["manufacturing", "sales"] * (n // 2)
                           + ["other"] * (n % 2),
                           durations=[float(i % 7) for i in range(n)])
    g.add_flows(ids[:-1], ids[1:],
                types=[("FS", "SS", "FF", "SF")[i % 4] for i in range(n - 1)],
                lags=[(-1.0) ** i for i in range(n - 1)])
    return g


def run_child(code, timeout=300):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          env=child_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True,
                          timeout=timeout)


class TestOwnership(TestCase):
    def test_result_after_graph_freed(self):
        g = chain(50)
        res = g.analyze()
        want = (res.lead_time, res["a49"], res.critical_path)
        ref = weakref.ref(g)
        del g
        gc.collect()
        self.assertIsNotNone(ref())  # the analysis keeps its graph alive
        ref().close()                # the C graph is freed now
        # allocate over the freed memory, then read the result again
        junk = [chain(50, "z") for _ in range(5)]
        self.assertEqual((res.lead_time, res["a49"], res.critical_path), want)
        self.assertEqual(len(res), 50)
        del junk
        # the graph goes with its last analysis
        del res
        gc.collect()
        self.assertIsNone(ref())

    def test_analysis_keeps_its_graph_alive(self):
        g = chain(10)
        res = g.analyze()
        ref = weakref.ref(g)
        del g  # no close(): only the analysis holds it
        gc.collect()
        self.assertIs(res.graph, ref())
        self.assertFalse(res.graph.closed)
        # so the exports, which need the graph, still work
        rows = res.to_csv().split("\r\n")
        self.assertEqual(len(rows), 12)  # header, 10 rows, "" after the end
        self.assertTrue(rows[1].startswith("a0,"))
        # closing the analysis lets go of the graph
        res.close()
        gc.collect()
        self.assertIsNone(ref())

    def test_views_keep_their_graph(self):
        a = opflow.Graph().add_activity("only", duration=3)
        gc.collect()
        self.assertEqual(a.duration, 3.0)
        self.assertEqual(len(a.graph), 1)
        flows = chain(4).flows
        gc.collect()
        self.assertEqual(len(flows), 3)
        deps = opflow.Graph().departments
        deps["D"] = "Dept"
        gc.collect()
        self.assertEqual(dict(deps), {"D": "Dept"})

    def test_many_objects_do_not_grow(self):
        def churn(rounds):
            alive = []
            for i in range(rounds):
                g = chain(100)
                res = g.analyze(deadline=200 if i % 2 else None)
                alive.append(weakref.ref(g))
                alive.append(weakref.ref(res))
                res.scope, res.timeframe, res["a10"], res.critical_paths()
                h = g.clone()
                alive.append(weakref.ref(h))
                if i % 3 == 0:
                    g.close()
                    res.close()
                    with h:
                        pass
                del g, h, res
            gc.collect()
            return sum(r() is not None for r in alive)

        self.assertEqual(churn(300), 0)  # warm up, and every object freed
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.assertEqual(churn(3000), 0)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # ru_maxrss is in kilobytes on Linux; a leak of one graph, clone and
        # result per round (tens of kilobytes each) would exceed this
        self.assertLess(after - before, 20 * 1024,
                        "peak RSS grew from %d to %d kB" % (before, after))

    def test_library_blocks_all_freed(self):
        # opflow_set_allocator (unbound in opflow, called raw here) refuses
        # with OPFLOW_EMISUSE while any block the library allocated is live:
        # an exact leak check of the bindings' ownership.
        out = run_child("""
            import gc, ctypes, opflow
            from opflow import _capi
            raw = _capi.lib.dll.opflow_set_allocator
            raw.restype = ctypes.c_int
            def live():
                gc.collect()
                return raw(None, None, None, None)
            print(live())
            g = opflow.Graph()
            g.add_activities(["a", "b", "c"], durations=[1, 2, 3])
            g.add_flows([0, 1], [1, 2])
            res = g.analyze()
            print(live())
            del g
            print(live())          # the result still holds memory
            res.critical_paths(); res.scope
            del res
            print(live())
            for i in range(200):
                g = opflow.Graph()
                g.add_activity("x%d" % i, department="D", label="L",
                               estimate=(1, 2, 3))
                g.add_activity("y", duration=1)
                g.add_flow("x%d" % i, "y")
                g.departments["D"] = "Dept"
                c = g.clone()
                r = c.analyze(durations="pert", deadline=3)
                list(r); r.handoff_matrix(); list(g.flows); list(g)
                if i % 2:
                    g.close(); c.close(); r.close()
                try:
                    g2 = opflow.Graph()
                    g2.add_activities(["p", "q"]); g2.add_flows([0, 1], [1, 0])
                    g2.analyze()
                except opflow.CycleError:
                    pass
            del g, c, r, g2
            print(live())
            keep = opflow.Graph()
            print(live())
            del keep
            print(live())
        """)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.split(), ["0", "-9", "-9", "0", "0", "-9",
                                              "0"])
        self.assertEqual(out.stderr, "")

    def test_exit_without_close(self):
        out = run_child("""
            import opflow
            g = opflow.Graph()
            g.add_activity("a", duration=1)
            res = g.analyze()
            view = g["a"]
            keep = [g, res, view]
            print(res.lead_time)
        """)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "1.0")
        self.assertEqual(out.stderr, "")

    def test_objects_usable_by_code_run_at_exit(self):
        # Objects still alive at exit are left to the operating system, not
        # freed by an exit hook: a __del__ that runs later in the shutdown
        # still finds them open and working.
        out = run_child("""
            import opflow

            class Report:
                def __init__(self, g, res):
                    self.g, self.res = g, res

                def __del__(self):
                    g, res = self.g, self.res
                    print(g.closed, len(g), g.keys()[:2], res.closed,
                          res.lead_time, len(res.critical_path[0]),
                          flush=True)

            g = opflow.Graph()
            ids = g.add_activities(["a%d" % i for i in range(1000)],
                                   durations=1.0)
            g.add_flows(ids[:-1], ids[1:])
            report = Report(g, g.analyze())
        """)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(),
                         "False 1000 ['a0', 'a1'] False 1000.0 1000")

    def test_daemon_threads_reading_at_exit(self):
        # A daemon thread inside the library (interpreter lock released)
        # while the main thread exits: nothing frees what it reads.
        out = run_child("""
            import threading, time, opflow
            g = opflow.Graph()
            ids = g.add_activities(["a%d" % i for i in range(100000)],
                                   durations=1.0)
            g.add_flows(ids[:-1], ids[1:])
            res = g.analyze()
            started = threading.Event()

            def analyse():
                while True:
                    started.set()
                    g.analyze()

            def read():
                while True:
                    res.to_csv()
                    res.critical_paths(limit=2)
            for work in (analyse, read):
                threading.Thread(target=work, daemon=True).start()
            started.wait()
            time.sleep(0.05)
            print("exit", flush=True)
        """)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "exit")


class TestReentry(TestCase):
    """Code that runs in the middle of a change (the conversion of an
    argument, a finalizer, a trace function) cannot pull the graph from
    under it: arguments are converted before the graph is locked, and a
    change or close() from inside a change is refused."""

    def test_closing_while_arguments_are_converted(self):
        cases = {
            "add_activity": lambda g, x: g.add_activity("c", duration=x),
            "add_activity_estimate":
                lambda g, x: g.add_activity("c", estimate=(1, x, 3)),
            "add_flow": lambda g, x: g.add_flow("a", "b", lag=x),
            "set_flow_lag": lambda g, x: g.set_flow_lag("a", "b", x),
            "add_flows": lambda g, x: g.add_flows([0], [1], types="SS",
                                                  lags=[x]),
            "add_activities":
                lambda g, x: g.add_activities(["c"], durations=[x]),
            "duration": lambda g, x: setattr(g["a"], "duration", x),
            "estimate": lambda g, x: setattr(g["a"], "estimate", (x, 2, 3)),
        }
        for name, call in cases.items():
            g = opflow.Graph()
            g.add_activities(["a", "b"])
            g.add_flow("a", "b")

            class Closing(float):
                def __float__(self):
                    g.close()
                    return 1.0
            with self.assertRaises(opflow.MisuseError, msg=name):
                call(g, Closing(1))
            self.assertTrue(g.closed, name)

    def test_closing_while_ids_are_converted(self):
        g = opflow.Graph()
        g.add_activities(["a", "b"])

        class Closing:
            def __index__(self):
                g.close()
                return 1
        numbers.Integral.register(Closing)
        with self.assertRaises(opflow.MisuseError):
            g.add_flows([0], [Closing()])
        self.assertTrue(g.closed)

    def test_changes_while_arguments_are_converted(self):
        # The ends are looked up after the lag is converted, so a lag that
        # moves ids does not send the flow elsewhere.
        g = opflow.Graph()
        g.add_activities(["a", "b", "c", "d"])

        class Removing(float):
            def __float__(self):
                g.remove_activity("b")  # c and d move down one id
                return 1.0
        self.assertEqual(g.add_flow("a", "c", lag=Removing(1)),
                         opflow.Flow("a", "c", "FS", 1.0, 0))
        g.add_activity("b")

        class AlsoRemoving(float):
            def __float__(self):
                g.remove_activity("a")
                return 2.0
        g.add_flows(["c", "b"], ["d", "c"], lags=[0, AlsoRemoving(2)])
        self.assertEqual(list(g.flows), [
            opflow.Flow("c", "d", "FS", 0.0, 0),
            opflow.Flow("b", "c", "FS", 2.0, 1)])

    def run_inside_a_change(self, g, change, call):
        """Runs change() once, from a trace function, when the second id
        lookup of call() returns (the graph locked for writing)."""
        outcome = []
        returns = [0]

        def local(frame, event, arg):
            if event == "return":
                returns[0] += 1
                if returns[0] == 2:
                    try:
                        change()
                        outcome.append("done")
                    except opflow.MisuseError:
                        outcome.append("refused")
            return local

        def trace(frame, event, arg):
            code = frame.f_code
            if (code.co_name == "_find" and os.path.basename(
                    code.co_filename) == "graph.py"):
                return local
            return None
        sys.settrace(trace)
        try:
            result = call()
        finally:
            sys.settrace(None)
        return outcome, result

    def test_changes_inside_a_change_are_refused(self):
        g = opflow.Graph()
        g.add_activities(["a", "b", "c", "d"])
        outcome, flow = self.run_inside_a_change(
            g, lambda: g.remove_activity("b"), lambda: g.add_flow("a", "c"))
        self.assertEqual(outcome, ["refused"])
        self.assertEqual(flow, opflow.Flow("a", "c", "FS", 0.0, 0))
        self.assertEqual(g.keys(), ["a", "b", "c", "d"])

    def test_close_inside_a_change_is_refused(self):
        # in a child: without the refusal the library would be handed the
        # freed graph
        out = run_child("""
            import os, sys, opflow
            sys.path.insert(0, %r)
            from test_lifetime import TestReentry
            g = opflow.Graph()
            g.add_activities(["a", "b"])
            outcome, flow = TestReentry().run_inside_a_change(
                g, g.close, lambda: g.add_flow("a", "b", lag=2))
            print(outcome, tuple(flow), g.closed)
        """ % os.path.dirname(os.path.abspath(__file__)))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(),
                         "['refused'] ('a', 'b', 'FS', 2.0, 0, False) False")


class TestThreads(TestCase):
    def test_shared_graph_and_private_errors(self):
        g = chain(200)
        want = g.analyze().lead_time
        g.prepare()
        failures = []

        def work(tag):
            try:
                for i in range(100):
                    res = g.analyze()
                    if res.lead_time != want:
                        failures.append("%s: lead time %r" % (tag, res.lead_time))
                    try:
                        g["missing-%s-%d" % (tag, i)]
                    except opflow.NotFoundError as e:
                        # the thread's own message, not another's
                        if "missing-%s-%d" % (tag, i) not in str(e):
                            failures.append("%s: message %r" % (tag, str(e)))
            except Exception as e:  # pragma: no cover - reported below
                failures.append("%s: %r" % (tag, e))

        threads = [threading.Thread(target=work, args=("t%d" % k,))
                   for k in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_result_shared(self):
        res = chain(100).analyze()
        want = [tuple(r) for r in res]
        seen = []

        def read():
            seen.append([tuple(r) for r in res] == want and
                        res.critical_paths() == res.critical_paths())

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(seen, [True] * 4)

    def test_close_from_a_callback_is_refused(self):
        res = chain(8).analyze()
        with self.assertRaises(opflow.MisuseError):
            res.each_critical_path(lambda path: res.close())
        self.assertFalse(res.closed)
        self.assertEqual(len(res.critical_paths()), 1)
        # reading from the callback is fine
        seen = []
        res.each_critical_path(lambda path: seen.append(res[path[0]].es))
        self.assertEqual(seen, [0.0])

    def test_close_never_waits_for_readers(self):
        # Another thread closes the analysis while this one enumerates its
        # critical paths: close() returns at once, the C result is freed
        # when the enumeration is done.
        res = chain(8).analyze()
        in_callback, closed = threading.Event(), threading.Event()
        seen = []

        def callback(path):
            in_callback.set()
            closed.wait(10)
            seen.append((res.closed, res._finalizer.alive))
        reader = threading.Thread(target=res.each_critical_path,
                                  args=(callback,), daemon=True)
        reader.start()
        in_callback.wait(10)
        closer = threading.Thread(target=res.close, daemon=True)
        closer.start()
        closer.join(10)
        self.assertFalse(closer.is_alive(), "close() waited for a reader")
        closed.set()
        reader.join(10)
        self.assertFalse(reader.is_alive())
        self.assertEqual(seen, [(True, True)])  # closed, not yet freed
        self.assertFalse(res._finalizer.alive)  # freed by the reader
        with self.assertRaises(opflow.MisuseError):
            res.lead_time

    def test_callback_changing_the_graph_while_others_export_and_close(self):
        # A callback (reading the analysis) changes the graph (waits for
        # the graph's write lock) while an export holds the graph's read
        # lock and wants the analysis's, and a third thread closes the
        # analysis.  No thread may wait for another forever.
        g = chain(2)
        res = g.analyze()
        in_callback = threading.Event()
        errors = []

        def guard(fn):
            def run():
                try:
                    fn()
                except opflow.MisuseError:
                    pass
                except Exception as e:  # pragma: no cover - reported below
                    errors.append(repr(e))
            return run

        def callback(path):
            in_callback.set()
            threading.Event().wait(0.5)  # the others line up meanwhile
            g.add_activity("new")
            return True
        c = threading.Thread(target=guard(
            lambda: res.each_critical_path(callback)), daemon=True)
        b = threading.Thread(target=guard(res.close), daemon=True)
        a = threading.Thread(target=guard(lambda: g.to_dot(res)),
                             daemon=True)
        c.start()
        in_callback.wait(10)
        b.start()
        threading.Event().wait(0.1)
        a.start()
        for t in (c, b, a):
            t.join(10)
        self.assertEqual([t.is_alive() for t in (c, b, a)],
                         [False] * 3, "deadlock")
        self.assertEqual(errors, [])
        self.assertIn("new", g)
        self.assertTrue(res.closed)

    def test_changes_and_close_race_reads(self):
        # One thread edits a graph while others read and analyse it, and
        # the main thread closes it in the middle: every call either works
        # or raises an opflow.Error; the process never crashes.
        out = run_child("""
            import sys, threading, opflow
            g = opflow.Graph()
            ids = g.add_activities(["a%d" % i for i in range(300)],
                                   durations=1)
            g.add_flows(ids[:-1], ids[1:])
            stop = threading.Event()
            errors, calls = [], [0]

            def guard(fn):
                def run():
                    while not stop.is_set():
                        try:
                            fn()
                            calls[0] += 1
                        except opflow.Error:
                            pass
                        except Exception as e:
                            errors.append(repr(e))
                            return
                return run

            n = [0]
            def edit():
                n[0] += 1
                k = "x%d" % n[0]
                g.add_activity(k, duration=2)
                g.add_flow("a0", k, type="SS")
                g[k].label = "label %d" % n[0]
                if n[0] % 3 == 0:
                    g.remove_activity("x%d" % (n[0] - 1))
                if n[0] % 50 == 0:
                    g.prepare()

            def read():
                g.keys()
                list(g.flows)
                [a.duration for a in list(g)[:20]]
                res = g.analyze()
                res.lead_time
                res.critical_paths(limit=3)

            threads = [threading.Thread(target=guard(f))
                       for f in (edit, read, read, read)]
            for t in threads:
                t.start()
            import time
            time.sleep(1.5)
            g.close()
            time.sleep(0.3)
            stop.set()
            for t in threads:
                t.join()
            print(len(errors), calls[0] > 20, errors[:3])
        """)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "0 True []")

    def test_concurrent_compares_and_writes(self):
        a, b = chain(60), chain(60)
        stop = threading.Event()
        writes = {"a": 0, "b": 0}

        def compare(x, y):
            while not stop.is_set():
                x == y

        def write(g, name):
            i = 0
            while not stop.is_set():
                i += 1
                g.add_activity("w%d" % i)
                g.remove_activity("w%d" % i)
                writes[name] += 1

        threads = [threading.Thread(target=f, args=args, daemon=True)
                   for f, args in ((compare, (a, b)), (compare, (b, a)),
                                   (compare, (a, b)), (write, (a, "a")),
                                   (write, (b, "b")))]
        for t in threads:
            t.start()
        threading.Event().wait(1.0)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        self.assertEqual([t.is_alive() for t in threads], [False] * 5)
        self.assertGreater(writes["a"], 0)
        self.assertGreater(writes["b"], 0)
        self.assertTrue(a == b)


class TestReaderWriterLock(TestCase):
    """The lock every graph and analysis holds around its C calls."""

    def setUp(self):
        from opflow._lock import RWLock
        self.lock = RWLock()
        self.events = []

    def in_thread(self, target):
        t = threading.Thread(target=target, daemon=True)
        t.start()
        return t

    def test_reentry(self):
        lock = self.lock
        lock.acquire_write()
        with self.assertRaises(opflow.MisuseError):
            lock.acquire_write()  # a change inside a change: refused
        lock.acquire_read()       # read inside write
        lock.acquire_read()
        with self.assertRaises(opflow.MisuseError):
            lock.acquire_write()
        lock.release_read()
        lock.release_read()
        lock.release_write()
        lock.acquire_read()
        lock.acquire_read()       # nested read
        with self.assertRaises(opflow.MisuseError):
            lock.acquire_write()  # an upgrade would deadlock: refused
        lock.release_read()
        lock.release_read()
        lock.acquire_write()      # free again
        lock.release_write()

    def test_readers_lock(self):
        from opflow._lock import Readers
        lock, events = Readers(), self.events
        lock.acquire_read()
        lock.acquire_read()
        with self.assertRaises(opflow.MisuseError):
            lock.close(lambda: events.append("mark"),
                       lambda: events.append("free"))
        self.assertEqual(events, [])

        def close():
            lock.close(lambda: events.append("mark"),
                       lambda: events.append("free"))
        self.in_thread(close).join(10)
        self.assertEqual(events, ["mark"])  # did not wait
        other = self.in_thread(lambda: (lock.acquire_read(),
                                        lock.release_read()))
        other.join(10)
        self.assertFalse(other.is_alive())  # readers never wait
        lock.release_read()
        self.assertEqual(events, ["mark"])
        lock.release_read()
        self.assertEqual(events, ["mark", "free"])  # the last reader out
        close()
        self.assertEqual(events, ["mark", "free", "mark", "free"])

    def test_readers_share_writers_exclude(self):
        lock, events = self.lock, self.events
        lock.acquire_read()
        got = threading.Event()

        def reader():
            lock.acquire_read()
            got.set()
            lock.release_read()
        self.in_thread(reader).join(10)
        self.assertTrue(got.is_set())    # two readers at once

        def writer():
            lock.acquire_write()
            events.append("write")
            lock.release_write()
        t = self.in_thread(writer)
        t.join(0.2)
        self.assertTrue(t.is_alive())   # waits for the reader
        events.append("read done")
        lock.release_read()
        t.join(10)
        self.assertEqual(events, ["read done", "write"])

    def test_waiting_writer_goes_before_new_readers(self):
        lock, events = self.lock, self.events
        lock.acquire_read()
        writer_waiting = threading.Event()

        def writer():
            writer_waiting.set()
            lock.acquire_write()
            events.append("write")
            lock.release_write()

        def late_reader():
            lock.acquire_read()
            events.append("late read")
            lock.release_read()
        w = self.in_thread(writer)
        writer_waiting.wait(10)
        threading.Event().wait(0.1)      # the writer is now waiting
        r = self.in_thread(late_reader)
        r.join(0.2)
        self.assertTrue(r.is_alive())    # held back by the waiting writer
        lock.acquire_read()              # but this thread reads on
        lock.release_read()
        lock.release_read()
        w.join(10)
        r.join(10)
        self.assertEqual(events, ["write", "late read"])


class TestOutOfMemory(TestCase):
    @unittest.skipUnless(sys.platform.startswith("linux"),
                         "needs RLIMIT_DATA and /proc/self/status")
    def test_out_of_memory_is_clean(self):
        # Limit the data segment to what the process uses plus 64 MiB, then
        # load 2,000,000 activities: the keys take about 36 MB in Python,
        # the library needs over 160 MB for its activity table.
        out = run_child("""
            import resource, opflow
            keys = ["k%07d" % i for i in range(2000000)]
            g = opflow.Graph()
            g.add_activity("before")
            with open("/proc/self/status") as f:
                vmdata = [int(l.split()[1]) for l in f
                          if l.startswith("VmData:")][0] * 1024
            soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
            resource.setrlimit(resource.RLIMIT_DATA,
                               (vmdata + (64 << 20), hard))
            try:
                g.add_activities(keys)
            except opflow.OutOfMemoryError as e:
                print("ENOMEM", e.code, isinstance(e, MemoryError),
                      len(g), g.keys())
            except MemoryError:
                print("SKIP python ran out first")
            else:
                print("SKIP the limit did not bite")
            resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
            g.add_activity("after")
            print(g.keys())
        """)
        if out.stdout.startswith("SKIP"):
            self.skipTest(out.stdout.strip())
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual(lines[0], "ENOMEM -1 True 1 ['before']")
        self.assertEqual(lines[1], "['before', 'after']")


if __name__ == "__main__":
    unittest.main()
