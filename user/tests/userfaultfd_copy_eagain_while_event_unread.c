/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * mmap_changing: while a non-cooperative event (here REMOVE from MADV_DONTNEED, then
 * UNMAP from munmap) waits to be read, the pager's idea of the address space is stale,
 * so UFFDIO_COPY and UFFDIO_ZEROPAGE fail with EAGAIN, and write -EAGAIN to their
 * result fields too (as Linux). Once the event is read and its sender has gone on, COPY
 * works again.
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
#include <unistd.h>

#define PAGE 4096UL

static char *area;

static int dontneed(void *arg)
{
	(void)arg;
	return madvise(area + 2 * PAGE, PAGE, MADV_DONTNEED);
}

static int unmap(void *arg)
{
	(void)arg;
	return munmap(area + 3 * PAGE, PAGE);
}

/* COPY and ZEROPAGE to page (missing) while an event is unread: EAGAIN both. */
static void check_eagain(int uffd, char *page)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy = { .dst = (unsigned long)page, .src = (unsigned long)src,
				    .len = PAGE, .copy = 12345 };
	struct uffdio_zeropage zero = { .range = { (unsigned long)page, PAGE }, .zeropage = 12345 };

	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(copy.copy, -EAGAIN);
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(zero.zeropage, -EAGAIN);
}

/* Start fn in a thread, wait until its event is readable, check EAGAIN, read the event. */
static void while_event_unread(int uffd, int (*fn)(void *), unsigned int event)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;
	struct thread t;

	CHECK(thread_create(&t, fn, NULL, NULL) > 0, "thread_create");
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	check_eagain(uffd, area);
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.event, event);
	thread_join(&t);
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API,
				  .features = UFFD_FEATURE_EVENT_REMOVE | UFFD_FEATURE_EVENT_UNMAP };
	struct uffdio_register reg;
	struct uffdio_zeropage zero;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);

	while_event_unread(uffd, dontneed, UFFD_EVENT_REMOVE);
	printf("COPY and ZEROPAGE: EAGAIN while REMOVE was unread\n");
	while_event_unread(uffd, unmap, UFFD_EVENT_UNMAP);
	printf("... and while UNMAP was unread\n");

	/* Both senders went on: the range may be filled again. */
	zero.range.start = (unsigned long)area;
	zero.range.len = PAGE;
	zero.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), 0);
	CHECK_EQ(zero.zeropage, PAGE);
	CHECK_EQ(area[7], 0);
	printf("after the reads, ZEROPAGE works again\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
