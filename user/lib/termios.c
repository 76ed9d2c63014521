/* Terminals: ioctl() and the termios calls built on it. */
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "syscall.h"

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	unsigned long arg;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)syscall_ret(__NR_ioctl, fd, request, arg, 0, 0, 0);
}

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int when, const struct termios *t)
{
	static const unsigned long request[] = { TCSETS, TCSETSW, TCSETSF };

	return ioctl(fd, request[when >= TCSANOW && when <= TCSAFLUSH ? when : 0], t);
}

int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, TIOCSPGRP, &p);
}
