/* Declarations shared inside arch/riscv64 only. */
#ifndef RISCV_PRIVATE_H
#define RISCV_PRIVATE_H

#include <types.h>

struct pt_regs;

extern const void *boot_fdt;      /* the device tree, through the direct map */
extern u64 timebase_frequency;    /* Hz of the time CSR, from /cpus */

/* The name of an scause value ("load page fault"). */
const char *riscv_cause_name(unsigned long cause);

/* Find the test finisher in the device tree (early: used by a panic before paging_init). */
void riscv_power_find(const void *fdt);
/* Map it for good, after paging_init(). */
void riscv_power_init(void);
/* Check a device tree blob of at most max_size bytes; panic with the reason if it is bad. */
void riscv_fdt_check_or_panic(const void *fdt, size_t max_size);
/* The supervisor timer interrupt: set the next deadline, count a tick. */
void riscv_timer_interrupt(void);
/* Route the UART's interrupt to this hart's S-mode and turn on external interrupts. */
void riscv_plic_init(const void *fdt, unsigned long hartid);
/* scause 9: claim, handle and complete every pending device interrupt. */
void riscv_external_interrupt(void);
/* Save / load f0-f31 and fcsr (33 u64s) from the live registers (fpu_switch.S). */
void riscv_fpu_save(void *state);
void riscv_fpu_restore(const void *state);
/* The same to or from a user signal frame's D state (fpu_switch.S): 0 or -EFAULT. */
long riscv_fpu_save_user(void *state);
long riscv_fpu_restore_user(const void *state);
/* The C half of every trap (entry.S): dispatch on scause. (Not Linux's do_trap(), which
 * sends a trap's signal: that is do_trap_error() here, as in Linux's riscv.) */
void handle_trap(struct pt_regs *regs);
/* scause 12, 13, 15 (arch/riscv64/mm/fault.c): decode, hand over to the core. */
void do_page_fault(struct pt_regs *regs);
/* A page fault's FAULT_FLAG_* from its scause and sstatus (arch/riscv64/mm/fault.c). */
unsigned int riscv_fault_flags(unsigned long scause, unsigned long sstatus);

#endif
