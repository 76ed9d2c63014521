# riscv64 user programs: RV64IMAC, soft-float ABI, any address within 2 GiB of pc
# (medany), and no linker relaxation, so nothing depends on gp.
USER_ARCH_CFLAGS  := -march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany -mno-relax
USER_ARCH_LDFLAGS := --no-relax
