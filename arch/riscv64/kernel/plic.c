/*
 * The Platform-Level Interrupt Controller (RISC-V PLIC specification v1.0.0): devices'
 * interrupts reach a hart's S-mode as one "external interrupt" (scause 9); the handler
 * claims the source number from the PLIC, handles it, and completes it.
 * On QEMU virt, context 2h+1 is hart h's S-mode (context 2h is its M-mode).
 */
#include <arch.h>
#include <asm/csr.h>
#include <kernel/printk.h>
#include <kernel/uart16550.h>
#include <lib/fdt.h>
#include <mm/pgtable.h>
#include "riscv.h"

#define PLIC_PRIORITY(irq)   (4 * (irq))                   /* source priority, 0 = off */
#define PLIC_ENABLE(ctx)     (0x2000 + 0x80 * (ctx))       /* enable bits, 32 per word */
#define PLIC_CONTEXT(ctx)    (0x200000 + 0x1000 * (ctx))   /* threshold at +0, claim at +4 */
#define PLIC_S_CONTEXT(hart) (2 * (hart) + 1)

static volatile u8 *plic_low;     /* priorities and enable bits */
static volatile u32 *plic_claim;  /* this context's threshold (word 0) and claim (word 1) */
static unsigned int uart_irq;     /* the UART's source number */

static void plic_write(unsigned long off, u32 val)
{
	*(volatile u32 *)(plic_low + off) = val;
}

void riscv_plic_init(const void *fdt, unsigned long hartid)
{
	int plic = fdt_find_compatible(fdt, -1, "riscv,plic0");
	int uart = fdt_find_compatible(fdt, -1, "ns16550a");
	unsigned int ctx = PLIC_S_CONTEXT(hartid);
	u64 base, size;

	if (plic < 0 || uart < 0 || fdt_reg(fdt, plic, 0, &base, &size)) {
		printk("no PLIC or UART in the device tree: no console input\n");
		return;
	}
	uart_irq = fdt_getprop_u32(fdt, uart, "interrupts", 0);
	plic_low = ioremap(base, PLIC_ENABLE(ctx) + 0x80);
	plic_claim = ioremap(base + PLIC_CONTEXT(ctx), 8);
	if (!plic_low || !plic_claim || !uart_irq)
		return;
	plic_write(PLIC_PRIORITY(uart_irq), 1);
	plic_write(PLIC_ENABLE(ctx) + 4 * (uart_irq / 32), 1u << (uart_irq % 32));
	plic_claim[0] = 0; /* threshold 0: every priority above 0 gets through */
	uart16550_enable_rx();
	csr_set(sie, SIE_SEIE);
}

void riscv_external_interrupt(void)
{
	u32 irq;

	while ((irq = plic_claim[1]) != 0) { /* claim: the highest pending source */
		if (irq == uart_irq)
			uart16550_interrupt();
		plic_claim[1] = irq; /* complete */
	}
}
