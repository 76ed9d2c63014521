/*
 * /init: the first user program, and a small shell.
 *
 *   /init                 prompt "$ ", read a line, run it, say how it ended, repeat.
 *   /init PROG ARGS...    run that one command (the kernel passes them from its command
 *                         line), say how it ended, and exit with its status (128 + the
 *                         signal number if a signal killed it).
 *
 * A command is a program name and arguments separated by spaces. A name without a '/'
 * is looked up in / and then /tests. Builtins: help, ls [dir], vmstat, exit [n], and for
 * job control jobs, fg [n], bg [n], kill [-SIG] %n|pid.
 *
 * Job control (the interactive shell): the shell starts a session and makes the console
 * its controlling terminal; each command runs in a process group of its own, which gets
 * the terminal while it runs in the foreground, so the keys the terminal turns into
 * signals reach it and not the shell: Ctrl-C (SIGINT) ends it, Ctrl-\ (SIGQUIT) too,
 * Ctrl-Z (SIGTSTP) stops it and gives the prompt back with the command kept as a job.
 * A command ending in '&' runs in the background. The shell ignores those signals
 * itself, and SIGTTOU, so that it can take the terminal back.
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
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_LINE 256
#define MAX_ARGS 32
#define MAX_JOBS 8

/* A command the shell started and has not seen end: a job (job control only). */
struct job {
	pid_t pgid;        /* its process group, named by its one process; 0: a free slot */
	bool stopped;      /* stopped (Ctrl-Z, SIGTSTP/SIGTTIN/SIGTTOU), not running */
	char cmd[64];      /* the command line, for jobs/fg/bg */
};

static bool job_control;          /* the console is our controlling terminal */
static struct job jobs[MAX_JOBS]; /* jobs[i] is job number i + 1 */

/* Where a name without a '/' is looked up, in order. */
static const char *const search_dirs[] = { "/", "/tests" };

/* The job whose process is pid, or NULL. */
static struct job *find_job(pid_t pid)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pgid && jobs[i].pgid == pid)
			return &jobs[i];
	return NULL;
}

static int job_number(const struct job *j)
{
	return (int)(j - jobs) + 1;
}

/* A job's new state from a wait status: stopped, or gone (said so, slot freed). */
static void update_job(struct job *j, int status)
{
	if (WIFSTOPPED(status)) {
		j->stopped = true;
		printf("\n[%d]+  Stopped  %s\n", job_number(j), j->cmd);
	} else if (WIFCONTINUED(status)) {
		j->stopped = false;
	} else {
		if (WIFEXITED(status))
			printf("[%d]   Done (exit %d)  %s\n", job_number(j), WEXITSTATUS(status), j->cmd);
		else
			printf("[%d]   Killed by signal %d  %s\n", job_number(j), WTERMSIG(status), j->cmd);
		j->pgid = 0;
	}
}

/* Reap every child that has already ended, and note the jobs that stopped, without
 * waiting. */
static void reap_orphans(void)
{
	pid_t pid;
	int status;

	while ((pid = wait4(-1, &status, WNOHANG | WUNTRACED, NULL)) > 0) {
		struct job *j = find_job(pid);

		if (j)
			update_job(j, status);
	}
}

/* Give the terminal's foreground to group pgid (the shell's own: take it back). */
static void give_terminal(pid_t pgid)
{
	if (job_control)
		tcsetpgrp(STDIN_FILENO, pgid);
}

/* In the child: exec argv[0] (searched for if it has no '/'). Never returns. */
static __noreturn void exec_command(char **argv)
{
	static const int job_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };
	char path[MAX_LINE + 16];
	int err = ENOENT;

	for (size_t i = 0; i < ARRAY_SIZE(job_signals); i++) /* the shell's, not the command's */
		signal(job_signals[i], SIG_DFL);

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

/* Keep pid, running cmd, as a job; its number, or 0 if the table is full. */
static int add_job(pid_t pid, char **argv, bool stopped)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].pgid)
			continue;
		jobs[i].pgid = pid;
		jobs[i].stopped = stopped;
		jobs[i].cmd[0] = '\0';
		for (char **a = argv; *a; a++)
			snprintf(jobs[i].cmd + strlen(jobs[i].cmd), sizeof(jobs[i].cmd) - strlen(jobs[i].cmd),
				 "%s%s", a == argv ? "" : " ", *a);
		return i + 1;
	}
	return 0;
}

