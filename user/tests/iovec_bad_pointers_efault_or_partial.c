/* EXPECT: exit 0 */
/*
 * Bad user buffers in vectored and pipe I/O, with Linux's results. "good" is a mapped
 * page, "bad" the unmapped page after it.
 * - A file: readv whose second iovec is bad returns the first one's bytes and moves the
 *   position by exactly those; a bad first iovec is EFAULT, position unchanged; an
 *   unreadable iovec array is EFAULT; so is one of several iovecs whose length runs out
 *   of user space, while a single such iovec is first cut to MAX_RW_COUNT (Linux's
 *   shortcut for one buffer), and reads up to the fault: 4096 bytes.
 * - A pipe moves a chunk whole or not at all: a readv or read that faults leaves the
 *   bytes in the pipe (FIONREAD unchanged) and fails with EFAULT; a writev that faults
 *   on its second iovec writes nothing; a write of 8192 bytes whose second page is bad
 *   writes the first 4096; one of 5000 bytes whose first 4096 run into the bad page
 *   writes nothing.
 * qemu-user checks each iovec whole before the call and drops a bad one after the
 * first; where that shows (pipes), its result is noted and excused.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static int in_pipe(int fd)
{
	int n = -1;

	CHECK_EQ(syscall6(__NR_ioctl, fd, FIONREAD, (long)&n, 0, 0, 0), 0);
	return n;
}

/* r, or want if r is what qemu-user gives instead (noted). */
static long excuse_qemu(long r, long want, long qemu, const char *what)
{
	if (r != want && r == qemu && under_qemu_user()) {
		note("%s: %ld under qemu-user, excused", what, r);
		return want;
	}
	return r;
}

int main(void)
{
	/* Low in the address space, so that MAX_RW_COUNT bytes from it are all user space. */
	unsigned char *good = mmap((void *)0x30000000UL, 8192, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	unsigned char *bad = good + 4096;
	struct iovec iov[2];
	int fd, fds[2];
	long r;

	CHECK(good != MAP_FAILED, "mmap");
	CHECK_EQ(munmap(bad, 4096), 0);
	memset(good, 'g', 4096);

	fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	iov[0] = (struct iovec){ good, 10 };
	iov[1] = (struct iovec){ bad, 10 };
	CHECK_EQ(readv(fd, iov, 2), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_ERR(syscall6(__NR_readv, fd, (long)&iov[1], 1, 0, 0, 0), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_ERR(syscall6(__NR_readv, fd, (long)bad, 1, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_readv, fd, (long)(bad - 8), 1, 0, 0, 0), EFAULT);
	iov[0] = (struct iovec){ good, 0x7fffffffffffffffUL };
	iov[1] = (struct iovec){ good, 1 };
	CHECK_ERR(syscall6(__NR_readv, fd, (long)iov, 2, 0, 0, 0), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	r = syscall6(__NR_readv, fd, (long)iov, 1, 0, 0, 0);
	CHECK_EQ(excuse_qemu(r, 4096, -EFAULT, "readv of one huge iovec"), 4096);
	if (r == 4096)
		CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10 + 4096);
	CHECK_EQ(close(fd), 0);

	memset(good, 'g', 4096); /* the file's bytes came into the first 10 */
	CHECK_EQ(pipe(fds), 0);
	iov[0] = (struct iovec){ good, 10 };
	iov[1] = (struct iovec){ bad, 10 };
	r = syscall6(__NR_writev, fds[1], (long)iov, 2, 0, 0, 0);
	CHECK_ERR(excuse_qemu(r, -EFAULT, 10, "writev to a pipe, second iovec bad"), EFAULT);
	if (r == 10) {
		char drain[10];

		CHECK_EQ(read(fds[0], drain, 10), 10);
	}
	CHECK_EQ(in_pipe(fds[0]), 0);

	r = syscall6(__NR_write, fds[1], (long)good, 8192, 0, 0, 0);
	CHECK_EQ(excuse_qemu(r, 4096, -EFAULT, "write of 8192 to a pipe, second page bad"), 4096);
	if (r == -EFAULT)
		CHECK_EQ(write(fds[1], good, 4096), 4096);
	CHECK_EQ(in_pipe(fds[0]), 4096);
	CHECK_ERR(syscall6(__NR_write, fds[1], (long)(good + 100), 5000, 0, 0, 0), EFAULT);
	CHECK_EQ(in_pipe(fds[0]), 4096);

	CHECK_ERR(syscall6(__NR_read, fds[0], (long)bad, 10, 0, 0, 0), EFAULT);
	CHECK_EQ(in_pipe(fds[0]), 4096);
	iov[0] = (struct iovec){ good + 100, 10 };
	iov[1] = (struct iovec){ bad, 10 };
	r = syscall6(__NR_readv, fds[0], (long)iov, 2, 0, 0, 0);
	CHECK_ERR(excuse_qemu(r, -EFAULT, 10, "readv from a pipe, second iovec bad"), EFAULT);
	CHECK_EQ(in_pipe(fds[0]), r == 10 ? 4086 : 4096);
	CHECK_EQ(read(fds[0], good + 100, 5), 5);
	CHECK(!memcmp(good + 100, "ggggg", 5), "the pipe lost its bytes");
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);
	return 0;
}
