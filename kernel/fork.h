/* Creating processes and threads. */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

#include <kernel/task.h>
#include <mm/uaccess.h>

/*
 * A new task as clone() asks for it with flags (CLONE_*, the low byte the exit signal of a
 * new process): its tid, or -EINVAL (flags not supported or not allowed together),
 * -ENOMEM, -EINTR (the caller's process is exiting).
 */
long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls);
/* Linux's clone(); the order of its last arguments is the arch's (see syscall.c). */
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls);

/* x86_64's fork() and vfork(): clone with SIGCHLD, and CLONE_VM | CLONE_VFORK too. */
long sys_fork(void);
long sys_vfork(void);
/* CLONE_VFORK's end: t execs or exits, and its vfork parent (if any) may go on. */
void vfork_release(struct task *t);

#endif
