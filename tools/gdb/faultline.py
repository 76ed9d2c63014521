# gdb commands that teach the fault path, for gdb-multiarch connected to QEMU
# (`make qemu-gdb`, then `make gdb`, which loads this file through tools/gdb/faultline.gdb).
# docs/gdb.md shows each one at work; `help faultline` lists them, `help fl-walk` and the
# rest say what each does.
#
#   fl-tasks              every task: pid, name, state, mm
#   fl-task [PID]         the current task (or PID) and its address space
#   fl-vmas [PID]         its VMAs: range, flags by name, anonymous or file
#   fl-walk ADDR [ROOT]   ADDR through the page table, each level's entry decoded
#   fl-decode KIND VALUE  VALUE's bits by name: fault (FAULT_FLAG_*), vmfault (VM_FAULT_*),
#                         vm (vm_flags), pte (a page-table entry), pfret (the decision)
#   fl-lastfault          the last fault trap: task, address, flags, decision
#   fl-break-fault PROG [FUNCTION]   stop in FUNCTION (generic_page_fault) on the next
#                         fault of the program named PROG
#   fl-stepi              one instruction, following a trap or a return to user mode
#   fl-return             run to the return from the trap (sret, iretq)
#   fl-user PROG [LOCATION]   load user program PROG's symbols and stop at LOCATION
#                         (main) when PROG runs there
#   faultinfo             stopped in handle_mm_fault(): the fault's address, flags and VMA
#
# The names they print come from the kernel's headers and the state they show is read
# even while the CPU is in user mode: tools/gdb/kernel_view.py.
#
# The tests <arch>/gdb/fl_* (tools/test_gdb.py) run every command on both arches.

import os
import re
import sys

import gdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_view import (FAULT_FLAGS, PF_RET, ROOT, VM_FAULTS, VM_FLAGS, KObj, current_arch,  # noqa: E402
                         all_tasks, current_task, decode, decode_pte, prot_letters, read_phys,
                         register, task_arg, task_state, to_int, u, vma_kind, vmas)


class Faultline(gdb.Command):
    """Faultline's gdb commands (tools/gdb/faultline.py, docs/gdb.md):

fl-tasks, fl-task [PID], fl-vmas [PID], fl-walk ADDR [ROOT], fl-decode KIND VALUE, fl-lastfault,
fl-break-fault PROG [FUNCTION], fl-stepi, fl-return, fl-user PROG [LOCATION],
faultinfo.
`help fl-walk` (and the others) says more."""

    def __init__(self):
        super().__init__("faultline", gdb.COMMAND_USER, prefix=True)


