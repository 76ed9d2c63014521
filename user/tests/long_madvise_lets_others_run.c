/* EXPECT: exit 0 */
/* DIFFERS: on Linux (as root) MADV_HWPOISON would poison the shared zero page of the machine running the test, so the test calls it only under Faultline and checks nothing elsewhere. */
/*
 * A system call whose work grows with a user-supplied length gives up the CPU at the
 * tick (cond_resched()), so other processes keep running while it works: no stall.
 * MADV_HWPOISON over 256 MiB of read-only memory must fault in and poison 65,536 pages
 * one by one, which takes many ticks however fast it is.
 *
 * Meanwhile a child counts its turns on the CPU: each time it runs, it sends the parent
 * the next of eight signals, round robin, and yields. The parent keeps all eight blocked,
 * so after the call the pending ones say how many turns the child had while the parent
 * was inside madvise(): a kernel that never gave up the CPU lets it run once at most, on
 * the way out of the call (and once just before it); at least three distinct signals
 * mean it ran during the call. No clock is read: the child's turns are the progress.
 *
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEN (256UL << 20)

static const int turn_signals[] = { SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
				    SIGHUP,  SIGINT,  SIGQUIT, SIGPIPE };
#define NR_TURN_SIGNALS ((int)(sizeof(turn_signals) / sizeof(turn_signals[0])))

static void on_turn(int sig)
{
	(void)sig;
}

static int nr_pending(void)
{
	sigset_t set;
	int n = 0;

	CHECK_EQ(sigpending(&set), 0);
	for (int i = 0; i < NR_TURN_SIGNALS; i++)
		n += sigismember(&set, turn_signals[i]);
	return n;
}

/* The child: one signal per turn on the CPU, then give the CPU back; until killed. */
static __noreturn void take_turns(void)
{
	pid_t parent = getppid();

	for (unsigned int turn = 0;; turn++) {
		kill(parent, turn_signals[turn % NR_TURN_SIGNALS]);
		sched_yield();
	}
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_turn };
	unsigned char *area;
	sigset_t turns;
	int status, during;
	long ret;
	pid_t pid;

	if (!on_faultline()) {
		note("not Faultline: MADV_HWPOISON would poison this machine's zero page; nothing done");
		return 0;
	}
	area = mmap(NULL, LEN, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	sigemptyset(&turns);
	for (int i = 0; i < NR_TURN_SIGNALS; i++) {
		CHECK_EQ(sigaction(turn_signals[i], &sa, NULL), 0);
		sigaddset(&turns, turn_signals[i]);
	}
	CHECK_EQ(sigprocmask(SIG_BLOCK, &turns, NULL), 0);

	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		take_turns();
	for (int i = 0; i < 1000 && !nr_pending(); i++)
		sched_yield(); /* until the child has run */
	CHECK(nr_pending() > 0, "the child never ran");
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &turns, NULL), 0); /* take what came so far */
	CHECK_EQ(sigprocmask(SIG_BLOCK, &turns, NULL), 0);

	ret = madvise(area, LEN, MADV_HWPOISON);
	during = nr_pending();
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	note("signals pending after the call: %d of %d", during, NR_TURN_SIGNALS);
	printf("MADV_HWPOISON over 256 MiB: %ld; the child had turns meanwhile: %s\n", ret,
	       during >= 3 ? "yes" : "no");
	CHECK_EQ(ret, 0);
	CHECK(during >= 3, "the child ran %d time(s) around the call: the call held the CPU",
	      during);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
	CHECK_EQ(munmap(area, LEN), 0);
	return 0;
}
