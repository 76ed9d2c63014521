/*
 * clone(): a new task, either a new process (a copy of the caller: fork) or a new thread
 * of the caller's process (CLONE_THREAD, sharing its address space and signal state).
 */
#include <arch.h>
#include <errno.h>
#include <kernel/cwd.h>
#include <kernel/file.h>
#include <kernel/fork.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

/* Flags that change nothing here: no tracer, no I/O scheduler, no System V semaphores. */
#define CLONE_FORK_NOOPS (CLONE_PTRACE | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | \
			  CLONE_SYSVSEM)
/*
 * CLONE_FS: a process has no working directory or umask of its own yet, so sharing them
 * changes nothing. CLONE_FILES: the descriptor table is shared (kernel/fdtable.c).
 */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_FORK_NOOPS | CLONE_VM | CLONE_FS | CLONE_FILES | \
			 CLONE_SIGHAND | CLONE_THREAD | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_VFORK)

/*
 * CLONE_VFORK (vfork(), glibc's posix_spawn() and system()): the parent sleeps until the
 * child has let go of the address space they share, by execve or exit, as Linux's
 * wait_for_vfork_done(). The record lives on the parent's kernel stack; the child marks
 * it done (vfork_release) and forgets it. Only a fatal signal ends the parent's wait
 * early (Linux sleeps killable): it then takes the record back from the child first.
 */
struct vfork_done {
	struct wait_queue wait;
	bool done;
};

void vfork_release(struct task *t)
{
	unsigned long flags = arch_irq_save();
	struct vfork_done *vd = t->vfork_done;

	if (vd) {
		t->vfork_done = NULL;
		vd->done = true;
		wake_up(&vd->wait);
	}
	arch_irq_restore(flags);
}

/* Wake child and sleep until it releases the mm (or a fatal signal comes). */
static void wait_for_vfork_done(struct task *child)
{
	struct vfork_done vd = { .done = false };
	unsigned long flags;

	init_wait_queue(&vd.wait);
	child->vfork_done = &vd;
	wake_up_task(child);
	flags = arch_irq_save(); /* the test and the sleep with nothing in between (wait.h) */
	while (!vd.done && !fatal_signal_pending(current))
		sleep_on(&vd.wait);
	if (!vd.done)
		child->vfork_done = NULL; /* killed first: the record goes with this frame */
	arch_irq_restore(flags);
}

/*
 * Linux's rules between flags (copy_process): a thread shares its process's signal
 * actions, and shared actions need a shared address space. Sharing actions between two
 * processes (CLONE_SIGHAND without CLONE_THREAD) is not supported here.
 */
static long clone_flags_valid(unsigned long flags)
{
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_THREAD))
		return -EINVAL;
	return 0;
}

/*
 * Join child to current's thread group, unless the group is dying (exit_group(), a fatal
 * signal or an execve in another thread): then -EINTR, as Linux's copy_process, so a
 * clone racing exit_group never leaves a thread behind.
 */
static long join_thread_group(struct task *child)
{
	struct task *leader = current->group_leader;
	struct sighand *sh = current->sighand;
	unsigned long flags;

	spin_lock_irqsave(&sh->siglock, flags);
	if (sh->group_exit || sh->group_exec_task || fatal_signal_pending(current)) {
		spin_unlock_irqrestore(&sh->siglock, flags);
		return -EINTR;
	}
	spin_unlock_irqrestore(&sh->siglock, flags);
	signals_share(child, current);
	share_signal_struct(child);
	child->tgid = current->tgid;
	child->group_leader = leader;
	child->blocked = current->blocked;
	child->parent = NULL; /* a thread's parent is its process's: the leader's */
	child->exit_signal = -1; /* nobody waits for a thread */
	list_add_tail(&child->thread_group, &leader->thread_group);
	return 0;
}

long kernel_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
		  int __user *child_tid, unsigned long tls)
{
	struct task *child;
	struct pt_regs *regs;
	long err = clone_flags_valid(flags);

	if (err)
		return err;
	child = task_alloc(current->name);
	if (!child)
		return -ENOMEM;
	/*
	 * The descriptors first, then the memory, in Linux's order: copying the memory may
	 * send a user pager's FORK event, whose reader makes a descriptor for the child's
	 * new userfaultfd; that descriptor is the pager's, and must not land in the child.
	 */
	err = copy_files(child, flags & CLONE_FILES);
	if (err) {
		task_free(child);
		return err;
	}
	if (flags & CLONE_VM) {
		child->mm = current->mm;
		mmget(child->mm);
	} else {
		child->mm = mm_copy(current->mm);
	}
	if (!child->mm) {
		exit_files(child);
		task_free(child);
		return -ENOMEM;
	}
	if (flags & CLONE_THREAD)
		err = join_thread_group(child);
	if (err) {
		exit_files(child);
		mmput(child->mm);
		task_free(child);
		return err;
	}
	if (!(flags & CLONE_THREAD)) {
		child->exit_signal = (int)(flags & CSIGNAL);
		child->parent = current->group_leader; /* children belong to the process */
		list_add_tail(&child->sibling, &current->group_leader->children);
	}
	fs_fork(child, current);
	child->exe = current->exe;
	arch_fpu_save(current);
	memcpy(child->fpu_state, current->fpu_state, FPU_STATE_SIZE);

	/* The child returns from this same system call, with 0, on its own kernel stack. */
	regs = task_pt_regs(child);
	*regs = *task_pt_regs(current);
	arch_set_return_value(regs, 0);
	if (newsp)
		arch_set_user_sp(regs, newsp);
	child->ksp = arch_init_kstack(child->kstack_top);
	if (flags & CLONE_SETTLS)
		arch_set_tls(child, tls);
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = child_tid; /* written by the child as it starts */
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = child_tid;
	if (!(flags & CLONE_THREAD)) { /* the parent's process group and session */
		child->signal->pgid = current->signal->pgid;
		child->signal->sid = current->signal->sid;
	}
	/* Linux ignores a failure to write it, and writes it before the child runs. */
	if (flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(parent_tid, &child->pid, sizeof(child->pid));
	if (flags & CLONE_VFORK) {
		long pid = child->pid; /* the child may be reaped by the time we return */

		wait_for_vfork_done(child);
		return pid;
	}
	wake_up_task(child);
	return child->pid;
}

long sys_fork(void)
{
	return kernel_clone(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
	return kernel_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls)
{
	/*
	 * Linux's legacy clone() looks only at the low 32 bits of flags (kernel/fork.c,
	 * lower_32_bits): the upper ones are clone3()'s, and ignored here. For a process, the
	 * low byte is the signal its exit sends (one that is not a signal sends none).
	 */
	return kernel_clone(flags & 0xffffffffUL, newsp, parent_tid, child_tid, tls);
}
