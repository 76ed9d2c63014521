#!/usr/bin/env python3
"""faultplot: draw a Faultline fault trace as an SVG picture.

The kernel records every page fault when booted with `fault_trace` on its command line
(mm/fault_trace.h) and prints the records on the console when init exits:

    fault_trace: begin: 40 faults, 0 dropped; insns: ...
    seq pid comm addr access mode vma outcome retries insns
    0 1 runall 0x10120 fetch user file major 0 3086
    ...
    fault_trace: end

This reads such a console log and draws one mark per fault: time (the fault's sequence
number) left to right, the faulting address bottom to top, the colour saying what the
fault did (its category, below), the shape saying which process faulted. Addresses are
far apart (the program at the bottom of the address space, mmap and the stack near the
top), so the address axis is broken into bands, one per cluster of nearby pages, each
labelled with its address range and drawn to its own scale.

Every mark is one SVG element with class "mark cat-<category>" and the fault's raw
outcome in data-outcome, so a test can count marks against the trace.

Usage:
    tools/faultplot.py LOG [-o OUT.svg] [--comm NAME] [--title TEXT]
    tools/faultplot.py --boot --arch ARCH PROG [-o OUT.svg]   (build, boot, trace, draw)

--boot boots build/<arch>/kernel.elf in QEMU with `-icount shift=0,sleep=off` (so the
insns column counts guest instructions) and `fault_trace`, runs PROG (/tests/NAME: a user
test, through /tests/runall, and only NAME's faults are drawn; anything else: as init),
keeps the console log in build/<arch>/faultplot-NAME.log and writes
build/<arch>/faultplot-NAME.svg unless -o says otherwise.
"""
import argparse
import html
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = "seq pid comm addr access mode vma outcome retries insns".split()
PAGE = 4096

# Category of each outcome (mm/fault_trace.c names them), in legend order, with colours.
CATEGORIES = [
    ("zero", "zero page", "#9e9e9e"),
    ("fresh", "fresh page", "#2e7d32"),
    ("cache", "file page, cached", "#80cbc4"),
    ("major", "file page, read in (major)", "#1565c0"),
    ("cow", "COW copy", "#ef6c00"),
    ("reuse", "COW reuse (no copy)", "#fbc02d"),
    ("retry", "retried (waited)", "#8e24aa"),
    ("signal", "signal (SIGSEGV, SIGBUS, ...)", "#c62828"),
    ("other", "spurious, OOM, kernel fixup", "#000000"),
]
OUTCOME_CATEGORY = {
    "zero": "zero", "anon": "fresh", "cache": "cache", "major": "major", "cow": "cow",
    "reuse": "reuse", "spurious": "other", "oom": "other", "fixup": "other",
    "segv-maperr": "signal", "segv-accerr": "signal", "sigbus": "signal",
    "hwpoison": "signal", "signal": "signal",
}
SHAPES = ["circle", "square", "diamond", "triangle", "down", "cross"]


def category(rec):
    """The picture's category of a record: a signal first, then a retry, then the outcome."""
    cat = OUTCOME_CATEGORY.get(rec["outcome"], "other")
    if cat != "signal" and rec["retries"] > 0:
        return "retry"
    return cat


def parse_trace(text):
    """The records of the (last) trace in a console log: a list of dicts, and the
    begin line's numbers {faults, dropped}. Raises ValueError if there is no trace."""
    lines = text.replace("\r\n", "\n").split("\n")
    begins = [i for i, l in enumerate(lines) if l.startswith("fault_trace: begin:")]
    if not begins:
        raise ValueError("no 'fault_trace: begin' line: was the kernel booted with fault_trace?")
    start = begins[-1]
    m = re.match(r"fault_trace: begin: (\d+) faults, (\d+) dropped", lines[start])
    info = {"faults": int(m.group(1)), "dropped": int(m.group(2))} if m else {}
    if lines[start + 1].split() != COLUMNS:
        raise ValueError("header line %r is not %r" % (lines[start + 1], " ".join(COLUMNS)))
    records = []
    for line in lines[start + 2:]:
        if line.startswith("fault_trace: end"):
            return records, info
        words = line.split()
        if len(words) != len(COLUMNS):
            raise ValueError("not a trace line: %r" % line)
        rec = dict(zip(COLUMNS, words))
        for key in ("seq", "pid", "retries", "insns"):
            rec[key] = int(rec[key])
        rec["addr"] = int(rec["addr"], 16)
        records.append(rec)
    raise ValueError("no 'fault_trace: end' line: the trace was cut short")


