/* EXPECT: exit 0 */
/*
 * The queue of pending signals is bounded (Linux's RLIMIT_SIGPENDING), and what
 * happens at the bound is Linux's:
 *
 *   - sigqueue() of a blocked real-time signal succeeds until the queue is full, then
 *     fails with EAGAIN, and so does tgkill() of it (both carry a siginfo that would be
 *     lost);
 *   - kill() of it still succeeds (its siginfo is simply not kept);
 *   - sigqueue() of a standard signal also succeeds: it becomes pending without its
 *     siginfo, and arrives as SI_USER from pid 0;
 *   - once unblocked, every queued signal arrives, once each, values in order; then the
 *     queue takes signals again.
 *
 * Faultline's bound is Linux's default for its memory (one signal per 64 page frames).
 * Linux's default is per user and large (tens of thousands), so on Linux the test first
 * lowers it to 64 for this process (prlimit64, which Faultline does not have).
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RT_SIG        (SIGRTMIN + 2)
#define RLIMIT_SIGPENDING 11
#define MAX_TRIES     100000 /* far above any bound this test can meet */

struct rlimit64 {
	unsigned long long cur, max;
};

static volatile int nr_rt, nr_out_of_order, nr_not_queue;
static volatile int usr1_code = 99, usr1_pid = -1, nr_usr1;

static void on_rt(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	if (info->si_code != SI_QUEUE)
		nr_not_queue++;
	else if (info->si_value.sival_int != nr_rt)
		nr_out_of_order++;
	nr_rt++;
}

static void on_usr1(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	usr1_code = info->si_code;
	usr1_pid = info->si_pid;
	nr_usr1++;
}

static void lower_limit_on_linux(void)
{
	struct rlimit64 old, lim;

	if (on_faultline())
		return;
	CHECK_EQ(syscall6(__NR_prlimit64, 0, RLIMIT_SIGPENDING, 0, (long)&old, 0, 0), 0);
	lim.cur = old.cur < 64 ? old.cur : 64;
	lim.max = old.max;
	CHECK_EQ(syscall6(__NR_prlimit64, 0, RLIMIT_SIGPENDING, (long)&lim, 0, 0, 0), 0);
}

int main(void)
{
	struct sigaction rt = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO };
	struct sigaction usr1 = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	pid_t self = getpid();
	sigset_t mine;
	int queued = 0, r;

	lower_limit_on_linux();
	CHECK_EQ(sigaction(RT_SIG, &rt, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR1, &usr1, NULL), 0);
	sigemptyset(&mine);
	sigaddset(&mine, RT_SIG);
	sigaddset(&mine, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &mine, NULL), 0);

	while ((r = sigqueue(self, RT_SIG, (union sigval){ .sival_int = queued })) == 0 &&
	       queued < MAX_TRIES)
		queued++;
	printf("sigqueue until the queue is full: %s\n",
	       r < 0 && errno == EAGAIN ? "EAGAIN" : strerror(errno));
	CHECK(r < 0 && errno == EAGAIN, "sigqueue: %d %s after %d", r, strerror(errno), queued);
	CHECK(queued > 0, "nothing could be queued");
	note("%d signals queued", queued);

	r = tgkill(self, gettid(), RT_SIG);
	printf("tgkill of a real-time signal, queue full: %s\n", r < 0 ? strerror(errno) : "0");
	CHECK(r < 0 && errno == EAGAIN, "tgkill: %d", r);
	r = kill(self, RT_SIG);
	printf("kill of a real-time signal, queue full: %s\n", r < 0 ? strerror(errno) : "0");
	CHECK_EQ(r, 0);
	r = sigqueue(self, SIGUSR1, (union sigval){ .sival_int = 7 });
	printf("sigqueue of SIGUSR1, queue full: %s\n", r < 0 ? strerror(errno) : "0");
	CHECK_EQ(r, 0);

	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &mine, NULL), 0);
	printf("all queued ones delivered: %d, in order: %d, all SI_QUEUE: %d\n", nr_rt == queued,
	       nr_out_of_order == 0, nr_not_queue == 0);
	CHECK_EQ(nr_rt, queued);
	CHECK_EQ(nr_out_of_order, 0);
	CHECK_EQ(nr_not_queue, 0);
	printf("SIGUSR1: delivered %d time(s), %s, pid %d\n", nr_usr1,
	       si_code_name(SIGUSR1, usr1_code), usr1_pid);
	CHECK_EQ(nr_usr1, 1);
	CHECK_EQ(usr1_code, SI_USER);
	CHECK_EQ(usr1_pid, 0);

	nr_rt = 0;
	r = sigqueue(self, RT_SIG, (union sigval){ .sival_int = 0 });
	printf("sigqueue once the queue is empty again: %s, delivered %d\n",
	       r < 0 ? strerror(errno) : "0", nr_rt);
	CHECK_EQ(r, 0);
	CHECK_EQ(nr_rt, 1);
	return 0;
}
