/* EXPECT: exit 0 */
/*
 * What fork() gives a child of memory advised MADV_DONTFORK or MADV_WIPEONFORK:
 *
 *   - MADV_DONTFORK on the middle page of three: the child has a hole there (a read is
 *     SIGSEGV SEGV_MAPERR) and the two other pages with their bytes; the parent keeps all
 *     three. MADV_DOFORK undoes it.
 *   - MADV_WIPEONFORK: the child's copy reads as zeros and can be written, the parent
 *     keeps its bytes; MADV_KEEPONFORK undoes it. A private file mapping cannot be
 *     wiped (EINVAL).
 *   - MADV_DONTFORK over a range with a hole: ENOMEM, but the mapped part got the advice.
 * qemu-user ignores this advice (it answers 0 and does nothing): there the child's view
 * is noted, not checked.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static unsigned char *area;

static bool filled(const unsigned char *p, unsigned long len, unsigned char fill)
{
	for (unsigned long i = 0; i < len; i++)
		if (p[i] != fill)
			return false;
	return true;
}

/* Child: pages 0 and 2 kept, page 1 missing? 0 if so. */
static int child_sees_hole(void *arg)
{
	(void)arg;
	if (!filled(area, PAGE, 0xa0) || !filled(area + 2 * PAGE, PAGE, 0xa2))
		return 1;
	if (probe_read(area + PAGE + 8) != SIGSEGV || probe_info.si_code != SEGV_MAPERR)
		return 2;
	return 0;
}

/* Child: all three pages there with their bytes? 0 if so. */
static int child_sees_all(void *arg)
{
	(void)arg;
	for (unsigned long i = 0; i < 3; i++)
		if (!filled(area + i * PAGE, PAGE, (unsigned char)(0xa0 + i)))
			return 1;
	return 0;
}

/* Child: the first two pages zero, writable? 0 if so. */
static int child_sees_zeros(void *arg)
{
	(void)arg;
	if (!filled(area, 2 * PAGE, 0))
		return 1;
	memset(area, 0x55, 2 * PAGE);
	return filled(area, 2 * PAGE, 0x55) ? 0 : 2;
}

/* Run fn in a child and check it exited 0, or note what qemu-user did instead. */
static void expect_child(const char *what, int (*fn)(void *))
{
	int status = run_in_child(fn, NULL);
	bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;

	if (!ok && under_qemu_user()) {
		note("qemu-user: %s: child %s (the advice is ignored there)", what,
		     status_str(status));
		return;
	}
	CHECK(ok, "%s: child %s", what, status_str(status));
}

static void fill_area(void)
{
	for (unsigned long i = 0; i < 3; i++)
		memset(area + i * PAGE, (int)(0xa0 + i), PAGE);
}

int main(void)
{
	int fd, r;
	unsigned char *f;

	area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	fill_area();

	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_DONTFORK), 0);
	expect_child("MADV_DONTFORK page 1", child_sees_hole);
	CHECK(child_sees_all(NULL) == 0, "the parent lost bytes");
	printf("MADV_DONTFORK: the child has a hole, the parent all its pages\n");
	CHECK_EQ(madvise(area + PAGE, PAGE, MADV_DOFORK), 0);
	expect_child("MADV_DOFORK", child_sees_all);
	printf("MADV_DOFORK: the child has all pages again\n");

	CHECK_EQ(madvise(area, 2 * PAGE, MADV_WIPEONFORK), 0);
	expect_child("MADV_WIPEONFORK", child_sees_zeros);
	CHECK(child_sees_all(NULL) == 0, "the parent lost bytes");
	printf("MADV_WIPEONFORK: the child reads zeros and writes, the parent keeps its bytes\n");
	CHECK_EQ(madvise(area, 2 * PAGE, MADV_KEEPONFORK), 0);
	expect_child("MADV_KEEPONFORK", child_sees_all);
	printf("MADV_KEEPONFORK: the child has the bytes again\n");

	fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	CHECK(fd >= 0, "open: %s", strerror(errno));
	f = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(close(fd), 0);
	r = madvise(f, PAGE, MADV_WIPEONFORK);
	if (r == 0 && under_qemu_user())
		note("qemu-user: MADV_WIPEONFORK of a file mapping: 0");
	else
		CHECK(r == -1 && errno == EINVAL, "MADV_WIPEONFORK of a file mapping: %d", r);
	CHECK_EQ(munmap(f, PAGE), 0);
	printf("MADV_WIPEONFORK of a private file mapping: EINVAL\n");

	/* A hole at page 2: DONTFORK of pages 1-2 is ENOMEM, yet page 1 got it. */
	CHECK_EQ(munmap(area + 2 * PAGE, PAGE), 0);
	r = madvise(area + PAGE, 2 * PAGE, MADV_DONTFORK);
	if (r == 0 && under_qemu_user())
		note("qemu-user: MADV_DONTFORK over a hole: 0");
	else
		CHECK(r == -1 && errno == ENOMEM, "MADV_DONTFORK over a hole: %d", r);
	{
		int status;

		mmap(area + 2 * PAGE, PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		memset(area + 2 * PAGE, 0xa2, PAGE);
		status = run_in_child(child_sees_hole, NULL);
		if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0) && under_qemu_user())
			note("qemu-user: DONTFORK over a hole: child %s", status_str(status));
		else
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "DONTFORK over a hole: child %s", status_str(status));
	}
	printf("MADV_DONTFORK over a hole: ENOMEM, the mapped page advised anyway\n");
	CHECK_EQ(munmap(area, 3 * PAGE), 0);
	return 0;
}
