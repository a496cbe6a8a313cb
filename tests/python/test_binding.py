"""The binding layer: loading, the function table against the header,
versions, names, the category table and the error classes."""
import ctypes
import os
import re
import subprocess
import sys
import unittest
from unittest import mock

from support import TOP_SRCDIR, child_env, opflow

from opflow import _capi, _loader


def header_functions():
    """{name: (return type, parameter count)} for every OPFLOW_EXTERN
    function declared in include/opflow.h."""
    with open(os.path.join(TOP_SRCDIR, "include", "opflow.h")) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    found = {}
    for m in re.finditer(r"OPFLOW_EXTERN\s+([^;()]*?)\b(opflow_\w+)\s*\(([^;]*?)\)\s*;",
                         text, flags=re.S):
        ret, name, params = m.group(1), m.group(2), m.group(3)
        params = " ".join(params.split())
        count = 0 if params in ("void", "") else params.count(",") + 1
        found[name] = (" ".join(ret.split()), count)
    return found


class TestFunctionTable(unittest.TestCase):
    def setUp(self):
        self.header = header_functions()
        self.table = {name: (argtypes, restype, errcheck)
                      for name, argtypes, restype, errcheck in _capi.FUNCTIONS}

    def test_header_parsed(self):
        # guards the parser itself: a few functions it must see
        for name in ("opflow_version", "opflow_graph_add_activity_ext",
                     "opflow_analysis_critical_paths", "opflow_set_allocator"):
            self.assertIn(name, self.header)
        self.assertGreater(len(self.header), 90)

    def test_every_function_bound_but_three(self):
        self.assertEqual(len(self.table), len(_capi.FUNCTIONS),
                         "a function is listed twice")
        self.assertEqual(set(self.table) | set(_capi.UNBOUND),
                         set(self.header))
        # the allocator hook, and the two functions taking a C FILE *
        self.assertEqual(set(_capi.UNBOUND),
                         {"opflow_set_allocator", "opflow_graph_load_file",
                          "opflow_graph_save_file"})
        self.assertFalse(set(self.table) & set(_capi.UNBOUND))
        for name in _capi.UNBOUND:
            self.assertFalse(hasattr(_capi.lib, name), name)
        # what the FILE * functions do is reachable another way
        for name in ("opflow_graph_load_buffer", "opflow_graph_load_path",
                     "opflow_graph_save_buffer", "opflow_graph_save_path"):
            self.assertIn(name, self.table)

    def test_text_outputs_are_void_pointers(self):
        # char **out that the caller frees with opflow_free: a pointer to
        # c_void_p, so the pointer is kept (c_char_p would copy and leak)
        for name in ("opflow_graph_save_buffer", "opflow_analysis_write_csv",
                     "opflow_analysis_write_json", "opflow_graph_write_dot"):
            argtypes = self.table[name][0]
            self.assertIs(argtypes[0], ctypes.POINTER(ctypes.c_void_p), name)
            self.assertIs(argtypes[1], ctypes.POINTER(ctypes.c_size_t), name)
        # the buffer loader takes the size: NUL bytes are data
        self.assertIs(self.table["opflow_graph_load_buffer"][0][2],
                      ctypes.c_size_t)

    def test_argument_counts(self):
        for name, (argtypes, _, _) in self.table.items():
            self.assertEqual(len(argtypes), self.header[name][1], name)

    def test_return_types(self):
        pointer_types = (ctypes.c_char_p, ctypes.c_void_p)
        for name, (_, restype, errcheck) in self.table.items():
            ret = self.header[name][0]
            if "*" in ret:
                self.assertTrue(restype in pointer_types or
                                (isinstance(restype, type) and
                                 issubclass(restype, ctypes._Pointer)),
                                "%s returns %s: restype %r" % (name, ret, restype))
            elif ret == "void":
                self.assertIsNone(restype, name)
            elif ret == "size_t":
                self.assertIs(restype, ctypes.c_size_t, name)
            elif ret in ("uint32_t", "opflow_id"):
                self.assertIs(restype, ctypes.c_uint32, name)
            elif ret == "uint64_t":
                self.assertIs(restype, ctypes.c_uint64, name)
            else:
                self.assertEqual(ret, "int", name)
                self.assertIs(restype, ctypes.c_int, name)
            # the registered function carries the table's types
            func = getattr(_capi.lib, name)
            self.assertIs(func.restype, restype, name)
            if errcheck is not None:
                self.assertIs(func.errcheck, errcheck, name)

    def test_fallible_functions_check_errors(self):
        # every int-returning function except the version and error
        # accessors and opflow_analysis_figure and
        # opflow_comparison_figure (ENOTFOUND means absent, handled by the
        # caller) raises on a negative return
        exempt = {"opflow_version_number", "opflow_error_code",
                  "opflow_analysis_figure", "opflow_comparison_figure"}
        for name, (_, restype, errcheck) in self.table.items():
            if restype is ctypes.c_int and name not in exempt:
                self.assertIs(errcheck, _capi.check, name)

    def test_handles_are_opaque_pointers(self):
        self.assertTrue(issubclass(_capi.GraphPtr, ctypes._Pointer))
        self.assertTrue(issubclass(_capi.AnalysisPtr, ctypes._Pointer))
        self.assertEqual(ctypes.sizeof(_capi.GraphPtr), ctypes.sizeof(ctypes.c_void_p))

    def test_unbound_named_in_docs(self):
        with open(os.path.join(TOP_SRCDIR, "bindings", "python", "README.md"),
                  encoding="utf-8") as f:
            readme = f.read()
        for name in _capi.UNBOUND:
            self.assertTrue(name in readme, name + " in README.md")
            self.assertTrue(name in opflow.__doc__, name + " in opflow")
            self.assertTrue(name in _capi.__doc__, name + " in opflow._capi")
        self.assertTrue("FILE *" in readme)


