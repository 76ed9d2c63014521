/* EXPECT: exit 0 */
/*
 * mremap() of memory that other calls have changed keeps what they did:
 *   - a locked mapping: growing it locks and populates the new pages (VmLck grows by
 *     them, mincore says all resident), moving it elsewhere (MREMAP_FIXED) keeps VmLck,
 *     and munmap brings VmLck back to 0; a DONTUNMAP move leaves the old range mapped,
 *     unlocked (smaps VmFlags) and empty;
 *   - a shared memfd mapping: moved and grown after ftruncate, it still shows the bytes
 *     written before the move, and a write through the moved mapping is seen by read()
 *     and by a second mapping of the file; the new pages past the old end read zeros;
 *   - shared anonymous memory populated with MADV_POPULATE_WRITE, then moved: a child
 *     forked after the move sees the parent's write, and the parent sees the child's.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <proc_counters.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define KB(pages) ((long)((pages) * PAGE / 1024))

static int nr_resident(void *p, unsigned long pages)
{
	static unsigned char vec[64];
	int n = 0;

	CHECK_EQ(mincore(p, pages * PAGE, vec), 0);
	for (unsigned long i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

/* A free range of pages pages (mapped then unmapped), for MREMAP_FIXED. */
static char *free_range(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap");
	CHECK_EQ(munmap(p, pages * PAGE), 0);
	return p;
}

static void locked_memory(void)
{
	long before = self_status_kb("VmLck");
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q, *r;

	CHECK(p != MAP_FAILED, "mmap");
	CHECK_EQ(before, 0);
	CHECK_EQ(mlock(p, 4 * PAGE), 0);
	CHECK_EQ(self_status_kb("VmLck"), KB(4));
	memset(p, 0x5a, 4 * PAGE);

	/* Grow (moving if it must): the new pages are locked and resident at once. */
	q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED, "mremap grow: %s", strerror(errno));
	CHECK_EQ(self_status_kb("VmLck"), KB(8));
	if (!under_qemu_user()) /* qemu-user answers mincore from the host's view */
		CHECK_EQ(nr_resident(q, 8), 8);
	CHECK_EQ(q[4 * PAGE - 1], 0x5a);
	CHECK_EQ(q[4 * PAGE], 0);

	/* Move elsewhere: still 8 pages locked, the bytes go along. */
	r = mremap(q, 8 * PAGE, 8 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_range(8));
	CHECK(r != MAP_FAILED, "mremap fixed: %s", strerror(errno));
	CHECK_EQ(self_status_kb("VmLck"), KB(8));
	CHECK_EQ(r[0], 0x5a);

	CHECK_EQ(munmap(r, 8 * PAGE), 0);
	CHECK_EQ(self_status_kb("VmLck"), 0);
}

/* Is "lo" (VM_LOCKED) among the VmFlags of the VMA starting at start in smaps? */
static bool vma_locked(const void *start)
{
	static char smaps[128 * 1024];
	char want[32], *p, *flags;
	int fd = open("/proc/self/smaps", O_RDONLY);
	long len = 0, n;

	CHECK(fd >= 0, "open smaps: %s", strerror(errno));
	while ((n = read(fd, smaps + len, sizeof(smaps) - 1 - (size_t)len)) > 0)
		len += n;
	smaps[len] = '\0';
	CHECK_EQ(close(fd), 0);
	snprintf(want, sizeof(want), "\n%08lx-", (unsigned long)start);
	p = strstr(smaps, want);
	CHECK(p, "no smaps block at %p", start);
	flags = strstr(p, "VmFlags:");
	CHECK(flags, "no VmFlags");
	*strchr(flags, '\n') = '\0';
	return strstr(flags, " lo") != NULL;
}

/*
 * DONTUNMAP of a locked mapping: the new range is locked and resident, the old one stays
 * mapped, unlocked and empty. (VmLck is not compared here: Linux keeps counting the old
 * range in it after such a move, up to 6.18 at least, even once both are unmapped;
 * Faultline counts what is locked.)
 */
static void locked_dontunmap(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *r;

	CHECK(p != MAP_FAILED, "mmap");
	CHECK_EQ(mlock(p, 4 * PAGE), 0);
	memset(p, 0x33, 4 * PAGE);
	r = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	CHECK(r != MAP_FAILED, "mremap dontunmap: %s", strerror(errno));
	CHECK_EQ(r[PAGE], 0x33);
	CHECK_EQ(p[PAGE], 0);
	if (!under_qemu_user()) { /* there, smaps and mincore are the host's */
		CHECK(vma_locked(r), "the new range is not locked");
		CHECK(!vma_locked(p), "the old range is still locked");
		CHECK_EQ(nr_resident(r, 4), 4);
	}
	CHECK_EQ(munmap(r, 4 * PAGE), 0);
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

static void shared_memfd(void)
{
	int fd = memfd_create("moved", 0);
	char *p, *q, *other, buf[8];

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK_EQ(ftruncate(fd, 4 * PAGE), 0);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "mmap memfd");
	memcpy(p + 3 * PAGE, "before", 6);

	CHECK_EQ(ftruncate(fd, 8 * PAGE), 0);
	q = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_range(8));
	CHECK(q != MAP_FAILED, "mremap memfd: %s", strerror(errno));
	CHECK_EQ(memcmp(q + 3 * PAGE, "before", 6), 0);
	CHECK_EQ(q[6 * PAGE], 0);
	memcpy(q + 6 * PAGE, "after!", 6);

	CHECK_EQ(pread(fd, buf, 6, 6 * PAGE), 6);
	CHECK_EQ(memcmp(buf, "after!", 6), 0);
	other = mmap(NULL, 8 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(other != MAP_FAILED, "second mapping");
	CHECK_EQ(memcmp(other + 6 * PAGE, "after!", 6), 0);
	CHECK_EQ(memcmp(other + 3 * PAGE, "before", 6), 0);

	CHECK_EQ(munmap(other, 8 * PAGE), 0);
	CHECK_EQ(munmap(q, 8 * PAGE), 0);
	CHECK_EQ(close(fd), 0);
}

static void shared_anonymous(void)
{
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *q;
	pid_t pid;
	int status;

	CHECK(p != MAP_FAILED, "mmap shared");
	CHECK_EQ(madvise(p, 4 * PAGE, MADV_POPULATE_WRITE), 0);
	if (!under_qemu_user())
		CHECK_EQ(nr_resident(p, 4), 4);
	p[0] = 1;
	q = mremap(p, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, free_range(4));
	CHECK(q != MAP_FAILED, "mremap shared: %s", strerror(errno));
	CHECK_EQ(q[0], 1);

	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (q[0] != 1)
			_exit(2);
		q[2 * PAGE] = 7;
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	CHECK_EQ(q[2 * PAGE], 7);
	CHECK_EQ(munmap(q, 4 * PAGE), 0);
}

int main(void)
{
	locked_memory();
	shared_memfd();
	locked_dontunmap();
	shared_anonymous();
	return 0;
}
