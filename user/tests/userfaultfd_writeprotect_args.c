/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/*
 * UFFDIO_WRITEPROTECT's arguments, good and bad, as Linux 6.18 (x86_64) answers them:
 *   - before UFFDIO_API: EINVAL; a bad argument pointer: EFAULT;
 *   - the range: a start not page-aligned, a length of 0 or not a page multiple, a
 *     range past user space: EINVAL;
 *   - the mode: an unknown bit, or MODE_WP with MODE_DONTWAKE: EINVAL; mode 0 with
 *     DONTWAKE is fine;
 *   - where: memory not registered, registered MISSING only, or a range that runs from
 *     a WP registration into one without WP: ENOENT, the VMAs before the bad one done
 *     already (pagemap bit 57); after UNREGISTER: ENOENT again;
 *   - the register's ioctls list WRITEPROTECT only for MODE_WP; UFFDIO_COPY with
 *     UFFDIO_COPY_MODE_WP into a range registered without WP: EINVAL.
 * Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only):
 * Faultline riscv64 has the mode, and this test's reference is x86_64 Linux.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE       4096UL
#define PM_UFFD_WP (1ULL << 57)

static int uffd;

/* A libc call's result as the raw system call's: -errno for a failure. */
static long raw(long r)
{
	return r == -1 ? -errno : r;
}

/* UFFDIO_WRITEPROTECT of [start, start + len) with mode: 0, or -errno. */
static long writeprotect(unsigned long start, unsigned long len, unsigned long long mode)
{
	struct uffdio_writeprotect wp = { .range = { .start = start, .len = len }, .mode = mode };

	return raw(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp));
}

static unsigned long long pagemap_entry(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long long entry = 0;

	CHECK(fd >= 0, "open pagemap: %s", strerror(errno));
	CHECK_EQ(pread(fd, &entry, sizeof(entry), (unsigned long)addr / PAGE * sizeof(entry)),
		 sizeof(entry));
	close(fd);
	return entry;
}

static unsigned long long do_register(char *start, unsigned long len, unsigned long long mode)
{
	struct uffdio_register reg = { .range = { (unsigned long)start, len }, .mode = mode };

	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	return reg.ioctls;
}

int main(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_range range;
	struct uffdio_copy copy;
	unsigned long wp_start;
	char *area;

	uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	area = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	memset(area, 1, 8 * PAGE);
	CHECK_ERR(writeprotect((unsigned long)area, PAGE, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	printf("before UFFDIO_API: EINVAL\n");
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);

	/* Pages 0-1 MISSING, 2-5 WP, 6-7 not registered. */
	CHECK_ERR(writeprotect((unsigned long)area, PAGE, UFFDIO_WRITEPROTECT_MODE_WP), ENOENT);
	CHECK(!(do_register(area, 2 * PAGE, UFFDIO_REGISTER_MODE_MISSING) &
		(1ULL << _UFFDIO_WRITEPROTECT)), "no WRITEPROTECT for a MISSING registration");
	CHECK(do_register(area + 2 * PAGE, 4 * PAGE, UFFDIO_REGISTER_MODE_WP) &
	      (1ULL << _UFFDIO_WRITEPROTECT), "WRITEPROTECT for a WP registration");
	CHECK_ERR(writeprotect((unsigned long)area, PAGE, UFFDIO_WRITEPROTECT_MODE_WP), ENOENT);
	printf("unregistered or MISSING only: ENOENT\n");

	wp_start = (unsigned long)area + 2 * PAGE;
	CHECK_ERR(writeprotect(wp_start + 1, PAGE, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	CHECK_ERR(writeprotect(wp_start, 0, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	CHECK_ERR(writeprotect(wp_start, 100, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	CHECK_ERR(writeprotect(wp_start, PAGE + 1, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	CHECK_ERR(writeprotect(1UL << 57, PAGE, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	CHECK_ERR(writeprotect(wp_start, -PAGE, UFFDIO_WRITEPROTECT_MODE_WP), EINVAL);
	printf("bad ranges: EINVAL\n");
	CHECK_ERR(writeprotect(wp_start, PAGE, 1ULL << 2), EINVAL);
	CHECK_ERR(writeprotect(wp_start, PAGE, 1ULL << 63), EINVAL);
	CHECK_ERR(writeprotect(wp_start, PAGE,
			       UFFDIO_WRITEPROTECT_MODE_WP | UFFDIO_WRITEPROTECT_MODE_DONTWAKE),
		  EINVAL);
	CHECK_ERR(raw(ioctl(uffd, UFFDIO_WRITEPROTECT, (void *)8)), EFAULT);
	printf("bad modes: EINVAL; bad pointer: EFAULT\n");
	CHECK_EQ(writeprotect(wp_start, PAGE, UFFDIO_WRITEPROTECT_MODE_DONTWAKE), 0);
	CHECK_EQ(pagemap_entry((void *)wp_start) & PM_UFFD_WP, 0);
	CHECK_EQ(writeprotect(wp_start, 4 * PAGE, UFFDIO_WRITEPROTECT_MODE_WP), 0);
	for (int i = 2; i < 6; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	CHECK_EQ(pagemap_entry(area + 6 * PAGE) & PM_UFFD_WP, 0);
	CHECK_EQ(writeprotect(wp_start, 4 * PAGE, 0), 0);
	for (int i = 2; i < 6; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, 0);
	printf("protect and unprotect the WP range: 0, pagemap bit 57 follows\n");

	/* Into the unregistered pages: ENOENT, the WP pages before them protected already. */
	CHECK_ERR(writeprotect(wp_start, 6 * PAGE, UFFDIO_WRITEPROTECT_MODE_WP), ENOENT);
	CHECK_EQ(pagemap_entry(area + 5 * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	CHECK_ERR(writeprotect((unsigned long)area, 4 * PAGE, 0), ENOENT);
	CHECK_EQ(pagemap_entry(area + 2 * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	printf("a range leaving the WP registration: ENOENT, the part before it done\n");

	memset(src, 's', PAGE);
	copy.dst = (unsigned long)area;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = UFFDIO_COPY_MODE_WP;
	CHECK_ERR(raw(ioctl(uffd, UFFDIO_COPY, &copy)), EINVAL);
	printf("COPY with MODE_WP where WP is not registered: EINVAL\n");

	range.start = wp_start;
	range.len = 4 * PAGE;
	CHECK_EQ(ioctl(uffd, UFFDIO_UNREGISTER, &range), 0);
	for (int i = 2; i < 6; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, 0);
	CHECK_ERR(writeprotect(wp_start, PAGE, 0), ENOENT);
	area[5 * PAGE] = 2; /* no pager any more: an ordinary write */
	CHECK_EQ(area[5 * PAGE], 2);
	printf("after UNREGISTER: marks gone, ENOENT\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
