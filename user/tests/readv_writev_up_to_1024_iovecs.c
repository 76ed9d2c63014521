/* EXPECT: exit 0 */
/*
 * readv/writev take up to UIO_MAXIOV (1024) iovecs, as Linux: 1024 one-byte buffers
 * write and read back 1024 bytes in order, on a file in /tmp and through a pipe; 1025 is
 * EINVAL. With 1024 iovecs a negative length in the last one is EINVAL and a buffer
 * outside user space in the 1000th EFAULT, nothing written; a buffer that faults (a
 * PROT_NONE page) in the 600th ends the write with the 599 bytes before it.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define NR 1024

static struct iovec iov[NR + 1];
static char src[NR + 1], dst[NR + 1];

/* iov[k] = one byte of buf at k, for k < n. */
static void one_byte_each(char *buf, int n)
{
	for (int k = 0; k < n; k++) {
		iov[k].iov_base = buf + k;
		iov[k].iov_len = 1;
	}
}

static long raw_writev(int fd, int n)
{
	return syscall6(__NR_writev, fd, (long)iov, n, 0, 0, 0);
}

static long raw_readv(int fd, int n)
{
	return syscall6(__NR_readv, fd, (long)iov, n, 0, 0, 0);
}

static void check_round_trip(int wfd, int rfd, bool seek)
{
	memset(dst, 0, sizeof(dst));
	one_byte_each(src, NR);
	CHECK_EQ(raw_writev(wfd, NR), NR);
	if (seek)
		CHECK_EQ(lseek(rfd, 0, SEEK_SET), 0);
	one_byte_each(dst, NR);
	CHECK_EQ(raw_readv(rfd, NR), NR);
	CHECK(memcmp(src, dst, NR) == 0, "the bytes read back differ");
	one_byte_each(src, NR + 1);
	CHECK_ERR(raw_writev(wfd, NR + 1), EINVAL);
	CHECK_ERR(raw_readv(rfd, NR + 1), EINVAL);
}

int main(void)
{
	char path[64];
	struct stat st;
	char *none;
	int fd, p[2];

	for (int k = 0; k < NR + 1; k++)
		src[k] = (char)('a' + k % 26 + k / 26 % 3);
	snprintf(path, sizeof(path), "/tmp/iovecs_1024.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
	check_round_trip(fd, fd, true);
	CHECK_EQ(pipe(p), 0);
	check_round_trip(p[1], p[0], false);

	/* Refused whole: nothing is written. */
	CHECK_EQ(ftruncate(fd, 0), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	one_byte_each(src, NR);
	iov[NR - 1].iov_len = (size_t)-1;
	CHECK_ERR(raw_writev(fd, NR), EINVAL);
	iov[NR - 1].iov_len = 1;
	iov[999].iov_base = (void *)-4096L;
	if (!under_qemu_user()) { /* qemu-user cuts the vector at a bad buffer instead */
		CHECK_ERR(raw_writev(fd, NR), EFAULT);
		CHECK_ERR(raw_readv(fd, NR), EFAULT);
	}
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);

	/* A fault in the 600th buffer: the 599 before it are written. */
	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(none != MAP_FAILED, "mmap: %s", strerror(errno));
	one_byte_each(src, NR);
	iov[599].iov_base = none;
	CHECK_EQ(raw_writev(fd, NR), 599);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 599);
	CHECK_EQ(pread(fd, dst, NR, 0), 599);
	CHECK(memcmp(src, dst, 599) == 0, "the bytes before the fault differ");

	CHECK_EQ(close(p[0]), 0);
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	return 0;
}