/*
 * Wait for the foreground process pid, reaping any other child that ends meanwhile
 * (and noting background jobs that stop or end). Returns its wait status: it ended, or
 * (job control) it stopped; -1 if it is lost.
 */
static int wait_foreground(pid_t pid)
{
	int status;
	pid_t got;

	for (;;) {
		got = wait4(-1, &status, job_control ? WUNTRACED : 0, NULL);
		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			return -1;
		if (got > 0 && find_job(got))
			update_job(find_job(got), status);
	}
}

/* Say how a foreground command ended: "[exit N]" or "[killed by signal N (NAME)]". */
static void report(int status)
{
	if (job_control && WIFSIGNALED(status) &&
	    (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGQUIT))
		printf("\n"); /* after the ^C or ^\ the terminal echoed */
	if (WIFEXITED(status)) {
		printf("[exit %d]\n", WEXITSTATUS(status));
	} else {
		const char *name = signal_name(WTERMSIG(status));

		if (name)
			printf("[killed by signal %d (%s)]\n", WTERMSIG(status), name);
		else
			printf("[killed by signal %d]\n", WTERMSIG(status));
	}
}

/*
 * Run argv as a child: in the background (returns 0 at once), or in the foreground,
 * waiting for it to end (returns its wait status, or -1) or, with job control, to stop
 * (kept as a job). With job control the child is the only member of a new process
 * group, which holds the terminal while it runs in the foreground.
 */
static int run(char **argv, bool background)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (job_control) { /* both sides set the group: no race with the exec */
			setpgid(0, 0);
			if (!background)
				give_terminal(getpid());
		}
		exec_command(argv);
	}
	if (job_control) {
		setpgid(pid, pid);
		if (!background)
			give_terminal(pid);
	}
	if (background) {
		printf("[%d] %d\n", add_job(pid, argv, false), pid); /* [0]: not kept as a job */
		return 0;
	}
	status = wait_foreground(pid);
	give_terminal(getpgrp());
	if (status == -1) {
		printf("init: lost child %d\n", pid);
		return -1;
	}
	if (WIFSTOPPED(status)) {
		int n = add_job(pid, argv, true);

		if (n)
			printf("\n[%d]+  Stopped  %s\n", n, jobs[n - 1].cmd);
		else
			printf("\ninit: no room for another job: %d stays stopped\n", pid);
		return status;
	}
	report(status);
	return status;
}

/* The job "n" names (NULL: the most recent), or NULL with a message. */
static struct job *pick_job(const char *n)
{
	int i = n ? atoi(n[0] == '%' ? n + 1 : n) - 1 : -1;

	if (i < 0)
		for (int k = MAX_JOBS - 1; k >= 0 && i < 0; k--)
			if (jobs[k].pgid)
				i = k;
	if (i < 0 || i >= MAX_JOBS || !jobs[i].pgid) {
		printf("init: no such job\n");
		return NULL;
	}
	return &jobs[i];
}

/* fg: continue job j in the foreground and wait for it as for a command. */
static void foreground(struct job *j)
{
	int status;

	give_terminal(j->pgid);
	printf("%s\n", j->cmd); /* after the hand-over: a key typed now reaches the job */
	kill(-j->pgid, SIGCONT);
	j->stopped = false;
	status = wait_foreground(j->pgid);
	give_terminal(getpgrp());
	if (status == -1) {
		j->pgid = 0;
	} else if (WIFSTOPPED(status)) {
		j->stopped = true;
		printf("\n[%d]+  Stopped  %s\n", job_number(j), j->cmd);
	} else {
		j->pgid = 0;
		report(status);
	}
}

static void list_jobs(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pgid)
			printf("[%d]  %s  %s\n", i + 1, jobs[i].stopped ? "Stopped" : "Running",
			       jobs[i].cmd);
}

