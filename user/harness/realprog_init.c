/*
 * /init of the real-program check (tools/realprog.py): the same binary runs as init
 * under Faultline and under Debian's Linux, built with Faultline's own libc so that it
 * needs nothing the programs it runs may be missing.
 *
 * It reads /realprog/list, one program a line, words separated by single spaces:
 *
 *     NAME SECONDS PATH [ARGS...]
 *
 * and runs each in turn, in a process group of its own, with the environment
 * { PATH=/bin, HOME=/ }, its output going straight to the console between
 *
 *     @@@ begin NAME
 *     @@@ end NAME exit N | signal N | timeout
 *
 * A program still running after SECONDS is killed with its whole group ("timeout"). A
 * line whose NAME is "-" is set-up (mounting /proc on Linux, say): run the same way but
 * with its output thrown away and no frame. A NAME starting with "@" (framed without the
 * "@") runs its program as the leader of a session of its own whose controlling terminal
 * is the console (setsid(), then ioctl(TIOCSCTTY) on standard input), as an interactive
 * shell with job control needs: opening /dev/console never makes it a controlling
 * terminal (console(4)). After the last program: "@@@ done", and
 * init returns, which powers Faultline off (and ends Linux with a panic that
 * panic=-1 and QEMU's -no-reboot turn into an exit).
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LIST_PATH "/realprog/list"
#define MAX_WORDS 16
#define POLL_MS   20

static char list[8192];

static char line_out[160];

/* Write line_out to the console, at once (no stdio buffer to flush before a fork). */
static void say(void)
{
	write(1, line_out, strlen(line_out));
}

/* Split line into words at single spaces; returns how many (at most MAX_WORDS - 1). */
static int split(char *line, char **words)
{
	int n = 0;

	while (*line && n < MAX_WORDS - 1) {
		words[n++] = line;
		while (*line && *line != ' ')
			line++;
		if (*line)
			*line++ = '\0';
	}
	words[n] = NULL;
	return n;
}

/* Run argv for at most seconds, in a session of its own owning the console if tty;
 * its wait status, or -1 if it had to be killed. */
static int run(char **argv, int seconds, int quiet, int tty)
{
	char *envp[] = { "PATH=/bin", "HOME=/", NULL };
	struct timespec tick = { 0, POLL_MS * 1000000L };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (tty) {
			setsid();
			ioctl(0, TIOCSCTTY, 0);
		} else {
			setpgid(0, 0);
		}
		if (quiet) {
			close(1);
			close(2);
		}
		execve(argv[0], argv, envp);
		_exit(127);
	}
	if (!tty)
		setpgid(pid, pid);
	for (long waited = 0; waited < seconds * 1000L; waited += POLL_MS) {
		if (wait4(pid, &status, WNOHANG, NULL) == pid)
			return status;
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	wait4(pid, &status, 0, NULL);
	return -1;
}

int main(void)
{
	int fd = open(LIST_PATH, O_RDONLY);
	ssize_t len = fd < 0 ? -1 : read(fd, list, sizeof(list) - 1);
	char *words[MAX_WORDS];

	if (len < 0) {
		snprintf(line_out, sizeof(line_out), "@@@ cannot read %s\n", LIST_PATH);
		say();
		return 1;
	}
	list[len] = '\0';
	for (char *line = list, *next; *line; line = next) {
		int quiet, status, tty;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (split(line, words) < 3)
			continue;
		quiet = strcmp(words[0], "-") == 0;
		tty = words[0][0] == '@';
		if (tty)
			words[0]++;
		if (!quiet) {
			snprintf(line_out, sizeof(line_out), "@@@ begin %s\n", words[0]);
			say();
		}
		status = run(words + 2, atoi(words[1]), quiet, tty);
		if (quiet)
			continue;
		if (status == -1)
			snprintf(line_out, sizeof(line_out), "@@@ end %s timeout\n", words[0]);
		else if (WIFSIGNALED(status))
			snprintf(line_out, sizeof(line_out), "@@@ end %s signal %d\n", words[0],
				 WTERMSIG(status));
		else
			snprintf(line_out, sizeof(line_out), "@@@ end %s exit %d\n", words[0],
				 WEXITSTATUS(status));
		say();
	}
	snprintf(line_out, sizeof(line_out), "@@@ done\n");
	say();
	return 0;
}
