/* EXPECT: exit 0 */
/*
 * Operations on huge, mostly empty ranges cost what is mapped, not the size: a 1 TiB
 * read-only mapping (128 GiB on riscv64, half its user space; read-only mappings are not
 * counted against memory) with one page touched is mprotected, forked, madvised and
 * unmapped quickly; madvise over all of it once unmapped answers ENOMEM at once. Each
 * step is timed against 300 ms: a kernel that walks page by page needs seconds for each
 * (and, without preemption, stalls the whole machine meanwhile).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMIT_NS 300000000L

static unsigned long TIB; /* the size used: 1 TiB, or 128 GiB on riscv64 */

static long started;

static void lap(const char *what)
{
	long ns = now_ns() - started;

	printf("%s: done\n", what);
	note("%s took %ld ms", what, ns / 1000000);
	/* qemu-user keeps its own per-page records of a guest's mappings: only the kernel
	 * itself is on trial here (Faultline, or Linux natively). */
	if (!under_qemu_user())
		CHECK(ns < LIMIT_NS, "%s took %ld ms", what, ns / 1000000);
	started = now_ns();
}

static int child(void *arg)
{
	return ((volatile char *)arg)[0] == 0 ? 0 : 1;
}

int main(void)
{
	struct utsname u;
	char *p;

	CHECK_EQ(uname(&u), 0);
	TIB = strcmp(u.machine, "riscv64") == 0 ? 128UL << 30 : 1UL << 40;
	started = now_ns();
	p = mmap(NULL, TIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(p != MAP_FAILED, "mmap %lu GiB read-only", TIB >> 30);
	CHECK_EQ(((volatile char *)p)[TIB / 2], 0); /* one page in the middle */
	lap("map it, touch one page");
	CHECK_EQ(mprotect(p, TIB, PROT_NONE), 0);
	CHECK_EQ(mprotect(p, TIB, PROT_READ), 0);
	lap("mprotect all of it twice");
	CHECK_EQ(run_in_child(child, p + TIB / 2), 0);
	lap("fork with it mapped");
	CHECK_EQ(madvise(p, TIB, MADV_DONTNEED), 0);
	lap("madvise(MADV_DONTNEED) all of it");
	CHECK_EQ(munmap(p, TIB), 0);
	lap("munmap all of it");
	if (under_qemu_user()) /* qemu-user answers madvise over a hole with 0 */
		note("qemu-user: madvise over nothing gave %d", madvise(p, TIB, MADV_NORMAL));
	else {
		CHECK_EQ(madvise(p, TIB, MADV_NORMAL), -1);
		CHECK_EQ(errno, ENOMEM);
	}
	lap("madvise over all of it, unmapped");
	return 0;
}
