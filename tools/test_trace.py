"""The fault-trace layer of the test runner (tools/runtests.py calls run_trace()).

One boot per arch with `fault_trace` on runs the user test
fault_trace_outcomes_at_known_addresses through /tests/runall. That program makes faults
whose outcomes are known and notes their addresses; the trace the kernel prints when init
exits (mm/fault_trace.h) must show exactly those faults there (and /proc/fault_trace,
read by the program, its SIGSEGV), and tools/faultplot.py's picture of the trace must
hold exactly one mark per trace line, of the right category.
"""
import os
import re

import faultplot

PROG = "fault_trace_outcomes_at_known_addresses"
PAGE = 4096
NR_FRESH = 4  # the program's NR_FRESH

# What each outcome is drawn as, written out here rather than taken from faultplot.py,
# so that a wrong mapping there is caught.
EXPECTED_CATEGORY = {
    "zero": "zero", "anon": "fresh", "cache": "cache", "major": "major", "cow": "cow",
    "reuse": "reuse", "spurious": "other", "oom": "other", "fixup": "other",
    "segv-maperr": "signal", "segv-accerr": "signal", "sigbus": "signal",
    "hwpoison": "signal", "signal": "signal",
}


def notes(text):
    """The program's notes: {"pid": .., "child": .., "fresh": .., "zero": .., ...}."""
    found = {}
    prefix = r"^# %s: " % PROG
    for key, pat in (("pid", r"pid (\d+) child (\d+)"), ("fresh", r"fresh (0x[0-9a-f]+)"),
                     ("zero", r"zero (0x[0-9a-f]+)"), ("shared", r"shared (0x[0-9a-f]+)"),
                     ("hole", r"hole (0x[0-9a-f]+)")):
        m = re.search(prefix + pat, text, re.M)
        if not m:
            continue
        if key == "pid":
            found["pid"], found["child"] = int(m.group(1)), int(m.group(2))
        else:
            found[key] = int(m.group(1), 16)
    return found


def check_records(records, info, n):
    """Problems with the trace, given the program's notes n."""
    problems = []
    if info.get("dropped") != 0 or info.get("faults") != len(records):
        problems.append("begin line says %s, %d lines follow" % (info, len(records)))
    if [r["seq"] for r in records] != list(range(len(records))):
        problems.append("sequence numbers are not 0..%d" % (len(records) - 1))

    def on_page(addr):
        return [(r["pid"], r["access"], r["mode"], r["vma"], r["outcome"], r["retries"])
                for r in records if r["addr"] // PAGE == addr // PAGE]

    pid, child = n["pid"], n["child"]
    want = {}
    for i in range(NR_FRESH):
        want[n["fresh"] + i * PAGE] = [(pid, "write", "user", "anon", "anon", 0)]
    want[n["zero"]] = [(pid, "read", "user", "anon", "zero", 0),
                       (pid, "write", "user", "anon", "cow", 0)]
    want[n["shared"]] = [(pid, "write", "user", "anon", "anon", 0),
                         (child, "write", "user", "anon", "cow", 0),
                         (pid, "write", "user", "anon", "reuse", 0)]
    want[n["hole"]] = [(pid, "write", "user", "none", "segv-maperr", 0)]
    for addr, expected in sorted(want.items()):
        got = on_page(addr)
        if got != expected:
            problems.append("page %#x: trace has %s, expected %s" % (addr & ~(PAGE - 1), got, expected))
    costless = [r["seq"] for r in records if r["addr"] // PAGE in {a // PAGE for a in want} and r["insns"] <= 0]
    if costless:
        problems.append("faults %s cost no instructions" % costless)
    holes = [r["addr"] for r in records if r["outcome"] == "segv-maperr" and r["pid"] == pid]
    if holes != [n["hole"]]:
        problems.append("SIGSEGV faults at %s, expected exactly %#x" % ([hex(a) for a in holes], n["hole"]))
    return problems


def check_svg(records, svg):
    """Problems with faultplot's picture of records: one mark per line, by category."""
    problems = []
    marks = re.findall(r'<(\w+) [^>]*?class="mark cat-([\w-]+)" data-outcome="([\w-]+)"', svg)
    if len(marks) != len(records):
        problems.append("%d marks for %d trace lines" % (len(marks), len(records)))
    for outcome in sorted({r["outcome"] for r in records} | {m[2] for m in marks}):
        lines = sum(1 for r in records if r["outcome"] == outcome)
        drawn = sum(1 for m in marks if m[2] == outcome)
        if lines != drawn:
            problems.append("outcome %s: %d lines, %d marks" % (outcome, lines, drawn))
    for cat in sorted(set(EXPECTED_CATEGORY.values()) | {"retry"}):
        lines = sum(1 for r in records if (("retry" if r["retries"] and EXPECTED_CATEGORY[r["outcome"]] != "signal"
                                            else EXPECTED_CATEGORY[r["outcome"]]) == cat))
        drawn = sum(1 for m in marks if m[1] == cat)
        if lines != drawn:
            problems.append("category %s: %d lines, %d marks" % (cat, lines, drawn))
    return problems


def run_trace(res, arch, exits):
    """Boot with the trace on; check the trace against the program, and the picture."""
    prefix = "%s/trace" % arch.name
    text, status, log = arch.boot("trace", "fault_trace debug_tlb page_poison=1 "
                                  "init=/tests/runall -- " + PROG, timeout=120)
    problems = []
    if not re.search(r"^ok 1 %s\b" % PROG, text, re.M):
        problems.append("the program did not pass under runall")
    if status != arch.qemu_status(exits["EXIT_SUCCESS"]):
        problems.append("QEMU exit status %s" % status)
    if not re.search(r"^# %s: /proc/fault_trace has the hole's fault" % PROG, text, re.M):
        problems.append("/proc/fault_trace, read by the program, lacks its SIGSEGV's line")
    n = notes(text)
    try:
        records, info = faultplot.parse_trace(text)
    except ValueError as e:
        records, info = None, None
        problems.append(str(e))
    if records is not None and len(n) == 6:
        problems += check_records(records, info, n)
    elif records is not None:
        problems.append("the program's notes are missing: %s" % sorted(n))
    res.add("%s/outcomes_at_known_addresses" % prefix, not problems, "; ".join(problems), log)

    if records is None:
        res.add("%s/faultplot_one_mark_per_fault" % prefix, False, "no trace to draw", log)
        return
    svg = faultplot.render(records, "test")
    with open(os.path.join(arch.logdir, "%s-trace.svg" % arch.name), "w") as f:
        f.write(svg)
    problems = check_svg(records, svg)
    res.add("%s/faultplot_one_mark_per_fault" % prefix, not problems, "; ".join(problems), log)
