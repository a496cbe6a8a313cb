"""The PEP 517 build backend of the opflow package (pyproject.toml names it,
with ``backend-path = ["opflow"]``): pure Python, nothing but the standard
library, so that ``pip install bindings/python`` works offline, with pip's
build isolation, in any virtual environment (no setuptools, no wheel).

It builds the wheel straight into the directory pip gives it and writes
nothing into the source tree: no ``build/``, no ``*.egg-info``; the one
file Python itself may write there when it imports this module (its
``__pycache__`` entry) is removed again at once.  The wheel holds
``opflow/*.py`` and ``opflow/py.typed``, this module excepted; the
metadata come from the ``[project]`` table of pyproject.toml (read with
``tomllib`` where Python has it, else with the small reader below).
Editable installs (``pip install -e``) get a wheel of one ``.pth`` file
naming this source directory; ``build_sdist`` makes a source archive.

Not part of the installed package.
"""
import base64
import hashlib
import io
import os
import re
import sys
import tarfile
import time
import zipfile

# Python wrote this module's bytecode into the source tree just before
# running it (unless told not to): remove it, and stop further writes.
if not sys.dont_write_bytecode:
    sys.dont_write_bytecode = True
    _cached = globals().get("__cached__")
    if _cached:
        try:
            os.remove(_cached)
            os.rmdir(os.path.dirname(_cached))  # only when left empty
        except OSError:
            pass

__all__ = [
    "get_requires_for_build_wheel", "get_requires_for_build_sdist",
    "get_requires_for_build_editable", "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable", "build_wheel", "build_editable",
    "build_sdist",
]

#: The source directory (the one holding pyproject.toml).
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "opflow"
THIS = os.path.basename(__file__).rsplit(".", 1)[0] + ".py"

_KNOWN_KEYS = {"name", "version", "description", "readme", "requires-python",
               "dependencies", "optional-dependencies", "keywords",
               "classifiers", "authors", "maintainers", "license", "urls"}


# ------------------------------------------------------------- metadata

def _read_toml(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        import tomllib  # Python 3.11 and later
    except ImportError:
        return _TomlReader(data.decode("utf-8")).read()
    return tomllib.loads(data.decode("utf-8"))


class _TomlReader:
    """The TOML that pyproject.toml uses, for Pythons before 3.11: tables
    (dotted names), keys (bare or quoted, dotted), basic and literal
    strings (one line), integers, booleans, arrays (over several lines,
    trailing commas, comments) and inline tables."""

    _BARE = re.compile(r"[A-Za-z0-9_-]+")
    _ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r",
                '"': '"', "\\": "\\"}

    def __init__(self, text):
        self.text = text
        self.i = 0

    def error(self, what):
        line = self.text.count("\n", 0, self.i) + 1
        raise ValueError("pyproject.toml, line %d: %s" % (line, what))

    def skip(self, newlines):
        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                break

    def peek(self):
        return self.text[self.i:self.i + 1]

    def expect(self, c):
        if self.peek() != c:
            self.error("expected %r" % c)
        self.i += 1

    def key(self):
        parts = []
        while True:
            self.skip(False)
            c = self.peek()
            if c in ('"', "'"):
                parts.append(self.string())
            else:
                m = self._BARE.match(self.text, self.i)
                if not m:
                    self.error("expected a key")
                parts.append(m.group())
                self.i = m.end()
            self.skip(False)
            if self.peek() != ".":
                return parts
            self.i += 1

    def string(self):
        quote = self.peek()
        self.i += 1
        out = []
        text = self.text
        while True:
            if self.i >= len(text) or text[self.i] == "\n":
                self.error("unterminated string")
            c = text[self.i]
            self.i += 1
            if c == quote:
                return "".join(out)
            if c == "\\" and quote == '"':
                e = text[self.i:self.i + 1]
                self.i += 1
                if e in self._ESCAPES:
                    out.append(self._ESCAPES[e])
                elif e in ("u", "U"):
                    n = 4 if e == "u" else 8
                    out.append(chr(int(text[self.i:self.i + n], 16)))
                    self.i += n
                else:
                    self.error("unknown escape \\%s" % e)
            else:
                out.append(c)

    def value(self):
        self.skip(False)
        c = self.peek()
        if c in ('"', "'"):
            if self.text.startswith(c * 3, self.i):
                self.error("multi-line strings are not read here")
            return self.string()
        if c == "[":
            self.i += 1
            items = []
            while True:
                self.skip(True)
                if self.peek() == "]":
                    self.i += 1
                    return items
                items.append(self.value())
                self.skip(True)
                if self.peek() == ",":
                    self.i += 1
                elif self.peek() != "]":
                    self.error("expected , or ]")
        if c == "{":
            self.i += 1
            table = {}
            self.skip(False)
            if self.peek() == "}":
                self.i += 1
                return table
            while True:
                self.put(table, self.key(), self.after_equals())
                self.skip(False)
                if self.peek() == "}":
                    self.i += 1
                    return table
                self.expect(",")
        m = re.compile(r"true|false|[+-]?[0-9_]+").match(self.text, self.i)
        if not m:
            self.error("a value this reader does not know")
        self.i = m.end()
        word = m.group()
        if word in ("true", "false"):
            return word == "true"
        return int(word.replace("_", ""))

    def after_equals(self):
        self.skip(False)
        self.expect("=")
        return self.value()

    def put(self, table, keys, value):
        for k in keys[:-1]:
            table = table.setdefault(k, {})
        if keys[-1] in table:
            self.error("key %s given twice" % ".".join(keys))
        table[keys[-1]] = value

    def read(self):
        root = {}
        table = root
        while True:
            self.skip(True)
            if self.i >= len(self.text):
                return root
            if self.peek() == "[":
                self.i += 1
                if self.peek() == "[":
                    self.error("arrays of tables are not read here")
                keys = self.key()
                self.expect("]")
                table = root
                for k in keys:
                    table = table.setdefault(k, {})
            else:
                self.put(table, self.key(), self.after_equals())
            self.skip(False)
            if self.i < len(self.text) and self.peek() != "\n":
                self.error("expected the end of the line")


