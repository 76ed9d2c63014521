/* EXPECT: exit 0 */
/*
 * A long write() to the console does not stop every other process. The child spins
 * sending SIGUSR1 to the parent, as fast as it can, forever: each kill() is a step of its
 * progress. The parent, once the first SIGUSR1 has come (the child runs), writes 1 MiB of
 * "# " lines to stdout in one call, which takes seconds at the console's pace. The child
 * must get the CPU during that write, and its SIGUSR1 (caught, without SA_RESTART) then
 * ends the write early, with the count of bytes written so far, as Linux's tty and pipe
 * writes do. A kernel that kept the CPU for the whole write would let the child run only
 * after it, and the write would return the full 1 MiB.
 */
#include <check.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define WRITE_SIZE (1024 * 1024)
#define LINE       64

static volatile int nr_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	nr_usr1++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }; /* no SA_RESTART */
	char *buf = mmap(NULL, WRITE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	pid_t parent = getpid(), child;
	long n;
	int status;

	CHECK(buf != MAP_FAILED, "mmap: %s", strerror(errno));
	for (int i = 0; i < WRITE_SIZE; i++)
		buf[i] = i % LINE == LINE - 1 ? '\n' : i % LINE == 0 ? '#' : ' ';
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		for (;;)
			kill(parent, SIGUSR1);
	}
	while (nr_usr1 == 0)
		; /* the child is running */

	n = write(STDOUT_FILENO, buf, WRITE_SIZE);

	CHECK_EQ(kill(child, SIGKILL), 0);
	status = wait_child(child, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child: %s", status_str(status));
	if (n > 0 && n % LINE) /* finish the line the write cut, now that no signal comes */
		CHECK_EQ(write(STDOUT_FILENO, buf + n, LINE - n % LINE), LINE - n % LINE);
	CHECK(n > 0 && n < WRITE_SIZE, "write of %d bytes returned %ld (errno %d): the child's "
	      "SIGUSR1 did not come during it", WRITE_SIZE, n, n < 0 ? errno : 0);
	note("the write stopped after %ld bytes", n);
	return 0;
}
