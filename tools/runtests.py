#!/usr/bin/env python3
"""Faultline's test runner: `make test` calls it. It builds, boots and judges.

Layers, per DESIGN.md:
  host     the host unit tests (build/host/hosttest), once
  ktest    in-kernel tests: one boot with "ktest=all" per arch
  crash    crash tests: one boot per CRASH_TEST, each must oops/panic as declared
  gdb      gdb-multiarch drives QEMU's gdb stub: break, step, read state; stop in the
           fault core on one user program's fault and decode it (tools/gdb/faultline.gdb);
           every command of tools/gdb/faultline.py (tools/test_gdb.py)
  trace    the fault trace of a program with known faults, and its picture
           (tools/test_trace.py, tools/faultplot.py)
  bench    `make bench` builds and one quick run (tools/bench.py --quick) measures every
           row; no number is judged
  shell    the built-in shell on the console, typed at as a person would: Ctrl-C,
           Ctrl-\\, Ctrl-Z, jobs, fg, bg
  labs     each lab cut into a student tree fails exactly its graded tests; the full
           tree scores full marks (tools/test_labs.py, tools/mklab.py, tools/grade.py)
  docs     every doc's paths and function names exist and its Try: steps run; the
           shell's kill and /tests/runall by hand; make qemu RUN= (tools/test_docs.py)

The arches run at once, a process each (--jobs); the docs' shell Try: steps run last,
once, since a step may build any arch.

It trusts nothing the kernel says about itself: the list of tests comes from the
sources (KTEST, CRASH_TEST, HTEST), so a test that never reports is a failure, and so is
a hang, a panic, an exit status that disagrees with the output, or a failed build.
Every result is one line, PASS or FAIL; the last line is "N passed, M failed".
"""
import argparse
import glob
import multiprocessing
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
import traceback

import test_docs
import test_gdb
import test_labs
import test_trace

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOT_TIMEOUT = 60  # seconds for one QEMU boot; a real run takes a few
RESULT_RE = re.compile(r"^(ok|not ok) (\d+) (\w+)(?: # (.*))?\s*$")
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*$")
# Debug options every test boot turns on (tests are not benchmarks; make bench leaves
# them off), and the prefix of the ktests that check them, which also run without them.
DEBUG_OPTIONS = "debug_tlb page_poison=1"
DEBUG_OPTION_KTESTS = "page_poison"


class Results:
    """Counts results and prints each as one line (whole, though a layer may report from
    threads of its own)."""

    lock = threading.Lock()

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def add(self, name, ok, why="", log=None):
        if ok:
            self.count(1, 0, 0, "PASS  %s" % name)
        else:
            self.count(0, 1, 0, "FAIL  %s: %s%s" % (name, why, "  (log: %s)" % log if log else ""))

    def skip(self, line):
        self.count(0, 0, 1, line)

    def count(self, passed, failed, skipped, line):
        with Results.lock:
            self.passed += passed
            self.failed += failed
            self.skipped += skipped
            print(line, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL, **kw)


def declared(pattern, paths):
    """Every match of pattern in the given source files, in file order."""
    found = []
    for path in sorted(paths):
        with open(os.path.join(ROOT, path)) as f:
            found += re.findall(pattern, f.read(), re.M)
    return found


def source_files(*globs):
    out = []
    for g in globs:
        out += [os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, g))]
    return out


def exit_statuses():
    """EXIT_* values from kernel/panic.h, so the runner and kernel agree by construction."""
    with open(os.path.join(ROOT, "kernel/panic.h")) as f:
        return {m[0]: int(m[1]) for m in re.findall(r"#define (EXIT_\w+)\s+(\d+)", f.read())}


def parse_results(text):
    """Result lines and the plan from a test log (host or kernel)."""
    results, plan = {}, None
    for line in text.splitlines():
        line = line.rstrip("\r")
        m = PLAN_RE.match(line)
        if m:
            plan = int(m.group(1))
        m = RESULT_RE.match(line)
        if m:
            results.setdefault(m.group(3), (m.group(1) == "ok", m.group(4) or ""))
    return results, plan


def judge(res, prefix, expected, text, log):
    """One PASS/FAIL per expected name; extra or missing lines are failures."""
    results, plan = parse_results(text)
    crashed = re.search(r"^(panic: .*|Oops: .*)$", text, re.M)
    why_missing = "no result line"
    if crashed:
        why_missing += " (kernel died: %s)" % crashed.group(1).strip()
    for name in expected:
        if name in results:
            ok, why = results[name]
            res.add("%s/%s" % (prefix, name), ok, why, None if ok else log)
        else:
            res.add("%s/%s" % (prefix, name), False, why_missing, log)
    for name in results:
        if name not in expected:
            res.add("%s/%s" % (prefix, name), False, "reported but not declared in the sources", log)
    if plan != len(expected):
        res.add("%s/plan" % prefix, False, "plan says %s tests, sources declare %d" % (plan, len(expected)), log)
    return results


def run_host(res, logdir):
    tests = declared(r"^HTEST\((\w+)\)", source_files("lib/test/*.c", "mm/test/*.c"))
    log = os.path.join(logdir, "host.log")
    build = sh(["make", "-s", "--no-print-directory", "build/host/hosttest"])
    if build.returncode != 0:
        open(log, "w").write(build.stdout)
        res.add("host/build", False, "build failed", log)
        for t in tests:
            res.add("host/%s" % t, False, "not run: build failed")
        return
    # The FDT tests read the device tree of the riscv64 machine the kernel boots on.
    dtb = os.path.join(logdir, "virt.dtb")
    sh(["qemu-system-riscv64", "-machine", "virt,dumpdtb=" + dtb, "-m", "128M", "-nographic"])
    env = dict(os.environ, FDT_BLOB=dtb)
    try:
        run = subprocess.run([os.path.join(ROOT, "build/host/hosttest")], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             timeout=120)
        out, status = run.stdout, run.returncode
    except subprocess.TimeoutExpired as e:
        out, status = (e.stdout or b"").decode(errors="replace") + "\n[hang: killed]\n", -1
    open(log, "w").write(out)
    results = judge(res, "host", tests, out, log)
    all_ok = all(ok for ok, _ in results.values()) and len(results) == len(tests)
    if all_ok != (status == 0):
        res.add("host/exit-status", False, "exit status %d disagrees with the results" % status, log)


