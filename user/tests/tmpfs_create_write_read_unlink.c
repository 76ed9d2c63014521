/* EXPECT: exit 0 */
/*
 * /tmp is writable: O_CREAT|O_EXCL makes a file (EEXIST the second time), what is
 * written reads back, O_APPEND writes at the end, O_TRUNC empties it; a file unlinked
 * while open stays readable and writable through its descriptor (st_nlink 0) and its
 * name is gone (ENOENT) at once; unlink of a missing name is ENOENT, of a directory
 * EISDIR. Outside /tmp the initrd stays read-only: creating there is EROFS.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char dir[64], path[96], buf[32];
	struct stat st;
	int fd, fd2;

	snprintf(dir, sizeof(dir), "/tmp/tmpfs_cwru.%d", getpid());
	snprintf(path, sizeof(path), "%s/file", dir);
	CHECK_EQ(mkdir(dir, 0755), 0);

	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
	errno = 0;
	CHECK(open(path, O_RDWR | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST,
	      "second O_EXCL create: errno %d, expected EEXIST", errno);
	CHECK_EQ(write(fd, "hello, ", 7), 7);
	CHECK_EQ(write(fd, "tmpfs", 5), 5);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 12);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
	CHECK(memcmp(buf, "hello, tmpfs", 12) == 0, "read back \"%.12s\"", buf);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);

	/* A second descriptor sees the same file; O_APPEND writes at its end. */
	fd2 = open(path, O_WRONLY | O_APPEND);
	CHECK(fd2 >= 0, "reopen: %s", strerror(errno));
	CHECK_EQ(write(fd2, "!", 1), 1);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 13);
	CHECK_EQ(close(fd2), 0);

	/* O_TRUNC empties it. */
	fd2 = open(path, O_WRONLY | O_TRUNC);
	CHECK(fd2 >= 0, "O_TRUNC: %s", strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(write(fd2, "kept after unlink", 17), 17);
	CHECK_EQ(close(fd2), 0);

	/* Unlinked while open: the name goes, the file stays until the last close. */
	CHECK_EQ(unlink(path), 0);
	errno = 0;
	CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT, "open after unlink: errno %d", errno);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(st.st_size, 17);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 17);
	CHECK(memcmp(buf, "kept after unlink", 17) == 0, "read after unlink \"%.17s\"", buf);
	CHECK_EQ(write(fd, "+", 1), 1);
	CHECK_EQ(close(fd), 0);

	errno = 0;
	CHECK(unlink(path) == -1 && errno == ENOENT, "second unlink: errno %d", errno);
	errno = 0;
	CHECK(unlink(dir) == -1 && errno == EISDIR, "unlink of a directory: errno %d", errno);
	CHECK_EQ(rmdir(dir), 0);

	if (on_faultline()) { /* on Linux the staged initrd is an ordinary directory */
		errno = 0;
		CHECK(open("/data/new", O_WRONLY | O_CREAT, 0644) == -1 && errno == EROFS,
		      "create in the initrd: errno %d, expected EROFS", errno);
		errno = 0;
		CHECK(mkdir("/data/newdir", 0755) == -1 && errno == EROFS, "mkdir in the initrd: errno %d",
		      errno);
	}
	printf("created, wrote, read, appended, truncated and unlinked a file in /tmp\n");
	return 0;
}
