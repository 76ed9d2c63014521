/* System calls about shared memory: memfd_create, fallocate, msync. */
#include <fcntl.h>
#include <sys/mman.h>
#include "syscall.h"

int memfd_create(const char *name, unsigned int flags)
{
	return (int)syscall_ret(__NR_memfd_create, name, flags, 0, 0, 0, 0);
}

int fallocate(int fd, int mode, off_t offset, off_t len)
{
	return (int)syscall_ret(__NR_fallocate, fd, mode, offset, len, 0, 0);
}

int msync(void *addr, size_t length, int flags)
{
	return (int)syscall_ret(__NR_msync, addr, length, flags, 0, 0, 0);
}
