/* EXPECT: exit 0 */
/* DIFFERS: the initrd is read-only under Faultline (EROFS); on Linux the staged files may be writable. */
/*
 * Files from the initrd read back byte for byte: /data/hello.txt (a known sentence) and
 * /data/pattern.bin (20000 bytes from the generator in user/data/mkdata.py, recomputed
 * here), in odd-sized pieces and after lseek; fstat gives the size and S_IFREG; reading
 * at the end gives 0; a missing path gives ENOENT; opening for writing gives EROFS.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATTERN_SIZE 20000

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";
#define SENTENCE_LEN ((long)sizeof(sentence) - 1)

/* Byte i of pattern.bin: the same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

static void check_hello(void)
{
	char buf[128];
	struct stat st;
	long got = 0, n;
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);

	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode), "st_mode %#o is not a regular file", st.st_mode);
	CHECK_EQ(st.st_size, SENTENCE_LEN);

	while ((n = read(fd, buf + got, 7)) > 0) /* 7: pieces that do not divide the file */
		got += n;
	CHECK_EQ(n, 0);
	CHECK(got == SENTENCE_LEN && !memcmp(buf, sentence, (size_t)got),
	      "hello.txt read back as %ld bytes \"%.*s\"", got, (int)got, buf);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0); /* still at the end */

	CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
	CHECK_EQ(read(fd, buf, 5), 5);
	CHECK(!memcmp(buf, sentence + 10, 5), "5 bytes at offset 10 differ");
	CHECK_EQ(lseek(fd, -3, SEEK_CUR), 12);
	CHECK_EQ(read(fd, buf, 1), 1);
	CHECK_EQ(buf[0], sentence[12]);
	CHECK_EQ(lseek(fd, -5, SEEK_END), SENTENCE_LEN - 5);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, sentence + SENTENCE_LEN - 5, 5), "the last 5 bytes differ");
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), SENTENCE_LEN);
	CHECK_EQ(lseek(fd, 1000, SEEK_SET), 1000); /* past the end is allowed ... */
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);   /* ... and reads nothing */
	errno = 0;
	CHECK(lseek(fd, -1, SEEK_SET) == -1 && errno == EINVAL,
	      "lseek to -1 did not fail with EINVAL (errno %d)", errno);
	CHECK_EQ(close(fd), 0);
	errno = 0;
	CHECK(read(fd, buf, 1) == -1 && errno == EBADF, "read after close: errno %d", errno);
}

static void check_pattern(void)
{
	static unsigned char buf[PATTERN_SIZE + 100];
	struct stat st;
	long got = 0, n;
	unsigned long sum = 0, want_sum = 0;
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode), "st_mode %#o is not a regular file", st.st_mode);
	CHECK_EQ(st.st_size, PATTERN_SIZE);

	while ((n = read(fd, buf + got, 1000 + (got % 3000))) > 0) /* across page boundaries */
		got += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, PATTERN_SIZE);
	for (long i = 0; i < PATTERN_SIZE; i++) {
		CHECK(buf[i] == pattern_byte((unsigned long)i),
		      "pattern.bin byte %ld is %#x, expected %#x", i, buf[i], pattern_byte(i));
		sum = sum * 31 + buf[i];
		want_sum = want_sum * 31 + pattern_byte((unsigned long)i);
	}
	CHECK_EQ(sum, want_sum);

	CHECK_EQ(lseek(fd, 12345, SEEK_SET), 12345);
	CHECK_EQ(read(fd, buf, 100), 100);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(buf[i], pattern_byte(12345UL + (unsigned long)i));
	CHECK_EQ(lseek(fd, -10, SEEK_END), PATTERN_SIZE - 10);
	CHECK_EQ(read(fd, buf, 100), 10); /* a read is cut short at the end of the file */
	CHECK_EQ(close(fd), 0);
}

static void check_open_errors(void)
{
	int fd;

	errno = 0;
	CHECK(open(rootpath("/data/no_such_file"), O_RDONLY) == -1 && errno == ENOENT,
	      "open of a missing file: errno %d, expected ENOENT", errno);
	errno = 0;
	CHECK(open(rootpath("/no_such_dir/hello.txt"), O_RDONLY) == -1 && errno == ENOENT,
	      "open in a missing directory: errno %d, expected ENOENT", errno);

	/* Two opens of one file have their own offsets. */
	int a = open(rootpath("/data/hello.txt"), O_RDONLY), b = open(rootpath("/data/hello.txt"), O_RDONLY);
	char c;

	CHECK(a >= 0 && b >= 0 && a != b, "two opens gave fds %d and %d", a, b);
	CHECK_EQ(lseek(a, 20, SEEK_SET), 20);
	CHECK_EQ(read(b, &c, 1), 1);
	CHECK_EQ(c, sentence[0]);
	CHECK_EQ(close(a), 0);
	CHECK_EQ(close(b), 0);

	for (int mode = O_WRONLY; mode <= O_RDWR; mode++) {
		errno = 0;
		fd = open(rootpath("/data/hello.txt"), mode);
		if (on_faultline()) {
			CHECK(fd == -1 && errno == EROFS, "open(hello.txt, %s): fd %d, errno %d, expected EROFS",
			      mode == O_WRONLY ? "O_WRONLY" : "O_RDWR", fd, errno);
		} else if (fd >= 0) {
			close(fd); /* Linux: the staged file is writable; nothing was written */
		} else {
			CHECK(errno == EROFS || errno == EACCES, "open for writing: errno %d", errno);
		}
	}
	if (on_faultline()) {
		errno = 0;
		CHECK(open("/data/new_file", O_WRONLY | O_CREAT, 0644) == -1 && errno == EROFS,
		      "creating a file: errno %d, expected EROFS", errno);
	}
}

int main(void)
{
	check_hello();
	check_pattern();
	check_open_errors();
	return 0;
}
