/* Creating and freeing tasks; the table of all tasks (see task.h). */
#include <arch.h>
#include <kernel/signal.h>
#include <kernel/sleep_timer.h>
#include <kernel/spinlock.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <uapi/abi.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/kstack.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>

/*
 * Protects all_tasks and next_pid (Linux's tasklist_lock) against changes made together.
 * Readers walking the list (find_task, task_next) take no lock: only a task in process
 * context changes it, and nothing preempts the kernel on one CPU; SMP will need them to.
 */
static DEFINE_SPINLOCK(tasklist_lock);
static LIST_HEAD(all_tasks); /* every task but idle */
static int next_pid = 1;

void task_set_name(struct task *t, const char *name)
{
	const char *base = name;

	for (const char *p = name; *p; p++)
		if (*p == '/')
			base = p + 1;
	strlcpy(t->name, base, sizeof(t->name));
}

struct task *task_alloc(const char *name)
{
	struct task *t = kzalloc(sizeof(*t));
	unsigned long flags;

	if (!t)
		return NULL;
	t->kstack_top = kstack_alloc();
	if (!t->kstack_top) {
		kfree(t);
		return NULL;
	}
	t->signal = kzalloc(sizeof(*t->signal));
	if (!t->signal || signals_init(t, current)) { /* fork: the parent's actions */
		kfree(t->signal);
		kstack_free(t->kstack_top);
		kfree(t);
		return NULL;
	}
	t->signal->count = 1;
	t->exit_signal = SIGCHLD;
	task_set_name(t, name);
	if (current->pid) { /* fork: the creator's identity and limits */
		t->cred = current->cred;
		memcpy(t->signal->rlim, current->signal->rlim, sizeof(t->signal->rlim));
		t->not_dumpable = current->not_dumpable;
		t->no_ctty = current->no_ctty;
	} else { /* the first process: root, with Linux's default limits */
		cred_init_root(&t->cred);
		rlimits_init(t->signal->rlim);
	}
	t->umask = 0022; /* Linux's init starts with 022 */
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->wait_list);
	INIT_LIST_HEAD(&t->cpu_timers);
	init_wait_queue(&t->child_exit);
	t->state = TASK_SLEEPING; /* not runnable until wake_up_task() */
	spin_lock_irqsave(&tasklist_lock, flags);
	t->pid = next_pid++;
	t->tgid = t->pid; /* a process of its own, until clone() makes it a thread */
	t->group_leader = t;
	INIT_LIST_HEAD(&t->thread_group);
	list_add_tail(&t->tasks, &all_tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

void task_usage(const struct task *t, struct task_usage *u)
{
	u->minflt = t->faults.nr_minor_faults;
	u->majflt = t->faults.nr_major_faults;
	u->nvcsw = t->nvcsw;
	u->nivcsw = t->nivcsw;
	u->cputime_ns = t->cputime_ns;
}

void thread_group_usage(const struct task *t, struct task_usage *u)
{
	unsigned long flags = arch_irq_save(); /* the tick adds to current's */
	struct task *p;

	*u = t->signal->dead;
	for_each_thread(t, p) {
		if (p->state == TASK_ZOMBIE)
			continue; /* counted in dead when it exited */
		u->minflt += p->faults.nr_minor_faults;
		u->majflt += p->faults.nr_major_faults;
		u->nvcsw += p->nvcsw;
		u->nivcsw += p->nivcsw;
		u->cputime_ns += p->cputime_ns;
	}
	arch_irq_restore(flags);
}

/* Drop t's hold on its signal_struct; the last frees it (its timers stopped already). */
static void put_signal_struct(struct task *t)
{
	struct signal_struct *sig = t->signal;
	unsigned long flags = arch_irq_save();
	bool last = --sig->count == 0;

	arch_irq_restore(flags);
	t->signal = NULL;
	if (last)
		kfree(sig);
}

void share_signal_struct(struct task *t)
{
	unsigned long flags;

	put_signal_struct(t); /* task_alloc()'s, never used */
	t->signal = current->signal;
	flags = arch_irq_save();
	t->signal->count++;
	arch_irq_restore(flags);
}

void task_free(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&t->tasks);
	list_del(&t->sibling);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	cpu_timers_detach(t);
	signals_free(t);
	put_signal_struct(t);
	kstack_free(t->kstack_top);
	kfree(t);
}

struct task *find_task(int pid)
{
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, tasks);

		if (t->pid == pid)
			return t;
	}
	return NULL;
}

/* The OOM killer's choice: the process with the highest oom_badness(), never init (pid 1). */
struct task *oom_choose_victim(void)
{
	struct task *best = NULL;
	struct list_head *pos;

	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, tasks);

		if (t->tgid == 1 || !t->mm || t->state == TASK_ZOMBIE)
			continue;
		if (!best || oom_badness(t->mm) > oom_badness(best->mm))
			best = t;
	}
	return best;
}

struct task *task_next(struct task *t)
{
	struct list_head *next = t ? t->tasks.next : all_tasks.next;

	return next == &all_tasks ? NULL : list_entry(next, struct task, tasks);
}

int nr_tasks(void)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &all_tasks)
		n++;
	return n;
}
