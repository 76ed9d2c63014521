/* EXPECT: exit 0 */
/*
 * Real-time signals queue; standard signals do not (Linux, and POSIX's realtime
 * extension). While both are blocked, we send
 *
 *   SIGRTMIN+3 by sigqueue() with value 10,
 *   SIGRTMIN+2 by sigqueue() with values 1, 2, 3, then by kill(),
 *   SIGUSR1 three times by kill(),
 *
 * and unblock them. Every handler blocks all of them while it runs, so they arrive one
 * after the other in the order they are taken: the lowest number first, each real-time
 * signal once per send, in the order sent, each with its own siginfo (SI_QUEUE and its
 * value, or SI_USER), and SIGUSR1 once. rt_sigpending() shows all three as pending
 * before. (The kernel's SIGRTMIN is 32; glibc keeps 32 and 33 for itself, so we use
 * SIGRTMIN+2 and +3, which every libc and qemu-user leave to programs.)
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define RT_A (SIGRTMIN + 2)
#define RT_B (SIGRTMIN + 3)
#define MAX_SEEN 16

struct seen {
	int sig, code, value, from_us;
};

static struct seen seen[MAX_SEEN];
static volatile int nr_seen;

static void on_signal(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	if (nr_seen < MAX_SEEN) {
		seen[nr_seen].sig = sig;
		seen[nr_seen].code = info->si_code;
		seen[nr_seen].value = info->si_code == SI_QUEUE ? info->si_value.sival_int : -1;
		seen[nr_seen].from_us = info->si_pid == getpid();
	}
	nr_seen++;
}

static void expect(int i, int sig, int code, int value)
{
	printf("%d: signal %d, %s, value %d, from us %d\n", i, seen[i].sig,
	       si_code_name(seen[i].sig, seen[i].code), seen[i].value, seen[i].from_us);
	CHECK(seen[i].sig == sig && seen[i].code == code && seen[i].value == value &&
		      seen[i].from_us,
	      "delivery %d: expected signal %d code %d value %d", i, sig, code, value);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	sigset_t mine, pending;
	pid_t self = getpid();

	sigemptyset(&mine);
	sigaddset(&mine, SIGUSR1);
	sigaddset(&mine, RT_A);
	sigaddset(&mine, RT_B);
	sa.sa_mask = mine;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(sigaction(RT_A, &sa, NULL), 0);
	CHECK_EQ(sigaction(RT_B, &sa, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &mine, NULL), 0);

	CHECK_EQ(sigqueue(self, RT_B, (union sigval){ .sival_int = 10 }), 0);
	for (int v = 1; v <= 3; v++)
		CHECK_EQ(sigqueue(self, RT_A, (union sigval){ .sival_int = v }), 0);
	CHECK_EQ(kill(self, RT_A), 0);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(kill(self, SIGUSR1), 0);
	CHECK_EQ(sigpending(&pending), 0);
	printf("pending: SIGUSR1 %d, SIGRTMIN+2 %d, SIGRTMIN+3 %d\n",
	       sigismember(&pending, SIGUSR1), sigismember(&pending, RT_A),
	       sigismember(&pending, RT_B));
	CHECK(sigismember(&pending, SIGUSR1) && sigismember(&pending, RT_A) &&
		      sigismember(&pending, RT_B), "pending %#lx", pending.sig[0]);
	CHECK_EQ(nr_seen, 0);

	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &mine, NULL), 0);
	printf("deliveries: %d\n", nr_seen);
	CHECK_EQ(nr_seen, 6);
	expect(0, SIGUSR1, SI_USER, -1);
	expect(1, RT_A, SI_QUEUE, 1);
	expect(2, RT_A, SI_QUEUE, 2);
	expect(3, RT_A, SI_QUEUE, 3);
	expect(4, RT_A, SI_USER, -1);
	expect(5, RT_B, SI_QUEUE, 10);
	CHECK_EQ(sigpending(&pending), 0);
	CHECK_EQ(pending.sig[0], 0);
	return 0;
}
