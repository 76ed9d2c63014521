/* EXPECT: exit 0 */
/*
 * fork() copies the signal state a child needs and nothing it must not have: the child
 * has our handlers (same function, flags, sa_mask), our ignored signals, our blocked
 * mask and our alternate stack, and its handlers work; but signals pending for us are
 * not pending for the child.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIT(sig) (1UL << ((sig) - 1))
#define ALT_SIZE (16 * 1024)

static volatile int nr_usr1;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	nr_usr1++;
}

static int child(void *arg)
{
	struct sigaction usr1, usr2;
	sigset_t blocked, pending;
	stack_t alt;

	CHECK_EQ(sigaction(SIGUSR1, NULL, &usr1), 0);
	CHECK_EQ(sigaction(SIGUSR2, NULL, &usr2), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &blocked), 0);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK_EQ(sigaltstack(NULL, &alt), 0);
	printf("child: SIGUSR1 our handler %d, SA_SIGINFO|SA_RESTART %d, sa_mask %#lx\n",
	       usr1.sa_sigaction == on_usr1,
	       (usr1.sa_flags & (SA_SIGINFO | SA_RESTART)) == (SA_SIGINFO | SA_RESTART),
	       usr1.sa_mask.sig[0]);
	printf("child: SIGUSR2 SIG_IGN %d; blocked %#lx; pending %#lx; altstack ours %d\n",
	       usr2.sa_handler == SIG_IGN, blocked.sig[0], pending.sig[0],
	       alt.ss_sp == arg && alt.ss_size == ALT_SIZE && alt.ss_flags == 0);
	CHECK(usr1.sa_sigaction == on_usr1, "the child lost the SIGUSR1 handler");
	CHECK_EQ(usr1.sa_mask.sig[0], BIT(SIGUSR2));
	CHECK(usr2.sa_handler == SIG_IGN, "SIGUSR2 is not ignored in the child");
	CHECK_EQ(blocked.sig[0], BIT(SIGTERM));
	CHECK_EQ(pending.sig[0], 0);
	CHECK(alt.ss_sp == arg && alt.ss_size == ALT_SIZE, "altstack { %p, %zu }", alt.ss_sp,
	      alt.ss_size);

	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR2), 0);
	printf("child: raise(SIGUSR1) ran the handler %d time(s); raise(SIGUSR2) ignored\n",
	       nr_usr1);
	CHECK_EQ(nr_usr1, 1);
	return 0;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO | SA_RESTART };
	sigset_t term, pending;
	stack_t ss = { .ss_size = ALT_SIZE };
	int status;

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR, "signal: %s", strerror(errno));
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &term, NULL), 0);
	CHECK_EQ(raise(SIGTERM), 0);
	ss.ss_sp = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ss.ss_sp != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(sigaltstack(&ss, NULL), 0);

	status = run_in_child(child, ss.ss_sp);
	printf("child: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %s", status_str(status));

	CHECK_EQ(sigpending(&pending), 0);
	printf("parent: SIGTERM still pending %d; handler ran here %d time(s)\n",
	       sigismember(&pending, SIGTERM), nr_usr1);
	CHECK_EQ(pending.sig[0], BIT(SIGTERM));
	CHECK_EQ(nr_usr1, 0);
	signal(SIGTERM, SIG_IGN); /* discards the pending one */
	return 0;
}
