/*
 * /tests/vmmap: a picture of an address space, for watching demand paging and
 * copy-on-write happen (docs/vmmap.md). For each VMA of a process (its own, or the pid
 * given) it prints the maps line, then one character a page, read from
 * /proc/<pid>/pagemap:
 *
 *   .  not present: never touched (or dropped); the next access faults
 *   z  the shared zero page: read but never written (anonymous memory)
 *   A  an anonymous page of this process alone (exclusive)
 *   c  an anonymous page shared copy-on-write (after fork): a write will copy it
 *   f  a page-cache page: a file's, or shared memory
 *   s  a swap entry (a poisoned page, on Faultline)
 *
 * The zero page is told apart from a shared copy by its frame number: vmmap reads a page
 * of a fresh mapping once and notes the frame it was given, and pagemap shows frame
 * numbers only to root. A kernel that gives every read its own page (no zero page) has
 * no 'z'. Long VMAs show their first MAX_PAGES pages.
 *
 *   vmmap           this process
 *   vmmap PID       process PID
 *   vmmap demo      map 16 pages, read 4 and write 4, fork, write 2 in the child,
 *                   with a picture of the mapping after each step
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE         4096UL
#define PM_PRESENT   (1UL << 63)
#define PM_SWAP      (1UL << 62)
#define PM_FILE      (1UL << 61)
#define PM_EXCLUSIVE (1UL << 56)
#define PM_PFN       ((1UL << 55) - 1)
#define MAX_PAGES    1024 /* pages shown of one VMA */
#define PER_LINE     64   /* characters a line */

static char maps[256 * 1024];
static unsigned long zero_pfn; /* the zero page's frame, or 0 if unknown or none */

/* The frame a read of a fresh anonymous page maps: the zero page's, where there is one. */
static void find_zero_pfn(void)
{
	char *probe = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long e = 0;

	if (probe != MAP_FAILED && fd >= 0) {
		(void)*(volatile char *)probe;
		if (pread(fd, &e, 8, (long)((unsigned long)probe / PAGE * 8)) == 8 &&
		    (e & PM_PRESENT) && !(e & PM_EXCLUSIVE))
			zero_pfn = e & PM_PFN;
	}
	if (fd >= 0)
		close(fd);
	if (probe != MAP_FAILED)
		munmap(probe, PAGE);
}

static char page_char(unsigned long e)
{
	if (e & PM_SWAP)
		return 's';
	if (!(e & PM_PRESENT))
		return '.';
	if (e & PM_FILE)
		return 'f';
	if (zero_pfn && (e & PM_PFN) == zero_pfn)
		return 'z';
	return e & PM_EXCLUSIVE ? 'A' : 'c';
}

/* The hexadecimal number at s; *end just past it. */
static unsigned long parse_hex(const char *s, const char **end)
{
	unsigned long v = 0;

	for (;; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;

		if (d < 0)
			break;
		v = v * 16 + (unsigned long)d;
	}
	*end = s;
	return v;
}

/* The pages of [start, end) as characters, PER_LINE a line. */
static void show_pages(int pagemap, unsigned long start, unsigned long end)
{
	unsigned long n = (end - start) / PAGE, entries[PER_LINE];

	if (n > MAX_PAGES)
		n = MAX_PAGES;
	for (unsigned long i = 0; i < n; i += PER_LINE) {
		unsigned long k = n - i < PER_LINE ? n - i : PER_LINE;
		char line[PER_LINE + 1];

		if (pread(pagemap, entries, k * 8, (long)((start / PAGE + i) * 8)) != (long)(k * 8)) {
			printf("    (pagemap unreadable)\n");
			return;
		}
		for (unsigned long j = 0; j < k; j++)
			line[j] = page_char(entries[j]);
		line[k] = '\0';
		printf("    %s\n", line);
	}
	if ((end - start) / PAGE > MAX_PAGES)
		printf("    ... %lu more pages\n", (end - start) / PAGE - MAX_PAGES);
}

/* The picture of process pid ("self" for this one), of the VMAs that overlap [lo, hi). */
static int show(const char *pid, unsigned long lo, unsigned long hi)
{
	char path[64];
	int fd, pagemap;
	long len = 0, n;

	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("vmmap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = read(fd, maps + len, sizeof(maps) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	maps[len] = '\0';
	snprintf(path, sizeof(path), "/proc/%s/pagemap", pid);
	pagemap = open(path, O_RDONLY);
	if (pagemap < 0) {
		printf("vmmap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (char *line = maps; *line;) {
		char *nl = strchr(line, '\n');
		const char *p;
		unsigned long start = parse_hex(line, &p), end = parse_hex(p + 1, &p);

		if (!nl)
			break;
		*nl = '\0';
		if (end > lo && start < hi) {
			printf("%s\n", line);
			show_pages(pagemap, start, end);
		}
		line = nl + 1;
	}
	close(pagemap);
	return 0;
}

/* One step of the demo: what happened, then the picture of the demo's mapping. */
static void step(const char *what, const char *area)
{
	printf("-- %s\n", what);
	show("self", (unsigned long)area, (unsigned long)area + 16 * PAGE);
}

/* The demo: demand paging (nothing until touched; reads map the zero page, writes a
 * page of their own), then fork's sharing and the copy a write makes. */
static int demo(void)
{
	char *area = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char sink = 0;
	pid_t child;
	int status;

	if (area == MAP_FAILED) {
		printf("vmmap: mmap: %s\n", strerror(errno));
		return 1;
	}
	step("mapped 16 pages, none touched", area);
	for (int i = 0; i < 4; i++)
		sink += area[i * PAGE];
	for (int i = 8; i < 12; i++)
		area[i * PAGE] = 1;
	(void)sink;
	step("read pages 0-3, wrote pages 8-11", area);
	child = fork();
	if (child == 0) {
		step("in the child after fork", area);
		area[8 * PAGE] = area[9 * PAGE] = 2;
		step("in the child after writing pages 8 and 9", area);
		_exit(0);
	}
	if (child < 0 || waitpid(child, &status, 0) != child)
		return 1;
	step("in the parent after the child's writes and exit", area);
	return 0;
}

int main(int argc, char **argv)
{
	find_zero_pfn();
	if (argc > 1 && strcmp(argv[1], "demo") == 0)
		return demo();
	return show(argc > 1 ? argv[1] : "self", 0, ~0UL);
}
