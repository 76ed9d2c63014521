/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 5 */
/*
 * One fault that waits for a user pager, end to end: a thread stores into a page of a
 * range registered UFFDIO_REGISTER_MODE_MISSING; the pager (this main thread) reads one
 * message (PAGEFAULT, WRITE, the page's address), fills the page with UFFDIO_COPY, and
 * the thread's store completes on the pager's bytes. A load from another page is
 * resolved with UFFDIO_ZEROPAGE (message flags 0). getrusage: the thread's two faults
 * each count once, however many times they were retried; on Faultline as major (they
 * waited). Linux 6.18 counts them minor: its first try runs under the VMA lock, and the
 * retry under the mmap lock is not marked FAULT_FLAG_TRIED unless the first was major.
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
#include <sys/resource.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static volatile long loaded = -1;
static volatile long majflt = -1, minflt = -1;

static int faulter(void *arg)
{
	struct rusage before, after;

	(void)arg;
	getrusage(RUSAGE_THREAD, &before);
	area[5] = 'x';               /* waits for the pager's COPY */
	loaded = area[2 * PAGE + 7]; /* waits for its ZEROPAGE */
	getrusage(RUSAGE_THREAD, &after);
	majflt = after.ru_majflt - before.ru_majflt;
	minflt = after.ru_minflt - before.ru_minflt;
	return 0;
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, -1, &msg), 0);
	return msg;
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffdio_zeropage zero;
	static char src[PAGE] __attribute__((aligned(4096)));
	struct thread t;
	struct uffd_msg msg;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK(reg.ioctls & (1ULL << _UFFDIO_COPY), "COPY in the range's ioctls");
	printf("registered\n");

	CHECK(thread_create(&t, faulter, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	printf("write fault message at the page's address\n");
	memset(src, 'p', PAGE);
	copy.dst = (unsigned long)area;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	copy.copy = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(copy.copy, PAGE);

	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, 0);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + 2 * PAGE);
	printf("read fault message\n");
	zero.range.start = (unsigned long)area + 2 * PAGE;
	zero.range.len = PAGE;
	zero.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), 0);
	CHECK_EQ(zero.zeropage, PAGE);
	thread_join(&t);

	CHECK_EQ(area[5], 'x');
	CHECK_EQ(area[4], 'p');
	CHECK_EQ(area[PAGE - 1], 'p');
	CHECK_EQ(loaded, 0);
	CHECK_EQ(majflt + minflt, 2);
	if (on_faultline())
		CHECK_EQ(majflt, 2);
	printf("the store landed on the pager's page; the load read zeros; counted once each\n");
	/* Nothing else waits: a non-blocking read says so. */
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
