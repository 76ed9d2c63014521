/*
 * /tests/runall: run every user test and report each on one line, TAP style.
 *
 *   runall [--root DIR] [--no-leak-check] [--interp PROG] [--timeout SEC] [--lab LAB] [NAME...]
 *
 * It reads /tests/list ("<name> exit <N>" or "<name> signal <N>" per line, made by
 * user/user.mk from each test's EXPECT comment, with " console" after it for a test
 * marked NEEDS: console), prints "1..<count>", then for each test (or only the NAMEs
 * given):
 *
 *   reads MemFree from /proc/meminfo, forks, execs /tests/<name> with
 *     argv = { "/tests/<name>", "faultline", "two words", NULL }
 *     envp = { "FAULTLINE_TEST=1", "HOME=/", NULL }
 *   waits for it (reaping any orphan that ends meanwhile: runall may be process 1),
 *   reads MemFree again, and prints "ok <i> <name>" or "not ok <i> <name> # <why>".
 *
 * Each test's output is framed by "# begin <name>" and "# end <name> <how it ended>"
 * ("exit 0", "signal 11 (SIGSEGV)"), so that a console log can be cut into one section
 * per test (tools/difftest.py compares them with the same tests run on Linux).
 *
 * A test fails if it ends otherwise than its EXPECT line says, runs longer than the
 * timeout (default 60 s; it is then killed), or changes MemFree: every frame a test
 * used must be free again once it has been reaped. For that comparison to mean
 * anything, runall itself allocates nothing between the two reads: its buffers are
 * static and its stack is touched before the first test.
 *
 * Booted as init (init=/tests/runall), runall is process 1 and no session owns the
 * console, so the tests marked NEEDS: console make it their controlling terminal and
 * read the line tools/runtests.py types at it. Started by hand from the shell, the
 * shell's session owns the console and nobody types that line: such a test could only
 * fail or wait for its timeout, so runall reports it "ok <i> <name> # SKIP ..." (TAP's
 * skip) without running it, and says how to run it.
 *
 * Exit status: 0 if every test passed, 1 otherwise, 2 on a usage or setup error.
 *
 * --lab LAB keeps only the tests graded for that lab ("all": for any lab), as listed in
 * /tests/labs ("<name> <lab> <points>" per line, made by user/user.mk from each test's
 * "LAB: <lab> <points>" comment line); tools/grade.py boots with it.
 *
 * For running the same tests on Linux: --root DIR prefixes every path of the initrd
 * (not /proc/meminfo); --no-leak-check skips MemFree, which other processes move on a
 * real system; --interp PROG runs each test as "PROG -0 /tests/<name> DIR/tests/<name>
 * ...", for qemu-riscv64 on a host without binfmt_misc.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TESTS 1024
#define MAX_PATH  512
#define POLL_NS   (20 * 1000 * 1000L) /* how often a running test is checked on */

struct test {
	const char *name;
	bool expect_signal; /* true: must be killed by signal `expect`; false: exit `expect` */
	int expect;
	bool needs_console; /* "console" in its list line: must run with runall as init */
};

/* Static, so that nothing is allocated while a test's MemFree is being compared. */
static char list_buf[65536];
static struct test tests[MAX_TESTS];
static int nr_tests;
static char meminfo_buf[4096];
static char labs_buf[8192];

/* Options. */
static const char *root = "";
static const char *interp;
static bool leak_check = true;
static long timeout_sec = 60;
static const char *lab;

static char *const test_envp[] = { "FAULTLINE_TEST=1", "HOME=/", NULL };
/* qemu-user hands its environment to the program in reverse order (linux-user/main.c
 * builds a list by prepending), so through --interp we pass it reversed. */
static char *const test_envp_reversed[] = { "HOME=/", "FAULTLINE_TEST=1", NULL };

/* The value in kB of /proc/meminfo's line "<key>   12345 kB" in meminfo_buf, or -1. */
static long meminfo_kb(const char *key)
{
	size_t len = strlen(key);
	char *p;

	for (p = meminfo_buf; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (!strncmp(p, key, len)) {
			char *end;
			long kb = strtol(p + len, &end, 10);

			return end != p + len && !strncmp(end, " kB", 3) ? kb : -1;
		}
	}
	return -1;
}

/*
 * Memory in kB that no test holds: MemFree plus Cached, from /proc/meminfo, or -1. The
 * page cache keeps a file's pages after the test that read them (Linux does the same),
 * and gives them back under pressure, so they are not a leak.
 */
