/*
 * Power-off with a status. QEMU virt has a "test finisher" device (compatible
 * sifive,test0): writing 0x5555 exits QEMU with status 0, and (code << 16) | 0x3333
 * exits with status code. That lets the test runner read pass/fail from the exit status.
 * Without it we ask the firmware (SBI SRST), which can only say "failure" or not.
 */
#include <arch.h>
#include <asm/sbi.h>
#include <kernel/printk.h>
#include <lib/fdt.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include "riscv.h"

#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

static phys_addr_t finisher_pa;  /* the test finisher's register, 0 if none */
static volatile u32 *finisher;   /* ... once ioremapped by riscv_power_init() */

void riscv_power_find(const void *fdt)
{
	int node = fdt_find_compatible(fdt, -1, "sifive,test0");
	u64 addr, size;

	if (node >= 0 && fdt_reg(fdt, node, 0, &addr, &size) == 0)
		finisher_pa = addr;
}

void riscv_power_init(void)
{
	if (finisher_pa)
		finisher = ioremap(finisher_pa, 4);
}

__noreturn void arch_poweroff(int status)
{
	arch_irq_disable();
	/*
	 * Before paging_init() (a panic during early boot) the boot page tables map all
	 * physical memory, devices too, at PAGE_OFFSET: reach the finisher through that.
	 */
	if (!finisher && finisher_pa && !kernel_pgtable)
		finisher = __va(finisher_pa);
	if (finisher)
		*finisher = status == 0 ? FINISHER_PASS : ((u32)status << 16) | FINISHER_FAIL;
	sbi_system_reset(SBI_SRST_SHUTDOWN, status ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE);
	printk("poweroff failed: halting\n");
	for (;;)
		__asm__ __volatile__("wfi");
}
