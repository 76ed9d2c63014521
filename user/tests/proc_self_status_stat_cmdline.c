/* EXPECT: exit 0 */
/*
 * /proc/<pid>/status, stat and cmdline in Linux's formats: status has "Name:\t<the
 * program's name, 15 characters at most>", "State:\tR (running)", "Tgid:", "Pid:",
 * "PPid:" with the caller's ids and a "VmRSS:" in kB; stat starts "<pid> (<name>) R
 * <ppid>"; cmdline is argv with a NUL after each; /proc/self lists cmdline, exe, maps,
 * stat and status, and /proc a directory for the caller's pid; a child's /proc/<pid>/status shows it stopped ("T (stopped)") after
 * SIGSTOP, and once it has been reaped its directory is gone (ENOENT).
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "proc_self_status_stat_cmdline"

static char text[8192];

/* Read all of path into text; its length. */
static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	while ((n = read(fd, text + len, sizeof(text) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK(n == 0, "read %s: %s", path, strerror(errno));
	text[len] = '\0';
	CHECK_EQ(close(fd), 0);
	return len;
}

/* Is line (with its newline) in text? */
static bool has_line(const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; *p;) {
		if (strncmp(p, line, n) == 0 && p[n] == '\n')
			return true;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return false;
}

/* Does some line of text start with prefix? */
static bool has_prefix(const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, prefix, n) == 0)
			return true;
	}
	return false;
}

static void expect_line(const char *fmt, long value)
{
	char line[64];

	snprintf(line, sizeof(line), fmt, value);
	CHECK(has_line(line), "no line \"%s\" in:\n%s", line, text);
}

/* /proc lists a directory named after our pid. */
static void check_proc_lists_us(void)
{
	static char buf[4096] __aligned(8);
	char pid[16];
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	bool found = false;
	long n;

	snprintf(pid, sizeof(pid), "%d", getpid());
	CHECK(fd >= 0, "open /proc: %s", strerror(errno));
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (!strcmp(d->d_name, pid)) {
				CHECK_EQ(d->d_type, DT_DIR);
				found = true;
			}
		}
	CHECK_EQ(n, 0);
	CHECK(found, "/proc does not list %s", pid);
	CHECK_EQ(close(fd), 0);
}

static void check_listing(void)
{
	static char buf[2048] __aligned(8);
	static const char *const want[] = { "cmdline", "exe", "maps", "stat", "status" };
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY), found = 0;
	long n;

	CHECK(fd >= 0, "open /proc/self: %s", strerror(errno));
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
			for (size_t i = 0; i < ARRAY_SIZE(want); i++)
				if (!strcmp(((struct linux_dirent64 *)(buf + off))->d_name, want[i]))
					found |= 1 << i;
	CHECK_EQ(n, 0);
	CHECK_EQ(found, (1 << ARRAY_SIZE(want)) - 1);
	CHECK_EQ(close(fd), 0);
}

int main(int argc, char **argv)
{
	char path[64], prefix[96];
	long len, at = 0;
	pid_t child;
	int status;

	read_file("/proc/self/status");
	if (!under_qemu_user()) /* there the process is qemu-riscv64 */
		CHECK(has_line("Name:\t" "proc_self_statu"), "no Name line in:\n%s", text);
	expect_line("Pid:\t%ld", getpid());
	expect_line("Tgid:\t%ld", getpid());
	expect_line("PPid:\t%ld", getppid());
	CHECK(has_line("State:\tR (running)"), "no running State line in:\n%s", text);
	CHECK(has_prefix("VmRSS:"), "no VmRSS line in:\n%s", text);

	read_file("/proc/self/stat");
	snprintf(prefix, sizeof(prefix), "%d (%s) R %d ", getpid(), "proc_self_statu", getppid());
	if (!under_qemu_user())
		CHECK(strncmp(text, prefix, strlen(prefix)) == 0, "stat \"%.60s\", expected \"%s...\"",
		      text, prefix);

	len = read_file("/proc/self/cmdline");
	for (int i = 0; i < argc; i++) {
		CHECK(at + (long)strlen(argv[i]) < len && strcmp(text + at, argv[i]) == 0,
		      "cmdline argument %d is \"%s\", expected \"%s\"", i, text + at, argv[i]);
		at += (long)strlen(argv[i]) + 1;
	}
	CHECK_EQ(len, at);
	check_listing();
	check_proc_lists_us();

	/* Another process: stopped, then gone. */
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		for (;;)
			pause();
	}
	CHECK_EQ(kill(child, SIGSTOP), 0);
	status = wait_child(child, WUNTRACED);
	CHECK(WIFSTOPPED(status), "the child did not stop: %s", status_str(status));
	snprintf(path, sizeof(path), "/proc/%d/status", child);
	read_file(path);
	CHECK(has_line("State:\tT (stopped)"), "no stopped State line in:\n%s", text);
	expect_line("PPid:\t%ld", getpid());
	CHECK_EQ(kill(child, SIGKILL), 0);
	status = wait_child(child, 0);
	CHECK(WIFSIGNALED(status), "the child was not killed: %s", status_str(status));
	errno = 0;
	CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT, "open %s of a reaped child: errno %d",
	      path, errno);
	printf("/proc/<pid>/status, stat and cmdline as Linux's\n");
	return 0;
}
