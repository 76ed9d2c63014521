/* EXPECT: exit 0 */
/*
 * A process may have as many descriptors as RLIMIT_NOFILE allows, not only the first
 * table's 64: dup() fills every descriptor up to 1023 under the default limit of 1024
 * and then gives EMFILE; dup2() to 1024 is EBADF; with the limit raised to 4096, dup2()
 * to 4000 works, a forked child has it too (the table is copied), and 4096 is EBADF.
 * Closing them all makes dup() pick the lowest free descriptor again.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* A libc call failed with errno err. */
#define CHECK_FAILS(call, err)                                                          \
	do {                                                                            \
		long r_ = (call);                                                       \
		CHECK(r_ == -1 && errno == (err), #call " gave %ld (%s), not %s", r_,   \
		      r_ == -1 ? strerror(errno) : "no error", strerror(err));          \
	} while (0)

static int child_sees_them(void)
{
	if (fcntl(4000, F_GETFD) != 0 || fcntl(1023, F_GETFD) != 0)
		return 1;
	return 0;
}

int main(void)
{
	struct rlimit rl = { 1024, 4096 };
	int fd, last = -1, status;
	pid_t pid;

	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	while ((fd = dup(0)) >= 0)
		last = fd;
	CHECK(errno == EMFILE, "dup() stopped with %s, not EMFILE", strerror(errno));
	CHECK_EQ(last, 1023);
	CHECK_FAILS(dup2(0, 1024), EBADF);

	rl.rlim_cur = 4096;
	CHECK_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	CHECK_EQ(dup2(0, 4000), 4000);
	CHECK_EQ(fcntl(4000, F_GETFD), 0);
	CHECK_FAILS(dup2(0, 4096), EBADF);
	CHECK_FAILS(fcntl(0, F_DUPFD, 4096), EINVAL);
	CHECK_EQ(fcntl(0, F_DUPFD, 3000), 3000);

	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child_sees_them());
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child did not see descriptors 1023 and 4000: status %#x", status);

	for (fd = 3; fd <= 1023; fd++)
		CHECK_EQ(close(fd), 0);
	CHECK_EQ(close(3000), 0);
	CHECK_EQ(close(4000), 0);
	CHECK_FAILS(close(4000), EBADF);
	CHECK_EQ(dup(0), 3);
	CHECK_EQ(close(3), 0);
	return 0;
}
