/* Pipes (kernel/pipe.c): pipe() and pipe2(). */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <mm/uaccess.h>

long sys_pipe2(int __user *fds, int flags);
long sys_pipe(int __user *fds);

#endif
