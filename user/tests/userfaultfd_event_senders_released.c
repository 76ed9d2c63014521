/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * An event's sender waits only while somebody may still read its message. Closing the
 * userfaultfd releases it: a munmap() waiting on its UNMAP message returns 0. The wait
 * is killable: a process blocked in munmap() or in fork() with nobody to read its
 * message dies of SIGKILL (and the child context its FORK message carried is freed:
 * runall's frame count after the test says so).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
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
static volatile long result = -2;

static int unmapper(void *arg)
{
	(void)arg;
	result = munmap(area, PAGE);
	return 0;
}

static int new_registered_uffd(unsigned long long features)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API, .features = features };
	struct uffdio_register reg;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	return uffd;
}

/* Start fn in a thread, let its event be queued, then close uffd unread. */
static void close_while_sender_waits(int uffd, int (*fn)(void *))
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct thread t;

	result = -2;
	CHECK(thread_create(&t, fn, NULL, NULL) > 0, "thread_create");
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(result, -2);
	CHECK_EQ(close(uffd), 0);
	thread_join(&t);
}

/* A child process whose own event (an UNMAP, or a FORK) nobody reads: SIGKILL ends it. */
static void kill_blocked_sender(unsigned long long feature)
{
	int ready[2], status;
	pid_t pid;
	char byte;

	CHECK_EQ(pipe(ready), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		new_registered_uffd(feature);
		CHECK_EQ(write(ready[1], "r", 1), 1);
		if (feature == UFFD_FEATURE_EVENT_FORK && fork() == 0)
			_exit(4); /* a child that must never run */
		munmap(area, PAGE);
		_exit(3);
	}
	CHECK_EQ(read(ready[0], &byte, 1), 1);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child: %s", status_str(status));
	CHECK_EQ(close(ready[0]), 0);
	CHECK_EQ(close(ready[1]), 0);
}

int main(void)
{
	close_while_sender_waits(new_registered_uffd(UFFD_FEATURE_EVENT_UNMAP), unmapper);
	CHECK_EQ(result, 0);
	printf("close: the waiting munmap() returned 0\n");
	kill_blocked_sender(UFFD_FEATURE_EVENT_UNMAP);
	printf("SIGKILL ends a munmap() whose message nobody reads\n");
	kill_blocked_sender(UFFD_FEATURE_EVENT_FORK);
	printf("SIGKILL ends a fork() whose message nobody reads\n");
	return 0;
}
