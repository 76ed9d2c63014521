/* The console line discipline and job control (see tty.h). */
#include <arch.h>
#include <errno.h>
#include <kernel/poll.h>
#include <kernel/pgrp.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <kernel/tty.h>
#include <kernel/wait.h>
#include <uapi/poll.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>
#include <uapi/termios.h>

#define TTY_BUF 512

#define CTRL(c) ((c) & 0x1f)

/*
 * A ring of typed bytes: [read_pos, edit_pos) are ready for read() (finished lines in
 * canonical mode, everything otherwise); [edit_pos, write_pos) is the line still being
 * typed. eof_at marks the slots that hold an EOF (^D) ending a line: read() consumes it
 * without returning it. Under tty_lock, with the modes, the window size and the session.
 */
static DEFINE_SPINLOCK(tty_lock);
static char ring[TTY_BUF];
static bool eof_at[TTY_BUF];
static size_t read_pos, edit_pos, write_pos; /* free-running; index with % TTY_BUF */
static size_t last_read_start, last_read_end; /* the latest tty_read(), for tty_unread() */
static struct wait_queue readers = WAIT_QUEUE_INIT(readers);

/* Linux's tty_std_termios: a cooked, echoing terminal at 38400 baud. */
static struct termios termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0x7f,
		  [VKILL] = CTRL('U'), [VEOF] = CTRL('D'), [VMIN] = 1, [VSTART] = CTRL('Q'),
		  [VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'),
		  [VDISCARD] = CTRL('O'), [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V') },
};
static struct winsize winsize;  /* a serial line knows no size: 0 x 0 until set */
static int tty_session;         /* the session it controls (its leader's process id), or 0 */
static int tty_pgrp;            /* the foreground process group, or 0 */

/* Is the console t's controlling terminal? */
static bool is_ctty(const struct task *t)
{
	return tty_session && t->signal->sid == tty_session && !t->no_ctty;
}

/* Echo a typed byte: control characters as ^X (ECHOCTL), but tab and newline as such. */
static void echo_char(char c)
{
	char caret[2] = { '^', (char)(c ^ 0x40) };

	if (!(termios.c_lflag & ECHO))
		return;
	if ((termios.c_lflag & ECHOCTL) && ((unsigned char)c < 0x20 || c == 0x7f) &&
	    c != '\t' && c != '\n')
		console_write(caret, 2);
	else
		console_write(&c, 1);
}

/* Erase the last byte of the open line (ERASE); false if the line is empty. */
static bool erase_char(void)
{
	if (write_pos == edit_pos)
		return false;
	write_pos--;
	if ((termios.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE))
		console_write("\b \b", 3);
	return true;
}

/* Queue c at the end; in canonical mode eol (a newline or EOF) finishes the line. */
static void put_char(char c, bool is_eof, bool eol)
{
	eof_at[write_pos % TTY_BUF] = is_eof;
	ring[write_pos++ % TTY_BUF] = c;
	if (eol || !(termios.c_lflag & ICANON)) {
		edit_pos = write_pos;
		wake_up(&readers);
		poll_wake_up();
	}
}

/* The signal a typed byte raises under ISIG, or 0. */
static int isig_signal(char c)
{
	if (!(termios.c_lflag & ISIG) || !c)
		return 0;
	if (c == (char)termios.c_cc[VINTR])
		return SIGINT;
	if (c == (char)termios.c_cc[VQUIT])
		return SIGQUIT;
	if (c == (char)termios.c_cc[VSUSP])
		return SIGTSTP;
	return 0;
}

/* tty_receive() with tty_lock held; returns a signal for the foreground group, or 0. */
static int receive_locked(char c)
{
	bool canon = termios.c_lflag & ICANON;
	int sig;

	if (c == '\r' && (termios.c_iflag & ICRNL))
		c = '\n';
	if ((sig = isig_signal(c)) != 0) {
		if (!(termios.c_lflag & NOFLSH))
			read_pos = edit_pos = write_pos; /* Linux's isig(): input is discarded */
		echo_char(c);
		return sig;
	}
	if (canon && (c == (char)termios.c_cc[VERASE] || c == '\b')) {
		erase_char();
		return 0;
	}
	if (canon && c == (char)termios.c_cc[VKILL]) {
		while (erase_char())
			;
		return 0;
	}
	/* Full: drop, but in canonical mode always leave room to end the line. */
	if (write_pos - read_pos >= TTY_BUF - (canon && c != '\n' ? 1U : 0U))
		return 0;
	if (canon && c == (char)termios.c_cc[VEOF]) {
		put_char(c, true, true);
		return 0;
	}
	echo_char(c);
	put_char(c, false, c == '\n');
	return 0;
}

void tty_receive(char c)
{
	unsigned long flags;
	int sig, pgrp;

	spin_lock_irqsave(&tty_lock, flags);
	sig = receive_locked(c);
	pgrp = tty_pgrp;
	spin_unlock_irqrestore(&tty_lock, flags);
	if (sig && pgrp)
		kill_pgrp(pgrp, sig);
}

/* Is signal sig ignored or blocked by current (Linux's is_ignored() in the tty code)? */
static bool ignored_or_blocked(int sig)
{
	void *handler = current->sighand->action[sig - 1].sa_handler;

	return (current->blocked.sig[0] & sigmask(sig)) || handler == SIG_IGN;
}

/*
 * Job control before a read (SIGTTIN) or a write or mode change (SIGTTOU) on the console
 * (Linux's __tty_check_change): 0 unless current is in the background of this, its
 * controlling terminal. Then: -EIO for a read with SIGTTIN ignored, 0 for the others
 * with their signal ignored; -EIO for an orphaned group; otherwise the signal goes to the
 * whole group and the call ends with -ERESTARTSYS, to run again after SIGCONT.
 */
static long tty_check_change(int sig)
{
	if (!is_ctty(current) || !tty_pgrp || current->signal->pgid == tty_pgrp)
		return 0;
	if (ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_is_orphaned(current->signal->pgid))
		return -EIO;
	kill_pgrp(current->signal->pgid, sig);
	return -ERESTARTSYS;
}

long tty_write_check(void)
{
	return (termios.c_lflag & TOSTOP) ? tty_check_change(SIGTTOU) : 0;
}

/* Take ready bytes into buf (at most n): canonical mode up to and with the first newline,
 * or up to an EOF, which is consumed and not returned. Under tty_lock. */
static size_t take_locked(char *buf, size_t n)
{
	bool canon = termios.c_lflag & ICANON;
	size_t got = 0;

	last_read_start = read_pos;
	while (got < n && read_pos != edit_pos) {
		size_t slot = read_pos++ % TTY_BUF;

		if (canon && eof_at[slot])
			break;
		buf[got++] = ring[slot];
		if (canon && ring[slot] == '\n')
			break;
	}
	last_read_end = read_pos;
	return got;
}

long tty_read(char *buf, size_t n)
{
	unsigned long flags;
	long err = tty_check_change(SIGTTIN);
	bool no_wait = !(termios.c_lflag & ICANON) && !termios.c_cc[VMIN] && !termios.c_cc[VTIME];
	size_t got;

	if (err)
		return err;
	if (!no_wait && (err = wait_event_interruptible(&readers, read_pos != edit_pos)))
		return err;
	spin_lock_irqsave(&tty_lock, flags);
	got = take_locked(buf, n);
	spin_unlock_irqrestore(&tty_lock, flags);
	return (long)got;
}

void tty_unread(size_t n)
{
	unsigned long flags;

	(void)n;
	spin_lock_irqsave(&tty_lock, flags);
	/* Only if nobody read since, and the bytes were not written over meanwhile. */
	if (read_pos == last_read_end && write_pos - last_read_start <= TTY_BUF)
		read_pos = last_read_start;
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

/* New modes. Leaving canonical mode makes the open line readable; TCSETSF (flush)
 * discards all pending input first. Output is never queued, so there is nothing to drain. */
static void set_termios(const struct termios *t, bool flush)
{
	unsigned long flags;

	spin_lock_irqsave(&tty_lock, flags);
	if (flush)
		read_pos = edit_pos = write_pos;
	termios = *t;
	if (!(termios.c_lflag & ICANON) && edit_pos != write_pos) {
		for (size_t p = edit_pos; p != write_pos; p++)
			eof_at[p % TTY_BUF] = false;
		edit_pos = write_pos;
		wake_up(&readers);
		poll_wake_up();
	}
	spin_unlock_irqrestore(&tty_lock, flags);
}

/* TIOCSCTTY(steal): current, a session leader without a terminal, takes the console.
 * EPERM if it is not a leader, already has one, or the console is another session's
 * and steal is not 1 (root may steal it). */
static long tiocsctty(unsigned long steal)
{
	if (current->signal->sid == current->tgid && tty_session == current->signal->sid) {
		current->no_ctty = false;
		return 0;
	}
	if (current->signal->sid != current->tgid || is_ctty(current))
		return -EPERM;
	if (tty_session && steal != 1)
		return -EPERM;
	tty_session = current->signal->sid;
	tty_pgrp = current->signal->pgid;
	current->no_ctty = false;
	return 0;
}

/* Free the console of its session; hangup: SIGHUP (and SIGCONT unless the leader is
 * exiting) to the foreground group, as Linux's disassociate_ctty(). */
static void release_ctty(bool on_exit)
{
	int pgrp = tty_pgrp;

	tty_session = tty_pgrp = 0;
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP);
		if (!on_exit)
			kill_pgrp(pgrp, SIGCONT);
	}
}

