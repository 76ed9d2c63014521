#!/usr/bin/env python3
"""The lists of the initrd's /tests, from the tests' sources (user/user.mk), in one run
(a shell loop over every source, several processes each, took seconds):

    mklist.py list FILE...   /tests/list: "<name> exit|signal <N>" per test, from its
                             "/* EXPECT: exit N */" (or "signal N") line, with " console"
                             after it if the test has a "/* NEEDS: console */" line
                             (user/harness/runall.c)
    mklist.py labs FILE...   /tests/labs: "<name> <lab> <points>" per graded test, from its
                             "/* LAB: <lab> <points> */" line (tools/grade.py, runall --lab)

It prints to standard output; a test without exactly one EXPECT line is an error.
"""
import os
import re
import sys

EXPECT_RE = re.compile(r"^/\* EXPECT: (exit|signal) ([0-9]+) \*/$", re.M)
CONSOLE_RE = re.compile(r"^/\* NEEDS: console \*/$", re.M)
LAB_RE = re.compile(r"^/\* LAB: ([a-z]+) ([0-9]+) \*/$", re.M)


def main(argv):
    if len(argv) < 2 or argv[1] not in ("list", "labs"):
        sys.exit(__doc__)
    out = []
    for path in argv[2:]:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, errors="surrogateescape") as f:
            text = f.read()
        if argv[1] == "labs":
            out += ["%s %s %s" % (name, lab, points) for lab, points in LAB_RE.findall(text)]
            continue
        expect = EXPECT_RE.findall(text)
        if len(expect) != 1:
            sys.exit("%s: needs exactly one '/* EXPECT: exit|signal N */' line" % path)
        out.append("%s %s %s%s" % (name, expect[0][0], expect[0][1],
                                   " console" if CONSOLE_RE.search(text) else ""))
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main(sys.argv)
