/* EXPECT: exit 0 */
/*
 * execve() takes as many arguments as Linux does, and refuses what Linux refuses:
 *   - 1000 arguments of 1 KiB each arrive intact (the test runs itself again, with
 *     EXEC_ARGS_CHECK in the environment, and that run checks every byte);
 *   - a string of MAX_ARG_STRLEN (128 KiB) with its NUL arrives; one byte more is E2BIG,
 *     in argv or in envp, but a missing file is still ENOENT and a directory EACCES:
 *     Linux looks the file up first;
 *   - strings over a quarter of the 8 MiB default stack limit in all (20 of 127 KiB)
 *     are E2BIG;
 *   - an empty argv gives the program argc 1 and argv[0] "", as Linux does since 5.18;
 *   - 200,000 pointers to one empty string arrive as 200,000 empty arguments (execve
 *     reads each string's own bytes, not the rest of its page: this run must end well
 *     within the runner's timeout);
 *   - an argv whose NULL, and a string whose NUL, are the last bytes before a PROT_NONE
 *     page arrive: nothing past them is read.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARG_STRLEN (128 * 1024)
#define RAN_CODE       42
#define NR_EMPTY       200000
#define PAGE           4096 /* both arches */

enum mode { MANY, LONGEST, EMPTY_ARGV, MANY_EMPTY, BEFORE_GUARD };

static const char *self;
static char **args;        /* the argv to exec with */
static char *env_mode[3];  /* "EXEC_ARGS_CHECK=<mode>", an optional big string, NULL */

/* Byte j of argument i in the MANY and LONGEST runs. */
static char arg_byte(long i, long j)
{
	return (char)('a' + (i * 7 + j) % 26);
}

/* A string of len bytes (NUL not counted) for argument i, in fresh memory. */
static char *make_arg(long i, size_t len)
{
	char *s = mmap(NULL, len + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(s != MAP_FAILED, "mmap: %s", strerror(errno));
	for (size_t j = 0; j < len; j++)
		s[j] = arg_byte(i, (long)j);
	s[len] = '\0';
	return s;
}

/* In the run started by exec: are the arguments as the mode says? */
static int check_run(enum mode mode, int argc, char **argv)
{
	long want_argc = mode == MANY ? 1001 : mode == LONGEST || mode == BEFORE_GUARD ? 2 :
			 mode == MANY_EMPTY ? NR_EMPTY + 1 : 1;

	if (argc != want_argc) {
		printf("# exec_args_linux_limits: argc %d, expected %ld\n", argc, want_argc);
		return 1;
	}
	if (mode == EMPTY_ARGV)
		return argv[0][0] == '\0' ? RAN_CODE : 2;
	if (mode == BEFORE_GUARD)
		return strcmp(argv[1], "at the edge") == 0 ? RAN_CODE : 3;
	if (mode == MANY_EMPTY) {
		for (int i = 1; i < argc; i++)
			if (argv[i][0] != '\0')
				return 3;
		return RAN_CODE;
	}
	for (int i = 1; i < argc; i++) {
		size_t len = mode == MANY ? 1023 : MAX_ARG_STRLEN - 1;

		if (strlen(argv[i]) != len)
			return 3;
		for (size_t j = 0; j < len; j++)
			if (argv[i][j] != arg_byte(i, (long)j))
				return 4;
	}
	return RAN_CODE;
}

/* In a child: exec self with args and env_mode; 100 + errno if that fails. */
static int exec_self(void *unused)
{
	(void)unused;
	execve(self, args, env_mode);
	if (errno == ENOEXEC && under_qemu_user()) {
		static char qemu[64];
		static char **qargv;
		struct utsname u;
		int n = 0, nr_args = 0;

		while (args[nr_args])
			nr_args++;
		qargv = malloc((size_t)(nr_args + 5) * sizeof(char *));
		if (!qargv)
			return 100 + ENOMEM;
		uname(&u);
		snprintf(qemu, sizeof(qemu), "/usr/bin/qemu-%s", u.machine);
		qargv[n++] = qemu;
		qargv[n++] = "-0";
		qargv[n++] = args[0] ? args[0] : "";
		qargv[n++] = (char *)self;
		for (int i = 1; args[0] && args[i]; i++)
			qargv[n++] = args[i];
		qargv[n] = NULL;
		execve(qemu, qargv, env_mode);
	}
	return 100 + errno;
}

static void check_runs(const char *what)
{
	int status = run_in_child(exec_self, NULL);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == RAN_CODE,
	      "%s: %s (1-4: arguments wrong; 100+n: execve failed with errno n)", what,
	      status_str(status));
}

