/* EXPECT: exit 0 */
/*
 * Names in /tmp: mkdir (EEXIST if there; a directory's st_nlink is 2 plus its
 * subdirectories), rmdir (ENOTEMPTY with entries, ENOTDIR on a file, EINVAL on "."),
 * rename of a file over another (the target is replaced, the old name gone), renameat2
 * with RENAME_NOREPLACE (EEXIST), a directory moved with its contents, and rename's
 * errors: into its own subdirectory EINVAL, a file onto a directory EISDIR, a
 * directory onto a non-empty one ENOTEMPTY, onto a file ENOTDIR, a missing source
 * ENOENT. getdents64 lists what is there.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char base[64];

/* base + "/" + rel, in one of two static buffers. */
static const char *at(const char *rel)
{
	static char bufs[2][128];
	static int which;

	which ^= 1;
	snprintf(bufs[which], sizeof(bufs[which]), "%s/%s", base, rel);
	return bufs[which];
}

static void make_file(const char *rel, const char *text)
{
	int fd = open(at(rel), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0, "create %s: %s", rel, strerror(errno));
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	CHECK_EQ(close(fd), 0);
}

/* The contents of rel (up to 63 bytes) as a string. */
static const char *contents(const char *rel)
{
	static char buf[64];
	int fd = open(at(rel), O_RDONLY);
	long n;

	CHECK(fd >= 0, "open %s: %s", rel, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	CHECK(n >= 0, "read %s: %s", rel, strerror(errno));
	buf[n] = '\0';
	CHECK_EQ(close(fd), 0);
	return buf;
}

static void expect_errno(int r, int err, const char *what)
{
	CHECK(r == -1 && errno == err, "%s: returned %d, errno %d (%s), expected %s", what, r,
	      errno, strerror(errno), strerror(err));
}

/* Entries of directory rel other than "." and "..", counted; *seen_dots both there. */
static int count_entries(const char *rel, bool *seen_dots)
{
	static char buf[2048] __aligned(8);
	int fd = open(at(rel), O_RDONLY | O_DIRECTORY), n = 0, dots = 0;
	long got;

	CHECK(fd >= 0, "open dir %s: %s", rel, strerror(errno));
	while ((got = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < got;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				dots++;
			else
				n++;
			off += d->d_reclen;
		}
	}
	CHECK_EQ(got, 0);
	CHECK_EQ(close(fd), 0);
	*seen_dots = dots == 2;
	return n;
}

int main(void)
{
	struct stat st;
	bool dots;

	snprintf(base, sizeof(base), "/tmp/tmpfs_names.%d", getpid());
	CHECK_EQ(mkdir(base, 0755), 0);
	expect_errno(mkdir(base, 0755), EEXIST, "mkdir twice");
	CHECK_EQ(stat(base, &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(mkdir(at("d1"), 0755), 0);
	CHECK_EQ(mkdir(at("d2"), 0755), 0);
	CHECK_EQ(stat(base, &st), 0);
	CHECK_EQ(st.st_nlink, 4);

	/* A file over a file: replaced; the old name is gone. */
	make_file("a", "first");
	make_file("b", "second");
	CHECK_EQ(rename(at("a"), at("b")), 0);
	CHECK(strcmp(contents("b"), "first") == 0, "b holds \"%s\"", contents("b"));
	expect_errno(stat(at("a"), &st), ENOENT, "stat of the old name");
	expect_errno(rename(at("a"), at("c")), ENOENT, "rename of a missing name");

	/* RENAME_NOREPLACE */
	make_file("c", "third");
	expect_errno(renameat2(AT_FDCWD, at("b"), AT_FDCWD, at("c"), RENAME_NOREPLACE), EEXIST,
		     "RENAME_NOREPLACE onto a file");
	CHECK_EQ(renameat2(AT_FDCWD, at("c"), AT_FDCWD, at("d1/c"), RENAME_NOREPLACE), 0);
	CHECK(strcmp(contents("d1/c"), "third") == 0, "d1/c holds \"%s\"", contents("d1/c"));

	/* A directory moves with what is in it. */
	CHECK_EQ(rename(at("d1"), at("d2/moved")), 0);
	CHECK(strcmp(contents("d2/moved/c"), "third") == 0, "d2/moved/c holds \"%s\"",
	      contents("d2/moved/c"));
	CHECK_EQ(stat(base, &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	CHECK_EQ(count_entries("d2", &dots), 1);
	CHECK(dots, "getdents64 did not list . and ..");
	CHECK_EQ(count_entries("", &dots), 2); /* b and d2 */

	/* rename's errors */
	expect_errno(rename(at("d2"), at("d2/moved/inside")), EINVAL, "a directory into itself");
	expect_errno(rename(at("b"), at("d2")), EISDIR, "a file onto a directory");
	CHECK_EQ(mkdir(at("e"), 0755), 0);
	expect_errno(rename(at("e"), at("d2")), ENOTEMPTY, "a directory onto a non-empty one");
	expect_errno(rename(at("e"), at("b")), ENOTDIR, "a directory onto a file");
	CHECK_EQ(rename(at("e"), at("d2/moved/c2")), 0); /* onto nothing */
	CHECK_EQ(mkdir(at("empty"), 0755), 0);
	CHECK_EQ(rename(at("d2/moved/c2"), at("empty")), 0); /* onto an empty directory */
	expect_errno(stat(at("d2/moved/c2"), &st), ENOENT, "stat of a moved directory");

	/* rmdir's errors */
	expect_errno(rmdir(at("d2")), ENOTEMPTY, "rmdir of a non-empty directory");
	expect_errno(rmdir(at("b")), ENOTDIR, "rmdir of a file");
	expect_errno(rmdir(at("empty/.")), EINVAL, "rmdir of .");
	expect_errno(rmdir(at("nothing")), ENOENT, "rmdir of a missing name");

	/* Clean up. */
	CHECK_EQ(unlink(at("d2/moved/c")), 0);
	CHECK_EQ(rmdir(at("d2/moved")), 0);
	CHECK_EQ(rmdir(at("d2")), 0);
	CHECK_EQ(rmdir(at("empty")), 0);
	CHECK_EQ(unlink(at("b")), 0);
	CHECK_EQ(count_entries("", &dots), 0);
	CHECK_EQ(rmdir(base), 0);
	printf("mkdir, rmdir, rename and their errors as on Linux\n");
	return 0;
}
