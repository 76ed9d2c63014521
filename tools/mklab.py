#!/usr/bin/env python3
"""Cut a lab out of Faultline: write the student's tree for one lab.

    tools/mklab.py LAB OUTDIR

A lab's solution is marked in C and assembly sources (.c, .h, .S) by regions, never
nested, each marker line alone on its line:

    /* LAB cow: begin */
    ...the solution, compiled in the full tree...
    #if 0 /* LAB cow: student */
    ...what the student's tree has instead (a stub that compiles, a TODO with the contract)...
    #endif /* LAB cow: end */

The tool copies every git-tracked file of the tree it belongs to (as it is in the working
tree) to OUTDIR, replaces each region of LAB by its student lines, keeps the solution of
every other lab's region, and drops all marker lines. Files it does not change keep their
modification times, so a build directory copied from the full tree only recompiles what
the cut changed. OUTDIR/.lab names the lab, and OUTDIR becomes a git repository with one
commit: the starting point `make handin` diffs against.

It refuses an unknown lab, a lab with no region, an OUTDIR that exists and is not empty,
and any malformed region (nested, unbalanced, mismatched names, no student part), and
lists every region it cut.
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABS = ("traps", "pagetables", "lazy", "cow", "retry", "pager")
SOURCE_SUFFIXES = (".c", ".h", ".S")

BEGIN_RE = re.compile(r"^/\* LAB (\S+): begin \*/$")
STUDENT_RE = re.compile(r"^#if 0 /\* LAB (\S+): student \*/$")
END_RE = re.compile(r"^#endif /\* LAB (\S+): end \*/$")
# Anything that looks like a marker but is not exactly one of the three forms.
LOOSE_RE = re.compile(r"/\*\s*LAB\s+\S+:\s*(begin|student|end)\s*\*/")


class LabError(Exception):
    pass


def parse_regions(text, path="<text>"):
    """The regions of a source text: a list of (lab, begin_line, student_line, end_line)
    with 1-based line numbers. Raises LabError on a malformed region."""
    regions, open_region = [], None
    for no, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        where = "%s:%d" % (path, no)
        m = BEGIN_RE.match(s)
        if m:
            if open_region:
                raise LabError("%s: region of lab %s begins inside the region of lab %s "
                               "begun at line %d (regions never nest)"
                               % (where, m.group(1), open_region[0], open_region[1]))
            open_region = [m.group(1), no, None]
            continue
        m = STUDENT_RE.match(s)
        if m:
            if not open_region:
                raise LabError("%s: student part of lab %s outside any region" % (where, m.group(1)))
            if m.group(1) != open_region[0]:
                raise LabError("%s: student part of lab %s in the region of lab %s"
                               % (where, m.group(1), open_region[0]))
            if open_region[2] is not None:
                raise LabError("%s: second student part in one region" % where)
            open_region[2] = no
            continue
        m = END_RE.match(s)
        if m:
            if not open_region:
                raise LabError("%s: end of lab %s without a begin" % (where, m.group(1)))
            if m.group(1) != open_region[0]:
                raise LabError("%s: end of lab %s closes the region of lab %s"
                               % (where, m.group(1), open_region[0]))
            if open_region[2] is None:
                raise LabError("%s: region of lab %s has no student part "
                               "(#if 0 /* LAB %s: student */)" % (where, m.group(1), m.group(1)))
            regions.append((open_region[0], open_region[1], open_region[2], no))
            open_region = None
            continue
        if LOOSE_RE.search(s):
            raise LabError("%s: malformed lab marker (a marker is alone on its line, exactly "
                           "as in tools/mklab.py): %s" % (where, s))
    if open_region:
        raise LabError("%s: region of lab %s begun at line %d never ends"
                       % (path, open_region[0], open_region[1]))
    for lab, begin, _, _ in regions:
        if lab not in LABS:
            raise LabError("%s:%d: unknown lab %r (labs: %s)" % (path, begin, lab, ", ".join(LABS)))
    return regions


def cut_text(text, lab, regions):
    """text with lab's regions replaced by their student lines, other labs' regions by
    their solution lines, and every marker line dropped."""
    lines = text.splitlines(keepends=True)
    drop = set()
    for rlab, begin, student, end in regions:
        drop.update((begin, student, end))
        if rlab == lab:
            drop.update(range(begin, student))  # the solution
        else:
            drop.update(range(student, end))  # the student part
    return "".join(l for no, l in enumerate(lines, 1) if no not in drop)


def tracked_files(root):
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, stdout=subprocess.PIPE, check=True)
    return [p for p in out.stdout.decode().split("\0") if p]


def is_source(path):
    return path.endswith(SOURCE_SUFFIXES)


def scan_tree(root):
    """{path: regions} for every tracked source of root with at least one region."""
    found = {}
    for path in tracked_files(root):
        full = os.path.join(root, path)
        if not is_source(path) or not os.path.isfile(full):
            continue
        with open(full, errors="surrogateescape") as f:
            regions = parse_regions(f.read(), path)
        if regions:
            found[path] = regions
    return found


def labs_with_regions(root=ROOT):
    labs = set()
    for regions in scan_tree(root).values():
        labs.update(r[0] for r in regions)
    return [l for l in LABS if l in labs]


def make_lab(lab, outdir, root=ROOT, quiet=False, commit=True, keep_times=False):
    """Write the student tree of lab to outdir. Returns the list of regions cut as
    (path, begin_line, end_line). Raises LabError.

    keep_times: a file that has regions of other labs only keeps its time too. It lost
    only marker lines (comments, and #if 0 blocks), so it compiles to the same code, and
    a build directory copied from the full tree need not compile it again. For make
    test's cut trees (tools/test_labs.py); a student's tree is built from scratch."""
    if lab not in LABS:
        raise LabError("unknown lab %r (labs: %s)" % (lab, ", ".join(LABS)))
    regions_by_path = scan_tree(root)
    cut = [(p, r[1], r[3]) for p, rs in sorted(regions_by_path.items()) for r in rs if r[0] == lab]
    if not cut:
        raise LabError("lab %s has no region in this tree" % lab)
    if os.path.exists(outdir) and (not os.path.isdir(outdir) or os.listdir(outdir)):
        raise LabError("%s exists and is not empty" % outdir)
    os.makedirs(outdir, exist_ok=True)
    for path in tracked_files(root):
        src, dst = os.path.join(root, path), os.path.join(outdir, path)
        if not os.path.lexists(src):
            continue  # deleted in the working tree
        os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
        if path in regions_by_path:
            with open(src, errors="surrogateescape") as f:
                text = f.read()
            with open(dst, "w", errors="surrogateescape") as f:
                f.write(cut_text(text, lab, regions_by_path[path]))
            if keep_times and all(r[0] != lab for r in regions_by_path[path]):
                shutil.copystat(src, dst)
            else:
                shutil.copymode(src, dst)
        else:
            shutil.copy2(src, dst, follow_symlinks=False)
    with open(os.path.join(outdir, ".lab"), "w") as f:
        f.write(lab + "\n")
    if not quiet:
        for path, begin, end in cut:
            print("cut: %s:%d-%d (lab %s)" % (path, begin, end, lab))
    if commit:
        git = ["git", "-c", "user.name=Faultline lab", "-c", "user.email=lab@faultline.invalid",
               "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Lab %s: starting point" % lab]):
            subprocess.run(git + cmd, cwd=outdir, check=True, stdout=subprocess.DEVNULL)
    return cut


def main(argv):
    if len(argv) != 3:
        print("usage: tools/mklab.py LAB OUTDIR   (labs: %s)" % ", ".join(LABS), file=sys.stderr)
        return 2
    lab, outdir = argv[1], argv[2]
    try:
        cut = make_lab(lab, outdir)
    except LabError as e:
        print("mklab: %s" % e, file=sys.stderr)
        return 1
    print("mklab: lab %s written to %s (%d region%s cut); `make grade` there grades it"
          % (lab, outdir, len(cut), "" if len(cut) == 1 else "s"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
