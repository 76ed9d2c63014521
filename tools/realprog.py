#!/usr/bin/env python3
"""realprog: run programs built by others on Faultline and on Linux, and compare.

`make realprog` calls it. For each arch it puts into one initrd:

  /init                  user/harness/realprog_init.c (Faultline's libc): runs the list
  /realprog/list         what to run, one program a line (realprog_init.c says the format)
  /realprog/glibc/NAME   each user/realprog/NAME.c, static, with Debian's glibc
  /realprog/musl/NAME    the same with musl (x86_64: musl-gcc from musl-tools; riscv64:
                         Debian trixie's riscv64 musl-dev, fetched and unpacked under build/)
  /bin/busybox           Debian's busybox-static (x86_64: this Debian's package; riscv64:
                         trixie's), downloaded and unpacked under build/, never installed
  /realprog/busybox.sh   the shell script busybox runs, and its data in /realprog/data/

then boots Faultline with it, and Debian's Linux kernel (tools/bench.py fetches it) in
the same QEMU with the same files; for Linux alone the initrd also has /dev/console and
empty /dev, /proc and /tmp, and the list starts with a silent busybox step
(/realprog/setup.sh) mounting devtmpfs, proc and tmpfs there (Faultline provides those
itself). The two consoles are
cut into one output per program (realprog_init frames each), kernel lines about user
programs dropped, and compared: one line per program, "same", "differs" (with a diff),
or "crashed" (killed by a signal or timed out on Faultline but not on Linux).

Then, per arch, an interactive check: both kernels boot again with an initrd whose list
runs only busybox's `cttyhack sh -i`, as the leader of a session whose controlling
terminal is the console (realprog_init's "@" lines). cttyhack gives the shell the
terminal as /dev/tty rather than /dev/console, because Linux never stops a background
job reading or writing through /dev/console (no SIGTTIN, no SIGTTOU: n_tty.c's "don't
stop on /dev/console"), which Faultline does not copy. The same keys are typed at both
consoles (as runtests.py's console tests do): a foreground `sleep`, Ctrl-Z, jobs, bg,
fg, Ctrl-C, a background `sleep`, fg %1, Ctrl-C, Ctrl-\\, a background `cat` stopped by
SIGTTIN and killed, a background echo stopped by SIGTTOU under `stty tostop` then fg,
exit. Each step waits for what it must print; the two transcripts, pids and the
terminal's escape sequences taken out, must be the same (one more "same" or "differs"
line, named busybox-job-control).

Last "N passed, N failed". Exit status 1 if any check did not give the same result.
"""
import argparse
import difflib
import glob
import os
import re
import shlex
import subprocess
import sys
import threading
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (Debian's kernels, the private apt configuration, cpio records)
from difftest import KERNEL_LINE_RES  # noqa: E402
from runtests import ConsoleSession  # noqa: E402

ROOT = bench.ROOT
PROGRAMS = ["hello", "floats", "malloc_heavy", "stdio_files", "setjmp_signals", "pthreads",
            "memory_api"]
LIBCS = ["glibc", "musl"]
ARGS = {"hello": ["one", "two"]}
SECONDS = 8            # per program, inside the guest (realprog_init kills it after that)
BUSYBOX_SECONDS = 15
JOB_CONTROL = "busybox-job-control"
JOB_CONTROL_SECONDS = 100  # the whole interactive shell, inside the guest
SETTLE = 1.0  # seconds for the shell to hand the terminal to a job it just started
# The interactive check: (what to type, what must then appear, whether to wait SETTLE
# after it so that the next key reaches the job, not the shell).
# busybox's line editing asks the terminal where its cursor is (ESC [6n) after the prompt
PROMPT = r"[#$] (\x1b\[[0-9;?]*[A-Za-z])*$"
JOB_CONTROL_STEPS = [
    ("", PROMPT, False),
    ("sleep 1000\n", r"sleep 1000\n", True),
    ("\x1a", r"\[1\]\+ +Stopped +sleep 1000\n(.*\n)*?.*" + PROMPT, False),
    ("jobs\n", r"\[1\]\+ +Stopped +sleep 1000\n(.*\n)*?.*" + PROMPT, False),
    ("bg\n", r"\[1\]\+? +sleep 1000\n(.*\n)*?.*" + PROMPT, False),
    ("jobs\n", r"\[1\]\+ +Running +sleep 1000\n(.*\n)*?.*" + PROMPT, False),
    ("fg\n", r"sleep 1000\n", True),
    ("\x03", PROMPT, False),
    ("jobs\n", r"jobs\n(.*\n)*?.*" + PROMPT, False),
    ("sleep 1000 &\n", r"sleep 1000 &\n(.*\n)*?.*" + PROMPT, False),  # (busybox prints no pid)
    ("fg %1\n", r"sleep 1000\n", True),
    ("\x03", PROMPT, False),
    ("sleep 1000\n", r"sleep 1000\n", True),
    ("\x1c", PROMPT, False),  # Ctrl-\\: SIGQUIT
    # A job stopped in the background is reported at the next prompt, if it stopped in
    # time: a second of sleep in the same line makes sure it has, on both kernels.
    ("cat & sleep 1\n", r"sleep 1\n(.*\n)*?.*" + PROMPT, False),  # reads the terminal
    ("jobs\n", r"jobs\n(.*\n)*?.*" + PROMPT, False),  # stopped by SIGTTIN
    # Linux's wakeup preemption lets the killed job die before the shell's next prompt,
    # where busybox reports it; Faultline's round robin may not: a second of sleep makes
    # the report come at the same place on both.
    ("kill -9 %1; sleep 1\n", r"sleep 1\n(.*\n)*?.*" + PROMPT, False),
    ("stty tostop; (echo written) & sleep 1\n", r"sleep 1\n(.*\n)*?.*" + PROMPT, False),
    ("jobs\n", r"jobs\n(.*\n)*?.*" + PROMPT, False),
    ("stty -tostop; fg\n", r"written\n(.*\n)*?.*" + PROMPT, False),
    ("exit\n", r"@@@ end %s " % JOB_CONTROL, False),
]
BOOT_TIMEOUT = 150     # seconds for one boot, the whole list included
MEMORY = "512M"
LINUX_CMDLINE = "console=ttyS0 panic=-1 loglevel=1"
LINUX_SETUP = ("/bin/busybox mount -t devtmpfs dev /dev; /bin/busybox mount -t proc proc /proc; "
               "/bin/busybox mount -t tmpfs tmp /tmp")
CFLAGS = ["-static", "-O2", "-pthread", "-Wall", "-Wextra", "-Werror"]
# Anywhere in a line: a program's last line may lack its newline.
BEGIN_RE = re.compile(r"^(.*)@@@ begin (\S+)$")
END_RE = re.compile(r"^(.*)@@@ end (\S+) (.*)$")


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL, **kw)


