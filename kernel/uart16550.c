/* 16550 UART driver: transmit only, polled (register map: the TI PC16550D datasheet). */
#include <kernel/printk.h>
#include <kernel/tty.h>
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
#define LSR_DR     0x01 /* data ready: a received byte is waiting */
#define UART_RBR   0    /* receive buffer register (read) */
#define IER_RX     0x01 /* interrupt when data is ready */

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

void uart16550_enable_rx(void)
{
	port->write(UART_IER, IER_RX);
}

void uart16550_interrupt(void)
{
	while (port->read(UART_LSR) & LSR_DR)
		tty_receive((char)port->read(UART_RBR));
}

void uart16550_init(const struct uart16550 *uart)
{
	port = uart;
	port->write(UART_IER, 0);              /* no interrupts yet */
	port->write(UART_LCR, LCR_DLAB);
	/* The UART divides its clock by 16 * divisor (datasheet, "baud rate generator"). */
	unsigned int divisor = uart->clock_hz / (16 * 115200);

	port->write(UART_DLL, (u8)(divisor ? divisor : 1));
	port->write(UART_DLM, (u8)(divisor >> 8));
	port->write(UART_LCR, LCR_8N1);
	port->write(UART_FCR, FCR_ENABLE);
	port->write(UART_MCR, MCR_DTR_RTS_OUT2);
	console_register(&uart_console);
}
