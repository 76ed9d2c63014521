/* 16550 UART driver: transmit only, polled (register map: the TI PC16550D datasheet). */
#include <kernel/printk.h>
#include <kernel/uart16550.h>

#define UART_THR 0 /* transmit holding register (write) */
#define UART_DLL 0 /* divisor latch low (when LCR.DLAB) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (when LCR.DLAB) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */

#define LCR_DLAB   0x80 /* divisor latch access */
#define LCR_8N1    0x03
#define FCR_ENABLE 0x07 /* enable and clear both FIFOs */
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_THRE   0x20 /* transmit holding register empty */

static const struct uart16550 *port; /* the UART the console writes to */

void uart16550_putc(char c)
{
	if (c == '\n')
		uart16550_putc('\r');
	while (!(port->read(UART_LSR) & LSR_THRE))
		;
	port->write(UART_THR, (u8)c);
}

static void uart_console_write(const char *s, size_t n)
{
	while (n--)
		uart16550_putc(*s++);
}

static struct console uart_console = { "uart16550", uart_console_write };

void uart16550_init(const struct uart16550 *uart)
{
	port = uart;
	port->write(UART_IER, 0);              /* no interrupts yet */
	port->write(UART_LCR, LCR_DLAB);
	port->write(UART_DLL, 1);              /* 115200 baud from the 1.8432 MHz clock */
	port->write(UART_DLM, 0);
	port->write(UART_LCR, LCR_8N1);
	port->write(UART_FCR, FCR_ENABLE);
	port->write(UART_MCR, MCR_DTR_RTS_OUT2);
	console_register(&uart_console);
}
