/* EXPECT: exit 0 */
/*
 * Ranges beyond user space, as Linux answers them: nothing is mapped there, so
 *
 *   - mmap(MAP_FIXED) or mmap(MAP_FIXED_NOREPLACE) at a kernel address, or of a range
 *     that would wrap past the top of the address space, is ENOMEM (Linux's
 *     get_unmapped_area(): "addr > TASK_SIZE - len");
 *   - madvise() of a kernel address is ENOMEM (no VMA there), and of a range whose end
 *     wraps around is EINVAL;
 *
 * and MADV_FREE is known: 0 on anonymous memory, EINVAL on a file mapping, ENOMEM over
 * a hole.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <unistd.h>

#define PAGE        4096UL
#define KERNEL_ADDR ((void *)0xffffffff80000000UL) /* the kernel half on both arches */
#define TOP_PAGE    ((void *)(0UL - PAGE))

static void show(const char *what, long ret, int want)
{
	int got = ret == -1 ? errno : 0;

	if (got != want && under_qemu_user()) {
		/* qemu-user emulates mmap itself and takes the address as a mere hint there. */
		note("qemu-user: %s gave %s", what, got ? strerror(got) : "0");
		got = want;
	}
	printf("%s: %s\n", what, got ? strerror(got) : "0");
	CHECK(got == want, "%s: %s, expected %s", what, strerror(got), strerror(want));
}

static long map_fixed(void *addr, unsigned long len, int flag)
{
	void *p = mmap(addr, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | flag, -1, 0);

	return p == MAP_FAILED ? -1 : 0;
}

int main(void)
{
	unsigned char *anon, *file;
	int fd;

	show("mmap MAP_FIXED at a kernel address", map_fixed(KERNEL_ADDR, PAGE, MAP_FIXED), ENOMEM);
	show("mmap MAP_FIXED_NOREPLACE at a kernel address",
	     map_fixed(KERNEL_ADDR, PAGE, MAP_FIXED_NOREPLACE), ENOMEM);
	show("mmap MAP_FIXED of two pages from the top page", map_fixed(TOP_PAGE, 2 * PAGE, MAP_FIXED),
	     ENOMEM);
	show("madvise MADV_DONTNEED of a kernel address", madvise(KERNEL_ADDR, PAGE, MADV_DONTNEED),
	     ENOMEM);
	show("madvise MADV_NORMAL of a kernel address", madvise(KERNEL_ADDR, PAGE, MADV_NORMAL),
	     ENOMEM);
	show("madvise of a range that wraps", madvise(TOP_PAGE, 2 * PAGE, MADV_DONTNEED), EINVAL);

	anon = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(anon, 0x42, 3 * PAGE);
	show("MADV_FREE of anonymous memory", madvise(anon, 3 * PAGE, MADV_FREE), 0);
	CHECK_EQ(munmap(anon + PAGE, PAGE), 0);
	show("MADV_FREE over a hole", madvise(anon, 3 * PAGE, MADV_FREE), ENOMEM);
	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	file = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(file != MAP_FAILED, "mmap of a file: %s", strerror(errno));
	show("MADV_FREE of a file mapping", madvise(file, PAGE, MADV_FREE), EINVAL);
	CHECK_EQ(munmap(file, PAGE), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(munmap(anon, 3 * PAGE), 0);
	return 0;
}
