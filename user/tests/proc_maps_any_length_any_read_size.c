/* EXPECT: exit 0 */
/*
 * /proc/self/maps is made as it is read, so it has no length limit and a read of any
 * size gets the same bytes: with 300 mappings of its own (every other page PROT_NONE,
 * so no two merge), the whole file read in 64 KiB reads lists all 300 and still the
 * [stack] line; read again 1 byte and 7 bytes at a time, and by pread at odd offsets,
 * it is the same text byte for byte, and no line is cut or repeated between reads.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE  4096UL
#define NMAPS 300

static char whole[256 * 1024], again[256 * 1024];

/* All of /proc/self/maps into buf, chunk bytes a read; its length. */
static long read_maps(char *buf, size_t size, size_t chunk)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open /proc/self/maps: %s", strerror(errno));
	while ((n = read(fd, buf + len, MIN(chunk, size - 1 - (size_t)len))) > 0)
		len += n;
	CHECK(n == 0, "read: %s", strerror(errno));
	buf[len] = '\0';
	CHECK_EQ(close(fd), 0);
	return len;
}

/* Is there a line starting "start-end " in buf? */
static bool has_range(const char *buf, unsigned long start, unsigned long end)
{
	char want[64];

	snprintf(want, sizeof(want), "%08lx-%08lx ", start, end);
	for (const char *line = buf; *line; line = strchr(line, '\n') + 1) {
		if (strncmp(line, want, strlen(want)) == 0)
			return true;
		if (!strchr(line, '\n'))
			break;
	}
	return false;
}

int main(void)
{
	char *area = mmap(NULL, 2 * NMAPS * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long a = (unsigned long)area;
	long len, len1, len7;
	int fd, missing = 0;

	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	for (int i = 0; i < NMAPS; i++)
		CHECK_EQ(mprotect(area + (2 * i + 1) * PAGE, PAGE, PROT_NONE), 0);

	len = read_maps(whole, sizeof(whole), 65536);
	CHECK(len > 4096 * 4, "maps is only %ld bytes", len);
	for (int i = 0; i < NMAPS; i++)
		missing += !has_range(whole, a + 2 * i * PAGE, a + (2 * i + 1) * PAGE) +
			   !has_range(whole, a + (2 * i + 1) * PAGE, a + (2 * i + 2) * PAGE);
	CHECK_EQ(missing, 0);
	CHECK(strstr(whole, "[stack]\n"), "no [stack] line after %d mappings", 2 * NMAPS);
	printf("maps lists %d mappings of ours and [stack]\n", 2 * NMAPS);

	len1 = read_maps(again, sizeof(again), 1);
	CHECK_EQ(len1, len);
	CHECK(memcmp(again, whole, (size_t)len) == 0, "1-byte reads give other bytes");
	len7 = read_maps(again, sizeof(again), 7);
	CHECK_EQ(len7, len);
	CHECK(memcmp(again, whole, (size_t)len) == 0, "7-byte reads give other bytes");
	printf("1-byte and 7-byte reads give the same text\n");

	fd = open("/proc/self/maps", O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	for (long off = len - 1; off > 0; off = off * 2 / 3) {
		char buf[100];
		long n = pread(fd, buf, sizeof(buf), off);

		CHECK(n > 0, "pread at %ld: %s", off, strerror(errno));
		CHECK(memcmp(buf, whole + off, (size_t)n) == 0, "pread at %ld differs", off);
	}
	CHECK_EQ(lseek(fd, 5000, SEEK_SET), 5000);
	CHECK_EQ(read(fd, again, 10), 10);
	CHECK(memcmp(again, whole + 5000, 10) == 0, "read after lseek differs");
	CHECK_EQ(close(fd), 0);
	printf("pread and lseek land on the same bytes\n");
	CHECK_EQ(munmap(area, 2 * NMAPS * PAGE), 0);
	return 0;
}
