/* EXPECT: exit 0 */
/*
 * clone(CLONE_VM | CLONE_VFORK | SIGCHLD), as glibc's posix_spawn() and system() call it:
 * the parent sleeps until the child has let go of their shared memory, by _exit() or by
 * execve(). Both children write to memory they share with the parent and sleep a little
 * before they let go, so a parent that ran on at once would see their writes unfinished.
 * wait4 then reports each child as any other. (qemu-user turns CLONE_VFORK into a plain
 * fork without shared memory: there only the exit statuses are checked.)
 */
#include <check.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread.h>
#include <time.h>
#include <unistd.h>

static volatile int progress;
static char path[256];

static void nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 }; /* 50 ms */

	nanosleep(&ts, NULL);
}

static int child_exits(void *arg)
{
	(void)arg;
	progress = 1;
	nap();
	progress = 2;
	_exit(7);
}

static int child_execs(void *arg)
{
	static char *argv[] = { "exec_target", "42", "two words", NULL };
	static char *envp[] = { "EXEC_TARGET=1", NULL }; /* what exec_target checks */

	(void)arg;
	progress = 3;
	nap();
	progress = 4;
	execve(path, argv, envp);
	_exit(42); /* no binfmt_misc under qemu-user: the status is the same */
}

static void run(int (*fn)(void *), int want_progress, int want_exit)
{
	char *stack = mmap(NULL, THREAD_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = 0;
	long pid;

	CHECK(stack != MAP_FAILED, "mmap: %s", strerror(errno));
	pid = __clone(fn, stack + THREAD_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL,
		      NULL, NULL, NULL);
	CHECK(pid > 0, "clone(CLONE_VFORK): %s", strerror(errno));
	if (!under_qemu_user())
		CHECK(progress == want_progress,
		      "the parent ran on before its vfork child let go: progress %d, not %d",
		      progress, want_progress);
	CHECK_EQ(wait4((int)pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == want_exit,
	      "the child ended with status %#x, not exit %d", status, want_exit);
	CHECK_EQ(munmap(stack, THREAD_STACK_SIZE), 0);
}

int main(void)
{
	strlcpy(path, rootpath("/tests/exec_target"), sizeof(path));
	run(child_exits, 2, 7);
	run(child_execs, 4, 42);
	return 0;
}
