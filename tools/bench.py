#!/usr/bin/env python3
"""Faultline's benchmark driver: `make bench` and `make bench-linux` call it.

For each arch it builds the kernel and user/bench/ (build/<arch>/user/bin/bench), packs
the bench as /init into an initrd of its own with the two data files it reads, boots
Faultline in QEMU with `-icount shift=0,sleep=off -m 1G -smp 1` and prints the table the
bench prints: guest instructions per operation (docs/performance.md says how to read it).

With --linux it also boots Debian's own Linux kernel in the same QEMU with the same
binary as init (THP off) and prints Faultline/Linux per row:
  x86_64   the linux-image-amd64 package of this Debian, downloaded and unpacked under build/
  riscv64  linux-image-riscv64 from Debian trixie (not in bookworm), fetched with apt
           through a private configuration under build/linux-riscv64/ and unpacked there

Exit status 0 when every boot ran the bench to its end ("bench: done 0") and measured
every row (no "skip" line).
"""
import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ICOUNT = ["-icount", "shift=0,sleep=off"]
MEMORY = "1G"
LINUX_CMDLINE = "console=ttyS0 transparent_hugepage=never panic=-1 loglevel=4"
ROW_RE = re.compile(r"^row (\S+) (\d+) (\d+) (\d+) (.*?)\s*$")
SKIP_RE = re.compile(r"^skip (\S+) (.*?)\s*$")
DONE_RE = re.compile(r"^bench: done (\d+)")
START_RE = re.compile(r"bench: start (.*?)\s*$")  # anywhere: Linux's console may prefix it
RISCV_SUITE = "trixie"
RISCV_MIRROR = "http://deb.debian.org/debian"


def sh(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, stdin=subprocess.DEVNULL, **kw)


def make_var(arch, var):
    return sh(["make", "-s", "--no-print-directory", "ARCH=" + arch, "print-" + var]).stdout.strip()


# --- the initrd ----------------------------------------------------------------------

def cpio_entry(name, mode, data=b"", rdev=(0, 0), ino=1):
    """One newc record (the format of Linux's usr/gen_init_cpio.c and lib/cpio.c)."""
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def data_file(pages, seed):
    """pages of bytes that are never zero, the same on every run."""
    return bytes(((i * 131 + seed) % 251) + 1 for i in range(4096)) * pages


def make_initrd(path, bench, quick, console_node):
    """/init (the bench), /bench/warm.dat, /bench/cold.dat; /dev/console for Linux, whose
    init gets its stdin, stdout and stderr by opening it."""
    entries = [("bench", 0o040755, b"")]
    if console_node:
        entries += [("dev", 0o040755, b""), ("dev/console", 0o020600, None)]
    entries += [("init", 0o100755, open(bench, "rb").read()),
                ("bench/warm.dat", 0o100644, data_file(16 if quick else 256, 1)),
                ("bench/cold.dat", 0o100644, data_file(64 if quick else 2048, 2))]
    out = b""
    for ino, (name, mode, data) in enumerate(entries, start=1):
        if data is None:
            out += cpio_entry(name, mode, rdev=(5, 1), ino=ino)  # char 5:1, /dev/console
        else:
            out += cpio_entry(name, mode, data, ino=ino)
    out += cpio_entry("TRAILER!!!", 0, ino=0)
    with open(path, "wb") as f:
        f.write(out)


# --- Linux kernels ---------------------------------------------------------------------

def version_key(path):
    return [int(n) if n.isdigit() else n for n in re.split(r"(\d+)", path)]


