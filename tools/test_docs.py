"""The docs layer of `make test` (tools/runtests.py calls run_docs() once per arch).

  docs/check/<doc>            every path and Faultline function name the doc mentions
                              exists (tools/checkdocs.py), once
  docs/try/<doc>:<line>       each ```sh "Try:" step runs and exits 0, once
  <arch>/docs/try/<doc>:<line>  each ```gdb "Try:" step runs in batch gdb on that arch
  <arch>/shell/kill_builtin   the shell's kill ends a background job
  <arch>/shell/runall_by_hand  /tests/runall typed at the shell: the tests that need the
                              console to themselves are skipped, the others pass
  <arch>/user/own_program_<libc>  `make qemu RUN=user/own/hello.c LIBC=<libc>` builds a
                              program of one's own and runs it as init's child
"""
import glob
import os
import re
import subprocess

import checkdocs
import runtests

ROOT = checkdocs.ROOT


def run_static_checks(res, logdir):
    """Paths and names of every doc, and every ```sh Try block: arch-independent, once,
    when no arch's layers run any more (a step may build or repack any arch's tree)."""
    names = checkdocs.defined_names()
    for doc in checkdocs.doc_files():
        problems = checkdocs.check_doc(doc, names)
        log = None
        if problems:
            log = os.path.join(logdir, "docs-check-%s.log" % re.sub(r"[^\w.-]+", "-", doc))
            open(log, "w").write("\n".join(problems) + "\n")
        res.add("docs/check/%s" % doc, not problems,
                "%d problem(s), first: %s" % (len(problems), problems[0]) if problems else "", log)
        for block in checkdocs.try_blocks(doc):
            if block.lang == "sh":
                log = checkdocs.log_name(logdir, block)
                problems = checkdocs.run_sh(block, log)
                res.add("docs/try/%s" % block.name(), not problems, "; ".join(problems), log)
    # A step may have run `make qemu RUN=...`, which packs its program into an arch's
    # initrd: pack the usual ones again for the layers still to come.
    for arch_mk in sorted(glob.glob(os.path.join(ROOT, "arch", "*", "arch.mk"))):
        runtests.sh(["make", "-s", "--no-print-directory",
                     "ARCH=" + os.path.basename(os.path.dirname(arch_mk))])


def run_gdb_blocks(res, arch):
    for doc in checkdocs.doc_files():
        for block in checkdocs.try_blocks(doc):
            if block.lang == "gdb" and arch.name in checkdocs.block_arches(block, [arch.name]):
                log = checkdocs.log_name(arch.logdir, block, arch.name)
                problems = checkdocs.run_gdb(block, arch.name, log)
                res.add("%s/docs/try/%s" % (arch.name, block.name()), not problems,
                        "; ".join(problems), log)


# Tests marked "/* NEEDS: console */" in their source: runall started from the shell skips them.
def console_tests():
    out = []
    for name in sorted(os.listdir(os.path.join(ROOT, "user/tests"))):
        if name.endswith(".c"):
            with open(os.path.join(ROOT, "user/tests", name)) as f:
                if re.search(r"^/\* NEEDS: console \*/$", f.read(), re.M):
                    out.append(name[:-2])
    return out


