/* printf and friends: format with the kernel's vsnprintf, then one write(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write all of buf, retrying short writes. Returns len, or -1. */
static int write_all(int fd, const char *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return (int)len;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char small[512];
	char *buf = small;
	va_list again;
	int len, ret;

	va_copy(again, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	if ((size_t)len >= sizeof(small)) {
		/* Too long for the stack buffer: format again into one big enough. */
		buf = malloc((size_t)len + 1);
		if (buf)
			vsnprintf(buf, (size_t)len + 1, fmt, again);
		else
			buf = small, len = sizeof(small) - 1; /* print what fits */
	}
	va_end(again);
	ret = write_all(fd, buf, (size_t)len);
	if (buf != small)
		free(buf);
	return ret;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s) < 0 ? EOF : 0;
}