class Arch:
    def __init__(self, name, logdir):
        self.name = name
        self.logdir = logdir
        self.vars = {}

    def make_var(self, var):
        out = sh(["make", "-s", "--no-print-directory", "ARCH=" + self.name, "print-" + var])
        return out.stdout.strip()

    def build(self):
        out = sh(["make", "--no-print-directory", "-j%d" % (os.cpu_count() or 1), "ARCH=" + self.name])
        open(os.path.join(self.logdir, "%s-build.log" % self.name), "w").write(out.stdout)
        if out.returncode == 0:
            self.qemu = shlex.split(self.make_var("QEMU_BASE"))
            self.gdb_arch = self.make_var("GDB_ARCH")
            self.kernel = os.path.join(ROOT, self.make_var("KERNEL"))
            self.exit_encoding = self.make_var("QEMU_EXIT")
        return out.returncode == 0

    def qemu_status(self, kernel_status):
        """The QEMU exit status the kernel's power-off status shows up as (arch.mk QEMU_EXIT)."""
        if self.exit_encoding == "identity" or kernel_status == 0:
            return kernel_status
        if self.exit_encoding == "isa-debug-exit":
            return (kernel_status << 1) | 1  # QEMU exits with (value << 1) | 1
        raise ValueError("unknown QEMU_EXIT %r in arch/%s/arch.mk" % (self.exit_encoding, self.name))

    def boot(self, tag, cmdline, extra=(), timeout=BOOT_TIMEOUT, console_input=None, qemu=None):
        """Boot with cmdline; returns (output, exit status or None if it hung, log path).

        console_input is typed on the serial console once the kernel's banner shows that
        its UART is set up (bytes sent earlier would be lost when it resets the FIFO).
        """
        log = os.path.join(self.logdir, "%s-%s.log" % (self.name, tag))
        proc = subprocess.Popen((qemu or self.qemu) + ["-append", cmdline] + list(extra), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.PIPE)
        chunks, ready = [], threading.Event()

        def reader():
            for line in iter(proc.stdout.readline, b""):
                chunks.append(line)
                if b"frames free of" in line:
                    ready.set()
            ready.set()

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        try:
            if console_input and ready.wait(timeout):
                proc.stdin.write(console_input.encode())
                proc.stdin.flush()
            status = proc.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            proc.kill()
            proc.wait()
            status = None if proc.returncode is None or proc.returncode < 0 else proc.returncode
        thread.join(5)
        text = b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")
        if status is None:
            text += "\n[runner: no power-off after %d s: killed as hung]\n" % timeout
        open(log, "w").write(text)
        return text, status, log


def run_ktests(res, arch, exits):
    tests = declared(r"^KTEST\((\w+)\)",
                     source_files("kernel/test/*.c", "arch/%s/test/*.c" % arch.name))
    prefix = "%s/ktest" % arch.name
    if not tests:
        res.add(prefix, False, "no KTEST found in the sources: runner or tree is broken")
        return
    # With the debug options on, as every test boot: a missed TLB flush is a BUG, and a
    # frame used after it was freed reads as poison (mm/page_poison.c).
    text, status, log = arch.boot("ktest", "ktest=all " + DEBUG_OPTIONS)
    banner = re.search(r"^Faultline: (\d+) MiB RAM, (\d+) frames free of (\d+)", text, re.M)
    # QEMU runs with -m 128M; firmware holes (x86: below 1 MiB, ACPI tables) take a little.
    res.add("%s/boot_banner" % arch.name, bool(banner) and 120 <= int(banner.group(1)) <= 128
            and 0 < int(banner.group(2)) <= int(banner.group(3)),
            "no banner with memory size and free frames", log)
    results = judge(res, prefix, tests, text, log)
    all_ok = len(results) == len(tests) and all(ok for ok, _ in results.values())
    want = arch.qemu_status(exits["EXIT_SUCCESS"] if all_ok else exits["EXIT_TEST_FAILURE"])
    if status is None:
        res.add("%s/power-off" % prefix, False, "hung: no power-off", log)
    elif status != want:
        res.add("%s/exit-status" % prefix, False,
                "QEMU exit status %d, expected %d from the results" % (status, want), log)


def run_ktests_without_debug_options(res, arch, exits):
    """The ktests of debug options, in a boot without them: proves they are off by default."""
    tests = [t for t in declared(r"^KTEST\((\w+)\)",
                                 source_files("kernel/test/*.c", "arch/%s/test/*.c" % arch.name))
             if t.startswith(DEBUG_OPTION_KTESTS)]
    prefix = "%s/ktest-default" % arch.name
    text, status, log = arch.boot("ktest-default", "ktest=" + DEBUG_OPTION_KTESTS)
    results = judge(res, prefix, tests, text, log)
    all_ok = len(results) == len(tests) and all(ok for ok, _ in results.values())
    want = arch.qemu_status(exits["EXIT_SUCCESS"] if all_ok else exits["EXIT_TEST_FAILURE"])
    if status != want:
        res.add("%s/exit-status" % prefix, False,
                "QEMU exit status %s, expected %d from the results" % (status, want), log)


