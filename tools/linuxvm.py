#!/usr/bin/env python3
"""linuxvm: the Linux side of user tests that cannot run on this host, run in a VM.

tools/difftest.py runs each user test on Linux: natively for x86_64, under qemu-riscv64
user-mode emulation for riscv64. Some tests cannot run that way: qemu-user has no
userfaultfd, and a host or container may refuse it too (Docker's default seccomp
profile, vm.unprivileged_userfaultfd=0 for users). A test opts out of the host with one
line in its source:

    /* LINUX-VM: reason */

and its Linux side then runs in QEMU system emulation (TCG, the machine Faultline runs
on, 512 MiB) booting Debian trixie's Linux kernel (6.12, the Linux whose userfaultfd ABI
Faultline follows), on both arches, as root. The kernel packages are downloaded by name
on first use through a private apt configuration and unpacked, never installed, as
tools/bench.py does: riscv64 the one bench.py uses (build/linux-riscv64/), x86_64
trixie's linux-image-amd64 in build/linux-x86_64-trixie/ (bench.py's own x86_64 kernel
is this Debian's, 6.1, older than userfaultfd's POISON and WP_UNPOPULATED).
All such tests of one arch run in one boot. Its initrd holds

  /init              tools/linuxvm_init.c, built here with the host's static glibc
                     (gcc, riscv64-linux-gnu-gcc); it runs the tests as difftest runs
                     them on the host and frames each one's output on the console
  /tests, /data      Faultline's initrd as make stages it (build/<arch>/initrd/): the
                     tests, and the files they find with rootpath() as on the host
  /linuxvm/list      "NAME SECONDS" per test: the order, and when to kill it
  /linuxvm/argv      argv[1..], one a line; /linuxvm/envp the environment, one a line
  /linuxvm/stdin     what the tests' shared stdin pipe holds
  /dev/console       init's console (init mounts devtmpfs, devpts, proc and tmpfs)

`python3 tools/linuxvm.py --arch ARCH NAME...` boots it alone and prints what each test
printed and how it ended (the console is build/test-logs/<arch>-linuxvm.log).
"""
import argparse
import fcntl
import glob
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (Debian's kernels, qemu_command, cpio records)

ROOT = bench.ROOT
INIT_SRC = os.path.join(ROOT, "tools", "linuxvm_init.c")
COMPILERS = {"x86_64": "gcc", "riscv64": "riscv64-linux-gnu-gcc"}
CFLAGS = ["-static", "-O2", "-Wall", "-Wextra", "-Werror"]
MEMORY = "512M"
CMDLINE = "console=ttyS0 panic=-1 loglevel=1"
BOOT_SECONDS = 180   # for the boot itself and power-off, on a loaded host, beyond the tests
BEGIN_RE = re.compile(r"^@@@ begin (\S+)$")
END_RE = re.compile(r"^@@@ end (\S+) (exit|signal) (\d+)$")
TIMEOUT_RE = re.compile(r"^@@@ end (\S+) timeout$")
# A kernel message (Debian's kernels have CONFIG_PRINTK_TIME), to the end of the line; it
# may have cut into a line of the test's, which then goes on in the console's next line.
KERNEL_MSG_RE = re.compile(r"\[ *\d+\.\d{6}\] .*$")
UNAME_RE = re.compile(r"^@@@ linux (\S+) (\S+) (.*?)\r?$", re.M)


def sh(cmd):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL)


def kernel(arch):
    """Debian trixie's kernel for arch (Linux 6.12 on both), fetched on first use:
    (path, None) or (None, why)."""
    if arch == "riscv64":
        return bench.linux_kernel_riscv64()
    top = os.path.join(ROOT, "build", "linux-x86_64-trixie")
    found = sorted(glob.glob(os.path.join(top, "root", "boot", "vmlinuz-*-amd64")),
                   key=bench.version_key)
    if found:
        return found[-1], None
    opts, why = bench.private_apt(os.path.join(top, "apt"), "amd64", "trixie")
    if not opts:
        return None, why
    return bench.unpack_debian_kernel(top, opts, "linux-image-amd64", "vmlinuz-*-amd64")


def build_init(arch):
    """build/<arch>/linuxvm/init, compiled when missing or older than its source:
    (path, None) or (None, why)."""
    out = os.path.join(ROOT, "build", arch, "linuxvm", "init")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(INIT_SRC):
        return out, None
    os.makedirs(os.path.dirname(out), exist_ok=True)
    made = sh([COMPILERS[arch]] + CFLAGS + [INIT_SRC, "-o", out + ".tmp"])
    if made.returncode != 0:
        return None, "%s failed: %s" % (COMPILERS[arch], made.stdout.strip()[-500:])
    os.replace(out + ".tmp", out)
    return out, None


