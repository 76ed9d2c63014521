/*
 * Interrupts on this CPU (include/arch.h): EFLAGS.IF, set by sti and cleared by cli
 * (Intel SDM vol. 2B, STI/CLI). Inline: one or two instructions each.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <asm/processor.h>
#include <compiler.h>

static __always_inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static __always_inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static __always_inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq\n\tpopq %0\n\tcli" : "=r"(flags) : : "memory");
	return flags & X86_EFLAGS_IF;
}

static __always_inline void arch_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("sti" ::: "memory");
}

#endif
