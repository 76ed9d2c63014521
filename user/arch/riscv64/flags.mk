# riscv64 user programs: RV64IMAC, soft-float ABI, any address within 2 GiB of pc
# (medany), and no linker relaxation, so nothing depends on gp.
USER_ARCH_CFLAGS  := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -mno-relax
USER_ARCH_LDFLAGS := --no-relax
# `make user LIBC=glibc|musl`: Debian's riscv64 Linux cross compiler, static (user/prog.mk).
USER_GLIBC_CC := riscv64-linux-gnu-gcc
USER_MUSL_CC  := python3 tools/muslcc.py riscv64
