#!/usr/bin/env python3
"""Check the docs against the tree: `python3 tools/checkdocs.py [--arch A] [--no-run] [DOC...]`.

Every doc (docs/**/*.md and README.md, or the DOCs given) is checked for:

  paths      every backticked path (`mm/fault.c`, `arch/*/include/asm/`), every path in a
             code block that starts with a top-level directory of the tree, and every
             markdown link target must exist. Paths are written from the repository
             root, so a backticked bare file name (`fault.c`) is an error too.
  functions  every backticked Faultline function, written `name()`, must be defined
             somewhere in the sources (C, assembly, Python); a name right after
             "Linux's" is Linux's and is skipped.
  Try:       a line "Try:" followed by a fenced block is a step the reader runs:
               ```sh              shell commands, run from the repository root with
                                  bash -e, stdin closed; the block must exit 0 in 300 s
               ```gdb VAR=...     `make qemu-gdb VAR=...` boots (on every arch, or only
                                  the one an ARCH= word names) and every "(gdb) " line
                                  runs in batch gdb, loaded as `make gdb` loads it; a
                                  command that errors fails the block
             any other fence is shown to the reader and not run.

tools/test_docs.py runs the same checks as a layer of `make test`. Run alone, this prints
one PASS/FAIL line per doc and per Try block and exits non-zero on any failure.
"""
import argparse
import glob
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SH_TIMEOUT = 300   # seconds for one ```sh block
GDB_TIMEOUT = 180  # seconds for one ```gdb block's batch gdb
TOP_DIRS = ("arch", "docs", "include", "kernel", "lib", "linker", "mm", "tools", "user")
FILE_EXT = r"(?:c|h|S|s|py|md|ld|mk|gdb|sh|txt|json)"
OK_MARK = "checkdocs: every command ran"


def doc_files():
    """Every doc the checker reads, relative to the repository root."""
    docs = sorted(os.path.relpath(p, ROOT)
                  for p in glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True))
    return ["README.md"] + docs


class TryBlock:
    """One "Try:" step: its doc, line number, language ("sh", "gdb"), words, lines."""

    def __init__(self, doc, line, lang, words, lines):
        self.doc, self.line, self.lang, self.words, self.lines = doc, line, lang, words, lines

    def name(self):
        return "%s:%d" % (self.doc, self.line)


def split_doc(text):
    """(prose lines, code blocks, Try blocks without doc) of a markdown text.

    Prose lines are (number, text) outside fences and indented blocks; code blocks are
    (number, text) of every line inside either; Try blocks are (line, lang, words, lines).
    """
    prose, code, tries = [], [], []
    lines = text.split("\n")
    i, after_try = 0, False
    while i < len(lines):
        line = lines[i]
        fence = re.match(r"^\s*(```+|~~~+)\s*(\S*)\s*(.*)$", line)
        if fence:
            start, mark = i, fence.group(1)
            body = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(mark):
                body.append(lines[i])
                code.append((i + 1, lines[i]))
                i += 1
            if after_try:
                try:
                    words = shlex.split(fence.group(3))
                except ValueError:
                    words = fence.group(3).split()
                tries.append((start + 1, fence.group(2), words, body))
            after_try = False
        elif line.strip() == "Try:":
            after_try = True
        elif line.startswith("    ") or line.startswith("\t"):
            code.append((i + 1, line))
        else:
            if line.strip():
                after_try = False
            prose.append((i + 1, line))
        i += 1
    return prose, code, tries


def try_blocks(doc):
    with open(os.path.join(ROOT, doc)) as f:
        _, _, tries = split_doc(f.read())
    return [TryBlock(doc, *t) for t in tries]


def tracked_sources():
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                         stdout=subprocess.PIPE, text=True).stdout.split()
    return [p for p in out if re.search(r"\.(c|h|S|py|gdb|mk)$", p) and not p.startswith("build/")]


DEF_RES = [
    re.compile(r"^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;]*$", re.M),  # C: type name(... at column 0
    re.compile(r"^(\w+)\s*\(", re.M),                              # C: name( with the type above
    re.compile(r"^\s*#\s*define\s+(\w+)\(", re.M),                 # function-like macro
    re.compile(r"^(\w+):", re.M),                                   # assembly label
    re.compile(r"^\s*def\s+(\w+)\s*\(", re.M),                     # Python
    re.compile(r"^\s*define\s+(\w+)\s*$", re.M),                   # gdb user command
    re.compile(r"\b(?:KTEST|HTEST|SYSCALL_DEFINE\d)\((\w+)", re.M),
]


