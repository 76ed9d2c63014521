/* EXPECT: exit 0 */
/*
 * What a signal does to a process that has no handler for it (signal(7)):
 *
 * - terminate: SIGHUP, SIGINT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2, and (with a
 *   core dump on Linux, not here: only WTERMSIG is compared) SIGQUIT, SIGABRT, and
 *   SIGSEGV from a fault: the parent sees WIFSIGNALED with WTERMSIG the signal;
 * - ignore: SIGCHLD, SIGURG, SIGWINCH, and SIGCONT when not stopped: the process runs on.
 *
 * And a fault is not an ordinary signal: a NULL store kills with SIGSEGV even when
 * SIGSEGV is ignored or blocked, while a SIGSEGV sent with kill() is ignored then.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIGURG   23
#define SIGWINCH 28

static int *volatile null_pointer;

static int send_self(void *arg)
{
	int sig = (int)(long)arg;

	kill(getpid(), sig);
	return 0; /* survived */
}

static int fault(void *arg)
{
	(void)arg;
	*null_pointer = 1;
	return 3;
}

static int fault_while_ignored(void *arg)
{
	(void)arg;
	signal(SIGSEGV, SIG_IGN);
	kill(getpid(), SIGSEGV); /* ignored */
	*null_pointer = 1;       /* not ignored */
	return 3;
}

static int fault_while_blocked(void *arg)
{
	sigset_t segv;

	(void)arg;
	sigemptyset(&segv);
	sigaddset(&segv, SIGSEGV);
	sigprocmask(SIG_BLOCK, &segv, NULL);
	*null_pointer = 1;
	return 3;
}

static void expect(const char *what, int (*fn)(void *), void *arg, int sig)
{
	int status = run_in_child(fn, arg);

	printf("%-36s %s\n", what, status_str(status));
	if (sig)
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: %s", what,
		      status_str(status));
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: %s", what,
		      status_str(status));
}

int main(void)
{
	static const int terminate[] = { SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGUSR1, SIGUSR2,
					 SIGPIPE, SIGALRM, SIGTERM, SIGKILL };
	static const int ignore[] = { SIGCHLD, SIGURG, SIGWINCH, SIGCONT };
	char what[48];

	for (size_t i = 0; i < ARRAY_SIZE(terminate); i++) {
		snprintf(what, sizeof(what), "kill(self, %s):", signal_name(terminate[i]));
		expect(what, send_self, (void *)(long)terminate[i], terminate[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(ignore); i++) {
		const char *name = signal_name(ignore[i]);

		snprintf(what, sizeof(what), "kill(self, %s):", name ? name : ignore[i] == SIGURG ?
			 "SIGURG" : "SIGWINCH");
		expect(what, send_self, (void *)(long)ignore[i], 0);
	}
	expect("NULL store, no handler:", fault, NULL, SIGSEGV);
	expect("NULL store, SIGSEGV ignored:", fault_while_ignored, NULL, SIGSEGV);
	expect("NULL store, SIGSEGV blocked:", fault_while_blocked, NULL, SIGSEGV);
	return 0;
}