def make_initrd(path, init, staging, tests, argv, envp, stdin):
    """The initrd of one batch: Faultline's initrd staging directory (its /tests and
    /data, where rootpath() finds them) with our /init instead of its own; tests is
    [(name, seconds)], argv and envp lists of strings (argv without argv[0]), stdin bytes."""
    entries = [(d, 0o040755, b"") for d in ("dev", "proc", "tmp", "linuxvm")]
    with open(init, "rb") as f:
        entries.append(("init", 0o100755, f.read()))
    for top, dirs, files in os.walk(staging):
        dirs.sort()
        for name in sorted(dirs) + sorted(files):
            full = os.path.join(top, name)
            rel = os.path.relpath(full, staging)
            if rel in ("init", "dev", "proc", "tmp", "linuxvm"):
                continue
            st = os.lstat(full)
            if os.path.islink(full):
                data = os.readlink(full).encode()
            elif os.path.isdir(full):
                data = b""
            else:
                with open(full, "rb") as f:
                    data = f.read()
            entries.append((rel, st.st_mode, data))
    entries += [("linuxvm/list", 0o100644, "".join("%s %d\n" % t for t in tests).encode()),
                ("linuxvm/argv", 0o100644, "".join(a + "\n" for a in argv).encode()),
                ("linuxvm/envp", 0o100644, "".join(e + "\n" for e in envp).encode()),
                ("linuxvm/stdin", 0o100644, stdin)]
    records = [bench.cpio_entry("dev/console", 0o020600, rdev=(5, 1), ino=1)]
    records += [bench.cpio_entry(name, mode, data, ino=ino)
                for ino, (name, mode, data) in enumerate(entries, start=2)]
    records.append(bench.cpio_entry("TRAILER!!!", 0, ino=0))
    with open(path + ".tmp", "wb") as f:
        f.write(b"".join(records))
    os.replace(path + ".tmp", path)


def parse_console(text, names):
    """{name: (lines, end)} from the VM's console; end is (kind, n), or a string saying
    what went wrong. Every name gets an entry."""
    found, current, carry = {}, None, ""
    for line in text.split("\n"):
        line = carry + line.rstrip("\r")
        m = KERNEL_MSG_RE.search(line)
        carry = line[:m.start()] if m else ""
        if m:
            continue
        m = BEGIN_RE.match(line)
        if m:
            current = m.group(1)
            found[current] = ([], "no '@@@ end' line: the VM stopped inside the test")
            continue
        if current:
            m, t = END_RE.match(line), TIMEOUT_RE.match(line)
            if m and m.group(1) == current:
                found[current] = (found[current][0], (m.group(2), int(m.group(3))))
                current = None
            elif t and t.group(1) == current:
                found[current] = (found[current][0], "timed out on Linux (VM)")
                current = None
            else:
                found[current][0].append(line)
    setup = [line for line in text.split("\n") if line.startswith("@@@ setup: ")]
    for name in names:
        if name not in found:
            found[name] = ([], "never ran in the Linux VM%s" % (
                " (%s)" % "; ".join(setup) if setup else ""))
    return found


def run_batch(arch, tests, argv, envp, stdin, log, tag=""):
    """Boot Debian's Linux once with every test in tests ([(name, seconds)]).
    Returns ({name: (lines, end)}, facts): facts says the kernel, its version and how
    long the boot took, or, if it could not boot, why (then every end says so too)."""
    names = [name for name, _ in tests]

    def failed(why):
        return {name: ([], "cannot run in the Linux VM: " + why) for name in names}, {"why": why}

    # Two difftests at once (make test runs the arches in parallel) may both want the
    # same kernel package or init: one fetches or compiles, the other waits for it.
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "linuxvm-%s.lock" % arch), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        vmlinux, why = kernel(arch)
        init, why2 = build_init(arch) if vmlinux else (None, None)
    if not vmlinux:
        return failed(why)
    why = why2
    if not init:
        return failed(why)
    staging = os.path.join(ROOT, "build", arch, "initrd")
    missing = [n for n in names if not os.path.exists(os.path.join(staging, "tests", n))]
    if missing:
        return failed("not built: %s (make ARCH=%s)" % (", ".join(missing), arch))
    initrd = os.path.join(ROOT, "build", arch, "linuxvm", "initrd%s.cpio" % tag)
    make_initrd(initrd, init, staging, tests, argv, envp, stdin)
    cmd = bench.qemu_command(arch, vmlinux, initrd, CMDLINE, memory=MEMORY, icount=False)
    os.makedirs(os.path.dirname(log), exist_ok=True)
    start = time.time()
    text = bench.run(cmd, log, BOOT_SECONDS + sum(s for _, s in tests))
    seconds = time.time() - start
    uname = UNAME_RE.search(text)
    facts = {"kernel": os.path.relpath(vmlinux, ROOT), "seconds": seconds,
             "release": uname.group(1) if uname else "(init never ran)"}
    if "@@@ done" not in text:
        facts["why"] = "the VM never said '@@@ done' (log: %s)" % os.path.relpath(log, ROOT)
    return parse_console(text, names), facts


def main():
    import difftest
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", required=True, choices=difftest.ARCHES)
    ap.add_argument("names", nargs="+", help="tests (user/tests/NAME.c, built)")
    args = ap.parse_args()
    log = os.path.join(ROOT, "build", "test-logs", "%s-linuxvm.log" % args.arch)
    results, facts = run_batch(args.arch, [(n, difftest.TEST_TIMEOUT) for n in args.names],
                               difftest.TEST_ARGV, ["%s=%s" % e for e in difftest.TEST_ENV],
                               (difftest.CONSOLE_LINE + "\n").encode(), log)
    for name in args.names:
        lines, end = results[name]
        print("# %s" % name)
        for line in lines:
            print("  " + line)
        print("  -> %s" % (difftest.describe_end(*end) if isinstance(end, tuple) else end))
    print("# %s" % ", ".join("%s: %s" % (k, "%.0f s" % v if k == "seconds" else v)
                             for k, v in facts.items()))
    return 0 if "why" not in facts else 1


if __name__ == "__main__":
    sys.exit(main())
