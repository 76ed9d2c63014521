#!/usr/bin/env python3
"""difftest: run every user test on Linux and compare it with the same test on Faultline.

The user tests (user/tests/*.c) are static Linux-ABI programs, so the very binaries that
Faultline runs also run on Linux: natively for x86_64 (the host's kernel), under
qemu-riscv64 user-mode emulation for riscv64. For each test this compares

  - what it printed: every line but diagnostics ("# ..." lines), in order;
  - how it ended: its exit code, or the signal that killed it;

and checks that on Linux it ended as its EXPECT line says, which proves that the test
encodes Linux's real behaviour. A test whose source has a "/* DIFFERS: reason */" line
(one line, anywhere at the start of a line) differs from Linux on purpose: it is not run,
and is reported as skipped with the reason.

A test whose source has a "/* LINUX-VM: reason */" line (the same form) needs a Linux
this host cannot give it as above (userfaultfd: qemu-user has none, and a host or
container may refuse it). Its Linux side runs in QEMU booting Debian trixie's Linux
6.12 instead, on both arches, as root, with the same argv, envp, stdin and framing
(tools/linuxvm.py; the kernel packages are downloaded into build/ on first use).
All such tests of an arch share one boot, which runs while the others run on the host;
--linux-vm runs every test's Linux side there (to check the VM against the host).

The Faultline side is a console log of /tests/runall, which frames each test's output with
"# begin <name>" and "# end <name> <exit N | signal N (NAME)>": by default the one the test
runner's user boot left (build/test-logs/<arch>-user.log), or --log PATH, or, with --boot,
one of our own (build, then boot as the runner does, typing the console line). Kernel
messages in the log ("prog[12]: segfault at ...", "exec: ...") and the typed console line
echoed back are not the test's output and are dropped.

On Linux each test runs as runall runs it under Faultline: argv { "/tests/<name>",
"faultline", "two words" }, envp { "FAULTLINE_TEST=1", "HOME=/" }, every signal at its
default action and unblocked, one after the other in name order, all with the same
stdin: a pipe holding the line the harness types ("console-input-check 42"), kept open
so that a second read() blocks as the console's does.

Output: one line per test, "PASS <arch>/difftest/<name>", "FAIL <arch>/difftest/<name>:
<first difference>" or "SKIP <arch>/difftest/<name>: <reason>", then "N passed, N failed,
N skipped". The exit status is 1 if anything failed, else 0.
"""
import argparse
import glob
import os
import re
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linuxvm  # noqa: E402  (the Linux side of LINUX-VM tests)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARCHES = ("riscv64", "x86_64")
CONSOLE_LINE = "console-input-check 42"   # what the runner types; console_write_read reads it
TEST_ARGV = ["faultline", "two words"]     # runall's argv after argv[0]
TEST_ENV = [("FAULTLINE_TEST", "1"), ("HOME", "/")]
TEST_TIMEOUT = 90                          # seconds for one test on Linux (a hang guard:
                                           # qemu-riscv64 on a loaded host is slow)
BOOT_TIMEOUT = 240                         # seconds for a --boot of Faultline

EXPECT_RE = re.compile(r"^/\* EXPECT: (exit|signal) (\d+) \*/$", re.M)
DIFFERS_RE = re.compile(r"^/\* DIFFERS: (.*?) \*/$", re.M)
LINUX_VM_RE = re.compile(r"^/\* LINUX-VM: (.*?) \*/$", re.M)
# A test whose Linux behaviour exists on one arch only (uffd-wp: Linux riscv64 has none,
# Faultline has it on both) names that arch; on the others its Linux side runs in that
# arch's VM, and Faultline is compared with what Linux does there.
LINUX_REF_ARCH_RE = re.compile(r"^/\* LINUX-REF-ARCH: (\S+): (.*?) \*/$", re.M)
BEGIN_RE = re.compile(r"^# begin (\S+)$")
END_RE = re.compile(r"^# end (\S+)(?: (.*))?$")
HOW_RE = re.compile(r"^(exit|signal) (\d+)")

