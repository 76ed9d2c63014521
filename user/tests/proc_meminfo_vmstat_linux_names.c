/* EXPECT: exit 0 */
/*
 * /proc/meminfo has Linux's fields in Linux's order, each "Name:" then the value
 * right-aligned to column 24 and " kB" (HugePages_* without a unit); /proc/vmstat has
 * Linux's counter names, "name value" a line, and pgfault grows by at least the 32
 * pages a program writes for the first time.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static char text[64 * 1024];

static void read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open %s: %s", path, strerror(errno));
	while ((n = read(fd, text + len, sizeof(text) - 1 - (size_t)len)) > 0)
		len += n;
	CHECK(n == 0, "read %s: %s", path, strerror(errno));
	text[len] = '\0';
	CHECK_EQ(close(fd), 0);
}

/* The line that starts with name in text, or NULL. */
static const char *line(const char *name)
{
	size_t len = strlen(name);

	for (const char *p = text; *p; p = strchr(p, '\n') + 1) {
		if (strncmp(p, name, len) == 0)
			return p;
		if (!strchr(p, '\n'))
			break;
	}
	return NULL;
}

static const char *const meminfo_order[] = {
	"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapCached:",
	"Active:", "Inactive:", "Active(anon):", "Inactive(anon):", "Active(file):",
	"Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:", "SwapFree:", "Dirty:",
	"Writeback:", "AnonPages:", "Mapped:", "Shmem:", "KReclaimable:", "Slab:",
	"SReclaimable:", "SUnreclaim:", "KernelStack:", "PageTables:", "NFS_Unstable:",
	"Bounce:", "WritebackTmp:", "CommitLimit:", "Committed_AS:", "VmallocTotal:",
	"VmallocUsed:", "VmallocChunk:", "Percpu:", "AnonHugePages:", "ShmemHugePages:",
	"ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:", "HugePages_Total:",
	"HugePages_Free:", "HugePages_Rsvd:", "HugePages_Surp:", "Hugepagesize:", "Hugetlb:",
};

static const char *const vmstat_names[] = {
	"nr_free_pages ", "nr_anon_pages ", "nr_mapped ", "nr_file_pages ", "nr_dirty ",
	"nr_writeback ", "nr_shmem ", "nr_kernel_stack ", "nr_page_table_pages ",
	"pgpgin ", "pgpgout ", "pswpin ", "pswpout ", "pgfault ", "pgmajfault ",
};

int main(void)
{
	const char *last = text;
	char *area;
	long before;

	read_file("/proc/meminfo");
	for (size_t i = 0; i < sizeof(meminfo_order) / sizeof(meminfo_order[0]); i++) {
		const char *p = line(meminfo_order[i]), *nl;

		CHECK(p && p >= last, "%s missing or out of Linux's order", meminfo_order[i]);
		nl = strchr(p, '\n');
		if (strncmp(p, "HugePages_", 10) != 0)
			CHECK(nl - p >= 27 && strncmp(nl - 3, " kB", 3) == 0 && p[15] == ' ',
			      "line \"%.*s\" is not in Linux's format", (int)(nl - p), p);
		last = p;
	}
	CHECK(strtol(line("MemTotal:") + 9, NULL, 10) > 0, "MemTotal is 0");
	printf("meminfo: Linux's fields in Linux's order\n");

	read_file("/proc/vmstat");
	for (size_t i = 0; i < sizeof(vmstat_names) / sizeof(vmstat_names[0]); i++)
		CHECK(line(vmstat_names[i]), "no %s in vmstat", vmstat_names[i]);
	before = strtol(line("pgfault ") + 8, NULL, 10);
	area = mmap(NULL, 32 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	for (int i = 0; i < 32; i++)
		area[i * PAGE] = 1;
	read_file("/proc/vmstat");
	CHECK(strtol(line("pgfault ") + 8, NULL, 10) - before >= 32, "pgfault grew by less than 32");
	printf("vmstat: Linux's names; pgfault counts the faults\n");
	return 0;
}
