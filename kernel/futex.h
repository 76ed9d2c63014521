/* Futexes (see kernel/futex.c). */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <mm/uaccess.h>
#include <types.h>
#include <uapi/futex.h>

struct task;
struct timespec;

/*
 * Wake up to nr (at least one) waiters on the futex word at uaddr whose bitset shares a
 * bit with bitset; flags: FUTEX_PRIVATE_FLAG or 0. The number woken, -EINVAL (unaligned
 * word, bitset 0) or -EFAULT (a shared futex at an address with no readable mapping).
 */
long futex_wake(u32 __user *uaddr, unsigned int flags, int nr, u32 bitset);
/* t (current) is exiting: walk its robust list (set_robust_list), marking each futex it
 * still owns FUTEX_OWNER_DIED and waking one waiter (kernel/futex_robust.c). */
void exit_robust_list(struct task *t);

long sys_futex(u32 __user *uaddr, int op, u32 val, const struct timespec __user *utime,
	       u32 __user *uaddr2, u32 val3);
long sys_set_robust_list(void __user *head, size_t len);
long sys_get_robust_list(int pid, void __user *__user *head_ptr, size_t __user *len_ptr);

#endif
