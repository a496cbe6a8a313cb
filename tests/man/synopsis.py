#!/usr/bin/env python3
"""The SYNOPSIS of every page in man/man3 matches include/opflow.h.

Each function a page declares (.Ft with .Fn, or .Fo/.Fa/.Fc) has the
prototype of the header, and every function of the header is declared on
the page that names it first; every enumeration the pages show (in a
literal display of the SYNOPSIS) has exactly the values of the header,
and every enumeration of the header is shown on some page; every macro a
page defines with .Fd has the header's value ("..." stands for a value
too long to show); the options structures shown have the header's
fields.
"""
import os
import re
import shlex
import sys

TOP = os.environ.get('top_srcdir', '.')
HEADER = os.path.join(TOP, 'include', 'opflow.h')
MAN3 = os.path.join(TOP, 'man', 'man3')

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def norm(text):
    text = ' '.join(text.split())
    text = re.sub(r'\s*\*\s*', ' *', text)       # "char * *x" -> "char **x"
    text = text.replace('* *', '**')
    return re.sub(r'\s*([(),])\s*', r'\1', text)


def strip_comments(text):
    return re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)


def read_header():
    src = strip_comments(open(HEADER).read())
    macros = {}
    for m in re.finditer(r'(?m)^\s*#\s*define\s+(OPFLOW_\w+)[ \t]+(.*?)\s*$',
                         src):
        value = m.group(2)
        # a value continued on the next lines is shown as "..."
        macros[m.group(1)] = ('...' if value.endswith('\\')
                              else ' '.join(value.split()))
    body = re.sub(r'(?m)^\s*#.*$', '', src)
    protos = {}
    for m in re.finditer(r'(?m)^OPFLOW_EXTERN\s+([^;(]*?)\b(opflow_\w+)\s*'
                         r'\(([^;]*?)\)\s*;', body, re.S):
        protos[m.group(2)] = norm('%s %s(%s)' % (m.group(1), m.group(2),
                                                 m.group(3)))
    enums = {}
    for m in re.finditer(r'typedef\s+enum\s+(\w+)\s*\{(.*?)\}', body, re.S):
        enums[m.group(1)] = dict(
            (n, int(v)) for n, v in
            re.findall(r'(\w+)\s*=\s*(-?\d+)', m.group(2)))
    structs = {}
    for m in re.finditer(r'typedef\s+struct\s+(\w+)\s*\{(.*?)\}', body, re.S):
        structs[m.group(1)] = [norm(f) for f in m.group(2).split(';')
                               if f.strip()]
    return protos, enums, structs, macros


def synopsis_of(path):
    lines = open(path).read().split('\n')
    out, inside = [], False
    for line in lines:
        if line.startswith('.Sh '):
            inside = line == '.Sh SYNOPSIS'
            continue
        if inside:
            out.append(line)
    return out


def displays_of(path):
    """The literal displays of a page, but those of its EXAMPLES."""
    section, block, out = None, None, []
    for line in open(path).read().split('\n'):
        if line.startswith('.Sh '):
            section = line[4:]
        elif line.startswith('.Bd -literal') and section != 'EXAMPLES':
            block = []
        elif line.startswith('.Ed') and block is not None:
            out.append(strip_comments('\n'.join(block)))
            block = None
        elif block is not None:
            block.append(line.replace('\\e', '\\'))
    return out


def args(line):
    return shlex.split(line.split(None, 1)[1]) if ' ' in line else []


def main():
    protos, enums, structs, macros = read_header()
    if not protos or not enums:
        fail('nothing read from ' + HEADER)
        return
    declared, shown_enums, shown_structs = {}, set(), set()
    for name in sorted(os.listdir(MAN3)):
        if not name.endswith('.3'):
            continue
        path = os.path.join(MAN3, name)
        text = open(path).read()
        nms = re.findall(r'(?m)^\.Nm (\S+)', text)
        if not nms or nms[0] + '.3' != name:
            continue            # a link, or a copy of a page under another name
        syn = synopsis_of(path)
        ret, i, page_funcs = None, 0, []
        while i < len(syn):
            line = syn[i]
            if line.startswith('.Ft '):
                ret = ' '.join(args(line))
            elif line.startswith('.Fn '):
                a = args(line)
                page_funcs.append((a[0], ret, a[1:]))
                ret = None
            elif line.startswith('.Fo '):
                fname, params = args(line)[0], []
                i += 1
                while not syn[i].startswith('.Fc'):
                    params.append(' '.join(args(syn[i])))
                    i += 1
                page_funcs.append((fname, ret, params))
                ret = None
            elif line.startswith('.Fd #define '):
                _, _, mname, *value = line.split()
                value = ' '.join(value).replace('\\(dq', '"')
                if mname not in macros:
                    fail('%s defines %s, not in the header' % (name, mname))
                elif value != macros[mname] and (value != '...' or
                                                 len(macros[mname]) < 40):
                    fail('%s: %s is %s, the header says %s'
                         % (name, mname, value, macros[mname]))
            i += 1
        for block in displays_of(path):
            for m in re.finditer(r'typedef\s+enum\s+(\w+)\s*\{(.*?)\}',
                                 block, re.S):
                values = dict((n, int(v)) for n, v in re.findall(
                    r'(\w+)\s*=\s*(-?\d+)', m.group(2)))
                shown_enums.add(m.group(1))
                if values != enums.get(m.group(1)):
                    fail('%s shows enum %s as %s; the header has %s'
                         % (name, m.group(1), values, enums.get(m.group(1))))
            for m in re.finditer(r'typedef\s+struct\s+(\w+)\s*\{(.*?)\}',
                                 block, re.S):
                fields = [norm(f) for f in m.group(2).split(';') if f.strip()]
                shown_structs.add(m.group(1))
                if fields != structs.get(m.group(1)):
                    fail('%s shows struct %s with fields %s; the header has %s'
                         % (name, m.group(1), fields, structs.get(m.group(1))))
        for fname, fret, params in page_funcs:
            if fret is None:
                fail('%s: %s has no .Ft' % (name, fname))
                continue
            proto = norm('%s %s(%s)' % (fret, fname, ', '.join(params)))
            if fname not in protos:
                fail('%s declares %s, not in the header' % (name, fname))
            elif proto != protos[fname]:
                fail('%s declares\n    %s\n  the header has\n    %s'
                     % (name, proto, protos[fname]))
            declared[fname] = name
        missing = [n for n in nms if n.startswith('opflow_')
                   and n not in [f[0] for f in page_funcs]]
        for n in missing:
            fail('%s names %s but does not declare it' % (name, n))
    for fname in sorted(set(protos) - set(declared)):
        fail('no page declares %s' % fname)
    for ename in sorted(set(enums) - shown_enums):
        fail('no page shows enum %s with its values' % ename)
    for sname in sorted(set(structs) - shown_structs):
        fail('no page shows struct %s with its fields' % sname)
    print('%d prototypes, %d enumerations and %d structures checked'
          % (len(declared), len(shown_enums), len(shown_structs)))


main()
sys.exit(1 if failures else 0)
