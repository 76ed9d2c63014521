/* Running a program: execve() and the start of init. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <mm/uaccess.h>

#define EXEC_MAX_ARGS    64   /* argv and envp entries, each */
#define EXEC_STRING_SIZE 4096 /* bytes of argument and environment strings, in all */

long sys_execve(const char __user *path, const char __user *const __user *argv,
		const char __user *const __user *envp);
/*
 * Create pid 1 running path with argv (NULL-terminated, kernel memory) and the console
 * as descriptors 0-2. Returns 0 or -errno.
 */
int start_init(const char *path, const char *const *argv);

#endif
