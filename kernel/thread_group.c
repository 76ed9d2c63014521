/*
 * Thread groups: the threads of one process (see task.h).
 *
 * clone(CLONE_THREAD) adds a task to the caller's group (kernel/fork.c). All of them share
 * the mm, the signal actions and the process-directed pending signals (struct sighand);
 * each has its own tid, mask, own pending signals and thread pointer. The rules, Linux's:
 *   - getpid() is the group's tgid, the leader's tid; gettid() the thread's own;
 *   - exit() ends one thread; exit_group() or a fatal signal ends all of them: every
 *     other thread gets SIGKILL, and the process's wait status is the group's code;
 *     after exit() alone, it is the status of whichever thread exited last;
 *   - the leader that exits first stays a zombie, unreported, until the last thread has
 *     gone; the parent's wait4() then reaps the process through it (kernel/exit.c);
 *   - execve() in any thread first ends all the others; if it was not the leader, it
 *     takes over the leader's tid, which stays the process's pid (de_thread below);
 *   - a thread's exit writes 0 to its clear_child_tid word and wakes one futex waiter
 *     there (how pthread_join learns of it), and walks its robust futex list.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/exit.h>
#include <kernel/fork.h>
#include <kernel/futex.h>
#include <kernel/itimer.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/thread_group.h>
#include <mm/mm.h>
#include <mm/uaccess.h>

__noreturn void do_group_exit(int status)
{
	struct sighand *sh = current->sighand;
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	if (sh->group_exit) {
		status = sh->group_exit_code; /* someone else ended the group first */
	} else if (!sh->group_exec_task) { /* an execve's victims just die */
		sh->group_exit = true;
		sh->group_exit_code = status;
		zap_other_threads(current);
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
	do_exit(status);
}

void exit_mm_release(struct task *t, struct mm_struct *mm)
{
	int zero = 0;

	vfork_release(t); /* the mm is no longer this task's: a vfork parent may go on */
	exit_robust_list(t);
	t->robust_list = NULL;
	/* Linux writes the word only if another task still uses the mm: nobody could read
	 * it otherwise. */
	if (t->clear_child_tid && mm->mm_users > 1) {
		if (!copy_to_user(t->clear_child_tid, &zero, sizeof(zero)))
			futex_wake((u32 __user *)t->clear_child_tid, 0, 1,
				   FUTEX_BITSET_MATCH_ANY);
	}
	t->clear_child_tid = NULL;
}

/*
 * current, not the leader, becomes the leader: the process keeps its pid (the old
 * leader's tid, which current takes), its parent, children, group and session. The old
 * leader, a zombie, is freed. Interrupts off.
 */
static void take_over_leader(struct task *leader)
{
	struct list_head *pos, *tmp;
	int tid = current->pid;

	current->pid = leader->pid;
	leader->pid = tid;
	list_del(&current->thread_group); /* alone: the group is current */
	list_del(&leader->thread_group);
	current->group_leader = current;
	leader->group_leader = leader;
	current->parent = leader->parent;
	current->exit_signal = leader->exit_signal;
	current->did_exec = leader->did_exec;
	current->child_minflt = leader->child_minflt;
	current->child_majflt = leader->child_majflt;
	current->child_cputime_ns = leader->child_cputime_ns;
	current->child_nvcsw = leader->child_nvcsw;
	current->child_nivcsw = leader->child_nivcsw;
	itimers_new_leader(current);
	/* Our place among the parent's children is the leader's. */
	list_add_tail(&current->sibling, &leader->sibling);
	list_del(&leader->sibling);
	list_for_each_safe(pos, tmp, &leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		list_del(&child->sibling);
		child->parent = current;
		list_add_tail(&child->sibling, &current->children);
	}
	release_task_later(leader);
}

int de_thread(void)
{
	struct sighand *sh = current->sighand;
	unsigned long flags;
	int err = 0;

	if (sh->nr_threads == 1 && current->group_leader == current)
		return 0;
	spin_lock_irqsave(&sh->siglock, flags);
	if (sh->group_exit || sh->group_exec_task || fatal_signal_pending(current)) {
		spin_unlock_irqrestore(&sh->siglock, flags);
		return -EAGAIN; /* the process is dying already (Linux's answer too) */
	}
	sh->group_exec_task = current;
	zap_other_threads(current);
	spin_unlock_irqrestore(&sh->siglock, flags);

	/* Sleep until we are the only live thread (each exit wakes exec_wait). */
	flags = arch_irq_save();
	while (sh->nr_threads > 1) {
		if (fatal_signal_pending(current)) {
			err = -EAGAIN;
			break;
		}
		sleep_on(&sh->exec_wait);
	}
	if (!err && current->group_leader != current)
		take_over_leader(current->group_leader);
	sh->group_exec_task = NULL;
	arch_irq_restore(flags);
	return err;
}

long sys_set_tid_address(int __user *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_gettid(void)
{
	return current->pid;
}

long sys_getpid(void)
{
	return current->tgid;
}

long sys_getppid(void)
{
	struct task *parent = current->group_leader->parent;

	return parent ? parent->tgid : 0;
}
