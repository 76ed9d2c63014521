# x86_64: the host gcc builds the freestanding kernel; QEMU boots it through PVH.
CROSS_COMPILE ?=
# No red zone (interrupts write below rsp), no SSE/x87 in the kernel, top-2 GiB code model.
ARCH_CFLAGS   := -m64 -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx \
                 -fno-pic -fcf-protection=none -fno-asynchronous-unwind-tables
ARCH_LDFLAGS  := -m elf_x86_64
QEMU          := qemu-system-x86_64
# -cpu max: NX, SMEP and SMAP are there. isa-debug-exit lets the kernel pick QEMU's exit status.
QEMU_MACHINE  := -machine q35 -cpu max -m 128M -smp 1 -nic none \
                 -device isa-debug-exit,iobase=0xf4,iosize=0x04
GDB_ARCH      := i386:x86-64
# How QEMU's exit status encodes the kernel's (kernel/panic.h): 0 comes from an ACPI
# power-off; any other status s is written to isa-debug-exit, and QEMU exits (s << 1) | 1.
QEMU_EXIT     := isa-debug-exit
