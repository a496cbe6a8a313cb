#!/usr/bin/env python3
"""A mutation fuzzer of the Python bindings' loader, over the C one.

Every input goes through ``opflow.loads`` (as bytes, and as str when it is
UTF-8) and ``opflow.load`` (a file object); whatever loads is saved,
loaded back and compared, copied, checked, analysed in both duration
modes, with and without a deadline, and exported (CSV, JSON, the report,
DOT), and every attribute of its activities, flows, departments and
results is read.  Any exception that is not an ``opflow.Error`` is a
failure, and so is a crash or a sanitizer report: ``tests/fuzz/run.sh``
runs this against the library built with ASan and UBSan, the ASan runtime
preloaded.

Usage:
  fuzz_load.py [CORPUS...]
      replays every file of the corpora once (by default
      $abs_top_srcdir/tests/fuzz/corpus/load and the examples); this is how
      ``make check`` runs it.
  fuzz_load.py --seconds N [--findings DIR] [--dict FILE] [--seed S]
               [--max-len BYTES] CORPUS...
      fuzzes for N seconds: inputs are the corpus files mutated (bytes and
      lines flipped, inserted, erased, repeated, spliced, dictionary tokens
      and odd numbers put in).  Not coverage-guided: an input that loads
      into a graph of a shape not seen yet joins the pool it mutates.
      Before each input runs it is written to DIR/current-input, so that a
      crash leaves it behind; a failure is written to DIR/failure-HASH
      with its traceback, and the fuzzer stops with status 1.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import math
import os
import random
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.environ.get("abs_top_srcdir") or os.path.dirname(
    os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "bindings", "python"))

import opflow  # noqa: E402

# Numbers and words that reach the parser's and the analysis' edges.
ODD = [b"0", b"-0", b"1e308", b"-1e308", b"1e-320", b"4.9e-324", b"nan",
       b"inf", b"-inf", b"1e309", b"0x10", b"1.", b".5", b"+1", b"1e",
       b"9" * 400, b"0." + b"0" * 990 + b"1", b"\\u{10FFFF}", b"\\u{D800}",
       b"\\x00", b"\xc3\x28", b"\xf0\x9f\x9a\xb2", b"\xef\xbb\xbf", b"\r\n",
       b"\x00", b"\"", b"\\", b"#", b"=", b" ", b"\t"]


def read_dict(path):
    """The tokens of a libFuzzer dictionary."""
    tokens = []
    with open(path, "rb") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(b"#"):
                continue
            start, end = line.find(b'"'), line.rfind(b'"')
            if start < 0 or end <= start:
                continue
            raw = line[start + 1:end]
            tokens.append(raw.decode("latin-1").encode("latin-1")
                          .decode("unicode_escape").encode("latin-1"))
    return tokens


def corpus_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                full = os.path.join(p, name)
                if not name.startswith(".") and os.path.isfile(full):
                    yield full
        elif os.path.isfile(p):
            yield p


# ---------------------------------------------------------------- exercise

def read_all(g):
    """Every attribute of every activity, flow and department."""
    for act in g:
        (act.key, act.id, act.label, act.kind, act.category,
         act.department, act.customer_facing, act.duration,
         act.duration_is_explicit, act.estimate, act.predecessors,
         act.successors)
        for f in act.incoming + act.outgoing:
            assert f.source in g and f.target in g, f
    flows = list(g.flows)
    assert len(flows) == len(g.flows)
    for key in g.departments:
        g.departments[key]
    repr(g)
    return len(g), len(flows), len(g.departments)


def exercise_analysis(g, res):
    keys = g.keys()
    assert res.keys() == keys
    for r in res:
        assert r.key in g
        for v in (r.es, r.ef, r.ls, r.lf, r.total_float, r.free_float):
            assert math.isfinite(v), r
    for name in opflow.COLUMNS:
        assert len(res.column(name)) == len(keys)
    res.options
    res.figures()
    res.scope
    res.timeframe
    res.departments
    res.handoff_matrix
    for chain in res.critical_chains:
        assert chain and all(k in g for k in chain)
    res.critical_paths(limit=8)
    csv = res.to_csv()
    assert csv.startswith("key,")
    js = res.to_json()
    assert js.startswith("{")
    res.report()
    g.to_dot(res)


def exercise(data):
    """Runs one input; raises on a failure."""
    try:
        g = opflow.loads(data)
    except opflow.Error:
        g = None
    # the other ways in say the same
    try:
        h = opflow.load(io.BytesIO(data))
    except opflow.Error:
        h = None
    assert (g is None) == (h is None), "loads and load disagree"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        try:
            s = opflow.loads(text)
        except opflow.Error:
            s = None
        assert (g is None) == (s is None), "str and bytes disagree"
        if s is not None:
            assert s == g
    if g is None:
        return None
    assert g == h
    shape = read_all(g)
    saved = g.dumps()
    back = opflow.loads(saved)
    assert back == g, "saved text loads back different"
    assert back.dumps() == saved, "saving is not a fixed point"
    copy = g.clone()
    assert copy == g
    for high in (0.5, 0.0):
        for finding in g.check(high_float=high):
            assert finding.kind in opflow.FINDING_KINDS, finding
    g.to_dot()
    lead = None
    for durations in ("deterministic", "pert"):
        for deadline in (None, "lead"):
            if deadline == "lead":
                if lead is None:
                    continue
                kwargs = {"deadline": lead - 1, "near_critical": 1.0}
            else:
                kwargs = {}
            try:
                res = g.analyze(durations=durations, **kwargs)
            except (opflow.CycleError, opflow.RangeError):
                continue
            if deadline is None:
                lead = res.lead_time
            exercise_analysis(g, res)
            res.close()
    try:
        copy.prepare()
        copy.analyze()
    except (opflow.CycleError, opflow.RangeError):
        pass
    if len(copy):
        first = copy.keys()[0]
        copy.remove_activity(first)
        assert first not in copy
        read_all(copy)
    copy.close()
    return shape


# ---------------------------------------------------------------- mutation

class Mutator:
    def __init__(self, rng, tokens, max_len):
        self.rng = rng
        self.tokens = tokens + ODD
        self.max_len = max_len

    def token(self):
        return self.rng.choice(self.tokens)

    def mutate(self, data, other):
        rng = self.rng
        b = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            op = rng.randrange(11)
            pos = rng.randint(0, len(b))
            if op == 0 and b:                       # flip a bit
                i = rng.randrange(len(b))
                b[i] ^= 1 << rng.randrange(8)
            elif op == 1:                           # a random byte
                b[pos:pos] = bytes([rng.randrange(256)])
            elif op == 2 and b:                     # erase a range
                n = rng.randint(1, min(len(b), 32))
                i = rng.randrange(len(b) - n + 1)
                del b[i:i + n]
            elif op == 3:                           # a token
                b[pos:pos] = self.token()
            elif op == 4:                           # a token, space before
                b[pos:pos] = b" " + self.token()
            elif op in (5, 6):                      # lines
                lines = bytes(b).split(b"\n")
                i = rng.randrange(len(lines))
                j = rng.randrange(len(lines))
                if op == 5:
                    lines.insert(j, lines[i])
                elif len(lines) > 1:
                    del lines[i]
                b = bytearray(b"\n".join(lines))
            elif op == 7:                           # splice
                lines = bytes(b).split(b"\n")
                theirs = other.split(b"\n")
                i = rng.randrange(len(lines) + 1)
                j = rng.randrange(len(theirs))
                k = rng.randint(j, min(len(theirs), j + 4))
                lines[i:i] = theirs[j:k]
                b = bytearray(b"\n".join(lines))
            elif op == 8 and b:                     # replace a word
                words = bytes(b).split(b" ")
                words[rng.randrange(len(words))] = self.token()
                b = bytearray(b" ".join(words))
            elif op == 9 and b:                     # repeat a range
                n = rng.randint(1, min(len(b), 64))
                i = rng.randrange(len(b) - n + 1)
                b[i:i] = b[i:i + n] * rng.randint(1, 8)
            else:                                   # an attribute value
                b[pos:pos] = (b" " + rng.choice(
                    [b"duration=", b"lag=", b"estimate=", b"label=",
                     b"department=", b"type=", b"kind=", b"category=",
                     b"customer-facing=", b"name="]) + self.token())
        return bytes(b[:self.max_len])


# ------------------------------------------------------------------ driver

class Failure(Exception):
    pass


def run_one(data, findings, current):
    if current is not None:
        os.pwrite(current, data, 0)
        os.ftruncate(current, len(data))
    try:
        return exercise(data)
    except opflow.Error:
        # an error the bindings report properly, outside the calls that
        # may fail: still a failure of the pipeline's expectations
        detail = traceback.format_exc()
    except Exception:  # noqa: BLE001 - any other is a failure
        detail = traceback.format_exc()
    name = "failure-" + hashlib.sha1(data).hexdigest()
    if findings:
        with open(os.path.join(findings, name), "wb") as f:
            f.write(data)
        with open(os.path.join(findings, name + ".txt"), "w") as f:
            f.write(detail)
    raise Failure("%s\n%s" % (name, detail))


def replay(paths):
    count = 0
    for path in corpus_files(paths):
        with open(path, "rb") as f:
            data = f.read()
        try:
            run_one(data, None, None)
        except Failure as e:
            print("FAIL: %s: %s" % (path, e))
            return 1
        count += 1
    print("replayed %d inputs" % count)
    return 0 if count else 1


def fuzz(args):
    rng = random.Random(args.seed)
    tokens = read_dict(args.dict) if args.dict else []
    mut = Mutator(rng, tokens, args.max_len)
    pool = []
    for path in corpus_files(args.corpus):
        with open(path, "rb") as f:
            pool.append(f.read()[:args.max_len])
    if not pool:
        pool.append(b"opflow 1\n")
    findings = args.findings
    current = None
    if findings:
        os.makedirs(findings, exist_ok=True)
        current = os.open(os.path.join(findings, "current-input"),
                          os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    shapes = set()
    execs = loaded = 0
    start = time.monotonic()
    last = start
    status = 0
    try:
        for data in list(pool):
            shape = run_one(data, findings, current)
            execs += 1
            if shape is not None:
                loaded += 1
                shapes.add(shape)
        while time.monotonic() - start < args.seconds:
            data = mut.mutate(rng.choice(pool), rng.choice(pool))
            shape = run_one(data, findings, current)
            execs += 1
            if shape is not None:
                loaded += 1
                if shape not in shapes and len(pool) < 4000:
                    shapes.add(shape)
                    pool.append(data)
            now = time.monotonic()
            if now - last >= 30:
                last = now
                print("#%d pool: %d loaded: %d exec/s: %d" % (
                    execs, len(pool), loaded, execs / (now - start)),
                    flush=True)
    except Failure as e:
        print("FAILURE: %s" % e, flush=True)
        status = 1
    elapsed = time.monotonic() - start
    print("stat::number_of_executed_units: %d" % execs)
    print("stat::loaded_graphs: %d" % loaded)
    print("stat::distinct_shapes: %d" % len(shapes))
    print("stat::pool_size: %d" % len(pool))
    print("Done %d runs in %d second(s)" % (execs, elapsed), flush=True)
    if current is not None:
        os.close(current)
        if status == 0:
            os.unlink(os.path.join(findings, "current-input"))
    return status


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float)
    ap.add_argument("--findings")
    ap.add_argument("--dict")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--max-len", type=int, default=8192)
    ap.add_argument("corpus", nargs="*")
    args = ap.parse_args(argv)
    if args.seconds is None:
        return replay(args.corpus or [
            os.path.join(TOP, "tests", "fuzz", "corpus", "load"),
            os.path.join(TOP, "examples")])
    return fuzz(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
