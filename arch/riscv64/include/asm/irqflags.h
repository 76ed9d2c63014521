/*
 * Interrupts on this CPU (include/arch.h): sstatus.SIE enables supervisor interrupts
 * (RISC-V privileged spec, 4.1.1). Inline: one CSR instruction each.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <asm/csr.h>
#include <compiler.h>

static __always_inline void arch_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static __always_inline void arch_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

static __always_inline unsigned long arch_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static __always_inline void arch_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

#endif