# Lines the kernel, not the test, wrote to the console. A kernel that prints new kinds
# of message about user programs adds a pattern here.
KERNEL_LINE_RES = [
    re.compile(r"^[^\s\[\]]{1,16}\[\d+\]: "),        # "comm[pid]: segfault at ..." and kin
    re.compile(r"^traps: [^\s\[\]]{1,16}\[\d+\] "),  # Linux's spelling for traps
    re.compile(r"^exec: "),                          # exec refusing a bad ELF file
]
# Lines qemu-user itself (not the program) may print on stderr.
EMULATOR_LINE_RES = [re.compile(r"^qemu: ")]


class Test:
    def __init__(self, name, src):
        with open(src) as f:
            text = f.read()
        self.name = name
        m = EXPECT_RE.search(text)
        self.expect = (m.group(1), int(m.group(2))) if m else None
        self.differs = DIFFERS_RE.findall(text)
        self.linux_vm = LINUX_VM_RE.findall(text)
        m = LINUX_REF_ARCH_RE.search(text)
        self.ref_arch = m.group(1) if m else None


def source_tests():
    """Every user test in name order (runall's order: user.mk sorts /tests/list)."""
    tests = []
    for src in sorted(glob.glob(os.path.join(ROOT, "user/tests/*.c"))):
        tests.append(Test(os.path.splitext(os.path.basename(src))[0], src))
    return tests


def compared_lines(lines, extra_res=()):
    """The lines that are the test's own output: not diagnostics, not kernel messages."""
    out = []
    for line in lines:
        line = line.rstrip("\r")
        if line.startswith("# ") or line == "#" or line == CONSOLE_LINE:
            continue
        if any(r.match(line) for r in KERNEL_LINE_RES) or any(r.match(line) for r in extra_res):
            continue
        out.append(line)
    return out


def describe_end(kind, n):
    """("signal", 11) -> "signal 11 (SIGSEGV)", as runall says it."""
    try:
        name = signal.Signals(n).name if kind == "signal" else ""
    except ValueError:
        name = ""
    return "%s %d%s" % (kind, n, " (%s)" % name if name else "")


def parse_log(text):
    """{name: (lines, end)} from a runall console log; end is (kind, n), or a string
    saying what went wrong."""
    sections, current = {}, None
    for line in text.replace("\r\n", "\n").splitlines():
        m = BEGIN_RE.match(line.rstrip("\r"))
        if m:
            if current:
                sections[current[0]] = (current[1], "no '# end' line before the next test")
            current = (m.group(1), [])
            continue
        m = END_RE.match(line.rstrip("\r"))
        if m and current and m.group(1) == current[0]:
            how = m.group(2) or ""
            h = HOW_RE.match(how)
            sections[current[0]] = (current[1], (h.group(1), int(h.group(2))) if h and
                                    "timed out" not in how else "runall says: %r" % how)
            current = None
            continue
        if current:
            current[1].append(line)
    if current:
        sections[current[0]] = (current[1], "no '# end' line: the log stops inside the test")
    return sections


def reset_signals():
    """In the child before exec: what runall's children start with under Faultline."""
    # A process group of our own, so that a timeout kills what the test left behind too.
    # Not a session of our own: a group whose parent is in another session is orphaned,
    # and Linux discards SIGTSTP sent to an orphaned group (job control tests need it).
    os.setpgid(0, 0)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for sig in range(1, signal.NSIG):
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass  # signals the C library keeps for itself
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


