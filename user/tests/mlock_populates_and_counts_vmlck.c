/* EXPECT: exit 0 */
/*
 * The mlock family and the count of locked memory (VmLck in /proc/self/status):
 *   - mlock() populates the range (mincore: all resident) and VmLck counts it, once
 *     however often it is locked; munlock() of part of it, munmap() of part of it and
 *     munlock() of the rest bring VmLck down page for page, to 0; a hole in the range
 *     ends mlock/munlock with ENOMEM, the VMAs before it changed, those after it not;
 *   - mlock2(MLOCK_ONFAULT) counts the range but populates nothing; a touch makes one
 *     page resident;
 *   - a fork's child inherits no lock (its VmLck is 0);
 *   - mmap(MAP_LOCKED) locks and populates the mapping;
 *   - mlockall(MCL_FUTURE) locks (and populates) a later mmap; munlockall() undoes
 *     everything; mlockall(MCL_CURRENT) locks what is mapped now;
 *   - errors: mlock2 flags other than MLOCK_ONFAULT, mlockall(0), mlockall(MCL_ONFAULT)
 *     alone and unknown MCL_ bits are EINVAL; a hole in the range is ENOMEM;
 *   - RLIMIT_MEMLOCK: root ignores it (CAP_IPC_LOCK); after setuid to another user, a
 *     lock past the limit is ENOMEM, and any lock with a limit of 0 is EPERM.
 */
#include <check.h>
#include <errno.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 8
#define KB(pages) ((long)((pages) * PAGE / 1024))

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static int nr_resident(const volatile void *p, unsigned long pages)
{
	static unsigned char vec[64];
	int n = 0;

	CHECK_EQ(mincore((void *)p, pages * PAGE, vec), 0);
	for (unsigned long i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

static long vmlck(void)
{
	return self_status_kb("VmLck");
}

static void *map(unsigned long pages)
{
	void *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	CHECK(p != MAP_FAILED, "mmap");
	return p;
}

static int child_vmlck(void *arg)
{
	(void)arg;
	return vmlck() == 0 ? 0 : 1;
}

/* As another user: RLIMIT_MEMLOCK holds. */
static int unprivileged(void *arg)
{
	struct rlimit small = { PAGE, PAGE }, none = { 0, 0 };
	unsigned char *p = arg;

	CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &small), 0);
	CHECK_EQ(setuid(65534), 0);
	CHECK_EQ(mlock(p, PAGE), 0);
	CHECK_EQ(vmlck(), KB(1));
	CHECK_EQ(mlock(p, PAGE), 0); /* already locked: costs nothing more */
	CHECK_ERR(raw(mlock(p, 2 * PAGE)), ENOMEM);
	CHECK_ERR(raw(mlockall(MCL_CURRENT)), ENOMEM);
	CHECK_EQ(munlock(p, PAGE), 0);
	CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &none), 0);
	CHECK_ERR(raw(mlock(p, PAGE)), EPERM);
	CHECK_ERR(raw(mlockall(MCL_FUTURE)), EPERM);
	return 0;
}

