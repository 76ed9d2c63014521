/* Process groups and sessions: setpgid(), getpgid(), getpgrp(), setsid(), getsid(). */
#include <errno.h>
#include <kernel/pgrp.h>
#include <kernel/signal.h>

bool pgrp_exists(int pgid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->pgid == pgid)
			return true;
	return false;
}

bool pgrp_in_session(int pgid, int sid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

bool pgrp_is_orphaned(int pgid)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL) {
		struct task *p = t->parent;

		if (t->pgid != pgid || t->state == TASK_ZOMBIE || !p || p->pid == 1)
			continue;
		if (p->pgid != pgid && p->sid == t->sid)
			return false;
	}
	return true;
}

void kill_pgrp(int pgid, int sig)
{
	struct task *t = NULL;

	while ((t = task_next(t)) != NULL)
		if (t->pgid == pgid && t->state != TASK_ZOMBIE)
			send_signal(sig, NULL, t);
}

/*
 * setpgid(pid, pgid): move process pid (0: the caller) into group pgid (0: a group of its
 * own, named by pid). Linux's rules and order of errors:
 *   - EINVAL: pgid negative;
 *   - ESRCH: pid is neither the caller nor one of its children;
 *   - EPERM: a child in another session; EACCES: a child that has run execve();
 *   - EPERM: pid leads its session (it cannot leave its own group);
 *   - EPERM: pgid is another group, but nobody in the caller's session is in it.
 */
long sys_setpgid(int pid, int pgid)
{
	struct task *p;

	if (pid == 0)
		pid = current->pid;
	if (pgid == 0)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = pid > 0 ? find_task(pid) : NULL;
	if (!p)
		return -ESRCH;
	if (p->parent == current) {
		if (p->sid != current->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != current) {
		return -ESRCH;
	}
	if (p->sid == p->pid)
		return -EPERM;
	if (pgid != p->pid) {
		struct task *t = NULL;
		bool ok = false;

		while ((t = task_next(t)) != NULL)
			if (t->pgid == pgid && t->sid == current->sid)
				ok = true;
		if (!ok)
			return -EPERM;
	}
	p->pgid = pgid;
	return 0;
}

/* The process pid (0: the caller), or NULL. */
static struct task *process(int pid)
{
	if (pid == 0)
		return current;
	return pid > 0 ? find_task(pid) : NULL;
}

long sys_getpgid(int pid)
{
	struct task *p = process(pid);

	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

/*
 * setsid(): a new session and a new group, both named by the caller's pid, which leads
 * both. EPERM if that group already exists (the caller leads a group, or another
 * process is in a group of that number): a group never spans two sessions.
 */
long sys_setsid(void)
{
	if (pgrp_exists(current->pid))
		return -EPERM;
	current->pgid = current->pid;
	current->sid = current->pid;
	return current->sid;
}

long sys_getsid(int pid)
{
	struct task *p = process(pid);

	return p ? p->sid : -ESRCH;
}
