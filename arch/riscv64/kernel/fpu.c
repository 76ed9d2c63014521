/*
 * User floating-point state. Programs built for lp64d use f0-f31 and fcsr; the kernel
 * (rv64imac) never does, so the registers always hold the current task's values and a
 * context switch saves and loads them (riscv_fpu_save/restore in fpu_switch.S). sstatus.FS
 * must not be Off while we do: the trap left it as the user had it, so set it first.
 * A fresh program starts with FS = Initial (asm: arch_start_user) and zeroed registers.
 */
#include <arch.h>
#include <asm/csr.h>
#include <kernel/task.h>
#include <lib/string.h>
#include "riscv.h"


_Static_assert(FPU_STATE_SIZE >= 33 * 8, "f0-f31 and fcsr");

void arch_fpu_init_state(struct task *t)
{
	memset(t->fpu_state, 0, FPU_STATE_SIZE);
	if (t == current) {
		csr_set(sstatus, SSTATUS_FS);
		riscv_fpu_restore(t->fpu_state);
	}
}

void arch_fpu_save(struct task *t)
{
	csr_set(sstatus, SSTATUS_FS);
	riscv_fpu_save(t->fpu_state);
}

void arch_fpu_switch(struct task *prev, struct task *next)
{
	csr_set(sstatus, SSTATUS_FS);
	riscv_fpu_save(prev->fpu_state);
	riscv_fpu_restore(next->fpu_state);
}
