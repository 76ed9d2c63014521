"""The gdb helper layer: every command of tools/gdb/faultline.py run in batch gdb against
QEMU's gdb stub, on each arch, its output checked against the values it must show.

tools/runtests.py calls run_gdb(res, arch, exits) once per arch. Two boots of
/tests/fault_target (user/harness/fault_target.c: it maps [0x10000000, 0x10004000) and
writes one byte to 0x10002123, the first touch of that page):

  fl_step_into_fault  fl-user stops in the program at the faulting store (user mode);
                      fl-task, fl-vmas and fl-walk (not mapped yet; again from
                      current->mm->pgd at the trap entry) read the state; fl-stepi steps the store into the trap entry (riscv64:
                      scause 15 and stval, where gdb's own stepi loses the machine;
                      x86_64: #PF with CR2 and the error code); fl-return runs to the
                      trap's sret/iretq and fl-stepi steps it back to the same store in
                      user mode; fl-walk then finds the new page and fl-lastfault the
                      fault; fl-decode names known values.
  fl_break_fault      fl-break-fault stops once, in generic_page_fault(), on the
                      program's first fault and not on init's before it; set again while
                      the CPU is in user mode (stopped in main by fl-user), on its next
                      one; fl-tasks and fl-vmas of another task (init); `help` of
                      every command.

Each ends by letting the program finish: [exit 0] and a clean power-off prove the session
and the machine survived the stepping.
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMANDS = ("fl-tasks", "fl-task", "fl-vmas", "fl-walk", "fl-decode", "fl-lastfault", "fl-break-fault",
            "fl-stepi", "fl-return", "fl-user", "faultinfo")


def source_line(path, pattern):
    """The number of the first line of path matching pattern."""
    with open(os.path.join(ROOT, path)) as f:
        for n, line in enumerate(f, 1):
            if re.search(pattern, line):
                return n
    raise ValueError("%s: no line matches %r" % (path, pattern))


def header_bits(path, prefix):
    """[(name, bit)] of every '#define <prefix>NAME 0x..' or '(1UL << n)' in path, in order."""
    with open(os.path.join(ROOT, path)) as f:
        text = f.read()
    out = []
    for name, hexval, shift in re.findall(
            r"^#define (%s\w+)\s+(?:(0x[0-9a-fA-F]+)\b|\(1UL << (\d+)\))" % prefix, text, re.M):
        out.append((name, int(hexval, 16) if hexval else 1 << int(shift)))
    return out


def names(value, bits, strip=""):
    return "|".join(n[len(strip):] for n, b in bits if value & b)


def pte_bits(arch):
    """The PTE bit names a present entry is decoded with (the arch's pgtable.h; the
    software bits that mean something else in a valid entry are left out)."""
    bits = header_bits("arch/%s/include/asm/pgtable.h" % arch, "_PAGE_")
    software = {"PROT_NONE", "SWAP", "UFFD_WP_PROT_NONE", "PROTNONE", "PPN_SHIFT", "ADDR_MASK"}
    return [(n, b) for n, b in bits if n[len("_PAGE_"):] not in software and b & (b - 1) == 0]


# A valid leaf entry of each arch, the frame it maps, and the name of bit 9 in an entry
# that is not valid (a software bit: riscv64's swap entry, x86_64's PROT_NONE page).
PTE_SAMPLE = {
    "riscv64": (0x200000d7, 0x80000000, "SWAP"),  # PPN 0x80000 in bits 53:10, V|R|W|U|A|D
    "x86_64": (0x8000000000123067, 0x123000, "PROTNONE"),  # P|RW|US|A|D, NX
}


def run_step_into_fault(res, arch, exits):
    from runtests import (FAULT_TARGET_ADDR, FAULT_TARGET_BASE, FAULT_TARGET_LEN,
                          fault_target_finished, gdb_fault_target)
    test = "%s/gdb/fl_step_into_fault" % arch.name
    store_line = source_line("user/harness/fault_target.c", r"the write fault")
    entry = "arch/%s/kernel/entry.S" % arch.name
    return_line = source_line(entry, r"^\s+(sret|iretq)\b")  # in ret_from_trap
    out, text, status, log = gdb_fault_target(arch, "fl-step", [
        "fl-user fault_target fault_target.c:%d" % store_line, "continue",
        "fl-task", "fl-vmas", "fl-walk %#x" % FAULT_TARGET_ADDR,
        # On to the store itself (riscv64 loads the byte's value first): fl-stepi over
        # instructions that do not trap.
        "python f = gdb.selected_frame\nwhile f().architecture().disassemble(f().pc())[0]"
        "['asm'].split()[0] not in ('sb', 'movb'): gdb.execute('fl-stepi')",
        "p/x $pc", "fl-stepi", "fl-walk %#x current->mm->pgd" % FAULT_TARGET_ADDR,
        "fl-return", "fl-stepi",
        "fl-walk %#x" % FAULT_TARGET_ADDR, "fl-lastfault",
        "fl-decode fault 0x255", "fl-decode vm 0x173", "fl-decode vmfault 0x404",
        "fl-decode pfret 1", "fl-decode pte %#x" % PTE_SAMPLE[arch.name][0],
        "fl-decode pte 0x200", "delete", "continue"])
    problems = []
    fault_flags = header_bits("mm/fault.h", "FAULT_FLAG_")
    vm_flags = header_bits("mm/mm.h", "VM_")
    if not re.search(r"^Breakpoint 1, main \(\) at user/harness/fault_target\.c:%d$" % store_line,
                     out, re.M):
        problems.append("fl-user did not stop in fault_target's main at line %d" % store_line)
    store = re.search(r"^\$1 = (0x[0-9a-f]+)", out, re.M)
    store = int(store.group(1), 16) if store else None
    if not re.search(r'^task: pid (\d+) tgid \1 "fault_target" TASK_RUNNING', out, re.M):
        problems.append("fl-task did not show fault_target running")
    if not re.search(r"^cpu: user mode$", out, re.M):
        problems.append("fl-task did not say the CPU is in user mode")
    if not re.search(r"^mm: \(struct mm_struct \*\) 0x[0-9a-f]+, pgd 0x[0-9a-f]+ \(pa 0x[0-9a-f]+\)$",
                     out, re.M):
        problems.append("fl-task did not show the mm and its pgd")
    want = r"^  \[%#x, %#x\)\s+16 KiB rw-p vm_flags 0x73 = %s, anonymous$" % (
        FAULT_TARGET_BASE, FAULT_TARGET_BASE + FAULT_TARGET_LEN, re.escape(names(0x73, vm_flags)))
    if not re.search(want, out, re.M):
        problems.append("fl-vmas did not list the program's mapping as %r" % want)
    if not re.search(r"^  \[0x[0-9a-f]+, 0x[0-9a-f]+\)\s+\d+ KiB r-xp vm_flags 0x75 = .*, file "
                     r"\(inode 0x[0-9a-f]+\) from page 0$", out, re.M):
        problems.append("fl-vmas did not list the program's text as a file mapping from page 0")
    walks = out.split("walk %#x from " % FAULT_TARGET_ADDR)
    if len(walks) != 4:
        problems.append("fl-walk ran %d times, expected 3" % (len(walks) - 1))
    else:
        for walk in walks[1:3]:
            if "-> not valid: the access faults" not in walk or " is at pa " in walk:
                problems.append("fl-walk found the page mapped before the program wrote to it")
        # The same walk from the CPU's root (satp, CR3) and from current->mm->pgd.
        levels = [re.findall(r"^  .* at pa (0x[0-9a-f]+): (0x[0-9a-f]+)", w, re.M) for w in walks[1:3]]
        if not walks[2].startswith("the table at ") or levels[0] != levels[1] or not levels[0]:
            problems.append("fl-walk from current->mm->pgd differs from the walk from the CPU's root")
        leaf = re.search(r"^  .* at pa 0x[0-9a-f]+: (0x[0-9a-f]+) (\S+) -> page at pa (0x[0-9a-f]+)\n"
                         r"%#x is at pa (0x[0-9a-f]+)$" % FAULT_TARGET_ADDR, walks[3], re.M)
        if not leaf:
            problems.append("fl-walk did not reach a leaf after the fault")
        else:
            pte, bits, page, byte = int(leaf.group(1), 16), leaf.group(2), \
                int(leaf.group(3), 16), int(leaf.group(4), 16)
            want_bits = names(pte, pte_bits(arch.name), "_PAGE_")
            must = {"riscv64": ("V", "R", "W", "U"), "x86_64": ("PRESENT", "RW", "USER")}[arch.name]
            if bits != want_bits or not all(b in bits.split("|") for b in must):
                problems.append("fl-walk decoded the leaf %#x as %s, expected %s with %s" % (
                    pte, bits, want_bits, "|".join(must)))
            frame = ((pte >> 10) & ((1 << 44) - 1)) << 12 if arch.name == "riscv64" \
                else pte & 0x000ffffffffff000
            if page != frame or byte != frame + (FAULT_TARGET_ADDR & 0xfff):
                problems.append("fl-walk's page %#x / byte %#x disagree with the entry %#x" % (
                    page, byte, pte))
    if arch.name == "riscv64":
        trap = re.search(r"^  trap: scause 15 = STORE_PAGE_FAULT .*, stval (0x[0-9a-f]+), "
                         r"sepc (0x[0-9a-f]+)$", out, re.M)
        if not trap or int(trap.group(1), 16) != FAULT_TARGET_ADDR or int(trap.group(2), 16) != store:
            problems.append("fl-stepi did not stop at the trap entry with scause 15, stval %#x "
                            "and sepc at the store" % FAULT_TARGET_ADDR)
        if not re.search(r"^#0  trap_entry \(\) at arch/riscv64/kernel/entry\.S:\d+", out, re.M):
            problems.append("fl-stepi did not land in trap_entry")
    else:
        want = "  trap: vector 14 = #PF, cr2 %#x, error code 0x6 = WRITE|USER" % FAULT_TARGET_ADDR
        if want not in out.splitlines():
            problems.append("fl-stepi did not show %r" % want)
        if not re.search(r"^#0  0x[0-9a-f]+ in trap_stub_14 \(\)", out, re.M):
            problems.append("fl-stepi did not land in trap_stub_14")
    if not re.search(r"^Temporary breakpoint \d+, ret_from_trap \(\) at %s:%d$"
                     % (re.escape(entry), return_line), out, re.M):
        problems.append("fl-return did not stop at %s:%d" % (entry, return_line))
    back = re.search(r"^fl-stepi: (sret|iretq) \(kernel mode\) -> .*\n  now in user mode at (0x[0-9a-f]+)$",
                     out, re.M)
    if not back or store is None or int(back.group(2), 16) != store:
        problems.append("fl-stepi over the return did not come back to the store (%s) in user mode"
                        % (store and hex(store)))
    m = re.search(r'^fault #(\d+): pid \d+ "fault_target" addr (0x[0-9a-f]+) ip (0x[0-9a-f]+)\n'
                  r"  flags (0x[0-9a-f]+) = (\S+)\n  decision (\w+)$", out, re.M)
    if not m:
        problems.append("fl-lastfault printed no record of fault_target's fault")
    else:
        flags = int(m.group(4), 16)
        if (int(m.group(2), 16), int(m.group(3), 16)) != (FAULT_TARGET_ADDR, store):
            problems.append("fl-lastfault: addr %s ip %s, expected %#x at the store" % (
                m.group(2), m.group(3), FAULT_TARGET_ADDR))
        if flags != 0x255 or m.group(5) != names(flags, fault_flags):
            problems.append("fl-lastfault: flags %s = %s, expected 0x255 = %s" % (
                m.group(4), m.group(5), names(0x255, fault_flags)))
        if m.group(6) != "PF_RET_DONE":
            problems.append("fl-lastfault: decision %s, expected PF_RET_DONE" % m.group(6))
    vm_faults = header_bits("mm/fault.h", "VM_FAULT_")
    pte, frame, invalid = PTE_SAMPLE[arch.name]
    for want in ("pte %#x = %s, pa %#x" % (pte, names(pte, pte_bits(arch.name), "_PAGE_"), frame),
                 "pte 0x200 = %s" % invalid,"fault 0x255 = %s" % names(0x255, fault_flags),
                 "vm 0x173 = %s" % names(0x173, vm_flags),
                 "vmfault 0x404 = %s" % names(0x404, vm_faults),
                 "pfret 0x1 = PF_RET_BAD_AREA"):
        if want not in out.splitlines():
            problems.append("fl-decode did not print %r" % want)
    problems += fault_target_finished(arch, exits, text, status, "the steps")
    if "Error" in out or "Traceback" in out:
        problems.append("a command failed: %s" % [l for l in out.splitlines()
                                                  if "Error" in l or "Traceback" in l][:2])
    res.add(test, not problems, "; ".join(problems), log)


def run_break_fault(res, arch, exits):
    from runtests import fault_target_finished, gdb_fault_target
    test = "%s/gdb/fl_break_fault" % arch.name
    out, text, status, log = gdb_fault_target(arch, "fl-break", [
        "fl-break-fault fault_target", "continue", "p current->name", "fl-lastfault",
        "fl-user fault_target", "continue", "fl-task", "fl-tasks", "fl-vmas 1",
        "fl-break-fault fault_target", "continue", "p current->name", "p/x flags",
        "info breakpoints"] + ["help %s" % c for c in COMMANDS] + ["delete", "continue"])
    problems = []
    stops = re.findall(r"^(?:Temporary )?[Bb]reakpoint (\d+), (\w+) \(", out, re.M)
    want = [("1", "generic_page_fault"), ("2", "main"), ("3", "generic_page_fault")]
    if stops != want:
        problems.append("stopped %s, expected %s" % (stops or "never", want))
    if re.findall(r'^\$[12] = "(\w*)', out, re.M) != ["fault_target"] * 2:
        problems.append("a stop of fl-break-fault was not in fault_target")
    # At the first stop the record is still the trap before: somebody else's, as the
    # breakpoint let every fault before fault_target's first go by.
    last = re.search(r'^fault #(\d+): pid \d+ "([^"]*)"', out, re.M)
    if not last or last.group(2) == "fault_target":
        problems.append("fl-lastfault at the first stop does not show another task's fault "
                        "(%s)" % (last and last.group(2)))
    if not re.search(r"^cpu: user mode$", out, re.M):
        problems.append("the CPU was not in user mode when the second fl-break-fault was set")
    if not re.search(r'^  pid 1 tgid 1 "init" TASK_\w+, mm 0x[0-9a-f]+\n\* pid (\d+) tgid \1 '
                     r'"fault_target" TASK_RUNNING, mm 0x[0-9a-f]+$', out, re.M):
        problems.append("fl-tasks did not list init, then fault_target as the current task")
    if not re.search(r'^VMAs of pid 1 "init" \(mm 0x[0-9a-f]+\):\n  \[0x[0-9a-f]+, 0x[0-9a-f]+\)'
                     r'.* r-xp .*, file \(inode', out, re.M):
        problems.append("fl-vmas 1 did not list init's VMAs, its text first")
    flags = re.search(r"^\$3 = (0x[0-9a-f]+)$", out, re.M)
    if not flags or not int(flags.group(1), 16) & 0x40:
        problems.append("the second stop is not on a user fault (FAULT_FLAG_USER)")
    listed = re.findall(r"^(\d+)\s+hw breakpoint", out, re.M)
    if listed != ["2"]:
        problems.append("breakpoints left after the stops: %s, expected fl-user's (2) only" % listed)
    for c in COMMANDS:
        if not re.search(r"^.*: %s\b" % re.escape(c), out, re.M):
            problems.append("help %s does not show its usage" % c)
    problems += fault_target_finished(arch, exits, text, status, "the stops")
    res.add(test, not problems, "; ".join(problems), log)


def run_gdb(res, arch, exits):
    run_step_into_fault(res, arch, exits)
    run_break_fault(res, arch, exits)
