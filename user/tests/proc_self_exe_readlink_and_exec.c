/* EXPECT: exit 0 */
/*
 * /proc/self/exe is a link to the program running: readlink gives an absolute path
 * ending in this test's own /tests/<name>, the same as /proc/<pid>/exe; /proc/self is a
 * link to "<pid>"; and execve("/proc/self/exe") runs this program again (a child does,
 * with an argument that makes it exit 42 after checking the link once more). Under
 * qemu-user on a host without binfmt_misc that execve fails with ENOEXEC, and the child
 * runs the program through qemu instead.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define NAME "proc_self_exe_readlink_and_exec"
#define AGAIN "--run-again"

static char exe[512];

/* readlink of path into exe, NUL-terminated; its length. */
static long read_link(const char *path, char *buf, size_t size)
{
	long n = readlink(path, buf, size - 1);

	CHECK(n > 0, "readlink %s: %s", path, strerror(errno));
	buf[n] = '\0';
	return n;
}

static void check_exe(void)
{
	long n = read_link("/proc/self/exe", exe, sizeof(exe));
	const char *tail = "/tests/" NAME;

	CHECK(exe[0] == '/', "/proc/self/exe -> \"%s\" is not absolute", exe);
	CHECK(n >= (long)strlen(tail) && strcmp(exe + n - strlen(tail), tail) == 0,
	      "/proc/self/exe -> \"%s\" does not end in %s", exe, tail);
}

int main(int argc, char **argv)
{
	char path[64], other[512], self[32], pid[32];
	pid_t child;
	int status;

	check_exe();
	if (argc > 1 && strcmp(argv[1], AGAIN) == 0)
		return 42;

	snprintf(path, sizeof(path), "/proc/%d/exe", getpid());
	read_link(path, other, sizeof(other));
	CHECK(strcmp(exe, other) == 0, "%s -> \"%s\", /proc/self/exe -> \"%s\"", path, other, exe);
	read_link("/proc/self", self, sizeof(self));
	snprintf(pid, sizeof(pid), "%d", getpid());
	CHECK(strcmp(self, pid) == 0, "/proc/self -> \"%s\", expected \"%s\"", self, pid);

	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		char *args[] = { argv[0], AGAIN, NULL };
		char *env[] = { NULL };

		execve("/proc/self/exe", args, env);
		if (errno == ENOEXEC && under_qemu_user()) {
			/* No binfmt_misc for this arch on the host: qemu-user runs it instead. */
			static char qemu[96];
			struct utsname u;
			char *qargs[] = { qemu, "-0", argv[0], exe, AGAIN, NULL };

			CHECK_EQ(uname(&u), 0);
			snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
			note("no binfmt_misc for this arch: running %s through %s", exe, qemu);
			execve(qemu, qargs, env);
		}
		note("execve /proc/self/exe: %s", strerror(errno));
		_exit(1);
	}
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "the re-run ended with %s",
	      status_str(status));
	printf("/proc/self/exe names this program and runs it again\n");
	return 0;
}
