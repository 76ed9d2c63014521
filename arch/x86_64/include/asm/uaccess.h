/*
 * The window in which the kernel may touch user pages. With CR4.SMAP, a supervisor
 * access to a user page faults unless EFLAGS.AC is set (Intel SDM vol. 3A, 4.6.1);
 * stac and clac set and clear it. SMEP separately forbids executing user pages.
 * stac/clac do not exist without SMAP (#UD), hence the check.
 */
#ifndef ASM_UACCESS_H
#define ASM_UACCESS_H

#include <types.h>

extern bool x86_smap_enabled; /* CPUID said SMAP and CR4.SMAP is on */

static inline void user_access_begin(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("stac" ::: "memory");
}

static inline void user_access_end(void)
{
	if (x86_smap_enabled)
		__asm__ __volatile__("clac" ::: "memory");
}

#endif
