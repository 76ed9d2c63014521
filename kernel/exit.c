/* exit(), wait4() and kill(): the end of a process and its reaping. */
#include <arch.h>
#include <errno.h>
#include <kernel/cwd.h>
#include <kernel/exit.h>
#include <kernel/file.h>
#include <kernel/itimer.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sys.h>
#include <kernel/tty.h>
#include <kernel/signal.h>
#include <kernel/spinlock.h>
#include <kernel/thread_group.h>
#include <lib/string.h>
#include <mm/fault_trace.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

#define INIT_PID 1

/*
 * Give the children of leader (a process whose last thread is exiting) to init; wake
 * init if one of them is already a zombie. A stopped child would never be continued by
 * anyone now: as Linux does for an orphaned process group, send it SIGHUP and SIGCONT.
 */
static void reparent_children(struct task *leader)
{
	struct task *init = find_task(INIT_PID);
	struct list_head *pos, *tmp;
	bool zombie = false;

	list_for_each_safe(pos, tmp, &leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		list_del(&child->sibling);
		child->parent = init;
		child->exit_signal = SIGCHLD; /* init waits for SIGCHLD children (Linux's reparent_leader) */
		list_add_tail(&child->sibling, &init->children);
		zombie |= child->state == TASK_ZOMBIE;
		send_pdeath_signal(child, current);
		if (child->state == TASK_STOPPED) {
			send_signal(SIGHUP, NULL, child);
			send_signal(SIGCONT, NULL, child);
		}
	}
	if (zombie)
		wake_up(&init->child_exit);
}

/* Tasks that exited with nobody to wait for them (Linux's autoreap), freed by the next. */
static LIST_HEAD(dead_tasks);
static DEFINE_SPINLOCK(dead_tasks_lock); /* protects dead_tasks */

void reap_dead_tasks(void)
{
	struct list_head *pos, *tmp;
	unsigned long flags;

	spin_lock_irqsave(&dead_tasks_lock, flags);
	list_for_each_safe(pos, tmp, &dead_tasks) {
		struct task *t = list_entry(pos, struct task, run_list);

		if (t == current)
			continue; /* still on its own stack: the next task frees it */
		list_del(&t->run_list);
		task_free(t);
	}
	spin_unlock_irqrestore(&dead_tasks_lock, flags);
}

/*
 * Does t's parent say it will not wait for t (SIGCHLD ignored, or SA_NOCLDWAIT)? Only
 * for a child that signals its exit with SIGCHLD, as on Linux.
 */
static bool parent_ignores_children(struct task *t)
{
	struct task *parent = t->parent;
	const struct kernel_sigaction *ka;

	if (!parent || !parent->sighand || t->exit_signal != SIGCHLD)
		return false;
	ka = &parent->sighand->action[SIGCHLD - 1];
	return ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT);
}

void release_task_later(struct task *t)
{
	spin_lock(&dead_tasks_lock);
	list_add_tail(&t->run_list, &dead_tasks);
	spin_unlock(&dead_tasks_lock);
}

/*
 * The last thread of leader's process has exited (leader is a zombie) with wait status
 * status: the process is dead. Its children go to init, and its parent is told, or, if
 * the parent will not wait, the leader is freed at once. The process's wait status is
 * the group's exit code after an exit_group() or a fatal signal, else that of the thread
 * that exited last (what Linux reports, as a program can check). Interrupts off.
 */
