/* EXPECT: exit 0 */
/* NEEDS: console */
/*
 * Job control on a controlling terminal (see terminal.h), as a shell sees it: a session
 * leader with the terminal, children in process groups of their own.
 *
 *   - A background process may read the foreground group (TIOCGPGRP). Its TIOCSPGRP
 *     and TCSETS get SIGTTOU: with a handler (no SA_RESTART) the call fails with EINTR
 *     after the handler ran. With SIGTTOU ignored both work (that is how a shell hands
 *     the terminal over). Without TOSTOP it may write. With SIGTTIN ignored a read is EIO.
 *   - With TOSTOP set, a background writer is stopped by SIGTTOU: wait4(WUNTRACED)
 *     reports it stopped, SIGCHLD says CLD_STOPPED; SIGCONT continues it, the write
 *     starts again and stops it again (wait4(WUNTRACED | WCONTINUED)); once TOSTOP is
 *     cleared, SIGCONT lets the write finish and the child exit 0.
 *   - A background reader is stopped by SIGTTIN.
 *   - After the leader makes a child's group the foreground one, that child reads a line
 *     typed at the terminal; the leader, now in the background, takes the terminal back
 *     with SIGTTOU ignored.
 * Under qemu-user a job-control stop shows as SIGSTOP (qemu stops itself with it).
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <terminal.h>
#include <unistd.h>

static int term;
static volatile int nr_ttou, chld_code;

static void on_ttou(int sig)
{
	(void)sig;
	nr_ttou++;
}

static void on_chld(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	chld_code = info->si_code;
}

static void set_action(int sig, void (*handler)(int))
{
	struct sigaction sa = { .sa_handler = handler }; /* no SA_RESTART */

	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

/* Fork a child into a process group of its own (set on both sides, as shells do). */
static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();

	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		setpgid(0, 0);
		_exit(fn());
	}
	setpgid(pid, pid);
	return pid;
}

static bool stopped_by(int status, int sig)
{
	return WIFSTOPPED(status) &&
	       (WSTOPSIG(status) == sig || (under_qemu_user() && WSTOPSIG(status) == SIGSTOP));
}

static int background_calls(void)
{
	struct termios t;
	pid_t me = getpid();
	char c;

	CHECK_EQ(tcgetpgrp(term), getppid());
	CHECK_EQ(tcgetattr(term, &t), 0);
	set_action(SIGTTOU, on_ttou);
	CHECK(tcsetpgrp(term, me) == -1 && errno == EINTR, "TIOCSPGRP from the background");
	CHECK_EQ(nr_ttou, 1);
	CHECK(tcsetattr(term, TCSANOW, &t) == -1 && errno == EINTR, "TCSETS from the background");
	CHECK_EQ(nr_ttou, 2);
	CHECK_EQ(write(term, "# background write\n", 19), 19);
	set_action(SIGTTIN, SIG_IGN);
	CHECK(read(term, &c, 1) == -1 && errno == EIO, "read from the background");
	set_action(SIGTTOU, SIG_IGN);
	CHECK_EQ(tcsetattr(term, TCSANOW, &t), 0);
	CHECK_EQ(tcsetpgrp(term, me), 0);
	CHECK_EQ(tcgetpgrp(term), me);
	CHECK_EQ(tcsetpgrp(term, getppid()), 0);
	CHECK_EQ(nr_ttou, 2);
	return 0;
}

static int background_writer(void)
{
	return write(term, "# stopped writer done\n", 22) == 22 ? 0 : 1;
}

static int background_reader(void)
{
	char c;

	return read(term, &c, 1) >= 0 ? 3 : 4;
}

static int foreground_reader(void)
{
	char buf[16];
	ssize_t n = read(term, buf, sizeof(buf));

	return n == 3 && !memcmp(buf, "hi\n", 3) ? 0 : 5;
}

static void set_tostop(bool on)
{
	struct termios t;

	CHECK_EQ(tcgetattr(term, &t), 0);
	t.c_lflag = on ? t.c_lflag | TOSTOP : t.c_lflag & ~(tcflag_t)TOSTOP;
	t.c_lflag &= ~(tcflag_t)ECHO;
	CHECK_EQ(tcsetattr(term, TCSANOW, &t), 0);
}

static void stopped_writer(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
	pid_t pid;
	int status;

	CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
	set_tostop(true);
	pid = spawn(background_writer);
	status = wait_child(pid, WUNTRACED);
	CHECK(stopped_by(status, SIGTTOU), "TOSTOP writer: %s", status_str(status));
	CHECK_EQ(chld_code, CLD_STOPPED);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	/* It continues, then stops again at once: wait4 may see the new stop first, which
	 * replaces the continue not yet reported. */
	status = wait_child(pid, WUNTRACED | WCONTINUED);
	if (WIFCONTINUED(status))
		status = wait_child(pid, WUNTRACED);
	CHECK(stopped_by(status, SIGTTOU), "writer after SIGCONT: %s", status_str(status));
	set_tostop(false);
	CHECK_EQ(kill(pid, SIGCONT), 0);
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer: %s", status_str(status));
	signal(SIGCHLD, SIG_DFL);
}

static int session(void *arg)
{
	pid_t me = getpid(), pid;
	struct termios saved;
	int status;

	(void)arg;
	CHECK(setsid() == me, "setsid: %s", strerror(errno));
	term = open_test_terminal();
	CHECK_EQ(ioctl(term, TIOCSCTTY, 0), 0);
	CHECK_EQ(tcgetattr(term, &saved), 0);
	set_tostop(false);

	pid = spawn(background_calls);
	status = wait_child(pid, 0);
	CHECK(status == 0, "background calls: %s", status_str(status));

	stopped_writer();

	pid = spawn(background_reader);
	status = wait_child(pid, WUNTRACED);
	CHECK(stopped_by(status, SIGTTIN), "background reader: %s", status_str(status));
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status), "reader: %s", status_str(status));

	pid = spawn(foreground_reader);
	CHECK_EQ(tcsetpgrp(term, pid), 0);
	type_into(term, "hi\n");
	status = wait_child(pid, 0);
	CHECK(status == 0, "foreground reader: %s", status_str(status));
	set_action(SIGTTOU, SIG_IGN);
	CHECK_EQ(tcsetpgrp(term, me), 0);
	CHECK_EQ(tcsetattr(term, TCSANOW, &saved), 0);
	return 0;
}

int main(void)
{
	int status = run_in_child(session, NULL);

	CHECK(status == 0, "session: %s", status_str(status));
	return 0;
}
