/* EXPECT: exit 0 */
/*
 * futex(2)'s answers, as Linux gives them:
 *   - EFAULT: a word the process cannot read (NULL, PROT_NONE, kernel half) for WAIT;
 *     for a shared WAKE, no readable mapping, or read-only anonymous memory; a private
 *     WAKE looks at no memory at all and wakes nobody (0), but a kernel address is EFAULT;
 *   - EINVAL: an unaligned word, a bitset of 0, a bad timeout, a negative requeue count;
 *   - ENOSYS: an unknown operation, FUTEX_CLOCK_REALTIME with anything but WAIT_BITSET;
 *   - EAGAIN: the word does not hold the value (WAIT, CMP_REQUEUE), even on a page not
 *     yet present (read through the fault core) or read-only;
 *   - ETIMEDOUT: a relative timeout for WAIT, an absolute one (MONOTONIC, or REALTIME
 *     with FUTEX_CLOCK_REALTIME) for WAIT_BITSET, including one already past;
 *   - EINTR: a signal with a handler ends a wait; without SA_RESTART at once, and a wait
 *     with a timeout even with SA_RESTART; a wait without a timeout and SA_RESTART is
 *     restarted and goes on until a real wake (0).
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <time.h>
#include <unistd.h>

#define PRIV FUTEX_PRIVATE_FLAG

static volatile int word;
static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static void catch_usr1(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = flags;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction");
}

static long wait_word(int op, const struct timespec *ts, int bitset)
{
	return futex(&word, op, 0, ts, NULL, bitset);
}

/* Wake the main thread's wait on word once the handler has run (it was restarted). */
static int wake_after_handler(void *arg)
{
	kernel_sigset_t usr1 = { { 1UL << (SIGUSR1 - 1) } };

	(void)arg;
	/* The signal is for the process: leave it to the main thread. */
	syscall6(__NR_rt_sigprocmask, SIG_BLOCK, (long)&usr1, 0, sizeof(usr1), 0, 0);
	while (!handled)
		sched_yield();
	for (int i = 0; i < 20; i++)
		sched_yield(); /* let it go back to sleep */
	word = 1;
	futex(&word, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0);
	return 0;
}

static void errors(void)
{
	volatile int *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *fresh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int *kernel = (volatile int *)0xffffffff80000000UL;
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };

	CHECK(none != MAP_FAILED && ro != MAP_FAILED && fresh != MAP_FAILED, "mmap");
	CHECK_ERR(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(none, FUTEX_WAIT | PRIV, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(kernel, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(none, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(ro, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(kernel, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0), EFAULT);
	CHECK_EQ(futex(none, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0), 0);
	CHECK_EQ(futex((volatile int *)0x1000, FUTEX_WAKE | PRIV, 1, NULL, NULL, 0), 0);

	CHECK_ERR(futex((volatile int *)((char *)&word + 1), FUTEX_WAIT, 0, NULL, NULL, 0), EINVAL);
	CHECK_ERR(wait_word(FUTEX_WAIT_BITSET | PRIV, NULL, 0), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_WAKE_BITSET | PRIV, 1, NULL, NULL, 0), EINVAL);
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, &bad, 0), EINVAL);
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, &neg, 0), EINVAL);
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, (struct timespec *)8, 0), EFAULT);
	CHECK_ERR(futex(&word, FUTEX_REQUEUE | PRIV, -1, NULL, &word, 0), EINVAL);
	CHECK_ERR(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0), ENOSYS);
	CHECK_ERR(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);

	CHECK_ERR(futex(&word, FUTEX_WAIT | PRIV, 5, NULL, NULL, 0), EAGAIN);
	CHECK_ERR(futex(fresh, FUTEX_WAIT, 1, NULL, NULL, 0), EAGAIN); /* faulted in: reads 0 */
	CHECK_ERR(futex(ro, FUTEX_WAIT | PRIV, 1, NULL, NULL, 0), EAGAIN);
	CHECK_ERR(futex(&word, FUTEX_CMP_REQUEUE | PRIV, 1, NULL, &word, 5), EAGAIN);
	CHECK_EQ(futex(&word, FUTEX_CMP_REQUEUE | PRIV, 1, NULL, &word, 0), 0);
	munmap((void *)none, 4096);
	munmap((void *)ro, 4096);
	munmap((void *)fresh, 4096);
	printf("EFAULT, EINVAL, ENOSYS, EAGAIN as Linux\n");
}

static void timeouts(void)
{
	struct timespec rel = { 0, 20 * 1000 * 1000 }, abs;

	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, &rel, 0), ETIMEDOUT);
	rel.tv_nsec = 0;
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, &rel, 0), ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 20 * 1000 * 1000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	CHECK_ERR(wait_word(FUTEX_WAIT_BITSET | PRIV, &abs, -1), ETIMEDOUT);
	CHECK_ERR(wait_word(FUTEX_WAIT_BITSET | PRIV, &abs, -1), ETIMEDOUT); /* past now */
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec = 0; /* the start of this second: past */
	CHECK_ERR(wait_word(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME | PRIV, &abs, -1), ETIMEDOUT);
	printf("ETIMEDOUT: relative, absolute monotonic and realtime\n");
}

static void interrupts(void)
{
	struct timespec long_wait = { 30, 0 };
	struct thread waker;
	pid_t sender;
	long r;

	catch_usr1(0);
	sender = signal_later(SIGUSR1, 50);
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, NULL, 0), EINTR);
	wait_child(sender, 0);
	CHECK_EQ(handled, 1);

	catch_usr1(SA_RESTART);
	sender = signal_later(SIGUSR1, 50);
	CHECK_ERR(wait_word(FUTEX_WAIT | PRIV, &long_wait, 0), EINTR);
	wait_child(sender, 0);
	CHECK_EQ(handled, 2);

	handled = 0;
	CHECK(thread_create(&waker, wake_after_handler, NULL, NULL) > 0, "clone");
	sender = signal_later(SIGUSR1, 50);
	r = wait_word(FUTEX_WAIT | PRIV, NULL, 0);
	/* Restarted after the handler: then woken (0), or the word changed first (EAGAIN). */
	CHECK(r == 0 || r == -EAGAIN, "restarted wait: %ld", r);
	CHECK_EQ(handled, 1);
	CHECK_EQ(word, 1);
	wait_child(sender, 0);
	thread_join(&waker);
	printf("EINTR without SA_RESTART or with a timeout; restarted otherwise\n");
}

int main(void)
{
	errors();
	timeouts();
	interrupts();
	return 0;
}
