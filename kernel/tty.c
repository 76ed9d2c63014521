/* The console line discipline (see tty.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/poll.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/tty.h>
#include <kernel/wait.h>
#include <uapi/poll.h>

#define TTY_BUF 512

/*
 * A ring of typed bytes: [read_pos, edit_pos) are finished lines ready for read();
 * [edit_pos, write_pos) is the line still being typed. Under tty_lock.
 */
static DEFINE_SPINLOCK(tty_lock); /* protects ring, the positions and last_read_end */
static char ring[TTY_BUF];
static size_t read_pos, edit_pos, write_pos; /* free-running; index with % TTY_BUF */
static size_t last_read_end; /* read_pos after the last tty_read(), for tty_unread() */
static struct wait_queue readers = WAIT_QUEUE_INIT(readers);

/* tty_receive() with tty_lock held. */
static void receive_locked(char c)
{
	if (c == '\r')
		c = '\n';
	if (c == 0x7f || c == '\b') { /* backspace: erase the last byte of the open line */
		if (write_pos != edit_pos) {
			write_pos--;
			console_write("\b \b", 3);
		}
		return;
	}
	if (write_pos - read_pos == TTY_BUF - 1 && c != '\n')
		return; /* full: drop, but always leave room to end the line */
	if (write_pos - read_pos == TTY_BUF)
		return;
	ring[write_pos++ % TTY_BUF] = c;
	console_write(&c, 1); /* echo */
	if (c == '\n') {
		edit_pos = write_pos;
		wake_up(&readers);
		poll_wake_up();
	}
}

void tty_receive(char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty_lock, flags);
	receive_locked(c);
	spin_unlock_irqrestore(&tty_lock, flags);
}

long tty_read(char *buf, size_t n)
{
	size_t got = 0;
	long err = wait_event_interruptible(&readers, read_pos != edit_pos);
	unsigned long flags;

	if (err)
		return err;
	spin_lock_irqsave(&tty_lock, flags);
	/* Up to the end of the first line; a short buffer leaves the rest for the next read. */
	while (got < n && read_pos != edit_pos) {
		char c = ring[read_pos++ % TTY_BUF];

		buf[got++] = c;
		if (c == '\n')
			break;
	}
	last_read_end = read_pos;
	spin_unlock_irqrestore(&tty_lock, flags);
	return (long)got;
}

void tty_unread(size_t n)
{
	unsigned long flags;

	spin_lock_irqsave(&tty_lock, flags);
	/* Only if nobody read since, and the bytes were not written over meanwhile. */
	if (read_pos == last_read_end && write_pos - (read_pos - n) <= TTY_BUF)
		read_pos -= n;
	spin_unlock_irqrestore(&tty_lock, flags);
}

unsigned int tty_poll(void)
{
	unsigned int mask = POLLOUT | POLLWRNORM; /* the UART write never refuses */
	unsigned long flags;

	spin_lock_irqsave(&tty_lock, flags);
	if (read_pos != edit_pos)
		mask |= POLLIN | POLLRDNORM;
	spin_unlock_irqrestore(&tty_lock, flags);
	return mask;
}
