/*
 * The window in which the kernel may touch user pages. With CR4.SMAP, a supervisor
 * access to a user page faults unless EFLAGS.AC is set (Intel SDM vol. 3A, 4.6.1);
 * stac and clac set and clear it. SMEP separately forbids executing user pages.
 * stac/clac do not exist without SMAP (#UD), hence the check.
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <asm/processor.h>
#include <asm/ptrace.h>
#include <compiler.h>
#include <types.h>

extern bool x86_smap_enabled; /* CPUID said SMAP and CR4.SMAP is on */

static __always_inline void user_access_begin(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("stac" ::: "memory");
}

static __always_inline void user_access_end(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("clac" ::: "memory");
}

/* Was the window open when the kernel took the trap in regs? (the saved rflags.AC;
 * without SMAP there is no window: always open) */
static __always_inline bool user_access_was_open(const struct pt_regs *regs)
{
	return !x86_smap_enabled || (regs->rflags & X86_EFLAGS_AC);
}

#endif
