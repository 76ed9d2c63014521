/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * read() and poll() on a userfaultfd, as Linux gives them (checked on Linux 6.18):
 *   - before UFFDIO_API, poll() reports POLLERR (and read() is EINVAL);
 *   - after it, on an O_NONBLOCK descriptor with no fault waiting: read() is EAGAIN,
 *     poll() reports nothing; a count below 32 (the size of a uffd_msg) is EINVAL;
 *   - a load by another thread from a missing registered page gives exactly one
 *     message: event UFFD_EVENT_PAGEFAULT, flags 0, the page's address (masked), every
 *     reserved field and ptid 0; poll() says POLLIN while it waits; a store gives flags
 *     UFFD_PAGEFAULT_FLAG_WRITE; UFFDIO_COPY lets the thread finish with the copied byte;
 *   - with UFFD_FEATURE_EXACT_ADDRESS and UFFD_FEATURE_THREAD_ID the address is the
 *     exact one and ptid the faulting thread's id;
 *   - two faulters queued one after the other: one read() of 64 bytes returns both
 *     messages, the first fault's first;
 *   - without O_NONBLOCK, poll() and select() report the descriptor at once as in error
 *     (POLLERR; readable for select), fault or no fault, and read() blocks until a fault
 *     comes.
 * The faulting threads are known to be blocked in their fault when /proc says they sleep
 * (they do nothing else between their last step and the fault).
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     UFFD_PAGE_SIZE
#define NR_PAGES 8

static void start_faulter(struct uffd_faulter *f, volatile unsigned char *addr, int write)
{
	CHECK(uffd_faulter_start(f, addr, write) > 0, "thread_create");
}

/* Wait until f's thread is blocked in its fault (its message is then queued). */
static void wait_blocked(struct uffd_faulter *f)
{
	char state;

	while (!f->started)
		syscall6(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
	state = wait_task_sleeping(f->thread.tid);
	CHECK(state == 'S' || state == 'D', "faulter's state %c, expected it asleep", state);
	CHECK(!f->done, "the faulter finished without a page");
}

static short poll_now(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int n = poll(&pfd, 1, 0);

	CHECK(n == 0 || n == 1, "poll: %d", n);
	CHECK_EQ(n, pfd.revents != 0);
	return pfd.revents;
}

static struct uffd_msg read_one(int fd)
{
	struct uffd_msg msg[2];

	CHECK_EQ(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), sizeof(msg[0]));
	return msg[0];
}

static void check_msg(const struct uffd_msg *msg, unsigned long address, u64 flags, u32 ptid)
{
	CHECK_EQ(msg->event, UFFD_EVENT_PAGEFAULT);
	CHECK(msg->reserved1 == 0 && msg->reserved2 == 0 && msg->reserved3 == 0,
	      "reserved fields %u %u %u", msg->reserved1, msg->reserved2, msg->reserved3);
	CHECK(msg->arg.pagefault.flags == flags, "flags %llx, expected %llx",
	      (unsigned long long)msg->arg.pagefault.flags, (unsigned long long)flags);
	CHECK(msg->arg.pagefault.address == address, "address %llx, expected %lx",
	      (unsigned long long)msg->arg.pagefault.address, address);
	CHECK_EQ(msg->arg.pagefault.feat.ptid, ptid);
}

/* Map page with bytes of value fill, which lets its faulter go; join it. */
static void resolve(int fd, struct uffd_faulter *f, unsigned long page, unsigned char fill)
{
	static unsigned char buf[PAGE] __attribute__((aligned(PAGE)));

	for (unsigned long i = 0; i < PAGE; i++)
		buf[i] = fill;
	CHECK_EQ(uffd_copy(fd, (void *)page, buf, PAGE, 0, NULL), 0);
	thread_join(&f->thread);
	CHECK_EQ(f->done, 1);
}

static unsigned char *map_registered(int fd)
{
	unsigned char *m = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, m, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	return m;
}