# --- Debian packages, downloaded and unpacked under build/, never installed ------------

def debian_package(arch, name):
    """The root of Debian's package name for arch, unpacked under build/<arch>/realprog/
    debs/<name>: (path, None) or (None, why)."""
    top = os.path.join(ROOT, "build", arch, "realprog", "debs", name)
    if os.path.isdir(os.path.join(top, "root")):
        return os.path.join(top, "root"), None
    if arch == "riscv64":
        opts, why = bench.riscv64_apt()
        if not opts:
            return None, why
    else:
        opts = ["-o", "APT::Sandbox::User=root"]
    os.makedirs(top, exist_ok=True)
    get = subprocess.run(["apt-get"] + opts + ["download", name], cwd=top, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    debs = glob.glob(os.path.join(top, name + "_*.deb"))
    if get.returncode != 0 or not debs:
        return None, "apt-get download %s (%s): %s" % (name, arch, get.stdout.strip()[-300:])
    x = sh(["dpkg-deb", "-x", debs[0], os.path.join(top, "root.tmp")])
    if x.returncode != 0:
        return None, "dpkg-deb -x %s: %s" % (debs[0], x.stdout.strip()[-300:])
    os.rename(os.path.join(top, "root.tmp"), os.path.join(top, "root"))
    os.remove(debs[0])
    return os.path.join(top, "root"), None


def compilers(arch):
    """{libc: compiler command (a list)} for arch, or raises SystemExit saying why not."""
    if arch == "x86_64":
        return {"glibc": ["x86_64-linux-gnu-gcc"], "musl": ["musl-gcc"]}
    musl, why = debian_package(arch, "musl-dev")
    if not musl:
        raise SystemExit("realprog: no riscv64 musl: %s" % why)
    gcc = "riscv64-linux-gnu-gcc"
    lib = os.path.join(musl, "usr", "lib", "riscv64-linux-musl")
    # trixie's objects carry debug information with relocations (R_RISCV_SET_ULEB128)
    # that bookworm's linker does not know and crashes on: strip it, once.
    if not os.path.exists(os.path.join(lib, ".debug-stripped")):
        strip = sh(["riscv64-linux-gnu-strip", "--strip-debug"] +
                   glob.glob(os.path.join(lib, "*.o")) + glob.glob(os.path.join(lib, "*.a")))
        if strip.returncode != 0:
            raise SystemExit("realprog: strip riscv64 musl: %s" % strip.stdout[-300:])
        open(os.path.join(lib, ".debug-stripped"), "w").close()
    gcc_file = lambda f: sh([gcc, "-print-file-name=" + f]).stdout.strip()  # noqa: E731
    # What musl's own musl-gcc.specs does, with the unpacked paths: musl's headers and
    # start files instead of glibc's, gcc's own headers and libgcc kept.
    return {"glibc": [gcc],
            "musl": [gcc, "-nostdinc", "-nostdlib",
                     "-isystem", os.path.join(musl, "usr", "include", "riscv64-linux-musl"),
                     "-isystem", gcc_file("include"),
                     os.path.join(lib, "crt1.o"), os.path.join(lib, "crti.o"),
                     gcc_file("crtbeginT.o"), "-L" + lib, "LINK_HERE",
                     "-Wl,--start-group", "-lc", "-lgcc", "-lgcc_eh", "-Wl,--end-group",
                     gcc_file("crtend.o"), os.path.join(lib, "crtn.o")]}


def build_programs(arch, out):
    """Compile every program with every libc into out/<libc>/<name>; None or why not."""
    for libc, cc in compilers(arch).items():
        os.makedirs(os.path.join(out, libc), exist_ok=True)
        for name in PROGRAMS:
            src = os.path.join(ROOT, "user", "realprog", name + ".c")
            dst = os.path.join(out, libc, name)
            if os.path.exists(dst) and os.path.getmtime(dst) > os.path.getmtime(src):
                continue
            srcs = CFLAGS + [src, "-o", dst + ".tmp"]  # renamed once whole
            cmd = (cc[:cc.index("LINK_HERE")] + srcs + cc[cc.index("LINK_HERE") + 1:]
                   if "LINK_HERE" in cc else cc + srcs + ["-lm"])
            made = sh(cmd)
            if made.returncode != 0:
                return "%s: %s\n%s" % (" ".join(shlex.quote(c) for c in cmd), "failed", made.stdout)
            os.replace(dst + ".tmp", dst)
    return None


# --- the initrd ---------------------------------------------------------------------------

def program_list(linux, interactive=False):
    lines = ["- 10 /bin/busybox sh /realprog/setup.sh"] if linux else []
    if interactive:
        lines.append("@%s %d /bin/busybox cttyhack /bin/busybox sh -i" % (JOB_CONTROL, JOB_CONTROL_SECONDS))
        return "\n".join(lines) + "\n"
    for libc in LIBCS:
        for name in PROGRAMS:
            lines.append(" ".join(["%s/%s" % (libc, name), str(SECONDS),
                                   "/realprog/%s/%s" % (libc, name)] + ARGS.get(name, [])))
    lines.append("busybox %d /bin/busybox sh /realprog/busybox.sh" % BUSYBOX_SECONDS)
    return "\n".join(lines) + "\n"


def make_initrd(path, init, busybox, progs, linux, interactive=False):
    files = [("init", init), ("bin/busybox", busybox),
             ("realprog/busybox.sh", os.path.join(ROOT, "user", "realprog", "busybox.sh")),
             ("realprog/data/fruit.txt", os.path.join(ROOT, "user", "realprog", "data", "fruit.txt"))]
    for libc in LIBCS:
        files += [("realprog/%s/%s" % (libc, n), os.path.join(progs, libc, n)) for n in PROGRAMS]
    dirs = ["bin", "realprog", "realprog/data"] + ["realprog/" + libc for libc in LIBCS]
    if linux:
        dirs += ["dev", "proc", "tmp"]
    out, ino = b"", 1
    for d in dirs:
        out += bench.cpio_entry(d, 0o040755, ino=ino)
        ino += 1
    if linux:
        out += bench.cpio_entry("dev/console", 0o020600, rdev=(5, 1), ino=ino)
        ino += 1
    for name, src in files:
        with open(src, "rb") as f:
            out += bench.cpio_entry(name, 0o100755, f.read(), ino=ino)
        ino += 1
    out += bench.cpio_entry("realprog/list", 0o100644, program_list(linux, interactive).encode(), ino=ino)
    if linux:
        out += bench.cpio_entry("realprog/setup.sh", 0o100644, (LINUX_SETUP + "\n").encode(),
                                ino=ino + 1)
    out += bench.cpio_entry("TRAILER!!!", 0, ino=0)
    with open(path, "wb") as f:
        f.write(out)


# --- booting and comparing ----------------------------------------------------------------

def qemu_command(arch, kernel, initrd, cmdline):
    return bench.qemu_command(arch, kernel, initrd, cmdline, memory=MEMORY, icount=False)


def boot(cmd, log, result):
    result.append(bench.run(cmd, log, BOOT_TIMEOUT))


def outputs(text):
    """{name: (lines, how it ended)} from a console; how is None if it never ended."""
    found, name, lines = {}, None, []
    for line in text.split("\n"):
        if m := BEGIN_RE.match(line):
            name, lines = m.group(2), []
            found[name] = (lines, None)
        elif name and (m := END_RE.match(line)) and m.group(2) == name:
            if m.group(1):
                lines.append(m.group(1) + "  [no newline]")
            found[name] = (lines, m.group(3))
            name = None
        elif name and not any(r.match(line) for r in KERNEL_LINE_RES):
            lines.append(line)
    return found


def compare(name, fl, lx):
    """(passed, the line to print, detail lines)."""
    if lx is None or lx[1] is None:
        return False, "%s: no result on Linux" % name, []
    if fl is None or fl[1] is None:
        return False, "%s: crashed (no end on Faultline: the kernel died or hung)" % name, []
    crashed = fl[1] != lx[1] and (fl[1].startswith("signal") or fl[1] == "timeout")
    if fl == lx:
        return True, "%s: same" % name, []
    diff = list(difflib.unified_diff(lx[0] + ["@@@ " + lx[1]], fl[0] + ["@@@ " + fl[1]],
                                     "linux", "faultline", lineterm="", n=1))
    what = "crashed (%s; Linux: %s)" % (fl[1], lx[1]) if crashed else "differs"
    return False, "%s: %s" % (name, what), diff[:40]


def job_control_session(cmd, log, result):
    """Type JOB_CONTROL_STEPS at the console of cmd (a QEMU command line without -append
    and cmdline, its last two words); result gets (console text, problems)."""
    session = ConsoleSession(types.SimpleNamespace(qemu=cmd[:-2]), cmd[-1])
    problems = []
    if not session.expect(r"@@@ begin %s$" % JOB_CONTROL, timeout=BOOT_TIMEOUT):
        problems.append("the shell never started")
    for keys, want, settle in JOB_CONTROL_STEPS:
        if problems:
            break
        session.type(keys)
        if not session.expect(want, timeout=30):
            problems.append("after typing %r, no %r" % (keys, want))
        elif settle:
            time.sleep(SETTLE)
    if "job control turned off" in session.text:
        problems.append("the shell has no job control")
    session.proc.stdin.close()
    text, status = session.finish(BOOT_TIMEOUT if not problems else 5)
    with open(log, "w") as f:
        f.write("$ %s\n%s" % (" ".join(shlex.quote(w) for w in cmd), text))
    result.append((text, problems))


def transcript(text):
    """The shell's part of a console, pids and terminal escape sequences taken out."""
    begin, end = "@@@ begin %s\n" % JOB_CONTROL, "@@@ end %s " % JOB_CONTROL
    text = text[text.find(begin) + len(begin):] if begin in text else ""
    if end in text:  # up to the end of the frame's last line, the shell's exit status
        stop = text.find("\n", text.find(end))
        text = text[:stop if stop >= 0 else len(text)]
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # cursor motion, line erasing
    text = re.sub(r"^\[(\d+)\] \d+$", r"[\1] PID", text, flags=re.M)
    lines = [line for line in text.split("\n") if not any(r.match(line) for r in KERNEL_LINE_RES)]
    return lines


def job_control_arch(arch, logdir, init, busybox, progs, kernels):
    """(passed, the line to print, detail lines) of the interactive check on arch."""
    build = os.path.join(ROOT, "build", arch, "realprog")
    runs, threads = {}, []
    for who, kernel, cmdline in kernels:
        initrd = os.path.join(build, who + "-tty.cpio")
        make_initrd(initrd, init, busybox, progs, who == "linux", interactive=True)
        runs[who] = []
        log = os.path.join(logdir, "%s-realprog-tty-%s.log" % (arch, who))
        threads.append(threading.Thread(target=job_control_session, args=(
            qemu_command(arch, kernel, initrd, cmdline), log, runs[who])))
        threads[-1].start()
    for t in threads:
        t.join()
    (fl_text, fl_problems), (lx_text, lx_problems) = runs["faultline"][0], runs["linux"][0]
    if lx_problems:
        return False, "%s: no result on Linux: %s" % (JOB_CONTROL, "; ".join(lx_problems)), []
    if fl_problems:
        return False, "%s: differs: %s" % (JOB_CONTROL, "; ".join(fl_problems)), \
            ["        " + line for line in transcript(fl_text)[-20:]]
    fl, lx = transcript(fl_text), transcript(lx_text)
    if fl == lx:
        return True, "%s: same" % JOB_CONTROL, []
    diff = list(difflib.unified_diff(lx, fl, "linux", "faultline", lineterm="", n=1))
    return False, "%s: differs" % JOB_CONTROL, diff[:40]


def realprog_arch(arch, logdir, only_job_control=False):
    """(passed, failed) for arch."""
    made = sh(["make", "--no-print-directory", "ARCH=" + arch, bench.make_var(arch, "KERNEL"),
               bench.make_var(arch, "REALPROG_INIT")])
    if made.returncode != 0:
        print(made.stdout)
        raise SystemExit("realprog: %s: build failed" % arch)
    build = os.path.join(ROOT, "build", arch, "realprog")
    why = build_programs(arch, os.path.join(build, "bin"))
    if why:
        raise SystemExit("realprog: %s: %s" % (arch, why))
    root, why = debian_package(arch, "busybox-static")
    if not root:
        raise SystemExit("realprog: %s: no busybox: %s" % (arch, why))
    # /bin/busybox in bookworm's package, /usr/bin/busybox in trixie's
    busybox = next((b for b in (os.path.join(root, "bin", "busybox"),
                                os.path.join(root, "usr", "bin", "busybox")) if os.path.exists(b)), None)
    if not busybox:
        raise SystemExit("realprog: %s: the busybox-static package has no busybox" % arch)
    vmlinux, why = bench.linux_kernel_x86_64() if arch == "x86_64" else bench.linux_kernel_riscv64()
    if not vmlinux:
        raise SystemExit("realprog: %s: no Linux kernel: %s" % (arch, why))
    init = os.path.join(ROOT, bench.make_var(arch, "REALPROG_INIT"))
    runs = {}
    threads = []
    kernels = (("faultline", os.path.join(ROOT, bench.make_var(arch, "KERNEL")), ""),
               ("linux", vmlinux, LINUX_CMDLINE))
    for who, kernel, cmdline in kernels if not only_job_control else ():
        initrd = os.path.join(build, who + ".cpio")
        make_initrd(initrd, init, busybox, os.path.join(build, "bin"), who == "linux")
        runs[who] = []
        log = os.path.join(logdir, "%s-realprog-%s.log" % (arch, who))
        threads.append(threading.Thread(target=boot, args=(qemu_command(arch, kernel, initrd, cmdline),
                                                           log, runs[who])))
        threads[-1].start()
    for t in threads:
        t.join()
    passed = failed = 0
    names = ["%s/%s" % (libc, n) for libc in LIBCS for n in PROGRAMS] + ["busybox"]
    if only_job_control:
        names, fl, lx = [], {}, {}
    else:
        fl, lx = outputs(runs["faultline"][0]), outputs(runs["linux"][0])
    for name in names:
        ok, line, detail = compare(name, fl.get(name), lx.get(name))
        print("%s %s/%s" % ("same   " if ok else "FAIL   ", arch, line))
        for d in detail:
            print("        " + d)
        passed, failed = passed + ok, failed + (not ok)
    ok, line, detail = job_control_arch(arch, logdir, init, busybox, os.path.join(build, "bin"), kernels)
    print("%s %s/%s" % ("same   " if ok else "FAIL   ", arch, line))
    for d in detail:
        print("        " + d)
    return passed + ok, failed + (not ok)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", action="append", required=True, help="riscv64 or x86_64; repeatable")
    ap.add_argument("--job-control-only", action="store_true",
                    help="only the interactive busybox sh check")
    args = ap.parse_args()
    logdir = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logdir, exist_ok=True)
    passed = failed = 0
    for arch in args.arch:
        p, f = realprog_arch(arch, logdir, args.job_control_only)
        passed, failed = passed + p, failed + f
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
