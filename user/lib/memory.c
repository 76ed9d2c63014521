/* System calls that change the address space: mappings and the program break. */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall.h"

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	return (void *)syscall_ret(__NR_mmap, addr, length, prot, flags, fd, offset);
}

int munmap(void *addr, size_t length)
{
	return (int)syscall_ret(__NR_munmap, addr, length, 0, 0, 0, 0);
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)syscall_ret(__NR_mprotect, addr, length, prot, 0, 0, 0);
}

/*
 * The raw brk system call never fails: it returns the new break, or the old one when it
 * could not move it. brk(0) asks where the break is. We keep the last answer.
 */
static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long got = (unsigned long)__syscall(__NR_brk, addr, 0, 0, 0, 0, 0);

	cur_brk = got;
	if (got != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long incr)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = (unsigned long)__syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
	old = cur_brk;
	if (incr && brk((void *)(old + incr)) < 0)
		return (void *)-1;
	return (void *)old;
}
