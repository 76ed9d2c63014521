/* Error numbers for the kernel: Linux's values, returned negated (-EFAULT), as in Linux. */
#ifndef ERRNO_H
#define ERRNO_H

#include <uapi/errno.h>

/*
 * Kernel-internal: a system call a signal interrupted. They never reach user space: on
 * the way out, kernel/signal.c turns them into -EINTR or a restart (Linux's values).
 */
#define ERESTARTSYS           512 /* restart if the handler has SA_RESTART, else EINTR */
#define ERESTARTNOINTR        513 /* always restart */
#define ERESTARTNOHAND        514 /* restart only if no handler ran */
#define ERESTART_RESTARTBLOCK 516 /* restart through restart_syscall() */

#endif
