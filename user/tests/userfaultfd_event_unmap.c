/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * UFFD_FEATURE_EVENT_UNMAP: every way a registered range is unmapped tells its pager,
 * after the unmap, with an UNMAP message whose start and end are the call's range (not
 * only its registered part), and the call waits until the message is read: munmap()
 * over the range's first half and the page below it, mremap() shrinking what is left,
 * and mmap(MAP_FIXED) over a page of it. Unmapping memory nobody registered sends
 * nothing, and neither does a pager without the feature.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static volatile int step, returned;
static volatile long result;

static int unmapper(void *arg)
{
	(void)arg;
	switch (step) {
	case 0:
		result = munmap(area - PAGE, 3 * PAGE);
		break;
	case 1:
		result = (long)mremap(area + 2 * PAGE, 2 * PAGE, PAGE, 0);
		break;
	case 2:
		result = (long)mmap(area + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	}
	returned = 1;
	return 0;
}

/* Wait until a message can be read from uffd (at most 10 s: a hang fails the test). */
static void wait_readable(int uffd)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };

	CHECK_EQ(poll(&pfd, 1, 10000), 1);
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, 10000, &msg), 0);
	return msg;
}

static int new_uffd(unsigned long long features)
{
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, features);

	CHECK(uffd >= 0, "userfaultfd and UFFDIO_API: %s", strerror(-uffd));
	return uffd;
}

/* Run unmapper's step in a thread; its UNMAP message must say [start, end). */
static long unmap_and_read(int uffd, int which, char *start, char *end)
{
	struct uffd_msg msg;
	struct thread t;

	step = which;
	returned = 0;
	CHECK(thread_create(&t, unmapper, NULL, NULL) > 0, "thread_create");
	wait_readable(uffd);
	CHECK_EQ(returned, 0); /* the call is waiting for this read */
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_UNMAP);
	CHECK_EQ(msg.arg.remove.start, (unsigned long)start);
	CHECK_EQ(msg.arg.remove.end, (unsigned long)end);
	thread_join(&t);
	return result;
}

int main(void)
{
	int uffd = new_uffd(UFFD_FEATURE_EVENT_UNMAP), uffd2 = new_uffd(0);
	struct uffdio_register reg;
	struct uffd_msg msg;
	char *base, *other;

	/* Pages 2-5 of 8 registered. */
	base = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(base != MAP_FAILED, "mmap");
	area = base + 2 * PAGE;
	reg.range.start = (unsigned long)area;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);

	CHECK_EQ(unmap_and_read(uffd, 0, area - PAGE, area + 2 * PAGE), 0);
	printf("munmap: UNMAP message with the call's range\n");
	CHECK_EQ(unmap_and_read(uffd, 1, area + 3 * PAGE, area + 4 * PAGE), (long)(area + 2 * PAGE));
	printf("mremap shrinking: UNMAP message for the tail\n");
	CHECK_EQ(unmap_and_read(uffd, 2, area + 2 * PAGE, area + 3 * PAGE), (long)(area + 2 * PAGE));
	printf("mmap MAP_FIXED over it: UNMAP message\n");

	/* Nothing registered there any more, nor in the pages never registered. */
	CHECK_EQ(munmap(base, 8 * PAGE), 0);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);

	other = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(other != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)other;
	reg.range.len = 2 * PAGE;
	CHECK_EQ(ioctl(uffd2, UFFDIO_REGISTER, &reg), 0);
	CHECK_EQ(munmap(other, 2 * PAGE), 0);
	errno = 0;
	CHECK_EQ(read(uffd2, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	printf("no message for unregistered memory, nor without the feature\n");
	CHECK_EQ(close(uffd2), 0);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
