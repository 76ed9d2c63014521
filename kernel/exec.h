/* Running a program: execve() and the start of init. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <mm/uaccess.h>

/*
 * Linux's limits on what execve() copies (include/uapi/linux/binfmts.h, fs/exec.c): one
 * string at most MAX_ARG_STRLEN bytes with its NUL, at most MAX_ARG_STRINGS of them, and
 * all strings, the path name and a pointer for each string within a quarter of the stack
 * limit. Linux takes a quarter of the current RLIMIT_STACK (at most 6 MiB); here it is a
 * quarter of the default, 8 MiB, whatever the limit.
 */
#define MAX_ARG_STRLEN  (32 * 4096)
#define MAX_ARG_STRINGS 0x7FFFFFFF
#define ARG_STACK_SPACE ((8UL << 20) / 4)

long sys_execve(const char __user *path, const char __user *const __user *argv,
		const char __user *const __user *envp);
/*
 * Create pid 1 running path with argv (NULL-terminated, kernel memory) and the console
 * as descriptors 0-2. Returns 0 or -errno.
 */
int start_init(const char *path, const char *const *argv);

#endif