static void check_e2big(const char *what)
{
	errno = 0;
	CHECK(execve(self, args, env_mode) == -1 && errno == E2BIG, "%s: errno %d, expected E2BIG",
	      what, errno);
}

/*
 * Exec self with "at the edge" as argv[1], its NUL the last byte of a page, and argv's
 * NULL the last word of another page, each page followed by a PROT_NONE one.
 */
static void check_before_guard(void)
{
	char *pages = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
	char *edge = pages + PAGE - sizeof("at the edge");
	char **edge_args = (char **)(void *)(pages + 3 * PAGE) - 3;

	CHECK(pages != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(mprotect(pages + PAGE, PAGE, PROT_NONE), 0);
	CHECK_EQ(mprotect(pages + 3 * PAGE, PAGE, PROT_NONE), 0);
	memcpy(edge, "at the edge", sizeof("at the edge"));
	edge_args[0] = "exec_args_linux_limits";
	edge_args[1] = edge;
	edge_args[2] = NULL;
	env_mode[0] = "EXEC_ARGS_CHECK=4";
	args = edge_args;
	check_runs("an argv and a string ending just before PROT_NONE pages");
}

int main(int argc, char **argv)
{
	const char *mode = getenv("EXEC_ARGS_CHECK");
	static char *list[1002];

	if (mode)
		return check_run((enum mode)atoi(mode), argc, argv);
	self = rootpath("/tests/exec_args_linux_limits");
	args = list;
	list[0] = "exec_args_linux_limits";

	env_mode[0] = "EXEC_ARGS_CHECK=0";
	for (int i = 1; i <= 1000; i++)
		list[i] = make_arg(i, 1023);
	check_runs("1000 arguments of 1 KiB");

	env_mode[0] = "EXEC_ARGS_CHECK=1";
	list[1] = make_arg(1, MAX_ARG_STRLEN - 1);
	list[2] = NULL;
	check_runs("an argument of 128 KiB with its NUL");
	list[1] = make_arg(1, MAX_ARG_STRLEN);
	check_e2big("an argument of 128 KiB + 1 with its NUL");
	/* Linux looks the file up before it looks at the arguments. */
	errno = 0;
	CHECK(execve(rootpath("/no_such_dir/prog"), args, env_mode) == -1 && errno == ENOENT,
	      "a missing file with too long an argument: errno %d, expected ENOENT", errno);
	errno = 0;
	CHECK(execve(rootpath("/data"), args, env_mode) == -1 && errno == EACCES,
	      "a directory with too long an argument: errno %d, expected EACCES", errno);
	list[1] = "x";
	env_mode[1] = make_arg(1, MAX_ARG_STRLEN);
	check_e2big("an environment string of 128 KiB + 1 with its NUL");
	env_mode[1] = NULL;

	for (int i = 1; i <= 20; i++)
		list[i] = make_arg(i, 127 * 1024);
	list[21] = NULL;
	check_e2big("20 arguments of 127 KiB");

	env_mode[0] = "EXEC_ARGS_CHECK=2";
	list[0] = NULL;
	check_runs("an empty argv");

	env_mode[0] = "EXEC_ARGS_CHECK=3";
	args = mmap(NULL, (NR_EMPTY + 2) * sizeof(char *), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(args != MAP_FAILED, "mmap: %s", strerror(errno));
	args[0] = "exec_args_linux_limits";
	for (int i = 1; i <= NR_EMPTY; i++)
		args[i] = "";
	args[NR_EMPTY + 1] = NULL;
	check_runs("200000 empty arguments");

	check_before_guard();
	return 0;
}
