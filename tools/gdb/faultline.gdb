# gdb settings for Faultline, loaded by `make gdb` (after the arch and the kernel's
# symbols are set, before connecting to QEMU).
#
# The kernel runs at virtual addresses that only exist once paging is on, and QEMU
# starts in firmware. A software breakpoint needs its address mapped when gdb inserts
# it, so break in the kernel with `hbreak` (QEMU's TCG has as many hardware
# breakpoints as you like):
#     (gdb) hbreak start_kernel
#     (gdb) continue

set confirm off
set pagination off
set print pretty on
