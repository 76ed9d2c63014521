/* EXPECT: exit 0 */
/*
 * Sizes of files in /tmp: lseek past the end and a write there leaves a hole that reads
 * as zeros and holds no blocks (st_blocks counts only the page written); ftruncate
 * shrinks (the bytes past the new end read as zeros when it grows again) and grows;
 * truncate by path does the same. Errors as Linux's: a negative length is EINVAL, a
 * descriptor not open for writing EINVAL, a directory EISDIR (by path) or EINVAL (by
 * descriptor), a bad descriptor EBADF.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MIB (1024L * 1024)

static char buf[8192];

int main(void)
{
	char path[64], dir[64];
	struct stat st;
	int fd, rd;

	snprintf(path, sizeof(path), "/tmp/tmpfs_holes.%d", getpid());
	snprintf(dir, sizeof(dir), "/tmp/tmpfs_holes_dir.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));

	/* A hole of 4 MiB, then one byte. */
	CHECK_EQ(lseek(fd, 4 * MIB, SEEK_SET), 4 * MIB);
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 4 * MIB + 1);
	CHECK(st.st_blocks > 0 && st.st_blocks * 512 < 64 * 1024,
	      "st_blocks %ld: a hole should hold no blocks", (long)st.st_blocks);
	CHECK_EQ(lseek(fd, 4 * MIB - 100, SEEK_SET), 4 * MIB - 100);
	memset(buf, 0xaa, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 101);
	for (int i = 0; i < 100; i++)
		CHECK(buf[i] == 0, "byte %d of the hole is %#x", i, buf[i] & 0xff);
	CHECK_EQ(buf[100], 'x');
	CHECK_EQ(lseek(fd, 0, SEEK_END), 4 * MIB + 1);

	/* Shrink into the written page, then grow: the cut bytes are zeros now. */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "ABCDEFGH", 8), 8);
	CHECK_EQ(ftruncate(fd, 4), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(ftruncate(fd, 8), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0xaa, 16);
	CHECK_EQ(read(fd, buf, 16), 8);
	CHECK(memcmp(buf, "ABCD\0\0\0\0", 8) == 0, "after shrink and grow: %02x %02x %02x %02x %02x",
	      buf[3] & 0xff, buf[4] & 0xff, buf[5] & 0xff, buf[6] & 0xff, buf[7] & 0xff);

	/* By path. */
	CHECK_EQ(truncate(path, 3 * MIB), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 3 * MIB);
	CHECK_EQ(truncate(path, 2), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, 16), 2);

	/* Errors. */
	CHECK_ERR(syscall6(__NR_ftruncate, fd, -1, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_truncate, (long)path, -1, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_ftruncate, 1000, 0, 0, 0, 0, 0), EBADF);
	rd = open(path, O_RDONLY);
	CHECK(rd >= 0, "open read-only: %s", strerror(errno));
	CHECK_ERR(syscall6(__NR_ftruncate, rd, 0, 0, 0, 0, 0), EINVAL);
	CHECK_EQ(close(rd), 0);
	CHECK_EQ(mkdir(dir, 0700), 0);
	CHECK_ERR(syscall6(__NR_truncate, (long)dir, 0, 0, 0, 0, 0), EISDIR);
	rd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(rd >= 0, "open dir: %s", strerror(errno));
	CHECK_ERR(syscall6(__NR_ftruncate, rd, 0, 0, 0, 0, 0), EINVAL);
	CHECK_EQ(close(rd), 0);
	CHECK_EQ(rmdir(dir), 0);

	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	printf("holes read as zeros; truncate shrinks and grows\n");
	return 0;
}
