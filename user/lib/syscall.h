/* Inside the libc: entering the kernel, and turning its -errno into errno and -1. */
#ifndef USER_LIB_SYSCALL_H
#define USER_LIB_SYSCALL_H

#include <asm/unistd.h>
#include <syscall_arch.h>

/* r if it is a result; -1 with errno = -r if it is an error (-4095..-1, as Linux). */
long __syscall_ret(long r);

#define __syscall(nr, a, b, c, d, e, f) \
	__syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
/* Make the system call and return its result the libc way. */
#define syscall_ret(nr, a, b, c, d, e, f) __syscall_ret(__syscall(nr, a, b, c, d, e, f))

#endif
