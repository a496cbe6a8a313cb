## bindings/python/local.mk - included by the top-level Makefile.am
# The Python bindings: pure Python over ctypes, nothing to build.  Their
# tests run against the in-tree library: AM_TESTS_ENVIRONMENT exports
# OPFLOW_LIBRARY and abs_top_srcdir, and runs .py tests with $(PYTHON3).

PYTHON_BINDING_FILES = \
	bindings/python/.gitignore \
	bindings/python/README.md \
	bindings/python/pyproject.toml \
	bindings/python/opflow/__init__.py \
	bindings/python/opflow/_build_backend.py \
	bindings/python/opflow/_capi.py \
	bindings/python/opflow/_convert.py \
	bindings/python/opflow/_loader.py \
	bindings/python/opflow/_lock.py \
	bindings/python/opflow/analysis.py \
	bindings/python/opflow/comparison.py \
	bindings/python/opflow/dates.py \
	bindings/python/opflow/errors.py \
	bindings/python/opflow/frames.py \
	bindings/python/opflow/graph.py \
	bindings/python/opflow/names.py \
	bindings/python/opflow/py.typed \
	bindings/python/opflow/records.py \
	bindings/python/opflow/simulation.py

PYTHON_TESTS = \
	tests/python/test_binding.py \
	tests/python/test_graph.py \
	tests/python/test_analysis.py \
	tests/python/test_reference.py \
	tests/python/test_lifetime.py \
	tests/python/test_format.py \
	tests/python/test_export.py \
	tests/python/test_example.py \
	tests/python/test_limits.py \
	tests/python/test_bulk.py \
	tests/python/test_fast.py \
	tests/python/test_simulate.py \
	tests/python/test_progress.py \
	tests/python/test_progress_reference.py \
	tests/python/test_progress_random.py \
	tests/python/test_dated_reference.py \
	tests/python/test_dated_random.py \
	tests/python/test_calendar.py \
	tests/python/test_faces.py \
	tests/python/test_frames.py \
	tests/python/test_fleet.py

EXTRA_DIST += \
	$(PYTHON_BINDING_FILES) \
	$(PYTHON_TESTS) \
	tests/python/support.py \
	tests/progress_reference.py \
	tests/dated_reference.py \
	examples/value_chain.py \
	examples/report_file.py \
	examples/fleet.py

if HAVE_PYTHON3
TESTS += $(PYTHON_TESTS)
endif
