#!/usr/bin/env python3
"""Grade a lab: `make grade LAB=cow [ARCH=...]` runs this in the tree it belongs to.

    tools/grade.py --lab LAB [--arch ARCH]... [--no-build]

A graded test names its lab and points in its source: a user test (user/tests/NAME.c)
carries a line `/* LAB: cow 20 */`; a ktest carries that same line directly above its
`KTEST(name)` line. --lab all grades every graded test of every lab (the lab layer of
`make test` uses it to see which tests a cut tree fails).

For each arch (both unless given) it builds the kernel and initrd, boots once with
/tests/runall selecting the lab's user tests (`runall --lab LAB`, which reads the
tags from /tests/labs) and once more with ktest=name,... if the lab has ktests, and
prints one line per test:

    PASS x86_64/cow_fork_more_than_half_of_ram  20/20 points
    FAIL riscv64/cow_fork_more_than_half_of_ram  0/20 points  (expected exit 0, got ...)

then `Score: N/M`. The exit status is 0 only with full marks. Boot logs go to
build/test-logs/<arch>-grade-*.log.
"""
import argparse
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mklab  # noqa: E402
import runtests  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG_RE = re.compile(r"^/\* LAB: (\S+) (\d+) \*/$")
KTEST_RE = re.compile(r"^KTEST\((\w+)\)")
ARCHES = ("riscv64", "x86_64")
GRADED_TEST_TIMEOUT = 20  # seconds for one graded user test (runall --timeout)


class GradedTest:
    def __init__(self, kind, name, lab, points, path):
        self.kind = kind        # "user" or "ktest"
        self.name = name
        self.lab = lab
        self.points = points
        self.path = path        # the source file, relative to the root
        self.arches = ARCHES    # an arch/<arch>/test/ ktest exists on its arch only


def graded_tests(root=ROOT):
    """Every graded test of the tree at root, in a stable order. Raises ValueError on a
    malformed or misplaced tag."""
    tests = []
    for path in sorted(glob.glob(os.path.join(root, "user/tests/*.c"))):
        rel = os.path.relpath(path, root)
        with open(path) as f:
            tags = [TAG_RE.match(l.strip()) for l in f if l.startswith("/* LAB:")]
        if len(tags) > 1 or (tags and not tags[0]):
            raise ValueError("%s: needs at most one '/* LAB: <lab> <points> */' line" % rel)
        if tags:
            name = os.path.splitext(os.path.basename(path))[0]
            tests.append(GradedTest("user", name, tags[0].group(1), int(tags[0].group(2)), rel))
    kpaths = glob.glob(os.path.join(root, "kernel/test/*.c")) + \
        glob.glob(os.path.join(root, "arch/*/test/*.c"))
    for path in sorted(kpaths):
        rel = os.path.relpath(path, root)
        with open(path) as f:
            lines = f.read().splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("/* LAB:"):
                continue
            m = TAG_RE.match(line.strip())
            k = KTEST_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            if not m or not k:
                raise ValueError("%s:%d: a ktest's tag is '/* LAB: <lab> <points> */' directly "
                                 "above its KTEST(name) line" % (rel, i + 1))
            t = GradedTest("ktest", k.group(1), m.group(1), int(m.group(2)), rel)
            if rel.startswith("arch/"):
                t.arches = (rel.split("/")[1],)
            tests.append(t)
    for t in tests:
        if t.lab not in mklab.LABS:
            raise ValueError("%s: unknown lab %r in its LAB tag" % (t.path, t.lab))
    return tests


def run_arch(arch_name, tests, lab, build=True):
    """Build and boot for one arch; returns [(test, passed, why)] and a log path or an
    error string when nothing could run."""
    logdir = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logdir, exist_ok=True)
    arch = runtests.Arch(arch_name, logdir)
    if build:
        if not arch.build():
            return None, "build failed (log: %s)" % os.path.join(logdir, "%s-build.log" % arch_name)
    else:
        arch.qemu = runtests.shlex.split(arch.make_var("QEMU_BASE"))
    outcome = []
    user = [t for t in tests if t.kind == "user"]
    ktests = [t for t in tests if t.kind == "ktest" and arch_name in t.arches]
    if user:
        # A graded test takes seconds; a student's stub may leave one waiting for ever,
        # and runall's own 60 s a test would make grading slow (and make test's labs layer).
        cmdline = "init=/tests/runall %s -- --timeout %d --lab %s" % (
            runtests.DEBUG_OPTIONS, GRADED_TEST_TIMEOUT, lab)
        text, status, log = arch.boot("grade-user", cmdline, timeout=300,
                                      console_input=runtests.CONSOLE_LINE)
        outcome += judge(user, text, status, log)
    if ktests:
        cmdline = "ktest=%s %s" % (",".join(t.name for t in ktests), runtests.DEBUG_OPTIONS)
        text, status, log = arch.boot("grade-ktest", cmdline, timeout=120)
        outcome += judge(ktests, text, status, log)
    return outcome, None


def judge(tests, text, status, log):
    results, _ = runtests.parse_results(text)
    out = []
    for t in tests:
        if t.name in results:
            ok, why = results[t.name]
            out.append((t, ok, "" if ok else "%s (log: %s)" % (why, log)))
        elif status is None:
            out.append((t, False, "no result: the boot hung (log: %s)" % log))
        else:
            out.append((t, False, "no result line (log: %s)" % log))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lab", required=True, help="one of %s, or all" % ", ".join(mklab.LABS))
    ap.add_argument("--arch", action="append", choices=ARCHES, help="repeatable; default both")
    ap.add_argument("--no-build", action="store_true", help="use the kernel and initrd as built")
    args = ap.parse_args()
    if args.lab != "all" and args.lab not in mklab.LABS:
        ap.error("unknown lab %r: one of %s, or all" % (args.lab, ", ".join(mklab.LABS)))
    try:
        tests = [t for t in graded_tests() if args.lab in ("all", t.lab)]
    except ValueError as e:
        print("grade: %s" % e)
        return 2
    if not tests:
        print("grade: no test is tagged '/* LAB: %s <points> */'" % args.lab)
        return 2
    score = total = 0
    for arch in args.arch or ARCHES:
        arch_tests = [t for t in tests if arch in t.arches]
        outcome, error = run_arch(arch, arch_tests, args.lab, build=not args.no_build)
        if outcome is None:
            print("grade: %s: %s" % (arch, error), flush=True)
            outcome = [(t, False, error) for t in arch_tests]
        for t, ok, why in outcome:
            got = t.points if ok else 0
            score += got
            total += t.points
            print("%s %s/%s  %d/%d points%s" % ("PASS" if ok else "FAIL", arch, t.name, got,
                                                t.points, "" if ok else "  (%s)" % why), flush=True)
    print("Score: %d/%d" % (score, total))
    return 0 if score == total else 1


if __name__ == "__main__":
    sys.exit(main())
