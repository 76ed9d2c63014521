/*
 * /init of the Linux reference VM (tools/linuxvm.py): Debian's Linux kernel boots in
 * QEMU with this program as init and the user tests a difftest run cannot run on the
 * host as they must run (userfaultfd under qemu-user, say). It runs on Linux only, so it
 * is built with the host's C library (static glibc), not Faultline's.
 *
 * It runs each test exactly as tools/difftest.py runs one on the host:
 *
 *   argv     { "/tests/NAME", the lines of /linuxvm/argv }
 *   envp     the lines of /linuxvm/envp, in order
 *   stdin    one pipe for all the tests, holding the bytes of /linuxvm/stdin and kept
 *            open, so that a read() past them blocks
 *   stdout, stderr   one pipe, copied to the console as it comes
 *   cwd      /tmp/difftest, an empty directory on tmpfs
 *   and      a process group of its own, every signal at its default action and
 *            unblocked, RLIMIT_CORE 0, no other descriptor open
 *
 * one after the other, in the order of /linuxvm/list, one test a line:
 *
 *     NAME SECONDS
 *
 * framing each on the console, after a line "@@@ linux RELEASE MACHINE VERSION" (uname):
 *
 *     @@@ begin NAME
 *     ...what it wrote...
 *     @@@ end NAME exit N | signal N | timeout
 *
 * ("@@@ end" always starts a line of its own). A test still running after SECONDS is
 * killed with its process group ("timeout"); when a test ends, whatever it left behind is
 * killed too, so the next one starts alone. Before the first test it mounts what a Linux
 * system has: devtmpfs on /dev (where /dev/userfaultfd lives), devpts on /dev/pts (and
 * /dev/ptmx), tmpfs on /dev/shm and /tmp, proc on /proc; a mount that fails is reported
 * as "@@@ setup: ..." and the tests still run. After the last test: "@@@ done", then
 * power-off.
 *
 * The tests are not children of init: Linux counts a process group whose members' parent
 * is init as orphaned (kernel/exit.c, will_become_orphaned_pgrp()) and drops the SIGTSTP,
 * SIGTTIN and SIGTTOU sent to it, where on the host the test's parent is difftest. So
 * init forks a runner, which runs the tests, in a session of its own, while init reaps
 * whatever is orphaned. Before each test the console's log level goes back to alerts
 * only (an oops in a previous test turns it up), so kernel messages stay out of the
 * tests' output; those that still come are dropped by tools/linuxvm.py.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS   32
#define FILE_MAX   65536
#define CWD        "/tmp/difftest"
#define LINGER_MS  2000	/* how long output of a test's leftovers is still taken */
#define SYSLOG_ACTION_CONSOLE_LEVEL 8	/* syslog(2), Linux's include/linux/syslog.h */

static char list_text[FILE_MAX], argv_text[FILE_MAX], envp_text[FILE_MAX];
static char stdin_text[FILE_MAX];

