/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * /proc/<pid>/mem does not wait for a pager. Linux's mem_rw() goes through
 * access_remote_vm(), whose GUP passes no `locked` (the mmap lock may not be dropped),
 * so the fault may not be retried; handle_userfault() then answers VM_FAULT_SIGBUS
 * without queueing a message, and the access fails: a read or write of a missing page of
 * a range registered MISSING is EIO at once (short, if bytes before it were done). Once
 * the pager has copied the page in, it reads and writes as any other.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffd_msg msg;
	char buf[64];
	char *area;
	int fd;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	fd = open("/proc/self/mem", O_RDWR);
	CHECK(fd >= 0, "open /proc/self/mem: %s", strerror(errno));

	errno = 0;
	CHECK_EQ(pread(fd, buf, sizeof(buf), (off_t)(unsigned long)area), -1);
	CHECK_EQ(errno, EIO);
	errno = 0;
	CHECK_EQ(pwrite(fd, "x", 1, (off_t)(unsigned long)(area + PAGE)), -1);
	CHECK_EQ(errno, EIO);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1); /* no message was queued */
	CHECK_EQ(errno, EAGAIN);
	printf("reading or writing a missing page through /proc/self/mem: EIO, no message\n");

	memset(src, 'p', PAGE);
	copy.dst = (unsigned long)area;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), (off_t)(unsigned long)area), sizeof(buf));
	CHECK_EQ(buf[0], 'p');
	CHECK_EQ(buf[sizeof(buf) - 1], 'p');
	CHECK_EQ(pwrite(fd, "xy", 2, (off_t)(unsigned long)(area + 10)), 2);
	CHECK_EQ(area[10], 'x');
	CHECK_EQ(area[11], 'y');
	/* Across the end of the copied page into the missing one: short. */
	CHECK_EQ(pread(fd, buf, sizeof(buf), (off_t)(unsigned long)(area + PAGE - 16)), 16);
	printf("after the copy it reads and writes; across into the missing page it is short\n");
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	close(fd);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
