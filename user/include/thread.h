/*
 * Threads and futexes, the raw way: what a test needs to run code in several threads of
 * one process without a pthread library. Every call returns the kernel's result as is
 * (a negative errno on failure; errno is not touched, since it is shared by the threads).
 */
#ifndef USER_THREAD_H
#define USER_THREAD_H

#include <stddef.h>
#include <time.h>
#include <uapi/abi.h>
#include <uapi/futex.h>

/* The flags glibc's and musl's pthread_create pass to clone(). */
#define THREAD_CLONE_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			    CLONE_CHILD_CLEARTID)

#define THREAD_STACK_SIZE (64 * 1024)

struct thread {
	volatile int tid; /* the thread's id; the kernel writes 0 here when it exits */
	void *stack;      /* its stack (THREAD_STACK_SIZE bytes, mmap'd) */
};

/*
 * Start fn(arg) in a new thread of this process, with thread pointer tls (x86_64: the FS
 * base, riscv64: tp; NULL: none). When fn returns, the thread exits (exit(), this thread
 * only) with fn's value. Returns the tid, or -errno.
 */
long thread_create(struct thread *t, int (*fn)(void *), void *arg, void *tls);
/* Wait for t to exit (its tid word going to 0, through FUTEX_WAIT), free its stack. */
void thread_join(struct thread *t);

/*
 * clone(flags) with the new thread on stack (its top), running fn(arg) then exit(); the
 * arguments' order is the same on every arch (user/arch/<arch>/clone.S).
 */
long __clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
	     volatile int *parent_tid, void *tls, volatile int *child_tid);

/* futex(2). */
long futex(volatile int *uaddr, int op, int val, const struct timespec *timeout,
	   volatile int *uaddr2, int val3);

/* The calling thread's thread pointer: the FS base (x86_64), tp (riscv64). */
void *thread_pointer(void);

#endif
