/* clone(): a new process, a copy of the caller (fork). */
#include <arch.h>
#include <errno.h>
#include <kernel/cwd.h>
#include <kernel/file.h>
#include <kernel/fork.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <uapi/abi.h>

#define CLONE_FORK_NOOPS (CLONE_PTRACE | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO)

long sys_clone(unsigned long flags, unsigned long newsp)
{
	struct task *child;
	struct pt_regs *regs;

	/*
	 * Linux's legacy clone() looks only at the low 32 bits of flags (kernel/fork.c,
	 * lower_32_bits): the upper ones are clone3()'s, and ignored here. Only fork is
	 * implemented: a new process that signals its exit (any number in CSIGNAL; one that
	 * is not a signal sends none). Some flags change nothing for such a process without
	 * a tracer or an I/O scheduler, and are accepted, as on Linux; the rest (threads:
	 * CLONE_VM...) come later.
	 */
	flags &= 0xffffffffUL;
	if (flags & ~(CSIGNAL | CLONE_FORK_NOOPS))
		return -EINVAL;
	child = task_alloc(current->name);
	if (!child)
		return -ENOMEM;
	child->mm = mm_copy(current->mm);
	if (!child->mm) {
		task_free(child);
		return -ENOMEM;
	}
	files_copy(child, current);
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

	child->exit_signal = (int)(flags & CSIGNAL);
	child->pgid = current->pgid; /* the parent's process group and session */
	child->sid = current->sid;
	child->parent = current;
	list_add_tail(&child->sibling, &current->children);
	wake_up_task(child);
	return child->pid;
}