static void process_dead(struct task *leader, int status)
{
	if (leader->sighand->group_exit)
		status = leader->sighand->group_exit_code;
	leader->exit_status = status;
	reparent_children(leader);
	if (parent_ignores_children(leader)) {
		/* Nobody will reap it: leave the family now, and let the next task free it. */
		list_del(&leader->sibling);
		release_task_later(leader);
		wake_up(&leader->parent->child_exit); /* a wait4 may now have no child left */
	} else {
		notify_parent(leader, WIFEXITED(status) ? CLD_EXITED : CLD_KILLED,
			      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	}
}

/*
 * current becomes a zombie; the thread-group part of exit (Linux's exit_notify). A thread
 * other than the leader is freed at the next task switch (nobody waits for a thread). The
 * leader stays a zombie, unreported, until the last thread is gone; whoever is last
 * reports the process. Interrupts off.
 */
static void exit_notify(int status)
{
	struct sighand *sh = current->sighand;
	struct task *leader = current->group_leader;
	bool last;

	spin_lock(&sh->siglock);
	last = --sh->nr_threads == 0;
	if (sh->group_exec_task && sh->nr_threads == 1)
		wake_up(&sh->exec_wait); /* de_thread(): the exec'ing thread is alone now */
	current->exit_status = status;
	current->state = TASK_ZOMBIE;
	/* What this thread used stays the process's (Linux's __exit_signal). */
	current->signal->dead.minflt += current->faults.nr_minor_faults;
	current->signal->dead.majflt += current->faults.nr_major_faults;
	current->signal->dead.nvcsw += current->nvcsw;
	current->signal->dead.nivcsw += current->nivcsw;
	current->signal->dead.cputime_ns += current->cputime_ns;
	if (current != leader)
		list_del(&current->thread_group);
	spin_unlock(&sh->siglock);
	if (current != leader)
		release_task_later(current);
	if (last) {
		exit_itimers(current); /* the process's timers end with its last thread */
		disassociate_ctty(current); /* a session leader's terminal, too */
		process_dead(leader, status);
	}
}

__noreturn void do_exit(int status)
{
	struct mm_struct *mm = current->mm;

	if (current->tgid == INIT_PID && current->sighand->nr_threads == 1) {
		int code;

		if (current->sighand->group_exit)
			status = current->sighand->group_exit_code;
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		fault_trace_dump();
		printk("init exited with status %d: powering off\n", code);
		arch_poweroff(code == 0 ? EXIT_SUCCESS : EXIT_TEST_FAILURE);
	}
	current->exiting = true;
	itimers_thread_exit(current);
	if (mm)
		exit_mm_release(current, mm); /* robust futexes, clear_child_tid: before the mm goes */
	exit_files(current); /* the last task sharing the table closes every descriptor */
	fs_exit(current);
	if (mm) {
		activate_mm(NULL);
		current->mm = NULL;
		mmput(mm); /* the last thread's frees it */
	}
	exit_retarget_signals();
	signals_flush(current);
	/* From here to the switch away nothing else runs on this CPU: a tick must not find a
	 * half-made zombie (about the CPU, not data: the data has its locks). */
	arch_irq_disable();
	exit_notify(status);
	schedule(); /* a zombie is never picked again */
	panic("zombie %d ran again", current->pid);
}

__noreturn void kthread_exit(int status)
{
	signals_flush(current);
	arch_irq_disable(); /* as in do_exit: no tick may find a half-made zombie */
	current->exit_status = status;
	current->state = TASK_ZOMBIE;
	spin_lock(&dead_tasks_lock);
	list_add_tail(&current->run_list, &dead_tasks);
	spin_unlock(&dead_tasks_lock);
	schedule(); /* a zombie is never picked again */
	panic("kernel thread %d ran again", current->pid);
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8); /* this thread only */
}

long sys_exit_group(int code)
{
	do_group_exit((code & 0xff) << 8);
}

/*
 * Does child match wait4's pid argument (-1: any child; > 0: that one; 0: one in the
 * caller's process group; < -1: one in group -pid) and options? A child whose exit signal is not SIGCHLD is a "clone" child: only __WCLONE
 * waits for those, and only for those; __WALL waits for both kinds (Linux's
 * eligible_child).
 */
static bool wait_matches(struct task *child, int pid, int options)
{
	bool clone_child = child->exit_signal != SIGCHLD;

	if (clone_child != !!(options & __WCLONE) && !(options & __WALL))
		return false;
	if (pid == -1)
		return true;
	if (pid > 0)
		return child->pid == pid;
	return child->signal->pgid == (pid ? -pid : current->group_leader->signal->pgid); /* a process group */
}

/* Does child have something for wait4 with these options: an exit, a stop, a continue? */
static bool reportable(struct task *child, int options)
{
	return (child->state == TASK_ZOMBIE && child->sighand->nr_threads == 0) || ((options & WUNTRACED) && child->stop_report) ||
	       ((options & WCONTINUED) && child->continued_report);
}

/* A child of current matching pid with something to report, NULL if none; *any says
 * whether any child matches at all. */
static struct task *find_reportable(int pid, int options, bool *any)
{
	struct list_head *pos;