def defined_names():
    """Every name the sources define as a function, macro, label or command."""
    names = set()
    for path in tracked_sources():
        try:
            text = open(os.path.join(ROOT, path), errors="replace").read()
        except OSError:
            continue
        for regex in DEF_RES:
            names.update(regex.findall(text))
    return names


def path_exists(path, doc):
    path = path.rstrip(".,:;")
    if any(c in path for c in "*?["):
        return bool(glob.glob(os.path.join(ROOT, path)))
    return os.path.exists(os.path.join(ROOT, path))


def check_text(doc, text, names):
    """Problems with the paths and function names of one doc."""
    problems = []
    prose, code, _ = split_doc(text)
    previous = ""
    for number, line in prose:
        for m in re.finditer(r"`([^`\n]+)`", line):
            word = m.group(1).strip()
            before = previous + " " + line[:m.start()]
            fn = re.fullmatch(r"([A-Za-z_]\w*)\(\)", word)
            if fn:
                if not re.search(r"Linux's\s*$", before) and fn.group(1) not in names \
                        and "sys_" + fn.group(1) not in names:
                    problems.append("%s:%d: `%s` is not defined in the sources (a Linux name: "
                                    "write Linux's `%s`)" % (doc, number, word, word))
                continue
            if " " in word or word.startswith(("/", "<", "-", "$", "~", ".")) or "=" in word \
                    or re.search(r"Linux's\s*$", before):
                continue
            if re.fullmatch(r"(%s)/[\w./*+-]*" % "|".join(TOP_DIRS), word):
                if not path_exists(word, doc):
                    problems.append("%s:%d: `%s` does not exist" % (doc, number, word))
            elif re.fullmatch(r"[\w.+-]+\.%s" % FILE_EXT, word) and \
                    not os.path.exists(os.path.join(ROOT, word)):
                problems.append("%s:%d: `%s`: a path is written from the repository root"
                                % (doc, number, word))
        bare = re.sub(r"`[^`\n]*`|\]\([^)]*\)", "", line)
        for m in re.finditer(r"(?<![\w/.$`-])((?:%s)/[\w./*+-]*[\w*/])" % "|".join(TOP_DIRS), bare):
            if not path_exists(m.group(1), doc) and not re.search(r"Linux's\s*$", bare[:m.start()]):
                problems.append("%s:%d: %s does not exist" % (doc, number, m.group(1)))
        for m in re.finditer(r"(?<![\w/.$`-])([\w-]+\.(?:c|h|S|py|mk|ld|gdb))\b", bare):
            if not os.path.exists(os.path.join(ROOT, m.group(1))):
                problems.append("%s:%d: %s: a path is written from the repository root"
                                % (doc, number, m.group(1)))
        for m in re.finditer(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)", line):
            target = m.group(1).split("#")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            if not os.path.exists(os.path.normpath(os.path.join(ROOT, os.path.dirname(doc), target))):
                problems.append("%s:%d: link target %s does not exist" % (doc, number, target))
        previous = line
    for number, line in code:
        for m in re.finditer(r"(?<![\w/.$-])((?:%s)/[\w./*+-]*[\w*/])" % "|".join(TOP_DIRS), line):
            if not path_exists(m.group(1), doc):
                problems.append("%s:%d: %s does not exist" % (doc, number, m.group(1)))
    return problems


def check_doc(doc, names):
    with open(os.path.join(ROOT, doc)) as f:
        return check_text(doc, f.read(), names)


def tail(text, n=30):
    return "\n".join(text.rstrip("\n").split("\n")[-n:])


def run_sh(block, log):
    """Run a ```sh block; returns a list of problems (empty: it passed)."""
    script = "\n".join(block.lines) + "\n"
    try:
        out = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             stdin=subprocess.DEVNULL, timeout=SH_TIMEOUT,
                             start_new_session=True)
        text, status = out.stdout, out.returncode
    except subprocess.TimeoutExpired as e:
        text = (e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or "")
        status = None
    open(log, "w").write("$ %s\n%s" % (script.replace("\n", "\n$ ").rstrip("$ "), text))
    if status is None:
        return ["did not finish within %d s" % SH_TIMEOUT]
    if status != 0:
        return ["exit status %d: %s" % (status, tail(text, 3).replace("\n", " | "))]
    return []


