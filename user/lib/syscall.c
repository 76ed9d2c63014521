/* The raw system call and the errno convention every wrapper follows. */
#include <errno.h>
#include <sys/syscall.h>
#include "syscall.h"

long syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	return __syscall6(nr, a, b, c, d, e, f);
}

long __syscall_ret(long r)
{
	if ((unsigned long)r > -4096UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