def unpack_debian_kernel(top, opts, meta, pattern):
    """Download the kernel package meta depends on (apt-get download, with the apt options
    opts) and unpack it under top/root with dpkg-deb -x; the kernel file matching pattern
    under top/root/boot, or None and why. Nothing is installed on this machine."""
    os.makedirs(top, exist_ok=True)
    deps = sh(["apt-cache"] + opts + ["depends", meta])
    m = re.search(r"Depends: (linux-image-\S+)", deps.stdout)
    if not m:
        return None, "apt-cache depends %s: %s" % (meta, deps.stdout.strip()[-500:])
    get = subprocess.run(["apt-get"] + opts + ["download", m.group(1)], cwd=top, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    debs = glob.glob(os.path.join(top, m.group(1) + "_*.deb"))
    if get.returncode != 0 or not debs:
        return None, "apt-get download %s: %s" % (m.group(1), get.stdout.strip()[-500:])
    # Unpacked whole or not at all: an interrupted run leaves no half kernel to find.
    shutil.rmtree(os.path.join(top, "root.tmp"), ignore_errors=True)
    x = sh(["dpkg-deb", "-x", debs[0], os.path.join(top, "root.tmp")])
    if x.returncode != 0:
        return None, "dpkg-deb -x %s: %s" % (debs[0], x.stdout.strip()[-500:])
    shutil.rmtree(os.path.join(top, "root"), ignore_errors=True)
    os.rename(os.path.join(top, "root.tmp"), os.path.join(top, "root"))
    os.remove(debs[0])
    found = sorted(glob.glob(os.path.join(top, "root", "boot", pattern)), key=version_key)
    return (found[-1], None) if found else (None, "the package has no boot/" + pattern)


def linux_kernel_x86_64():
    """This Debian's own kernel (linux-image-amd64), downloaded with the machine's apt
    configuration and unpacked under build/linux-x86_64: not installed."""
    top = os.path.join(ROOT, "build", "linux-x86_64")
    found = sorted(glob.glob(os.path.join(top, "root", "boot", "vmlinuz-*-amd64")), key=version_key)
    if found:
        return found[-1], None
    return unpack_debian_kernel(top, [], "linux-image-amd64", "vmlinuz-*-amd64")


def private_apt(top, arch, suite):
    """apt-get options for Debian suite's packages of arch (Debian's name: amd64,
    riscv64) through a private configuration (sources, lists, cache and status under
    top), the lists updated when missing or a day old: (options, None), or (None, why).
    Nothing is installed with it."""
    for d in ("lists/partial", "cache/archives/partial"):
        os.makedirs(os.path.join(top, d), exist_ok=True)
    with open(os.path.join(top, "sources.list"), "w") as f:
        f.write("deb [arch=%s signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] "
                "%s %s main\n" % (arch, RISCV_MIRROR, suite))
    open(os.path.join(top, "status"), "a").close()
    opts = ["-o", "Dir::Etc::SourceList=" + os.path.join(top, "sources.list"),
            "-o", "Dir::Etc::SourceParts=" + os.path.join(top, "no-parts"),
            "-o", "Dir::State::Lists=" + os.path.join(top, "lists"),
            "-o", "Dir::Cache=" + os.path.join(top, "cache"),
            "-o", "Dir::State::status=" + os.path.join(top, "status"),
            "-o", "APT::Architecture=" + arch, "-o", "APT::Architectures::=" + arch,
            "-o", "APT::Sandbox::User=root"]
    lists = glob.glob(os.path.join(top, "lists", "*_Packages*"))
    if not lists or time.time() - os.path.getmtime(lists[0]) > 86400:
        out = sh(["apt-get"] + opts + ["update"])
        if out.returncode != 0:
            return None, "apt-get update (%s, %s): %s" % (suite, arch, out.stdout.strip()[-500:])
    return opts, None


def riscv64_apt():
    """private_apt() for Debian trixie's riscv64 packages, under build/linux-riscv64/apt."""
    return private_apt(os.path.join(ROOT, "build", "linux-riscv64", "apt"), "riscv64", RISCV_SUITE)


def linux_kernel_riscv64():
    """Debian's riscv64 kernel: apt-get through riscv64_apt()'s private configuration,
    then dpkg-deb -x under build/linux-riscv64."""
    top = os.path.join(ROOT, "build", "linux-riscv64")
    found = sorted(glob.glob(os.path.join(top, "root", "boot", "vmlinux-*-riscv64")), key=version_key)
    if found:
        return found[-1], None
    opts, why = riscv64_apt()
    if not opts:
        return None, why
    return unpack_debian_kernel(top, opts, "linux-image-riscv64", "vmlinux-*-riscv64")


# --- running -----------------------------------------------------------------------------

def qemu_command(arch, kernel, initrd, cmdline, memory=MEMORY, icount=True):
    """QEMU booting kernel with initrd on the serial console; the guest clock counts
    instructions unless icount is False (tools/realprog.py boots the same way without)."""
    machine = shlex.split(make_var(arch, "QEMU_MACHINE"))
    if "-m" in machine:
        machine[machine.index("-m") + 1] = memory
    return ([make_var(arch, "QEMU")] + machine + (ICOUNT if icount else []) +
            ["-nographic", "-no-reboot", "-kernel", kernel, "-initrd", initrd, "-append", cmdline])


def run(cmd, log, timeout):
    """Run QEMU; returns its console text (also written to log)."""
    try:
        out = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, timeout=timeout)
        text = out.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode(errors="replace") + "\n[killed after %d s]\n" % timeout
    text = text.replace("\r\n", "\n")
    with open(log, "w") as f:
        f.write("$ %s\n%s" % (" ".join(shlex.quote(w) for w in cmd), text))
    return text


