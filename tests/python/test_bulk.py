"""Many activities or flows at once through the bindings: remove_activities
and remove_flows against removal one at a time, their refusals, and the
graph read back as columns (keys, iteration, list(g.flows)) against the
per-item accessors, fast enough for large graphs."""
import array
import random
import unittest

from support import TestCase, opflow


def chain(n, seed=1):
    """n activities and about 3n flows, each with a record of what was
    added: (keys, [(source, target, type, lag)])."""
    rnd = random.Random(seed)
    g = opflow.Graph()
    keys = ["a%d-%d" % (i, rnd.randrange(100)) for i in range(n)]
    g.add_activities(keys, durations=[float(i % 7) for i in range(n)])
    flows = []
    for i in range(n):
        for j in (1, 2, 5):
            if i + j < n and rnd.random() < 0.8:
                flows.append((keys[i], keys[i + j],
                              rnd.choice(["FS", "SS", "FF", "SF"]),
                              float(rnd.randrange(-3, 4))))
    for s, t, ty, lag in flows:
        g.add_flow(s, t, type=ty, lag=lag)
    return g, keys, flows


class TestRemoveActivities(TestCase):
    def test_as_one_by_one(self):
        g, keys, flows = chain(200)
        rnd = random.Random(7)
        gone = rnd.sample(range(200), 60)
        one, bulk = g.clone(), g.clone()
        for i in sorted(gone, reverse=True):
            one.remove_activity(keys[i])
        # ids, keys and views mixed, in any order
        mixed = [i if k % 3 == 0 else keys[i] if k % 3 == 1 else bulk[keys[i]]
                 for k, i in enumerate(gone)]
        bulk.remove_activities(mixed)
        self.assertEqual(one, bulk)
        left = [k for i, k in enumerate(keys) if i not in set(gone)]
        self.assertEqual(bulk.keys(), left)
        survivors = set(left)
        want = [(s, t, ty, lag) for s, t, ty, lag in flows
                if s in survivors and t in survivors]
        self.assertEqual([(f.source, f.target, f.type, f.lag)
                          for f in bulk.flows], want)

    def test_buffer_of_ids(self):
        g, keys, _ = chain(50)
        g.remove_activities(array.array("I", [49, 0, 10]))
        self.assertEqual(len(g), 47)
        self.assertNotIn(keys[10], g)
        self.assertEqual(g.keys()[0], keys[1])

    def test_refusals_change_nothing(self):
        g, keys, _ = chain(30)
        before = g.clone()
        with self.assertRaises(opflow.InvalidArgumentError) as cm:
            g.remove_activities([3, keys[3]])
        self.assertIn("given twice", str(cm.exception))
        with self.assertRaises(opflow.NotFoundError) as cm:
            g.remove_activities([1, 30])
        self.assertIn("30", str(cm.exception))
        with self.assertRaises(opflow.NotFoundError):
            g.remove_activities([1, "no-such-key"])
        with self.assertRaises(TypeError):
            g.remove_activities([1, 2.5])
        self.assertEqual(g, before)
        g.remove_activities([])
        self.assertEqual(g, before)


class TestRemoveFlows(TestCase):
    def test_as_one_by_one(self):
        g, keys, flows = chain(100, seed=3)
        gone = random.Random(5).sample(range(len(flows)), 40)
        one, bulk = g.clone(), g.clone()
        for i in sorted(gone, reverse=True):
            s, t, ty, _ = flows[i]
            one.remove_flow(s, t, ty)
        records = list(bulk.flows)
        items = []
        for k, i in enumerate(gone):
            s, t, ty, _ = flows[i]
            items.append(i if k % 3 == 0 else records[i] if k % 3 == 1
                         else (s, t, ty))
        bulk.remove_flows(items)
        self.assertEqual(one, bulk)
        self.assertEqual([(f.source, f.target, f.type, f.lag)
                          for f in bulk.flows],
                         [f for i, f in enumerate(flows)
                          if i not in set(gone)])

    def test_refusals_change_nothing(self):
        g, keys, flows = chain(20)
        before = g.clone()
        s, t, ty, _ = flows[0]
        with self.assertRaises(opflow.InvalidArgumentError):
            g.remove_flows([0, (s, t, ty)])
        with self.assertRaises(opflow.NotFoundError):
            g.remove_flows([len(flows)])
        with self.assertRaises(opflow.NotFoundError):
            g.remove_flows([-1])
        with self.assertRaises(opflow.NotFoundError):
            g.remove_flows([(t, s, "FS")])
        with self.assertRaises(TypeError):
            g.remove_flows("abc")
        self.assertEqual(g, before)


class TestColumns(TestCase):
    def test_flows_and_keys_as_accessors(self):
        g, keys, flows = chain(150, seed=11)
        self.assertEqual(g.keys(), keys)
        self.assertEqual([a.key for a in g], keys)
        got = list(g.flows)
        self.assertEqual(len(got), len(flows))
        for i, f in enumerate(got):
            self.assertIsInstance(f, opflow.Flow)
            self.assertEqual(f, g.flows[i])
            self.assertEqual((f.source, f.target, f.type, f.lag, f.id),
                             flows[i] + (i,))
        self.assertEqual(list(opflow.Graph().flows), [])
        self.assertEqual(list(opflow.Graph()), [])

    def test_views_work(self):
        g, keys, _ = chain(10)
        views = list(g)
        self.assertEqual(views[3].duration, 3.0)
        g.remove_activities([0])
        with self.assertRaises(opflow.NotFoundError):
            views[0].duration

    def test_large(self):
        # 4 * 10^5 flows and 10^5 activities read back whole, in id order
        # (their speed is measured by make bench, bench/bench_python.py)
        n = 100000
        g = opflow.Graph()
        ids = g.add_activities(["k%d" % i for i in range(n)])
        src = array.array("I", [i for i in range(n) for j in (1, 2, 3, 4)
                                if i + j < n])
        dst = array.array("I", [i + j for i in range(n) for j in (1, 2, 3, 4)
                                if i + j < n])
        g.add_flows(src, dst)
        self.assertEqual(len(ids), n)
        flows = list(g.flows)
        views = list(g)
        self.assertEqual(len(flows), len(src))
        self.assertEqual(len(views), n)
        self.assertEqual(flows[0].source, "k0")
        self.assertEqual(flows[0].target, "k1")
        self.assertEqual(flows[-1].target, "k%d" % (n - 1))
        self.assertEqual(views[-1].key, "k%d" % (n - 1))

if __name__ == "__main__":
    unittest.main()
