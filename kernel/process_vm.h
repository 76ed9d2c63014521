/* process_vm_readv() and process_vm_writev() (kernel/process_vm.c). */
#ifndef KERNEL_PROCESS_VM_H
#define KERNEL_PROCESS_VM_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/uio.h>

struct mm_struct;
struct task;

long sys_process_vm_readv(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			  const struct iovec __user *rvec, unsigned long riovcnt,
			  unsigned long flags);
long sys_process_vm_writev(int pid, const struct iovec __user *lvec, unsigned long liovcnt,
			   const struct iovec __user *rvec, unsigned long riovcnt,
			   unsigned long flags);
/*
 * May current read and write t's memory (Linux's ptrace_may_access() for
 * PTRACE_MODE_ATTACH)? Yes for a process of the same user (current's uid is t's real,
 * effective and saved uid, and its gid t's three gids), and for one holding
 * CAP_SYS_PTRACE (root). /proc/<pid>/mem asks the same.
 */
bool ptrace_may_access(const struct task *t);
/*
 * The address space of the process of pid with a reference (mmput() it), for an access
 * by current: NULL with *err -ESRCH (no such process, or it has none left) or -EPERM.
 */
struct mm_struct *mm_access_pid(int pid, long *err);

#endif
