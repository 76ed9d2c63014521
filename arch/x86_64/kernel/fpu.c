/*
 * User FPU/SSE state. The x86_64 ABI uses SSE registers everywhere (gcc copies memory with
 * them), so user programs need it on: CR0.EM clear, CR0.MP set, CR4.OSFXSR and OSXMMEXCPT
 * set (Intel SDM vol. 3A, 13.1), and CR0.NE set so that an unmasked x87 exception is a
 * #MF the program gets as SIGFPE, not a signal on the PC's legacy FERR# pin that nothing
 * listens to (SDM vol. 1, 8.7). The kernel is built with -mgeneral-regs-only and never
 * touches these registers, so they always hold the current task's values; a context
 * switch saves them with fxsave64 and loads the next task's with fxrstor64.
 */
#include <arch.h>
#include <asm/processor.h>
#include <kernel/task.h>
#include <lib/string.h>
#include "x86.h"

_Static_assert(FPU_STATE_SIZE >= 512, "FXSAVE needs 512 bytes");

static u8 initial_state[512] __aligned(16); /* after fninit, MXCSR at its reset value */
u32 x86_mxcsr_mask; /* the MXCSR bits this CPU implements (FXSAVE byte 28; 0 means 0xffbf) */

void x86_fpu_init(void)
{
	u32 mxcsr = 0x1f80; /* all SSE exceptions masked (SDM 1, 10.2.3.1) */

	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ __volatile__("fninit\n\tldmxcsr %1\n\tfxsave64 %0"
			     : "=m"(initial_state) : "m"(mxcsr));
	memcpy(&x86_mxcsr_mask, initial_state + 28, sizeof(x86_mxcsr_mask));
	if (!x86_mxcsr_mask)
		x86_mxcsr_mask = 0xffbf; /* SDM vol. 1, 11.6.6: the default mask */
}

void arch_fpu_init_state(struct task *t)
{
	memcpy(t->fpu_state, initial_state, sizeof(initial_state));
	if (t == current)
		__asm__ __volatile__("fxrstor64 %0" : : "m"(t->fpu_state));
}

void arch_fpu_save(struct task *t)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(t->fpu_state));
}

void arch_fpu_switch(struct task *prev, struct task *next)
{
	__asm__ __volatile__("fxsave64 %0" : "=m"(prev->fpu_state));
	__asm__ __volatile__("fxrstor64 %0" : : "m"(next->fpu_state));
}
