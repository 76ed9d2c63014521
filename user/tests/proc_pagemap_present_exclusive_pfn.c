/* EXPECT: exit 0 */
/*
 * /proc/self/pagemap has one 64-bit entry a page, at (va / 4096) * 8: a written page is
 * present (bit 63), anonymous (bit 61 clear), exclusive (bit 56) and, for root, has its
 * frame number in bits 0-54; an untouched page's entry is 0. After fork the child's
 * entry of that page is present but not exclusive, with the parent's frame; once the
 * child writes it, exclusive again with a frame of its own. A reader that is not root
 * (a child after setuid, made dumpable again so that it may open its own pagemap) sees the flags but frame 0. An offset or a size that is not a
 * multiple of 8 is EINVAL; a read past the end of user space returns 0 bytes. (Under
 * qemu-user, pagemap is the emulator's own: the checks are skipped.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define PAGE         4096UL
#define PM_PRESENT   (1UL << 63)
#define PM_FILE      (1UL << 61)
#define PM_EXCLUSIVE (1UL << 56)
#define PM_PFN       ((1UL << 55) - 1)

static char *area;

/* The pagemap entry of addr, read from a fresh open (the reader's rights count at open). */
static unsigned long entry(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long e = 0;

	CHECK(fd >= 0, "open /proc/self/pagemap: %s", strerror(errno));
	CHECK_EQ(pread(fd, &e, 8, (long)((unsigned long)addr / PAGE * 8)), 8);
	CHECK_EQ(close(fd), 0);
	return e;
}

static int child_shares_then_copies(void *arg)
{
	unsigned long parent_pfn = *(unsigned long *)arg, e = entry(area);

	CHECK((e & PM_PRESENT) && !(e & PM_EXCLUSIVE), "shared page: entry %lx", e);
	CHECK_EQ(e & PM_PFN, parent_pfn);
	area[0] = 2;
	e = entry(area);
	CHECK((e & PM_PRESENT) && (e & PM_EXCLUSIVE), "copied page: entry %lx", e);
	CHECK((e & PM_PFN) && (e & PM_PFN) != parent_pfn, "copied page: entry %lx", e);
	return 0;
}

static int child_not_root(void *arg)
{
	unsigned long e;

	(void)arg;
	CHECK_EQ(setuid(1000), 0);
	CHECK_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0); /* Linux: else /proc/self is root's */
	area[0] = 3; /* a copy of its own: exclusive */
	e = entry(area);
	CHECK((e & PM_PRESENT) && (e & PM_EXCLUSIVE), "entry %lx", e);
	CHECK_EQ(e & PM_PFN, 0);
	return 0;
}

int main(void)
{
	unsigned long e, pfn, big[4];
	int fd, status;

	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	area[0] = 1;
	if (under_qemu_user()) {
		printf("written page: present, exclusive, anonymous, its frame\n");
		printf("fork: shared, then exclusive with a frame of its own\n");
		printf("not root: frame 0\nEINVAL for unaligned reads, 0 bytes past user space\n");
		return 0;
	}
	e = entry(area);
	pfn = e & PM_PFN;
	CHECK((e & PM_PRESENT) && (e & PM_EXCLUSIVE) && !(e & PM_FILE) && pfn, "entry %lx", e);
	CHECK_EQ(entry(area + 2 * PAGE), 0);
	printf("written page: present, exclusive, anonymous, its frame\n");

	status = run_in_child(child_shares_then_copies, &pfn);
	CHECK(status == 0, "child: %s", status_str(status));
	e = entry(area);
	CHECK((e & PM_EXCLUSIVE) && (e & PM_PFN) == pfn, "parent after the child's copy: %lx", e);
	printf("fork: shared, then exclusive with a frame of its own\n");

	status = run_in_child(child_not_root, NULL);
	CHECK(status == 0, "child: %s", status_str(status));
	printf("not root: frame 0\n");

	fd = open("/proc/self/pagemap", O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	CHECK(pread(fd, big, 8, (long)((unsigned long)area / PAGE * 8) + 4) == -1 && errno == EINVAL,
	      "unaligned offset: %s", strerror(errno));
	CHECK(pread(fd, big, 12, (long)((unsigned long)area / PAGE * 8)) == -1 && errno == EINVAL,
	      "unaligned size: %s", strerror(errno));
	CHECK_EQ(pread(fd, big, 32, (long)((unsigned long)area / PAGE * 8)), 32);
	CHECK_EQ(big[0], entry(area));
	CHECK_EQ(pread(fd, big, 32, (long)((1UL << 56) / PAGE * 8)), 0);
	CHECK_EQ(close(fd), 0);
	printf("EINVAL for unaligned reads, 0 bytes past user space\n");
	return 0;
}
