/*
 * Power-off with a status. Success is a real ACPI soft-off (QEMU then exits with 0):
 * SLP_EN with SLP_TYP 0 in PM1a_CNT, which SeaBIOS puts at I/O port 0x604 on QEMU's
 * machines. A failure status s goes to the isa-debug-exit device at port 0xf4 (see
 * QEMU_MACHINE in arch.mk), and QEMU exits with (s << 1) | 1.
 */
#include <arch.h>
#include <asm/processor.h>
#include <kernel/printk.h>

#define ACPI_PM1A_CNT  0x604
#define ACPI_SLP_EN    (1 << 13)
#define DEBUG_EXIT_PORT 0xf4

__noreturn void arch_poweroff(int status)
{
	u64 start = arch_cycle_counter(), freq = arch_cycle_frequency();

	arch_irq_disable();
	if (status == 0)
		outw(ACPI_PM1A_CNT, ACPI_SLP_EN);
	else
		outl(DEBUG_EXIT_PORT, (u32)status);
	/* QEMU acts on the ACPI request between instructions, not at once: give it time. */
	while (freq && arch_cycle_counter() - start < freq)
		__asm__ __volatile__("pause");
	printk("poweroff failed: halting\n");
	for (;;)
		__asm__ __volatile__("hlt");
}
