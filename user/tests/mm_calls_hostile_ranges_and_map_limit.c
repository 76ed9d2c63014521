/* EXPECT: exit 0 */
/*
 * The memory calls of shared memory, mremap and mlock given wild, kernel, unaligned,
 * wrapping and huge addresses and lengths, answered as Linux answers them:
 *   - msync: a length within a page of 2^64 rounds up to 0 (a range of nothing: 0);
 *     one that rounds to a huge range is ENOMEM, as are a hole, the kernel's half, page 0;
 *   - memfd_create: a name on no page, in the kernel or running into a hole is EFAULT;
 *     one of 250 bytes or more is EINVAL even when it runs into a hole later;
 *   - fallocate near 2^63: growing past it is EFBIG, a negative offset or a length of 0
 *     EINVAL, punching a hole is fine anywhere below it (and needs KEEP_SIZE);
 *   - mlock/munlock: a hole or the top of user space is ENOMEM, the kernel's half EINVAL,
 *     a length within a page of 2^64 is 0; mlockall with no or unknown flags EINVAL;
 *   - mremap: MREMAP_FIXED onto itself, into the kernel's half or unaligned is EINVAL;
 *     a kernel or unmapped old address EFAULT, a range over two mappings EFAULT;
 *   - madvise over PROT_NONE and over a shared file mapping, value by value.
 * Then, under Faultline only (on Linux vm.max_map_count is the whole machine's): with
 * the limit lowered to 0, 1 and 2, below the map count, every mremap that would add a
 * mapping (a move, a second mapping of shared memory) is ENOMEM and the map count
 * stays where it was, as every split is ENOMEM (madvise's EAGAIN).
 * qemu-user emulates mremap, madvise and mlock itself: there only msync is checked.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE 4096UL
#define KERNEL_ADDR ((void *)~0xfffUL) /* the last page: the kernel's on both arches */

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static long remap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr)
{
	void *r = mremap(old, old_len, new_len, flags, new_addr);

	return r == MAP_FAILED ? -errno : 0;
}

static char name[600];

static void msync_lengths(unsigned char *m, unsigned char *hole)
{
	CHECK_EQ(msync(m, SIZE_MAX, MS_SYNC), 0);
	CHECK_EQ(msync(m, SIZE_MAX - 100, MS_ASYNC), 0);
	CHECK_ERR(raw(msync(m, SIZE_MAX - PAGE + 1, MS_SYNC)), ENOMEM);
	CHECK_ERR(raw(msync(hole, PAGE, MS_SYNC)), ENOMEM);
	CHECK_ERR(raw(msync(KERNEL_ADDR, PAGE, MS_SYNC)), ENOMEM);
	CHECK_ERR(raw(msync(NULL, PAGE, MS_ASYNC)), ENOMEM);
	CHECK_ERR(raw(msync(m + 1, PAGE, MS_SYNC)), EINVAL);
	CHECK_EQ(msync(m, 0, MS_SYNC), 0);
}

static void memfd_names(unsigned char *hole, unsigned char *before_hole)
{
	CHECK_ERR(raw(memfd_create(NULL, 0)), EFAULT);
	CHECK_ERR(raw(memfd_create(KERNEL_ADDR, 0)), EFAULT);
	CHECK_ERR(raw(memfd_create((char *)hole, 0)), EFAULT);
	memset(before_hole, 'b', PAGE);
	CHECK_ERR(raw(memfd_create((char *)before_hole + PAGE - 10, 0)), EFAULT);
	CHECK_ERR(raw(memfd_create((char *)before_hole + PAGE - 300, 0)), EINVAL);
	memset(name, 'a', 249);
	int fd = memfd_create(name, 0);
	CHECK(fd >= 0, "a 249-byte name: errno %d", errno);
	close(fd);
	name[249] = 'a';
	CHECK_ERR(raw(memfd_create(name, 0)), EINVAL);
	CHECK_ERR(raw(memfd_create("x", 0x80000000U)), EINVAL);
}

static void fallocate_near_the_top(void)
{
	int fd = memfd_create("falloc", 0);

	CHECK(fd >= 0, "memfd_create");
	CHECK_ERR(raw(fallocate(fd, 0, INT64_MAX - PAGE + 1, PAGE)), EFBIG);
	CHECK_ERR(raw(fallocate(fd, 0, INT64_MAX, 1)), EFBIG);
	CHECK_ERR(raw(fallocate(fd, 0, INT64_MAX - 10, 100)), EFBIG);
	CHECK_ERR(raw(fallocate(fd, 0, -1, 1)), EINVAL);
	CHECK_ERR(raw(fallocate(fd, 0, 0, 0)), EINVAL);
	CHECK_ERR(raw(fallocate(fd, 0, 0, -1)), EINVAL);
	CHECK_ERR(raw(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PAGE)), EOPNOTSUPP);
	CHECK_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, INT64_MAX - PAGE, PAGE), 0);
	CHECK_ERR(raw(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 1L << 62, 1L << 62)), EFBIG);
	CHECK_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 3, 5), 0);
	CHECK_ERR(raw(fallocate(fd, 0x100, 0, PAGE)), EOPNOTSUPP);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 0);
	close(fd);
}

static void mlock_ranges(unsigned char *m, unsigned char *hole)
{
	CHECK_ERR(raw(mlock(hole, PAGE)), ENOMEM);
	CHECK_ERR(raw(munlock(hole, PAGE)), ENOMEM);
	CHECK_ERR(raw(mlock(KERNEL_ADDR, PAGE)), EINVAL);
	CHECK_ERR(raw(munlock(KERNEL_ADDR, PAGE)), EINVAL);
	CHECK_EQ(mlock(m, SIZE_MAX), 0);
	CHECK_EQ(munlock(m, SIZE_MAX), 0);
	CHECK_ERR(raw(mlock2(m, PAGE, 2)), EINVAL);
	CHECK_ERR(raw(mlockall(0)), EINVAL);
	CHECK_ERR(raw(mlockall(MCL_ONFAULT)), EINVAL);
	CHECK_ERR(raw(mlockall(MCL_CURRENT | 16)), EINVAL);
}

