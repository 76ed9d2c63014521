/*
 * Signals: numbers are Linux's (uapi/abi.h), and so are siginfo_t, stack_t and the SA_*
 * flags (uapi/signal.h) and the handler's third argument, struct ucontext (asm/signal.h).
 *
 * sigset_t is the kernel's own set (one bit per signal 1..64), not glibc's bigger one:
 * these wrappers pass it to the kernel as is, with sigsetsize 8.
 */
#ifndef USER_SIGNAL_H
#define USER_SIGNAL_H

#include <sys/types.h>
#include <uapi/abi.h>
#include <uapi/signal.h>
#include <asm/signal.h>

typedef kernel_sigset_t sigset_t;
typedef struct ucontext ucontext_t;
typedef void (*sighandler_t)(int);

/* What sigaction() takes. The libc adds what the arch needs (x86_64: SA_RESTORER). */
struct sigaction {
	union {
		sighandler_t sa_handler;                          /* SIG_DFL, SIG_IGN, or f(sig) */
		void (*sa_sigaction)(int, siginfo_t *, void *);   /* with SA_SIGINFO */
	};
	sigset_t sa_mask;       /* also blocked while the handler runs */
	unsigned long sa_flags; /* SA_*; reads back as the kernel holds them */
};

/* Each returns 0, or -1 with errno set, unless it says otherwise. */

/* Set (if act) and/or read (if old) what happens on signal sig. */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
/* Install handler with SA_RESTART (BSD and glibc semantics). Returns the old handler,
 * or SIG_ERR. */
#define SIG_ERR ((sighandler_t)-1)
sighandler_t signal(int sig, sighandler_t handler);

/* Change the blocked mask: how is SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK. */
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
/* The signals that are pending (sent but blocked). */
int sigpending(sigset_t *set);
/* Block exactly *mask until a handler runs; always returns -1 with errno EINTR. */
int sigsuspend(const sigset_t *mask);

/* Send sig to process pid; sig 0 only checks that pid exists (ESRCH if not). */
int kill(pid_t pid, int sig);
struct timespec;
/* Take the first pending signal of *set (waiting for one, for at most *timeout unless
 * timeout is NULL) and return its number, with its siginfo in *info if info != NULL;
 * -1 with EAGAIN when the time is up, EINTR when another signal's handler ran. */
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
/* Send sig with value to process pid (si_code SI_QUEUE). A real-time signal queues:
 * -1 with EAGAIN when too many are queued already. */
int sigqueue(pid_t pid, int sig, const union sigval value);
/* Send sig to thread tid of process tgid. */
int tgkill(pid_t tgid, pid_t tid, int sig);
/* Send sig to the calling thread; returns when its handler (if any) has run. */
int raise(int sig);

/* Set (if ss) and/or read (if old) the alternate signal stack. */
int sigaltstack(const stack_t *ss, stack_t *old);

/* Signal sets; sig is 1.._NSIG (else -1 with EINVAL). sigismember returns 0 or 1. */
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* "SIGSEGV" for SIGSEGV, ..., or NULL for a number without a name here. */
const char *signal_name(int sig);

#endif
