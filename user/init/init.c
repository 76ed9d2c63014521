/*
 * /init: the first user program, and a small shell.
 *
 *   /init                 prompt "$ ", read a line, run it, say how it ended, repeat.
 *   /init PROG ARGS...    run that one command (the kernel passes them from its command
 *                         line), say how it ended, and exit with its status (128 + the
 *                         signal number if a signal killed it).
 *
 * A command is a program name and arguments separated by spaces. A name without a '/'
 * is looked up in / and then /tests. Builtins: help, ls [dir], vmstat, exit [n].
 *
 * As process 1, init also becomes the parent of every orphan and must reap them: while
 * it waits for its own child it collects any child that ends (wait4(-1)), and it reaps
 * leftovers before each prompt.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_LINE 256
#define MAX_ARGS 32

/* Where a name without a '/' is looked up, in order. */
static const char *const search_dirs[] = { "/", "/tests" };

/* Reap every child that has already ended, without waiting. */
static void reap_orphans(void)
{
	while (wait4(-1, NULL, WNOHANG, NULL) > 0)
		;
}

/* In the child: exec argv[0] (searched for if it has no '/'). Never returns. */
static __noreturn void exec_command(char **argv)
{
	char path[MAX_LINE + 16];
	int err = ENOENT;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, environ);
		err = errno;
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(search_dirs); i++) {
			const char *dir = search_dirs[i];

			snprintf(path, sizeof(path), "%s%s%s", dir,
				 dir[strlen(dir) - 1] == '/' ? "" : "/", argv[0]);
			execve(path, argv, environ);
			if (errno != ENOENT) { /* it is there but would not run: say why */
				err = errno;
				break;
			}
		}
	}
	dprintf(2, "init: %s: %s\n", argv[0], err == ENOENT ? "command not found" : strerror(err));
	_exit(127);
}

/*
 * Run argv as a child and wait for it, reaping any orphan that ends meanwhile.
 * Prints "[exit N]" or "[killed by signal N (NAME)]". Returns the wait status, or -1.
 */
static int run(char **argv)
{
	int status;
	pid_t pid = fork(), got;

	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0)
		exec_command(argv);
	do {
		got = wait4(-1, &status, 0, NULL);
	} while (got != pid && !(got < 0 && errno == ECHILD));
	if (got != pid) {
		printf("init: lost child %d\n", pid);
		return -1;
	}
	if (WIFEXITED(status)) {
		printf("[exit %d]\n", WEXITSTATUS(status));
	} else {
		const char *name = signal_name(WTERMSIG(status));

		if (name)
			printf("[killed by signal %d (%s)]\n", WTERMSIG(status), name);
		else
			printf("[killed by signal %d]\n", WTERMSIG(status));
	}
	return status;
}

/* Print the names in directory dir, a '/' after subdirectories. Returns 0 or -1. */
static int list_dir(const char *dir)
{
	static char buf[2048] __aligned(8);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	ssize_t n;

	if (fd < 0) {
		printf("ls: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	printf("%s:\n", dir);
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				printf("  %s%s\n", d->d_name, d->d_type == DT_DIR ? "/" : "");
			off += d->d_reclen;
		}
	}
	if (n < 0)
		printf("ls: %s: %s\n", dir, strerror(errno));
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Copy the file at path to fd 1 (vmstat: the kernel's fault counters). Returns 0 or -1. */
static int cat_file(const char *path)
{
	char buf[512];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0) {
		printf("%s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(STDOUT_FILENO, buf, (size_t)n);
	if (n < 0)
		printf("%s: %s\n", path, strerror(errno));
	close(fd);
	return n < 0 ? -1 : 0;
}

static void help(void)
{
	printf("Type a program name and its arguments, separated by spaces; names without\n"
	       "a '/' are looked up in / and /tests. Builtins:\n"
	       "  help        this text\n"
	       "  ls [dir]    list dir (default: the programs in / and /tests)\n"
	       "  vmstat      the system's fault counters (/proc/vmstat)\n"
	       "  exit [n]    leave the shell with status n\n"
	       "/tests/runall runs every test.\n");
}

/* Split line at spaces into argv (NULL-terminated). Returns the number of words. */
static int split(char *line, char **argv)
{
	int argc = 0;

	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == MAX_ARGS - 1) {
			printf("init: more than %d words: the rest is ignored\n", MAX_ARGS - 1);
			break;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

/*
 * Read one line from fd 0 into line, without its newline. The console gives one line
 * per read, but a pipe may give several at once: what follows the first newline is
 * kept for the next call. Returns the line's length, or -1 at the end of input.
 */
static int read_line(char *line, size_t size)
{
	static char pending[MAX_LINE];
	static size_t nr_pending;
	size_t len = 0;

	for (;;) {
		char *nl = memchr(pending, '\n', nr_pending);
		size_t take = nl ? (size_t)(nl - pending) + 1 : nr_pending;
		ssize_t n;

		for (size_t i = 0; i < take; i++)
			if (len < size - 1 && pending[i] != '\n' && pending[i] != '\r')
				line[len++] = pending[i];
		memmove(pending, pending + take, nr_pending - take);
		nr_pending -= take;
		if (nl)
			break;
		n = read(STDIN_FILENO, pending, sizeof(pending));
		if (n <= 0) {
			if (len == 0)
				return -1;
			break; /* a last line without a newline */
		}
		nr_pending = (size_t)n;
	}
	line[len] = '\0';
	return (int)len;
}

static int shell(void)
{
	char line[MAX_LINE];
	char *argv[MAX_ARGS];

	printf("Faultline shell: 'help' lists the commands.\n");
	for (;;) {
		reap_orphans();
		printf("$ ");
		if (read_line(line, sizeof(line)) < 0)
			return 0;
		if (split(line, argv) == 0)
			continue;
		if (!strcmp(argv[0], "help")) {
			help();
		} else if (!strcmp(argv[0], "ls")) {
			if (argv[1]) {
				list_dir(argv[1]);
			} else {
				for (size_t i = 0; i < ARRAY_SIZE(search_dirs); i++)
					list_dir(search_dirs[i]);
			}
		} else if (!strcmp(argv[0], "vmstat")) {
			cat_file("/proc/vmstat");
		} else if (!strcmp(argv[0], "exit")) {
			return argv[1] ? atoi(argv[1]) : 0;
		} else {
			run(argv);
		}
	}
}

int main(int argc, char **argv)
{
	int status;

	if (argc < 2)
		return shell();
	status = run(argv + 1);
	if (status < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