def run_shell_by_hand(res, arch, exits):
    """One boot of the interactive shell, typed at:

    kill_builtin: `kill` ends a background job (by %job, with a signal by name), and
    says why when the signal or the process does not exist.
    runall_by_hand: the shell's hint, `/tests/runall`, typed at the shell: a test that
    needs the console to itself must not hang or fail but be skipped; the others pass.
    The command names the console tests and two ordinary ones, to keep the boot short."""
    log = os.path.join(arch.logdir, "%s-shell-by-hand.log" % arch.name)
    skipped = console_tests()
    names = sorted(skipped + ["init_survives_kill", "segv_null_read_write"])  # runall's order
    session = runtests.ConsoleSession(arch, runtests.DEBUG_OPTIONS)
    kill_problems, runall_problems = [], []
    steps = [
        ("", r"^Faultline shell: .*\n\$ "),
        ("spin &\n", r"^\[1\] \d+\n\$ "),
        ("kill -NOSUCH %1\n", r"^kill: -NOSUCH: no such signal\n\$ "),
        ("kill 4000000\n", r"^kill: 4000000: No such process\n\$ "),
        ("kill -KILL %1\n", r"^\$ "),
    ]
    for keys, want in steps:
        if keys:
            session.type(keys)
        if not session.expect(want, timeout=runtests.BOOT_TIMEOUT):
            kill_problems.append("after typing %r, no %r" % (keys, want))
            break
    if not kill_problems:
        # The shell reports a background job's end before its next prompt.
        for _ in range(20):
            session.type("\n")
            if session.expect(r"^\[1\]   Killed by signal 9  spin$", timeout=2):
                break
        else:
            kill_problems.append("no '[1]   Killed by signal 9  spin' after kill -KILL %1")
        session.type("/tests/runall %s\n" % " ".join(names))
        # A test left to run would wait for console input until runall's 60 s timeout.
        if not session.expect(r"^\[exit (\d+)\]\n\$ ", timeout=50):
            runall_problems.append("runall did not finish within 50 s")
    else:
        runall_problems.append("not run: the shell did not get that far")
    session.type("exit 0\n")
    text, status = session.finish(runtests.BOOT_TIMEOUT)
    open(log, "w").write(text)
    if not kill_problems:
        for i, name in enumerate(names, 1):
            want = (r"^ok %d %s # SKIP " if name in skipped else r"^ok %d %s$") % (i, name)
            if not re.search(want, text, re.M):
                line = re.search(r"^(?:not )?ok %d %s.*$" % (i, name), text, re.M)
                runall_problems.append("%s: %s" % (name, line.group(0) if line else "no result line"))
        if not re.search(r"^\[exit 0\]$", text, re.M):
            runall_problems.append("runall did not exit 0")
    for problems in (kill_problems, runall_problems):
        if re.search(r"^(panic|Oops)", text, re.M):
            problems.append("the kernel crashed")
        elif not problems and status != arch.qemu_status(exits["EXIT_SUCCESS"]):
            problems.append("exit status %s after 'exit 0'" % status)
    res.add("%s/shell/kill_builtin" % arch.name, not kill_problems, "; ".join(kill_problems), log)
    res.add("%s/shell/runall_by_hand" % arch.name, not runall_problems, "; ".join(runall_problems), log)


def run_own_program(res, arch, libc):
    """`make qemu RUN=user/own/hello.c LIBC=libc`, as a student types it. The initrd it
    packs (with /hello) replaces the arch's usual one until run_docs() repacks that."""
    test = "%s/user/own_program_%s" % (arch.name, libc)
    log = os.path.join(arch.logdir, "%s-own-%s.log" % (arch.name, libc))
    try:
        out = subprocess.run(["make", "-s", "--no-print-directory", "qemu", "ARCH=" + arch.name,
                              "RUN=user/own/hello.c", "LIBC=" + libc],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, stdin=subprocess.DEVNULL, timeout=600,
                             start_new_session=True)
        text = out.stdout.replace("\r\n", "\n")
    except subprocess.TimeoutExpired as e:
        text = (e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or "")
        text += "\n[runner: no power-off: killed]\n"
    open(log, "w").write(text)
    problems = []
    if not re.search(r"^hello from /hello: page\[100\] reads 0, then 42 after a write$", text, re.M):
        problems.append("the program's line is missing")
    if not re.search(r"^\[exit 0\]$", text, re.M):
        problems.append("init did not report [exit 0]")
    res.add(test, not problems, "; ".join(problems), log)


def run_docs(res, arch, exits):
    """The docs layer of one arch; run_static_checks() runs once, after every arch's."""
    run_gdb_blocks(res, arch)
    run_shell_by_hand(res, arch, exits)
    for libc in ("faultline", "glibc"):
        run_own_program(res, arch, libc)
    runtests.sh(["make", "-s", "--no-print-directory", "ARCH=" + arch.name])  # the usual initrd
