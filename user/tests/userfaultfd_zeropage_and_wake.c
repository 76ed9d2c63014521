/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * UFFDIO_ZEROPAGE and the wake rules, as Linux has them:
 *   - ZEROPAGE answers a blocked load with a page of zeros (.zeropage = 4096), which
 *     the faulter reads; writing it afterwards is an ordinary fault (copy on write);
 *   - COPY with UFFDIO_COPY_MODE_DONTWAKE maps the page but leaves the faulter asleep:
 *     given time to run, it has not made progress and still sleeps; UFFDIO_WAKE of a
 *     range without its address leaves it so; UFFDIO_WAKE of its page lets it finish,
 *     and its store lands on the copied contents;
 *   - ZEROPAGE with UFFDIO_ZEROPAGE_MODE_DONTWAKE likewise, until a UFFDIO_WAKE of a
 *     range that covers the page among others.
 * "Given time to run" is 50 ms of sleep in the waker: a faulter wrongly woken would bump
 * its progress flag in that time; the test checks the flag, never a duration.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     UFFD_PAGE_SIZE
#define NR_PAGES 8

/* Start a faulter on addr and return once its fault's message was read. */
static void fault_and_read(int fd, struct uffd_faulter *f, volatile unsigned char *addr, int write)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct uffd_msg msg;

	CHECK(uffd_faulter_start(f, addr, write) > 0, "thread_create");
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(fd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)addr & ~(PAGE - 1));
}

/* f must still be blocked, even after a chance to run. */
static void check_still_blocked(struct uffd_faulter *f)
{
	char state;

	sleep_ms(50);
	CHECK(!f->done, "the faulter ran on without a wake");
	state = task_state(f->thread.tid);
	CHECK(state == 'S' || state == 'D', "faulter state %c, expected asleep", state);
}

static void check_finishes(struct uffd_faulter *f)
{
	CHECK(wait_flag(&f->done), "the faulter did not finish");
	thread_join(&f->thread);
}

int main(void)
{
	static unsigned char buf[PAGE] __attribute__((aligned(PAGE)));
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	struct uffd_faulter f;
	unsigned char *m;
	s64 out;

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	m = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, m, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);

	/* ZEROPAGE wakes a load. */
	fault_and_read(fd, &f, m + 0x40, 0);
	CHECK_EQ(uffd_zeropage(fd, m, PAGE, 0, &out), 0);
	CHECK_EQ(out, PAGE);
	check_finishes(&f);
	CHECK_EQ(f.seen, 0);
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK(m[i] == 0, "byte %lu of the zero page is %u", i, m[i]);
	m[7] = 7;
	CHECK_EQ(m[7], 7);
	CHECK_EQ(m[8], 0);

	/* COPY with DONTWAKE, then WAKE elsewhere, then WAKE of the page. */
	for (unsigned long i = 0; i < PAGE; i++)
		buf[i] = 0xcc;
	fault_and_read(fd, &f, m + 2 * PAGE + 0x10, 1);
	CHECK_EQ(uffd_copy(fd, m + 2 * PAGE, buf, PAGE, UFFDIO_COPY_MODE_DONTWAKE, &out), 0);
	CHECK_EQ(out, PAGE);
	check_still_blocked(&f);
	CHECK_EQ(uffd_wake(fd, m + 3 * PAGE, 4 * PAGE), 0);
	CHECK_EQ(uffd_wake(fd, m, 2 * PAGE), 0);
	check_still_blocked(&f);
	CHECK_EQ(uffd_wake(fd, m + 2 * PAGE, PAGE), 0);
	check_finishes(&f);
	CHECK_EQ(m[2 * PAGE + 0x10], 0x5a);
	CHECK_EQ(m[2 * PAGE + 0x0f], 0xcc);
	CHECK_EQ(m[2 * PAGE + 0x11], 0xcc);

	/* ZEROPAGE with DONTWAKE, then a WAKE of a range around the page. */
	fault_and_read(fd, &f, m + 5 * PAGE + 0xfff, 0);
	CHECK_EQ(uffd_zeropage(fd, m + 5 * PAGE, PAGE, UFFDIO_ZEROPAGE_MODE_DONTWAKE, &out), 0);
	CHECK_EQ(out, PAGE);
	check_still_blocked(&f);
	CHECK_EQ(uffd_wake(fd, m + 4 * PAGE, 3 * PAGE), 0);
	check_finishes(&f);
	CHECK_EQ(f.seen, 0);

	close(fd);
	munmap(m, NR_PAGES * PAGE);
	return 0;
}