def run_crash_tests(res, arch, exits):
    crashes = declared(r'^CRASH_TEST\((\w+),\s*(EXIT_\w+),\s*"((?:[^"\\]|\\.)*)"\)',
                       source_files("kernel/test/*.c", "arch/%s/test/*.c" % arch.name))
    for name, status_name, expected in crashes:
        test = "%s/crash/%s" % (arch.name, name)
        # debug_tlb as in every test boot; a crash test of it needs it on.
        text, status, log = arch.boot("crash-" + name, "ktest.crash=%s debug_tlb" % name)
        expected = expected.encode().decode("unicode_escape")
        problems = []
        if status is None:
            problems.append("hung instead of crashing")
        elif status != arch.qemu_status(exits[status_name]):
            problems.append("exit status %s, expected %s (%d)" % (status, status_name,
                                                                 arch.qemu_status(exits[status_name])))
        if expected not in text:
            problems.append("output lacks %r" % expected)
        if "Backtrace:" not in text or not re.search(r"\] \w+\+0x[0-9a-f]+$", text, re.M):
            problems.append("no symbolised backtrace")
        res.add(test, not problems, "; ".join(problems), log)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


CONSOLE_LINE = "console-input-check 42\n"  # what user/tests/console_write_read reads


def run_user_tests(res, arch, exits):
    """Boot with init=/tests/runall: every user test, its outcome and a frame-leak check."""
    tests = []
    for path in sorted(glob.glob(os.path.join(ROOT, "user/tests/*.c"))):
        with open(path) as f:
            if re.search(r"^/\* EXPECT: (exit|signal) \w+", f.read(), re.M):
                tests.append(os.path.splitext(os.path.basename(path))[0])
    prefix = "%s/user" % arch.name
    if not tests:
        res.add(prefix, False, "no user test with an EXPECT line in user/tests/")
        return
    # debug_tlb: a PTE change left unflushed is a kernel BUG (mm/tlbflush.h), for every test;
    # page_poison=1: a freed frame still in use reads as poison, not as stale good data.
    text, status, log = arch.boot("user", "init=/tests/runall " + DEBUG_OPTIONS, timeout=240,
                                  console_input=CONSOLE_LINE)
    results = judge(res, prefix, tests, text, log)
    all_ok = len(results) == len(tests) and all(ok for ok, _ in results.values())
    want = arch.qemu_status(exits["EXIT_SUCCESS"] if all_ok else exits["EXIT_TEST_FAILURE"])
    if status is None:
        res.add("%s/power-off" % prefix, False, "hung: init never exited", log)
    elif status != want:
        res.add("%s/exit-status" % prefix, False,
                "QEMU exit status %d, expected %d from the results" % (status, want), log)


def run_difftest(res, arch):
    """Every user test on Linux too (tools/difftest.py), compared with the user boot's log."""
    log = os.path.join(arch.logdir, "%s-user.log" % arch.name)
    out_log = os.path.join(arch.logdir, "%s-difftest.log" % arch.name)
    try:
        # (difftest's Linux VM for LINUX-VM tests may first download a kernel package)
        out = sh([sys.executable, "tools/difftest.py", "--arch", arch.name, "--log", log],
                 timeout=600)
        text, status = out.stdout, out.returncode
    except subprocess.TimeoutExpired as e:
        text = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or ""
        text, status = text + "\n[difftest hung: killed]\n", None
    open(out_log, "w").write(text)
    reported = 0
    for line in text.splitlines():
        m = re.match(r"^(PASS|FAIL|SKIP) (\S+)(?:: (.*))?$", line)
        if not m:
            continue
        reported += 1
        if m.group(1) == "SKIP":
            res.skip("SKIP  %s: %s" % (m.group(2), m.group(3)))
        else:
            res.add(m.group(2), m.group(1) == "PASS", m.group(3) or "", out_log)
    if not reported or status not in (0, 1):
        res.add("%s/difftest" % arch.name, False, "difftest did not run (status %s)" % status,
                out_log)


def run_extra_program(res, arch, exits):
    """make qemu EXTRA=prog INIT="/prog": a teacher's own static ELF runs as init's child."""
    test = "%s/user/extra_program_runs" % arch.name
    build = "build/%s-extra" % arch.name
    src = "tools/testdata/extra-%s.S" % arch.name
    elf = os.path.join(ROOT, build, "teacher_prog")
    # From a copy of the arch's build (times kept): only the initrd is packed again.
    sh(["rm", "-rf", build])
    sh(["cp", "-a", os.path.join("build", arch.name), build])
    os.makedirs(os.path.join(ROOT, build), exist_ok=True)
    cc = arch.make_var("CC")
    link = sh([cc] + shlex.split(arch.make_var("ARCH_CFLAGS")) +
              ["-nostdlib", "-static", "-no-pie", "-o", elf, src])
    made = sh(["make", "--no-print-directory", "ARCH=" + arch.name, "BUILD=" + build,
               "EXTRA=" + elf, build + "/initrd.cpio"]) if link.returncode == 0 else link
    log = os.path.join(arch.logdir, "%s-extra.log" % arch.name)
    if made.returncode != 0:
        open(log, "w").write(link.stdout + made.stdout)
        res.add(test, False, "could not build the program or its initrd", log)
        return
    qemu = [os.path.join(ROOT, build, "initrd.cpio") if w.endswith("initrd.cpio") else w
            for w in arch.qemu]
    text, status, log = arch.boot("extra", "-- /teacher_prog", qemu=qemu)
    problems = []
    if "hello from a teacher's program" not in text:
        problems.append("the program's output is missing")
    if not re.search(r"^\[exit 3\]", text, re.M):
        problems.append("init did not report [exit 3]")
    if status != arch.qemu_status(exits["EXIT_TEST_FAILURE"]):
        problems.append("exit status %s: init should pass on the program's status 3" % status)
    res.add(test, not problems, "; ".join(problems), log)


