/* EXPECT: exit 0 */
/*
 * File positions at the top of the range, as Linux's rw_verify_area and
 * generic_write_checks judge them: a read or write whose end (position + count) would
 * pass 2^63 - 1 is EINVAL before anything moves, whether the position is pread's or
 * the file's own (lseek'd there) and whether the count is one buffer's or an iovec
 * sum; a zero-length one is 0. ftruncate to 2^63 - 1 works and lseek to the end says
 * so, one byte further is EINVAL; an O_APPEND write into the last bytes writes what
 * fits and the next one is EINVAL. The same through a read-only descriptor and on
 * /dev/null. On Linux the file is in /dev/shm, a tmpfs (the host's /tmp may be a file
 * system with a smaller largest size).
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define POS_MAX 0x7fffffffffffffffL

static char buf[64];

/* r is a libc result: -1 with errno err. */
#define CHECK_FAILS(r, err) \
	do { \
		long r_ = (long)(r); \
		int e_ = errno; \
		CHECK(r_ == -1 && e_ == (err), "%s: got %ld errno %d, want -1 errno %d", #r, r_, \
		      e_, (err)); \
	} while (0)

static void check_positions(int fd, bool writable)
{
	struct iovec v[2] = { { buf, 8 }, { buf + 8, 8 } };

	CHECK_FAILS(pread(fd, buf, 10, POS_MAX - 5), EINVAL);
	CHECK_FAILS(pread(fd, buf, 1, POS_MAX), EINVAL);
	CHECK_EQ(pread(fd, buf, 0, POS_MAX), 0);
	CHECK_FAILS(preadv(fd, v, 2, POS_MAX - 10), EINVAL);
	CHECK_EQ(lseek(fd, POS_MAX, SEEK_SET), POS_MAX);
	CHECK_FAILS(read(fd, buf, 1), EINVAL);
	CHECK_FAILS(readv(fd, v, 2), EINVAL);
	CHECK_EQ(read(fd, buf, 0), 0);
	if (!writable)
		return;
	CHECK_FAILS(write(fd, buf, 1), EINVAL);
	CHECK_FAILS(writev(fd, v, 2), EINVAL);
	CHECK_FAILS(pwrite(fd, buf, 10, POS_MAX - 5), EINVAL);
	CHECK_FAILS(pwrite(fd, buf, 1, POS_MAX), EINVAL);
	CHECK_FAILS(pwritev(fd, v, 2, POS_MAX - 15), EINVAL);
	CHECK_EQ(pwrite(fd, buf, 0, POS_MAX), 0);
}

int main(void)
{
	char path[64];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/offsets_2_63.%d", on_faultline() ? "/tmp" : "/dev/shm",
		 getpid());

	/* A tmpfs file: nothing written, nothing grown, by any of the refused calls. */
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
	check_positions(fd, true);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);

	/* The largest size there is, and the end of the file right there. */
	CHECK_EQ(ftruncate(fd, POS_MAX), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_END), POS_MAX);
	CHECK_FAILS(lseek(fd, 1, SEEK_END), EINVAL);
	CHECK_FAILS(lseek(fd, 1, SEEK_CUR), EINVAL);
	CHECK_EQ(pread(fd, buf, 10, POS_MAX - 10), 10); /* a hole: zeros */
	for (int i = 0; i < 10; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(pwrite(fd, "xyz", 3, POS_MAX - 3), 3);
	CHECK_EQ(pread(fd, buf, 3, POS_MAX - 3), 3);
	CHECK(memcmp(buf, "xyz", 3) == 0, "the last three bytes read back as %.3s", buf);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, POS_MAX);
	CHECK_EQ(ftruncate(fd, 0), 0);
	CHECK_EQ(close(fd), 0);

	/* O_APPEND into the last two bytes: the write is cut to fit; then nothing fits. */
	fd = open(path, O_RDWR | O_APPEND);
	CHECK(fd >= 0, "reopen %s: %s", path, strerror(errno));
	CHECK_EQ(ftruncate(fd, POS_MAX - 2), 0);
	CHECK_EQ(write(fd, "0123456789", 10), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), POS_MAX);
	CHECK_FAILS(write(fd, "0123456789", 10), EINVAL);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, POS_MAX);
	CHECK_EQ(close(fd), 0);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0, "reopen %s read-only: %s", path, strerror(errno));
	check_positions(fd, false);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);

	/* A device and a read-only file have positions too. */
	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0, "open /dev/null: %s", strerror(errno));
	CHECK_FAILS(pread(fd, buf, 10, POS_MAX - 5), EINVAL);
	CHECK_FAILS(pwrite(fd, buf, 10, POS_MAX - 5), EINVAL);
	CHECK_EQ(pwrite(fd, buf, 5, POS_MAX - 5), 5);
	CHECK_EQ(close(fd), 0);
	return 0;
}