static void mremap_wild(unsigned char *m, unsigned char *hole)
{
	unsigned char *two = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(two != MAP_FAILED, "mmap");
	CHECK_EQ(mprotect(two + PAGE, PAGE, PROT_READ), 0);
	CHECK_ERR(remap(m, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, m), EINVAL);
	CHECK_ERR(remap(m, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, m + PAGE), EINVAL);
	CHECK_ERR(remap(m, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, KERNEL_ADDR), EINVAL);
	CHECK_ERR(remap(m, 4 * PAGE, 4 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, m + 1), EINVAL);
	CHECK_ERR(remap(m, SIZE_MAX - PAGE + 1, PAGE, 0, NULL), EINVAL);
	CHECK_ERR(remap(KERNEL_ADDR, PAGE, PAGE, MREMAP_MAYMOVE, NULL), EFAULT);
	CHECK_ERR(remap(hole, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT);
	CHECK_ERR(remap(hole, 0, 2 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT);
	CHECK_ERR(remap(m, 4 * PAGE, 8 * PAGE, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, NULL), EINVAL);
	CHECK_ERR(remap(m, 4 * PAGE, 4 * PAGE, 8, NULL), EINVAL);
	CHECK_ERR(remap(two, 3 * PAGE, 6 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT);
	CHECK_EQ(munmap(two, 3 * PAGE), 0);
}

/* madvise over a PROT_NONE mapping and a shared file mapping: Linux's answers. */
static void madvise_kinds(unsigned char *m)
{
	static const int advice[] = { 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
				      20, 21, 22, 23, 24, 25 };
	unsigned char *none = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(none != MAP_FAILED, "mmap");
	for (unsigned i = 0; i < sizeof(advice) / sizeof(advice[0]); i++) {
		int a = advice[i];
		int want_none = (a == 9 || a == 22 || a == 23 || a == 25) ? EINVAL : 0;
		int want_shared = (a == 8 || a == 18 || a == 25) ? EINVAL : 0;

		CHECK(raw(madvise(none, 2 * PAGE, a)) == -want_none, "advice %d on PROT_NONE", a);
		CHECK(raw(madvise(m, 4 * PAGE, a)) == -want_shared, "advice %d on a memfd", a);
	}
	CHECK_ERR(raw(madvise(KERNEL_ADDR, PAGE, 0)), EINVAL);
	CHECK_ERR(raw(madvise(m, SIZE_MAX - PAGE + 1, 0)), EINVAL);
	CHECK_EQ(munmap(none, 2 * PAGE), 0);
}

/* Lines in /proc/self/maps: the map count. */
static int map_count(void)
{
	static char buf[16384];
	int fd = open("/proc/self/maps", O_RDONLY), n = 0;
	long got;

	CHECK(fd >= 0, "open maps");
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < got; i++)
			n += buf[i] == '\n';
	close(fd);
	return n;
}

static void set_max_map_count(int value)
{
	char text[32];
	int fd = open("/proc/sys/vm/max_map_count", O_WRONLY), n;

	CHECK(fd >= 0, "open max_map_count");
	n = snprintf(text, sizeof(text), "%d\n", value);
	CHECK_EQ(write(fd, text, (size_t)n), n);
	close(fd);
}

static void map_limit_below_count(void)
{
	for (int limit = 0; limit <= 2; limit++) {
		unsigned char *a = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned char *s = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		int before;

		CHECK(a != MAP_FAILED && s != MAP_FAILED, "mmap");
		a[0] = 1;
		s[0] = 2;
		before = map_count();
		set_max_map_count(limit);
		CHECK_ERR(remap(a + 9 * PAGE, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + 20 * PAGE), ENOMEM);
		CHECK_ERR(remap(s + PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL), ENOMEM);
		CHECK_ERR(remap(s, 0, PAGE, MREMAP_MAYMOVE, NULL), ENOMEM);
		CHECK_ERR(raw(mprotect(a + PAGE, PAGE, PROT_READ)), ENOMEM);
		CHECK_ERR(raw(munmap(a + 3 * PAGE, PAGE)), ENOMEM);
		CHECK_ERR(raw(madvise(a + 5 * PAGE, PAGE, MADV_DONTFORK)), EAGAIN);
		CHECK_ERR(raw(mlock(a + 7 * PAGE, PAGE)), ENOMEM);
		CHECK_EQ(map_count(), before);
		set_max_map_count(65530);
		CHECK_EQ(a[0] + s[0], 3);
		CHECK_EQ(munmap(a, 16 * PAGE), 0);
		CHECK_EQ(munmap(s, 16 * PAGE), 0);
	}
}

int main(void)
{
	unsigned char *m, *hole, *before_hole;
	int fd = memfd_create("hostile", 0);

	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(ftruncate(fd, 4 * PAGE), 0);
	m = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	before_hole = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED && before_hole != MAP_FAILED, "mmap");
	hole = before_hole + PAGE;
	CHECK_EQ(munmap(hole, PAGE), 0);

	msync_lengths(m, hole);
	if (under_qemu_user()) {
		note("qemu-user emulates mremap, madvise and mlock: only msync checked");
		return 0;
	}
	memfd_names(hole, before_hole);
	fallocate_near_the_top();
	mlock_ranges(m, hole);
	mremap_wild(m, hole);
	madvise_kinds(m);
	if (on_faultline())
		map_limit_below_count();
	return 0;
}
