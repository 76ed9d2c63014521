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
# Commands defined here (`help faultinfo` shows the same):
#   faultinfo   stopped in handle_mm_fault() (or any frame with addr, flags and vma),
#               print the fault's address, its flags as FAULT_FLAG_* names (mm/fault.h)
#               and the VMA's [vm_start, vm_end) with its VM_* names (mm/mm.h).
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

# A bit of a flags word, by name: prints "|NAME" (or "NAME" first) if ($arg0 & $arg1).
# $faultinfo_sep says whether a name was printed already. Used by faultinfo.
define faultinfo-bit
  if ($arg0) & ($arg1)
    if $faultinfo_sep
      echo |
    end
    echo $arg2
    set $faultinfo_sep = 1
  end
end
document faultinfo-bit
faultinfo-bit VALUE BIT NAME: print NAME if VALUE has BIT set (a helper of faultinfo).
end

define faultinfo
  printf "fault: addr %#lx flags %#x = ", addr, flags
  set $faultinfo_sep = 0
  faultinfo-bit flags 0x001 FAULT_FLAG_WRITE
  faultinfo-bit flags 0x002 FAULT_FLAG_MKWRITE
  faultinfo-bit flags 0x004 FAULT_FLAG_ALLOW_RETRY
  faultinfo-bit flags 0x008 FAULT_FLAG_RETRY_NOWAIT
  faultinfo-bit flags 0x010 FAULT_FLAG_KILLABLE
  faultinfo-bit flags 0x020 FAULT_FLAG_TRIED
  faultinfo-bit flags 0x040 FAULT_FLAG_USER
  faultinfo-bit flags 0x080 FAULT_FLAG_REMOTE
  faultinfo-bit flags 0x100 FAULT_FLAG_INSTRUCTION
  faultinfo-bit flags 0x200 FAULT_FLAG_INTERRUPTIBLE
  if (flags & ~0x3ff)
    printf "|unknown %#x", flags & ~0x3ff
  end
  if !$faultinfo_sep
    echo none
  end
  echo \n
  printf "vma: [%#lx, %#lx) vm_flags %#lx = ", vma->vm_start, vma->vm_end, vma->vm_flags
  set $faultinfo_sep = 0
  faultinfo-bit vma->vm_flags 0x01 VM_READ
  faultinfo-bit vma->vm_flags 0x02 VM_WRITE
  faultinfo-bit vma->vm_flags 0x04 VM_EXEC
  faultinfo-bit vma->vm_flags 0x08 VM_SHARED
  faultinfo-bit vma->vm_flags 0x10 VM_MAYREAD
  faultinfo-bit vma->vm_flags 0x20 VM_MAYWRITE
  faultinfo-bit vma->vm_flags 0x40 VM_MAYEXEC
  faultinfo-bit vma->vm_flags 0x80 VM_MAYSHARE
  faultinfo-bit vma->vm_flags 0x100 VM_GROWSDOWN
  faultinfo-bit vma->vm_flags 0x200 VM_UFFD_MISSING
  faultinfo-bit vma->vm_flags 0x1000 VM_UFFD_WP
  faultinfo-bit vma->vm_flags 0x4000000000 VM_UFFD_MINOR
  if (vma->vm_flags & ~0x40000013ff)
    printf "|unknown %#lx", vma->vm_flags & ~0x40000013ff
  end
  if !$faultinfo_sep
    echo none
  end
  if vma->vm_inode
    printf ", file at page %lu\n", vma->vm_pgoff
  else
    printf ", anonymous\n"
  end
end
document faultinfo
faultinfo: the fault being handled, decoded. Use it stopped in handle_mm_fault() (or in
any frame with variables addr, flags and vma, such as fault_in_mm() once it has found
the VMA: `up` from handle_mm_fault()). Prints the address and the FAULT_FLAG_* names set
in flags, then the VMA's [vm_start, vm_end), its VM_* names and whether it is anonymous
or a file's.
end

# The Python commands (fl-task, fl-vmas, fl-walk, fl-decode, fl-lastfault, fl-break-fault,
# fl-stepi, fl-user): `help faultline`, docs/gdb.md.
source tools/gdb/faultline.py
