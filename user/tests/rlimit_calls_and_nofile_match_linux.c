/* EXPECT: exit 0 */
/*
 * getrlimit/setrlimit/prlimit64 with Linux's rules and errors, and RLIMIT_NOFILE
 * honoured by the descriptor allocator:
 *
 *   - every limit reads back with soft <= hard; an unknown resource (16) is EINVAL;
 *     soft above hard is EINVAL; a hard open-file limit above fs.nr_open (2^20) is EPERM;
 *     a bad pointer is EFAULT; prlimit64 of a pid nobody has is ESRCH;
 *   - a soft limit moves freely below the hard one (raising a hard limit needs
 *     CAP_SYS_RESOURCE, which difftest's container may lack: not done here);
 *   - with RLIMIT_NOFILE 4 (0, 1, 2 open), open() gives 3, then fails with EMFILE until
 *     3 is closed; a forked child inherits the limit;
 *   - prlimit64(child, ...) sets another process's limit, which it reads back.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOBODY 0x3ffffff0

static int child_sees_limit(void *arg)
{
	struct rlimit r;

	(void)arg;
	if (getrlimit(RLIMIT_NOFILE, &r) || r.rlim_cur != 4)
		return 1;
	return open(rootpath("/data/hello.txt"), O_RDONLY) == 3 ? 0 : 2;
}

int main(void)
{
	struct rlimit r, saved, big;
	const char *path = rootpath("/data/hello.txt");
	int fd, status;
	pid_t pid;

	for (int res = 0; res < RLIM_NLIMITS; res++) {
		CHECK_EQ(getrlimit(res, &r), 0);
		CHECK(r.rlim_cur <= r.rlim_max, "resource %d: soft %lu above hard %lu", res,
		      r.rlim_cur, r.rlim_max);
	}
	CHECK_ERR(syscall6(__NR_getrlimit, RLIM_NLIMITS, (long)&r, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_getrlimit, RLIMIT_NOFILE, 1, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_setrlimit, RLIMIT_NOFILE, 1, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_prlimit64, NOBODY, RLIMIT_NOFILE, 0, (long)&r, 0, 0), ESRCH);

	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
	r = (struct rlimit){ 10, 5 };
	CHECK_ERR(syscall6(__NR_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0, 0, 0), EINVAL);
	r = (struct rlimit){ 10, (1UL << 20) + 1 };
	CHECK_ERR(syscall6(__NR_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0, 0, 0), EPERM);
	CHECK(saved.rlim_max >= 64, "hard NOFILE limit %lu", saved.rlim_max);
	big = (struct rlimit){ 64, saved.rlim_max };
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &big), 0);
	CHECK_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
	CHECK(r.rlim_cur == 64 && r.rlim_max == saved.rlim_max, "NOFILE %lu %lu", r.rlim_cur,
	      r.rlim_max);

	/* Only 0, 1 and 2 may be open here. */
	r = (struct rlimit){ 4, saved.rlim_max };
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &r), 0);
	fd = open(path, O_RDONLY);
	CHECK_EQ(fd, 3);
	CHECK_ERR(open(path, O_RDONLY) < 0 ? -errno : 0, EMFILE);
	CHECK_EQ(close(fd), 0);
	status = run_in_child(child_sees_limit, NULL);
	CHECK(status == 0, "child: %s", status_str(status));
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &big), 0); /* the soft limit goes back up */

	/* Another process's limit. */
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		for (;;)
			pause();
	}
	r = (struct rlimit){ 7, 77 };
	CHECK_EQ(prlimit(pid, RLIMIT_NOFILE, &r, &saved), 0);
	CHECK(saved.rlim_cur == 64 && saved.rlim_max == big.rlim_max, "old %lu %lu", saved.rlim_cur,
	      saved.rlim_max);
	CHECK_EQ(prlimit(pid, RLIMIT_NOFILE, NULL, &r), 0);
	CHECK(r.rlim_cur == 7 && r.rlim_max == 77, "child's %lu %lu", r.rlim_cur, r.rlim_max);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child: %s", status_str(status));
	return 0;
}
