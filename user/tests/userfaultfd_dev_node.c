/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * /dev/userfaultfd, Linux's other way to a userfaultfd (5.11+): its one ioctl,
 * USERFAULTFD_IOC_NEW, takes the flags of the userfaultfd() system call and returns a
 * new userfaultfd, as Linux gives it:
 *   - with O_CLOEXEC: close-on-exec set, O_NONBLOCK clear; with O_NONBLOCK (and
 *     UFFD_USER_MODE_ONLY) the other way round;
 *   - the new descriptor works: UFFDIO_API, REGISTER, a fault's message, UFFDIO_COPY;
 *   - any other flag (O_RDWR, O_APPEND, 0x10) is EINVAL, for the system call too;
 *   - another ioctl on the device (UFFDIO_API, an unknown one) is EINVAL, and so are
 *     read() and write() of it.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE UFFD_PAGE_SIZE

static long new_uffd(int dev, long flags)
{
	return syscall6(__NR_ioctl, dev, USERFAULTFD_IOC_NEW, flags, 0, 0, 0);
}

/* fd takes UFFDIO_API and serves one fault. */
static void check_works(int fd)
{
	static unsigned char buf[PAGE] __attribute__((aligned(PAGE)));
	struct uffdio_api api = { .api = UFFD_API };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct uffd_faulter f;
	struct uffd_msg msg;
	unsigned char *m;

	CHECK_EQ(uffd_ioctl(fd, UFFDIO_API, &api), 0);
	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, m, PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	CHECK(uffd_faulter_start(&f, m + 0x99, 0) > 0, "thread_create");
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(fd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)m);
	buf[0x99] = 0x42;
	CHECK_EQ(uffd_copy(fd, m, buf, PAGE, 0, NULL), 0);
	CHECK(wait_flag(&f.done), "the faulter did not finish");
	thread_join(&f.thread);
	CHECK_EQ(f.seen, 0x42);
	munmap(m, PAGE);
}

int main(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	int dev = open("/dev/userfaultfd", O_RDWR | O_CLOEXEC);
	char byte = 0, msg[32];
	long fd;

	CHECK(dev >= 0, "open /dev/userfaultfd: errno %d", errno);

	fd = new_uffd(dev, O_CLOEXEC);
	CHECK(fd >= 0, "USERFAULTFD_IOC_NEW(O_CLOEXEC): %ld", fd);
	CHECK_EQ(fcntl((int)fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl((int)fd, F_GETFL) & O_NONBLOCK, 0);
	CHECK_EQ(close((int)fd), 0);

	fd = new_uffd(dev, O_NONBLOCK | UFFD_USER_MODE_ONLY);
	CHECK(fd >= 0, "USERFAULTFD_IOC_NEW(O_NONBLOCK|UFFD_USER_MODE_ONLY): %ld", fd);
	CHECK_EQ(fcntl((int)fd, F_GETFD), 0);
	CHECK_EQ(fcntl((int)fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	CHECK_EQ(close((int)fd), 0);

	fd = new_uffd(dev, O_CLOEXEC | O_NONBLOCK);
	CHECK(fd >= 0, "USERFAULTFD_IOC_NEW(O_CLOEXEC|O_NONBLOCK): %ld", fd);
	check_works((int)fd);
	CHECK_EQ(close((int)fd), 0);

	CHECK_ERR(new_uffd(dev, O_RDWR), EINVAL);
	CHECK_ERR(new_uffd(dev, O_APPEND), EINVAL);
	CHECK_ERR(new_uffd(dev, 0x10), EINVAL);
	CHECK_ERR(syscall6(__NR_userfaultfd, O_RDWR, 0, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_userfaultfd, 0x10, 0, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(uffd_ioctl(dev, UFFDIO_API, &api), EINVAL);
	CHECK_ERR(uffd_ioctl(dev, USERFAULTFD_IOC_NEW + 1, NULL), EINVAL);
	CHECK_ERR(syscall6(__NR_read, dev, (long)msg, sizeof(msg), 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_write, dev, (long)&byte, 1, 0, 0, 0), EINVAL);
	CHECK_EQ(close(dev), 0);
	return 0;
}
