/*
 * A terminal for the job-control tests, the same calls on both systems: under Faultline
 * the console (descriptor 0, which runall gives every test); on Linux, where difftest's
 * stdin is a pipe, the slave side of a new pseudo-terminal (opened with O_NOCTTY, as the
 * console is never taken by open()). Either way the caller makes it its controlling
 * terminal with TIOCSCTTY after setsid(), and types into it with TIOCSTI. Bytes written
 * to it show on the console under Faultline and nowhere on Linux, so the tests write
 * only "# " lines (diagnostics, which difftest does not compare).
 */
#ifndef USER_TERMINAL_H
#define USER_TERMINAL_H

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#define TIOCGPTN   0x80045430 /* the pseudo-terminal's number (Linux) */
#define TIOCSPTLCK 0x40045431 /* lock or unlock its slave side (Linux) */

/* The terminal's descriptor; fails the test if there is none. */
static inline int open_test_terminal(void)
{
	char path[32];
	int master, n, unlock = 0, fd;

	if (on_faultline())
		return 0;
	master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	CHECK(master >= 0, "open /dev/ptmx: %s", strerror(errno));
	CHECK(ioctl(master, TIOCSPTLCK, &unlock) == 0 && ioctl(master, TIOCGPTN, &n) == 0,
	      "pseudo-terminal set-up: %s", strerror(errno));
	snprintf(path, sizeof(path), "/dev/pts/%d", n);
	fd = open(path, O_RDWR | O_NOCTTY);
	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	return fd; /* the master stays open (leaked on purpose): closing it hangs up the slave */
}

/* Type the bytes of s into terminal fd, as if at its keyboard. */
static inline void type_into(int fd, const char *s)
{
	for (; *s; s++)
		CHECK(ioctl(fd, TIOCSTI, s) == 0, "TIOCSTI: %s", strerror(errno));
}

#endif