class LinuxRunner:
    """Runs tests from build/<arch>/initrd/tests on Linux, sharing one stdin pipe."""

    def __init__(self, arch):
        self.arch = arch
        self.root = os.path.join(ROOT, "build", arch, "initrd")
        self.native = os.uname().machine == arch
        self.qemu = None if self.native else "/usr/bin/qemu-%s" % arch
        self.stdin_r, self.stdin_w = os.pipe()
        os.write(self.stdin_w, (CONSOLE_LINE + "\n").encode())
        self.cwd = tempfile.mkdtemp(prefix="difftest-")

    def close(self):
        os.close(self.stdin_r)
        os.close(self.stdin_w)
        os.rmdir(self.cwd)

    def problem(self):
        if not os.path.isdir(os.path.join(self.root, "tests")):
            return "no %s: build first (make ARCH=%s)" % (os.path.relpath(self.root, ROOT),
                                                           self.arch)
        if self.qemu and not os.access(self.qemu, os.X_OK):
            return "no %s (Debian's qemu-user package)" % self.qemu
        return None

    def run(self, name):
        """(lines, end): end is (kind, n) or a string saying what went wrong."""
        path = os.path.join(self.root, "tests", name)
        argv0 = "/tests/" + name
        env = dict(TEST_ENV)
        if self.qemu:
            # qemu-user hands its environment to the program reversed: pass it reversed.
            env = dict(reversed(TEST_ENV))
            args, exe = [self.qemu, "-0", argv0, path] + TEST_ARGV, self.qemu
        else:
            args, exe = [argv0] + TEST_ARGV, path
        proc = subprocess.Popen(args, executable=exe, env=env, cwd=self.cwd,
                                stdin=self.stdin_r, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, preexec_fn=reset_signals)
        # Read in a thread: a child the test left behind may hold the pipe open, so the
        # test's end is its own exit, not end of file.
        chunks = []
        reader = threading.Thread(target=lambda: chunks.extend(iter(proc.stdout.readline, b"")),
                                  daemon=True)
        reader.start()
        try:
            proc.wait(timeout=TEST_TIMEOUT)
            end = ("signal", -proc.returncode) if proc.returncode < 0 else \
                ("exit", proc.returncode)
        except subprocess.TimeoutExpired:
            end = "timed out after %d s on Linux" % TEST_TIMEOUT
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the test, if it hangs, and what it left
        except ProcessLookupError:
            pass
        proc.wait()
        reader.join(5)
        proc.stdout.close()
        return b"".join(chunks).decode(errors="replace").splitlines(), end


def first_difference(fl_lines, lx_lines):
    for i, (a, b) in enumerate(zip(fl_lines, lx_lines)):
        if a != b:
            return "output line %d: Faultline %r, Linux %r" % (i + 1, a, b)
    if len(fl_lines) != len(lx_lines):
        i = min(len(fl_lines), len(lx_lines))
        if len(fl_lines) > i:
            return "output line %d: Faultline %r, Linux printed no more" % (i + 1, fl_lines[i])
        return "output line %d: Faultline printed no more, Linux %r" % (i + 1, lx_lines[i])
    return None


def failure_note(lines):
    """The test's own "FAIL at file:line" diagnostic, if it printed one."""
    for line in lines:
        if "FAIL at " in line:
            return " [%s]" % line.strip()
    return ""


class LinuxVMBatch:
    """The Linux side of the given tests, from one boot of Debian's Linux in QEMU
    (tools/linuxvm.py), started at once in a thread of its own."""

    def __init__(self, arch, names, tag=""):
        self.results, self.facts = {}, {}
        self.thread = threading.Thread(target=self._boot, args=(arch, names, tag), daemon=True)
        self.thread.start()

    def _boot(self, arch, names, tag):
        log = os.path.join(ROOT, "build", "test-logs", "%s-linuxvm%s.log" % (arch, tag))
        try:
            self.results, self.facts = linuxvm.run_batch(
                arch, [(n, TEST_TIMEOUT) for n in names], TEST_ARGV,
                ["%s=%s" % e for e in TEST_ENV], (CONSOLE_LINE + "\n").encode(), log, tag)
        except Exception as e:  # a tool's bug must fail these tests, not hang difftest
            self.facts = {"why": "linuxvm: %r" % e}

    def run(self, name):
        """(lines, end) as LinuxRunner.run gives them."""
        self.thread.join()
        return self.results.get(name, ([], "no result from the Linux VM: %s" %
                                       self.facts.get("why", "?")))

    def summary(self):
        self.thread.join()
        if "release" not in self.facts:
            return "not booted: %s" % self.facts.get("why", "?")
        return "Linux %s, one boot of %.0f s%s" % (
            self.facts["release"], self.facts["seconds"],
            ": " + self.facts["why"] if "why" in self.facts else "")


