/*
 * Signals, as in Linux (and POSIX). A signal is *sent* (send_signal: a bit in
 * task->pending and a siginfo on task->sigqueue), stays pending while it is blocked,
 * and is *delivered* on the task's way back to user mode (exit_to_user_mode ->
 * get_signal), by its action: ignore, a default action (terminate, stop, continue,
 * ignore), or a handler, for which the arch builds a frame on the user stack
 * (arch_setup_rt_frame). The handler returns through rt_sigreturn, which restores the
 * frame. SIGKILL and SIGSTOP cannot be caught, blocked or ignored.
 *
 * A system call interrupted by a signal returns one of the -ERESTART* codes; delivery
 * turns it into -EINTR or restarts the call (SA_RESTART), as Linux does.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <asm/signal.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/list.h>
#include <types.h>

struct pt_regs;
struct task;

/*
 * The signal state of one process, shared by the threads of its group: the actions, the
 * signals sent to the process as a whole, the group's exit, and the lock of all signal
 * state. (Linux splits this into sighand_struct, the actions, and signal_struct, the
 * rest; Faultline shares actions only together with a thread group, so one struct does.)
 */
struct sighand {
	/*
	 * Linux's siglock: protects action[] and, in the task, pending, blocked,
	 * real_blocked and the sigqueue list. Taken with interrupts off (a fault or an
	 * interrupt handler may send a signal at any time). Nests outside rq_lock, a wait
	 * queue's lock and the sigqueue count's lock; a child's siglock may be held while
	 * the parent's is taken (notify_parent), never the other way round.
	 */
	spinlock_t siglock;
	struct kernel_sigaction action[_NSIG]; /* action[sig - 1] */
	int count;                      /* tasks holding this struct, zombies included */
	int nr_threads;                 /* threads of the group not yet exited */
	kernel_sigset_t shared_pending; /* process-directed signals, for any one thread */
	struct list_head shared_sigqueue; /* their siginfo */
	bool group_exit;                /* exit_group() or a fatal signal: all are dying */
	int group_exit_code;            /* the wait status the group dies with */
	struct task *group_exec_task;   /* a thread in execve waiting for the others to go */
	struct wait_queue exec_wait;    /* where it waits (woken as threads exit) */
};

/* A signal chosen for delivery to a handler. */
struct ksignal {
	int sig;
	siginfo_t info;
	struct kernel_sigaction ka;
};

static __always_inline unsigned long sigmask(int sig)
{
	return 1UL << (sig - 1);
}

/* Signals nobody may block: SIGKILL and SIGSTOP. */
#define SIG_UNBLOCKABLE (sigmask(9) | sigmask(19))
/* The signals faults raise (SEGV BUS ILL TRAP FPE SYS): delivered before any other. */
#define SYNCHRONOUS_MASK (sigmask(11) | sigmask(7) | sigmask(4) | sigmask(5) | sigmask(8) | sigmask(31))

/* Give a new task default actions; fork copies the parent's. 0 or -ENOMEM. */
int signals_init(struct task *t, struct task *parent);
/* clone(CLONE_THREAD): t (fresh from task_alloc) shares parent's signal state instead. */
void signals_share(struct task *t, struct task *parent);
/* exec: handlers back to SIG_DFL (ignored stay ignored), no alternate stack. */
void signals_exec(struct task *t);
/* exit: drop pending signals; free the actions (at reap). */
void signals_flush(struct task *t);
void signals_free(struct task *t);

/*
 * Send sig with info (NULL: SI_KERNEL) to the process t belongs to: it is pending for the
 * whole thread group, and taken by whichever thread does not block it first (Linux's
 * group_send_sig_info). 0, -EINVAL for a bad number, or -EAGAIN for a real-time signal
 * with a queued-signal siginfo (si_code not SI_USER) when the queue limit is reached
 * (see kernel/sigqueue.c).
 */
int send_signal(int sig, const siginfo_t *info, struct task *t);
/* The same to thread t alone (tgkill, tkill): only t can take it. */
int send_signal_thread(int sig, const siginfo_t *info, struct task *t);
/* Signals pending for t: its own and its process's. t's siglock held or t current. */
unsigned long task_pending(struct task *t);
/*
 * A synchronous fault in user mode (Linux's force_sig_fault): deliver sig with code and
 * addr to current even if it is blocked or ignored (then it kills, with the default
 * action). Prints Linux's one-line report if it will kill.
 */
