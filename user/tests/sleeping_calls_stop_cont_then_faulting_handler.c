/* EXPECT: exit 0 */
/*
 * A child sleeps in a system call; we stop it (SIGSTOP, seen by wait4 WUNTRACED),
 * continue it (SIGCONT, seen with WCONTINUED), then send SIGUSR1. SIGUSR1's handler
 * faults: it stores into a PROT_NONE page, and the nested SIGSEGV handler (SEGV_ACCERR,
 * si_addr that byte) makes the page writable and returns, so the store completes.
 *
 *   nanosleep, pause, rt_sigsuspend, wait4   the stop and continue restart the call
 *                                            unseen; the handler then makes it -1 EINTR,
 *                                            having run once, its store in place
 *   rt_sigtimedwait (for SIGUSR2)            signal(7): the stop and continue alone end
 *                                            it with -1 EINTR; called again, SIGUSR1's
 *                                            handler makes it EINTR as above
 *   rt_sigtimedwait (for SIGUSR1, blocked)   after the stop and continue (EINTR), it
 *                                            takes SIGUSR1, but the siginfo goes to a
 *                                            PROT_NONE page: -1 EFAULT, and SIGUSR1 is
 *                                            taken all the same (not pending)
 *   rt_sigsuspend with SIGSEGV blocked       the handler's fault cannot be delivered to
 *                                            a blocked handler: the child dies of SIGSEGV
 *
 * A case's child exits 0 if everything held, or 10 + the number of the check that did
 * not.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define MS   1000000L

static unsigned char *trap;      /* PROT_NONE until the SIGSEGV handler opens it */
static volatile int nr_usr1;     /* SIGUSR1 handler runs */
static volatile int nr_segv;     /* SIGSEGV handler runs */
static siginfo_t segv_info;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_info = *si;
	nr_segv++;
	if (mprotect(trap, PAGE, PROT_READ | PROT_WRITE))
		_exit(9);
}

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
	trap[8] = 0x42; /* faults once: on_segv opens the page, then the store completes */
}

/* In the child: the trap page and both handlers (SIGSEGV blocked in SIGUSR1's if asked). */
static void setup(bool block_segv_in_handler)
{
	struct sigaction segv = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	struct sigaction usr1 = { .sa_handler = on_usr1 };

	trap = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (trap == MAP_FAILED)
		_exit(8);
	if (block_segv_in_handler)
		sigaddset(&usr1.sa_mask, SIGSEGV);
	if (sigaction(SIGSEGV, &segv, NULL) || sigaction(SIGUSR1, &usr1, NULL))
		_exit(7);
}

/* The call ended with EINTR after one run of the faulting handler: 0, or 10 + which check. */
static int interrupted_by_handler(long r, int err)
{
	if (r != -1 || err != EINTR)
		return 11;
	if (nr_usr1 != 1 || nr_segv != 1)
		return 12;
	if (segv_info.si_code != SEGV_ACCERR || segv_info.si_addr != trap + 8)
		return 13;
	return trap[8] == 0x42 ? 0 : 14;
}

static int sleep_nanosleep(void *arg)
{
	struct timespec ts = { 30, 0 };
	long r;

	(void)arg;
	setup(false);
	r = nanosleep(&ts, &ts);
	return interrupted_by_handler(r, errno);
}

static int sleep_pause(void *arg)
{
	long r;

	(void)arg;
	setup(false);
	r = pause();
	return interrupted_by_handler(r, errno);
}

static int sleep_sigsuspend(void *arg)
{
	sigset_t block, none;
	long r;

	setup(arg != NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	if (arg)
		sigaddset(&none, SIGSEGV); /* blocked while suspended, so in the handler too */
	sigprocmask(SIG_BLOCK, &block, NULL); /* SIGUSR1 only while suspended: no race */
	r = sigsuspend(&none);
	return interrupted_by_handler(r, errno);
}

static int sleep_wait4(void *arg)
{
	pid_t sleeper = fork();
	int status, bad;
	long r;

	(void)arg;
	if (sleeper == 0) {
		pause();
		_exit(1);
	}
	setup(false);
	r = wait4(sleeper, &status, 0, NULL);
	bad = interrupted_by_handler(r, errno);
	kill(sleeper, SIGKILL);
	if (wait4(sleeper, &status, 0, NULL) != sleeper || !WIFSIGNALED(status))
		return 15;
	return bad;
}

static int sleep_sigtimedwait_other(void *arg)
{
	struct timespec ts = { 30, 0 };
	sigset_t usr2;
	long r;

	(void)arg;
	setup(false);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	r = sigtimedwait(&usr2, NULL, &ts);
	if (r != -1 || errno != EINTR || nr_usr1 != 0)
		return 16; /* the stop and continue end it, no handler ran */
	r = sigtimedwait(&usr2, NULL, &ts);
	return interrupted_by_handler(r, errno);
}

static int sleep_sigtimedwait_efault(void *arg)
{
	struct timespec ts = { 30, 0 };
	sigset_t usr1, pending;
	long r;

	(void)arg;
	setup(false);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	r = sigtimedwait(&usr1, NULL, &ts);
	if (r != -1 || errno != EINTR)
		return 17;
	r = sigtimedwait(&usr1, (siginfo_t *)trap, &ts);
	if (r != -1 || errno != EFAULT)
		return 18;
	if (sigpending(&pending) || sigismember(&pending, SIGUSR1))
		return 19;
	return nr_usr1 == 0 && nr_segv == 0 ? 0 : 20;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * MS };

	while (nanosleep(&ts, &ts))
		;
}

/* Run fn in a child; stop it, continue it, send SIGUSR1; its wait status. */
static int stop_cont_usr1(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(fn(arg));
	sleep_ms(100); /* it is asleep by now, or about to be: either way works */
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	status = wait_child(pid, WUNTRACED);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "stop: %s", status_str(status));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	status = wait_child(pid, WCONTINUED);
	CHECK(WIFCONTINUED(status), "continue: %s", status_str(status));
	sleep_ms(20);
	CHECK_EQ(kill(pid, SIGUSR1), 0);
	return wait_child(pid, 0);
}

static const struct {
	const char *name;
	int (*fn)(void *);
	void *arg;
	int want; /* the signal that must kill the child; 0: it must exit 0 */
} cases[] = {
	{ "nanosleep", sleep_nanosleep, NULL, 0 },
	{ "pause", sleep_pause, NULL, 0 },
	{ "rt_sigsuspend", sleep_sigsuspend, NULL, 0 },
	{ "wait4", sleep_wait4, NULL, 0 },
	{ "rt_sigtimedwait other", sleep_sigtimedwait_other, NULL, 0 },
	{ "rt_sigtimedwait efault", sleep_sigtimedwait_efault, NULL, 0 },
	{ "rt_sigsuspend segv blocked", sleep_sigsuspend, (void *)1, SIGSEGV },
};

int main(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = stop_cont_usr1(cases[i].fn, cases[i].arg);

		printf("%s: %s\n", cases[i].name, status_str(status));
		if (cases[i].want)
			CHECK(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].want,
			      "%s: %s", cases[i].name, status_str(status));
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: %s", cases[i].name,
			      status_str(status));
	}
	return 0;
}
