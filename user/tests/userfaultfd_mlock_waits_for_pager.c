/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * mlock() of a range registered MISSING populates it as Linux's __mm_populate() does,
 * through GUP with the `locked` protocol: each missing page is a fault that waits for
 * the pager (a write fault: a writable private mapping is populated with its own pages),
 * in order, and mlock() returns 0 once the last page is in, with the pager's bytes
 * locked in place.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <thread.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static volatile long result = -2;
static volatile int done;

static int lock_area(void *arg)
{
	(void)arg;
	result = mlock(area, 2 * PAGE) ? -errno : 0;
	done = 1;
	return 0;
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	static char src[PAGE] __attribute__((aligned(4096)));
	struct pollfd pfd = { .fd = -1, .events = POLLIN };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffd_msg msg;
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);

	CHECK(thread_create(&t, lock_area, NULL, NULL) > 0, "thread_create");
	pfd.fd = uffd;
	for (unsigned long page = 0; page < 2; page++) {
		CHECK_EQ(poll(&pfd, 1, -1), 1);
		CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
		CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
		CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + page * PAGE);
		CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE);
		for (int i = 0; i < 100; i++)
			sched_yield();
		CHECK_EQ(done, 0);
		memset(src, (int)('a' + page), PAGE);
		copy.dst = (unsigned long)area + page * PAGE;
		copy.src = (unsigned long)src;
		copy.len = PAGE;
		copy.mode = 0;
		CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
		printf("mlock() waits for page %lu: a write fault message\n", page);
	}
	thread_join(&t);
	CHECK_EQ(result, 0);
	CHECK_EQ(area[0], 'a');
	CHECK_EQ(area[2 * PAGE - 1], 'b');
	printf("mlock() returned 0 with the pager's pages in\n");
	CHECK_EQ(munlock(area, 2 * PAGE), 0);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