class ConsoleSession:
    """A QEMU boot whose serial console is typed at and read step by step (as expect)."""

    def __init__(self, arch, cmdline):
        self.proc = subprocess.Popen(arch.qemu + ["-append", cmdline], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.PIPE)
        self.text, self.seen, self.lock = "", 0, threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            with self.lock:
                self.text += chunk.decode(errors="replace").replace("\r", "")

    def expect(self, pattern, timeout=30):
        """Wait until pattern appears after what the last expect matched; True if it did."""
        deadline = time.time() + timeout
        regex = re.compile(pattern, re.M)
        while time.time() < deadline:
            with self.lock:
                m = regex.search(self.text, self.seen)
                if m:
                    self.seen = m.end()
                    return True
            if self.proc.poll() is not None and not self.thread.is_alive():
                return False
            time.sleep(0.05)
        return False

    def type(self, keys):
        self.proc.stdin.write(keys.encode())
        self.proc.stdin.flush()

    def finish(self, timeout):
        """Wait for the power-off; returns (output, exit status or None if it hung)."""
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = None
        self.thread.join(5)
        return self.text, status


def run_shell_job_control_test(res, arch, exits):
    """The built-in shell on the console: Ctrl-C, Ctrl-\\ and Ctrl-Z reach the command
    running in the foreground, not the shell; jobs, bg and fg manage a stopped one."""
    test = "%s/shell/job_control_keys" % arch.name
    log = os.path.join(arch.logdir, "%s-shell.log" % arch.name)
    steps = [  # (what to type, what must then appear), in order
        ("", r"^Faultline shell: .*\n\$ "),
        ("spin\n", r"^spin: running$"),
        ("\x1a", r"^\[1\]\+  Stopped  spin\n\$ "),
        ("jobs\n", r"^\[1\]  Stopped  spin\n\$ "),
        ("bg\n", r"^\[1\] spin &\n\$ "),
        ("jobs\n", r"^\[1\]  Running  spin\n\$ "),
        ("fg\n", r"^spin$"),
        ("\x03", r"^\^C\n\[killed by signal 2 \(SIGINT\)\]\n\$ "),
        ("spin &\n", r"^\[1\] \d+\n\$ "),
        ("fg 1\n", r"^spin$"),
        ("\x1c", r"^\^\\\n\[killed by signal 3 \(SIGQUIT\)\]\n\$ "),
        # No job left: nothing between the echoed lines. Whether the shell's next prompt
        # comes before or after the echo of "exit 0" depends on when the keys arrive.
        ("jobs\nexit 0\n", r"jobs\n(\$ )?exit 0\n(\$ )?init exited with status 0"),
    ]
    session = ConsoleSession(arch, DEBUG_OPTIONS)
    problems = []
    for keys, want in steps:
        if keys:
            session.type(keys)
        if not session.expect(want, timeout=BOOT_TIMEOUT):
            problems.append("after typing %r, no %r" % (keys, want))
            break
    text, status = session.finish(BOOT_TIMEOUT)
    open(log, "w").write(text)
    if re.search(r"^(panic|Oops)", text, re.M):
        problems.append("the kernel crashed")
    if not problems and status != arch.qemu_status(exits["EXIT_SUCCESS"]):
        problems.append("exit status %s after 'exit 0'" % status)
    res.add(test, not problems, "; ".join(problems), log)


def run_bench_quick(res, arch):
    """`make bench` builds and a short run completes: every row measured, no timing judged."""
    test = "%s/bench/quick_run_completes" % arch.name
    out = sh(["python3", "tools/bench.py", "--arch", arch.name, "--quick", "--timeout",
              str(BOOT_TIMEOUT * 3)])
    log = os.path.join(arch.logdir, "%s-bench-quick.log" % arch.name)
    open(log, "w").write(out.stdout)
    res.add(test, out.returncode == 0, "exit status %d" % out.returncode, log)


def run_bad_initrd(res, arch, exits):
    """A corrupt initrd is refused with a message and a failure status, never a crash."""
    good = [w for w in arch.qemu if w.endswith("initrd.cpio")][0]
    data = bytearray(open(os.path.join(ROOT, good), "rb").read())
    second = data.find(b"070701", 6)  # break the magic of the second entry
    data[second:second + 6] = b"07070X"
    bad = os.path.join(arch.logdir, "%s-bad-initrd.cpio" % arch.name)
    open(bad, "wb").write(data)
    qemu = [bad if w == good else w for w in arch.qemu]
    text, status, log = arch.boot("bad-initrd", "", qemu=qemu)
    problems = []
    if not re.search(r"^initrd: malformed archive at byte \d+: bad magic", text, re.M):
        problems.append("no clear message naming the problem")
    if re.search(r"^(panic|Oops)", text, re.M):
        problems.append("the kernel crashed")
    if status != arch.qemu_status(exits["EXIT_TEST_FAILURE"]):
        problems.append("exit status %s, expected a clean failure power-off" % status)
    res.add("%s/user/malformed_initrd_rejected" % arch.name, not problems, "; ".join(problems), log)


def run_early_panic(res, arch, exits):
    """A panic before paging_init() must still power off with a failure status."""
    text, status, log = arch.boot("crash-early", "ktest.crash_early")
    want = arch.qemu_status(exits["EXIT_PANIC"])
    problems = []
    if "panic: early crash test" not in text:
        problems.append("no panic message")
    if status != want:
        problems.append("exit status %s, expected %d" % (status, want))
    res.add("%s/crash/early_panic" % arch.name, not problems, "; ".join(problems), log)


