/* EXPECT: exit 0 */
/*
 * Descriptors and the open files behind them, as Linux has them:
 * - dup() takes the lowest free descriptor; the copy shares the file's position (a read
 *   through one moves the other) and its status flags, but not FD_CLOEXEC;
 * - dup2(fd, fd) returns fd if it is open, else EBADF; dup2 over an open descriptor
 *   closes that one silently; dup2 of a closed descriptor is EBADF;
 * - dup3 refuses newfd == oldfd and flags other than O_CLOEXEC (EINVAL), sets FD_CLOEXEC
 *   with O_CLOEXEC, and refuses newfd at or past RLIMIT_NOFILE (EBADF);
 * - fcntl: F_DUPFD/F_DUPFD_CLOEXEC take the lowest free descriptor >= arg, F_DUPFD with
 *   a huge arg is EINVAL; F_GETFD/F_SETFD keep FD_CLOEXEC only; F_GETFL shows the
 *   access mode and O_LARGEFILE (64-bit Linux opens files with it); F_SETFL changes
 *   O_NONBLOCK and O_APPEND only; an unknown command is EINVAL; EBADF on a closed fd;
 * - fork shares open files: the child's read moves the parent's position.
 * qemu-user (riscv64 on x86_64) drops O_LARGEFILE from F_GETFL; noted and excused.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* F_GETFL of fd, with O_LARGEFILE put back where qemu-user dropped it. */
static int getfl(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0 && !(fl & O_LARGEFILE) && under_qemu_user()) {
		note("F_GETFL without O_LARGEFILE under qemu-user, excused");
		fl |= O_LARGEFILE;
	}
	return fl;
}

static int child_reads_two(void *arg)
{
	char c[2];

	return read(*(int *)arg, c, 2) == 2 ? 0 : 1;
}

int main(void)
{
	char a[4], b[4];
	int fd, copy, status;

	fd = open(rootpath("/data/hello.txt"), O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 3, "open: %s", strerror(errno));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(getfl(fd), O_RDONLY | O_LARGEFILE);

	copy = dup(fd);
	CHECK_EQ(copy, fd + 1);
	CHECK_EQ(fcntl(copy, F_GETFD), 0);
	CHECK_EQ(read(fd, a, 3), 3);
	CHECK_EQ(lseek(copy, 0, SEEK_CUR), 3);
	CHECK_EQ(read(copy, b, 3), 3);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 6);
	CHECK_EQ(fcntl(copy, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY | O_CREAT), 0);
	CHECK_EQ(getfl(fd), O_RDONLY | O_LARGEFILE | O_NONBLOCK | O_APPEND);
	CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
	CHECK_EQ(getfl(copy), O_RDONLY | O_LARGEFILE);

	CHECK_EQ(fcntl(copy, F_SETFD, 3), 0); /* only FD_CLOEXEC sticks */
	CHECK_EQ(fcntl(copy, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(copy, F_SETFD, 0), 0);
	CHECK_EQ(fcntl(copy, F_GETFD), 0);

	CHECK_EQ(dup2(fd, fd), fd);
	CHECK_ERR(syscall6(__NR_dup3, fd, fd, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_dup3, fd, 20, O_NONBLOCK, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_dup3, fd, 1 << 30, 0, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_dup3, 40, 41, 0, 0, 0, 0), EBADF);
	CHECK_EQ(dup3(fd, 20, O_CLOEXEC), 20);
	CHECK_EQ(fcntl(20, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(dup2(copy, 20), 20); /* closes the other 20 first, FD_CLOEXEC with it */
	CHECK_EQ(fcntl(20, F_GETFD), 0);
	CHECK_EQ(close(20), 0);
	CHECK_ERR(syscall6(__NR_fcntl, 20, F_GETFD, 0, 0, 0, 0), EBADF);
	CHECK_EQ(dup2(copy, 20), 20);
	CHECK_EQ(close(20), 0);
	errno = 0;
	CHECK_EQ(dup2(20, 20), -1);
	CHECK_EQ(errno, EBADF);
	errno = 0;
	CHECK_EQ(dup2(20, 21), -1);
	CHECK_EQ(errno, EBADF);

	CHECK_EQ(fcntl(fd, F_DUPFD, 10), 10);
	CHECK_EQ(fcntl(fd, F_DUPFD, 10), 11);
	CHECK_EQ(fcntl(fd, F_DUPFD_CLOEXEC, 10), 12);
	CHECK_EQ(fcntl(12, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(11, F_GETFD), 0);
	CHECK_EQ(fcntl(fd, F_DUPFD, 0), fd + 2);
	for (int i = 10; i <= 12; i++)
		CHECK_EQ(close(i), 0);
	CHECK_EQ(close(fd + 2), 0);
	CHECK_ERR(syscall6(__NR_fcntl, fd, F_DUPFD, 1L << 30, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_fcntl, fd, F_DUPFD, -1, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_fcntl, fd, 9999, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_fcntl, 40, F_GETFL, 0, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_dup, 40, 0, 0, 0, 0, 0), EBADF);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	status = run_in_child(child_reads_two, &copy);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
	CHECK_EQ(close(copy), 0);
	CHECK_EQ(close(fd), 0);
	return 0;
}
