#!/usr/bin/env python3
"""Pack a student's work on a lab: `make handin` runs this in a cut tree.

The cut tree (tools/mklab.py) names its lab in .lab and starts as a git repository with
one commit. The hand-in is the difference between that commit and the working tree now:
every change, committed or not, and every new file that .gitignore does not exclude.
It is written to handin-<lab>.patch at the root of the tree (apply it to a fresh cut of
the same lab with `git apply`).
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def git(args, env=None):
    return subprocess.run(["git"] + args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def main():
    lab_file = os.path.join(ROOT, ".lab")
    if not os.path.exists(lab_file):
        print("handin: this is not a lab tree (no .lab): cut one with `make lab LAB=<lab>` "
              "and work there", file=sys.stderr)
        return 1
    lab = open(lab_file).read().strip()
    roots = git(["rev-list", "--max-parents=0", "HEAD"])
    if roots.returncode != 0 or len(roots.stdout.split()) != 1:
        print("handin: cannot find the lab's starting commit: %s" % roots.stderr.strip(),
              file=sys.stderr)
        return 1
    start = roots.stdout.split()[0]
    out_name = "handin-%s.patch" % lab
    # A private index, so the student's own index (staged work) is left as it is.
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, GIT_INDEX_FILE=os.path.join(tmp, "index"))
        for args in (["read-tree", start], ["add", "-A", "--", ".", ":!" + out_name]):
            r = git(args, env)
            if r.returncode != 0:
                print("handin: git %s: %s" % (" ".join(args), r.stderr.strip()), file=sys.stderr)
                return 1
        diff = git(["diff", "--cached", "--binary", start], env)
    if diff.returncode != 0:
        print("handin: git diff: %s" % diff.stderr.strip(), file=sys.stderr)
        return 1
    path = os.path.join(ROOT, out_name)
    with open(path, "w") as f:
        f.write(diff.stdout)
    files = git(["apply", "--numstat", path]) if diff.stdout else None
    changed = len(files.stdout.splitlines()) if files and files.returncode == 0 else 0
    print("handin: lab %s: %s file(s) changed since the starting commit; hand in %s"
          % (lab, changed, path))
    if not diff.stdout:
        print("handin: warning: the patch is empty (nothing changed yet)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