class TestVersion(unittest.TestCase):
    def test_version(self):
        with open(os.path.join(TOP_SRCDIR, "include", "opflow.h")) as f:
            text = f.read()
        want = re.search(r'#define OPFLOW_VERSION "([^"]+)"', text).group(1)
        number = int(re.search(r"#define OPFLOW_VERSION_NUMBER (\d+)", text).group(1))
        self.assertEqual(opflow.version(), want)
        self.assertEqual(opflow.version_number(), number)
        major, minor, patch = (int(x) for x in want.split("."))
        self.assertEqual(number, major * 10000 + minor * 100 + patch)
        self.assertEqual(opflow.__version__.split(".")[0], str(major))

    def test_other_major_refused(self):
        with mock.patch.object(_capi, "BINDINGS_VERSION", (2, 0, 0)):
            with self.assertRaises(opflow.LibraryVersionError) as cm:
                _capi._load()
        self.assertIsInstance(cm.exception, ImportError)
        self.assertIn("2.x", str(cm.exception))


class TestLoader(unittest.TestCase):
    """The discovery order, with each place made to fail or succeed."""

    real = os.environ.get("OPFLOW_LIBRARY") or opflow.library_path

    def load(self, env, in_tree, found, soname):
        environ = {k: v for k, v in os.environ.items() if k != "OPFLOW_LIBRARY"}
        if env is not None:
            environ["OPFLOW_LIBRARY"] = env
        with mock.patch.dict(os.environ, environ, clear=True), \
                mock.patch.object(_loader, "in_tree_path", lambda: in_tree), \
                mock.patch.object(_loader.ctypes.util, "find_library",
                                  lambda name: found), \
                mock.patch.object(_loader, "SONAME", soname):
            return _loader.load_library()

    def test_nothing_loads(self):
        with self.assertRaises(opflow.LibraryNotFoundError) as cm:
            self.load("/nonexistent/env.so", "/nonexistent/tree.so", None,
                      "libopflow-nonexistent.so.9")
        e = cm.exception
        self.assertIsInstance(e, ImportError)
        places = [p for p, _ in e.tried]
        self.assertEqual(len(places), 4)
        self.assertIn("/nonexistent/env.so", places[0])
        self.assertEqual(places[1], "/nonexistent/tree.so")
        self.assertIn("find_library", places[2])
        self.assertEqual(places[3], "libopflow-nonexistent.so.9")
        for place, why in e.tried:
            self.assertIn(place, str(e))
            self.assertTrue(why)

    def test_unset_variable_reported(self):
        with self.assertRaises(opflow.LibraryNotFoundError) as cm:
            self.load(None, "/nonexistent/tree.so", None, "libopflow-x.so.9")
        self.assertEqual(cm.exception.tried[0], ("OPFLOW_LIBRARY", "not set"))

    def test_order(self):
        bad = "/nonexistent/libopflow.so.1"
        self.assertEqual(self.load(self.real, bad, bad, bad)[1], self.real)
        self.assertEqual(self.load(bad, self.real, bad, bad)[1], self.real)
        self.assertEqual(self.load(None, bad, self.real, bad)[1], self.real)
        self.assertEqual(self.load(None, bad, None, self.real)[1], self.real)
        # the environment variable wins over the in-tree build
        self.assertEqual(self.load(self.real, "/also/real", None, bad)[1],
                         self.real)

    def test_in_tree_path(self):
        pkg = os.path.dirname(os.path.abspath(opflow.__file__))
        want = os.path.normpath(os.path.join(pkg, "..", "..", "..", "lib",
                                             ".libs", "libopflow.so.1"))
        if sys.platform.startswith("linux"):
            self.assertEqual(_loader.in_tree_path(), want)

    def test_import_fails_cleanly_in_a_child(self):
        env = child_env()
        env["OPFLOW_LIBRARY"] = "/nonexistent/libopflow.so.1"
        code = ("import ctypes, ctypes.util\n"
                "def refuse(name, *args, **kwargs):\n"
                "    raise OSError('%s: refused by the test' % name)\n"
                "ctypes.CDLL = refuse\n"
                "ctypes.util.find_library = lambda name: None\n"
                "try:\n"
                "    import opflow\n"
                "except ImportError as e:\n"
                "    print(type(e).__name__, len(e.tried))\n")
        out = subprocess.run([sys.executable, "-c", code], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.strip(), "LibraryNotFoundError 4")


