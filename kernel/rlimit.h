/*
 * Resource limits (Linux's getrlimit/setrlimit/prlimit64, kernel/sys.c): per process
 * (task->signal, shared by its threads), copied by fork, kept by execve. Each has a soft limit, which is what the kernel
 * enforces, and a hard limit, the ceiling for the soft one; raising a hard limit needs
 * CAP_SYS_RESOURCE, which every process here has (everyone is root). Enforced:
 *   RLIMIT_STACK   how far the main stack grows (mm/vma.c expand_stack), and the room
 *                  execve leaves for it below the mmap area (kernel/exec.c)
 *   RLIMIT_AS      the total size of the mappings: mmap, brk and stack growth (ENOMEM)
 *   RLIMIT_NOFILE  one more than the highest descriptor a new file gets (EMFILE)
 * The others are kept and reported only.
 */
#ifndef KERNEL_RLIMIT_H
#define KERNEL_RLIMIT_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/resource.h>

struct task;

/* Linux's defaults for init: what every process inherits unless changed. */
void rlimits_init(struct rlimit *rlim);
/* The soft limit of resource for the current process. */
unsigned long rlimit(int resource);

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim);
long sys_setrlimit(unsigned int resource, const struct rlimit __user *rlim);
long sys_prlimit64(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		   struct rlimit64 __user *old_rlim);

#endif
