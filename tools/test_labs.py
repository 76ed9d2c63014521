"""The lab layer of `make test` (tools/runtests.py calls run_labs once per arch).

  labs/mklab_unit        tools/mklab.py on a small synthetic tree: the lab's regions
                         replaced by the student lines, other labs' solutions kept, every
                         marker gone, .lab written, and each kind of bad marker refused
  <arch>/labs/full       the full tree scores full marks on every graded test
  <arch>/labs/<lab>      for every lab with regions: the cut tree builds and boots, and the
                         graded tests that fail in it (all labs' graded tests are run) are
                         exactly that lab's

A cut tree lives in build/labs-ci/<arch>-<lab>. To build fast, it starts from a copy of
the full tree's build/<arch>: mklab keeps the times of the files it does not change, so
only what the cut changed recompiles. Each cut tree is graded in one boot (plus one for
graded ktests, if there are any) by its own tools/grade.py, two trees at a time.
"""
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mklab  # noqa: E402

ROOT = mklab.ROOT
GRADE_LINE_RE = re.compile(r"^(PASS|FAIL) (\w+)/(\w+)  (\d+)/(\d+) points(?:  \((.*)\))?$")


def mklab_unit_problems():
    """Run mklab on a synthetic git tree; returns a list of problems (empty: it works)."""
    problems = []
    good = ("int a;\n"
            "/* LAB cow: begin */\n"
            "int cow_solution;\n"
            "#if 0 /* LAB cow: student */\n"
            "int cow_stub; /* TODO(cow): ... */\n"
            "#endif /* LAB cow: end */\n"
            "\t/* LAB lazy: begin */\n"
            "int lazy_solution;\n"
            "\t#if 0 /* LAB lazy: student */\n"
            "int lazy_stub;\n"
            "\t#endif /* LAB lazy: end */\n"
            "int b;\n")
    want_cow = "int a;\nint cow_stub; /* TODO(cow): ... */\nint lazy_solution;\nint b;\n"
    bad = {
        "nested": "/* LAB cow: begin */\n/* LAB lazy: begin */\n#if 0 /* LAB lazy: student */\n"
                  "#endif /* LAB lazy: end */\n#if 0 /* LAB cow: student */\n#endif /* LAB cow: end */\n",
        "unbalanced": "/* LAB cow: begin */\nx;\n#if 0 /* LAB cow: student */\n",
        "end without begin": "#endif /* LAB cow: end */\n",
        "no student part": "/* LAB cow: begin */\nx;\n#endif /* LAB cow: end */\n",
        "mismatched names": "/* LAB cow: begin */\n#if 0 /* LAB cow: student */\n#endif /* LAB lazy: end */\n",
        "unknown lab": "/* LAB nosuch: begin */\n#if 0 /* LAB nosuch: student */\n#endif /* LAB nosuch: end */\n",
        "marker not alone": "int x; /* LAB cow: begin */\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        os.makedirs(os.path.join(src, "mm"))
        with open(os.path.join(src, "mm", "memory.c"), "w") as f:
            f.write(good)
        with open(os.path.join(src, "notes.md"), "w") as f:
            f.write("/* LAB cow: begin */\n")  # not a source: never cut
        with open(os.path.join(src, "untracked.c"), "w") as f:
            f.write("int untracked;\n")
        subprocess.run(["git", "init", "-q", src], check=True)
        subprocess.run(["git", "-C", src, "add", "mm/memory.c", "notes.md"], check=True)
        out = os.path.join(tmp, "out")
        try:
            cut = mklab.make_lab("cow", out, root=src, quiet=True)
            got = open(os.path.join(out, "mm", "memory.c")).read()
            if got != want_cow:
                problems.append("cut mm/memory.c is %r, expected %r" % (got, want_cow))
            if cut != [("mm/memory.c", 2, 6)]:
                problems.append("regions cut: %r" % (cut,))
            if open(os.path.join(out, ".lab")).read() != "cow\n":
                problems.append(".lab does not name the lab")
            if open(os.path.join(out, "notes.md")).read() != "/* LAB cow: begin */\n":
                problems.append("a file that is not a C or assembly source was changed")
            if os.path.exists(os.path.join(out, "untracked.c")):
                problems.append("an untracked file was copied")
            log = subprocess.run(["git", "-C", out, "rev-list", "--count", "HEAD"],
                                 stdout=subprocess.PIPE, text=True)
            if log.stdout.strip() != "1":
                problems.append("the cut tree is not a git repository with one commit")
        except (mklab.LabError, OSError, subprocess.CalledProcessError) as e:
            problems.append("cutting a good tree failed: %s" % e)
        for what, refusal in (("unknown lab", lambda: mklab.make_lab("nosuch", out + "2", root=src)),
                              ("lab without regions", lambda: mklab.make_lab("pager", out + "3", root=src)),
                              ("non-empty OUTDIR", lambda: mklab.make_lab("cow", out, root=src))):
            try:
                refusal()
                problems.append("%s: not refused" % what)
            except mklab.LabError:
                pass
        for what, text in bad.items():
            try:
                mklab.parse_regions(text, what)
                problems.append("%s: not refused" % what)
            except mklab.LabError:
                pass
    return problems


def cut_and_build_tree(arch, lab, log):
    """Cut lab into build/labs-ci/<arch>-<lab> with the full tree's build/<arch> copied in.
    Returns the cut tree's path, or None (and why in the log)."""
    tree = os.path.join(ROOT, "build", "labs-ci", "%s-%s" % (arch.name, lab))
    shutil.rmtree(tree, ignore_errors=True)
    try:
        mklab.make_lab(lab, tree, quiet=True, keep_times=True)
    except (mklab.LabError, subprocess.CalledProcessError) as e:
        log.write("mklab %s: %s\n" % (lab, e))
        return None
    os.makedirs(os.path.join(tree, "build"), exist_ok=True)
    copy = subprocess.run(["cp", "-a", os.path.join(ROOT, "build", arch.name),
                           os.path.join(tree, "build", arch.name)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if copy.returncode != 0:
        log.write("copying the full tree's build: %s\n" % copy.stdout)
        return None
    return tree


def grade_tree(tree, arch_name, log):
    """Run tree's own tools/grade.py --lab all for one arch; returns {test: passed} and
    the score line, or (None, why)."""
    out = subprocess.run([sys.executable, "tools/grade.py", "--lab", "all", "--arch", arch_name],
                         cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         stdin=subprocess.DEVNULL, timeout=900)
    log.write(out.stdout)
    results = {}
    for line in out.stdout.splitlines():
        m = GRADE_LINE_RE.match(line)
        if m:
            results[m.group(3)] = m.group(1) == "PASS"
    broken = re.search(r"^grade: \w+: (build failed.*)$", out.stdout, re.M)
    if broken:
        return None, "the tree does not build: %s" % broken.group(1)
    score = re.search(r"^Score: (\d+)/(\d+)$", out.stdout, re.M)
    if not score:
        return None, "grade.py printed no score (exit status %d)" % out.returncode
    if (out.returncode == 0) != (score.group(1) == score.group(2)):
        return None, "grade.py's exit status %d disagrees with its %s" % (out.returncode, score.group(0))
    return results, score.group(0)


def judge_full_tree(arch, names):
    """Grade this tree with every graded test: full marks? ("full", ok, why, log)."""
    log_path = os.path.join(arch.logdir, "%s-labs-full.log" % arch.name)
    with open(log_path, "w") as log:
        try:
            results, why = grade_tree(ROOT, arch.name, log)
        except subprocess.TimeoutExpired:
            results, why = None, "grade.py hung"
    if results is None:
        return "full", False, why, log_path
    failing = sorted(n for n in names if not results.get(n, False))
    got, total = why.split()[1].split("/")
    return ("full", not failing and got == total,
            "not full marks (%s): failing %s" % (why, ", ".join(failing)), log_path)


def judge_lab(arch, lab, graded, names):
    """Cut lab, grade the cut tree with every graded test; (lab, ok, why, log)."""
    log_path = os.path.join(arch.logdir, "%s-labs-%s.log" % (arch.name, lab))
    want = sorted(t.name for t in graded if t.lab == lab)
    with open(log_path, "w") as log:
        tree = cut_and_build_tree(arch, lab, log)
        if tree is None:
            return lab, False, "could not cut the tree", log_path
        try:
            results, why = grade_tree(tree, arch.name, log)
        except subprocess.TimeoutExpired:
            results, why = None, "grade.py hung"
    if results is None:
        return lab, False, why, log_path
    missing = sorted(names - set(results))
    failing = sorted(n for n, ok in results.items() if not ok)
    problems = []
    if missing:
        problems.append("no result for %s" % ", ".join(missing))
    if not want:
        problems.append("lab %s has regions but no graded test" % lab)
    if set(failing) - set(want):
        problems.append("the cut breaks other labs' tests: %s" % ", ".join(sorted(set(failing) - set(want))))
    if set(want) - set(failing):
        problems.append("the student stub leaves graded tests passing: %s"
                        % ", ".join(sorted(set(want) - set(failing))))
    return lab, not problems, "; ".join(problems) + " (failing: %s)" % (", ".join(failing) or "none"), log_path


def run_mklab_unit(res):
    """labs/mklab_unit, once per run (tools/runtests.py calls it before the arches)."""
    problems = mklab_unit_problems()
    res.add("labs/mklab_unit", not problems, "; ".join(problems))


def run_labs(res, arch, exits):
    import grade  # here, not above: grade imports runtests, which imports this module

    del exits  # the grader judges boots itself
    start = time.time()
    try:
        graded = [t for t in grade.graded_tests() if arch.name in t.arches]
        labs = mklab.labs_with_regions()
    except (ValueError, mklab.LabError) as e:
        res.add("%s/labs" % arch.name, False, str(e))
        return
    if not graded:
        res.add("%s/labs" % arch.name, False, "no graded test (no '/* LAB: <lab> <points> */' tag)")
        return
    names = {t.name for t in graded}
    # Two trees at a time (the full one and the cut ones): one's build or boot overlaps
    # another's. The full tree is built already, so copying its build is safe meanwhile.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        full = pool.submit(judge_full_tree, arch, names)
        judged = list(pool.map(lambda lab: judge_lab(arch, lab, graded, names), labs))
        judged.insert(0, full.result())
    for name, ok, why, log_path in judged:
        res.add("%s/labs/%s" % (arch.name, name), ok, why, log_path)
    print("# %s labs: %.0f s" % (arch.name, time.time() - start), flush=True)
