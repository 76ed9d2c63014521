/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * SIGKILL ends a process whose thread waits for the pager inside a system call (a
 * kernel-mode fault), though the pager never answers: the fault waits KILLABLE, and the
 * fatal signal ends it through the exception table's -EFAULT, on the way to the exit.
 *
 * The child registers a page MISSING; one of its threads blocks in a system call whose
 * buffer is that page (read() from a pipe into it; futex(FUTEX_WAIT_PRIVATE) on a word
 * in it); its pager thread reads the fault's message, tells the parent, and never
 * answers. The parent kills the child: wait4 reports SIGKILL (a stuck thread would keep
 * the process from ever ending, and wait_child fails after 10 s).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static int pipefd[2];
static int report[2];
static int uffd;

static int blocked_in_read(void *arg)
{
	(void)arg;
	(void)read(pipefd[0], area + 8, 16);
	return 0;
}

static int blocked_in_futex(void *arg)
{
	(void)arg;
	(void)futex((volatile int *)(area + 64), FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0);
	return 0;
}

/* The child: register, start the faulter, read its message, report it, wait forever. */
static int child(int (*faulter)(void *))
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffd_msg msg;
	struct thread t;

	uffd = userfaultfd(O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		return 10;
	reg.range.start = (unsigned long)area;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		return 11;
	if (thread_create(&t, faulter, NULL, NULL) <= 0)
		return 12;
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg)) /* blocking: the fault waits */
		return 13;
	if (write(report[1], &msg.arg.pagefault.address, sizeof(msg.arg.pagefault.address)) !=
	    sizeof(msg.arg.pagefault.address))
		return 14;
	for (;;)
		pause();
}

static void kill_blocked_child(int (*faulter)(void *), const char *what)
{
	unsigned long address = 0;
	int status;
	pid_t pid;

	CHECK_EQ(pipe(report), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(child(faulter));
	close(report[1]);
	CHECK_EQ(read(report[0], &address, sizeof(address)), sizeof(address));
	CHECK_EQ(address, (unsigned long)area);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s: the child ended with %s",
	      what, status_str(status));
	close(report[0]);
	printf("%s: the child, blocked for the pager, died of SIGKILL\n", what);
}

int main(void)
{
	char buf[16];

	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	CHECK_EQ(pipe(pipefd), 0);
	memset(buf, 'd', sizeof(buf));
	CHECK_EQ(write(pipefd[1], buf, sizeof(buf)), sizeof(buf));
	kill_blocked_child(blocked_in_read, "read()");
	kill_blocked_child(blocked_in_futex, "futex()");
	/* The killed read() took nothing from the pipe (it never got its page). */
	CHECK_EQ(read(pipefd[0], buf, sizeof(buf)), sizeof(buf));
	printf("the pipe still holds its 16 bytes\n");
	return 0;
}