static void nonblocking(void)
{
	int fd = (int)syscall6(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK, 0, 0, 0, 0, 0);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffd_faulter f, g;
	struct uffd_msg msg[2];
	unsigned char *m;

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	CHECK_EQ(poll_now(fd), POLLERR);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), EINVAL);
	CHECK_EQ(uffd_ioctl(fd, UFFDIO_API, &api), 0);
	CHECK_EQ(poll_now(fd), 0);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), EAGAIN);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg[0]) - 1, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, 0, 0, 0, 0), EINVAL);
	m = map_registered(fd);

	/* A load. */
	start_faulter(&f, m + 0x123, 0);
	wait_blocked(&f);
	CHECK_EQ(poll_now(fd), POLLIN);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg[0]) - 1, 0, 0, 0), EINVAL);
	msg[0] = read_one(fd);
	check_msg(&msg[0], (unsigned long)m, 0, 0);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), EAGAIN);
	CHECK_EQ(poll_now(fd), 0);
	resolve(fd, &f, (unsigned long)m, 0x11);
	CHECK_EQ(f.seen, 0x11);

	/* A store. */
	start_faulter(&f, m + PAGE + 0xff8, 1);
	wait_blocked(&f);
	msg[0] = read_one(fd);
	check_msg(&msg[0], (unsigned long)m + PAGE, UFFD_PAGEFAULT_FLAG_WRITE, 0);
	resolve(fd, &f, (unsigned long)m + PAGE, 0x22);
	CHECK_EQ(m[PAGE + 0xff8], 0x5a);
	CHECK_EQ(m[PAGE + 0xff7], 0x22);

	/* Two faulters, queued in that order, read at once. */
	start_faulter(&f, m + 3 * PAGE + 8, 0);
	wait_blocked(&f);
	start_faulter(&g, m + 2 * PAGE + 16, 1);
	wait_blocked(&g);
	CHECK_EQ(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), sizeof(msg));
	check_msg(&msg[0], (unsigned long)m + 3 * PAGE, 0, 0);
	check_msg(&msg[1], (unsigned long)m + 2 * PAGE, UFFD_PAGEFAULT_FLAG_WRITE, 0);
	CHECK_ERR(syscall6(__NR_read, fd, (long)msg, sizeof(msg), 0, 0, 0), EAGAIN);
	resolve(fd, &g, (unsigned long)m + 2 * PAGE, 0x33);
	resolve(fd, &f, (unsigned long)m + 3 * PAGE, 0x44);
	CHECK_EQ(f.seen, 0x44);
	CHECK_EQ(m[2 * PAGE + 16], 0x5a);
	close(fd);
	munmap(m, NR_PAGES * PAGE);
}

static void exact_address_and_thread_id(void)
{
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK,
			   UFFD_FEATURE_EXACT_ADDRESS | UFFD_FEATURE_THREAD_ID);
	unsigned char *m;
	struct uffd_msg msg;
	struct uffd_faulter f;

	CHECK(fd >= 0, "userfaultfd with EXACT_ADDRESS|THREAD_ID: %d", fd);
	m = map_registered(fd);
	start_faulter(&f, m + 5 * PAGE + 0x321, 1);
	wait_blocked(&f);
	msg = read_one(fd);
	check_msg(&msg, (unsigned long)m + 5 * PAGE + 0x321, UFFD_PAGEFAULT_FLAG_WRITE,
		  (u32)f.thread.tid);
	resolve(fd, &f, (unsigned long)m + 5 * PAGE, 0);

	start_faulter(&f, m + 6 * PAGE + 0x7, 0);
	wait_blocked(&f);
	msg = read_one(fd);
	check_msg(&msg, (unsigned long)m + 6 * PAGE + 0x7, 0, (u32)f.thread.tid);
	resolve(fd, &f, (unsigned long)m + 6 * PAGE, 0x66);
	CHECK_EQ(f.seen, 0x66);
	close(fd);
	munmap(m, NR_PAGES * PAGE);
}

static void blocking(void)
{
	int fd = uffd_open(O_CLOEXEC, 0);
	struct timeval zero = { 0, 0 };
	unsigned char *m;
	struct uffd_msg msg;
	struct uffd_faulter f;
	fd_set rfds;

	CHECK(fd >= 0, "userfaultfd without O_NONBLOCK: %d", fd);
	m = map_registered(fd);
	CHECK_EQ(poll_now(fd), POLLERR);
	FD_ZERO(&rfds);
	FD_SET(fd, &rfds);
	CHECK_EQ(select(fd + 1, &rfds, NULL, NULL, &zero), 1);
	CHECK(FD_ISSET(fd, &rfds), "select did not report the userfaultfd");

	/* read() blocks until the fault comes, whichever comes first. */
	start_faulter(&f, m + 4 * PAGE + 1, 0);
	msg = read_one(fd);
	check_msg(&msg, (unsigned long)m + 4 * PAGE, 0, 0);
	CHECK_EQ(poll_now(fd), POLLERR);
	resolve(fd, &f, (unsigned long)m + 4 * PAGE, 0x77);
	CHECK_EQ(f.seen, 0x77);
	close(fd);
	munmap(m, NR_PAGES * PAGE);
}

int main(void)
{
	nonblocking();
	exact_address_and_thread_id();
	blocking();
	return 0;
}
