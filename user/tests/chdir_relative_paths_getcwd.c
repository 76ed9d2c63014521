/* EXPECT: exit 0 */
/*
 * The working directory: chdir into a new directory in /tmp, getcwd says where (ERANGE
 * for a buffer one byte short, and for size 0), relative paths (open with O_CREAT,
 * mkdir, stat, "..") start there, fchdir goes to an open directory, a forked child
 * starts where its parent is and moves on its own. chdir to a file is ENOTDIR, to a
 * missing name ENOENT. Once the working directory itself is removed, getcwd says
 * ENOENT, and creating (open, mkdir, symlink) or renaming into it fails with ENOENT
 * (what is made there could never be reached or freed).
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char base[64];

static void expect_cwd(const char *want)
{
	char buf[128];

	CHECK(getcwd(buf, sizeof(buf)) == buf, "getcwd: %s", strerror(errno));
	CHECK(strcmp(buf, want) == 0, "getcwd says \"%s\", expected \"%s\"", buf, want);
}

static int child_moves(void *arg)
{
	(void)arg;
	expect_cwd(base); /* inherited */
	CHECK_EQ(chdir("sub"), 0);
	return 0;
}

int main(void)
{
	char buf[128], sub[96];
	struct stat st;
	long len;
	int fd, dirfd;

	snprintf(base, sizeof(base), "/tmp/chdir_rel.%d", getpid());
	snprintf(sub, sizeof(sub), "%s/sub", base);
	CHECK_EQ(mkdir(base, 0755), 0);
	CHECK_EQ(chdir(base), 0);
	expect_cwd(base);

	/* getcwd's result is the length with the NUL; one byte short is ERANGE. */
	len = (long)strlen(base) + 1;
	CHECK_EQ(syscall6(__NR_getcwd, (long)buf, len, 0, 0, 0, 0), len);
	CHECK_ERR(syscall6(__NR_getcwd, (long)buf, len - 1, 0, 0, 0, 0), ERANGE);
	CHECK_ERR(syscall6(__NR_getcwd, (long)buf, 0, 0, 0, 0, 0), ERANGE);

	/* Relative names start here. */
	CHECK_EQ(mkdir("sub", 0755), 0);
	fd = open("sub/file", O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0, "relative create: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	snprintf(buf, sizeof(buf), "%s/file", sub);
	CHECK_EQ(stat(buf, &st), 0);
	CHECK(S_ISREG(st.st_mode), "%s is not a regular file", buf);
	CHECK_EQ(chdir("sub"), 0);
	expect_cwd(sub);
	CHECK_EQ(stat("file", &st), 0);
	CHECK_EQ(stat("../sub/./file", &st), 0);
	CHECK_EQ(chdir(".."), 0);
	expect_cwd(base);

	/* Errors */
	errno = 0;
	CHECK(chdir("sub/file") == -1 && errno == ENOTDIR, "chdir to a file: errno %d", errno);
	errno = 0;
	CHECK(chdir("missing") == -1 && errno == ENOENT, "chdir to nothing: errno %d", errno);
	expect_cwd(base);

	/* fchdir */
	dirfd = open("sub", O_RDONLY | O_DIRECTORY);
	CHECK(dirfd >= 0, "open sub: %s", strerror(errno));
	CHECK_EQ(fchdir(dirfd), 0);
	expect_cwd(sub);
	CHECK_EQ(close(dirfd), 0);
	CHECK_EQ(chdir(base), 0);

	/* A child inherits the working directory and changes only its own. */
	CHECK_EQ(run_in_child(child_moves, NULL), 0);
	expect_cwd(base);

	/* A removed working directory: nothing can be made in it, nor moved into it. */
	CHECK_EQ(rename("sub/file", "file"), 0);
	CHECK_EQ(chdir("sub"), 0);
	CHECK_EQ(rmdir(sub), 0);
	CHECK_ERR(syscall6(__NR_getcwd, (long)buf, sizeof(buf), 0, 0, 0, 0), ENOENT);
	errno = 0;
	CHECK(open("new", O_WRONLY | O_CREAT, 0644) == -1 && errno == ENOENT,
	      "create in a removed directory: errno %d", errno);
	errno = 0;
	CHECK(mkdir("newdir", 0755) == -1 && errno == ENOENT, "mkdir in a removed directory: errno %d",
	      errno);
	errno = 0;
	CHECK(symlink("x", "newlink") == -1 && errno == ENOENT,
	      "symlink in a removed directory: errno %d", errno);
	snprintf(buf, sizeof(buf), "%s/file", base);
	errno = 0;
	CHECK(rename(buf, "moved") == -1 && errno == ENOENT,
	      "rename into a removed directory: errno %d", errno);
	CHECK_EQ(unlink(buf), 0);
	CHECK_EQ(chdir("/"), 0);
	expect_cwd("/");
	CHECK_EQ(rmdir(base), 0);
	printf("chdir, fchdir, getcwd and relative paths\n");
	return 0;
}