void force_sig_fault(int sig, int code, unsigned long addr);
/* The same with si_code SI_KERNEL and no address (x86 int3 and #GP). */
void force_sig(int sig);
/* SIGBUS for a poisoned page (BUS_MCEERR_AR/AO), with si_addr_lsb: the poisoned extent. */
void force_sig_mceerr(int code, unsigned long addr, short lsb);
/*
 * Before forcing sig on current for an exception in user mode: if it will kill, print
 * Linux's one-line report, "name[pid]: what at ADDR ip IP sp SP error ERROR" (what:
 * "segfault", "bus error", "trap divide error", ...; error: the arch's error code).
 */
void show_signal_msg(struct pt_regs *regs, int sig, unsigned long addr, unsigned long error,
		     const char *what);
/* True if t has SIGKILL pending: it is dying, and killable waits end (Linux's name). */
bool fatal_signal_pending(struct task *t);
/* True if an unblocked signal is pending for current: interruptible sleeps end. */
bool signal_pending_current(void);
/* Last stop before returning to user mode: reschedule and deliver signals. */
void exit_to_user_mode(struct pt_regs *regs);
/* The name of a signal ("SIGSEGV"), or "signal". */
const char *signal_name(int sig);
/* Tell the parent of current that it stopped/continued/exited (SIGCHLD and wait4). */
void notify_parent(struct task *t, int why, int status);
/* Is the default action of sig to stop / to ignore? */
bool sig_kernel_stop(int sig);
bool sig_default_ignored(int sig);
/* Internal to kernel/signal*.c and kernel/sigqueue.c: */
struct sigqueue;
/* How many siginfo entries may be queued at once (Linux's RLIMIT_SIGPENDING). */
unsigned long sigpending_limit(void);
/* A fresh entry, or NULL (out of memory); may be called with interrupts on. */
struct sigqueue *sigqueue_alloc(void);
/* Free an entry that sigqueue_add() did not take. */
void sigqueue_free_unused(struct sigqueue *q);
/*
 * The siglock held. Queue q on queue (a task's sigqueue or the shared one) with info
 * (NULL: SI_KERNEL) as signal sig, charged to the limit unless override_limit. false,
 * with q left to the caller, if q is NULL or the limit is reached.
 */
bool sigqueue_add(struct list_head *queue, struct sigqueue *q, int sig, const siginfo_t *info,
		  bool override_limit);
/*
 * The siglock held. Take queue's oldest entry for sig into *info (none: SI_USER from pid
 * 0, as Linux). Returns true if another entry for sig is still queued (sig stays pending).
 */
bool sigqueue_collect(struct list_head *queue, int sig, siginfo_t *info);
/* The siglock held. Free queue's entries for the signals in mask. */
void sigqueue_flush(struct list_head *queue, unsigned long mask);

/* Of the signals in ready (non-empty), the one to take first: faults (SYNCHRONOUS_MASK),
 * then the lowest number (Linux's next_signal). */
int next_signal(unsigned long ready);
/* The signal t takes next among allowed: its own pending ones first, then its process's
 * (SIGKILL first, then next_signal); 0 if none. t's siglock held. */
int next_pending_signal(struct task *t, unsigned long allowed);
/* SIGKILL to every live thread of p's group but p (Linux's zap_other_threads). The
 * siglock held. */
void zap_other_threads(struct task *p);
/* current is exiting: its process's pending signals go to a thread that can take them. */
void exit_retarget_signals(void);
void dequeue_signal(struct task *t, int sig, siginfo_t *info);
void set_current_blocked(const kernel_sigset_t *set);
bool on_sig_stack(unsigned long sp);
long do_sigaltstack(const stack_t *ss, unsigned long sp);
void current_altstack(stack_t *out, unsigned long sp);

long sys_rt_sigaction(int sig, const struct kernel_sigaction *act,
		      struct kernel_sigaction *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const kernel_sigset_t *set, kernel_sigset_t *oset,
			size_t sigsetsize);
long sys_rt_sigpending(kernel_sigset_t *set, size_t sigsetsize);
long sys_rt_sigsuspend(const kernel_sigset_t *mask, size_t sigsetsize);
struct timespec;
long sys_rt_sigtimedwait(const kernel_sigset_t *these, siginfo_t *uinfo,
			 const struct timespec *uts, size_t sigsetsize);
long sys_pause(void);
long sys_rt_sigreturn(void);
long sys_sigaltstack(const stack_t *ss, stack_t *old);
long sys_kill(int pid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_tkill(int tid, int sig);
long sys_rt_sigqueueinfo(int pid, int sig, const siginfo_t *uinfo);
long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, const siginfo_t *uinfo);
long sys_restart_syscall(void);

#endif
