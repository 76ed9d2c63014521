/* Ending processes and waiting for them. */
#ifndef KERNEL_EXIT_H
#define KERNEL_EXIT_H

#include <compiler.h>
#include <uapi/abi.h>

/*
 * Turn current into a zombie with wait status status (code << 8 for exit(code), or the
 * signal number for a death by signal): close its files, free its memory, give its
 * children to init, wake its parent. If current is init, power the machine off.
 */
__noreturn void do_exit(int status);
/*
 * End the whole process (exit_group(), or a fatal signal): every other thread is sent
 * SIGKILL, and the process's wait status is status, whichever thread exits last.
 */
__noreturn void do_group_exit(int status);
/* The end of a kernel thread (kthread.c), whose function returned status: nothing to
 * close or release, and nobody to tell; the next task switch frees it. */
__noreturn void kthread_exit(int status);
/* Put zombie t on the list of tasks the next task switch frees. Interrupts off. */
struct task;
void release_task_later(struct task *t);
/* Free the tasks that exited with nobody to reap them (called after each task switch). */
void reap_dead_tasks(void);

long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(int pid, int *status, int options, void *rusage);
long sys_getrusage(int who, struct rusage *ru);

#endif
