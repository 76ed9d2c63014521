# x86_64 user programs: the host gcc, 64-bit, no CET notes (the kernel does not do CET).
USER_ARCH_CFLAGS  := -m64 -fcf-protection=none
USER_ARCH_LDFLAGS := -m elf_x86_64
# `make user LIBC=glibc|musl`: the host's gcc and musl-tools' musl-gcc, static (user/prog.mk).
USER_GLIBC_CC := gcc
USER_MUSL_CC  := musl-gcc
