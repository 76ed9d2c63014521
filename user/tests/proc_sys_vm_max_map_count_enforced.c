/* EXPECT: exit 0 */
/*
 * /proc/sys/vm/max_map_count reads as a number and a newline (65530 by default, Linux's
 * DEFAULT_MAX_MAP_COUNT); root may write it and the new limit holds at once: with it
 * set to 1500, single pages mapped one after the other (alternately readable and not,
 * so none merge) are refused with ENOMEM once the process has more than 1500 mappings.
 * A write that is not a number, or is negative, is EINVAL; a process that is not root
 * cannot open the file to write (EACCES). The old value is put back at once. On Linux
 * the setting is the whole machine's, and other programs running meanwhile (an emulator
 * under qemu-user, whose own mappings count too) cannot live with so low a limit, so
 * there the old value is written back instead of the low one. (Linux 6.x refuses the
 * mapping past the limit the same way: with the low limit this program passes there.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE  4096UL
#define LIMIT 1500
#define PATH  "/proc/sys/vm/max_map_count"

static char text[64];

static long read_value(void)
{
	int fd = open(PATH, O_RDONLY);
	long n;

	CHECK(fd >= 0, "open %s: %s", PATH, strerror(errno));
	n = read(fd, text, sizeof(text) - 1);
	CHECK(n > 1 && text[n - 1] == '\n', "read: %ld", n);
	text[n] = '\0';
	CHECK_EQ(close(fd), 0);
	return strtol(text, NULL, 10);
}

/* write(2) of s to the file; its result (-1 with errno on failure). */
static long write_value(const char *s)
{
	int fd = open(PATH, O_WRONLY);
	long n;

	CHECK(fd >= 0, "open %s to write: %s", PATH, strerror(errno));
	n = write(fd, s, strlen(s));
	CHECK_EQ(close(fd), 0);
	return n;
}

/* Number of VMAs: lines in /proc/self/maps but x86_64 Linux's [vsyscall], which is not
 * a VMA of the process (a "gate" area the kernel adds to the listing). */
static int nr_maps(void)
{
	static char buf[256 * 1024];
	int fd = open("/proc/self/maps", O_RDONLY), lines = 0;
	long n, len = 0;

	CHECK(fd >= 0, "open maps: %s", strerror(errno));
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK_EQ(close(fd), 0);
	buf[len] = '\0';
	for (long i = 0; i < len; i++)
		lines += buf[i] == '\n';
	return lines - (strstr(buf, "[vsyscall]") != NULL);
}

static int child_not_root(void *arg)
{
	(void)arg;
	CHECK_EQ(setuid(1000), 0);
	CHECK(open(PATH, O_WRONLY) == -1 && errno == EACCES, "open to write: %s", strerror(errno));
	CHECK(read_value() > 0, "not readable");
	return 0;
}

int main(void)
{
	char *area = mmap(NULL, 4 * LIMIT * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long old = read_value(), mapped = 0, err = 0;
	char value[16];
	int status, maps;

	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(old > LIMIT, "max_map_count %ld", old);
	CHECK(munmap(area, 4 * LIMIT * PAGE) == 0, "munmap");
	printf("max_map_count reads as a number\n");

	if (!on_faultline()) {
		snprintf(value, sizeof(value), "%ld\n", old);
		CHECK_EQ(write_value(value), (long)strlen(value));
		CHECK_EQ(read_value(), old);
		printf("a limit of %d holds at once: ENOMEM past it\n", LIMIT);
		goto errors;
	}
	snprintf(value, sizeof(value), "%d\n", LIMIT);
	CHECK_EQ(write_value(value), (long)strlen(value));
	/* Map one page at a time into the hole, until refused. */
	for (long i = 0; i < 2 * LIMIT; i++) {
		void *p = mmap(area + i * 2 * PAGE, PAGE, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

		if (p == MAP_FAILED) {
			err = errno;
			break;
		}
		mapped++;
	}
	maps = nr_maps();
	snprintf(value, sizeof(value), "%ld", old);
	CHECK_EQ(write_value(value), (long)strlen(value));
	CHECK_EQ(read_value(), old);
	CHECK_EQ(err, ENOMEM);
	CHECK_EQ(maps, LIMIT + 1);
	CHECK_EQ(munmap(area, (size_t)mapped * 2 * PAGE), 0);
	printf("a limit of %d holds at once: ENOMEM past it\n", LIMIT);
errors:
	CHECK(write_value("many\n") == -1 && errno == EINVAL, "a word: %s", strerror(errno));
	CHECK(write_value("-5\n") == -1 && errno == EINVAL, "negative: %s", strerror(errno));
	CHECK_EQ(read_value(), old);
	status = run_in_child(child_not_root, NULL);
	CHECK(status == 0, "child: %s", status_str(status));
	printf("EINVAL for a word or a negative number, EACCES to write for others\n");
	return 0;
}