def _project():
    project = _read_toml(os.path.join(ROOT, "pyproject.toml"))["project"]
    unknown = set(project) - _KNOWN_KEYS
    if unknown:
        raise ValueError("pyproject.toml: [project] keys this backend does "
                         "not know: %s" % ", ".join(sorted(unknown)))
    return project


def _with_extra(requirement, extra):
    marker = 'extra == "%s"' % extra
    if ";" in requirement:
        req, old = requirement.split(";", 1)
        return "%s; (%s) and %s" % (req.strip(), old.strip(), marker)
    return "%s; %s" % (requirement.strip(), marker)


def _people(project, key, lines):
    names, emails = [], []
    for person in project.get(key, []):
        if "email" in person:
            emails.append("%s <%s>" % (person["name"], person["email"])
                          if "name" in person else person["email"])
        elif "name" in person:
            names.append(person["name"])
    field = "Author" if key == "authors" else "Maintainer"
    if names:
        lines.append("%s: %s" % (field, ", ".join(names)))
    if emails:
        lines.append("%s-email: %s" % (field, ", ".join(emails)))


def _metadata():
    """The METADATA (core metadata 2.1) text, and (name, version)."""
    p = _project()
    name, version = p["name"], p["version"]
    lines = ["Metadata-Version: 2.1", "Name: %s" % name,
             "Version: %s" % version]
    if "description" in p:
        lines.append("Summary: %s" % p["description"])
    if p.get("keywords"):
        lines.append("Keywords: %s" % ",".join(p["keywords"]))
    _people(p, "authors", lines)
    _people(p, "maintainers", lines)
    lic = p.get("license")
    if isinstance(lic, dict) and "text" in lic:
        lines.append("License: %s" % lic["text"])
    for c in p.get("classifiers", []):
        lines.append("Classifier: %s" % c)
    for label, url in p.get("urls", {}).items():
        lines.append("Project-URL: %s, %s" % (label, url))
    if "requires-python" in p:
        lines.append("Requires-Python: %s" % p["requires-python"])
    for req in p.get("dependencies", []):
        lines.append("Requires-Dist: %s" % req)
    for extra, reqs in p.get("optional-dependencies", {}).items():
        lines.append("Provides-Extra: %s" % extra)
        for req in reqs:
            lines.append("Requires-Dist: %s" % _with_extra(req, extra))
    body = ""
    readme = p.get("readme")
    if readme is not None:
        if isinstance(readme, dict):
            path = readme["file"]
            kind = readme.get("content-type", "text/markdown")
        else:
            path = readme
            kind = "text/markdown" if path.endswith(".md") else \
                "text/x-rst" if path.endswith(".rst") else "text/plain"
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            body = f.read()
        lines.append("Description-Content-Type: %s" % kind)
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + body
    return text, name, version


