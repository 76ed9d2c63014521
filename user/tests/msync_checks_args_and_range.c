/* EXPECT: exit 0 */
/*
 * msync() as Linux checks it: an unaligned address, an unknown flag, or MS_ASYNC with
 * MS_SYNC is EINVAL; a range that is partly or wholly unmapped is ENOMEM (also past
 * the top of the address space); an empty range is 0; a mapped range, private or shared,
 * file or anonymous, is 0 with any valid flags, and the shared data stays as written.
 */
#include <check.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static long ms(void *addr, size_t len, int flags)
{
	return msync(addr, len, flags) ? -errno : 0;
}

int main(void)
{
	unsigned char *a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(a != MAP_FAILED && s != MAP_FAILED, "mmap");
	CHECK_ERR(ms(a + 1, PAGE, MS_SYNC), EINVAL);
	CHECK_ERR(ms(a, PAGE, 8), EINVAL);
	CHECK_ERR(ms(a, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_EQ(ms(a, PAGE, MS_INVALIDATE), 0);
	CHECK_EQ(ms(a, 0, MS_SYNC), 0);
	CHECK_EQ(ms(a, 1, 0), 0);
	CHECK_EQ(ms(a, 3 * PAGE, MS_ASYNC | MS_INVALIDATE), 0);
	s[5] = 42;
	CHECK_EQ(ms(s, 2 * PAGE, MS_SYNC), 0);
	CHECK_EQ(ms(s, PAGE, MS_ASYNC), 0);
	CHECK_EQ(s[5], 42);

	CHECK_EQ(munmap(a + PAGE, PAGE), 0);
	CHECK_ERR(ms(a, 3 * PAGE, MS_SYNC), ENOMEM);
	CHECK_ERR(ms(a, 3 * PAGE, MS_ASYNC), ENOMEM);
	CHECK_ERR(ms(a + PAGE, PAGE, MS_SYNC), ENOMEM);
	CHECK_ERR(ms(a + PAGE, PAGE, 0), ENOMEM);
	CHECK_ERR(ms(a, 2 * PAGE, MS_INVALIDATE), ENOMEM);
	CHECK_ERR(ms(a, 3 * PAGE, 1 << 4), EINVAL);   /* flags before the range */
	CHECK_ERR(ms((void *)-PAGE, PAGE, MS_SYNC), ENOMEM);
	CHECK_ERR(ms((void *)-PAGE, 2 * PAGE, MS_SYNC), ENOMEM);
	printf("msync: EINVAL, ENOMEM and 0 as Linux\n");
	return 0;
}
