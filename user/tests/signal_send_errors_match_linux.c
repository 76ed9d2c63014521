/* EXPECT: exit 0 */
/*
 * The errors of the calls that send signals, as Linux gives them, in Linux's order:
 *
 *   kill(pid > 0, sig)     ESRCH if there is no such process, whatever sig is; only then
 *                          EINVAL for a sig outside 0..64
 *   kill(-1, sig)          every process but init and the caller: 0 if there is one
 *                          (EINVAL for a bad sig), ESRCH if there is none
 *   kill(INT_MIN, sig)     ESRCH (there is no process group -INT_MIN)
 *   tgkill, tkill          EINVAL for an id <= 0, then ESRCH for a missing thread,
 *                          then EINVAL for a bad sig
 *   rt_sigqueueinfo        EFAULT for an unreadable siginfo; EPERM for a siginfo that
 *                          claims to come from the kernel or kill()/tgkill() (si_code
 *                          >= 0 or SI_TKILL) sent to another process, even a missing
 *                          one; then ESRCH, then EINVAL
 *   rt_tgsigqueueinfo      EFAULT, then EINVAL for an id <= 0, then EPERM as above,
 *                          then ESRCH for a thread not in that process
 *
 * A child that waits, ignoring SIGUSR1, is the "other process"; a reaped child is the
 * missing one. kill(-1, sig) here only ever sends signal 0 or an invalid one, so on
 * Linux, where the other processes are the developer's, it reaches nobody.
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((long)KERNEL_IMAGE)
#define INT_MIN (-__INT_MAX__ - 1)

static void show(const char *what, long got, long want)
{
	printf("%-48s %ld%s%s\n", what, got, got < 0 ? " " : "", got < 0 ? strerror((int)-got) : "");
	CHECK(got == want, "%s returned %ld, expected %ld", what, got, want);
}

#define SYS(nr, a, b, c, d) syscall6(__NR_##nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static siginfo_t *info_with(int code)
{
	static siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_code = code;
	info.si_pid = getpid();
	return &info;
}

/* A reaped child's pid: no process has it now. */
static pid_t reaped_child(void)
{
	pid_t child = fork();

	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		_exit(0);
	CHECK_EQ(wait_child(child, 0), 0);
	return child;
}

/* A child that sleeps until killed, ignoring SIGUSR1 (from the moment it exists). */
static pid_t waiting_child(void)
{
	pid_t child;

	signal(SIGUSR1, SIG_IGN);
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		struct timespec ts = { 60, 0 };

		nanosleep(&ts, NULL);
		_exit(0);
	}
	return child;
}

static void kill_checks(pid_t gone)
{
	show("kill(reaped child, 65)", SYS(kill, gone, 65, 0, 0), -ESRCH);
	show("kill(reaped child, -1)", SYS(kill, gone, -1, 0, 0), -ESRCH);
	show("kill(self, 65)", SYS(kill, getpid(), 65, 0, 0), -EINVAL);
	show("kill(-1, 0)", SYS(kill, -1, 0, 0, 0), 0);
	show("kill(-1, 65)", SYS(kill, -1, 65, 0, 0), -EINVAL);
	show("kill(INT_MIN, 0)", SYS(kill, INT_MIN, 0, 0, 0), -ESRCH);
	show("kill(INT_MIN, 65)", SYS(kill, INT_MIN, 65, 0, 0), -ESRCH);
	show("tgkill(reaped, reaped, 65)", SYS(tgkill, gone, gone, 65, 0), -ESRCH);
	show("tgkill(self, reaped child, 65)", SYS(tgkill, getpid(), gone, 65, 0), -ESRCH);
	show("tkill(self, 0)", SYS(tkill, gettid(), 0, 0, 0), 0);
	show("tkill(self, 65)", SYS(tkill, gettid(), 65, 0, 0), -EINVAL);
	show("tkill(0, 0)", SYS(tkill, 0, 0, 0, 0), -EINVAL);
	show("tkill(-1, 0)", SYS(tkill, -1, 0, 0, 0), -EINVAL);
	show("tkill(reaped child, 65)", SYS(tkill, gone, 65, 0, 0), -ESRCH);
}

