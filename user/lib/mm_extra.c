/* System calls about memory use: advice, residency, fault counts. */
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include "syscall.h"

int madvise(void *addr, size_t length, int advice)
{
	return (int)syscall_ret(__NR_madvise, addr, length, advice, 0, 0, 0);
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
	return (int)syscall_ret(__NR_mincore, addr, length, vec, 0, 0, 0);
}

int getrusage(int who, struct rusage *usage)
{
	return (int)syscall_ret(__NR_getrusage, who, usage, 0, 0, 0, 0);
}
