/* EXPECT: exit 0 */
/*
 * Vectored and positioned I/O on an initrd file (/data/pattern.bin, 20000 bytes) and on
 * a pipe, checked against plain read():
 * - readv fills its buffers in order, skipping empty ones, stops at end of file, and
 *   moves the position; preadv and pread read at an offset and leave the position alone,
 *   returning less at the end of file and 0 past it;
 * - writev gathers its buffers into a pipe, readv scatters them back; writev to the
 *   console prints one line from three pieces;
 * - lseek: SEEK_END, SEEK_DATA and SEEK_HOLE (a file without holes: data up to its end,
 *   one hole there), ENXIO for SEEK_DATA at the end, EINVAL for a negative result or an
 *   unknown whence; a position past the end reads 0 bytes;
 * - errors: EINVAL for a negative offset, more than IOV_MAX iovecs, a negative count, or
 *   a length over SSIZE_MAX; EBADF for writing a file opened read-only; ESPIPE for
 *   preadv/pwritev on a pipe; 0 iovecs read 0 bytes.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define SIZE 20000

static unsigned char ref[SIZE], buf[SIZE + 64];

int main(void)
{
	struct iovec iov[4];
	char a[8], b[8], c[8];
	int fd, fds[2];
	long got = 0, n;

	fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	while ((n = read(fd, ref + got, SIZE - got)) > 0)
		got += n;
	CHECK_EQ(got, SIZE);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){ buf, 100 };
	iov[1] = (struct iovec){ buf + 5000, 0 };
	iov[2] = (struct iovec){ buf + 100, 5000 };
	iov[3] = (struct iovec){ buf + 5100, SIZE };
	CHECK_EQ(readv(fd, iov, 4), SIZE);
	CHECK(!memcmp(buf, ref, SIZE), "readv scattered the file wrongly");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE);
	CHECK_EQ(readv(fd, iov, 4), 0);

	CHECK_EQ(pread(fd, buf, 300, 12345), 300);
	CHECK(!memcmp(buf, ref + 12345, 300), "pread read the wrong bytes");
	CHECK_EQ(pread(fd, buf, 100, SIZE - 10), 10);
	CHECK_EQ(pread(fd, buf, 100, SIZE + 5000), 0);
	iov[0] = (struct iovec){ buf, 7 };
	iov[1] = (struct iovec){ buf + 7, 993 };
	CHECK_EQ(preadv(fd, iov, 2, 7000), 1000);
	CHECK(!memcmp(buf, ref + 7000, 1000), "preadv read the wrong bytes");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE);

	CHECK_EQ(lseek(fd, 0, SEEK_END), SIZE);
	CHECK_EQ(lseek(fd, 0, SEEK_DATA), 0);
	CHECK_EQ(lseek(fd, 123, SEEK_DATA), 123);
	CHECK_EQ(lseek(fd, 0, SEEK_HOLE), SIZE);
	CHECK_EQ(lseek(fd, SIZE - 1, SEEK_HOLE), SIZE);
	CHECK_ERR(syscall6(__NR_lseek, fd, SIZE, SEEK_DATA, 0, 0, 0), ENXIO);
	CHECK_ERR(syscall6(__NR_lseek, fd, -1, SEEK_SET, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_lseek, fd, 0, 5, 0, 0, 0), EINVAL);
	CHECK_EQ(lseek(fd, SIZE + 100, SEEK_SET), SIZE + 100);
	CHECK_EQ(read(fd, buf, 10), 0);

	CHECK_ERR(syscall6(__NR_pread64, fd, (long)buf, 1, -1, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_preadv, fd, (long)iov, 1, -1, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_readv, fd, (long)iov, IOV_MAX + 1, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_readv, fd, (long)iov, -1, 0, 0, 0), EINVAL);
	CHECK_EQ(readv(fd, iov, 0), 0);
	iov[1] = (struct iovec){ buf, (size_t)-1 };
	CHECK_ERR(syscall6(__NR_readv, fd, (long)iov, 2, 0, 0, 0), EINVAL);
	iov[1] = (struct iovec){ buf, 1 };
	CHECK_ERR(syscall6(__NR_writev, fd, (long)iov, 2, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_pwrite64, fd, (long)buf, 1, 0, 0, 0), EBADF);
	CHECK_ERR(syscall6(__NR_pwritev, fd, (long)iov, 1, 0, 0, 0), EBADF);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(pipe(fds), 0);
	iov[0] = (struct iovec){ "abc", 3 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "defgh", 5 };
	iov[3] = (struct iovec){ "ij", 2 };
	CHECK_EQ(writev(fds[1], iov, 4), 10);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(c, 0, sizeof(c));
	iov[0] = (struct iovec){ a, 4 };
	iov[1] = (struct iovec){ b, 4 };
	iov[2] = (struct iovec){ c, 4 };
	CHECK_EQ(readv(fds[0], iov, 3), 10);
	CHECK(!strcmp(a, "abcd") && !strcmp(b, "efgh") && !strcmp(c, "ij"),
	      "readv scattered %s %s %s", a, b, c);
	CHECK_ERR(syscall6(__NR_preadv, fds[0], (long)iov, 1, 0, 0, 0), ESPIPE);
	CHECK_ERR(syscall6(__NR_pwritev, fds[1], (long)iov, 1, 0, 0, 0), ESPIPE);
	CHECK_EQ(close(fds[0]), 0);
	CHECK_EQ(close(fds[1]), 0);

	iov[0] = (struct iovec){ "writev ", 7 };
	iov[1] = (struct iovec){ "to the ", 7 };
	iov[2] = (struct iovec){ "console\n", 8 };
	CHECK_EQ(writev(1, iov, 3), 22);
	return 0;
}
