/* EXPECT: exit 0 */
/*
 * restart_syscall() resumes a call only while a restart is pending. A nanosleep that a
 * handler interrupted has returned -1 EINTR; once the handler has returned (sigreturn),
 * a restart_syscall() made by the program must not go back into that finished sleep:
 * Linux's sigreturn sets the restart block to do_no_restart_syscall, so it returns
 * -EINTR at once. A process that never had a call interrupted gets -EINTR too.
 *
 * The signal comes from a child that sleeps 50 ms and then sends SIGUSR1 to us; the
 * sleep asked for is 2 s, so a stale restart would sleep on and return 0.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) has no restart_syscall and returns
 * -ENOSYS; that case is excused with a note.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000L

static volatile int nr_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

/* restart_syscall()'s result as a word, excusing qemu-user's ENOSYS as EINTR. */
static const char *restart_result(void)
{
	long r = syscall6(__NR_restart_syscall, 0, 0, 0, 0, 0, 0);

	if (r == -ENOSYS && under_qemu_user()) {
		note("restart_syscall: ENOSYS under qemu-user, taken as EINTR");
		r = -EINTR;
	}
	if (r == -EINTR)
		return "EINTR";
	return r == 0 ? "0 (resumed a finished call)" : strerror((int)-r);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct timespec req = { 2, 0 }, rem;
	pid_t child;
	const char *what;
	int status;
	long r;

	what = restart_result();
	printf("restart_syscall() with nothing to restart: %s\n", what);
	CHECK(!strcmp(what, "EINTR"), "restart_syscall: %s", what);

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	child = signal_later(SIGUSR1, 50);
	r = syscall6(__NR_nanosleep, (long)&req, (long)&rem, 0, 0, 0, 0);
	printf("nanosleep(2 s) interrupted by a handler: %s, handler ran %d\n",
	       r == -EINTR ? "EINTR" : "?", nr_usr1);
	CHECK_ERR(r, EINTR);
	CHECK_EQ(nr_usr1, 1);

	what = restart_result();
	printf("restart_syscall() after the handler returned: %s\n", what);
	CHECK(!strcmp(what, "EINTR"), "restart_syscall: %s", what);

	status = wait_child(child, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", status_str(status));
	return 0;
}
