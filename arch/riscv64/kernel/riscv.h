/* Declarations shared inside arch/riscv64 only. */
#ifndef RISCV_PRIVATE_H
#define RISCV_PRIVATE_H

#include <types.h>

struct pt_regs;

extern const void *boot_fdt;
extern u64 timebase_frequency;

void riscv_power_init(const void *fdt);
void riscv_fdt_check_or_panic(const void *fdt, size_t max_size);
void riscv_timer_interrupt(void);
void do_trap(struct pt_regs *regs);

#endif
