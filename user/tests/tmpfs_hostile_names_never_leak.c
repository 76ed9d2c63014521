/* EXPECT: exit 0 */
/*
 * Hostile use of names never hurts the kernel nor leaks: 300 directories nested inside
 * each other, walked into one by one (getcwd follows), removed from the inside out
 * with chdir("..") after each rmdir; a directory removed by a child while it is the
 * parent's working directory ("." has no links left, ".." leads back out); a symbolic link to
 * itself and a chain longer than 40 links end in ELOOP; a name of 256 bytes is
 * ENAMETOOLONG; /proc files of children that exit while they are open close cleanly.
 * Under Faultline, making more than tmpfs's 4096 inodes ends in ENOSPC, and removing
 * them gives every frame back (runall's leak check).
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEPTH 300

static char base[64];

/* In a child whose working directory is base: remove "gone". */
static int remove_gone(void *arg)
{
	(void)arg;
	return chdir(base) == 0 && rmdir("gone") == 0 ? 0 : 1;
}

static void nested(void)
{
	char cwd[4096];
	size_t len;

	CHECK_EQ(chdir(base), 0);
	for (int i = 0; i < DEPTH; i++) {
		CHECK_EQ(mkdir("d", 0755), 0);
		CHECK_EQ(chdir("d"), 0);
	}
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd, "getcwd at depth %d: %s", DEPTH, strerror(errno));
	len = strlen(base) + 2 * DEPTH;
	CHECK_EQ(strlen(cwd), len);
	for (int i = 0; i < DEPTH; i++) {
		CHECK_EQ(chdir(".."), 0);
		CHECK_EQ(rmdir("d"), 0);
	}
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd && strcmp(cwd, base) == 0, "back at \"%s\"", cwd);
}

static void removed_under_us(void)
{
	struct stat st;

	CHECK_EQ(mkdir("gone", 0755), 0);
	CHECK_EQ(chdir("gone"), 0);
	CHECK_EQ(run_in_child(remove_gone, NULL), 0);
	CHECK_EQ(stat(".", &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(chdir(".."), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, AT_FDCWD, (long)"gone", (long)&st, 0, 0, 0), ENOENT);
}

static void loops_and_long_names(void)
{
	char name[300], link[32], prev[32];
	struct stat st;

	CHECK_EQ(symlink("self", "self"), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, AT_FDCWD, (long)"self/x", (long)&st, 0, 0, 0), ELOOP);
	for (int i = 0; i <= 41; i++) {
		snprintf(link, sizeof(link), "l%d", i);
		snprintf(prev, sizeof(prev), "l%d", i + 1);
		CHECK_EQ(symlink(prev, link), 0);
	}
	CHECK_EQ(mkdir("l42", 0755), 0);
	CHECK_ERR(syscall6(__NR_newfstatat, AT_FDCWD, (long)"l0", (long)&st, 0, 0, 0), ELOOP);
	CHECK_EQ(stat("l2", &st), 0); /* 40 links: still allowed */
	CHECK(S_ISDIR(st.st_mode), "l2 does not lead to the directory");
	for (int i = 0; i <= 41; i++) {
		snprintf(link, sizeof(link), "l%d", i);
		CHECK_EQ(unlink(link), 0);
	}
	CHECK_EQ(rmdir("l42"), 0);
	CHECK_EQ(unlink("self"), 0);

	memset(name, 'n', 256);
	name[256] = '\0';
	CHECK_ERR(syscall6(__NR_mkdirat, AT_FDCWD, (long)name, 0755, 0, 0, 0), ENAMETOOLONG);
	name[255] = '\0';
	CHECK_EQ(mkdir(name, 0755), 0);
	CHECK_EQ(rmdir(name), 0);
}

static void proc_of_exiting_children(void)
{
	for (int i = 0; i < 20; i++) {
		char path[64], buf[256];
		pid_t pid = fork();
		int fd;

		CHECK(pid >= 0, "fork");
		if (pid == 0)
			_exit(0);
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		fd = open(path, O_RDONLY); /* it may be gone already */
		wait_child(pid, 0);
		if (fd >= 0) {
			(void)read(fd, buf, sizeof(buf)); /* Linux: ESRCH; Faultline: made at open */
			CHECK_EQ(close(fd), 0);
		}
	}
}

static void too_many_inodes(void)
{
	char name[32];
	int made = 0, r;

	CHECK_EQ(mkdir("many", 0755), 0);
	for (;;) {
		snprintf(name, sizeof(name), "many/%d", made);
		r = open(name, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (r < 0)
			break;
		CHECK_EQ(close(r), 0);
		made++;
	}
	CHECK(errno == ENOSPC, "stopped after %d files with errno %d, expected ENOSPC", made, errno);
	CHECK(made > 1000 && made < 4096, "%d files before ENOSPC", made);
	for (int i = 0; i < made; i++) {
		snprintf(name, sizeof(name), "many/%d", i);
		CHECK_EQ(unlink(name), 0);
	}
	CHECK_EQ(rmdir("many"), 0);
}

int main(void)
{
	snprintf(base, sizeof(base), "/tmp/tmpfs_hostile.%d", getpid());
	CHECK_EQ(mkdir(base, 0755), 0);
	nested();
	removed_under_us();
	loops_and_long_names();
	proc_of_exiting_children();
	if (on_faultline()) /* on Linux /tmp may hold millions */
		too_many_inodes();
	CHECK_EQ(chdir("/"), 0);
	CHECK_EQ(rmdir(base), 0);
	printf("deep, removed, looping and numerous names: no harm done\n");
	return 0;
}
