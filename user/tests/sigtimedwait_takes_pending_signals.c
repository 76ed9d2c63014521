/* EXPECT: exit 0 */
/*
 * sigtimedwait() / sigwaitinfo() take a signal instead of having it delivered:
 *
 *   - with signals of the set pending, each call takes one, lowest number first, queued
 *     real-time signals one at a time in the order sent, with their siginfo; no handler
 *     runs; a zero timeout then finds none: EAGAIN;
 *   - with none pending, it waits: for a timeout (EAGAIN), for a signal of the set sent
 *     by a child (returned, with the child's pid), or until another signal's handler
 *     runs (EINTR);
 *   - a signal of the set that is ignored still arrives while it waits;
 *   - errors in Linux's order: sigsetsize (EINVAL), the set and the timeout (EFAULT),
 *     the timeout's value (EINVAL); a signal taken with an unwritable siginfo is EFAULT
 *     and gone all the same.
 *
 * The child signals after 50 ms; every wait on it has a 10 s timeout, so a missed signal
 * fails the test instead of hanging it.
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((long)KERNEL_IMAGE)
#define RT_SIG  (SIGRTMIN + 2)
#define MS      1000000L

static volatile int nr_handled;

static void on_signal(int sig)
{
	(void)sig;
	nr_handled++;
}

static void reap(pid_t child)
{
	int status = wait_child(child, 0);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
}

static void take_pending(const sigset_t *set)
{
	const struct timespec zero = { 0, 0 };
	siginfo_t info;
	int sig;

	CHECK_EQ(sigqueue(getpid(), RT_SIG, (union sigval){ .sival_int = 1 }), 0);
	CHECK_EQ(sigqueue(getpid(), RT_SIG, (union sigval){ .sival_int = 2 }), 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	for (int i = 0; i < 4; i++) {
		memset(&info, 0, sizeof(info));
		sig = sigtimedwait(set, &info, &zero);
		printf("take %d: signal %d, %s, value %d\n", i, sig,
		       si_code_name(info.si_signo, info.si_code),
		       info.si_code == SI_QUEUE ? info.si_value.sival_int : -1);
		CHECK_EQ(info.si_signo, sig);
	}
	sig = sigtimedwait(set, &info, &zero);
	printf("then, zero timeout: %d %s\n", sig, sig < 0 ? strerror(errno) : "");
	CHECK(sig == -1 && errno == EAGAIN, "sigtimedwait: %d", sig);
	CHECK_EQ(nr_handled, 0);
}

static void wait_for_child(const sigset_t *set)
{
	const struct timespec ms20 = { 0, 20 * MS }, s10 = { 10, 0 };
	siginfo_t info;
	pid_t child;
	int sig;

	sig = sigtimedwait(set, &info, &ms20);
	printf("nothing pending, 20 ms: %d %s\n", sig, sig < 0 ? strerror(errno) : "");
	CHECK(sig == -1 && errno == EAGAIN, "sigtimedwait: %d", sig);

	child = signal_later(SIGUSR2, 50);
	memset(&info, 0, sizeof(info));
	sig = sigtimedwait(set, &info, &s10);
	printf("child's SIGUSR2: %d, %s, from the child %d\n", sig,
	       si_code_name(sig, info.si_code), info.si_pid == child);
	CHECK_EQ(sig, SIGUSR2);
	CHECK_EQ(info.si_pid, child);
	reap(child);

	signal(SIGUSR2, SIG_IGN); /* still taken while waited for */
	child = signal_later(SIGUSR2, 50);
	sig = sigtimedwait(set, &info, &s10);
	printf("ignored SIGUSR2 while waiting: %d\n", sig);
	CHECK_EQ(sig, SIGUSR2);
	reap(child);
	signal(SIGUSR2, on_signal);

	child = signal_later(SIGTERM, 50); /* not in the set, unblocked, handled */
	sig = sigtimedwait(set, &info, &s10);
	printf("another signal's handler: %d %s, handler ran %d\n", sig,
	       sig < 0 ? strerror(errno) : "", nr_handled);
	CHECK(sig == -1 && errno == EINTR, "sigtimedwait: %d", sig);
	CHECK_EQ(nr_handled, 1);
	reap(child);
}

#define SYS(a, b, c, d) syscall6(__NR_rt_sigtimedwait, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static void show(const char *what, long got, long want)
{
	printf("%-44s %ld%s%s\n", what, got, got < 0 ? " " : "", got < 0 ? strerror((int)-got) : "");
	CHECK(got == want, "%s returned %ld, expected %ld", what, got, want);
}

static void errors(const sigset_t *set)
{
	const struct timespec zero = { 0, 0 }, bad_nsec = { 0, 1000000000L };

	show("rt_sigtimedwait(sigsetsize 4)", SYS(set, 0, &zero, 4), -EINVAL);
	show("rt_sigtimedwait(bad set, sigsetsize 4)", SYS(BAD_PTR, 0, &zero, 4), -EINVAL);
	show("rt_sigtimedwait(bad set)", SYS(BAD_PTR, 0, &zero, 8), -EFAULT);
	show("rt_sigtimedwait(bad timeout)", SYS(set, 0, BAD_PTR, 8), -EFAULT);
	show("rt_sigtimedwait(tv_nsec 10^9)", SYS(set, 0, &bad_nsec, 8), -EINVAL);
	CHECK_EQ(kill(getpid(), SIGUSR1), 0);
	show("rt_sigtimedwait(SIGUSR1 pending, bad info)", SYS(set, BAD_PTR, &zero, 8), -EFAULT);
	show("rt_sigtimedwait(then)", SYS(set, 0, &zero, 8), -EAGAIN);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t set;

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
	CHECK_EQ(sigaction(RT_SIG, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGTERM, &sa, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, RT_SIG);
	sigaddset(&set, SIGKILL); /* dropped from the set: never taken */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);

	take_pending(&set);
	wait_for_child(&set);
	errors(&set);
	return 0;
}
