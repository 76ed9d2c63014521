/* EXPECT: exit 0 */
/*
 * What stat, lstat and statx say for each kind of file, as Linux: a regular file made
 * with mode 0666 under umask 022 is 0644 (under umask 077, 0600), st_nlink 1, its size
 * and st_blocks as written; a directory 2 links plus one per subdirectory; a symbolic
 * link: lstat S_IFLNK with the target's length as size, stat the target; readlink gives
 * the target without a NUL, cut to the buffer (EINVAL on a file, ENOENT for the empty
 * path on a descriptor that is not a link); a link loop is ELOOP;
 * /dev/null a character device. statx agrees with stat field by field and rejects bad
 * flags (EINVAL). faccessat: F_OK on a missing name ENOENT, X_OK on a 0644 file EACCES,
 * an unknown mode bit EINVAL.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char base[64];

static const char *at(const char *rel)
{
	static char bufs[2][128];
	static int which;

	which ^= 1;
	snprintf(bufs[which], sizeof(bufs[which]), "%s/%s", base, rel);
	return bufs[which];
}

/* statx says what stat says. */
static void check_statx(const char *path, int flags)
{
	struct statx stx;
	struct stat st;

	CHECK_EQ(statx(AT_FDCWD, path, flags, STATX_BASIC_STATS, &stx), 0);
	CHECK_EQ(fstatat(AT_FDCWD, path, &st, flags), 0);
	CHECK((stx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "%s: stx_mask %#x", path,
	      stx.stx_mask);
	CHECK_EQ(stx.stx_mode, st.st_mode);
	CHECK_EQ(stx.stx_ino, st.st_ino);
	CHECK_EQ(stx.stx_nlink, st.st_nlink);
	CHECK_EQ(stx.stx_size, st.st_size);
	CHECK_EQ(stx.stx_blocks, st.st_blocks);
	CHECK_EQ(stx.stx_blksize, st.st_blksize);
	CHECK_EQ(stx.stx_rdev_major << 8 | stx.stx_rdev_minor, st.st_rdev);
}

int main(void)
{
	char target[96], link[16];
	struct stat st;
	int fd;

	snprintf(base, sizeof(base), "/tmp/stat_fields.%d", getpid());
	umask(022);
	CHECK_EQ(mkdir(base, 0777), 0);
	CHECK_EQ(stat(base, &st), 0);
	CHECK_EQ(st.st_mode, S_IFDIR | 0755);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(mkdir(at("sub"), 0700), 0);
	CHECK_EQ(stat(base, &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	check_statx(base, 0);

	/* A regular file */
	fd = open(at("file"), O_WRONLY | O_CREAT, 0666);
	CHECK(fd >= 0, "create: %s", strerror(errno));
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(at("file"), &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0644);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_size, 10);
	CHECK_EQ(st.st_blocks, 8); /* one 4 KiB page (or block) */
	check_statx(at("file"), 0);
	CHECK_EQ(umask(077), 022);
	fd = open(at("private"), O_WRONLY | O_CREAT, 0666);
	CHECK(fd >= 0, "create: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(stat(at("private"), &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(umask(022), 077);

	/* A symbolic link */
	snprintf(target, sizeof(target), "%s", at("file"));
	CHECK_EQ(symlink(target, at("link")), 0);
	CHECK_EQ(lstat(at("link"), &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
	CHECK_EQ(st.st_size, (long)strlen(target));
	check_statx(at("link"), AT_SYMLINK_NOFOLLOW);
	CHECK_EQ(stat(at("link"), &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0644);
	CHECK_EQ(st.st_size, 10);
	check_statx(at("link"), 0);
	CHECK_EQ(readlink(at("link"), link, sizeof(link)), (long)sizeof(link));
	CHECK(memcmp(link, target, sizeof(link)) == 0, "readlink cut: \"%.16s\"", link);
	CHECK_ERR(syscall6(__NR_readlinkat, AT_FDCWD, (long)at("file"), (long)link, sizeof(link), 0, 0),
		  EINVAL);
	CHECK_ERR(syscall6(__NR_readlinkat, AT_FDCWD, (long)at("link"), (long)link, 0, 0, 0), EINVAL);
	fd = open(at("link"), O_RDONLY);
	CHECK(fd >= 0, "open through the link: %s", strerror(errno));
	CHECK_ERR(syscall6(__NR_readlinkat, fd, (long)"", (long)link, sizeof(link), 0, 0), ENOENT);
	CHECK_EQ(read(fd, link, 4), 4);
	CHECK(memcmp(link, "0123", 4) == 0, "read through the link");
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(syscall6(__NR_openat, AT_FDCWD, (long)at("link"), O_RDONLY | O_NOFOLLOW, 0, 0, 0),
		  ELOOP);
	CHECK_EQ(symlink("loop", at("loop")), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, AT_FDCWD, (long)at("loop"), (long)&st, 0, 0, 0), ELOOP);
	CHECK_EQ(symlink("nowhere", at("dangling")), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, AT_FDCWD, (long)at("dangling"), (long)&st, 0, 0, 0), ENOENT);
	CHECK_EQ(lstat(at("dangling"), &st), 0);
	CHECK_ERR(syscall6(__NR_symlinkat, (long)"x", AT_FDCWD, (long)at("file"), 0, 0, 0), EEXIST);

	/* A device */
	CHECK_EQ(stat("/dev/null", &st), 0);
	CHECK(S_ISCHR(st.st_mode), "/dev/null st_mode %#o", st.st_mode);
	check_statx("/dev/null", 0);

	/* statx's and faccessat's errors */
	CHECK_ERR(syscall6(__NR_statx, AT_FDCWD, (long)base, 0x40000000, STATX_BASIC_STATS,
			   (long)&st, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_statx, AT_FDCWD, (long)base, 0, STATX__RESERVED, (long)&st, 0), EINVAL);
	CHECK_EQ(access(at("file"), R_OK), 0);
	CHECK_EQ(faccessat(AT_FDCWD, at("link"), F_OK, AT_SYMLINK_NOFOLLOW), 0);
	CHECK_ERR(syscall6(__NR_faccessat, AT_FDCWD, (long)at("missing"), F_OK, 0, 0, 0), ENOENT);
	CHECK_ERR(syscall6(__NR_faccessat, AT_FDCWD, (long)at("file"), X_OK, 0, 0, 0), EACCES);
	CHECK_ERR(syscall6(__NR_faccessat, AT_FDCWD, (long)at("file"), 8, 0, 0, 0), EINVAL);
	CHECK_EQ(access(at("sub"), X_OK), 0);

	CHECK_EQ(unlink(at("dangling")), 0);
	CHECK_EQ(unlink(at("loop")), 0);
	CHECK_EQ(unlink(at("link")), 0);
	CHECK_EQ(unlink(at("private")), 0);
	CHECK_EQ(unlink(at("file")), 0);
	CHECK_EQ(rmdir(at("sub")), 0);
	CHECK_EQ(rmdir(base), 0);
	printf("stat, lstat, statx, readlink and faccessat agree with Linux\n");
	return 0;
}
