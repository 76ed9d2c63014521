/*
 * Small process and system queries (Linux's kernel/sys.c and sched/core.c): prctl(),
 * sysinfo(), times(), sched_getaffinity()/sched_setaffinity() on the one CPU.
 */
#ifndef KERNEL_SYS_H
#define KERNEL_SYS_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/resource.h>

struct task;

/* A dying parent's children that asked for it (PR_SET_PDEATHSIG) get their signal. */
void send_pdeath_signal(struct task *child, struct task *parent);

long sys_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	       unsigned long arg5);
long sys_sysinfo(struct sysinfo __user *info);
long sys_times(struct tms __user *buf);
long sys_sched_getaffinity(int pid, unsigned int len, unsigned long __user *mask);
long sys_sched_setaffinity(int pid, unsigned int len, const unsigned long __user *mask);

#endif