def block_arches(block, arches):
    """The arches a ```gdb block runs on: all of arches, or the one its ARCH= names."""
    for w in block.words:
        if w.startswith("ARCH="):
            return [a for a in arches if a == w[5:]]
    return list(arches)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_gdb_args(arch, port, make_vars):
    """The command `make gdb` runs, as an argument list, in batch mode."""
    out = subprocess.run(["make", "-n", "--no-print-directory", "gdb", "ARCH=" + arch,
                          "GDBPORT=%d" % port] + make_vars, cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [l for l in out.stdout.replace("\\\n", " ").split("\n") if "gdb-multiarch" in l]
    if out.returncode != 0 or not lines:
        return None
    args = shlex.split(lines[-1])
    args = args[args.index("gdb-multiarch"):] if "gdb-multiarch" in args else args
    # QEMU may not listen yet when gdb connects: retry the connection for a while.
    return [args[0], "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
            "-ex", "set tcp auto-retry on", "-ex", "set tcp connect-timeout 90"] + args[1:]


def stop_group(proc):
    """End a process this checker started, and what it started (its own session)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def run_gdb(block, arch, log):
    """Boot `make qemu-gdb` with the block's variables on arch and run its (gdb) lines in
    batch gdb; returns a list of problems."""
    cmds = [l[len("(gdb) "):] for l in block.lines if l.startswith("(gdb) ")]
    if not cmds:
        return ["a gdb block without a \"(gdb) \" line"]
    make_vars = [w for w in block.words if not w.startswith("ARCH=")]
    port = free_port()
    gdb = make_gdb_args(arch, port, make_vars)
    if gdb is None:
        return ["`make -n gdb ARCH=%s` gives no gdb-multiarch command" % arch]
    build = subprocess.run(["make", "--no-print-directory", "ARCH=" + arch] + make_vars, cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           stdin=subprocess.DEVNULL)
    if build.returncode != 0:
        open(log, "w").write(build.stdout)
        return ["`make ARCH=%s %s` failed" % (arch, " ".join(make_vars))]
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as script:
        script.write("\n".join(cmds) + "\necho %s\\n\n" % OK_MARK)
    console_log = log.replace(".log", "-console.log")
    with open(console_log, "w") as console:
        qemu = subprocess.Popen(["make", "--no-print-directory", "qemu-gdb", "ARCH=" + arch,
                                 "GDBPORT=%d" % port] + make_vars, cwd=ROOT, stdout=console,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            out = subprocess.run(gdb + ["-x", script.name], cwd=ROOT, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=GDB_TIMEOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True).stdout
        except subprocess.TimeoutExpired as e:
            out = (e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes)
                   else e.stdout or "") + "\n[checkdocs: gdb hung after %d s: killed]\n" % GDB_TIMEOUT
        finally:
            try:
                qemu.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            stop_group(qemu)
            os.unlink(script.name)
    open(log, "w").write("$ %s -x <the block's commands>\n%s" % (shlex.join(gdb), out))
    # The kernel powering off at the end of the last `continue` closes the connection
    # (riscv64's gdb reports that as an error; x86_64's says the inferior exited).
    last = "%s:%d: Error in sourced command file:\nRemote connection closed" % (script.name, len(cmds))
    if OK_MARK not in out and not (last in out and qemu.returncode is not None):
        err = [l for l in out.split("\n") if "Error" in l or "rror:" in l or "No symbol" in l]
        return ["a gdb command failed: %s" % ((err[-1] if err else tail(out, 1)).strip())]
    return []


def log_name(logdir, block, arch=None):
    base = re.sub(r"[^\w.-]+", "-", "%s-%s-%d" % (arch or "docs", block.doc, block.line))
    return os.path.join(logdir, "docs-%s.log" % base)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", action="append", help="run gdb blocks on this arch; repeatable "
                    "(default: riscv64 and x86_64)")
    ap.add_argument("--no-run", action="store_true", help="check paths and names only")
    ap.add_argument("docs", nargs="*", help="docs to check (default: all)")
    args = ap.parse_args()
    arches = args.arch or ["riscv64", "x86_64"]
    docs = args.docs or doc_files()
    logdir = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logdir, exist_ok=True)
    names = defined_names()
    failed = passed = 0

    def report(name, problems, log=None):
        nonlocal failed, passed
        if problems:
            failed += 1
            print("FAIL  %s: %s%s" % (name, "; ".join(problems), "  (log: %s)" % log if log else ""))
        else:
            passed += 1
            print("PASS  %s" % name)
        sys.stdout.flush()

    for doc in docs:
        report("docs/check/%s" % doc, check_doc(doc, names))
        if args.no_run:
            continue
        for block in try_blocks(doc):
            if block.lang == "sh":
                log = log_name(logdir, block)
                report("docs/try/%s" % block.name(), run_sh(block, log), log)
            elif block.lang == "gdb":
                for arch in block_arches(block, arches):
                    log = log_name(logdir, block, arch)
                    report("%s/docs/try/%s" % (arch, block.name()), run_gdb(block, arch, log), log)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
