/* Threads and futexes for tests (see thread.h). */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <thread.h>

long futex(volatile int *uaddr, int op, int val, const struct timespec *timeout,
	   volatile int *uaddr2, int val3)
{
	return syscall6(__NR_futex, (long)uaddr, op, val, (long)timeout, (long)uaddr2, val3);
}

long thread_create(struct thread *t, int (*fn)(void *), void *arg, void *tls)
{
	unsigned long flags = THREAD_CLONE_FLAGS;
	long tid;

	t->stack = mmap(NULL, THREAD_STACK_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (t->stack == MAP_FAILED)
		return -12; /* ENOMEM */
	if (!tls)
		flags &= ~CLONE_SETTLS;
	tid = __clone(fn, (char *)t->stack + THREAD_STACK_SIZE, flags, arg, &t->tid, tls, &t->tid);
	if (tid < 0)
		munmap(t->stack, THREAD_STACK_SIZE);
	return tid;
}

void thread_join(struct thread *t)
{
	int tid;

	/* A shared (not private) wait: the kernel's wake at thread exit is a shared one. */
	while ((tid = t->tid) != 0)
		futex(&t->tid, FUTEX_WAIT, tid, NULL, NULL, 0);
	munmap(t->stack, THREAD_STACK_SIZE);
}