int main(void)
{
	struct rlimit small = { PAGE, PAGE }, old;
	volatile unsigned char *p, *q;
	int status;

	CHECK_EQ(vmlck(), 0);
	p = map(NR_PAGES);
	CHECK_EQ(nr_resident(p, NR_PAGES), 0);
	CHECK_EQ(mlock((void *)p, NR_PAGES * PAGE), 0);
	CHECK_EQ(nr_resident(p, NR_PAGES), NR_PAGES);
	CHECK_EQ(vmlck(), KB(NR_PAGES));
	CHECK_EQ(mlock((void *)(p + 100), PAGE), 0); /* unaligned start: its pages, again */
	CHECK_EQ(vmlck(), KB(NR_PAGES));

	status = run_in_child(child_vmlck, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child VmLck: %s", status_str(status));

	CHECK_EQ(munlock((void *)(p + 2 * PAGE), 2 * PAGE), 0);
	CHECK_EQ(vmlck(), KB(NR_PAGES - 2));
	CHECK_EQ(munmap((void *)(p + 6 * PAGE), PAGE), 0);
	CHECK_EQ(vmlck(), KB(NR_PAGES - 3));
	CHECK_EQ(munlock((void *)p, 6 * PAGE), 0);
	CHECK_EQ(vmlck(), KB(1)); /* page 7, beyond the hole */
	/* A hole stops the call with ENOMEM; what lies before it is done, not what follows. */
	CHECK_ERR(raw(mlock((void *)p, NR_PAGES * PAGE)), ENOMEM);
	CHECK_EQ(vmlck(), KB(7));
	CHECK_ERR(raw(munlock((void *)p, NR_PAGES * PAGE)), ENOMEM);
	CHECK_EQ(vmlck(), KB(1));
	CHECK_EQ(munlock((void *)(p + 7 * PAGE), PAGE), 0);
	CHECK_EQ(vmlck(), 0);

	q = map(NR_PAGES);
	if (mlock2((void *)q, NR_PAGES * PAGE, MLOCK_ONFAULT) == -1 && errno == ENOSYS &&
	    under_qemu_user()) {
		note("qemu-user has no mlock2: its part is not run");
	} else {
		CHECK_EQ(vmlck(), KB(NR_PAGES));
		CHECK_EQ(nr_resident(q, NR_PAGES), 0);
		q[3 * PAGE] = 1;
		CHECK_EQ(nr_resident(q, NR_PAGES), 1);
		CHECK_ERR(raw(mlock2((void *)q, PAGE, 2)), EINVAL);
	}
	CHECK_EQ(munlockall(), 0);
	CHECK_EQ(vmlck(), 0);

	CHECK_EQ(mlockall(MCL_FUTURE), 0);
	CHECK_EQ(vmlck(), 0);
	p = map(4);
	CHECK_EQ(vmlck(), KB(4));
	CHECK_EQ(nr_resident(p, 4), 4);
	CHECK_EQ(munlockall(), 0);
	CHECK_EQ(vmlck(), 0);
	q = map(4);
	CHECK_EQ(nr_resident(q, 4), 0);

	/* mmap(MAP_LOCKED): locked and populated at once; munmap takes the count away. */
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
		 -1, 0);
	CHECK(p != MAP_FAILED, "mmap MAP_LOCKED");
	CHECK_EQ(vmlck(), KB(4));
	CHECK_EQ(nr_resident(p, 4), 4);
	CHECK_EQ(munmap((void *)p, 4 * PAGE), 0);
	CHECK_EQ(vmlck(), 0);

	CHECK_EQ(mlockall(MCL_CURRENT), 0);
	CHECK(vmlck() >= KB(8), "VmLck after mlockall(MCL_CURRENT): %ld kB", vmlck());
	CHECK_EQ(nr_resident(q, 4), 4);
	CHECK_EQ(munlockall(), 0);
	CHECK_EQ(vmlck(), 0);

	CHECK_ERR(raw(mlockall(0)), EINVAL);
	CHECK_ERR(raw(mlockall(MCL_ONFAULT)), EINVAL);
	if (mlockall(MCL_CURRENT | 8) == 0 && under_qemu_user()) {
		note("qemu-user drops unknown MCL_ bits: EINVAL not checked");
		CHECK_EQ(munlockall(), 0);
	} else {
		CHECK_ERR(raw(mlockall(MCL_CURRENT | 8)), EINVAL);
	}

	/* Root may lock past RLIMIT_MEMLOCK; another user may not. */
	CHECK_EQ(getrlimit(RLIMIT_MEMLOCK, &old), 0);
	if (geteuid() == 0) {
		small.rlim_max = old.rlim_max; /* the hard limit stays, to restore the soft one */
		CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &small), 0);
		CHECK_EQ(mlock((void *)q, 4 * PAGE), 0);
		CHECK_EQ(vmlck(), KB(4));
		CHECK_EQ(munlock((void *)q, 4 * PAGE), 0);
		CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &old), 0);
		status = run_in_child(unprivileged, (void *)q);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "unprivileged child: %s",
		      status_str(status));
	} else {
		note("not root: the privileged half is not run");
	}
	return 0;
}
