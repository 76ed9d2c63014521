# A per-function instruction profile of one page fault, for gdb-multiarch connected to
# QEMU (`make qemu-gdb`, `make gdb`). Load it with `source tools/gdb/fault_profile.py`.
#
#   faultprofile [LIMIT]
#
# Stopped anywhere in the kernel while it handles a user fault (e.g. at the breakpoint
# on handle_mm_fault that README.md shows), single-step up to the instruction that
# returns to user mode (`sret` on riscv64, `iretq` or `sysretq` on x86_64), counting the
# instructions each function ran, that one included; then print them, most first. It
# stops on that instruction rather than stepping over it: QEMU's riscv64 stub does not
# stop after an `sret` to user mode, and the program would run on. QEMU
# steps an x86 `rep` string instruction one iteration at a time, so each iteration is a
# step here, as it is an instruction under -icount.
# LIMIT (default 200000) caps the steps, so a kernel that never returns does not hang gdb.
# QEMU's gdb stub steps with interrupts and timers masked, so nothing else is counted.
#
# docs/performance.md shows a run; the gdb test <arch>/gdb/fault_profile runs it.

import gdb

# User space is the lower half on both arches (the top bit of an address clear).
KERNEL_HALF = 1 << 63
# The instructions that return from the kernel to user mode (RISC-V privileged spec,
# 3.3.2 "Trap-Return Instructions"; Intel SDM Vol. 2A IRET, Vol. 2B SYSRET).
RETURNS_TO_USER = ("sret", "iretq", "sysretq", "sysretl", "sysret")


def function_at(pc):
    block = gdb.current_progspace().block_for_pc(pc)
    while block is not None and block.function is None:
        block = block.superblock
    if block is not None:
        return block.function.name
    symbol = gdb.execute("info symbol %#x" % pc, to_string=True).split()
    return symbol[0] if symbol and symbol[0] != "No" else "%#x" % pc


class FaultProfile(gdb.Command):
    """Single-step to user mode, counting instructions per function: faultprofile [LIMIT]."""

    def __init__(self):
        super().__init__("faultprofile", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        limit = int(arg) if arg.strip() else 200000
        counts, names, returns = {}, {}, {}
        arch = gdb.selected_frame().architecture()
        frame = gdb.selected_frame()
        start = frame.name()
        steps = 0
        pc = int(frame.pc())
        gdb.execute("set suppress-cli-notifications on")  # no stop line for every step
        while pc >= KERNEL_HALF and steps < limit:
            name = names.get(pc)
            if name is None:
                name = names[pc] = function_at(pc)
            counts[name] = counts.get(name, 0) + 1
            if pc not in returns:
                returns[pc] = arch.disassemble(pc)[0]["asm"].split()[0] in RETURNS_TO_USER
            if returns[pc]:
                steps += 1
                break
            gdb.execute("stepi", to_string=True)
            steps += 1
            pc = int(gdb.selected_frame().pc())
        gdb.execute("set suppress-cli-notifications off")
        if returns.get(pc):
            where = "the return to user mode at %#x" % pc
        elif pc < KERNEL_HALF:
            where = "user mode at %#x" % pc
        else:
            where = "the limit, at %#x" % pc
        print("faultprofile: %d instructions from %s until %s" % (steps, start, where))
        for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            print("%10d  %5.1f%%  %s" % (n, 100.0 * n / max(steps, 1), name))


FaultProfile()