def bands(addrs, max_gap_pages=64):
    """Cluster the faulting pages: [(first page, last page)], pages closer than max_gap."""
    pages = sorted({a // PAGE for a in addrs})
    out = []
    for p in pages:
        if out and p - out[-1][1] <= max_gap_pages:
            out[-1][1] = p
        else:
            out.append([p, p])
    return [tuple(b) for b in out]


def shape(kind, x, y, r, attrs):
    """One mark's SVG element, centred on (x, y)."""
    if kind == "circle":
        return '<circle cx="%.1f" cy="%.1f" r="%.1f" %s/>' % (x, y, r, attrs)
    if kind == "square":
        return '<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" %s/>' % (x - r, y - r, 2 * r, 2 * r, attrs)
    pts = {
        "diamond": [(0, -r * 1.3), (r * 1.3, 0), (0, r * 1.3), (-r * 1.3, 0)],
        "triangle": [(0, -r * 1.3), (r * 1.2, r), (-r * 1.2, r)],
        "down": [(0, r * 1.3), (r * 1.2, -r), (-r * 1.2, -r)],
        "cross": [(-r, -r / 2.5), (-r / 2.5, -r / 2.5), (-r / 2.5, -r), (r / 2.5, -r), (r / 2.5, -r / 2.5),
                  (r, -r / 2.5), (r, r / 2.5), (r / 2.5, r / 2.5), (r / 2.5, r), (-r / 2.5, r),
                  (-r / 2.5, r / 2.5), (-r, r / 2.5)],
    }[kind]
    return '<polygon points="%s" %s/>' % (" ".join("%.1f,%.1f" % (x + dx, y + dy) for dx, dy in pts), attrs)


def render(records, title=""):
    """The SVG text for records (one mark each)."""
    colour = {key: c for key, _, c in CATEGORIES}
    left, top, plot_w, gap, legend_w = 170, 40, 760, 14, 290
    groups = bands([r["addr"] for r in records])
    heights = [max(36, min(220, (last - first + 1) * 6)) for first, last in groups]
    plot_h = sum(heights) + gap * max(0, len(groups) - 1)
    pids = []
    for r in records:
        if r["pid"] not in pids:
            pids.append(r["pid"])
    legend_h = 18 * (len(CATEGORIES) + len(pids)) + 50
    width, height = left + plot_w + 30 + legend_w, top + max(plot_h, legend_h) + 40
    names = {}
    for r in records:
        names.setdefault(r["pid"], r["comm"])
    n = max(1, len(records) - 1)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="11">' % (width, height, width, height),
           '<rect x="0" y="0" width="%d" height="%d" fill="white"/>' % (width, height),
           '<text x="%d" y="22" font-size="14" font-weight="bold">%s</text>'
           % (left, html.escape(title or "page faults"))]
    # Address bands, highest addresses on top.
    band_y = {}
    y = top
    for (first, last), h in sorted(zip(groups, heights), key=lambda g: -g[0][0]):
        band_y[(first, last)] = (y, h)
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#f5f5f5" stroke="#bdbdbd"/>'
                   % (left, y, plot_w, h))
        out.append('<text x="%d" y="%d" text-anchor="end">%#x</text>' % (left - 6, y + 10, (last + 1) * PAGE))
        out.append('<text x="%d" y="%d" text-anchor="end">%#x</text>' % (left - 6, y + h, first * PAGE))
        kinds = sorted({r["vma"] for r in records if first <= r["addr"] // PAGE <= last})
        out.append('<text x="%d" y="%d" fill="#757575">%s</text>' % (left + 4, y + 11, html.escape(", ".join(kinds))))
        y += h + gap
    out.append('<text x="%d" y="%d" text-anchor="middle">fault number (time) &#8594;</text>'
               % (left + plot_w // 2, top + plot_h + 22))
    out.append('<text x="14" y="%d" transform="rotate(-90 14 %d)" text-anchor="middle">'
               'faulting address (bands: clusters of nearby pages) &#8594;</text>'
               % (top + plot_h // 2, top + plot_h // 2))
    # One mark per fault.
    for i, r in enumerate(records):
        page = r["addr"] // PAGE
        (first, last), = [b for b in groups if b[0] <= page <= b[1]]
        by, bh = band_y[(first, last)]
        frac = (r["addr"] - first * PAGE) / float((last + 1 - first) * PAGE)
        x = left + 8 + (plot_w - 16) * i / n
        yy = by + bh - 4 - (bh - 8) * frac
        cat = category(r)
        tip = " ".join(str(r[c]) if c != "addr" else "%#x" % r[c] for c in COLUMNS)
        attrs = ('class="mark cat-%s" data-outcome="%s" fill="%s" fill-opacity="0.85" stroke="black" '
                 'stroke-width="0.5"' % (cat, html.escape(r["outcome"]), colour[cat]))
        el = shape(SHAPES[pids.index(r["pid"]) % len(SHAPES)], x, yy, 4.5, attrs)
        out.append(el[:-2] + "><title>%s</title></%s>" % (html.escape(tip), el.split()[0][1:]))
    # Legends: categories present (with counts), then processes (shapes).
    lx, ly = left + plot_w + 30, top
    out.append('<text x="%d" y="%d" font-weight="bold">what the fault did</text>' % (lx, ly))
    counts = {}
    for r in records:
        counts[category(r)] = counts.get(category(r), 0) + 1
    for key, label, c in CATEGORIES:
        if key not in counts:
            continue
        ly += 18
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s" stroke="black" stroke-width="0.5"/>'
                   % (lx, ly - 9, c))
        out.append('<text x="%d" y="%d">%s (%d)</text>' % (lx + 16, ly, html.escape(label), counts[key]))
    ly += 30
    out.append('<text x="%d" y="%d" font-weight="bold">who faulted</text>' % (lx, ly))
    for i, pid in enumerate(pids):
        ly += 18
        out.append(shape(SHAPES[i % len(SHAPES)], lx + 5, ly - 4, 4.5, 'fill="white" stroke="black"'))
        out.append('<text x="%d" y="%d">pid %d (%s)</text>' % (lx + 16, ly, pid, html.escape(names[pid])))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def make_var(arch, var):
    out = subprocess.run(["make", "-s", "--no-print-directory", "ARCH=" + arch, "print-" + var],
                         cwd=ROOT, stdout=subprocess.PIPE, universal_newlines=True, check=True)
    return out.stdout.strip()


def boot(arch, prog, timeout=300):
    """Build, boot with the trace on, run prog; returns (console text, filter comm)."""
    subprocess.run(["make", "-s", "--no-print-directory", "ARCH=" + arch], cwd=ROOT, check=True)
    name = os.path.basename(prog)
    test = prog.startswith("/tests/") and os.path.exists(os.path.join(ROOT, "user/tests/%s.c" % name))
    cmdline = "fault_trace " + ("init=/tests/runall -- %s" % name if test else "init=%s" % prog)
    cmd = shlex.split(make_var(arch, "QEMU_BASE")) + ["-icount", "shift=0,sleep=off", "-append", cmdline]
    try:
        out = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, timeout=timeout)
        text = out.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        text = (e.stdout or b"").decode(errors="replace")
    log = os.path.join(ROOT, "build", arch, "faultplot-%s.log" % name)
    with open(log, "w") as f:
        f.write(text)
    return text, (name[:15] if test else None), log


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="a console log with a fault trace, or with --boot the program")
    ap.add_argument("-o", "--output", help="the SVG to write (default: standard output)")
    ap.add_argument("--comm", help="only the faults of tasks with this name (15 characters at most)")
    ap.add_argument("--title", help="the picture's title")
    ap.add_argument("--boot", action="store_true", help="boot Faultline and run the program first")
    ap.add_argument("--arch", default="riscv64", help="with --boot: riscv64 or x86_64")
    args = ap.parse_args()

    if args.boot:
        text, comm, log = boot(args.arch, args.source)
        comm = args.comm or comm
        name = os.path.basename(args.source)
        output = args.output or os.path.join(ROOT, "build", args.arch, "faultplot-%s.svg" % name)
        title = args.title or "%s on %s" % (args.source, args.arch)
    else:
        with open(args.source, errors="replace") as f:
            text = f.read()
        comm, output, title, log = args.comm, args.output, args.title or "", args.source
    try:
        records, info = parse_trace(text)
    except ValueError as e:
        sys.exit("faultplot: %s: %s" % (log, e))
    if comm:
        records = [r for r in records if r["comm"] == comm[:15]]
    svg = render(records, title)
    if output:
        with open(output, "w") as f:
            f.write(svg)
        print("faultplot: %d faults (%d dropped) -> %s" % (len(records), info.get("dropped", 0),
                                                           os.path.relpath(output, ROOT)))
    else:
        sys.stdout.write(svg)


if __name__ == "__main__":
    main()
