/* EXPECT: exit 0 */
/*
 * mremap()'s errors, each as Linux gives it, and none of them changes the mapping:
 *
 *   EINVAL  old address not page-aligned; an unknown flag; new length 0 (or so large it
 *           wraps); MREMAP_FIXED or MREMAP_DONTUNMAP without MREMAP_MAYMOVE; a new
 *           address not page-aligned; MREMAP_DONTUNMAP with a new length; old and new
 *           ranges overlapping; a new range past the end of user space; old length 0
 *           (a duplicate) of a private mapping; shrinking from an old length that
 *           reaches past user space
 *   EFAULT  nothing mapped at the old address; an old range that does not lie in one
 *           mapping, when it is to grow or move
 *   ENOMEM  growing without MREMAP_MAYMOVE where the space after is taken, or from a
 *           range that ends inside its mapping; growing private writable memory to more
 *           than the machine has (1 TiB: Linux's default overcommit rule); growing past
 *           RLIMIT_AS
 *
 * Resizing to the same length, and shrinking, need no single mapping: they succeed
 * over two. qemu-user checks ranges itself before Linux does and answers some of these
 * differently: each such answer is noted, not checked.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define PAGE 4096UL

static unsigned char *a; /* 4 pages read-write, then 4 read-only (two mappings), then a hole */

static void check_unchanged(void)
{
	for (unsigned long i = 0; i < 8 * PAGE; i += 512)
		CHECK(a[i] == (i < 4 * PAGE ? 0x1a : 0), "byte %lu: %#x", i, a[i]);
	CHECK_EQ(probe_read(a + 8 * PAGE), SIGSEGV);
}

static void expect(const char *what, void *r, int err)
{
	int got = r == MAP_FAILED ? errno : 0;

	if (got != err && under_qemu_user()) {
		note("qemu-user: %s: %s, Linux says %s", what, got ? strerror(got) : "done",
		     strerror(err));
		return;
	}
	note("%s: %s", what, got ? strerror(got) : "done");
	CHECK(got == err, "%s: %s (%p), expected %s", what, got ? strerror(got) : "done", r,
	      strerror(err));
	check_unchanged();
}

/*
 * In a child: 1 MiB grown to 2 GiB (read-only, never touched: only address space) works
 * without a limit and is ENOMEM under a 1 GiB RLIMIT_AS. qemu-user does not apply
 * RLIMIT_AS to its guest (it ignores the call): exit 1 there.
 */
static int grow_past_rlimit_as(void *arg)
{
	struct rlimit rl = { 1UL << 30, 1UL << 30 };
	unsigned char *big = mmap(NULL, 1 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *r;

	(void)arg;
	if (big == MAP_FAILED)
		return 10;
	r = mremap(big, 1 << 20, 2UL << 30, MREMAP_MAYMOVE);
	if (r == MAP_FAILED)
		return 11;
	if (mremap(r, 2UL << 30, 1 << 20, 0) != r || setrlimit(RLIMIT_AS, &rl))
		return 12;
	if (mremap(r, 1 << 20, 2UL << 30, MREMAP_MAYMOVE) != MAP_FAILED)
		return under_qemu_user() ? 1 : 13;
	return errno == ENOMEM ? 0 : 14;
}

int main(void)
{
	a = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(munmap(a + 8 * PAGE, 8 * PAGE), 0);
	CHECK_EQ(mprotect(a + 4 * PAGE, 4 * PAGE, PROT_READ), 0);
	memset(a, 0x1a, 4 * PAGE);

	expect("unaligned old address", mremap(a + 1, PAGE, 2 * PAGE, 0), EINVAL);
	expect("unknown flag 8", mremap(a, PAGE, 2 * PAGE, 8), EINVAL);
	expect("unknown flag 1<<31", mremap(a, PAGE, 2 * PAGE, (int)(1U << 31)), EINVAL);
	expect("new length 0", mremap(a, PAGE, 0, MREMAP_MAYMOVE), EINVAL);
	expect("new length wraps", mremap(a, PAGE, -1UL, MREMAP_MAYMOVE), EINVAL);
	expect("MREMAP_FIXED without MAYMOVE", mremap(a, PAGE, PAGE, MREMAP_FIXED, a + 10 * PAGE),
	       EINVAL);
	expect("unaligned new address",
	       mremap(a, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + 10 * PAGE + 1), EINVAL);
	expect("MREMAP_DONTUNMAP resizing",
	       mremap(a, PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL), EINVAL);
	expect("MREMAP_DONTUNMAP without MAYMOVE", mremap(a, PAGE, PAGE, MREMAP_DONTUNMAP, NULL),
	       EINVAL);
	expect("overlapping ranges",
	       mremap(a, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + PAGE), EINVAL);
	expect("new range past user space",
	       mremap(a, 2 * PAGE, 2 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)-PAGE), EINVAL);
	expect("old length 0, private", mremap(a, 0, PAGE, MREMAP_MAYMOVE), EINVAL);
	expect("old length wraps to 0", mremap(a, -1UL, PAGE, MREMAP_MAYMOVE), EINVAL);
	expect("shrink from past user space", mremap(a, 1UL << 62, PAGE, 0), EINVAL);
	expect("shrink from the top of memory", mremap(a, -2 * PAGE, PAGE, 0), EINVAL);
	expect("shrink-move from past user space",
	       mremap(a, 1UL << 62, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + 10 * PAGE), EINVAL);

	expect("nothing mapped", mremap(a + 8 * PAGE, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EFAULT);
	expect("grow across two mappings", mremap(a, 8 * PAGE, 9 * PAGE, 0), EFAULT);
	expect("grow-move across two mappings", mremap(a, 8 * PAGE, 9 * PAGE, MREMAP_MAYMOVE),
	       EFAULT);
	expect("move across two mappings",
	       mremap(a, 6 * PAGE, 7 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, a + 10 * PAGE), EFAULT);

	expect("grow from inside a mapping", mremap(a, 2 * PAGE, 3 * PAGE, 0), ENOMEM);
	expect("grow into the next mapping", mremap(a, 4 * PAGE, 5 * PAGE, 0), ENOMEM);
	expect("grow writable memory past all memory",
	       mremap(a, 4 * PAGE, 1UL << 40, MREMAP_MAYMOVE), ENOMEM);

	CHECK(mremap(a, 8 * PAGE, 8 * PAGE, 0) == a, "same length over two mappings: %s",
	      strerror(errno));
	check_unchanged();
	printf("every bad call refused with Linux's errno, the mappings unchanged\n");

	{
		int status = run_in_child(grow_past_rlimit_as, NULL);

		if (under_qemu_user() && WIFEXITED(status) && WEXITSTATUS(status) == 1)
			note("qemu-user ignores RLIMIT_AS: not checked");
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "RLIMIT_AS child: %s",
			      status_str(status));
	}
	printf("growing past RLIMIT_AS: ENOMEM\n");

	CHECK(mremap(a, 8 * PAGE, 2 * PAGE, 0) == a, "shrink over two mappings: %s",
	      strerror(errno));
	CHECK_EQ(a[PAGE], 0x1a);
	CHECK_EQ(probe_read(a + 2 * PAGE), SIGSEGV);
	CHECK_EQ(probe_read(a + 5 * PAGE), SIGSEGV);
	printf("shrinking over two mappings unmaps the tail of both\n");
	CHECK_EQ(munmap(a, 2 * PAGE), 0);
	return 0;
}
