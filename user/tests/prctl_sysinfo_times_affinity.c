/* EXPECT: exit 0 */
/*
 * The small queries programs make at start-up, with Linux's values and errors:
 *
 *   - prctl: PR_SET_NAME keeps 15 bytes and a NUL, PR_GET_NAME returns them;
 *     PR_SET_PDEATHSIG takes 0..64 (65: EINVAL) and PR_GET_PDEATHSIG reads it back;
 *     PR_GET_DUMPABLE is 1, PR_SET_DUMPABLE takes 0 or 1 (2: EINVAL); an unknown option
 *     is EINVAL; a bad name pointer EFAULT; a forked child starts with no death signal;
 *   - a child with PR_SET_PDEATHSIG(SIGUSR1) gets SIGUSR1 when its parent dies;
 *   - sysinfo: uptime and memory make sense (mem_unit 1 on a 64-bit machine, free RAM at
 *     most the total), at least one process;
 *   - times(): succeeds with and without a buffer, and counts time that does not run
 *     backwards;
 *   - sched_getaffinity: CPU 0 is in the mask; a length not a whole number of longs is
 *     EINVAL; a pid nobody has ESRCH; sched_setaffinity to CPU 0 works, to a mask with no
 *     CPU that exists is EINVAL.
 */
#include <check.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOBODY 0x3ffffff0

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

static int no_deathsig_in_child(void *arg)
{
	int sig = -1;

	(void)arg;
	return prctl(PR_GET_PDEATHSIG, (unsigned long)&sig, 0, 0, 0) == 0 && sig == 0 ? 0 : 1;
}

/*
 * A middle process whose child asks for SIGUSR1 at its parent's death, then waits for
 * it; the middle process exits, and the grandchild reports through its exit code, which
 * nobody here can see, so it reports through a signal to us: SIGUSR2 if it got SIGUSR1.
 */
static pid_t tester;
static volatile int got_usr2;

static void on_usr1(int sig)
{
	(void)sig;
	kill(tester, SIGUSR2);
	_exit(0);
}

static void on_usr2(int sig)
{
	(void)sig;
	got_usr2 = 1;
}

static int middle(void *arg)
{
	pid_t pid;

	(void)arg;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		signal(SIGUSR1, on_usr1);
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0))
			_exit(2);
		kill(getppid(), SIGUSR1); /* ready: the middle process may go */
		for (int i = 0; i < 10000; i++)
			sleep_ms(1);
		_exit(3);
	}
	for (;;)
		pause(); /* until the grandchild's SIGUSR1 ends us (default action) */
}

static void prctl_checks(void)
{
	char name[32];
	int sig = -1, status;

	CHECK_EQ(prctl(PR_SET_NAME, (unsigned long)"abcdefghijklmnopqrstuvwxyz", 0, 0, 0), 0);
	memset(name, 'x', sizeof(name));
	CHECK_EQ(prctl(PR_GET_NAME, (unsigned long)name, 0, 0, 0), 0);
	CHECK(!strcmp(name, "abcdefghijklmno") && name[16] == 'x', "name \"%.20s\"", name);
	CHECK_ERR(syscall6(__NR_prctl, PR_SET_NAME, 1, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_prctl, PR_SET_PDEATHSIG, 65, 0, 0, 0, 0), EINVAL);
	CHECK_EQ(prctl(PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_PDEATHSIG, (unsigned long)&sig, 0, 0, 0), 0);
	CHECK_EQ(sig, SIGHUP);
	status = run_in_child(no_deathsig_in_child, NULL);
	CHECK(status == 0, "child: %s", status_str(status));
	CHECK_EQ(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 1);
	CHECK_ERR(syscall6(__NR_prctl, PR_SET_DUMPABLE, 2, 0, 0, 0, 0), EINVAL);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_prctl, 0x7ffffff0, 0, 0, 0, 0, 0), EINVAL);
}

static void deathsig(void)
{
	pid_t pid;
	int status;

	tester = getpid();
	signal(SIGUSR2, on_usr2);
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(middle(NULL));
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "middle: %s", status_str(status));
	for (int i = 0; i < 5000 && !got_usr2; i++)
		sleep_ms(1);
	CHECK(got_usr2, "the grandchild never got its parent-death signal");
}

static void sysinfo_times(void)
{
	struct sysinfo si;
	struct tms t1, t2;
	clock_t c1, c2;

	memset(&si, 0xff, sizeof(si));
	CHECK_EQ(sysinfo(&si), 0);
	CHECK(si.uptime > 0, "uptime %ld", si.uptime);
	CHECK_EQ(si.mem_unit, 1);
	CHECK(si.totalram > 0 && si.freeram <= si.totalram, "ram %lu free %lu", si.totalram, si.freeram);
	CHECK(si.procs >= 1, "procs %u", si.procs);
	CHECK_ERR(syscall6(__NR_sysinfo, 1, 0, 0, 0, 0, 0), EFAULT);
	c1 = times(&t1);
	for (volatile long i = 0; i < 2000000; i++)
		;
	c2 = times(&t2);
	CHECK(c1 != -1 && c2 >= c1, "times %ld then %ld", c1, c2);
	CHECK(t2.tms_utime + t2.tms_stime >= t1.tms_utime + t1.tms_stime, "CPU time went back");
	CHECK(times(NULL) != -1, "times(NULL): %s", strerror(errno));
}

static void affinity(void)
{
	unsigned long mask[16] = { 0 }, one = 1, none = 1UL << 63;
	int n;

	n = sched_getaffinity(0, sizeof(mask), mask);
	CHECK(n > 0 && n % (int)sizeof(long) == 0, "sched_getaffinity: %d", n);
	CHECK(mask[0] & 1, "CPU 0 not in the mask %#lx", mask[0]);
	CHECK_ERR(syscall6(__NR_sched_getaffinity, 0, 4, (long)mask, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_sched_getaffinity, NOBODY, sizeof(mask), (long)mask, 0, 0, 0), ESRCH);
	CHECK_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
	CHECK_ERR(syscall6(__NR_sched_setaffinity, 0, sizeof(none), (long)&none, 0, 0, 0), EINVAL);
	CHECK_EQ(sched_getaffinity(0, sizeof(mask), mask), n);
	CHECK(mask[0] == 1, "mask after setting CPU 0 alone: %#lx", mask[0]);
}

int main(void)
{
	prctl_checks();
	deathsig();
	sysinfo_times();
	affinity();
	return 0;
}
