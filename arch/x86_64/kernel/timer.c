/*
 * The tick on x86_64: the 8254 PIT's channel 0 (1.193182 MHz input) divided down to HZ,
 * wired to IRQ 0 of the 8259 PIC (pic.c), which sends it to vector 32. The TSC,
 * calibrated against PIT channel 2 at boot, is the free-running counter.
 */
#include <arch.h>
#include <asm/processor.h>
#include <kernel/timer.h>
#include "x86.h"

#define PIT_HZ       1193182
#define PIT_CH0      0x40
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PORT_B       0x61 /* bit 0: gate of channel 2, bit 1: speaker, bit 5: channel 2 output */

u64 tsc_frequency; /* TSC counts per second */

/* Count TSC ticks over 50 ms of PIT channel 2 in one-shot mode. */
u64 x86_calibrate_tsc(void)
{
	const unsigned int count = PIT_HZ / 20;
	u64 start, end;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01); /* speaker off, gate on */
	outb(PIT_CMD, 0xb0);                       /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	start = rdtsc();
	while (!(inb(PORT_B) & 0x20))             /* output goes high at terminal count */
		;
	end = rdtsc();
	return (end - start) * 20;
}

u64 arch_cycle_counter(void)
{
	return rdtsc();
}

u64 arch_cycle_frequency(void)
{
	return tsc_frequency;
}

/*
 * x86 has no architectural instructions-retired counter readable without setting up a
 * performance counter (Intel SDM vol. 3B 20.2, IA32_FIXED_CTR0), which QEMU's TCG does
 * not model. The TSC stands in: under -icount shift=0, QEMU derives it from the
 * instruction count, one tick per guest instruction; without -icount it is a clock.
 */
u64 arch_instruction_counter(void)
{
	return rdtsc();
}

void arch_timer_init(unsigned int hz)
{
	unsigned int divisor = PIT_HZ / hz;

	x86_pic_init();
	outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, mode 2 (rate generator) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

void x86_timer_interrupt(void)
{
	timer_tick();
	x86_pic_eoi(0);
}