def run_initrd_tracks_sources(res, arch):
    """A test deleted from user/tests/ leaves nothing behind in the initrd or /tests/list.

    Deleting a source makes no prerequisite newer, so a make rule that only compares
    times would keep the old list. Checked on a copy of the build directory (times kept,
    so nothing recompiles), with the first test left out of USER_TEST_SRCS as if its
    source had been deleted.
    """
    test = "%s/build/initrd_tracks_sources" % arch.name
    src = os.path.join(ROOT, "build", arch.name)
    copy = os.path.join(ROOT, "build", "%s-initrd-check" % arch.name)
    log = os.path.join(arch.logdir, "%s-initrd-check.log" % arch.name)
    sources = sorted(glob.glob(os.path.join(ROOT, "user/tests/*.c")))
    gone = os.path.splitext(os.path.basename(sources[0]))[0]
    kept = " ".join(os.path.relpath(p, ROOT) for p in sources[1:])
    sh(["rm", "-rf", copy])
    out = sh(["cp", "-a", src, copy])
    if out.returncode == 0:
        out = sh(["make", "--no-print-directory", "ARCH=" + arch.name,
                  "BUILD=" + os.path.relpath(copy, ROOT), "USER_TEST_SRCS=" + kept,
                  os.path.relpath(copy, ROOT) + "/initrd.cpio"])
    text = out.stdout
    problems = []
    if out.returncode != 0:
        problems.append("the build failed")
    else:
        listing = sh(["sh", "-c", "cpio -it --quiet < '%s/initrd.cpio'" % copy]).stdout.split()
        with open(os.path.join(copy, "initrd", "tests", "list")) as f:
            names = [line.split()[0] for line in f if line.strip()]
        text += "\ncpio: %s\nlist: %s\n" % (" ".join(listing), " ".join(names))
        if "tests/" + gone in listing:
            problems.append("the initrd still holds tests/%s" % gone)
        if gone in names:
            problems.append("/tests/list still names %s" % gone)
        if len(names) != len(sources) - 1:
            problems.append("/tests/list has %d tests, the sources %d" % (len(names), len(sources) - 1))
    open(log, "w").write(text)
    sh(["rm", "-rf", copy])
    res.add(test, not problems, "; ".join(problems), log)


def gdb_batch(cmds, timeout=90):
    """gdb-multiarch's output for the commands run in batch mode; killed if it hangs."""
    args = ["gdb-multiarch", "-nx", "-batch"]
    for c in cmds:
        args += ["-ex", c]
    try:
        return subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL).stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else e.stdout or ""
        return out + "\n[gdb hung: killed]\n"


def run_gdb_test(res, arch):
    """Break at start_kernel, step over two calls, read a variable and registers."""
    test = "%s/gdb/break_step_print" % arch.name
    port = free_port()
    marker = "gdbtest marker=%d" % os.getpid()
    log = os.path.join(arch.logdir, "%s-gdb.log" % arch.name)
    qemu = subprocess.Popen(arch.qemu + ["-append", marker, "-S", "-gdb", "tcp:127.0.0.1:%d" % port],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL)
    cmds = ["set pagination off", "set confirm off",
            "set architecture " + arch.gdb_arch, "file " + arch.kernel,
            "source tools/gdb/faultline.gdb",
            "target remote 127.0.0.1:%d" % port,
            "hbreak start_kernel", "continue", "delete",
            "next", "next", "next", "next",
            "print 'cmdline.c'::command_line",
            "info symbol $pc", "p/x $sp", "bt", "kill"]
    try:
        out = gdb_batch(cmds)
    finally:
        qemu.kill()
        qemu.wait()
    open(log, "w").write(out)
    problems = []
    if not re.search(r"^Breakpoint 1, start_kernel \(\) at kernel/main\.c:\d+", out, re.M):
        problems.append("did not stop at start_kernel in kernel/main.c")
    if not re.search(r"^\d+\s+cmdline_init\(arch_boot_cmdline\(\)\);", out, re.M):
        problems.append("stepping did not reach cmdline_init()")
    if not re.search(r'^\$1 = "%s"' % re.escape(marker), out, re.M):
        problems.append("command_line does not hold the boot's command line")
    if not re.search(r"^start_kernel \+ \d+ in section \.text", out, re.M):
        problems.append("pc is not in start_kernel")
    if "corrupt stack" in out or not re.search(r"^#\d+ .* in (high|high64) \(\)", out, re.M):
        problems.append("bt does not end cleanly at the boot code")
    sp = re.search(r"^\$2 = 0x([0-9a-f]+)$", out, re.M)
    if not sp or int(sp.group(1), 16) < 0xffff800000000000:
        problems.append("sp is not a kernel address")
    res.add(test, not problems, "; ".join(problems), log)


# The fault /tests/fault_target takes on purpose (user/harness/fault_target.c): a write
# from user mode to FAULT_TARGET_ADDR, in its anonymous mapping [BASE, BASE + LEN).
FAULT_TARGET_BASE = 0x10000000
FAULT_TARGET_LEN = 0x4000
FAULT_TARGET_ADDR = FAULT_TARGET_BASE + 0x2123
# Stop in handle_mm_fault() on that fault only: a user fault (FAULT_FLAG_USER, 0x40; gdb
# does not know the macro) in the mapping, by the task named fault_target. Conditions
# are tested left to right and stop at the first false one, so current is only read on
# a user fault, when there is a current task.
FAULT_BREAK = ("hbreak handle_mm_fault if (flags & 0x40) && addr >= %#x && addr < %#x"
               ' && $_streq(current->name, "fault_target")'
               % (FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN))


def flag_names(header, prefix):
    """{value: name} of every '#define <prefix>NAME 0x...' in header (one bit each)."""
    with open(os.path.join(ROOT, header)) as f:
        return {int(v, 16): n for n, v in
                re.findall(r"^#define (%s\w+)\s+(0x[0-9a-fA-F]+)\b" % prefix, f.read(), re.M)}


def decode(value, names):
    """value as 'NAME|NAME' in bit order, as faultinfo (tools/gdb/faultline.gdb) prints it."""
    return "|".join(names[bit] for bit in sorted(names) if value & bit)