static long mem_free_kb(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	long free_kb, cached_kb;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, meminfo_buf, sizeof(meminfo_buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	meminfo_buf[n] = '\0';
	free_kb = meminfo_kb("MemFree:");
	cached_kb = meminfo_kb("Cached:");
	if (free_kb < 0)
		return -1;
	return free_kb + (cached_kb > 0 ? cached_kb : 0);
}

/*
 * Read root/tests/labs into labs_buf. Returns 0, or -1 if it cannot be read.
 */
static int read_labs(void)
{
	char path[MAX_PATH];
	ssize_t len = 0, n;
	int fd;

	snprintf(path, sizeof(path), "%s/tests/labs", root);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("# %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, labs_buf + len, sizeof(labs_buf) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	labs_buf[len] = '\0';
	return 0;
}

/* Whether /tests/labs (in labs_buf) grades test name for lab ("all": any lab). */
static bool graded_for_lab(const char *name)
{
	size_t len = strlen(name);

	for (const char *p = labs_buf; *p; ) {
		const char *tag = p + len + 1;
		const char *next = strchr(p, '\n');

		if (!strncmp(p, name, len) && p[len] == ' ' &&
		    (!strcmp(lab, "all") ||
		     (!strncmp(tag, lab, strlen(lab)) && tag[strlen(lab)] == ' ')))
			return true;
		if (!next)
			break;
		p = next + 1;
	}
	return false;
}

/* Read root/tests/list into tests[], keeping only the names in want (all if none). */
static int read_list(char **want)
{
	char path[MAX_PATH];
	ssize_t len = 0, n;
	int fd, line_no = 0;

	snprintf(path, sizeof(path), "%s/tests/list", root);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("# %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, list_buf + len, sizeof(list_buf) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	list_buf[len] = '\0';
	if ((size_t)len == sizeof(list_buf) - 1) {
		printf("# %s: longer than the %zu bytes runall has room for\n", path, sizeof(list_buf) - 1);
		return -1;
	}

	for (char *line = list_buf, *next; *line; line = next) {
		char *kind, *num, *flag, *end;
		struct test parsed, *t = &parsed;

		line_no++;
		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		kind = strchr(line, ' ');
		num = kind ? strchr(kind + 1, ' ') : NULL;
		if (!num) {
			printf("# %s:%d: not \"<name> exit|signal <N>\"\n", path, line_no);
			return -1;
		}
		*kind++ = '\0';
		*num++ = '\0';
		flag = strchr(num, ' ');
		if (flag)
			*flag++ = '\0';
		t->needs_console = flag && !strcmp(flag, "console");
		if (flag && !t->needs_console) {
			printf("# %s:%d: unknown word \"%s\"\n", path, line_no, flag);
			return -1;
		}
		t->name = line;
		t->expect = (int)strtol(num, &end, 10);
		t->expect_signal = !strcmp(kind, "signal");
		if (*end || (!t->expect_signal && strcmp(kind, "exit"))) {
			printf("# %s:%d: not \"<name> exit|signal <N>\"\n", path, line_no);
			return -1;
		}
		bool wanted = !want[0];

		for (char **w = want; *w; w++)
			wanted |= !strcmp(*w, t->name);
		if (lab)
			wanted = wanted && graded_for_lab(t->name);
		if (!wanted)
			continue;
		if (nr_tests == MAX_TESTS) {
			printf("# %s: more than %d tests: raise MAX_TESTS\n", path, MAX_TESTS);
			return -1;
		}
		tests[nr_tests++] = parsed;
	}
	return 0;
}

/* In the child: exec the test at path (as argv0) with the standard argv and envp. */
static __noreturn void exec_test(const char *path, const char *argv0)
{
	char *argv[] = { (char *)argv0, "faultline", "two words", NULL };
	char *iargv[] = { (char *)interp, "-0", (char *)argv0, (char *)path,
			  "faultline", "two words", NULL };

	if (interp)
		execve(interp, iargv, test_envp_reversed);
	else
		execve(path, argv, test_envp);
	printf("# exec %s: %s\n", interp ? interp : path, strerror(errno));
	_exit(127);
}

static long now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Wait for child pid, reaping any other child that ends meanwhile (orphans reparented
 * to us when we are process 1). Kill it after timeout_sec. Returns its wait status and
 * sets *timed_out, or returns -1 if it cannot be waited for.
 */
static int wait_test(pid_t pid, bool *timed_out)
{
	const struct timespec poll = { 0, POLL_NS };
	long deadline = now_sec() + timeout_sec;
	int status;
	pid_t got;

	*timed_out = false;
	for (;;) {
		got = wait4(-1, &status, WNOHANG, NULL);
		if (got == pid)
			return status;
		if (got < 0)
			return -1;
		if (got > 0)
			continue; /* an orphan: reaped, keep waiting */
		if (!*timed_out && now_sec() >= deadline) {
			*timed_out = true;
			if (kill(pid, SIGKILL) < 0)
				printf("# cannot kill pid %d: %s\n", pid, strerror(errno));
		}
		nanosleep(&poll, NULL);
	}
}

/* "exit 3" or "signal 11 (SIGSEGV)" into buf. */
static void describe(char *buf, size_t size, bool is_signal, int n)
{
	const char *name = is_signal ? signal_name(n) : NULL;

	snprintf(buf, size, "%s %d%s%s%s", is_signal ? "signal" : "exit", n,
		 name ? " (" : "", name ? name : "", name ? ")" : "");
}

/* Run test number i (from 1); print its line. Returns true if it passed. */
static bool run_test(int i, const struct test *t)
{
	char path[MAX_PATH], argv0[MAX_PATH], want[64], got[64], why[256];
	long before, after;
	bool timed_out;
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/tests/%s", root, t->name);
	snprintf(argv0, sizeof(argv0), "/tests/%s", t->name);
	why[0] = '\0';

	printf("# begin %s\n", t->name);
	before = leak_check ? mem_free_kb() : -1;
	pid = fork();
	if (pid < 0) {
		printf("# end %s\n", t->name);
		printf("not ok %d %s # fork: %s\n", i, t->name, strerror(errno));
		return false;
	}
	if (pid == 0)
		exec_test(path, argv0);
	status = wait_test(pid, &timed_out);
	while (wait4(-1, NULL, WNOHANG, NULL) > 0)
		; /* orphans that ended with the test */
	after = leak_check ? mem_free_kb() : -1;

	describe(want, sizeof(want), t->expect_signal, t->expect);
	if (status < 0)
		snprintf(got, sizeof(got), "no status (wait4: %s)", strerror(errno));
	else if (WIFEXITED(status))
		describe(got, sizeof(got), false, WEXITSTATUS(status));
	else
		describe(got, sizeof(got), true, WTERMSIG(status));

	printf("# end %s %s%s\n", t->name, timed_out ? "timed out, then " : "", got);
	if (timed_out)
		snprintf(why, sizeof(why), "timed out after %ld s, then %s", timeout_sec, got);
	else if (strcmp(want, got))
		snprintf(why, sizeof(why), "expected %s, got %s", want, got);
	if (before >= 0 && after >= 0 && before != after) {
		char leak[64];

		if (after < before)
			snprintf(leak, sizeof(leak), "leaked %ld kB", before - after);
		else
			snprintf(leak, sizeof(leak), "MemFree grew by %ld kB", after - before);
		if (why[0])
			printf("# %s: also %s\n", t->name, leak);
		else
			strlcpy(why, leak, sizeof(why));
	}
	if (why[0])
		printf("not ok %d %s # %s\n", i, t->name, why);
	else
		printf("ok %d %s\n", i, t->name);
	return !why[0];
}

/* Fault in the stack that the test loop will use, so it does not grow during a test. */
static __noinline void touch_stack(void)
{
	volatile char pad[16384];

	for (size_t i = 0; i < sizeof(pad); i += 512)
		pad[i] = 0;
}

/*
 * Run /tests/exec_target once before measuring anything: the kernel's first fork and
 * exec may set up things it keeps (caches, tables) that are not leaks.
 */
static void warm_up(void)
{
	char path[MAX_PATH];
	char *argv[] = { "/tests/exec_target", "0", "two words", NULL };
	char *iargv[] = { (char *)interp, "-0", argv[0], path, "0", "two words", NULL };
	char *envp[] = { "EXEC_TARGET=1", NULL };
	int status = -1;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/tests/exec_target", root);
	pid = fork();
	if (pid == 0) {
		if (interp)
			execve(interp, iargv, envp);
		else
			execve(path, argv, envp);
		_exit(127);
	}
	while (pid > 0 && wait4(-1, &status, 0, NULL) != pid)
		;
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		printf("# warm-up run of %s failed (status %#x)\n", path, status);
}

static int usage(void)
{
	printf("usage: runall [--root DIR] [--no-leak-check] [--interp PROG] "
	       "[--timeout SEC] [--lab LAB] [NAME...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	int i, failed = 0;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--root") && i + 1 < argc)
			root = argv[++i];
		else if (!strcmp(argv[i], "--interp") && i + 1 < argc)
			interp = argv[++i];
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout_sec = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--lab") && i + 1 < argc)
			lab = argv[++i];
		else if (!strcmp(argv[i], "--no-leak-check"))
			leak_check = false;
		else
			return usage();
	}
	if (lab && read_labs() < 0)
		return 2;
	if (read_list(argv + i) < 0)
		return 2;
	if (leak_check && mem_free_kb() < 0) {
		printf("# no /proc/meminfo: frame leaks are not checked\n");
		leak_check = false;
	}
	touch_stack();
	warm_up();

	printf("1..%d\n", nr_tests);
	for (i = 0; i < nr_tests; i++) {
		if (tests[i].needs_console && getpid() != 1) {
			printf("ok %d %s # SKIP needs the console to itself: "
			       "boot with init=/tests/runall\n", i + 1, tests[i].name);
			continue;
		}
		failed += !run_test(i + 1, &tests[i]);
	}
	printf("# %d passed, %d failed\n", nr_tests - failed, failed);
	return failed ? 1 : 0;
}