class TestNames(unittest.TestCase):
    def test_tables(self):
        self.assertEqual(opflow.KINDS, ("production", "operation"))
        self.assertEqual(opflow.FLOW_TYPES, ("FS", "SS", "FF", "SF"))
        self.assertEqual(opflow.STAGES, ("production", "pre-production",
                                         "post-production", "interleaved",
                                         "independent"))
        self.assertEqual(opflow.CATEGORIES, (
            "sourcing", "procurement", "manufacturing", "assembly",
            "quality-control", "packaging", "market-research",
            "product-development", "marketing", "sales", "logistics",
            "distribution", "customer-service", "after-sales", "other"))
        self.assertEqual(opflow.SCOR_PROCESSES, ("plan", "source", "make",
                                                 "deliver", "return",
                                                 "enable", "none"))
        self.assertEqual(opflow.PORTER_CLASSES, ("primary", "support", "none"))
        self.assertEqual(opflow.DURATION_MODES, ("deterministic", "pert"))
        self.assertEqual(opflow.FIGURES[0], "activities")
        self.assertEqual(opflow.FIGURES[17], "lead_time")
        self.assertEqual(opflow.FIGURES[27], "pert_probability")
        self.assertEqual(opflow.FIGURES[-1], "working_lead_time")
        self.assertEqual(len(opflow.FIGURES), 29)
        for name in opflow.FIGURES:
            self.assertIsInstance(name, str)
        # include/opflow.h, opflow_severity and opflow_finding_kind
        self.assertEqual(opflow.SEVERITIES, ("error", "warning"))
        self.assertEqual(opflow.FINDING_KINDS, (
            "cycle", "out-of-range", "no-predecessor", "no-successor",
            "negative-lag", "start-to-finish", "high-float",
            "out-of-sequence", "constraint-conflict", "idle-calendar",
            "fractional-seconds"))
        # opflow_column, in value order
        self.assertEqual(opflow.COLUMNS, (
            "duration", "es", "ef", "ls", "lf", "total_float", "free_float",
            "critical", "near_critical", "stage", "state", "remaining_start",
            "remaining", "start_instant", "finish_instant",
            "late_start_instant", "late_finish_instant"))
        # opflow_tracking, opflow_state and opflow_logic (1.3)
        self.assertEqual(opflow.TRACKING_FIELDS, (
            "actual_start", "actual_finish", "remaining",
            "start_no_earlier_than", "finish_no_earlier_than",
            "start_no_later_than", "finish_no_later_than"))
        self.assertEqual(opflow.STATES, ("not-started", "in-progress",
                                         "completed"))
        self.assertEqual(opflow.LOGICS, ("retained", "override"))

    def test_round_trips(self):
        pairs = [
            (opflow.kind_name, opflow.kind_from_name, opflow.KINDS),
            (opflow.category_name, opflow.category_from_name, opflow.CATEGORIES),
            (opflow.flow_type_name, opflow.flow_type_from_name, opflow.FLOW_TYPES),
            (opflow.stage_name, opflow.stage_from_name, opflow.STAGES),
            (opflow.scor_name, opflow.scor_from_name, opflow.SCOR_PROCESSES),
            (opflow.porter_name, opflow.porter_from_name, opflow.PORTER_CLASSES),
            (opflow.duration_mode_name, opflow.duration_mode_from_name,
             opflow.DURATION_MODES),
            (opflow.figure_name, opflow.figure_from_name, opflow.FIGURES),
            (opflow.severity_name, opflow.severity_from_name,
             opflow.SEVERITIES),
            (opflow.finding_kind_name, opflow.finding_kind_from_name,
             opflow.FINDING_KINDS),
            (opflow.tracking_name, opflow.tracking_from_name,
             opflow.TRACKING_FIELDS),
            (opflow.state_name, opflow.state_from_name, opflow.STATES),
            (opflow.logic_name, opflow.logic_from_name, opflow.LOGICS),
        ]
        for name_of, value_of, table in pairs:
            for value, name in enumerate(table):
                self.assertEqual(name_of(value), name)
                self.assertEqual(value_of(name), value)
            # unknown values and names
            for bad in (len(table), -1, 1 << 20):
                with self.assertRaises(opflow.InvalidArgumentError):
                    name_of(bad)
            with self.assertRaises(opflow.InvalidArgumentError) as cm:
                value_of("no-such-name")
            self.assertIn("no-such-name", str(cm.exception))
            self.assertEqual(cm.exception.code, opflow.OPFLOW_EINVAL)
            with self.assertRaises(TypeError):
                value_of(3)
            with self.assertRaises(TypeError):
                name_of("FS")
            with self.assertRaises(opflow.RangeError):
                name_of(1 << 40)  # would wrap to a valid C int
        # names compare byte for byte
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.flow_type_from_name("fs")
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.kind_from_name("production\0")

    def test_category_info(self):
        # the table of DESIGN.md, row by row
        rows = {
            "sourcing": ("production", False, "source", "support", "procurement"),
            "procurement": ("production", False, "source", "support", "procurement"),
            "manufacturing": ("production", False, "make", "primary", "operations"),
            "assembly": ("production", False, "make", "primary", "operations"),
            "quality-control": ("production", False, "make", "primary", "operations"),
            "packaging": ("production", False, "make", "primary", "operations"),
            "market-research": ("operation", False, "plan", "primary",
                                "marketing and sales"),
            "product-development": ("operation", False, "none", "support",
                                    "technology development"),
            "marketing": ("operation", True, "none", "primary", "marketing and sales"),
            "sales": ("operation", True, "deliver", "primary", "marketing and sales"),
            "logistics": ("operation", False, "deliver", "primary",
                          "outbound logistics"),
            "distribution": ("operation", True, "deliver", "primary",
                             "outbound logistics"),
            "customer-service": ("operation", True, "deliver", "primary", "service"),
            "after-sales": ("operation", True, "return", "primary", "service"),
            "other": ("operation", False, "none", "none", None),
        }
        self.assertEqual(set(rows), set(opflow.CATEGORIES))
        for category, want in rows.items():
            info = opflow.category_info(category)
            self.assertIsInstance(info, opflow.CategoryInfo)
            self.assertEqual(tuple(info), want, category)
            self.assertIs(type(info.customer_facing), bool)
        info = opflow.category_info("sales")
        self.assertEqual((info.kind, info.customer_facing, info.scor, info.porter,
                          info.porter_activity),
                         ("operation", True, "deliver", "primary",
                          "marketing and sales"))
        with self.assertRaises(opflow.InvalidArgumentError):
            opflow.category_info("retail")
        with self.assertRaises(TypeError):
            opflow.category_info(9)


