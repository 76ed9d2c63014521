/* Locking memory: mlock(), mlock2(), munlock(), mlockall(), munlockall() (mm/mlock.c). */
#ifndef MM_MLOCK_H
#define MM_MLOCK_H

#include <types.h>

struct mm_struct;

long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);
/*
 * May mm get bytes more of mappings with vm_flags (Linux's mlock_future_ok)? Only a
 * VM_LOCKED one counts, against RLIMIT_MEMLOCK, unless the caller has CAP_IPC_LOCK.
 */
/* May the caller lock memory at all (Linux's can_do_mlock)? A limit of 0 says no, but
 * to root. */
bool can_do_mlock(void);
bool mlock_future_ok(struct mm_struct *mm, unsigned long vm_flags, unsigned long bytes);

#endif
