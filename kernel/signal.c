/*
 * Sending signals and the signal system calls (see signal.h). Delivery is in
 * signal_deliver.c, the system calls that send signals in signal_kill.c, the queue of
 * siginfo in sigqueue.c. Every change to a task's pending, blocked or sigqueue happens under
 * its sighand->siglock, with interrupts off: a fault or an interrupt handler may send a
 * signal at any time.
 */
#include <arch.h>
#include <errno.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <lib/bitops.h>
#include <asm/memory.h>
#include <asm/ptrace.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/uaccess.h>
#include <uapi/abi.h>

const char *signal_name(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
		[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",
		[SIGUSR2] = "SIGUSR2", [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",
		[SIGTERM] = "SIGTERM", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
		[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",
	};

	if (sig > 0 && sig < (int)ARRAY_SIZE(names) && names[sig])
		return names[sig];
	return "signal";
}

static __always_inline struct kernel_sigaction *action_of(struct task *t, int sig)
{
	return &t->sighand->action[sig - 1];
}

int signals_init(struct task *t, struct task *parent)
{
	t->sighand = kzalloc(sizeof(*t->sighand));
	if (!t->sighand)
		return -ENOMEM;
	INIT_LIST_HEAD(&t->sigqueue);
	t->sighand->count = 1;
	t->sighand->nr_threads = 1;
	INIT_LIST_HEAD(&t->sighand->shared_sigqueue);
	init_wait_queue(&t->sighand->exec_wait);
	if (parent && parent->sighand) { /* fork: same actions, mask and alternate stack */
		memcpy(t->sighand->action, parent->sighand->action, sizeof(t->sighand->action));
		t->blocked = parent->blocked;
		t->altstack = parent->altstack;
	}
	spin_lock_init(&t->sighand->siglock);
	return 0;
}

void signals_share(struct task *t, struct task *parent)
{
	struct sighand *sh = parent->sighand;
	unsigned long flags;

	kfree(t->sighand); /* signals_init()'s, never used */
	t->sighand = sh;
	spin_lock_irqsave(&sh->siglock, flags);
	sh->count++;
	sh->nr_threads++;
	spin_unlock_irqrestore(&sh->siglock, flags);
	/* A thread runs on a stack of its own: it does not inherit the alternate one
	 * (Linux's sas_ss_reset for CLONE_VM). */
	t->altstack.ss_sp = NULL;
	t->altstack.ss_size = 0;
	t->altstack.ss_flags = SS_DISABLE;
}

void signals_exec(struct task *t)
{
	unsigned long flags;

	/* Linux's flush_signal_handlers(): handlers cannot survive (their code is gone),
	 * ignored signals stay ignored, and every action loses its flags and mask. */
	spin_lock_irqsave(&t->sighand->siglock, flags);
	for (int sig = 1; sig <= _NSIG; sig++) {
		struct kernel_sigaction *ka = action_of(t, sig);
		bool ignored = ka->sa_handler == SIG_IGN;

		memset(ka, 0, sizeof(*ka));
		if (ignored)
			ka->sa_handler = SIG_IGN;
	}
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	t->altstack.ss_sp = NULL;
	t->altstack.ss_size = 0;
	t->altstack.ss_flags = 0;
}

void signals_flush(struct task *t)
{
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	sigqueue_flush(&t->sigqueue, ~0UL);
	t->pending.sig[0] = 0;
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void signals_free(struct task *t)
{
	struct sighand *sh = t->sighand;
	unsigned long flags;
	bool last;

	signals_flush(t);
	spin_lock_irqsave(&sh->siglock, flags);
	last = --sh->count == 0;
	if (last)
		sigqueue_flush(&sh->shared_sigqueue, ~0UL);
	spin_unlock_irqrestore(&sh->siglock, flags);
	if (last)
		kfree(sh);
	t->sighand = NULL;
}

/* The default action of each signal (POSIX; Linux's sig_kernel_* sets). */
bool sig_kernel_stop(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

/* Would t throw sig away the moment it arrives? (ignored and not blocked) */
static bool sig_ignored(struct task *t, int sig)
{
	void *handler = action_of(t, sig)->sa_handler;

	if ((t->blocked.sig[0] | t->real_blocked.sig[0]) & sigmask(sig))
		return false; /* it may be unblocked after a change of action, or waited for */
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

/* Wake t if it sleeps (interruptibly) or is stopped and sig should reach it now. */
static void signal_wake_up(struct task *t, int sig)
{
	if (t->state == TASK_SLEEPING && (!(t->blocked.sig[0] & sigmask(sig)) || sig == SIGKILL))
		wake_up_task(t);
	if (t->state == TASK_STOPPED && sig == SIGKILL) {
		t->state = TASK_SLEEPING;
		wake_up_task(t);
	}
}

/* Drop the pending signals in mask from t's process: the shared set and every thread's
 * own (and their siginfo). The siglock held. */
static void flush_pending(struct task *t, unsigned long mask)
{
	struct task *thread;

	sigqueue_flush(&t->sighand->shared_sigqueue, mask);
	t->sighand->shared_pending.sig[0] &= ~mask;
	for_each_thread(t, thread) {
		sigqueue_flush(&thread->sigqueue, mask);
		thread->pending.sig[0] &= ~mask;
	}
}

/* SIGCONT resumes a stopped process at once, all its threads, even if blocked or handled
 * (POSIX); the parent hears of it once, through the group leader. */
static void do_continue(struct task *t)
{
	struct task *leader = t->group_leader, *thread;
	bool stopped = false;

	flush_pending(t, sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU));
	for_each_thread(t, thread) {
		thread->jobctl_stop = false;
		if (thread->state == TASK_STOPPED) {
			thread->state = TASK_SLEEPING;
			wake_up_task(thread);
			stopped = true;
		}
	}
	if (stopped || leader->stop_report) {
		leader->stop_report = 0;
		leader->continued_report = true;
		notify_parent(leader, CLD_CONTINUED, SIGCONT);
	}
}

/* Would thread t take sig now? (alive, and not blocking it; SIGKILL always) */
static bool wants_signal(int sig, struct task *t)
{
	if (t->state == TASK_ZOMBIE)
		return false;
	return sig == SIGKILL || !(t->blocked.sig[0] & sigmask(sig));
}

/*
 * A process-directed signal was made pending: wake a thread that will take it, t first
 * (Linux's complete_signal). SIGKILL goes to every thread at once: the group dies.
 */
static void complete_signal(int sig, struct task *t)
{
	struct task *thread;

	if (sig == SIGKILL) {
		if (!t->sighand->group_exit) {
			t->sighand->group_exit = true;
			t->sighand->group_exit_code = SIGKILL;
		}
		for_each_thread(t, thread) {
			if (thread->state == TASK_ZOMBIE)
				continue;
			thread->pending.sig[0] |= sigmask(SIGKILL);
			signal_wake_up(thread, SIGKILL);
		}
		return;
	}
	if (wants_signal(sig, t)) {
		signal_wake_up(t, sig);
		return;
	}
	for_each_thread(t, thread) {
		if (wants_signal(sig, thread)) {
			signal_wake_up(thread, sig);
			return;
		}
	}
	/* Every thread blocks it: it waits, shared, for one to unblock it. */
}

/*
 * Current now blocks the signals in newly_blocked: a process-directed one among them
 * that is pending goes to another thread that can take it (Linux's
 * retarget_shared_pending). The siglock held.
 */
static void retarget_shared_pending(unsigned long newly_blocked)
{
	unsigned long shared = current->sighand->shared_pending.sig[0] & newly_blocked;
	struct task *thread;

	if (!shared)
		return;
	for_each_thread(current, thread) {
		unsigned long take;

		if (thread == current || thread->state == TASK_ZOMBIE)
			continue;
		take = shared & ~thread->blocked.sig[0];
		if (take) {
			signal_wake_up(thread, lowest_bit(take) + 1);
			shared &= ~take;
		}
		if (!shared)
			break;
	}
}

void zap_other_threads(struct task *p)
{
	struct task *thread;

	for_each_thread(p, thread) {
		if (thread == p || thread->state == TASK_ZOMBIE)
			continue;
		thread->pending.sig[0] |= sigmask(SIGKILL);
		signal_wake_up(thread, SIGKILL);
	}
}

void exit_retarget_signals(void)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	retarget_shared_pending(~0UL);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/*
 * Does t drop sig at once? Linux protects init: it only receives signals it has a handler
 * for (SIGKILL and SIGSTOP included), unless the kernel forces one on it (a fault).
 */
static bool init_protected(struct task *t, int sig, bool forced)
{
	return t->tgid == 1 && !forced && action_of(t, sig)->sa_handler == SIG_DFL;
}

/*
 * Linux's rule for who may go over the queue limit: a standard signal from kill() or the
 * kernel (si_code >= 0) may; a real-time one, or a standard one from sigqueue() or
 * tgkill() (si_code < 0), may not.
 */
static bool may_override_limit(int sig, const siginfo_t *info)
{
	return sig < SIGRTMIN && (!info || info->si_code >= 0);
}

/*
 * Send sig to thread t (group false) or to t's whole process (group true: the shared
 * pending set, any thread may take it).
 */
static int do_send_signal(int sig, const siginfo_t *info, struct task *t, bool forced,
			  bool group)
{
	kernel_sigset_t *pending;
	struct list_head *queue;
	unsigned long flags;
	struct sigqueue *q;
	int err = 0;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!t->sighand || init_protected(t, sig, forced))
		return 0;
	/* A zombie exists until reaped, but nothing reaches it; a process does as long as
	 * one of its threads lives, even if its leader has exited. */
	if (group ? t->sighand->nr_threads == 0 : t->state == TASK_ZOMBIE)
		return 0;
	q = sigqueue_alloc(); /* before taking the lock: may take a while */
	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (forced) {
		/* Linux's force_sig_info: a fault must not be lost to a mask or SIG_IGN.
		 * Blocked or ignored: back to the default action, unblocked (it will kill). */
		struct kernel_sigaction *ka = action_of(t, sig);

		if (ka->sa_handler == SIG_IGN || (t->blocked.sig[0] & sigmask(sig))) {
			ka->sa_handler = SIG_DFL;
			t->blocked.sig[0] &= ~sigmask(sig);
		}
	}
	pending = group ? &t->sighand->shared_pending : &t->pending;
	queue = group ? &t->sighand->shared_sigqueue : &t->sigqueue;
	if (sig == SIGCONT)
		do_continue(t);
	else if (sig_kernel_stop(sig))
		flush_pending(t, sigmask(SIGCONT));
	/* Ignored, or a standard signal already pending (they do not queue twice): dropped. */
	if (sig_ignored(t, sig) || (sig < SIGRTMIN && (pending->sig[0] & sigmask(sig))))
		goto out;
	if (sigqueue_add(queue, q, sig, info, may_override_limit(sig, info))) {
		q = NULL;
	} else if (sig >= SIGRTMIN && info && info->si_code != SI_USER) {
		err = -EAGAIN; /* a queued signal's sender must learn that it was not queued */
		goto out;
	}
	/* Otherwise (kill() over the limit, out of memory): pending, without its siginfo. */
	pending->sig[0] |= sigmask(sig);
	if (group)
		complete_signal(sig, t);
	else
		signal_wake_up(t, sig);
out:
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	if (q)
		sigqueue_free_unused(q);
	return err;
}

int send_signal(int sig, const siginfo_t *info, struct task *t)
{
	return do_send_signal(sig, info, t, false, true);
}

int send_signal_thread(int sig, const siginfo_t *info, struct task *t)
{
	return do_send_signal(sig, info, t, false, false);
}

/* task_pending(), inline for the checks on every return to user mode. */
static __always_inline unsigned long pending_of(struct task *t)
{
	if (!t->sighand) /* the idle task (in-kernel tests run on it) */
		return t->pending.sig[0];
	return t->pending.sig[0] | t->sighand->shared_pending.sig[0];
}

unsigned long task_pending(struct task *t)
{
	return pending_of(t);
}

int next_pending_signal(struct task *t, unsigned long allowed)
{
	unsigned long ready = t->pending.sig[0] & allowed;

	if (!ready)
		ready = t->sighand->shared_pending.sig[0] & allowed;
	if (!ready)
		return 0;
	if (ready & sigmask(SIGKILL))
		return SIGKILL;
	return next_signal(ready);
}

int next_signal(unsigned long ready)
{
	if (ready & SYNCHRONOUS_MASK)
		return lowest_bit(ready & SYNCHRONOUS_MASK) + 1;
	return lowest_bit(ready) + 1;
}

/* Take sig off t's own pending set if it is there, else off its process's (unless more
 * of it are queued); fill *info. t's siglock held. */
void dequeue_signal(struct task *t, int sig, siginfo_t *info)
{
	kernel_sigset_t *pending = &t->pending;
	struct list_head *queue = &t->sigqueue;

	if (!(pending->sig[0] & sigmask(sig))) {
		pending = &t->sighand->shared_pending;
		queue = &t->sighand->shared_sigqueue;
	}
	if (!sigqueue_collect(queue, sig, info))
		pending->sig[0] &= ~sigmask(sig);
}

bool signal_pending_current(void)
{
	return (pending_of(current) & ~current->blocked.sig[0]) != 0 || current->jobctl_stop;
}

bool fatal_signal_pending(struct task *t)
{
	return t->pending.sig[0] & sigmask(SIGKILL);
}

/* Send sig to current, which must not lose it to a mask or SIG_IGN (do_send_signal). */
static void force_signal(int sig, const siginfo_t *info)
{
	do_send_signal(sig, info, current, true, false); /* to the faulting thread */
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = (void *)addr;
	force_signal(sig, &info);
}

void force_sig(int sig)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_signal(sig, &info);
}

/* Will sig, forced now, kill current? (no handler, or a handler it cannot use) */
static bool unhandled_signal(int sig)
{
	void *handler = action_of(current, sig)->sa_handler;

	return handler == SIG_DFL || handler == SIG_IGN || (current->blocked.sig[0] & sigmask(sig));
}

void force_sig_mceerr(int code, unsigned long addr, short lsb)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGBUS;
	info.si_code = code;
	info.si_addr = (void *)addr;
	info.si_addr_lsb = lsb;
	force_signal(SIGBUS, &info);
}

void show_signal_msg(struct pt_regs *regs, int sig, unsigned long addr, unsigned long error,
		     const char *what)
{
	if (unhandled_signal(sig))
		printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", current->name, current->pid,
		       what, addr, instruction_pointer(regs), user_stack_pointer(regs), error);
}

