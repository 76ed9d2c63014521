/* printk: format into a buffer, hand it to the console with interrupts off. */
#include <arch.h>
#include <kernel/printk.h>
#include <lib/printf.h>

static struct console *console; /* the console printk writes to; NULL: none yet */

void console_register(struct console *con)
{
	console = con;
}

void console_write(const char *s, size_t n)
{
	if (console)
		console->write(s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
	/* Interrupts off so a message is not cut in half by a tick that prints. */
	unsigned long flags = arch_irq_save();

	console_write(buf, len);
	arch_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