/*
 * Take the console as our controlling terminal, in a session of our own, and ignore the
 * job-control signals; job control stays off if the console will not be ours.
 */
static void start_job_control(void)
{
	static const int ignored[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

	if (!isatty(STDIN_FILENO))
		return;
	if (getsid(0) != getpid() && setsid() < 0)
		return;
	if (ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(ignored); i++)
		signal(ignored[i], SIG_IGN);
	job_control = true;
	give_terminal(getpgrp());
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
	       "  jobs        the commands stopped (Ctrl-Z) or run in the background ('&')\n"
	       "  fg [n]      continue job n (default: the latest) in the foreground\n"
	       "  bg [n]      continue job n in the background\n"
	       "  kill [-SIG] %%n|pid  send SIG (a number or a name: -9, -KILL; default TERM)\n"
	       "              to job n's process group or to process pid\n"
	       "Ctrl-C ends the command running, Ctrl-Z stops it; /tests/spin loops until then.\n"
	       "/tests/runall runs every test.\n");
}

/* The signal number that "-9", "-KILL" or "-SIGKILL" names, or 0. */
static int parse_signal(const char *arg)
{
	char *end;
	long n;

	if (arg[0] != '-')
		return 0;
	arg++;
	n = strtol(arg, &end, 10);
	if (end != arg && !*end)
		return n > 0 && n <= _NSIG ? (int)n : 0;
	if (!strncmp(arg, "SIG", 3))
		arg += 3;
	for (int sig = 1; sig < 32; sig++) /* the named ones */ {
		const char *name = signal_name(sig);

		if (name && !strncmp(name, "SIG", 3) && !strcmp(name + 3, arg))
			return sig;
	}
	return 0;
}

/* The kill builtin: kill [-SIG] %n|pid... Returns nothing; says what went wrong. */
static void kill_command(char **argv)
{
	int sig = SIGTERM;

	if (argv[1] && argv[1][0] == '-') {
		sig = parse_signal(argv[1]);
		if (!sig) {
			printf("kill: %s: no such signal\n", argv[1]);
			return;
		}
		argv++;
	}
	if (!argv[1]) {
		printf("usage: kill [-SIG] %%n|pid\n");
		return;
	}
	for (argv++; *argv; argv++) {
		pid_t target;

		if (**argv == '%') {
			struct job *j = pick_job(*argv + 1);

			if (!j)
				continue; /* pick_job said why */
			target = -j->pgid;
		} else {
			char *end;

			target = (pid_t)strtol(*argv, &end, 10);
			if (end == *argv || *end || target <= 0) {
				printf("kill: %s: not a pid or %%job\n", *argv);
				continue;
			}
		}
		if (kill(target, sig) < 0)
			printf("kill: %s: %s\n", *argv, strerror(errno));
		else if (target < 0 && sig != SIGCONT && sig != SIGKILL)
			kill(target, SIGCONT); /* a stopped job must run to see the signal */
	}
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
	int argc;

	start_job_control();
	printf("Faultline shell: 'help' lists the commands.\n");
	for (;;) {
		bool background = false;

		reap_orphans();
		printf("$ ");
		if (read_line(line, sizeof(line)) < 0)
			return 0;
		argc = split(line, argv);
		if (argc > 0 && !strcmp(argv[argc - 1], "&")) {
			background = true;
			argv[--argc] = NULL;
		}
		if (argc == 0)
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
		} else if (!strcmp(argv[0], "jobs")) {
			list_jobs();
		} else if (!strcmp(argv[0], "fg") || !strcmp(argv[0], "bg")) {
			struct job *j = pick_job(argv[1]);

			if (j && argv[0][0] == 'f') {
				foreground(j);
			} else if (j) {
				kill(-j->pgid, SIGCONT);
				j->stopped = false;
				printf("[%d] %s &\n", job_number(j), j->cmd);
			}
		} else if (!strcmp(argv[0], "kill")) {
			kill_command(argv);
		} else {
			run(argv, background);
		}
	}
}

int main(int argc, char **argv)
{
	int status;

	if (argc < 2)
		return shell();
	status = run(argv + 1, false);
	if (status < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
