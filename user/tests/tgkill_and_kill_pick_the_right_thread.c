/* EXPECT: exit 0 */
/*
 * Which thread a signal reaches:
 *   - tgkill(pid, tid, sig) runs the handler in thread tid and no other (SI_TKILL, our
 *     pid as sender);
 *   - kill(pid, sig), a process-directed signal, reaches the one thread that does not
 *     block it, even while it sleeps in a futex wait (which the signal ends with EINTR);
 *   - a process-directed signal that every thread blocks stays pending for the process:
 *     sigpending() shows it in every thread, and the first thread to unblock it takes it;
 *   - tgkill with a tid of another process, or of a thread that has exited, is ESRCH.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <thread.h>
#include <unistd.h>

#define NR_THREADS 4

static volatile int usr1_tid, usr1_code, usr1_pid, usr2_tid, usr2_count;
static volatile int ready, done, woken_with;
static volatile int no_wake;

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
	(void)sig;
	(void)uc;
	usr1_tid = gettid();
	usr1_code = info->si_code;
	usr1_pid = info->si_pid;
}

static void on_usr2(int sig)
{
	(void)sig;
	usr2_tid = gettid();
	usr2_count++;
}

static long block(int how, int sig)
{
	kernel_sigset_t set = { { 1UL << (sig - 1) } };

	return syscall6(__NR_rt_sigprocmask, how, (long)&set, 0, sizeof(set), 0, 0);
}

/* Thread 2 sleeps in a futex wait with SIGUSR2 open; the others keep it blocked, as the
 * main thread had it when it made them. */
static int worker(void *arg)
{
	long index = (long)arg;

	if (index == 2)
		block(SIG_UNBLOCK, SIGUSR2);
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	if (index == 2)
		woken_with = (int)futex(&no_wake, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	while (!done)
		sched_yield();
	return 0;
}

static volatile int pending_seen;

static int pending_in_thread(void *arg)
{
	kernel_sigset_t set;

	(void)arg;
	if (syscall6(__NR_rt_sigpending, (long)&set, sizeof(set), 0, 0, 0, 0) == 0)
		pending_seen = (set.sig[0] & (1UL << (SIGUSR2 - 1))) ? 1 : 2;
	return 0;
}

int main(void)
{
	struct thread t[NR_THREADS], p;
	long tids[NR_THREADS];
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
	sa.sa_handler = on_usr2;
	sa.sa_flags = 0; /* no SA_RESTART: the futex wait it interrupts ends with EINTR */
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0, "sigaction");
	block(SIG_BLOCK, SIGUSR2); /* the main thread never takes SIGUSR2 */
	for (long i = 0; i < NR_THREADS; i++) {
		tids[i] = thread_create(&t[i], worker, (void *)i, NULL);
		CHECK(tids[i] > 0, "clone %ld: %ld", i, tids[i]);
	}
	while (ready < NR_THREADS)
		sched_yield();

	CHECK_EQ(syscall6(__NR_tgkill, getpid(), tids[1], SIGUSR1, 0, 0, 0), 0);
	while (!usr1_tid)
		sched_yield();
	CHECK_EQ(usr1_tid, tids[1]);
	CHECK_EQ(usr1_code, SI_TKILL);
	CHECK_EQ(usr1_pid, getpid());
	printf("tgkill: the handler ran in the thread named\n");

	CHECK_EQ(syscall6(__NR_kill, getpid(), SIGUSR2, 0, 0, 0, 0), 0);
	while (!usr2_tid)
		sched_yield();
	CHECK_EQ(usr2_tid, tids[2]);
	CHECK_EQ(usr2_count, 1);
	while (!woken_with)
		sched_yield();
	CHECK_EQ(woken_with, -EINTR);
	printf("kill: the one thread not blocking it took it, its futex wait ended EINTR\n");

	done = 1;
	for (int i = 0; i < NR_THREADS; i++)
		thread_join(&t[i]);
	CHECK_ERR(syscall6(__NR_tgkill, getpid(), tids[0], SIGUSR1, 0, 0, 0), ESRCH);
	CHECK_ERR(syscall6(__NR_tgkill, getppid(), tids[0], 0, 0, 0, 0), ESRCH);
	CHECK_ERR(syscall6(__NR_tgkill, getpid() + 100000, getpid(), 0, 0, 0, 0), ESRCH);

	/* Blocked everywhere: pending for the process, seen by a new thread too. */
	CHECK_EQ(syscall6(__NR_kill, getpid(), SIGUSR2, 0, 0, 0, 0), 0);
	CHECK(thread_create(&p, pending_in_thread, NULL, NULL) > 0, "clone");
	thread_join(&p);
	CHECK_EQ(pending_seen, 1);
	CHECK_EQ(usr2_count, 1);
	block(SIG_UNBLOCK, SIGUSR2);
	CHECK_EQ(usr2_count, 2);
	CHECK_EQ(usr2_tid, gettid());
	printf("blocked by all: pending for the process until the main thread unblocked it\n");
	return 0;
}
