/*
 * The tick on riscv64: the `time` CSR counts at timebase-frequency (10 MHz on QEMU
 * virt); the SBI TIME extension raises a supervisor timer interrupt when it passes the
 * value we set. Each interrupt sets the next deadline, one tick later.
 */
#include <arch.h>
#include <asm/csr.h>
#include <asm/sbi.h>
#include <kernel/timer.h>
#include "riscv.h"

static u64 tick_interval; /* time-CSR counts per tick */

u64 arch_cycle_counter(void)
{
	return csr_read(time);
}

u64 arch_cycle_frequency(void)
{
	return timebase_frequency;
}

/*
 * The instret CSR (Zicntr; RISC-V unprivileged spec, "Counters"), readable in S-mode
 * because the SBI firmware sets mcounteren.IR (privileged spec 3.1.11; OpenSBI sets
 * every bit). QEMU counts it in guest instructions under -icount, in host ticks without.
 */
u64 arch_instruction_counter(void)
{
	return csr_read(instret);
}

void arch_timer_init(unsigned int hz)
{
	/*
	 * User mode may read `time` and nothing else: cycle and instret would let one
	 * program time another's work to the instruction. Linux (since 6.6) gives the same
	 * SIGILL unless /proc/sys/kernel/perf_user_access allows them.
	 */
	csr_write(scounteren, SCOUNTEREN_TM);
	tick_interval = timebase_frequency / hz;
	sbi_set_timer(csr_read(time) + tick_interval);
	csr_set(sie, SIE_STIE);
}

void riscv_timer_interrupt(void)
{
	/* Setting a new deadline also clears the pending interrupt (SBI spec 6.1). */
	sbi_set_timer(csr_read(time) + tick_interval);
	timer_tick();
}
