/* EXPECT: exit 0 */
/*
 * The blocked mask. A blocked signal stays pending (sigpending shows it; a second one
 * of the same kind is not queued: standard signals do not count), and unblocking it
 * delivers it exactly once, before sigprocmask returns. SIGKILL and SIGSTOP cannot be
 * blocked: asking is not an error, they are left out. A blocked signal that is ignored
 * is still pending until setting SIG_IGN again, or unblocking, discards it.
 * sigsuspend() runs the handler of a pending signal it unblocks and returns EINTR with
 * the old mask back, and the handler's uc_sigmask is that old mask.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>

static int nr_usr1;
static unsigned long uc_mask_seen;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	nr_usr1++;
	uc_mask_seen = uc->uc_sigmask.sig[0];
}

static unsigned long pending(void)
{
	sigset_t set;

	CHECK_EQ(sigpending(&set), 0);
	return set.sig[0];
}

static unsigned long blocked(void)
{
	sigset_t set;

	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
	return set.sig[0];
}

#define BIT(sig) (1UL << ((sig) - 1))

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	sigset_t set, old;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK_EQ(old.sig[0], 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	printf("SIGUSR1 blocked, raised twice: handler ran %d times, pending %#lx\n", nr_usr1,
	       pending());
	CHECK_EQ(nr_usr1, 0);
	CHECK_EQ(pending(), BIT(SIGUSR1));
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	printf("unblocked: handler ran %d times, pending %#lx\n", nr_usr1, pending());
	CHECK_EQ(nr_usr1, 1);
	CHECK_EQ(pending(), 0);

	sigfillset(&set);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	printf("block everything: blocked (signals 1-32) %#lx\n", blocked() & 0xffffffffUL);
	CHECK_EQ(blocked() & (BIT(SIGKILL) | BIT(SIGSTOP)), 0);
	if (under_qemu_user())
		note("qemu-user keeps real-time signals for itself: blocked %#lx", blocked());
	else
		CHECK_EQ(blocked() | BIT(SIGKILL) | BIT(SIGSTOP), ~0UL);
	sigemptyset(&set);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);

	/* Ignored but blocked: pending until SIG_IGN is set again. */
	signal(SIGUSR2, SIG_IGN);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	CHECK_EQ(raise(SIGUSR2), 0);
	printf("SIGUSR2 ignored and blocked, raised: pending %#lx\n", pending());
	CHECK_EQ(pending(), BIT(SIGUSR2));
	signal(SIGUSR2, SIG_IGN);
	printf("SIG_IGN set again: pending %#lx\n", pending());
	CHECK_EQ(pending(), 0);
	CHECK_EQ(raise(SIGUSR2), 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	printf("raised again and unblocked: pending %#lx, still alive\n", pending());

	/* sigsuspend: the pending SIGUSR1 is delivered inside, then the mask is back. */
	nr_usr1 = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	sigemptyset(&set);
	errno = 0;
	CHECK_EQ(sigsuspend(&set), -1);
	printf("sigsuspend: EINTR %d, handler ran %d times, its uc_sigmask %#lx, blocked after %#lx\n",
	       errno == EINTR, nr_usr1, uc_mask_seen, blocked());
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(nr_usr1, 1);
	CHECK_EQ(uc_mask_seen, BIT(SIGUSR1));
	CHECK_EQ(blocked(), BIT(SIGUSR1));
	return 0;
}
