/*
 * rt_sigtimedwait() (sigwaitinfo, sigtimedwait): taking a signal synchronously instead of
 * having it delivered. The caller names a set; the first pending signal of the set is
 * taken off the pending set, with its siginfo, and its number returned, whatever its
 * action. With none pending, the caller sleeps until one arrives, the timeout passes
 * (-EAGAIN) or another signal interrupts it (-EINTR, and that signal is delivered as
 * usual on the way out). SIGKILL and SIGSTOP cannot be waited for.
 *
 * While it sleeps, the set is opened in task->blocked so that a signal of the set wakes
 * it; task->real_blocked holds the mask to go back to, and keeps a signal of the set
 * from being thrown away as ignored meanwhile (Linux does the same).
 */
#include <arch.h>
#include <errno.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

/* Take current's first pending signal of set into *info: its number, or 0. Interrupts
 * off. */
static int take_signal(unsigned long set, siginfo_t *info)
{
	int sig = next_pending_signal(current, set);

	if (sig)
		dequeue_signal(current, sig, info);
	return sig;
}

/*
 * Linux's order: sigsetsize (-EINVAL), the set and the timeout (-EFAULT), the timeout's
 * value (-EINVAL). A taken signal stays taken even if *uinfo cannot be written (-EFAULT).
 * A NULL timeout waits for ever; a zero one only looks.
 */
long sys_rt_sigtimedwait(const kernel_sigset_t __user *uthese, siginfo_t __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize)
{
	kernel_sigset_t these;
	unsigned long flags, set;
	u64 deadline = ~0ULL, ns;
	siginfo_t info;
	long err = 0;
	int sig;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		err = get_sleep_time(uts, &ns);
		if (err)
			return err;
		deadline = deadline_after(ns);
	}
	set = these.sig[0] & ~SIG_UNBLOCKABLE;
	spin_lock_irqsave(&current->sighand->siglock, flags);
	sig = take_signal(set, &info);
	if (!sig) {
		current->real_blocked = current->blocked;
		current->blocked.sig[0] &= ~set;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		err = sleep_until_or_signal(deadline);
		spin_lock_irqsave(&current->sighand->siglock, flags);
		current->blocked = current->real_blocked;
		current->real_blocked.sig[0] = 0;
		sig = take_signal(set, &info);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	if (!sig)
		return err ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
