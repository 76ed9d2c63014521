/* getrandom(2). */
#include <sys/random.h>
#include "syscall.h"

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return syscall_ret(__NR_getrandom, buf, len, flags, 0, 0, 0);
}
