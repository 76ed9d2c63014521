/* EXPECT: exit 0 */
/*
 * clone(CLONE_FILES) shares the descriptor table (Linux's files_struct): a descriptor a
 * thread opens, dup()s, marks close-on-exec or closes is so for the other threads too.
 * Without CLONE_FILES the new task gets a copy: what it opens later is its own. A
 * process sharing the table (CLONE_FILES without CLONE_VM) that exits leaves it to the
 * other holder, and one that execs first takes a copy of its own (Linux's unshare_files),
 * so the close-on-exec descriptors it drops stay open in the process it shared with.
 *
 * qemu-riscv64 (difftest's Linux for riscv64) accepts only the pthread set of clone flags
 * for a thread, and no CLONE_FILES for a process: there those parts are excused with a note.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#define AFTER_EXEC "after-exec"

static int pipefd[2];
static volatile int new_fd = -1, dup_fd = -1;

/* Opens a pipe, dups one end, marks it close-on-exec, closes stdin's copy (fd 0's dup). */
static int table_changer(void *arg)
{
	int victim = (int)(long)arg;

	if (pipe(pipefd) < 0)
		return 1;
	dup_fd = dup(pipefd[0]);
	if (dup_fd < 0)
		return 2;
	if (fcntl(dup_fd, F_SETFD, FD_CLOEXEC) < 0)
		return 3;
	if (close(victim) < 0)
		return 4;
	return 0;
}

static int opener(void *arg)
{
	(void)arg;
	new_fd = dup(1);
	return new_fd < 0;
}

/* clone(flags) of a thread running fn, joined before returning. */
static void run_thread(unsigned long flags, int (*fn)(void *), void *arg)
{
	struct thread t;
	long tid;

	t.stack = mmap(NULL, THREAD_STACK_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(t.stack != MAP_FAILED, "mmap");
	tid = __clone(fn, (char *)t.stack + THREAD_STACK_SIZE, flags, arg, &t.tid, NULL, &t.tid);
	CHECK(tid > 0, "clone: %ld", tid);
	thread_join(&t);
}

/* The process sharing our table: dups fd 1 to descriptor 40, then exits. */
static int sharing_child(void *arg)
{
	(void)arg;
	return dup2(1, 40) == 40 ? 0 : 1;
}

/* The process sharing our table: execs us (close-on-exec descriptors go, for it). */
static int exec_child(void *path)
{
	char fd_arg[16];
	char *argv[] = { (char *)path, AFTER_EXEC, fd_arg, NULL };
	char *envp[] = { NULL };

	fd_arg[0] = (char)('0' + dup_fd / 10);
	fd_arg[1] = (char)('0' + dup_fd % 10);
	fd_arg[2] = '\0';
	execve(argv[0], argv, envp);
	return 9;
}

/* A process sharing our table (CLONE_FILES, own memory); its wait status. */
static int run_sharing_process(int (*fn)(void *), void *arg)
{
	char *stack = mmap(NULL, THREAD_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = -1;
	long pid;

	CHECK(stack != MAP_FAILED, "mmap");
	pid = __clone(fn, stack + THREAD_STACK_SIZE, CLONE_FILES | SIGCHLD, arg, NULL, NULL, NULL);
	CHECK(pid > 0, "clone: %ld", pid);
	CHECK_EQ(waitpid((int)pid, &status, 0), pid);
	munmap(stack, THREAD_STACK_SIZE);
	return status;
}

int main(int argc, char **argv)
{
	char path[256];
	int victim, status;

	if (argc == 3 && strcmp(argv[1], AFTER_EXEC) == 0) {
		/* After the exec: the close-on-exec descriptor is gone, for us. */
		return fcntl(atoi(argv[2]), F_GETFD) < 0 ? 42 : 5;
	}
	strlcpy(path, rootpath("/tests/clone_files_shares_descriptor_table"), sizeof(path));

	/* A thread with CLONE_FILES: its changes are ours. */
	victim = dup(0);
	CHECK(victim >= 0, "dup");
	run_thread(THREAD_CLONE_FLAGS & ~CLONE_SETTLS, table_changer, (void *)(long)victim);
	CHECK(fcntl(pipefd[0], F_GETFD) == 0, "the thread's pipe is open here");
	CHECK(fcntl(pipefd[1], F_GETFD) == 0, "the thread's pipe is open here");
	CHECK_EQ(fcntl(dup_fd, F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(victim, F_GETFD) < 0, "the thread's close closed it here");
	CHECK_EQ(write(pipefd[1], "x", 1), 1);

	if (under_qemu_user()) {
		note("clone without CLONE_FILES or with CLONE_FILES alone: refused by qemu-user, excused");
		printf("CLONE_FILES: one table for the threads; fork copies; exec unshares\n");
		return 0;
	}
	/* A thread without CLONE_FILES: a copy, its dup() is its own. */
	run_thread(THREAD_CLONE_FLAGS & ~(CLONE_SETTLS | CLONE_FILES), opener, NULL);
	CHECK(new_fd >= 0, "the thread's dup");
	CHECK(fcntl(new_fd, F_GETFD) < 0, "a copied table's descriptor is not ours");

	/* A process sharing the table exits: its dup2 stays, nothing is closed. */
	status = run_sharing_process(sharing_child, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK_EQ(fcntl(40, F_GETFD), 0);
	CHECK_EQ(fcntl(pipefd[0], F_GETFD), 0);

	/* A process sharing the table execs: its close-on-exec closes are its own. */
	status = run_sharing_process(exec_child, path);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42, "child: %s", status_str(status));
	CHECK_EQ(fcntl(dup_fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(40, F_GETFD), 0);
	printf("CLONE_FILES: one table for the threads; fork copies; exec unshares\n");
	return 0;
}
