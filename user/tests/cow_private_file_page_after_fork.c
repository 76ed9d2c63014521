/* EXPECT: exit 0 */
/* LAB: cow 15 */
/*
 * A private file mapping's page after fork: a process using more than half of RAM
 * (user/harness/meminfo.h) maps /data/hello.txt MAP_PRIVATE and writable, reads it
 * (the page cache's page, mapped read-only) and forks. The child writes the first
 * byte: its own copy changes, the parent's mapping and the file do not. Then the parent
 * writes: its copy, not the file, not the child's. A fresh mapping and pread() still
 * see the file's bytes.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <meminfo.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static char file_bytes[32]; /* hello.txt has 62 */
static char *map;
static int fd;

/* The file's first bytes, through a fresh private mapping and pread(), are unchanged. */
static void file_unchanged(const char *when)
{
	char now[sizeof(file_bytes)];
	char *fresh = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	CHECK(fresh != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(!memcmp(fresh, file_bytes, sizeof(file_bytes)), "%s: a fresh mapping differs", when);
	CHECK_EQ(munmap(fresh, PAGE), 0);
	CHECK_EQ(pread(fd, now, sizeof(now), 0), (long)sizeof(now));
	CHECK(!memcmp(now, file_bytes, sizeof(now)), "%s: the file changed", when);
}

static int child(void *arg)
{
	(void)arg;
	CHECK(!memcmp(map, file_bytes, sizeof(file_bytes)), "child: the mapping differs");
	map[0] = 'C';
	CHECK_EQ(map[0], 'C');
	CHECK(!memcmp(map + 1, file_bytes + 1, sizeof(file_bytes) - 1), "child: its copy differs");
	file_unchanged("child, after its write");
	return 0;
}

int main(void)
{
	size_t len = more_than_half_of_ram();
	char *big;
	int status;

	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	CHECK_EQ(pread(fd, file_bytes, sizeof(file_bytes), 0), (long)sizeof(file_bytes));
	map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK(!memcmp(map, file_bytes, sizeof(file_bytes)), "the mapping differs from the file");

	big = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap %zu MB: %s", len >> 20, strerror(errno));
	for (size_t i = 0; i < len; i += PAGE)
		big[i] = (char)(i / PAGE);

	status = run_in_child(child, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK(!memcmp(map, file_bytes, sizeof(file_bytes)), "parent: the child's write shows");
	map[0] = 'P';
	CHECK_EQ(map[0], 'P');
	CHECK(!memcmp(map + 1, file_bytes + 1, sizeof(file_bytes) - 1), "parent: its copy differs");
	file_unchanged("parent, after its write");
	for (size_t i = 0; i < len; i += PAGE)
		CHECK_EQ(big[i], (char)(i / PAGE));
	CHECK_EQ(munmap(big, len), 0);
	CHECK_EQ(munmap(map, PAGE), 0);
	CHECK_EQ(close(fd), 0);
	return 0;
}
