/* EXPECT: exit 0 */
/*
 * Private file mappings of initrd files: mapping /data/hello.txt reads the file, the
 * rest of the page after the end of the file reads as zero, the mapping outlives close();
 * writes to a writable private mapping stay private (the file reads back unchanged);
 * a page-aligned offset into /data/pattern.bin maps the right bytes; a misaligned
 * offset gives EINVAL and a bad descriptor EBADF.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096UL

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

/* The same generator as pattern_byte() in user/data/mkdata.py. */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xffffffffUL) >> 24) ^ (i & 0xff));
}

static void check_hello(void)
{
	size_t len = sizeof(sentence) - 1;
	char buf[sizeof(sentence)];
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	char *p, *w;

	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap of hello.txt: %s", strerror(errno));
	w = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(w != MAP_FAILED, "writable private mmap of hello.txt: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);

	CHECK(!memcmp(p, sentence, len), "the mapping does not hold the file: \"%.*s\"",
	      (int)len, p);
	for (size_t i = len; i < PAGE; i++)
		CHECK(p[i] == 0, "byte %zu past the end of the file is %#x, not 0", i, p[i]);

	memcpy(w, "CHANGED", 7); /* our copy only */
	CHECK(!memcmp(w, "CHANGED", 7) && !memcmp(w + 7, sentence + 7, len - 7),
	      "the writable private mapping did not keep the write");
	CHECK(!memcmp(p, sentence, len), "a write to one private mapping showed in another");
	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "reopen: %s", strerror(errno));
	CHECK_EQ(read(fd, buf, sizeof(buf)), len);
	CHECK(!memcmp(buf, sentence, len), "the write to a private mapping reached the file");

	CHECK_ERR(syscall6(__NR_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
	CHECK_EQ(close(fd), 0);
	CHECK_ERR(syscall6(__NR_mmap, 0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), EBADF);
	CHECK_EQ(munmap(p, PAGE), 0);
	CHECK_EQ(munmap(w, PAGE), 0);
}

static void check_pattern_offset(void)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	unsigned char *p;

	CHECK(fd >= 0, "open /data/pattern.bin: %s", strerror(errno));
	p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
	CHECK(p != MAP_FAILED, "mmap of pattern.bin at offset 8192: %s", strerror(errno));
	for (unsigned long i = 0; i < 2 * PAGE; i++)
		CHECK(p[i] == pattern_byte(2 * PAGE + i), "mapped byte %lu of pattern.bin is %#x, "
		      "expected %#x", 2 * PAGE + i, p[i], pattern_byte(2 * PAGE + i));
	CHECK_EQ(munmap(p, 2 * PAGE), 0);
	CHECK_EQ(close(fd), 0);
}

int main(void)
{
	check_hello();
	check_pattern_offset();
	return 0;
}
