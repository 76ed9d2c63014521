/*
 * setjmp/longjmp, and signals through the libc: handlers for raised and blocked signals,
 * SA_SIGINFO on a SIGSEGV left with siglongjmp, sigprocmask, and an alarm.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static jmp_buf env;
static sigjmp_buf segv_env;
static volatile sig_atomic_t nr_usr1, nr_alarm;
static volatile int jump_at = 0;          /* the depth that longjmps */
static int *volatile bad_pointer = (int *)16; /* volatile: the compiler cannot see it is bad */

/* Recurse n levels, then longjmp out of all of them; returns n only if jump_at < 0. */
static int depth(int n)
{
	if (n == jump_at)
		longjmp(env, 42);
	return n > 0 ? depth(n - 1) + 1 : 0;
}

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

static void on_alarm(int sig)
{
	(void)sig;
	nr_alarm++;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	printf("caught signal %d, si_code %d, at %s\n", sig, si->si_code,
	       si->si_addr == (void *)16 ? "address 16" : "another address");
	siglongjmp(segv_env, 1);
}

int main(void)
{
	struct sigaction sa;
	sigset_t block, pending;
	int r = setjmp(env);

	if (r == 0)
		depth(100);
	printf("longjmp returned %d\n", r);

	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("SIGUSR1 handled %d time(s)\n", (int)nr_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	raise(SIGUSR1);
	sigpending(&pending);
	printf("blocked: handled %d, pending %d\n", (int)nr_usr1, sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	printf("unblocked: handled %d\n", (int)nr_usr1);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(segv_env, 1) == 0)
		*(volatile int *)bad_pointer = 1;
	printf("back from the SIGSEGV handler\n");

	signal(SIGALRM, on_alarm);
	alarm(1);
	while (!nr_alarm)
		pause();
	printf("SIGALRM handled %d time(s)\n", (int)nr_alarm);
	return 0;
}
