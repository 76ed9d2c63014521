/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * UFFD_FEATURE_EVENT_REMAP: mremap() moving a registered range keeps the registration at
 * the new place and tells the pager after the move with a REMAP message (from, to, len);
 * the mremap() waits until the message is read. Faults at the new place then reach the
 * pager with the new addresses, and the old place is gone (COPY there: ENOENT). Without
 * the feature the moved range loses its registration: no message, its missing pages
 * read as zeros, and COPY there is ENOENT.
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

static char *from, *to;
static volatile long moved;
static volatile int returned;
static volatile char loaded = 1;

static int mover(void *arg)
{
	(void)arg;
	moved = (long)mremap(from, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	returned = 1;
	return 0;
}

static int reader(void *arg)
{
	loaded = *(volatile char *)arg;
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

static void register_range(int uffd, void *start, unsigned long len)
{
	struct uffdio_register reg = { .range = { (unsigned long)start, len },
				       .mode = UFFDIO_REGISTER_MODE_MISSING };

	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
}

static int copy_page(int uffd, char *dst)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy = { .dst = (unsigned long)dst, .src = (unsigned long)src,
				    .len = PAGE };

	memset(src, 'n', PAGE);
	return ioctl(uffd, UFFDIO_COPY, &copy);
}

/* Two ranges of 4 pages: the first touched on page 0, the second mapped PROT_NONE. */
static void map_pair(void)
{
	from = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	to = mmap(NULL, 4 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(from != MAP_FAILED && to != MAP_FAILED, "mmap");
	from[0] = 'm';
	moved = 0;
	returned = 0;
}

int main(void)
{
	int uffd = new_uffd(UFFD_FEATURE_EVENT_REMAP), uffd2 = new_uffd(0);
	struct uffd_msg msg;
	struct uffdio_zeropage zero;
	struct thread t;

	map_pair();
	register_range(uffd, from, 4 * PAGE);
	CHECK(thread_create(&t, mover, NULL, NULL) > 0, "thread_create");
	wait_readable(uffd);
	CHECK_EQ(returned, 0); /* mremap() is waiting for this read */
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_REMAP);
	CHECK_EQ(msg.arg.remap.from, (unsigned long)from);
	CHECK_EQ(msg.arg.remap.to, (unsigned long)to);
	CHECK_EQ(msg.arg.remap.len, 4 * PAGE);
	thread_join(&t);
	CHECK_EQ(moved, (long)to);
	printf("REMAP message: from, to, len\n");

	CHECK_EQ(to[0], 'm');
	CHECK_EQ(copy_page(uffd, to + PAGE), 0);
	CHECK_EQ(to[PAGE + 5], 'n');
	errno = 0;
	CHECK_EQ(copy_page(uffd, from), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK(thread_create(&t, reader, to + 2 * PAGE, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)to + 2 * PAGE);
	zero.range.start = (unsigned long)to + 2 * PAGE;
	zero.range.len = PAGE;
	zero.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), 0);
	thread_join(&t);
	CHECK_EQ(loaded, 0);
	printf("the new place stays registered: its fault reached the pager\n");

	/* Without EVENT_REMAP: no message, and the moved range is nobody's. */
	map_pair();
	register_range(uffd2, from, 4 * PAGE);
	CHECK_EQ((long)mremap(from, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, to), (long)to);
	errno = 0;
	CHECK_EQ(read(uffd2, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(to[0], 'm');
	CHECK_EQ(to[PAGE], 0);
	errno = 0;
	CHECK_EQ(copy_page(uffd2, to + 2 * PAGE), -1);
	CHECK_EQ(errno, ENOENT);
	printf("without the feature: no message, the moved range unregistered\n");
	CHECK_EQ(close(uffd2), 0);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
