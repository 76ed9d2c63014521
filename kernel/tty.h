/*
 * The console as a terminal (Linux's tty layer and its N_TTY line discipline, cut down to
 * one terminal). Bytes typed arrive from the UART's receive interrupt; the line
 * discipline works on them as struct termios says (uapi/termios.h):
 *   - ICANON (canonical mode): lines are edited (ERASE/backspace, KILL = ^U) and read()
 *     returns whole lines; EOF (^D) ends a line without a byte, so on an empty line read()
 *     returns 0. Without ICANON every byte is readable at once (VMIN 0 and VTIME 0: read
 *     never waits; any other VMIN/VTIME: it waits for one byte).
 *   - ECHO: typed bytes are written back (control characters as ^X with ECHOCTL).
 *   - ISIG: INTR (^C), QUIT (^\) and SUSP (^Z) send SIGINT, SIGQUIT and SIGTSTP to the
 *     foreground process group and discard pending input.
 *
 * Job control: the console may be the controlling terminal of one session. A session
 * leader without one takes it with ioctl(TIOCSCTTY) (opening /dev/console never does,
 * as in Linux); every process of that session then has it, until the leader exits or
 * gives it up (TIOCNOTTY), or the process gives it up alone or leaves the session. The
 * terminal has a foreground process group (TIOCGPGRP/TIOCSPGRP); a process of the
 * session outside it (in the background) that reads gets SIGTTIN, and one that writes
 * with TOSTOP set, changes the modes or the foreground group gets SIGTTOU, sent to its
 * whole group, and the call is restarted after the stop (-ERESTARTSYS); with the signal
 * ignored or blocked a write goes ahead and a read fails with EIO, and a group that no
 * shell could continue (orphaned) gets EIO instead of a stop.
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <types.h>

struct task;

/* A byte from the keyboard side; called from the UART interrupt. */
void tty_receive(char c);
/* Read at most n bytes into kernel memory at buf, as the modes say: bytes, 0 at end of
 * file, -ERESTARTSYS (a signal, or a background read's SIGTTIN), or -EIO. */
long tty_read(char *buf, size_t n);
/* Give back the bytes the latest tty_read() took (they could not be delivered), so the
 * next read returns them; nothing happens if another read came in between. n is how
 * many it returned. */
void tty_unread(size_t n);
/* Before a write by current: 0 to go ahead, or -ERESTARTSYS/-EIO (background, TOSTOP). */
long tty_write_check(void);
/* An ioctl on the console: TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ,
 * TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, TIOCGSID, FIONREAD, TIOCSTI (a byte as if
 * typed: how tests type); -ENOTTY for others. */
long tty_ioctl(unsigned int cmd, unsigned long arg);
/* Exit of t, its process's last thread: a session leader's terminal is freed, SIGHUP to
 * its foreground group. */
void disassociate_ctty(struct task *t);

/* The POLL* events of the console: POLLIN once a whole line is there, POLLOUT always. */
unsigned int tty_poll(void);

#endif
