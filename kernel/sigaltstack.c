/* sigaltstack(): the alternate stack signal handlers can run on (see signal.h). */
#include <errno.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <mm/uaccess.h>

/*
 * The alternate stack, as Linux keeps it: ss_sp and ss_size (size 0: none), and the raw
 * ss_flags last given (0, SS_AUTODISARM, or SS_DISABLE after disabling), which is what
 * a signal frame's uc_stack records. sigaltstack() reports computed flags instead.
 */

/* Is sp on current's alternate stack? */
bool on_sig_stack(unsigned long sp)
{
	const stack_t *ss = &current->altstack;

	return ss->ss_size && sp > (unsigned long)ss->ss_sp &&
	       sp - (unsigned long)ss->ss_sp <= ss->ss_size;
}

/* Set current's alternate stack from *ss (kernel copy); 0 or -errno. */
long do_sigaltstack(const stack_t *ss, unsigned long sp)
{
	int mode = ss->ss_flags & ~(int)SS_AUTODISARM;

	if (on_sig_stack(sp))
		return -EPERM; /* cannot change it while running on it */
	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		current->altstack.ss_sp = NULL;
		current->altstack.ss_size = 0;
		current->altstack.ss_flags = ss->ss_flags;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	current->altstack.ss_sp = ss->ss_sp;
	current->altstack.ss_size = ss->ss_size;
	current->altstack.ss_flags = ss->ss_flags; /* raw, as Linux keeps it (uc_stack shows it) */
	return 0;
}

/* current's alternate stack as sigaltstack() reports it, for a task running at sp. */
void current_altstack(stack_t *out, unsigned long sp)
{
	const stack_t *ss = &current->altstack;

	*out = *ss;
	out->ss_flags = (!ss->ss_size ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK : 0) |
			(ss->ss_flags & (int)SS_AUTODISARM);
}

long sys_sigaltstack(const stack_t __user *uss, stack_t __user *uold)
{
	unsigned long sp = user_stack_pointer(task_pt_regs(current));
	stack_t ss, old;
	long err;

	current_altstack(&old, sp);
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if ((err = do_sigaltstack(&ss, sp)))
			return err;
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