def parse(text):
    """{key: (mean, best, ops, label)}, the skips, the start line, the done status."""
    rows, skips, start, done = {}, {}, None, None
    for line in text.splitlines():
        line = line.strip()
        if m := ROW_RE.match(line):
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)), m.group(5))
        elif m := SKIP_RE.match(line):
            skips[m.group(1)] = m.group(2)
        elif m := START_RE.search(line):
            start = m.group(1)
        elif m := DONE_RE.match(line):
            done = int(m.group(1))
    return rows, skips, start, done


def fmt(n):
    return "{:,}".format(n)


def print_table(arch, fl, lx):
    rows_fl, skips_fl, start_fl, _ = fl
    print("\n%s: guest instructions per operation (-icount shift=0,sleep=off, -m %s -smp 1)"
          % (arch, MEMORY))
    print("Faultline: %s" % start_fl)
    if lx:
        print("Linux:     %s" % lx[2])
    head = ["operation", "Faultline mean", "best"]
    if lx:
        head += ["Linux mean", "best", "Faultline/Linux (best)"]
    lines = [head]
    keys = list(rows_fl) + [k for k in (lx[0] if lx else {}) if k not in rows_fl]
    for key in keys:
        f = rows_fl.get(key)
        label = f[3] if f else lx[0][key][3]
        line = [label, fmt(f[0]) if f else "-", fmt(f[1]) if f else "-"]
        if lx:
            lrow = lx[0].get(key)
            line += [fmt(lrow[0]) if lrow else "-", fmt(lrow[1]) if lrow else "-"]
            line += ["%.2fx" % (f[1] / lrow[1]) if f and lrow and lrow[1] else "-"]
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for n, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:])]
        print("| " + " | ".join(cells) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if start_fl and "quick=1" in start_fl:
        print("quick run: a smoke test, with smaller sizes and counts than the labels say")
    for key, why in list(skips_fl.items()) + list((lx[1] if lx else {}).items()):
        print("skipped %s: %s" % (key, why))


def bench_arch(arch, args, logdir):
    """Returns True when every boot ran the bench to its end."""
    made = sh(["make", "--no-print-directory", "ARCH=" + arch, make_var(arch, "KERNEL"),
               make_var(arch, "BENCH_PROG")])
    if made.returncode != 0:
        print(made.stdout)
        print("%s: build failed" % arch)
        return False
    bench = os.path.join(ROOT, make_var(arch, "BENCH_PROG"))
    kernel = os.path.join(ROOT, make_var(arch, "KERNEL"))
    build = os.path.join(ROOT, "build", arch, "bench")
    os.makedirs(build, exist_ok=True)
    words = " ".join((["quick"] if args.quick else []) + args.row)
    words = " -- " + words if words else ""
    initrd = os.path.join(build, "faultline.cpio")
    make_initrd(initrd, bench, args.quick, console_node=False)
    log = os.path.join(logdir, "%s-bench-faultline.log" % arch)
    fl = parse(run(qemu_command(arch, kernel, initrd, words.strip()), log, args.timeout))
    ok = fl[3] == 0 and not fl[1]
    if not ok:
        print("%s: the bench did not finish on Faultline (log: %s)" % (arch, os.path.relpath(log, ROOT)))
    lx = None
    if args.linux:
        vmlinux, why = linux_kernel_x86_64() if arch == "x86_64" else linux_kernel_riscv64()
        if not vmlinux:
            print("%s: no Linux kernel to compare with: %s" % (arch, why))
            ok = False
        else:
            initrd = os.path.join(build, "linux.cpio")
            make_initrd(initrd, bench, args.quick, console_node=True)
            log = os.path.join(logdir, "%s-bench-linux.log" % arch)
            lx = parse(run(qemu_command(arch, vmlinux, initrd, LINUX_CMDLINE + words), log,
                           args.timeout))
            if lx[3] != 0 or lx[1]:
                print("%s: the bench did not finish on Linux (log: %s)" % (arch, os.path.relpath(log, ROOT)))
                ok = False
    print_table(arch, fl, lx)
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", action="append", required=True, help="riscv64 or x86_64; repeatable")
    ap.add_argument("--linux", action="store_true", help="also boot Debian's Linux and print ratios")
    ap.add_argument("--quick", action="store_true", help="a few operations per row: a smoke run")
    ap.add_argument("--row", action="append", default=[], metavar="KEY",
                    help="run only this row (repeatable); the keys are the bench's (user/bench/)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds for one boot")
    args = ap.parse_args()
    logdir = os.path.join(ROOT, "build", "test-logs")
    os.makedirs(logdir, exist_ok=True)
    ok = True
    for arch in args.arch:
        ok = bench_arch(arch, args, logdir) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
