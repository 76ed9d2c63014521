/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * close() of the last descriptor of a userfaultfd releases it, as in Linux: three
 * threads blocked in faults on missing pages of the registered range (two loads, one
 * store; one message read by the pager, two still queued) all wake and retry as
 * ordinary faults of anonymous memory: the loads read zeros, the store's page holds
 * zeros and its byte. The registration is gone: a new fault in the range by another
 * thread completes at once with zeros, and a new userfaultfd may register the range
 * (no EBUSY) and gets its faults.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     UFFD_PAGE_SIZE
#define NR_PAGES 8

static void wait_blocked(struct uffd_faulter *f)
{
	char state;

	CHECK(wait_flag(&f->started), "the faulter did not start");
	state = wait_task_sleeping(f->thread.tid);
	CHECK(state == 'S' || state == 'D', "faulter state %c, expected asleep", state);
	CHECK(!f->done, "the faulter finished without a page");
}

static void check_zero_page(const unsigned char *page, unsigned long skip)
{
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK(i == skip || page[i] == 0, "byte %lu of page %p is %u", i, page, page[i]);
}

static void check_finishes(struct uffd_faulter *f)
{
	CHECK(wait_flag(&f->done), "the faulter did not finish");
	thread_join(&f->thread);
}

int main(void)
{
	struct uffd_faulter f[3], later;
	struct pollfd pfd;
	struct uffd_msg msg;
	unsigned char *m;
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	m = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, m, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);

	CHECK(uffd_faulter_start(&f[0], m + 0x10, 0) > 0, "thread_create");
	wait_blocked(&f[0]);
	CHECK(uffd_faulter_start(&f[1], m + PAGE + 0x20, 1) > 0, "thread_create");
	wait_blocked(&f[1]);
	CHECK(uffd_faulter_start(&f[2], m + 2 * PAGE + 0x30, 0) > 0, "thread_create");
	wait_blocked(&f[2]);
	CHECK_EQ(read(fd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)m);

	CHECK_EQ(close(fd), 0);
	for (int i = 0; i < 3; i++)
		check_finishes(&f[i]);
	CHECK_EQ(f[0].seen, 0);
	CHECK_EQ(f[2].seen, 0);
	check_zero_page(m, PAGE);
	check_zero_page(m + PAGE, 0x20);
	CHECK_EQ(m[PAGE + 0x20], 0x5a);
	check_zero_page(m + 2 * PAGE, PAGE);

	/* The range is ordinary memory now. */
	CHECK(uffd_faulter_start(&later, m + 3 * PAGE + 0x40, 1) > 0, "thread_create");
	check_finishes(&later);
	CHECK_EQ(m[3 * PAGE + 0x40], 0x5a);
	check_zero_page(m + 3 * PAGE, 0x40);

	/* And free for another userfaultfd, which gets the next fault. */
	fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	CHECK(fd >= 0, "second userfaultfd: %d", fd);
	CHECK_EQ(uffd_register(fd, m, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	CHECK(uffd_faulter_start(&later, m + 4 * PAGE, 0) > 0, "thread_create");
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(fd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)m + 4 * PAGE);
	CHECK_EQ(uffd_zeropage(fd, m + 4 * PAGE, PAGE, 0, NULL), 0);
	check_finishes(&later);
	CHECK_EQ(close(fd), 0);
	munmap(m, NR_PAGES * PAGE);
	return 0;
}
