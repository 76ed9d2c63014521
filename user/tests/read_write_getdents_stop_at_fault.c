/* EXPECT: exit 0 */
/*
 * A transfer that runs into a page it may not touch returns what it did before the fault,
 * as Linux does; -EFAULT only if nothing was done. The buffer is two pages, the second one
 * read-only (for read, getdents64) or inaccessible (for write):
 *   - read() of /data/pattern.bin into both pages returns 4096, the first page holds the
 *     file's first 4096 bytes, and the file position is 4096; read() straight into the
 *     read-only page fails with EFAULT and leaves the position alone;
 *   - write() to stdout from both pages returns 4096 (the first page is "# " lines, which
 *     the test logs ignore);
 *   - getdents64() of /tests into the last 1 KiB of the first page and on into the second
 *     returns whole records filling at most that 1 KiB, and the next calls, into a good
 *     buffer, go on with the next entry, so that every entry is listed exactly once.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define MAX_ENTRIES 2048 /* room for every test in /tests, and more to come */

/* Byte i of /data/pattern.bin (user/data/mkdata.py's pattern_byte). */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xFFFFFFFF) >> 24) ^ (i & 0xFF));
}

static void check_read(unsigned char *buf)
{
	int fd = open(rootpath("/data/pattern.bin"), O_RDONLY);

	CHECK(fd >= 0, "open pattern.bin: %s", strerror(errno));
	CHECK_EQ(read(fd, buf, 2 * PAGE), PAGE);
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK(buf[i] == pattern_byte(i), "byte %lu read: %#x, file has %#x", i, buf[i],
		      pattern_byte(i));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), PAGE);
	errno = 0;
	CHECK(read(fd, buf + PAGE, 100) == -1 && errno == EFAULT,
	      "read into a read-only page: errno %d, expected EFAULT", errno);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), PAGE);
	close(fd);
}

static void check_write(unsigned char *buf)
{
	for (int i = 0; i < PAGE; i++)
		buf[i] = i % 64 == 63 ? '\n' : i % 64 < 2 ? "# "[i % 64] : 'w';
	CHECK_EQ(mprotect(buf + PAGE, PAGE, PROT_NONE), 0);
	CHECK_EQ(write(STDOUT_FILENO, buf, 2 * PAGE), PAGE);
	CHECK_EQ(mprotect(buf + PAGE, PAGE, PROT_READ), 0);
}

/* Records in buf[0, n): their count; each name is checked against the seen list. */
static int count_records(const char *buf, long n, char seen[][64], int *nr_seen)
{
	int records = 0;

	for (long off = 0; off < n; records++) {
		const struct linux_dirent64 *d = (const struct linux_dirent64 *)(buf + off);

		CHECK(d->d_reclen > 0 && off + d->d_reclen <= n, "bad d_reclen %u", d->d_reclen);
		for (int i = 0; i < *nr_seen; i++)
			CHECK(strcmp(seen[i], d->d_name), "%s listed twice", d->d_name);
		CHECK(*nr_seen < MAX_ENTRIES, "more than %d entries in /tests", MAX_ENTRIES);
		strlcpy(seen[(*nr_seen)++], d->d_name, 64);
		off += d->d_reclen;
	}
	return records;
}

static void check_getdents(char *buf)
{
	static char seen[MAX_ENTRIES][64], good[16 * PAGE] __aligned(8); /* /tests in one read */
	int nr_seen = 0, total = 0, fd = open(rootpath("/tests"), O_RDONLY | O_DIRECTORY);
	long n;

	CHECK(fd >= 0, "open /tests: %s", strerror(errno));
	n = getdents64(fd, buf + PAGE - 1024, 2048);
	CHECK(n > 0 && n <= 1024, "getdents64 into a half read-only buffer: %ld, errno %d", n,
	      errno);
	total += count_records(buf + PAGE - 1024, n, seen, &nr_seen);
	while ((n = getdents64(fd, good, sizeof(good))) > 0)
		total += count_records(good, n, seen, &nr_seen);
	CHECK_EQ(n, 0);
	close(fd);

	/* The same directory in one go: as many entries. */
	fd = open(rootpath("/tests"), O_RDONLY | O_DIRECTORY);
	n = getdents64(fd, good, sizeof(good));
	CHECK(n > 1024 && n < (long)sizeof(good), "/tests should list in (1 KiB, 64 KiB): %ld", n);
	nr_seen = 0;
	CHECK_EQ(count_records(good, n, seen, &nr_seen), total);
	close(fd);
}

int main(void)
{
	unsigned char *buf = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(buf != MAP_FAILED, "mmap: %s", strerror(errno));
	if (under_qemu_user()) {
		note("qemu-user checks a whole buffer before the call (EFAULT): not comparable");
		return 0;
	}
	CHECK_EQ(mprotect(buf + PAGE, PAGE, PROT_READ), 0);
	check_read(buf);
	check_write(buf);
	check_getdents((char *)buf);
	return 0;
}
