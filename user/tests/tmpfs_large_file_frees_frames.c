/* EXPECT: exit 0 */
/*
 * A tmpfs file's data is held in frames, and they come back: 8 MiB written to a file in
 * /tmp read back intact (every page its own pattern); under Faultline MemFree falls by
 * at least those 8 MiB while the file exists, stays down while it is unlinked but still
 * open, and is back within a few pages once the last descriptor closes (runall's leak
 * check then holds to the frame). Filling /tmp ends in ENOSPC, with what was written
 * before it still there, and all of it freed by unlink too. (On Linux MemFree moves
 * with everything else the machine does, and /tmp may be a disk: only the data is
 * checked there.)
 */
#include <check.h>
#include <fcntl.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGE    4096L
#define PAGES   2048L /* 8 MiB */
#define SLACK_KB 64   /* kmalloc'd inodes and the like */

static char page[PAGE];

static void fill(long index)
{
	memset(page, (int)(index * 7 + 1), PAGE);
	memcpy(page, &index, sizeof(index));
}

/* Write ENOSPC's worth into path: Faultline's tmpfs holds half of memory at most. */
static void fill_until_enospc(const char *path)
{
	long before = meminfo_kb("MemFree"), written = 0, r;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
	while ((r = write(fd, page, PAGE)) == PAGE)
		written += PAGE;
	CHECK(r == -1 && errno == ENOSPC, "write ended with %ld, errno %d: expected ENOSPC", r, errno);
	CHECK(written >= 16 * 1024 * 1024, "only %ld bytes before ENOSPC", written);
	CHECK_EQ(lseek(fd, 0, SEEK_END), written);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	CHECK(meminfo_kb("MemFree") >= before - SLACK_KB, "MemFree %ld kB after unlink, %ld before",
	      meminfo_kb("MemFree"), before);
}

int main(void)
{
	char path[64];
	long before, during;
	int fd;

	snprintf(path, sizeof(path), "/tmp/tmpfs_large.%d", getpid());
	before = meminfo_kb("MemFree");
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0, "create %s: %s", path, strerror(errno));
	for (long i = 0; i < PAGES; i++) {
		fill(i);
		CHECK_EQ(write(fd, page, PAGE), PAGE);
	}
	during = meminfo_kb("MemFree");
	if (on_faultline())
		CHECK(before - during >= PAGES * PAGE / 1024, "MemFree fell by %ld kB only",
		      before - during);

	CHECK_EQ(unlink(path), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (long i = 0; i < PAGES; i++) {
		static char got[PAGE];

		CHECK_EQ(read(fd, got, PAGE), PAGE);
		fill(i);
		CHECK(memcmp(got, page, PAGE) == 0, "page %ld reads back wrong", i);
	}
	if (on_faultline())
		CHECK(meminfo_kb("MemFree") <= during + SLACK_KB,
		      "an unlinked file still open gave its frames back early");
	CHECK_EQ(close(fd), 0);
	if (on_faultline()) {
		CHECK(meminfo_kb("MemFree") >= before - SLACK_KB, "MemFree %ld kB after close, %ld before",
		      meminfo_kb("MemFree"), before);
		fill_until_enospc(path);
	}
	printf("8 MiB in /tmp read back intact and freed at the last close\n");
	return 0;
}
