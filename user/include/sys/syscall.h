/*
 * The raw system call, for programs that must pass arguments through untouched (bad
 * pointers, unknown numbers). It returns the kernel's result as is: a negative errno on
 * failure, errno is not touched. __NR_* are the arch's Linux numbers (asm/unistd.h).
 */
#ifndef USER_SYS_SYSCALL_H
#define USER_SYS_SYSCALL_H

#include <asm/unistd.h>

long syscall6(long nr, long a, long b, long c, long d, long e, long f);

#endif