/* Write all of buf to the console (fd 1). */
static void say_bytes(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		say_bytes(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* The whole of file path into buf (NUL-terminated); its length, or -1. */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

/* Split text at newlines into words[first..] (NULL-terminated); returns the count. */
static int split_lines(char *text, char **words, int first)
{
	int n = first;

	for (char *line = text, *next; *line && n < MAX_ARGS - 1; line = next) {
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		words[n++] = line;
	}
	words[n] = NULL;
	return n;
}

static void mount_or_say(const char *source, const char *target, const char *type,
			 const char *data)
{
	mkdir(target, 0755);
	if (mount(source, target, type, 0, data) < 0)
		say("@@@ setup: mount %s on %s: %s\n", type, target, strerror(errno));
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* In the child: become the test as difftest's reset_signals() and Popen make it. */
static void exec_test(char **argv, char **envp, int stdin_fd, int out_fd)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t none;

	setpgid(0, 0);
	setrlimit(RLIMIT_CORE, &no_core);
	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (chdir(CWD) < 0 || dup2(stdin_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0)
		_exit(126);
	execve(argv[0], argv, envp);
	dprintf(2, "linuxvm_init: execve %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/*
 * Copy what is readable on fd to the console, waiting at most wait_ms; *last gets the
 * last byte copied. Returns 0 at end of file, 1 otherwise.
 */
static int copy_output(int fd, int wait_ms, char *last)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[4096];
	ssize_t n;

	if (poll(&pfd, 1, wait_ms) <= 0)
		return 1;
	n = read(fd, buf, sizeof(buf));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return 0;
	say_bytes(buf, (size_t)n);
	*last = buf[n - 1];
	return 1;
}

/* Run one test for at most seconds with its output framed on the console. */
static void run_test(const char *name, int seconds, char **argv, char **envp, int stdin_fd)
{
	char path[256], last = '\n';
	int out[2], status = 0, open_ = 1, ended = 0;
	long deadline = now_ms() + seconds * 1000L, linger;
	pid_t pid;

	snprintf(path, sizeof(path), "/tests/%s", name);
	argv[0] = path;
	klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 1);
	say("@@@ begin %s\n", name);
	if (pipe2(out, O_CLOEXEC) < 0) {
		say("linuxvm_init: pipe: %s\n@@@ end %s exit 126\n", strerror(errno), name);
		return;
	}
	pid = fork();
	if (pid == 0)
		exec_test(argv, envp, stdin_fd, out[1]);
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		say("linuxvm_init: fork: %s\n@@@ end %s exit 126\n", strerror(errno), name);
		return;
	}
	setpgid(pid, pid);
	while (!ended && now_ms() < deadline) {
		if (open_)
			open_ = copy_output(out[0], 50, &last);
		else
			usleep(50 * 1000);
		ended = waitpid(pid, &status, WNOHANG) == pid;
	}
	if (!ended) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	/* What the test's group left behind dies; output still in the pipe is taken, and
	 * that of anything outside the group for a little while, then everything dies. */
	kill(-pid, SIGKILL);
	for (linger = now_ms() + LINGER_MS; open_ && now_ms() < linger;)
		open_ = copy_output(out[0], 50, &last);
	kill(-1, SIGKILL);
	while (open_)
		open_ = copy_output(out[0], 1000, &last);
	close(out[0]);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	if (last != '\n')
		say("\n");
	if (!ended)
		say("@@@ end %s timeout\n", name);
	else if (WIFSIGNALED(status))
		say("@@@ end %s signal %d\n", name, WTERMSIG(status));
	else
		say("@@@ end %s exit %d\n", name, WEXITSTATUS(status));
}

/* The runner: every test of /linuxvm/list in turn; 0, or 1 if it could not start. */
static int run_list(void)
{
	char *argv[MAX_ARGS], *envp[MAX_ARGS];
	ssize_t stdin_len;
	int stdin_pipe[2];

	setsid();
	stdin_len = slurp("/linuxvm/stdin", stdin_text, sizeof(stdin_text));
	if (slurp("/linuxvm/list", list_text, sizeof(list_text)) < 0 ||
	    slurp("/linuxvm/argv", argv_text, sizeof(argv_text)) < 0 ||
	    slurp("/linuxvm/envp", envp_text, sizeof(envp_text)) < 0 || stdin_len < 0) {
		say("@@@ setup: cannot read /linuxvm/\n");
		return 1;
	}
	split_lines(argv_text, argv, 1);
	split_lines(envp_text, envp, 0);
	/* The write end stays open (and out of the tests): a read past the line blocks. */
	if (pipe2(stdin_pipe, O_CLOEXEC) < 0 ||
	    write(stdin_pipe[1], stdin_text, (size_t)stdin_len) != stdin_len) {
		say("@@@ setup: stdin pipe: %s\n", strerror(errno));
		return 1;
	}
	for (char *line = list_text, *next; *line; line = next) {
		char *space;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		space = strchr(line, ' ');
		if (!space)
			continue;
		*space = '\0';
		run_test(line, atoi(space + 1), argv, envp, stdin_pipe[0]);
	}
	return 0;
}

int main(void)
{
	struct utsname uts;
	pid_t runner, pid;
	int status = 0;

	/* A line of its own: the firmware may have left the cursor in the middle of one. */
	if (uname(&uts) == 0)
		say("\n@@@ linux %s %s %s\n", uts.release, uts.machine, uts.version);
	mount_or_say("dev", "/dev", "devtmpfs", NULL);
	mount_or_say("devpts", "/dev/pts", "devpts", "ptmxmode=0666,mode=0620");
	if (access("/dev/ptmx", F_OK) < 0)
		symlink("pts/ptmx", "/dev/ptmx");
	mount_or_say("shm", "/dev/shm", "tmpfs", NULL);
	mount_or_say("proc", "/proc", "proc", NULL);
	mount_or_say("tmp", "/tmp", "tmpfs", NULL);
	mkdir(CWD, 0700);
	runner = fork();
	if (runner == 0)
		_exit(run_list());
	while (runner > 0 && (pid = wait(&status)) != runner)
		if (pid < 0 && errno != EINTR)
			break;
	if (runner < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		say("@@@ setup: the runner failed\n");
	say("@@@ done\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