def gdb_fault_target(arch, name, cmds, timeout=120, sources=(), program="/tests/fault_target"):
    """Boot program (/tests/fault_target unless told) as init's child under QEMU's gdb
    stub and run the gdb commands cmds after connecting (the kernel's symbols and
    tools/gdb/faultline.gdb are loaded first, then sources). Returns gdb's output, the
    console text, QEMU's exit status (None if it did not power off after gdb finished)
    and the gdb log's path."""
    port = free_port()
    log = os.path.join(arch.logdir, "%s-gdb-%s.log" % (arch.name, name))
    console_log = os.path.join(arch.logdir, "%s-gdb-%s-console.log" % (arch.name, name))
    cmds = (["set pagination off", "set confirm off",
             "set architecture " + arch.gdb_arch, "file " + arch.kernel,
             "source tools/gdb/faultline.gdb"] + ["source " + f for f in sources] +
            ["target remote 127.0.0.1:%d" % port] + cmds)
    out, status = "", None
    with open(console_log, "w") as console:
        qemu = subprocess.Popen(arch.qemu + ["-append", "-- " + program, "-S",
                                             "-gdb", "tcp:127.0.0.1:%d" % port],
                                cwd=ROOT, stdout=console, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        try:
            out = gdb_batch(cmds, timeout=timeout)
            status = qemu.wait(timeout=30)  # after the last continue it powers off
        except subprocess.TimeoutExpired:
            pass
        finally:
            if qemu.poll() is None:
                qemu.kill()
                qemu.wait()
    open(log, "w").write(out)
    text = open(console_log, errors="replace").read().replace("\r\n", "\n")
    return out, text, status, log


def fault_target_finished(arch, exits, text, status, after):
    """The problems, if /tests/fault_target did not end with [exit 0] and a clean power-off."""
    problems = []
    if not re.search(r"^\[exit 0\]$", text, re.M):
        problems.append("the program did not finish with [exit 0] after %s" % after)
    if status is None:
        problems.append("the kernel did not power off after the last continue")
    elif status != arch.qemu_status(exits["EXIT_SUCCESS"]):
        problems.append("QEMU exit status %d, expected a clean power-off" % status)
    return problems


def run_gdb_fault_test(res, arch, exits):
    """Stop in the fault core on one user program's write fault; read, decode and go on.

    Boots /tests/fault_target as init's child under QEMU's gdb stub, breaks in
    handle_mm_fault() on its fault only, reads the address, the flags and the VMA,
    decodes them with the faultinfo helper, takes a backtrace down to the arch's trap
    path, then lets the program finish and the kernel power off.
    """
    test = "%s/gdb/user_fault_in_core" % arch.name
    out, text, status, log = gdb_fault_target(arch, "fault", [
        FAULT_BREAK, "continue",
        "p/x addr", "p/x flags", "p/x vma->vm_start", "p/x vma->vm_end",
        "faultinfo", "bt", "delete", "continue"])

    def value(n):
        m = re.search(r"^\$%d = (0x[0-9a-f]+)$" % n, out, re.M)
        return int(m.group(1), 16) if m else None

    addr, flags, vm_start, vm_end = value(1), value(2), value(3), value(4)
    problems = []
    stops = re.findall(r"^Breakpoint 1, (\w+) \(", out, re.M)
    if stops != ["handle_mm_fault"]:
        problems.append("stopped %s, expected once in handle_mm_fault" % (stops or "never"))
    if addr != FAULT_TARGET_ADDR:
        problems.append("addr %s, the program writes to %#x" % (addr and hex(addr), FAULT_TARGET_ADDR))
    if flags is None or flags & 0x41 != 0x41:
        problems.append("flags %s lack FAULT_FLAG_WRITE|FAULT_FLAG_USER (0x41)" % (flags and hex(flags)))
    if (vm_start, vm_end) != (FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN):
        problems.append("VMA [%s, %s), the program maps [%#x, %#x)" % (
            vm_start and hex(vm_start), vm_end and hex(vm_end),
            FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN))
    elif addr is None or not vm_start <= addr < vm_end:
        problems.append("addr is outside the VMA")
    if flags is not None:
        want = "fault: addr %#x flags %#x = %s" % (FAULT_TARGET_ADDR, flags,
                                                  decode(flags, flag_names("mm/fault.h", "FAULT_FLAG_")))
        if not re.search(r"^%s$" % re.escape(want), out, re.M):
            problems.append("faultinfo did not print %r" % want)
    # A private anonymous mapping: readable, writable, and (as in Linux) allowed to
    # become readable, writable or executable later (VM_MAY*).
    want_names = "VM_READ|VM_WRITE|VM_MAYREAD|VM_MAYWRITE|VM_MAYEXEC"
    want = "vma: [%#x, %#x) vm_flags 0x73 = %s, anonymous" % (
        FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN, want_names)
    if decode(0x73, flag_names("mm/mm.h", "VM_")) != want_names or \
            not re.search(r"^%s$" % re.escape(want), out, re.M):
        problems.append("faultinfo did not print %r" % want)
    frames = re.findall(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(", out, re.M)
    if not frames or frames[0] != ("0", "handle_mm_fault"):
        problems.append("bt does not start at handle_mm_fault")
    if not any("page_fault" in name for _, name in frames[1:]):
        problems.append("bt shows no *page_fault* frame of the trap path")
    if "fault_target: writing to %#x" % FAULT_TARGET_ADDR not in text:
        problems.append("the program did not say where it writes")
    problems += fault_target_finished(arch, exits, text, status, "the stop")
    res.add(test, not problems, "; ".join(problems), log)


def run_gdb_retry_test(res, arch, exits):
    """Watch the retry loop in gdb: the fault_retry_inject knob makes the program's fault
    retry twice, and the breakpoint in handle_mm_fault() sees each try.

    The first stop is the first try (no FAULT_FLAG_TRIED); gdb then sets the knob (as
    docs/fault-path.md shows), so handle_mm_fault() returns VM_FAULT_RETRY with the lock
    dropped, twice; the lock half retries with TRIED (0x20) each time, the third try
    maps the page, and the program finishes.
    """
    test = "%s/gdb/fault_retry_watched" % arch.name
    out, text, status, log = gdb_fault_target(arch, "retry", [
        FAULT_BREAK, "continue", "p/x flags",
        "set var fault_retry_inject.addr = %#x" % FAULT_TARGET_ADDR,
        "set var fault_retry_inject.nr_left = 2",
        "continue", "p/x flags", "continue", "p/x flags",
        "p fault_retry_inject.nr_injected", "delete", "continue"])
    problems = []
    stops = re.findall(r"^Breakpoint 1, (\w+) \(", out, re.M)
    if stops != ["handle_mm_fault"] * 3:
        problems.append("stopped %s, expected three times in handle_mm_fault" % (stops or "never"))
    flags = [int(m, 16) for m in re.findall(r"^\$[123] = (0x[0-9a-f]+)$", out, re.M)]
    if len(flags) != 3:
        problems.append("read %d values of flags, expected 3" % len(flags))
    else:
        if flags[0] & 0x20:
            problems.append("the first try already has FAULT_FLAG_TRIED")
        if not all(f & 0x20 for f in flags[1:]):
            problems.append("the retries lack FAULT_FLAG_TRIED: %s" % [hex(f) for f in flags])
        if not all(f & 0x41 == 0x41 for f in flags):
            problems.append("a try lost FAULT_FLAG_WRITE|USER: %s" % [hex(f) for f in flags])
    if not re.search(r"^\$4 = 2$", out, re.M):
        problems.append("fault_retry_inject.nr_injected is not 2")
    problems += fault_target_finished(arch, exits, text, status, "the retries")
    res.add(test, not problems, "; ".join(problems), log)


def run_gdb_userfault_test(res, arch, exits):
    """docs/blocking-faults.md's gdb walk: a fault that waits for a user pager, seen on
    its first try in handle_userfault() and again on its retry, where FAULT_FLAG_TRIED
    has been added.

    Boots /tests/lazyload (user/examples/lazyload.c): its first fault is worker 1's read
    of page 3, on an anonymous range registered with UFFDIO_REGISTER_MODE_MISSING. The
    first stop is in handle_userfault() on that fault (called from do_anonymous_page(),
    flags ALLOW_RETRY|KILLABLE|USER|INTERRUPTIBLE, no TRIED, no WRITE); the second, in
    handle_mm_fault() on a try with TRIED, is its retry once the pager has copied the
    page in: the same flags plus TRIED, the VMA registered (VM_UFFD_MISSING). The
    program then prints its whole trace and exits 0.
    """
    test = "%s/gdb/userfault_tried_flips" % arch.name
    out, text, status, log = gdb_fault_target(arch, "userfault", [
        'hbreak handle_userfault if $_streq(current->name, "lazyload")', "continue",
        "p/x vmf->flags", "p/x vmf->address & 0xfff", "bt", "delete",
        'hbreak handle_mm_fault if (flags & 0x20) && $_streq(current->name, "lazyload")',
        "continue", "p/x flags", "faultinfo", "delete", "continue"],
        program="/tests/lazyload")
    problems = []
    stops = re.findall(r"^Breakpoint (\d), (\w+) \(", out, re.M)
    if stops != [("1", "handle_userfault"), ("2", "handle_mm_fault")]:
        problems.append("stopped %s, expected in handle_userfault, then in handle_mm_fault"
                        % (stops or "never"))
    values = dict(re.findall(r"^\$(\d) = (0x[0-9a-f]+)$", out, re.M))
    first, offset, retry = (int(values[k], 16) if k in values else None for k in "123")
    if first != 0x254:
        problems.append("first try's flags %s, expected 0x254 (ALLOW_RETRY|KILLABLE|USER|"
                        "INTERRUPTIBLE)" % (first and hex(first)))
    if offset != 0:
        problems.append("the message's address is not page-aligned")
    if retry != 0x274:
        problems.append("retry's flags %s, expected 0x274 (the first try's and TRIED)"
                        % (retry and hex(retry)))
    frames = re.findall(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\w+) \(", out, re.M)
    names = [name for _, name in frames]
    if names[:4] != ["handle_userfault", "do_anonymous_page", "handle_pte_fault",
                     "handle_mm_fault"] or "fault_in_mm" not in names:
        problems.append("bt is not handle_userfault <- do_anonymous_page <- "
                        "handle_pte_fault <- handle_mm_fault <- ... fault_in_mm: %s" % names[:6])
    if not re.search(r"^fault: addr 0x[0-9a-f]+ flags 0x274 = FAULT_FLAG_ALLOW_RETRY\|"
                     r"FAULT_FLAG_KILLABLE\|FAULT_FLAG_TRIED\|FAULT_FLAG_USER\|"
                     r"FAULT_FLAG_INTERRUPTIBLE$", out, re.M):
        problems.append("faultinfo did not decode the retry's flags")
    if not re.search(r"^vma: .*\|VM_UFFD_MISSING, anonymous$", out, re.M):
        problems.append("faultinfo did not show the VMA registered (VM_UFFD_MISSING)")
    if not re.search(r"^lazyload: loaded pages match the image$", text, re.M):
        problems.append("lazyload did not finish its trace")
    if not re.search(r"^\[exit 0\]$", text, re.M):
        problems.append("lazyload did not exit 0")
    if status is None:
        problems.append("the kernel did not power off after the last continue")
    elif status != arch.qemu_status(exits["EXIT_SUCCESS"]):
        problems.append("QEMU exit status %d, expected a clean power-off" % status)
    res.add(test, not problems, "; ".join(problems), log)


def run_gdb_profile_test(res, arch, exits):
    """Profile one fault per function with tools/gdb/fault_profile.py (docs/performance.md).

    Stops in handle_mm_fault() on /tests/fault_target's write fault, as the test above,
    then `faultprofile` single-steps to the instruction that returns to user mode. The count must cover at least
    clearing the page (4 KiB: 512 eight-byte stores, or one x86 string instruction plus
    the rest of the fault) and name handle_mm_fault; the program then finishes.
    """
    test = "%s/gdb/fault_profile" % arch.name
    out, text, status, log = gdb_fault_target(
        arch, "profile", [FAULT_BREAK, "continue", "delete", "faultprofile", "continue"],
        timeout=300, sources=["tools/gdb/fault_profile.py"])
    problems = []
    m = re.search(r"^faultprofile: (\d+) instructions from handle_mm_fault until the return to "
                  r"user mode at (0x[0-9a-f]+)$", out, re.M)
    if not m:
        problems.append("faultprofile did not step from handle_mm_fault to the return to user mode")
    else:
        total = int(m.group(1))
        rows = {name: int(n) for n, name in re.findall(r"^\s+(\d+)\s+[\d.]+%\s+(\S+)$", out, re.M)}
        if total < 64:
            problems.append("only %d instructions for a fault that maps a new page" % total)
        if rows.get("handle_mm_fault", 0) < 1:
            problems.append("handle_mm_fault has no line in the profile")
        if sum(rows.values()) != total:
            problems.append("the lines add up to %d, not the total %d" % (sum(rows.values()), total))
    problems += fault_target_finished(arch, exits, text, status, "the profile")
    res.add(test, not problems, "; ".join(problems), log)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", action="append", required=True, help="riscv64 or x86_64; repeatable")
    ap.add_argument("--no-host", action="store_true", help="skip the host unit tests")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                    help="arches tested at once, a process each (default: 2, or 1 on one CPU)")
    args = ap.parse_args()
    logdir = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logdir, exist_ok=True)
    res = Results()
    exits = exit_statuses()
    start = time.time()
    if not args.no_host:
        run_host(res, logdir)
        print("# host: %d passed, %d failed" % (res.passed, res.failed))
    # Every arch is built before any is tested: one arch's difftest may take its Linux
    # reference from the other's build (a LINUX-REF-ARCH test: uffd-wp, which Linux
    # riscv64 lacks, is compared with x86_64 Linux running the x86_64 binary).
    built = {}
    for name in args.arch:
        built[name] = Arch(name, logdir)
        if not built[name].build():
            res.add("%s/build" % name, False, "build failed",
                    os.path.join(logdir, "%s-build.log" % name))
            built[name] = None

    def test_arch(name, conn):
        """One arch's layers, in a process of its own; sends back its counts."""
        res = Results()
        try:
            test_arch_layers(name, res)
        except Exception:  # a runner bug in one arch must fail the run, not vanish
            res.add("%s/runner" % name, False, "the runner raised: " +
                    traceback.format_exc().strip().replace("\n", " | "))
        conn.send((res.passed, res.failed, res.skipped))

    def test_arch_layers(name, res):
        arch = built[name]
        layers = [
            (run_ktests, res, arch, exits),
            (run_ktests_without_debug_options, res, arch, exits),
            (run_crash_tests, res, arch, exits),
            (run_early_panic, res, arch, exits),
            (run_gdb_test, res, arch),
            (run_gdb_fault_test, res, arch, exits),
            (run_gdb_retry_test, res, arch, exits),
            (run_gdb_userfault_test, res, arch, exits),
            (run_gdb_profile_test, res, arch, exits),
            (test_gdb.run_gdb, res, arch, exits),
            (run_user_tests, res, arch, exits),
            (test_trace.run_trace, res, arch, exits),
            (run_difftest, res, arch),
            (run_bad_initrd, res, arch, exits),
            (run_extra_program, res, arch, exits),
            (run_shell_job_control_test, res, arch, exits),
            (run_initrd_tracks_sources, res, arch),
            (run_bench_quick, res, arch),
            (test_labs.run_labs, res, arch, exits),
            (test_docs.run_docs, res, arch, exits),
        ]
        # What each layer took, in the log of the arch: the suite must stay well under
        # CI's budget (README), and this says where its minutes go.
        with open(os.path.join(logdir, "%s-times.log" % name), "w") as times:
            for layer, *layer_args in layers:
                begun = time.time()
                layer(*layer_args)
                times.write("%6.1f s  %s\n" % (time.time() - begun, layer.__name__))
                times.flush()

    # The arches are tested at once, each in a process of its own: QEMU's TCG runs one
    # guest on one host CPU, so two arches take the time of the slower one. --jobs 1
    # runs them one after the other. Processes, not threads, forked while the runner is
    # still one thread: what the tests spawn must not inherit a thread's state (a
    # program started from a thread inherits its SS_DISABLE altstack flags on Linux,
    # which a difftest of signal frames sees).
    if any(built.values()):
        test_labs.run_mklab_unit(res)
    fork = multiprocessing.get_context("fork")
    sys.stdout.flush()  # or a child would print what is buffered again
    pending = [name for name in args.arch if built[name] is not None]
    while pending:
        batch, pending = pending[:args.jobs], pending[args.jobs:]
        workers = []
        for name in batch:
            ours, theirs = fork.Pipe(duplex=False)
            worker = fork.Process(target=test_arch, args=(name, theirs))
            worker.start()
            theirs.close()
            workers.append((name, ours, worker))
        for name, ours, worker in workers:
            try:
                passed, failed, skipped = ours.recv()
            except EOFError:
                worker.join()
                res.add("%s/runner" % name, False, "the arch's test process died (exit %s)"
                        % worker.exitcode)
                continue
            worker.join()
            res.passed += passed
            res.failed += failed
            res.skipped += skipped
            print("# %s: %d passed, %d failed" % (name, passed, failed), flush=True)
    if any(built.values()):
        test_docs.run_static_checks(res, logdir)
    print("# %s, %.0f s, logs in %s" % (", ".join(args.arch), time.time() - start,
                                        os.path.relpath(logdir, ROOT)))
    if res.passed + res.failed == 0:
        res.add("runner", False, "no test ran")
    print("%d passed, %d failed, %d skipped" % (res.passed, res.failed, res.skipped))
    return 1 if res.failed else 0


if __name__ == "__main__":
    sys.exit(main())
