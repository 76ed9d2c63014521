/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * A pager filling a MAP_PRIVATE mapping of shared memory fills the mapping, not the
 * file: UFFDIO_COPY gives the mapping a page of its own and UFFDIO_ZEROPAGE the zero
 * page, and the file's holes stay holes. Here the file is a memfd sealed against writes,
 * mapped read-only and private: the mapping reads the pager's bytes, pread() of the file
 * still reads zeros, and a write() to it is still EPERM. (A pager that filled the file's
 * cache instead would let anyone write into a file it may only read.) Also: a
 * userfaultfd is open for reading only (F_GETFL), so write() to it is EBADF.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <uapi/memfd.h>
#include <unistd.h>

#define PAGE 4096UL

int main(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	int fd = memfd_create("sealed", MFD_ALLOW_SEALING), uffd;
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffdio_zeropage zero;
	char buf[8], *p;

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW), 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(fcntl(uffd, F_GETFL) & O_ACCMODE, O_RDONLY);
	errno = 0;
	CHECK_EQ(write(uffd, "x", 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	reg.range.start = (unsigned long)p;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	printf("sealed memfd mapped private and read-only, registered\n");

	memset(src, 'E', PAGE);
	copy.dst = (unsigned long)p;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	zero.range.start = (unsigned long)p + PAGE;
	zero.range.len = PAGE;
	zero.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), 0);
	CHECK_EQ(p[7], 'E');
	CHECK_EQ(p[PAGE + 7], 0);
	printf("the mapping reads the pager's bytes\n");

	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), sizeof(buf));
	CHECK_EQ(buf[0], 0);
	errno = 0;
	CHECK_EQ(write(fd, "x", 1), -1);
	CHECK_EQ(errno, EPERM);
	printf("the file is untouched and still sealed\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
