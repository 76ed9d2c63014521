/*
 * Process groups and sessions: setpgid(), getpgid(), getpgrp(), setsid(), getsid(). A
 * group and a session are the process's (task->signal, shared by its threads) and are
 * named by process ids (tgid); a thread's id names its process where Linux accepts one.
 */
#include <errno.h>
#include <kernel/pgrp.h>
#include <kernel/signal.h>

bool pgrp_exists(int pgid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->signal->pgid == pgid)
			return true;
	return false;
}

bool pgrp_in_session(int pgid, int sid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->signal->pgid == pgid && t->signal->sid == sid)
			return true;
	return false;
}

/* Has t's process exited (all its threads)? */
static bool process_dead(const struct task *t)
{
	return t->state == TASK_ZOMBIE && (!t->sighand || t->sighand->nr_threads == 0);
}

bool pgrp_is_orphaned(int pgid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL) {
		struct task *p = t->parent;

		if (t != t->group_leader || t->signal->pgid != pgid || process_dead(t) || !p ||
		    p->tgid == 1)
			continue;
		if (p->signal->pgid != pgid && p->signal->sid == t->signal->sid)
			return false;
	}
	return true;
}

void kill_pgrp(int pgid, int sig)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL) /* once per process */
		if (t == t->group_leader && t->signal->pgid == pgid && !process_dead(t))
			send_signal(sig, NULL, t);
}

/*
 * setpgid(pid, pgid): move process pid (0: the caller) into group pgid (0: a group of its
 * own, named by pid). Linux's rules and order of errors:
 *   - EINVAL: pgid negative;
 *   - ESRCH: no such task; EINVAL: pid is a thread's id, not a process's;
 *   - ESRCH: pid is neither the caller nor one of its children;
 *   - EPERM: a child in another session; EACCES: a child that has run execve();
 *   - EPERM: pid leads its session (it cannot leave its own group);
 *   - EPERM: pgid is another group, but nobody in the caller's session is in it.
 */
long sys_setpgid(int pid, int pgid)
{
	struct task *p;

	if (pid == 0)
		pid = current->tgid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = pid > 0 ? find_task(pid) : NULL;
	if (!p)
		return -ESRCH;
	if (p != p->group_leader)
		return -EINVAL;
	if (p->parent == current->group_leader) {
		if (p->signal->sid != current->signal->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != current->group_leader) {
		return -ESRCH;
	}
	if (p->signal->sid == p->tgid)
		return -EPERM;
	if (pgid != p->tgid) {
		struct task *t = NULL;
		bool ok = false;

		while ((t = task_next(t)) != NULL)
			if (t->signal->pgid == pgid && t->signal->sid == current->signal->sid)
				ok = true;
		if (!ok)
			return -EPERM;
	}
	p->signal->pgid = pgid;
	return 0;
}

/* The process of task pid (0: the caller), or NULL: any of its threads (one signal_struct). */
static struct task *process(int pid)
{
	if (pid == 0)
		return current;
	return pid > 0 ? find_task(pid) : NULL;
}

long sys_getpgid(int pid)
{
	struct task *p = process(pid);

	return p ? p->signal->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->signal->pgid;
}

/*
 * setsid(): a new session and a new group, both named by the caller's pid, which leads
 * both. EPERM if that group already exists (the caller leads a group, or another
 * process is in a group of that number): a group never spans two sessions.
 */
long sys_setsid(void)
{
	if (pgrp_exists(current->tgid))
		return -EPERM;
	current->signal->pgid = current->tgid;
	current->signal->sid = current->tgid;
	return current->signal->sid;
}

long sys_getsid(int pid)
{
	struct task *p = process(pid);

	return p ? p->signal->sid : -ESRCH;
}
