/* EXPECT: exit 0 */
/*
 * File times in /tmp: utimensat sets st_atime and st_mtime to the second and
 * nanosecond given (statx says the same), UTIME_OMIT leaves one as it is, UTIME_NOW and
 * a NULL array take the current time, futimens (a NULL path) works on a descriptor;
 * writing to the file moves its mtime off the value set. A tv_nsec out of range is
 * EINVAL, so are unknown flags; a missing file is ENOENT, and both times UTIME_OMIT do
 * nothing, successfully, even for a missing file (Linux looks nothing up then).
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct timespec t[2] = { { 1000, 5 }, { 2000, 7 } };
	char path[64];
	struct statx stx;
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "/tmp/utimensat.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));

	CHECK_EQ(utimensat(AT_FDCWD, path, t, 0), 0);
	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(st.st_atime, 1000);
	CHECK_EQ(st.st_atime_nsec, 5);
	CHECK_EQ(st.st_mtime, 2000);
	CHECK_EQ(st.st_mtime_nsec, 7);
	CHECK_EQ(statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &stx), 0);
	CHECK_EQ(stx.stx_atime.tv_sec, 1000);
	CHECK_EQ(stx.stx_mtime.tv_nsec, 7);

	/* UTIME_OMIT keeps one; futimens works on the descriptor. */
	t[0].tv_nsec = UTIME_OMIT;
	t[1] = (struct timespec){ 3000, 9 };
	CHECK_EQ(futimens(fd, t), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_atime, 1000);
	CHECK_EQ(st.st_mtime, 3000);
	CHECK_EQ(st.st_mtime_nsec, 9);

	/* A write changes the mtime; UTIME_NOW and NULL set the current time. */
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(st.st_mtime != 3000 || st.st_mtime_nsec != 9, "a write left mtime as set");
	t[0].tv_nsec = UTIME_NOW;
	t[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ(utimensat(AT_FDCWD, path, t, 0), 0);
	CHECK_EQ(stat(path, &st), 0);
	CHECK(st.st_atime != 1000 || st.st_atime_nsec != 5, "UTIME_NOW left atime as set");
	CHECK_EQ(utimensat(AT_FDCWD, path, NULL, 0), 0);

	/* Errors */
	t[0] = (struct timespec){ 0, 1000000000 };
	t[1] = (struct timespec){ 0, 0 };
	CHECK_ERR(syscall6(__NR_utimensat, AT_FDCWD, (long)path, (long)t, 0, 0, 0), EINVAL);
	t[0].tv_nsec = -1;
	CHECK_ERR(syscall6(__NR_utimensat, AT_FDCWD, (long)path, (long)t, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_utimensat, AT_FDCWD, (long)path, 0, 0x40000000, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_utimensat, AT_FDCWD, (long)"/tmp/no/such/file", 0, 0, 0, 0), ENOENT);
	t[0].tv_nsec = t[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ(syscall6(__NR_utimensat, AT_FDCWD, (long)"/tmp/no/such/file", (long)t, 0, 0, 0), 0);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	printf("utimensat and futimens set the times Linux's do\n");
	return 0;
}