def compare(arch, tests, log_text, out, all_in_vm=False):
    """Compare each test; print one line each. Returns (passed, failed, skipped).
    Tests with a LINUX-VM line (every test, if all_in_vm) run on Linux in a VM."""
    counts = [0, 0, 0]

    def report(kind, name, why=""):
        counts[("PASS", "FAIL", "SKIP").index(kind)] += 1
        print("%s %s/difftest/%s%s" % (kind, arch, name, ": " + why if why else ""), file=out,
              flush=True)

    sections = parse_log(log_text)
    linux = LinuxRunner(arch)
    problem = linux.problem()
    usable = [t for t in tests if not t.differs and t.expect is not None]
    ref = [t.name for t in usable if t.ref_arch and t.ref_arch != arch]
    ref_arch = next((t.ref_arch for t in usable if t.name in ref), None)
    in_vm = [t.name for t in usable if (t.linux_vm or all_in_vm) and t.name not in ref]
    vm = LinuxVMBatch(arch, in_vm) if in_vm and not problem else None
    ref_vm = LinuxVMBatch(ref_arch, ref, "-for-" + arch) if ref and not problem else None
    try:
        for t in tests:
            if t.differs:
                report("SKIP", t.name, "DIFFERS: " + " / ".join(t.differs))
                continue
            if problem:
                report("FAIL", t.name, "cannot run on Linux: " + problem)
                continue
            if t.expect is None:
                report("FAIL", t.name, "no '/* EXPECT: exit|signal N */' line")
                continue
            lx_raw, lx_end = (ref_vm if t.name in ref else
                              vm if t.name in in_vm else linux).run(t.name)
            lx_lines = compared_lines(lx_raw, EMULATOR_LINE_RES)
            if isinstance(lx_end, str):
                report("FAIL", t.name, lx_end)
                continue
            if lx_end != t.expect:
                report("FAIL", t.name, "on Linux%s it ended with %s, but EXPECT says %s: the test "
                       "does not encode Linux's behaviour%s" % (
                           " (VM)" if t.name in in_vm else
                           " (%s VM)" % ref_arch if t.name in ref else "",
                                                                describe_end(*lx_end),
                                                                describe_end(*t.expect),
                                                                failure_note(lx_raw)))
                continue
            if t.name not in sections:
                report("FAIL", t.name, "not in the Faultline log (no '# begin %s')" % t.name)
                continue
            fl_raw, fl_end = sections[t.name]
            if isinstance(fl_end, str):
                report("FAIL", t.name, "on Faultline: " + fl_end)
                continue
            diff = first_difference(compared_lines(fl_raw), lx_lines)
            if not diff and fl_end != lx_end:
                diff = "ended: Faultline %s, Linux %s%s" % (describe_end(*fl_end),
                                                             describe_end(*lx_end),
                                                             failure_note(fl_raw))
            report("FAIL" if diff else "PASS", t.name, diff or "")
    finally:
        linux.close()
    if vm:
        print("# %s: Linux VM for %d test%s: %s" % (arch, len(in_vm), "s"[:len(in_vm) != 1],
                                                    vm.summary()), file=out, flush=True)
    if ref_vm:
        print("# %s: %s Linux VM as the reference for %d test%s: %s" % (
            arch, ref_arch, len(ref), "s"[:len(ref) != 1], ref_vm.summary()), file=out, flush=True)
    return counts


