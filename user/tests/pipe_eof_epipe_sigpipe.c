/* EXPECT: exit 0 */
/*
 * A pipe between a parent and its child (fork shares both ends):
 * - the child writes a message and exits; the parent, its own write end closed, reads
 *   the message and then 0 (end of file), again and again;
 * - writing with no read end left raises SIGPIPE, which kills by default;
 * - with SIGPIPE ignored the write fails with EPIPE; with a handler the handler sees
 *   si_code SI_USER and si_pid our own pid, and the write fails with EPIPE;
 * - a pipe is S_IFIFO to fstat, and neither end seeks: lseek and pread give ESPIPE.
 */
#include <check.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char message[] = "through the pipe";
static volatile siginfo_t seen;

static void on_sigpipe(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	seen = *info;
}

static int write_to_closed_pipe(void *arg)
{
	int fds[2];

	(void)arg;
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	write(fds[1], "x", 1); /* SIGPIPE ends us here */
	return 0;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigpipe, .sa_flags = SA_SIGINFO };
	char buf[64];
	struct stat st;
	int fds[2], status;
	pid_t child;

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(fstat(fds[0], &st), 0);
	CHECK((st.st_mode & S_IFMT) == S_IFIFO, "st_mode %#o", st.st_mode);
	CHECK_ERR(syscall6(__NR_lseek, fds[0], 0, SEEK_CUR, 0, 0, 0), ESPIPE);
	CHECK_ERR(syscall6(__NR_lseek, fds[1], 0, SEEK_SET, 0, 0, 0), ESPIPE);
	CHECK_ERR(syscall6(__NR_pread64, fds[0], (long)buf, 1, 0, 0, 0), ESPIPE);
	CHECK_ERR(syscall6(__NR_pwrite64, fds[1], (long)buf, 1, 0, 0, 0), ESPIPE);

	child = fork();
	CHECK(child >= 0, "fork");
	if (child == 0) {
		close(fds[0]);
		_exit(write(fds[1], message, sizeof(message)) == sizeof(message) ? 0 : 1);
	}
	CHECK_EQ(close(fds[1]), 0); /* else our own write end keeps the pipe open */
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), sizeof(message));
	CHECK(!memcmp(buf, message, sizeof(message)), "read back something else");
	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "writer: %s", status_str(status));
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_EQ(close(fds[0]), 0);

	status = run_in_child(write_to_closed_pipe, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "%s", status_str(status));

	signal(SIGPIPE, SIG_IGN);
	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_ERR(syscall6(__NR_write, fds[1], (long)"x", 1, 0, 0, 0), EPIPE);

	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGPIPE, &sa, NULL), 0);
	CHECK_ERR(syscall6(__NR_write, fds[1], (long)"x", 1, 0, 0, 0), EPIPE);
	CHECK_EQ(seen.si_signo, SIGPIPE);
	CHECK_EQ(seen.si_code, SI_USER);
	CHECK_EQ(seen.si_pid, getpid());
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
