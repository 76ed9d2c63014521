/* EXPECT: exit 0 */
/*
 * The character devices of /dev, as Linux's: /dev/null reads end of file and swallows
 * any write whole; /dev/zero fills a read with zeros (64 KiB at once) and swallows
 * writes; /dev/urandom gives bytes that differ from read to read and are not all zero;
 * lseek on them is 0. fstat says S_IFCHR with Linux's device numbers (1:3, 1:5, 1:9)
 * and size 0.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[65536];

static int open_dev(const char *path, int flags, unsigned int rdev)
{
	struct stat st;
	int fd = open(path, flags);

	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISCHR(st.st_mode), "%s: st_mode %#o", path, st.st_mode);
	CHECK_EQ(st.st_rdev, rdev);
	CHECK_EQ(st.st_size, 0);
	return fd;
}

int main(void)
{
	char a[64], b[64], zero[64] = { 0 };
	int fd;

	fd = open_dev("/dev/null", O_RDWR, 0x103);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_EQ(lseek(fd, 100, SEEK_SET), 0);
	CHECK_EQ(close(fd), 0);

	fd = open_dev("/dev/zero", O_RDWR, 0x105);
	memset(buf, 0xee, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0, "byte %zu from /dev/zero is %#x", i, buf[i] & 0xff);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(close(fd), 0);

	fd = open_dev("/dev/urandom", O_RDONLY, 0x109);
	CHECK_EQ(read(fd, a, sizeof(a)), (long)sizeof(a));
	CHECK_EQ(read(fd, b, sizeof(b)), (long)sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0, "two reads of /dev/urandom gave the same bytes");
	CHECK(memcmp(a, zero, sizeof(a)) != 0, "/dev/urandom gave zeros");
	CHECK_EQ(close(fd), 0);
	printf("/dev/null, /dev/zero and /dev/urandom behave\n");
	return 0;
}