class TestErrors(unittest.TestCase):
    def test_classes(self):
        table = [
            (opflow.OutOfMemoryError, "OPFLOW_ENOMEM", -1, MemoryError),
            (opflow.InvalidArgumentError, "OPFLOW_EINVAL", -2, ValueError),
            (opflow.NotFoundError, "OPFLOW_ENOTFOUND", -3, LookupError),
            (opflow.DuplicateError, "OPFLOW_EEXISTS", -4, ValueError),
            (opflow.CycleError, "OPFLOW_ECYCLE", -5, ValueError),
            (opflow.ParseError, "OPFLOW_EPARSE", -6, ValueError),
            (opflow.IOError, "OPFLOW_EIO", -7, OSError),
            (opflow.RangeError, "OPFLOW_ERANGE", -8, ValueError),
            (opflow.MisuseError, "OPFLOW_EMISUSE", -9, None),
        ]
        self.assertEqual(opflow.OPFLOW_OK, 0)
        for cls, constant, number, also in table:
            self.assertTrue(issubclass(cls, opflow.Error))
            self.assertEqual(getattr(opflow, constant), number)
            self.assertEqual(cls.code, number)
            if also is not None:
                self.assertTrue(issubclass(cls, also), cls)
            e = cls("boom")
            self.assertEqual(str(e), "boom")
            self.assertEqual(e.message, "boom")
            self.assertEqual(e.code, number)
        self.assertTrue(issubclass(opflow.NotFoundError, KeyError))
        self.assertTrue(issubclass(opflow.DuplicateError, ValueError))
        self.assertNotIn("IOError", opflow.__all__)
        self.assertIsNot(opflow.IOError, OSError)
        namespace = {}
        exec("from opflow import *", namespace)
        self.assertNotIn("IOError", namespace)
        self.assertIs(namespace["CycleError"], opflow.CycleError)
        for name in opflow.__all__:
            self.assertTrue(hasattr(opflow, name), name)

    def test_strerror(self):
        self.assertEqual(opflow.strerror(0), "success")
        self.assertEqual(opflow.strerror(-1), "out of memory")
        self.assertEqual(opflow.strerror(-5), "the graph has a cycle")
        self.assertEqual(opflow.strerror(-100), "unknown error code")
        with self.assertRaises(TypeError):
            opflow.strerror("EINVAL")

    def test_raise_last_error_maps_every_code(self):
        # the mapping itself, with the details the library keeps (the
        # codes met through real calls are tested with those calls)
        for code in range(-1, -10, -1):
            cls = opflow.errors.error_class(code)
            with self.assertRaises(cls) as cm:
                _capi.raise_last_error(code)
            self.assertEqual(cm.exception.code, code)
        with self.assertRaises(opflow.ParseError) as cm:
            _capi.raise_last_error(-6)
        self.assertEqual((cm.exception.line, cm.exception.column), (0, 0))
        with self.assertRaises(opflow.Error) as cm:
            _capi.raise_last_error(-99)
        self.assertIs(type(cm.exception), opflow.Error)
        self.assertEqual(cm.exception.code, -99)

    def test_error_details_cleared_after_raise(self):
        g = opflow.Graph()
        with self.assertRaises(opflow.NotFoundError):
            g["missing"]
        self.assertEqual(_capi.lib.opflow_error_code(), 0)
        self.assertEqual(_capi.lib.opflow_error_message(), b"")

    def test_take_string(self):
        self.assertIsNone(_capi.take_string(None))
        _capi.lib.opflow_free(None)  # NULL-safe

    def test_library_errors_of_the_new_codes(self):
        # OPFLOW_EPARSE, OPFLOW_EIO and OPFLOW_EMISUSE from real calls
        with self.assertRaises(opflow.ParseError) as cm:
            opflow.loads("opflow 1\nbogus\n")
        self.assertEqual(cm.exception.code, opflow.OPFLOW_EPARSE)
        self.assertEqual((cm.exception.line, cm.exception.column), (2, 1))
        self.assertIn("unknown statement bogus", str(cm.exception))
        with self.assertRaises(opflow.IOError) as cm:
            opflow.load(os.path.join(TOP_SRCDIR, "no-such-file.opflow"))
        self.assertIsInstance(cm.exception, OSError)
        self.assertEqual(cm.exception.code, opflow.OPFLOW_EIO)
        g = opflow.Graph()
        res = g.analyze()
        g.add_activity("a")
        with self.assertRaises(opflow.MisuseError) as cm:
            res.to_csv()
        self.assertEqual(cm.exception.code, opflow.OPFLOW_EMISUSE)
        # every time, the thread's details are cleared after the raise
        self.assertEqual(_capi.lib.opflow_error_code(), 0)


if __name__ == "__main__":
    unittest.main()
