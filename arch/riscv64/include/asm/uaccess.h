/*
 * The window in which the kernel may touch user pages. On riscv64, S-mode loads and
 * stores to pages with U=1 fault unless sstatus.SUM is set (privileged spec 4.1.1.2);
 * S-mode can never execute a U=1 page. copy_from_user()/copy_to_user() open the window
 * around their accesses and close it after, so a stray kernel pointer into user memory
 * faults everywhere else.
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <asm/csr.h>
#include <asm/ptrace.h>
#include <compiler.h>
#include <types.h>

static __always_inline void user_access_begin(void)
{
	csr_set(sstatus, SSTATUS_SUM);
}

static __always_inline void user_access_end(void)
{
	csr_clear(sstatus, SSTATUS_SUM);
}

/* Was the window open when the kernel took the trap in regs? (the saved sstatus.SUM) */
static __always_inline bool user_access_was_open(const struct pt_regs *regs)
{
	return regs->status & SSTATUS_SUM;
}

#endif
