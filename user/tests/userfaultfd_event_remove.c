/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * UFFD_FEATURE_EVENT_REMOVE: before madvise() drops pages of a registered range, the
 * pager gets a REMOVE message (start, end) and madvise() waits until it is read. Private
 * anonymous memory with MADV_DONTNEED, and shared memory with MADV_REMOVE (a hole in the
 * file): after the call the advised pages are missing again (COPY fills them: 0) and the
 * others are still there (COPY: EEXIST). Without the feature, DONTNEED sends nothing.
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
static volatile int advice, advised = -2;

static int adviser(void *arg)
{
	(void)arg;
	advised = madvise(area + PAGE, 2 * PAGE, advice);
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

static int copy_page(int uffd, char *dst)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy = { .dst = (unsigned long)dst, .src = (unsigned long)src,
				    .len = PAGE };

	memset(src, 'n', PAGE);
	return ioctl(uffd, UFFDIO_COPY, &copy);
}

/* Map 4 pages (flags), write all of them, and register them with uffd. */
static void map_registered(int uffd, int flags)
{
	struct uffdio_register reg;

	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	memset(area, 'd', 4 * PAGE);
	reg.range.start = (unsigned long)area;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
}

/* madvise(area + PAGE, 2 pages, how) in a thread: the REMOVE message comes first. */
static void advise_and_read(int uffd, int how)
{
	struct uffd_msg msg;
	struct thread t;

	advice = how;
	advised = -2;
	CHECK(thread_create(&t, adviser, NULL, NULL) > 0, "thread_create");
	wait_readable(uffd);
	CHECK_EQ(advised, -2); /* madvise() is waiting for this read */
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_REMOVE);
	CHECK_EQ(msg.arg.remove.start, (unsigned long)area + PAGE);
	CHECK_EQ(msg.arg.remove.end, (unsigned long)area + 3 * PAGE);
	thread_join(&t);
	CHECK_EQ(advised, 0);
	/* Pages 1 and 2 went, 0 and 3 stayed. */
	CHECK_EQ(copy_page(uffd, area + PAGE), 0);
	CHECK_EQ(copy_page(uffd, area + 2 * PAGE), 0);
	errno = 0;
	CHECK_EQ(copy_page(uffd, area), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(area[3 * PAGE], 'd');
	CHECK_EQ(area[PAGE], 'n');
}

int main(void)
{
	int uffd = new_uffd(UFFD_FEATURE_EVENT_REMOVE), uffd2 = new_uffd(0);
	struct uffd_msg msg;

	map_registered(uffd, MAP_PRIVATE);
	advise_and_read(uffd, MADV_DONTNEED);
	printf("MADV_DONTNEED: REMOVE message, then the pages went\n");
	map_registered(uffd, MAP_SHARED);
	advise_and_read(uffd, MADV_REMOVE);
	printf("MADV_REMOVE of shared memory: REMOVE message, then the hole\n");

	map_registered(uffd2, MAP_PRIVATE);
	CHECK_EQ(madvise(area + PAGE, 2 * PAGE, MADV_DONTNEED), 0);
	errno = 0;
	CHECK_EQ(read(uffd2, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	printf("without the feature: no message\n");
	CHECK_EQ(close(uffd2), 0);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
