/* Creating and freeing tasks; the table of all tasks (see task.h). */
#include <arch.h>
#include <kernel/signal.h>
#include <kernel/sleep_timer.h>
#include <kernel/task.h>
#include <uapi/abi.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/kstack.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>

static LIST_HEAD(all_tasks); /* every task but idle; protected by disabling interrupts */
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
	if (signals_init(t, current)) { /* fork: the parent's actions; init: defaults */
		kstack_free(t->kstack_top);
		kfree(t);
		return NULL;
	}
	t->exit_signal = SIGCHLD;
	task_set_name(t, name);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->wait_list);
	INIT_LIST_HEAD(&t->cpu_timers);
	init_wait_queue(&t->child_exit);
	t->state = TASK_SLEEPING; /* not runnable until wake_up_task() */
	flags = arch_irq_save();
	t->pid = next_pid++;
	list_add_tail(&t->tasks, &all_tasks);
	arch_irq_restore(flags);
	return t;
}

void task_free(struct task *t)
{
	unsigned long flags = arch_irq_save();

	list_del(&t->tasks);
	list_del(&t->sibling);
	arch_irq_restore(flags);
	cpu_timers_detach(t);
	signals_free(t);
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

		if (t->pid == 1 || !t->mm || t->state == TASK_ZOMBIE)
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
