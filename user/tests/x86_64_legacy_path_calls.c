/* EXPECT: exit 0 */
/*
 * x86_64's older path calls are their *at() forms from the working directory: open,
 * creat, stat, lstat, access, mkdir, rmdir, unlink, rename, renameat, symlink, readlink
 * and chdir, called by number, give what the *at() calls give, errors included. riscv64's
 * generic table has none of them: there this test only prints its line.
 */
#include <asm/unistd.h>
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __NR_stat
static void legacy_calls(void)
{
	char base[64], link[64];
	struct stat st, st2;
	long fd;

	snprintf(base, sizeof(base), "/tmp/x86_legacy.%d", getpid());
	CHECK_EQ(syscall6(__NR_mkdir, (long)base, 0755, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_mkdir, (long)base, 0755, 0, 0, 0, 0), EEXIST);
	CHECK_EQ(syscall6(__NR_chdir, (long)base, 0, 0, 0, 0, 0), 0);

	fd = syscall6(__NR_creat, (long)"f", 0644, 0, 0, 0, 0);
	CHECK(fd >= 0, "creat: %ld", fd);
	CHECK_EQ(write((int)fd, "abc", 3), 3);
	CHECK_EQ(close((int)fd), 0);
	fd = syscall6(__NR_open, (long)"f", O_RDONLY, 0, 0, 0, 0);
	CHECK(fd >= 0, "open: %ld", fd);
	CHECK_EQ(close((int)fd), 0);
	CHECK_ERR(syscall6(__NR_open, (long)"f", O_RDONLY | O_CREAT | O_EXCL, 0644, 0, 0, 0), EEXIST);

	CHECK_EQ(syscall6(__NR_stat, (long)"f", (long)&st, 0, 0, 0, 0), 0);
	CHECK_EQ(fstatat(AT_FDCWD, "f", &st2, 0), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_EQ(st.st_size, 3);
	CHECK_ERR(syscall6(__NR_stat, (long)"missing", (long)&st, 0, 0, 0, 0), ENOENT);
	CHECK_EQ(syscall6(__NR_access, (long)"f", R_OK | W_OK, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_access, (long)"f", X_OK, 0, 0, 0, 0), EACCES);

	CHECK_EQ(syscall6(__NR_symlink, (long)"f", (long)"l", 0, 0, 0, 0), 0);
	CHECK_EQ(syscall6(__NR_lstat, (long)"l", (long)&st, 0, 0, 0, 0), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
	CHECK_EQ(syscall6(__NR_readlink, (long)"l", (long)link, sizeof(link), 0, 0, 0), 1);
	CHECK_EQ(link[0], 'f');
	CHECK_ERR(syscall6(__NR_readlink, (long)"f", (long)link, sizeof(link), 0, 0, 0), EINVAL);

	CHECK_EQ(syscall6(__NR_rename, (long)"f", (long)"g", 0, 0, 0, 0), 0);
	CHECK_EQ(syscall6(__NR_renameat, AT_FDCWD, (long)"g", AT_FDCWD, (long)"h", 0, 0), 0);
	CHECK_ERR(syscall6(__NR_rename, (long)"g", (long)"i", 0, 0, 0, 0), ENOENT);
	CHECK_ERR(syscall6(__NR_unlink, (long)"missing", 0, 0, 0, 0, 0), ENOENT);
	CHECK_EQ(syscall6(__NR_unlink, (long)"h", 0, 0, 0, 0, 0), 0);
	CHECK_EQ(syscall6(__NR_unlink, (long)"l", 0, 0, 0, 0, 0), 0);
	CHECK_EQ(syscall6(__NR_chdir, (long)"/", 0, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_unlink, (long)base, 0, 0, 0, 0, 0), EISDIR);
	CHECK_EQ(syscall6(__NR_rmdir, (long)base, 0, 0, 0, 0, 0), 0);
	CHECK_ERR(syscall6(__NR_rmdir, (long)base, 0, 0, 0, 0, 0), ENOENT);
}
#else
static void legacy_calls(void)
{
}
#endif

int main(void)
{
	legacy_calls();
	printf("the older path calls are the *at() ones\n");
	return 0;
}
