/* Thread groups (see kernel/thread_group.c). */
#ifndef KERNEL_THREAD_GROUP_H
#define KERNEL_THREAD_GROUP_H

#include <mm/uaccess.h>

struct mm_struct;
struct task;

/*
 * t (current) is exiting or exec'ing away from mm: walk its robust futex list, and write
 * 0 to its clear_child_tid word and wake a futex waiter there (Linux's exit_mm_release).
 */
void exit_mm_release(struct task *t, struct mm_struct *mm);
/*
 * execve, past the point of no return: end every other thread of current's process and
 * make current its leader (Linux's de_thread). 0, or -EAGAIN if the process is being
 * killed meanwhile.
 */
int de_thread(void);

long sys_set_tid_address(int __user *tidptr);
long sys_gettid(void);
long sys_getpid(void);
long sys_getppid(void);

#endif
