/* EXPECT: exit 0 */
/*
 * The *at() calls relative to a directory descriptor: openat creates and opens under it,
 * mkdirat, fstatat, renameat and unlinkat (with AT_REMOVEDIR) too, and an absolute path
 * ignores dirfd (even a bad one). A dirfd that is a file is ENOTDIR, one that is not
 * open EBADF; fstatat(fd, "", AT_EMPTY_PATH) is fstat, without the flag ENOENT; an
 * unknown flag is EINVAL.
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
	char base[64];
	struct stat st, st2;
	int dirfd, fd;

	snprintf(base, sizeof(base), "/tmp/openat_dirfd.%d", getpid());
	CHECK_EQ(mkdir(base, 0755), 0);
	dirfd = open(base, O_RDONLY | O_DIRECTORY);
	CHECK(dirfd >= 0, "open %s: %s", base, strerror(errno));

	fd = openat(dirfd, "f", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "openat create: %s", strerror(errno));
	CHECK_EQ(write(fd, "12345", 5), 5);
	CHECK_EQ(mkdirat(dirfd, "d", 0755), 0);
	CHECK_EQ(fstatat(dirfd, "f", &st, 0), 0);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(fstatat(dirfd, "d", &st, 0), 0);
	CHECK(S_ISDIR(st.st_mode), "d is not a directory");

	/* AT_EMPTY_PATH: the descriptor itself. */
	CHECK_EQ(fstatat(fd, "", &st, AT_EMPTY_PATH), 0);
	CHECK_EQ(fstat(fd, &st2), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_EQ(st.st_size, 5);
	CHECK_ERR(syscall6(__NR_newfstatat, fd, (long)"", (long)&st, 0, 0, 0), ENOENT);
	CHECK_ERR(syscall6(__NR_newfstatat, dirfd, (long)"f", (long)&st, 0x40000000, 0, 0), EINVAL);

	/* A file as dirfd, a closed one, and an absolute path that ignores it. */
	CHECK_ERR(syscall6(__NR_openat, fd, (long)"x", O_RDONLY, 0, 0, 0), ENOTDIR);
	CHECK_ERR(syscall6(__NR_openat, 999, (long)"x", O_RDONLY, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_mkdirat, 999, (long)"x", 0755, 0, 0, 0), EBADF);
	CHECK_EQ(close(fd), 0);
	{
		char abs[96];

		snprintf(abs, sizeof(abs), "%s/f", base);
		fd = openat(999, abs, O_RDONLY);
		CHECK(fd >= 0, "absolute openat with a bad dirfd: %s", strerror(errno));
		CHECK_EQ(close(fd), 0);
	}

	/* rename and unlink under it */
	CHECK_EQ(renameat(dirfd, "f", dirfd, "d/g"), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, dirfd, (long)"f", (long)&st, 0, 0, 0), ENOENT);
	CHECK_EQ(fstatat(dirfd, "d/g", &st, 0), 0);
	CHECK_ERR(syscall6(__NR_unlinkat, dirfd, (long)"d", 0, 0, 0, 0), EISDIR);
	CHECK_ERR(syscall6(__NR_unlinkat, dirfd, (long)"d", AT_REMOVEDIR, 0, 0, 0), ENOTEMPTY);
	CHECK_ERR(syscall6(__NR_unlinkat, dirfd, (long)"d/g", 0x1, 0, 0, 0), EINVAL);
	CHECK_EQ(unlinkat(dirfd, "d/g", 0), 0);
	CHECK_EQ(unlinkat(dirfd, "d", AT_REMOVEDIR), 0);
	CHECK_EQ(close(dirfd), 0);
	CHECK_EQ(rmdir(base), 0);
	printf("openat and the *at() calls under a directory descriptor\n");
	return 0;
}