class FlTasks(gdb.Command):
    """Every task: fl-tasks

One line per task (idle aside): pid, thread-group id, name, state and mm, the current
one marked with *."""

    def __init__(self):
        super().__init__("fl-tasks", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = current_task().addr
        for task in all_tasks():
            print("%s pid %d tgid %d \"%s\" %s, mm %#x" % (
                "*" if task.addr == cur else " ", task.int("pid"), task.int("tgid"),
                task.str("name"), task_state(task), task.int("mm")))


class FlTask(gdb.Command):
    """A task and its address space: fl-task [PID]

Prints the task's (the current one, or PID's) pid, name and state, whether the CPU is in
user or kernel mode, and its mm: the page-table root (mm->pgd and its physical address),
VMAs, resident pages, page tables, heap and stack; then the root the CPU is using now
(satp or CR3)."""

    def __init__(self):
        super().__init__("fl-task", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        arch = current_arch()
        task = task_arg(arg)
        print("task: pid %d tgid %d \"%s\" %s, (struct task *) %#x" % (
            task.int("pid"), task.int("tgid"), task.str("name"), task_state(task), task.addr))
        print("cpu: %s mode" % ("user" if arch.user_mode() else "kernel"))
        mm_addr = task.int("mm")
        if not mm_addr:
            print("mm: none (a kernel task)")
        else:
            mm = KObj(mm_addr, "struct mm_struct")
            pgd = mm.int("pgd")
            print("mm: (struct mm_struct *) %#x, pgd %#x (pa %#x)" % (mm.addr, pgd, arch.kernel_pa(pgd)))
            print("    %d VMAs, %d pages resident, %d page tables, brk [%#x, %#x), stack top %#x" % (
                mm.int("map_count"), mm.int("nr_pages"), mm.int("nr_pgtables"),
                mm.int("start_brk"), mm.int("brk"), mm.int("start_stack")))
        reg, value, root = arch.root()
        print("root: %s %#x, table at pa %#x" % (reg, value, root))


class FlVmas(gdb.Command):
    """A task's VMAs: fl-vmas [PID]

One line per VMA of current->mm (or PID's mm), in address order: [vm_start, vm_end), its size, the
rwx letters, vm_flags with its VM_* names (mm/mm.h), and whether it is anonymous or a
file's (the inode and the page of the file it starts at)."""

    def __init__(self):
        super().__init__("fl-vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        task = task_arg(arg)
        mm_addr = task.int("mm")
        if not mm_addr:
            raise gdb.GdbError("fl-vmas: %s has no mm" % task.str("name"))
        mm = KObj(mm_addr, "struct mm_struct")
        print("VMAs of pid %d \"%s\" (mm %#x):" % (task.int("pid"), task.str("name"), mm.addr))
        for vma in vmas(mm):
            start, end, flags = vma.int("vm_start"), vma.int("vm_end"), vma.int("vm_flags")
            print("  %-32s %7d KiB %s vm_flags %#x = %s, %s" % (
                "[%#x, %#x)" % (start, end), (end - start) // 1024, prot_letters(flags), flags,
                decode(flags, VM_FLAGS), vma_kind(vma)))


class FlWalk(gdb.Command):
    """Walk a virtual address through the page table: fl-walk ADDR [ROOT]

Starts at the table the CPU uses now (satp on riscv64, CR3 on x86_64) or, with ROOT, at
the kernel address of a top-level table (e.g. current->mm->pgd), and reads each level's
entry physically, as the MMU does: its index, where it lies, its value and its bits by
name (Sv39: level 2, 1, 0; x86_64: PML4, PDPT, PD, PT). Ends at a leaf (the page and the
byte's physical address) or at the first entry that is not valid."""

    def __init__(self):
        super().__init__("fl-walk", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        arch = current_arch()
        args = gdb.string_to_argv(arg)
        if not args or len(args) > 2:
            raise gdb.GdbError("usage: fl-walk ADDR [ROOT]")
        va = to_int(args[0])
        if len(args) == 2:
            root_va = to_int(args[1])
            table = arch.kernel_pa(root_va)
            print("walk %#x from the table at %#x (pa %#x)" % (va, root_va, table))
        else:
            reg, value, table = arch.root()
            print("walk %#x from %s %#x: table at pa %#x" % (va, reg, value, table))
        shift = 12 + 9 * (arch.levels - 1)
        for depth in range(arch.levels):
            index = (va >> shift) & 511
            where = table + 8 * index
            pte = u(read_phys(where, 8))
            line = "  %-7s [%3d] at pa %#x: %#018x %s" % (
                arch.level_names[depth], index, where, pte, decode_pte(arch, pte))
            if not pte & arch.present_bit:
                print(line + " -> not valid: the access faults")
                return
            target = arch.entry_target(pte)
            if arch.is_leaf(pte, depth):
                offset = va & ((1 << shift) - 1)
                print(line + " -> page at pa %#x" % target)
                print("%#x is at pa %#x" % (va, target + offset))
                return
            print(line + " -> table at pa %#x" % target)
            table = target
            shift -= 9


class FlDecode(gdb.Command):
    """Decode a value's bits by name: fl-decode KIND VALUE

KIND is one of
  fault    FAULT_FLAG_* (mm/fault.h): a fault's flags
  vmfault  VM_FAULT_* (mm/fault.h): what handle_mm_fault() returned
  vm       VM_* (mm/mm.h): a VMA's vm_flags
  pte      _PAGE_* (arch/<arch>/include/asm/pgtable.h): a page-table entry
  pfret    enum page_fault_retval (mm/fault.h): the lock half's decision
VALUE is any gdb expression (flags, vma->vm_flags, 0x255)."""

    KINDS = ("fault", "vmfault", "vm", "pte", "pfret")

    def __init__(self):
        super().__init__("fl-decode", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        parts = arg.split(None, 1)
        if len(parts) != 2 or parts[0] not in self.KINDS:
            raise gdb.GdbError("usage: fl-decode %s VALUE" % "|".join(self.KINDS))
        kind, value = parts[0], to_int(parts[1])
        if kind == "fault":
            text = decode(value, FAULT_FLAGS)
        elif kind == "vmfault":
            text = decode(value, VM_FAULTS)
        elif kind == "vm":
            text = decode(value, VM_FLAGS)
        elif kind == "pfret":
            text = PF_RET[value] if value < len(PF_RET) else "unknown"
        else:
            arch = current_arch()
            text = decode_pte(arch, value)
            if value & arch.present_bit:
                text += ", pa %#x" % arch.entry_target(value)
        print("%s %#x = %s" % (kind, value, text))


class FlLastFault(gdb.Command):
    """The last fault trap: fl-lastfault

Prints the record generic_page_fault() leaves in last_fault (mm/fault_record.h): its
number, the task, the address, the faulting instruction, the flags by name and the
decision the trap half reacted to."""

    def __init__(self):
        super().__init__("fl-lastfault", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        sym = gdb.lookup_global_symbol("last_fault")
        rec = KObj(int(sym.value().address), "struct fault_record")
        if rec.int("nr") == 0:
            print("no fault yet")
            return
        flags, decision = rec.int("flags"), rec.int("decision")
        print("fault #%d: pid %d \"%s\" addr %#x ip %#x" % (
            rec.int("nr"), rec.int("pid"), rec.str("name"), rec.int("addr"), rec.int("ip")))
        print("  flags %#x = %s" % (flags, decode(flags, FAULT_FLAGS)))
        print("  decision %s" % (PF_RET[decision] if decision < len(PF_RET) else decision))


class FaultInfo(gdb.Command):
    """The fault being handled, decoded: faultinfo

Use it stopped in handle_mm_fault() (or in any frame with variables addr, flags and
vma, such as fault_in_mm() once it has found the VMA: `up` from handle_mm_fault()).
Prints the address and the FAULT_FLAG_* names set in flags, then the VMA's
[vm_start, vm_end), its VM_* names and whether it is anonymous or a file's."""

    def __init__(self):
        super().__init__("faultinfo", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        addr = int(gdb.parse_and_eval("addr")) & (2 ** 64 - 1)
        flags = int(gdb.parse_and_eval("flags"))
        vma = gdb.parse_and_eval("vma").dereference()
        start, end = int(vma["vm_start"]), int(vma["vm_end"])
        vm_flags = int(vma["vm_flags"])
        print("fault: addr %#x flags %#x = %s" % (addr, flags, decode(flags, FAULT_FLAGS)))
        kind = ("file at page %d" % int(vma["vm_pgoff"])) if int(vma["vm_inode"]) else "anonymous"
        print("vma: [%#x, %#x) vm_flags %#x = %s, %s" % (
            start, end, vm_flags, decode(vm_flags, VM_FLAGS), kind))


def current_name_is(prog):
    """Is the current task the program prog? Readable in user mode too (kernel_view.py's read_kernel)."""
    try:
        return current_task().str("name") == prog[:15]  # TASK_NAME_LEN - 1 characters
    except gdb.GdbError:
        return False


class TaskBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint that stops only when the current task is prog.

A gdb condition (`if $_streq(current->name, ...)`) is evaluated by gdb reading the
kernel's memory, which QEMU refuses while a riscv64 CPU is in user mode; stop() reads
current through kernel_view.py's read_kernel, which goes around that."""

    def __init__(self, spec, prog, temporary):
        self.prog = prog
        super().__init__(spec, type=gdb.BP_HARDWARE_BREAKPOINT, temporary=temporary)

    def stop(self):
        return current_name_is(self.prog)


class FlBreakFault(gdb.Command):
    """Stop on the next page fault of a program: fl-break-fault PROG [FUNCTION]

Sets a one-time hardware breakpoint on FUNCTION (generic_page_fault unless given: any
function of the fault path, such as handle_mm_fault or fault_in_mm) that stops only in
the task named PROG, so the faults of init and of the shell before it are let through.
Works when set from user mode too. PROG is the program's file name (/tests/fault_target:
fault_target)."""

    def __init__(self):
        super().__init__("fl-break-fault", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not 1 <= len(args) <= 2:
            raise gdb.GdbError("usage: fl-break-fault PROG [FUNCTION]")
        prog = os.path.basename(args[0])
        function = args[1] if len(args) == 2 else "generic_page_fault"
        bp = TaskBreakpoint(function, prog, temporary=True)
        print("Breakpoint %d: the next fault of %s, in %s" % (bp.number, prog, function))


class FlStepi(gdb.Command):
    """Step one instruction, into a trap or out to user mode: fl-stepi

gdb steps riscv64 in software: it plants a breakpoint on the next instruction and
resumes. An instruction that traps (a page fault, ecall) never reaches it, nor does
`sret`, which goes to sepc; the program then runs on and the session is lost. fl-stepi
puts hardware breakpoints on every place the instruction can go (the next instruction,
the trap entry at stvec, and sepc for sret), resumes with interrupts masked in sie (as
QEMU masks them when it steps), and removes them. A branch or a
jump is stepped by gdb's own stepi, which knows its target. On x86_64, where QEMU steps
in hardware and a trap stops at its handler's first instruction, it is gdb's stepi.
Either way it then says where it stopped: the trap's cause and address, or user mode."""

    BRANCHES = re.compile(r"^(c\.)?(j|jal|jalr|jr|ret|b\w*|c\.b\w*)$")

    def __init__(self):
        super().__init__("fl-stepi", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        arch = current_arch()
        frame = gdb.selected_frame()
        pc = int(frame.pc())
        insn = frame.architecture().disassemble(pc)[0]
        mnemonic = insn["asm"].split()[0]
        was_user = arch.user_mode()
        gdb.execute("set suppress-cli-notifications on")  # fl-stepi says where it stops
        try:
            self.step(arch, pc, insn, mnemonic)
        finally:
            gdb.execute("set suppress-cli-notifications off")
        self.report(arch, pc, mnemonic, was_user)
        gdb.execute("frame 0")

    def step(self, arch, pc, insn, mnemonic):
        if arch.name != "riscv64" or self.BRANCHES.match(mnemonic):
            gdb.execute("stepi", to_string=True)
        else:
            stvec = register("stvec") & ~3  # BASE; exceptions go there in either MODE (4.1.2)
            targets = {pc + insn["length"], stvec}
            if mnemonic == "sret":
                targets.add(register("sepc"))
            bps = [gdb.Breakpoint("*%#x" % t, type=gdb.BP_HARDWARE_BREAKPOINT,
                                  internal=True, temporary=True) for t in sorted(targets)]
            # Interrupts stay masked for the step, as QEMU masks them when it steps: a
            # timer interrupt must not be taken in place of the instruction. sie holds
            # the enables (4.1.3); the trap entry finds sstatus.SIE cleared anyway.
            sie = register("sie")
            mask = "sie" not in insn["asm"]  # unless the instruction is about sie itself
            if mask:
                gdb.execute("set $sie = 0")
            try:
                gdb.execute("continue", to_string=True)
            finally:
                if mask:
                    gdb.execute("set $sie = %#x" % sie)
                for bp in bps:
                    if bp.is_valid():
                        bp.delete()

    def report(self, arch, old_pc, mnemonic, was_user):
        frame = gdb.selected_frame()
        pc = int(frame.pc())
        where = gdb.execute("x/i $pc", to_string=True).strip().lstrip("=> ")
        print("fl-stepi: %s (%s mode) -> %s" % (mnemonic, "user" if was_user else "kernel", where))
        if arch.user_mode():
            print("  now in user mode at %#x" % pc)
            return
        if arch.name == "riscv64":
            if pc == register("stvec") & ~3 and pc != old_pc:
                cause = register("scause")
                if cause >> 63:
                    code = cause & ~(1 << 63)
                    print("  trap: interrupt %d (%s)" % (code, arch.irqs.get(code, "?")))
                else:
                    name, why = arch.causes.get(cause, ("?", ""))
                    print("  trap: scause %d = %s%s, stval %#x, sepc %#x" % (
                        cause, name, " (%s)" % why if why else "", register("stval"),
                        register("sepc")))
        else:
            fn = frame.name() or ""
            m = re.match(r"trap_stub_(\d+)$", fn)
            if not m or pc != int(gdb.parse_and_eval("&" + fn)):
                return  # not at a trap's first instruction
            if m.group(1) == "14":
                # On entry to #PF's handler the CPU has pushed the error code on top of
                # rip, cs, rflags, rsp, ss (Intel SDM vol. 3A, 6.12.1); CR2 holds the address.
                err = u(bytes(gdb.selected_inferior().read_memory(register("rsp"), 8)))
                print("  trap: vector 14 = #PF, cr2 %#x, error code %#x = %s" % (
                    register("cr2"), err, decode(err, arch.pf_error_bits)))
            else:
                print("  trap: vector %s" % m.group(1))


class FlReturn(gdb.Command):
    """Run to the instruction that returns from a trap to the interrupted code: fl-return

Sets a one-time hardware breakpoint on the return instruction of ret_from_trap (the
arch's entry.S: `sret` on riscv64, `iretq` on x86_64) and continues: the fault being
handled finishes first. There `fl-stepi` steps back to user mode (or to the kernel code
the trap interrupted)."""

    RETURNS = ("sret", "iretq")

    def __init__(self):
        super().__init__("fl-return", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        start = int(gdb.parse_and_eval("&ret_from_trap").cast(gdb.lookup_type("long")))
        start &= 2 ** 64 - 1
        arch = gdb.selected_frame().architecture()
        # The kernel's text from the ELF file: the CPU may be in user mode (kernel_view.py's read_kernel).
        gdb.execute("set trust-readonly-sections on")
        try:
            found = [i for i in arch.disassemble(start, count=256)
                     if i["asm"].split()[0] in self.RETURNS]
        finally:
            gdb.execute("set trust-readonly-sections off")
        if not found:
            raise gdb.GdbError("fl-return: no %s in ret_from_trap" % " or ".join(self.RETURNS))
        insn = found[0]
        gdb.Breakpoint("*%#x" % insn["addr"], type=gdb.BP_HARDWARE_BREAKPOINT, temporary=True)
        gdb.execute("continue")


def user_program(prog):
    """The path of the user program prog's ELF, with symbols, for the arch being debugged."""
    arch = current_arch()
    if os.path.exists(prog):
        return os.path.abspath(prog)
    base = os.path.basename(prog)
    path = os.path.join(ROOT, "build", arch.name, "user", "bin", base)
    if os.path.exists(path):
        return path
    raise gdb.GdbError("no %s: build it (make ARCH=%s), or name its ELF file" % (path, arch.name))


class FlUser(gdb.Command):
    """Load a user program's symbols and stop in it: fl-user PROG [LOCATION]

Adds the symbols of PROG (build/<arch>/user/bin/PROG, or an ELF file's path) with
add-symbol-file: user programs are static ELFs, linked where they run, so no offset is
needed. Then sets a hardware breakpoint on LOCATION (main unless given: a function or
FILE:LINE of the program) that stops only when the task running there is PROG: every
program is linked at the same addresses, so the same address in init or the shell is
someone else's code. Works with the CPU in user mode on both arches."""

    def __init__(self):
        super().__init__("fl-user", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not 1 <= len(args) <= 2:
            raise gdb.GdbError("usage: fl-user PROG [LOCATION]")
        path = user_program(args[0])
        prog = os.path.basename(path)
        if not any(o.filename == path for o in gdb.objfiles()):
            gdb.execute("add-symbol-file %s" % path, to_string=True)
        location = args[1] if len(args) == 2 else "main"
        if ":" not in location:
            objfile = next(o for o in gdb.objfiles() if o.filename == path)
            sym = objfile.lookup_global_symbol(location) or objfile.lookup_static_symbol(location)
            if sym is None:
                raise gdb.GdbError("%s has no function %s" % (prog, location))
            location = "%s:%s" % (sym.symtab.filename, location)
        bp = TaskBreakpoint(location, prog, temporary=False)
        print("symbols of %s loaded; Breakpoint %d at %s, in %s only" % (
            path, bp.number, location, prog))


Faultline()
FlTasks()
FlTask()
FlVmas()
FlWalk()
FlDecode()
FlLastFault()
FaultInfo()
FlBreakFault()
FlStepi()
FlReturn()
FlUser()
