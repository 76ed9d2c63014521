# gdb settings and commands for Faultline, loaded by `make gdb` (after the arch and the
# kernel's symbols are set, before connecting to QEMU).
#
# The kernel runs at virtual addresses that only exist once paging is on, and QEMU
# starts in firmware. A software breakpoint needs its address mapped when gdb inserts
# it, so break in the kernel with `hbreak` (QEMU's TCG has as many hardware
# breakpoints as you like):
#     (gdb) hbreak start_kernel
#     (gdb) continue
#
# Commands (defined in tools/gdb/faultline.py, sourced at the end; `help faultline`):
#   faultinfo   stopped in handle_mm_fault() (or any frame with addr, flags and vma),
#               print the fault's address, its flags as FAULT_FLAG_* names (mm/fault.h)
#               and the VMA's [vm_start, vm_end) with its VM_* names (mm/mm.h).
#   fl-task, fl-vmas, fl-walk, fl-decode, fl-lastfault, fl-break-fault, fl-stepi,
#   fl-user: docs/gdb.md.
#
# The gdb test user_fault_in_core (tools/runtests.py) runs exactly this, on both arches,
# with QEMU booted by `make qemu-gdb INIT=/tests/fault_target` (the program writes to
# 0x10002123 in its mapping [0x10000000, 0x10004000), user/harness/fault_target.c):
#     (gdb) hbreak handle_mm_fault if (flags & 0x40) && addr >= 0x10000000 && addr < 0x10004000 && $_streq(current->name, "fault_target")
#     (gdb) continue
#     (gdb) p/x addr
#     (gdb) p/x flags
#     (gdb) p/x vma->vm_start
#     (gdb) p/x vma->vm_end
#     (gdb) faultinfo
#     fault: addr 0x10002123 flags 0x255 = FAULT_FLAG_WRITE|FAULT_FLAG_ALLOW_RETRY|FAULT_FLAG_KILLABLE|FAULT_FLAG_USER|FAULT_FLAG_INTERRUPTIBLE
#     vma: [0x10000000, 0x10004000) vm_flags 0x73 = VM_READ|VM_WRITE|VM_MAYREAD|VM_MAYWRITE|VM_MAYEXEC, anonymous
#     (gdb) bt
#     (gdb) delete
#     (gdb) continue
# 0x40 is FAULT_FLAG_USER (gdb knows no macros). The condition reads `current` last, when
# the fault is known to be a user fault and so a task is running.

set confirm off
set pagination off
set print pretty on

# The commands: faultinfo and the fl-* commands (docs/gdb.md).
source tools/gdb/faultline.py