def make_var(arch, var):
    return subprocess.run(["make", "-s", "--no-print-directory", "ARCH=" + arch, "print-" + var],
                          cwd=ROOT, stdout=subprocess.PIPE, text=True).stdout.strip()


def boot_faultline(arch, log_path):
    """Build, boot init=/tests/runall, type the console line; returns the log text."""
    build = subprocess.run(["make", "--no-print-directory", "ARCH=" + arch], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        sys.stdout.write(build.stdout)
        raise RuntimeError("make ARCH=%s failed" % arch)
    qemu = shlex.split(make_var(arch, "QEMU_BASE"))
    proc = subprocess.Popen(qemu + ["-append", "init=/tests/runall debug_tlb page_poison=1"], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    chunks, ready = [], threading.Event()

    def reader():
        for line in iter(proc.stdout.readline, b""):
            chunks.append(line)
            if b"frames free of" in line:
                ready.set()  # the UART is set up: typed bytes are no longer lost
        ready.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        if ready.wait(BOOT_TIMEOUT):
            proc.stdin.write((CONSOLE_LINE + "\n").encode())
            proc.stdin.flush()
        proc.wait(timeout=BOOT_TIMEOUT)
    except (subprocess.TimeoutExpired, BrokenPipeError):
        proc.kill()
        proc.wait()
    thread.join(5)
    text = b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    with open(log_path, "w") as f:
        f.write(text)
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", action="append", choices=ARCHES,
                    help="riscv64 or x86_64; repeatable (default: both)")
    ap.add_argument("--log", help="the Faultline console log to compare with (one --arch only; "
                    "default build/test-logs/<arch>-user.log)")
    ap.add_argument("--boot", action="store_true",
                    help="build and boot Faultline now instead of reading a log "
                    "(kept as build/test-logs/<arch>-difftest-boot.log)")
    ap.add_argument("--linux-vm", action="store_true",
                    help="run every test's Linux side in the Linux VM, not only LINUX-VM ones")
    ap.add_argument("names", nargs="*", help="only these tests")
    args = ap.parse_args()
    arches = args.arch or list(ARCHES)
    if args.log and len(arches) != 1:
        ap.error("--log needs exactly one --arch")
    tests = source_tests()
    if args.names:
        unknown = set(args.names) - {t.name for t in tests}
        if unknown:
            ap.error("no such test: %s" % ", ".join(sorted(unknown)))
        tests = [t for t in tests if t.name in args.names]

    start, totals = time.time(), [0, 0, 0]
    for arch in arches:
        logdir = os.path.join(ROOT, "build", "test-logs")
        if args.boot:
            log = os.path.join(logdir, "%s-difftest-boot.log" % arch)
            text = boot_faultline(arch, log)
        else:
            log = args.log or os.path.join(logdir, "%s-user.log" % arch)
            try:
                with open(log, errors="replace") as f:
                    text = f.read()
            except OSError as e:
                print("FAIL %s/difftest/log: %s (run the tests, or use --boot)" % (arch, e))
                totals[1] += 1
                continue
            initrd = os.path.join(ROOT, "build", arch, "initrd.cpio")
            if os.path.exists(initrd) and os.path.getmtime(initrd) > os.path.getmtime(log):
                print("# %s: %s is older than %s: the programs may have changed since" %
                      (arch, os.path.relpath(log, ROOT), os.path.relpath(initrd, ROOT)))
        print("# %s: Faultline log %s" % (arch, os.path.relpath(log, ROOT)), flush=True)
        counts = compare(arch, tests, text, sys.stdout, args.linux_vm)
        totals = [a + b for a, b in zip(totals, counts)]
    print("# difftest %s: %.0f s" % (", ".join(arches), time.time() - start))
    print("%d passed, %d failed, %d skipped" % tuple(totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main())
