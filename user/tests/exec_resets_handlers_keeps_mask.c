/* EXPECT: exit 0 */
/*
 * execve() and signals: the new program cannot have the old one's handlers (their code
 * is gone), so every handled signal goes back to SIG_DFL, with its flags and sa_mask
 * cleared; but ignored signals stay ignored, and the blocked mask and pending signals
 * are kept. The alternate stack (in the old program's memory) is dropped.
 *
 * This program sets that up and execs itself with "--after-exec"; that second run
 * reads its signal state back (rt_sigaction(sig, NULL, &old), rt_sigprocmask,
 * rt_sigpending, sigaltstack), prints it, and exits 0 only if it is as above.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIT(sig) (1UL << ((sig) - 1))

static void on_signal(int sig)
{
	(void)sig;
}

static void show(int sig)
{
	struct sigaction now;

	CHECK_EQ(sigaction(sig, NULL, &now), 0);
	printf("after exec: %s: %s flags %#lx sa_mask %#lx\n", signal_name(sig),
	       now.sa_handler == SIG_DFL ? "SIG_DFL" : now.sa_handler == SIG_IGN ? "SIG_IGN" :
	       "a handler", now.sa_flags, now.sa_mask.sig[0]);
}

/* The second run: report, and check. */
static int after_exec(void)
{
	struct sigaction usr1, usr2;
	sigset_t blocked, pending;
	stack_t alt;

	show(SIGUSR1);
	show(SIGUSR2);
	show(SIGSEGV);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &blocked), 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK_EQ(sigaltstack(NULL, &alt), 0);
	printf("after exec: blocked %#lx, altstack %s\n", blocked.sig[0],
	       alt.ss_flags == SS_DISABLE ? "SS_DISABLE" : "kept");
	CHECK_EQ(sigaction(SIGUSR1, NULL, &usr1), 0);
	CHECK_EQ(sigaction(SIGUSR2, NULL, &usr2), 0);
	CHECK(usr1.sa_handler == SIG_DFL && usr1.sa_flags == 0 && usr1.sa_mask.sig[0] == 0,
	      "SIGUSR1 not reset to SIG_DFL");
	CHECK(usr2.sa_handler == SIG_IGN, "SIGUSR2 no longer ignored");
	CHECK(usr2.sa_flags == 0 && usr2.sa_mask.sig[0] == 0,
	      "SIGUSR2 kept flags %#lx and sa_mask %#lx across exec", usr2.sa_flags,
	      usr2.sa_mask.sig[0]);
	CHECK_EQ(blocked.sig[0], BIT(SIGTERM) | BIT(SIGUSR1));
	CHECK_EQ(alt.ss_flags, SS_DISABLE);
	printf("after exec: pending %#lx\n", pending.sig[0]);
	CHECK_EQ(pending.sig[0], BIT(SIGTERM));
	signal(SIGTERM, SIG_IGN);
	return 0;
}

/* In a child: set up the signal state and exec ourselves. */
static int set_up_and_exec(void *arg)
{
	static char *const envp[] = { "HOME=/", NULL };
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART | SA_ONSTACK };
	const char *path = rootpath(program_invocation_name);
	char *argv[] = { program_invocation_name, "--after-exec", NULL };
	stack_t ss = { .ss_size = 16 * 1024 };
	sigset_t mask;

	(void)arg;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR, "signal: %s", strerror(errno));
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &mask, NULL), 0);
	CHECK_EQ(raise(SIGTERM), 0);
	ss.ss_sp = mmap(NULL, ss.ss_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ss.ss_sp != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(sigaltstack(&ss, NULL), 0);

	execve(path, argv, envp);
	if (errno == ENOEXEC && !on_faultline()) {
		static char qemu[96];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", argv[0], (char *)path, argv[1], NULL };

		note("no binfmt_misc for this arch: running the exec through %s", qemu);
		execve(qemu, qargv, envp);
	}
	printf("execve %s: %s\n", path, strerror(errno));
	return 3;
}

int main(int argc, char **argv)
{
	int status;

	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec();
	status = run_in_child(set_up_and_exec, NULL);
	printf("the exec'd program: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	return 0;
}
