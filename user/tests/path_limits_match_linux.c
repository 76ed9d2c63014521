/* EXPECT: exit 0 */
/*
 * Path names are walked as Linux walks them, with Linux's limits: PATH_MAX (4096 bytes,
 * the NUL included) for a whole path and NAME_MAX (255) for one component.
 *   - relative paths of 95 and 96 bytes, and one of 4095 bytes (a run of '/'), open
 *     /data/hello.txt: the same bytes as its absolute path gives;
 *   - 4096 bytes without a NUL is ENAMETOOLONG; the empty path is ENOENT;
 *   - a 256-byte component is ENAMETOOLONG, a 255-byte one that does not exist ENOENT;
 *   - "hello.txt/" and "hello.txt/x" are ENOTDIR; ".." of a missing directory is ENOENT;
 *   - O_CREAT in a missing directory is ENOENT, under a file ENOTDIR (whether the file
 *     system could create it does not matter then);
 *   - execve() of exec_target through a 95-byte relative path runs exec_target.
 * Relative paths climb from the working directory with "../" first, so that they reach
 * the same file on Linux (the test harness there runs tests in a temporary directory).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define PATH_MAX 4096
#define CLIMB    "../../../../../../../.." /* from any working directory to "/" */

static char path[PATH_MAX + 16];

/* A relative path of exactly len bytes to the absolute path abs, in path[]. */
static const char *relative(const char *abs, size_t len)
{
	size_t climb = strlen(CLIMB), fixed = climb + strlen(abs);

	CHECK(len >= fixed && len < sizeof(path), "cannot make %s %zu bytes long", abs, len);
	memcpy(path, CLIMB, climb);
	memset(path + climb, '/', len - fixed);
	memcpy(path + len - strlen(abs), abs, strlen(abs) + 1);
	CHECK_EQ(strlen(path), len);
	return path;
}

/* open path and read it: its first bytes, in buf; -errno if open failed. */
static long read_file(const char *p, char *buf, size_t size)
{
	int fd = open(p, O_RDONLY);
	long n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

static void check_opens_hello(size_t len)
{
	char want[64], got[64];
	long n = read_file(rootpath("/data/hello.txt"), want, sizeof(want));
	const char *p = relative(rootpath("/data/hello.txt"), len);

	CHECK(n > 0, "read /data/hello.txt: %ld", n);
	CHECK(read_file(p, got, sizeof(got)) == n && !memcmp(got, want, (size_t)n),
	      "a %zu-byte relative path to hello.txt does not read hello.txt", len);
}

static long open_err(const char *p)
{
	int fd = open(p, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 0 : -errno;
}

/* open(p, O_CREAT | O_WRONLY), which must fail here: -errno. */
static long creat_err(const char *p)
{
	int fd = open(p, O_CREAT | O_WRONLY, 0644);

	CHECK(fd < 0, "O_CREAT of %s succeeded", p);
	return -errno;
}

static int exec_relative(void *arg)
{
	char *argv[] = { "exec_target", "42", "two words", NULL };
	char *envp[] = { "EXEC_TARGET=1", NULL };
	const char *p = relative(rootpath("/tests/exec_target"), 95);

	(void)arg;
	execve(p, argv, envp);
	if (errno == ENOEXEC && under_qemu_user()) {
		static char qemu[64];
		struct utsname u;

		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		char *qargv[] = { qemu, "-0", "exec_target", (char *)p, "42", "two words", NULL };

		note("no binfmt_misc for this arch: running exec_target through %s", qemu);
		execve(qemu, qargv, envp);
	}
	return 100 + errno;
}

int main(void)
{
	char name[300];
	int status;

	check_opens_hello(95);
	check_opens_hello(96);
	check_opens_hello(PATH_MAX - 1);

	memset(path, '/', PATH_MAX);
	path[PATH_MAX] = '\0';
	CHECK_EQ(open_err(path), -ENAMETOOLONG);
	CHECK_EQ(open_err(""), -ENOENT);

	memset(name, 'n', sizeof(name));
	snprintf(path, sizeof(path), "%s/%.*s", rootpath("/data"), 256, name);
	CHECK_EQ(open_err(path), -ENAMETOOLONG);
	snprintf(path, sizeof(path), "%s/%.*s", rootpath("/data"), 255, name);
	CHECK_EQ(open_err(path), -ENOENT);

	snprintf(path, sizeof(path), "%s/", rootpath("/data/hello.txt"));
	CHECK_EQ(open_err(path), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/x", rootpath("/data/hello.txt"));
	CHECK_EQ(open_err(path), -ENOTDIR);
	snprintf(path, sizeof(path), "%s/no_such_dir/../hello.txt", rootpath("/data"));
	CHECK_EQ(open_err(path), -ENOENT);
	snprintf(path, sizeof(path), "%s/no_such_dir/new", rootpath("/data"));
	CHECK_EQ(creat_err(path), -ENOENT);
	snprintf(path, sizeof(path), "%s/new", rootpath("/data/hello.txt"));
	CHECK_EQ(creat_err(path), -ENOTDIR);
	printf("O_CREAT in a missing directory: ENOENT; under a file: ENOTDIR\n");

	status = run_in_child(exec_relative, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "exec_target by a 95-byte relative path: %s (100+n: errno n)", status_str(status));
	return 0;
}