void disassociate_ctty(struct task *t)
{
	if (t->signal->sid == t->tgid && tty_session == t->signal->sid)
		release_ctty(true);
}

/* TIOCSPGRP: a group of the caller's session becomes the foreground one. */
static long tiocspgrp(const int __user *upgrp)
{
	long err = tty_check_change(SIGTTOU);
	int pgrp;

	if (err == -EIO)
		return -ENOTTY;
	if (err)
		return err;
	if (!is_ctty(current))
		return -ENOTTY;
	if (copy_from_user(&pgrp, upgrp, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_exists(pgrp))
		return -ESRCH;
	if (!pgrp_in_session(pgrp, current->signal->sid))
		return -EPERM;
	tty_pgrp = pgrp;
	return 0;
}

/* Bytes a read could return now (FIONREAD). */
static int input_available(void)
{
	unsigned long flags;
	int n = 0;

	spin_lock_irqsave(&tty_lock, flags);
	for (size_t p = read_pos; p != edit_pos; p++)
		n += !eof_at[p % TTY_BUF] || !(termios.c_lflag & ICANON);
	spin_unlock_irqrestore(&tty_lock, flags);
	return n;
}

static long put_int(unsigned long arg, int v)
{
	return copy_to_user((int __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

long tty_ioctl(unsigned int cmd, unsigned long arg)
{
	struct termios t;
	struct winsize ws;
	long err;
	char c;

	switch (cmd) {
	case TCGETS:
		return copy_to_user((void __user *)arg, &termios, sizeof(termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if ((err = tty_check_change(SIGTTOU)))
			return err;
		if (copy_from_user(&t, (const void __user *)arg, sizeof(t)))
			return -EFAULT;
		set_termios(&t, cmd == TCSETSF);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user((void __user *)arg, &winsize, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, (const void __user *)arg, sizeof(ws)))
			return -EFAULT;
		if (memcmp(&ws, &winsize, sizeof(ws)) && tty_pgrp)
			kill_pgrp(tty_pgrp, SIGWINCH);
		winsize = ws;
		return 0;
	case TIOCGPGRP:
		return is_ctty(current) ? put_int(arg, tty_pgrp) : -ENOTTY;
	case TIOCGSID:
		return is_ctty(current) ? put_int(arg, tty_session) : -ENOTTY;
	case TIOCSPGRP:
		return tiocspgrp((const int __user *)arg);
	case TIOCSCTTY:
		return tiocsctty(arg);
	case TIOCNOTTY:
		if (!is_ctty(current))
			return -ENOTTY;
		if (current->signal->sid == current->tgid)
			release_ctty(false);
		current->no_ctty = true;
		return 0;
	case FIONREAD:
		return put_int(arg, input_available());
	case TIOCSTI: /* root's (CAP_SYS_ADMIN) on any terminal: everyone's here */
		if (copy_from_user(&c, (const char __user *)arg, 1))
			return -EFAULT;
		tty_receive(c);
		return 0;
	}
	return -ENOTTY;
}
