/* printk: format into a buffer, hand it to the console under printk_lock. */
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/printf.h>

/*
 * Protects the console device while one message goes out, so that a message is not cut
 * in half by an interrupt (a tick, a key) that prints. Taken from interrupt handlers.
 */
static DEFINE_SPINLOCK(printk_lock);

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
	unsigned long flags;

	if (oops_in_progress) {
		/* The kernel is dying, maybe inside a console write that holds the lock: the
		 * last words matter more than a tidy line (Linux's printk does the same). */
		console_write(buf, len);
		return n;
	}
	spin_lock_irqsave(&printk_lock, flags);
	console_write(buf, len);
	spin_unlock_irqrestore(&printk_lock, flags);
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
