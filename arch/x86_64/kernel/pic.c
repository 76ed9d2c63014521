/*
 * The two cascaded 8259A programmable interrupt controllers of the PC (Intel 8259A
 * datasheet): IRQs 0-7 on the master, 8-15 on the slave behind the master's IRQ 2.
 * Remapped to vectors 32-47, clear of the CPU's exceptions.
 */
#include <asm/processor.h>
#include "x86.h"

#define PIC1_CMD     0x20
#define PIC1_DATA    0x21
#define PIC2_CMD     0xa0
#define PIC2_DATA    0xa1
#define PIC_EOI      0x20
#define PIC_READ_ISR 0x0b

void x86_pic_init(void)
{
	/* ICW1-4 (8259A datasheet): edge triggered, cascaded, vectors 32-39 and 40-47. */
	outb(PIC1_CMD, 0x11);
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 4);   /* the slave is on IRQ 2 */
	outb(PIC2_DATA, 2);   /* its cascade identity */
	outb(PIC1_DATA, 0x01); /* 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xee); /* mask everything but IRQ 0 (timer) and IRQ 4 (COM1) */
	outb(PIC2_DATA, 0xff);
}

void x86_pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
}

/* IRQ 7 and 15 also arrive when a request went away: then the in-service bit is clear. */
bool x86_pic_spurious(unsigned int irq)
{
	u16 port = irq >= 8 ? PIC2_CMD : PIC1_CMD;

	outb(port, PIC_READ_ISR);
	if (inb(port) & (1 << (irq & 7)))
		return false;
	if (irq >= 8)
		outb(PIC1_CMD, PIC_EOI); /* the master did see the cascade interrupt */
	return true;
}