static void sigqueueinfo_checks(pid_t other, pid_t gone)
{
	pid_t self = getpid();

	show("rt_sigqueueinfo(self, SIGUSR1, SI_QUEUE)",
	     SYS(rt_sigqueueinfo, self, SIGUSR1, info_with(SI_QUEUE), 0), 0);
	show("rt_sigqueueinfo(self, SIGUSR1, SI_USER)",
	     SYS(rt_sigqueueinfo, self, SIGUSR1, info_with(SI_USER), 0), 0);
	show("rt_sigqueueinfo(child, SIGUSR1, SI_QUEUE)",
	     SYS(rt_sigqueueinfo, other, SIGUSR1, info_with(SI_QUEUE), 0), 0);
	show("rt_sigqueueinfo(child, SIGUSR1, SI_USER)",
	     SYS(rt_sigqueueinfo, other, SIGUSR1, info_with(SI_USER), 0), -EPERM);
	show("rt_sigqueueinfo(child, SIGUSR1, SI_KERNEL)",
	     SYS(rt_sigqueueinfo, other, SIGUSR1, info_with(SI_KERNEL), 0), -EPERM);
	show("rt_sigqueueinfo(child, SIGUSR1, SI_TKILL)",
	     SYS(rt_sigqueueinfo, other, SIGUSR1, info_with(SI_TKILL), 0), -EPERM);
	show("rt_sigqueueinfo(reaped child, SIGUSR1, SI_USER)",
	     SYS(rt_sigqueueinfo, gone, SIGUSR1, info_with(SI_USER), 0), -EPERM);
	show("rt_sigqueueinfo(reaped child, 65, SI_QUEUE)",
	     SYS(rt_sigqueueinfo, gone, 65, info_with(SI_QUEUE), 0), -ESRCH);
	show("rt_sigqueueinfo(0, SIGUSR1, SI_QUEUE)",
	     SYS(rt_sigqueueinfo, 0, SIGUSR1, info_with(SI_QUEUE), 0), -ESRCH);
	show("rt_sigqueueinfo(self, 65, SI_QUEUE)",
	     SYS(rt_sigqueueinfo, self, 65, info_with(SI_QUEUE), 0), -EINVAL);
	show("rt_sigqueueinfo(self, SIGUSR1, bad info)",
	     SYS(rt_sigqueueinfo, self, SIGUSR1, BAD_PTR, 0), -EFAULT);
	/* An si_code of no known layout: the bytes past the first 48 must be zero (E2BIG). */
	if (under_qemu_user()) { /* qemu converts the siginfo field by field: the tail is lost */
		note("the siginfo tail is not checked (qemu-user)");
		printf("%-48s %ld %s\n", "rt_sigqueueinfo(child, SIGUSR1, code -20, tail)", (long)-E2BIG,
		       strerror(E2BIG));
	} else {
		siginfo_t *odd = info_with(-20);

		((unsigned char *)odd)[100] = 1;
		show("rt_sigqueueinfo(child, SIGUSR1, code -20, tail)",
		     SYS(rt_sigqueueinfo, other, SIGUSR1, odd, 0), -E2BIG);
	}
	show("rt_sigqueueinfo(child, SIGUSR1, code -20)",
	     SYS(rt_sigqueueinfo, other, SIGUSR1, info_with(-20), 0), 0);
	{
		siginfo_t *known = info_with(SI_QUEUE);

		((unsigned char *)known)[100] = 1; /* a known layout: the tail is not read */
		show("rt_sigqueueinfo(child, SIGUSR1, SI_QUEUE, tail)",
		     SYS(rt_sigqueueinfo, other, SIGUSR1, known, 0), 0);
	}
	show("rt_tgsigqueueinfo(self, self, SIGUSR1, SI_QUEUE)",
	     SYS(rt_tgsigqueueinfo, self, gettid(), SIGUSR1, info_with(SI_QUEUE)), 0);
	show("rt_tgsigqueueinfo(0, self, SIGUSR1, SI_QUEUE)",
	     SYS(rt_tgsigqueueinfo, 0, gettid(), SIGUSR1, info_with(SI_QUEUE)), -EINVAL);
	show("rt_tgsigqueueinfo(0, child, SIGUSR1, SI_USER)",
	     SYS(rt_tgsigqueueinfo, 0, other, SIGUSR1, info_with(SI_USER)), -EINVAL);
	show("rt_tgsigqueueinfo(self, child, SIGUSR1, SI_USER)",
	     SYS(rt_tgsigqueueinfo, self, other, SIGUSR1, info_with(SI_USER)), -EPERM);
	show("rt_tgsigqueueinfo(self, child, SIGUSR1, SI_QUEUE)",
	     SYS(rt_tgsigqueueinfo, self, other, SIGUSR1, info_with(SI_QUEUE)), -ESRCH);
	show("rt_tgsigqueueinfo(0, self, SIGUSR1, bad info)",
	     SYS(rt_tgsigqueueinfo, 0, gettid(), SIGUSR1, BAD_PTR), -EFAULT);
}

int main(void)
{
	sigset_t usr1;
	pid_t gone = reaped_child(), other = waiting_child();
	int status;

	/* SIGUSR1 sent to ourselves stays pending (blocked signals are never ignored at
	 * once), and is thrown away when unblocked. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	kill_checks(gone);
	sigqueueinfo_checks(other, gone);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &usr1, NULL), 0);

	CHECK_EQ(kill(other, SIGKILL), 0);
	status = wait_child(other, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s", status_str(status));
	return 0;
}