	*any = false;
	list_for_each(pos, &current->group_leader->children) {
		struct task *child = list_entry(pos, struct task, sibling);

		if (!wait_matches(child, pid, options))
			continue;
		*any = true;
		if (reportable(child, options))
			return child;
	}
	return NULL;
}

/*
 * Fill a struct rusage with what Faultline keeps: page faults, the largest resident set,
 * context switches (voluntary, involuntary) and CPU time. The CPU time is tick-sampled and not split into user and system time
 * (the tick does not ask which mode it interrupted): all of it shows as user time.
 */
static void fill_rusage(struct rusage *ru, unsigned long minflt, unsigned long majflt,
			unsigned long maxrss_pages, unsigned long nvcsw, unsigned long nivcsw,
			u64 cputime_ns)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = (long)(cputime_ns / 1000000000ULL);
	ru->ru_utime.tv_usec = (long)(cputime_ns % 1000000000ULL / 1000);
	ru->ru_minflt = (long)minflt;
	ru->ru_majflt = (long)majflt;
	ru->ru_maxrss = (long)(maxrss_pages * (PAGE_SIZE / 1024));
	ru->ru_nvcsw = (long)nvcsw;
	ru->ru_nivcsw = (long)nivcsw;
}

long sys_getrusage(int who, struct rusage __user *uru)
{
	struct task *me = current->group_leader; /* children belong to the process */
	struct task_usage u;
	struct rusage ru;

	if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
		/* SELF: all of the process's threads, those gone too; THREAD: the caller. */
		if (who == RUSAGE_SELF)
			thread_group_usage(current, &u);
		else
			task_usage(current, &u);
		fill_rusage(&ru, u.minflt, u.majflt, current->mm ? current->mm->hiwater_rss : 0,
			    u.nvcsw, u.nivcsw, u.cputime_ns);
	} else if (who == RUSAGE_CHILDREN)
		fill_rusage(&ru, me->child_minflt, me->child_majflt, 0,
			    me->child_nvcsw, me->child_nivcsw, me->child_cputime_ns);
	else
		return -EINVAL;
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

long sys_wait4(int pid, int __user *status, int options, void __user *rusage)
{
	struct task *me = current->group_leader; /* any thread waits for the process's children */
	struct task *child;
	struct task_usage u;
	struct rusage ru;
	bool any;
	long err;
	int child_pid, child_status;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == -__INT_MAX__ - 1)
		return -ESRCH; /* INT_MIN: Linux's answer, since -INT_MIN does not exist */
	err = wait_event_interruptible(&me->child_exit,
				       (child = find_reportable(pid, options, &any)) != NULL || !any ||
				       (options & WNOHANG));
	if (err)
		return err;
	if (!any)
		return -ECHILD;
	if (!child)
		return 0; /* WNOHANG and nothing to report yet */
	child_pid = child->pid;
	thread_group_usage(child, &u); /* all of the child's threads */
	fill_rusage(&ru, u.minflt + child->child_minflt, u.majflt + child->child_majflt, 0,
		    u.nvcsw + child->child_nvcsw, u.nivcsw + child->child_nivcsw,
		    u.cputime_ns + child->child_cputime_ns);
	/* Consume what is reported first, as Linux does: a bad pointer does not undo it. */
	if (child->state == TASK_ZOMBIE) {
		child_status = child->exit_status;
		/* A reaped child's faults and CPU time count as the parent's children's. */
		me->child_minflt += u.minflt + child->child_minflt;
		me->child_majflt += u.majflt + child->child_majflt;
		me->child_cputime_ns += u.cputime_ns + child->child_cputime_ns;
		me->child_nvcsw += u.nvcsw + child->child_nvcsw;
		me->child_nivcsw += u.nivcsw + child->child_nivcsw;
		task_free(child);
	} else if ((options & WUNTRACED) && child->stop_report) {
		child_status = child->stop_report; /* (signal << 8) | 0x7f, reported once */
		child->stop_report = 0;
	} else {
		child_status = 0xffff; /* continued */
		child->continued_report = false;
	}
	if (status && copy_to_user(status, &child_status, sizeof(child_status)))
		return -EFAULT;
	if (rusage && copy_to_user(rusage, &ru, sizeof(ru)))
		return -EFAULT;
	return child_pid;
}
