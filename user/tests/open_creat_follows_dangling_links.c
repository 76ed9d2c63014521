/* EXPECT: exit 0 */
/*
 * open(O_CREAT) through symbolic links, as Linux's open_last_lookups: a last component
 * that is a link is followed, and a missing target is created (relative to the link's
 * directory, or from "/" for an absolute target, through a chain of links too); the
 * file then exists under the target's name and reads back what was written through the
 * link. With O_EXCL or O_NOFOLLOW the link is not followed: EEXIST, ELOOP. A link to a
 * directory is EISDIR even for reading; a loop of links ELOOP; a target in a missing
 * directory ENOENT; a target ending in '/' EISDIR. O_CREAT with O_DIRECTORY is EINVAL,
 * before the path is even read.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char dir[64];

/* dir/name in a static buffer (one of four, used in turn). */
static const char *at(const char *name)
{
	static char bufs[4][128];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "%s/%s", dir, name);
	return b;
}

/* open(path, flags, 0600) fails with err. */
static void open_fails(const char *path, int flags, int err)
{
	int fd = open(path, flags, 0600);

	CHECK(fd == -1 && errno == err, "open %s flags %#x: got %d errno %d, want errno %d",
	      path, flags, fd, errno, err);
}

/* Write text through path with O_CREAT, then read it back through target. */
static void create_through(const char *path, const char *target, const char *text)
{
	struct stat st;
	char buf[32] = { 0 };
	int fd;

	CHECK(lstat(target, &st) == -1 && errno == ENOENT, "%s exists before", target);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0, "open(O_CREAT) through %s: %s", path, strerror(errno));
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	CHECK_EQ(close(fd), 0);
	CHECK(lstat(target, &st) == 0, "%s was not created: %s", target, strerror(errno));
	CHECK(S_ISREG(st.st_mode), "%s: mode %o", target, st.st_mode);
	CHECK_EQ(st.st_size, (long)strlen(text));
	fd = open(target, O_RDONLY);
	CHECK(fd >= 0, "open %s: %s", target, strerror(errno));
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)strlen(text));
	CHECK(!strcmp(buf, text), "%s holds '%s'", target, buf);
	CHECK_EQ(close(fd), 0);
	/* The link is still a link, and an open of it now opens the file. */
	CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "%s is no longer a link", path);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	CHECK(fd >= 0, "reopen through %s: %s", path, strerror(errno));
	CHECK_EQ(close(fd), 0);
}

int main(void)
{
	struct stat st;
	char abs_target[128];

	snprintf(dir, sizeof(dir), "/tmp/creat_links.%d", getpid());
	CHECK_EQ(mkdir(dir, 0700), 0);
	CHECK_EQ(mkdir(at("sub"), 0700), 0);

	/* Relative target, in the link's own directory. */
	CHECK_EQ(symlink("target1", at("link1")), 0);
	create_through(at("link1"), at("target1"), "one");

	/* Relative target in another directory, reached through a chain of two links. */
	CHECK_EQ(symlink("sub/hop", at("link2")), 0);
	CHECK_EQ(symlink("../sub/target2", at("sub/hop")), 0);
	create_through(at("link2"), at("sub/target2"), "two");

	/* Absolute target. */
	snprintf(abs_target, sizeof(abs_target), "%s/sub/target3", dir);
	CHECK_EQ(symlink(abs_target, at("link3")), 0);
	create_through(at("link3"), abs_target, "three");

	/* Not followed: O_EXCL sees the link itself, O_NOFOLLOW refuses it. */
	CHECK_EQ(symlink("target4", at("link4")), 0);
	open_fails(at("link4"), O_WRONLY | O_CREAT | O_EXCL, EEXIST);
	open_fails(at("link4"), O_WRONLY | O_CREAT | O_NOFOLLOW, ELOOP);
	CHECK(lstat(at("target4"), &st) == -1 && errno == ENOENT, "target4 was created");

	/* A link to a directory; a loop; a target in a missing directory; "name/". */
	CHECK_EQ(symlink("sub", at("linkdir")), 0);
	open_fails(at("linkdir"), O_RDONLY | O_CREAT, EISDIR);
	open_fails(at("linkdir"), O_WRONLY | O_CREAT, EISDIR);
	CHECK_EQ(symlink("loop_b", at("loop_a")), 0);
	CHECK_EQ(symlink("loop_a", at("loop_b")), 0);
	open_fails(at("loop_a"), O_WRONLY | O_CREAT, ELOOP);
	CHECK_EQ(symlink("nodir/target5", at("link5")), 0);
	open_fails(at("link5"), O_WRONLY | O_CREAT, ENOENT);
	CHECK_EQ(symlink("target6/", at("link6")), 0);
	open_fails(at("link6"), O_WRONLY | O_CREAT, EISDIR);
	CHECK(lstat(at("target6"), &st) == -1 && errno == ENOENT, "target6 was created");

	/* O_CREAT | O_DIRECTORY: EINVAL, whatever the path. */
	open_fails(at("sub"), O_RDONLY | O_CREAT | O_DIRECTORY, EINVAL);
	open_fails(at("new"), O_RDONLY | O_CREAT | O_DIRECTORY, EINVAL);
	if (!under_qemu_user()) /* qemu-user reads the path before the kernel sees the flags */
		CHECK_ERR(syscall6(__NR_openat, AT_FDCWD, 16, O_CREAT | O_DIRECTORY, 0600, 0, 0),
			  EINVAL);
	CHECK(lstat(at("new"), &st) == -1 && errno == ENOENT, "new was created");

	static const char *const names[] = { "link1", "target1", "link2", "link3", "link4",
					     "linkdir", "loop_a", "loop_b", "link5", "link6",
					     "sub/hop", "sub/target2", "sub/target3" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK(unlink(at(names[i])) == 0, "unlink %s: %s", names[i], strerror(errno));
	CHECK_EQ(rmdir(at("sub")), 0);
	CHECK_EQ(rmdir(dir), 0);
	return 0;
}
