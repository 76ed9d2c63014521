# riscv64: cross toolchain, compiler flags and how QEMU boots the kernel.
CROSS_COMPILE ?= riscv64-unknown-elf-
ARCH_CFLAGS   := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax \
                 -mstrict-align
ARCH_LDFLAGS  := --no-relax
OPENSBI       ?= /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
QEMU          := qemu-system-riscv64
QEMU_MACHINE  := -machine virt -bios $(OPENSBI) -m 128M -smp 1
GDB_ARCH      := riscv:rv64
# How QEMU's exit status encodes the kernel's (kernel/panic.h): the test finisher
# passes it through unchanged.
QEMU_EXIT     := identity
