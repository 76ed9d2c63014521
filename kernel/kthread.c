/* Kernel threads (see kthread.h). */
#include <arch.h>
#include <kernel/exit.h>
#include <kernel/kthread.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <mm/kmalloc.h>

/* What a kernel thread will run, from its creation until it starts. */
struct kthread {
	struct list_head list;  /* in pending_kthreads */
	struct task *task;      /* the thread */
	int (*fn)(void *arg);   /* its function */
	void *arg;              /* fn's argument */
};

static DEFINE_SPINLOCK(kthread_lock); /* protects pending_kthreads */
static LIST_HEAD(pending_kthreads);   /* threads created and not yet started */

struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name)
{
	struct kthread *k = kmalloc(sizeof(*k));
	unsigned long flags;
	struct task *t;

	if (!k)
		return NULL;
	t = task_alloc(name);
	if (!t) {
		kfree(k);
		return NULL;
	}
	t->parent = NULL; /* nobody waits for a kernel thread */
	t->ksp = arch_init_kstack(t->kstack_top); /* its first switch runs schedule_tail() */
	arch_fpu_init_state(t);
	k->task = t;
	k->fn = fn;
	k->arg = arg;
	spin_lock_irqsave(&kthread_lock, flags);
	list_add_tail(&k->list, &pending_kthreads);
	spin_unlock_irqrestore(&kthread_lock, flags);
	return t;
}

void kthread_start_if_kthread(void)
{
	struct kthread *k = NULL;
	struct list_head *pos;
	unsigned long flags;
	int (*fn)(void *arg);
	void *arg;

	spin_lock_irqsave(&kthread_lock, flags);
	list_for_each(pos, &pending_kthreads) {
		if (list_entry(pos, struct kthread, list)->task == current) {
			k = list_entry(pos, struct kthread, list);
			list_del(&k->list);
			break;
		}
	}
	spin_unlock_irqrestore(&kthread_lock, flags);
	if (!k)
		return; /* a user task: on to user mode */
	fn = k->fn;
	arg = k->arg;
	kfree(k);
	arch_irq_enable(); /* the first switch came with interrupts off; user tasks get them
			      back from their saved user state, a kernel thread here */
	kthread_exit(fn(arg));
}
