/*
 * Reader/writer semaphores (Linux's rw_semaphore): any number of readers or one writer;
 * whoever cannot get in sleeps. Used for the mmap lock: page faults read, mmap() and
 * friends write. Sleeping is uninterruptible: a signal does not break a lock wait.
 */
#ifndef KERNEL_RWSEM_H
#define KERNEL_RWSEM_H

#include <kernel/wait.h>

struct rw_semaphore {
	int count;               /* > 0: readers inside; -1: a writer; 0: free */
	struct wait_queue waiters;
};

static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	init_wait_queue(&sem->waiters);
}

void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

#endif