/*
 * The sa_flags bits rt_sigaction reads back (Linux's UAPI_SA_FLAGS): any other bit a
 * program set is kept but reads back as 0, so a program can tell that a flag it asked
 * for is unknown here (SA_UNSUPPORTED, 0x400, is there for that).
 */
#define SA_EXPOSE_TAGBITS 0x00000800
#define UAPI_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
		       SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | ARCH_UAPI_SA_FLAGS)

/*
 * Linux's order: sigsetsize, reading act (-EFAULT), the signal number (-EINVAL, also for
 * setting SIGKILL or SIGSTOP), then the change is made, and only then is the old action
 * written out: an unwritable oact is -EFAULT with the new action already in place.
 */
long sys_rt_sigaction(int sig, const struct kernel_sigaction __user *act,
		      struct kernel_sigaction __user *oact, size_t sigsetsize)
{
	struct kernel_sigaction new, old, *ka;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (sig < 1 || sig > _NSIG || (act && (sigmask(sig) & SIG_UNBLOCKABLE)))
		return -EINVAL; /* SIGKILL and SIGSTOP keep their default action */
	ka = action_of(current, sig);
	old = *ka;
	old.sa_flags &= UAPI_SA_FLAGS;
	if (act) {
		unsigned long flags;

		spin_lock_irqsave(&current->sighand->siglock, flags);
		new.sa_mask.sig[0] &= ~SIG_UNBLOCKABLE;
		*ka = new;
		/* POSIX: an action of "ignore" discards a pending instance, blocked or not. */
		if (new.sa_handler == SIG_IGN || (new.sa_handler == SIG_DFL && sig_default_ignored(sig)))
			flush_pending(current, sigmask(sig));
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Replace current's mask (SIGKILL and SIGSTOP never blocked). */
void set_current_blocked(const kernel_sigset_t *set)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	/* Only a shared signal pending and now blocked here needs another thread. */
	if (current->sighand->shared_pending.sig[0] & set->sig[0] & ~current->blocked.sig[0])
		retarget_shared_pending(set->sig[0] & ~current->blocked.sig[0]);
	current->blocked.sig[0] = set->sig[0] & ~SIG_UNBLOCKABLE;
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

long sys_rt_sigprocmask(int how, const kernel_sigset_t __user *uset,
			kernel_sigset_t __user *uoset, size_t sigsetsize)
{
	kernel_sigset_t set, old = current->blocked;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (uset) {
		if (copy_from_user(&set, uset, sizeof(set)))
			return -EFAULT;
		if (how == SIG_BLOCK)
			set.sig[0] |= old.sig[0];
		else if (how == SIG_UNBLOCK)
			set.sig[0] = old.sig[0] & ~set.sig[0];
		else if (how != SIG_SETMASK)
			return -EINVAL;
	}
	/* Linux's order: the new mask is in place even if the old one cannot be written. */
	if (uset)
		set_current_blocked(&set);
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(kernel_sigset_t __user *uset, size_t sigsetsize)
{
	kernel_sigset_t set = { { task_pending(current) & current->blocked.sig[0] } };

	/* Linux: a smaller set gets the first sigsetsize bytes (signals 1..8*size, on a
	 * little-endian machine), a bigger one is refused. */
	if (sigsetsize > sizeof(kernel_sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* Sleep until a signal is delivered; its handler's frame restores the old mask. */
static long suspend_until_signal(void)
{
	static struct wait_queue nobody = WAIT_QUEUE_INIT(nobody);

	wait_event_interruptible(&nobody, false);
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

long sys_rt_sigsuspend(const kernel_sigset_t __user *umask, size_t sigsetsize)
{
	kernel_sigset_t mask;

	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&mask);
	return suspend_until_signal();
}

long sys_pause(void)
{
	current->saved_sigmask = current->blocked;
	return suspend_until_signal();
}