def _dist_info(name, version):
    return "%s-%s.dist-info" % (re.sub(r"[-_.]+", "_", name), version)


def _wheel_name(name, version):
    return "%s-%s-py3-none-any.whl" % (re.sub(r"[-_.]+", "_", name), version)


_WHEEL = ("Wheel-Version: 1.0\nGenerator: opflow _build_backend\n"
          "Root-Is-Purelib: true\nTag: py3-none-any\n")


def _write_dist_info(directory, text, name, version):
    info = os.path.join(directory, _dist_info(name, version))
    os.makedirs(info, exist_ok=True)
    for file, content in (("METADATA", text), ("WHEEL", _WHEEL),
                          ("top_level.txt", PACKAGE + "\n")):
        with open(os.path.join(info, file), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write(content)
    return os.path.basename(info)


# --------------------------------------------------------------- wheels

def _package_files():
    """The files of the package: (path in the archive, path on disk)."""
    package = os.path.join(ROOT, PACKAGE)
    files = []
    for entry in sorted(os.listdir(package)):
        if entry == THIS:
            continue
        if entry.endswith(".py") or entry == "py.typed":
            files.append(("%s/%s" % (PACKAGE, entry),
                          os.path.join(package, entry)))
    return files


def _timestamp():
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 1980."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = max(int(epoch), 315532800) if epoch else 315532800
    return time.gmtime(when)[:6]


def _write_wheel(directory, entries, text, name, version):
    """A wheel of entries ((archive path, bytes) pairs) and the metadata."""
    info = _dist_info(name, version)
    entries = list(entries) + [
        ("%s/METADATA" % info, text.encode("utf-8")),
        ("%s/WHEEL" % info, _WHEEL.encode("utf-8")),
        ("%s/top_level.txt" % info, (PACKAGE + "\n").encode("utf-8"))]
    record = []
    for path, data in entries:
        digest = base64.urlsafe_b64encode(
            hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
        record.append("%s,sha256=%s,%d" % (path, digest, len(data)))
    record.append("%s/RECORD,," % info)
    entries.append(("%s/RECORD" % info,
                    ("\n".join(record) + "\n").encode("utf-8")))
    wheel = _wheel_name(name, version)
    stamp = _timestamp()
    target = os.path.join(directory, wheel)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in entries:
            item = zipfile.ZipInfo(path, stamp)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(item, data)
    return wheel


def _read(path):
    with open(path, "rb") as f:
        return f.read()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory,
                                     config_settings=None):
    return _write_dist_info(metadata_directory, *_metadata())


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_wheel(wheel_directory, config_settings=None,
                metadata_directory=None):
    text, name, version = _metadata()
    entries = [(arc, _read(path)) for arc, path in _package_files()]
    return _write_wheel(wheel_directory, entries, text, name, version)


def build_editable(wheel_directory, config_settings=None,
                   metadata_directory=None):
    text, name, version = _metadata()
    pth = (ROOT + "\n").encode(sys.getfilesystemencoding(),
                               sys.getfilesystemencodeerrors())
    return _write_wheel(wheel_directory, [("_%s_editable.pth" % PACKAGE,
                                           pth)], text, name, version)


def build_sdist(sdist_directory, config_settings=None):
    text, name, version = _metadata()
    base = "%s-%s" % (re.sub(r"[-_.]+", "_", name), version)
    files = [("pyproject.toml", os.path.join(ROOT, "pyproject.toml")),
             ("README.md", os.path.join(ROOT, "README.md")),
             ("%s/%s" % (PACKAGE, THIS), os.path.abspath(__file__))]
    files += _package_files()
    mtime = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)
    target = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        entries = [("PKG-INFO", text.encode("utf-8"))]
        entries += [(arc, _read(path)) for arc, path in sorted(files)]
        for arc, data in entries:
            item = tarfile.TarInfo("%s/%s" % (base, arc))
            item.size = len(data)
            item.mtime = mtime
            item.mode = 0o644
            tar.addfile(item, io.BytesIO(data))
    return base + ".tar.gz"
