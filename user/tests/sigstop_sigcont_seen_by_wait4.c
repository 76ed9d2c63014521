/* EXPECT: exit 0 */
/*
 * Job control as a parent sees it. A child that sends us SIGUSR1 every 10 ms is
 * stopped with SIGSTOP, continued with SIGCONT, stopped with SIGTSTP (whose default
 * action is to stop too), continued, and killed with SIGTERM. Each step shows in
 * wait4: WIFSTOPPED with WSTOPSIG under WUNTRACED, WIFCONTINUED under WCONTINUED, each
 * reported once; while stopped the child does not run (no SIGUSR1 arrives); and our
 * SIGCHLD handler gets CLD_STOPPED, CLD_CONTINUED, CLD_KILLED with the signal in
 * si_status and the child in si_pid.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L

static volatile int nr_ticks;          /* SIGUSR1s from the child */
static char chld_log[256];             /* "CLD_STOPPED/SIGSTOP ..." */
static volatile pid_t chld_pid;        /* si_pid of the last SIGCHLD */

static void on_usr1(int sig)
{
	(void)sig;
	nr_ticks++;
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	size_t len = strlen(chld_log);
	const char *name = signal_name(si->si_status);

	(void)sig;
	(void)uc;
	chld_pid = si->si_pid;
	snprintf(chld_log + len, sizeof(chld_log) - len, "%s%s/%s", len ? " " : "",
		 si_code_name(SIGCHLD, si->si_code), name ? name : "?");
}

/* Sleep ms milliseconds of real time, however many signals interrupt nanosleep. */
static void sleep_ms(long ms)
{
	long end = now_ns() + ms * MS;

	for (long left; (left = end - now_ns()) > 0;) {
		struct timespec ts = { left / 1000000000L, left % 1000000000L };

		nanosleep(&ts, NULL);
	}
}

/* The child: SIGUSR1 to parent every 10 ms, until the parent is gone (a failed check
 * ended it: the orphan must not go on signalling whoever adopts it). */
static __noreturn void ticker(pid_t parent)
{
	const struct timespec ts = { 0, 10 * MS };

	while (getppid() == parent) {
		kill(parent, SIGUSR1);
		nanosleep(&ts, NULL);
	}
	_exit(0);
}

static const char *describe(int status)
{
	static char buf[64];
	const char *name = signal_name(WSTOPSIG(status));

	if (WIFSTOPPED(status))
		snprintf(buf, sizeof(buf), "stopped by %s", name ? name : "?");
	else if (WIFCONTINUED(status))
		snprintf(buf, sizeof(buf), "continued");
	else
		return status_str(status);
	return buf;
}

/* Stop child with sig and check that it stays stopped. */
static void stop(pid_t child, int sig)
{
	int status, before;

	CHECK_EQ(kill(child, sig), 0);
	status = wait_child(child, WUNTRACED);
	printf("%s: %s (status %#x)\n", signal_name(sig), describe(status), status);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == sig, "%s", describe(status));
	CHECK_EQ(wait4(child, &status, WUNTRACED | WNOHANG, NULL), 0);
	sleep_ms(20); /* a SIGUSR1 sent just before the stop may still be on its way */
	before = nr_ticks;
	sleep_ms(100);
	printf("  while stopped: the child ran %d\n", nr_ticks != before);
	CHECK_EQ(nr_ticks, before);
}

static void cont(pid_t child)
{
	int status, before = nr_ticks;

	CHECK_EQ(kill(child, SIGCONT), 0);
	status = wait_child(child, WCONTINUED);
	printf("SIGCONT: %s (status %#x)\n", describe(status), status);
	CHECK(WIFCONTINUED(status), "%s", describe(status));
	CHECK_EQ(wait4(child, &status, WCONTINUED | WNOHANG, NULL), 0);
	sleep_ms(100);
	printf("  continued: the child runs %d\n", nr_ticks != before);
	CHECK(nr_ticks != before, "no SIGUSR1 from the child in 100 ms after SIGCONT");
}

int main(void)
{
	struct sigaction usr1 = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct sigaction chld = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
	pid_t child, parent = getpid();
	int status;

	CHECK_EQ(sigaction(SIGUSR1, &usr1, NULL), 0);
	CHECK_EQ(sigaction(SIGCHLD, &chld, NULL), 0);
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		ticker(parent);
	CHECK_EQ(wait4(child, &status, WUNTRACED | WCONTINUED | WNOHANG, NULL), 0);
	sleep_ms(50);
	CHECK(nr_ticks > 0, "no SIGUSR1 from the child in 50 ms");

	stop(child, SIGSTOP);
	cont(child);
	stop(child, SIGTSTP);
	cont(child);

	CHECK_EQ(kill(child, SIGTERM), 0);
	status = wait_child(child, 0);
	printf("SIGTERM: %s\n", describe(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "%s", describe(status));
	printf("SIGCHLD: %s; si_pid the child %d\n", chld_log, chld_pid == child);
	CHECK(!strcmp(chld_log, "CLD_STOPPED/SIGSTOP CLD_CONTINUED/SIGCONT CLD_STOPPED/SIGTSTP "
		      "CLD_CONTINUED/SIGCONT CLD_KILLED/SIGTERM"), "SIGCHLD log \"%s\"", chld_log);
	CHECK_EQ(chld_pid, child);
	return 0;
}
