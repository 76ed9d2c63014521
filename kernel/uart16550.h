/*
 * The 16550 UART, the serial port of both QEMU machines: memory-mapped on riscv64
 * virt, at I/O ports 0x3f8 (COM1) on x86_64. The arch supplies register accessors.
 */
#ifndef KERNEL_UART16550_H
#define KERNEL_UART16550_H

#include <types.h>

struct uart16550 {
	u8 (*read)(unsigned int reg);            /* read register reg (0..7) */
	void (*write)(unsigned int reg, u8 val); /* write register reg */
	unsigned int clock_hz;                   /* input clock: the baud divisor comes from it */
};

/* Program 115200 8N1 with FIFOs and register the UART as the console. */
void uart16550_init(const struct uart16550 *uart);
/* Write one byte, waiting for room ('\n' becomes "\r\n"). */
void uart16550_putc(char c);
/* Ask for an interrupt when a byte arrives (the arch routes it to uart16550_interrupt). */
void uart16550_enable_rx(void);
/* The receive interrupt: hand every byte waiting in the FIFO to the terminal. */
void uart16550_interrupt(void);

#endif
