/* EXPECT: exit 0 */
/*
 * Anonymous private mappings: new memory reads as zero and keeps what is written;
 * after munmap a touch kills with SIGSEGV (and only the unmapped part is gone); MAP_FIXED
 * maps at the address asked for, replacing what was there; PROT_READ-only memory kills a
 * writer, mprotect changes that; bad arguments give EINVAL.
 */
#include <check.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define FIXED_ADDR 0x200000000UL /* 8 GiB: free on both arches, page-aligned */

static volatile char *target; /* what the child touches */

static int child_write(void *arg)
{
	(void)arg;
	*target = 1;
	return 0;
}

static int child_read(void *arg)
{
	(void)arg;
	return *target == 0x11 ? 0 : 1;
}

/* Fail unless fn() on addr in a child ends with SIGSEGV. */
static void expect_segv(int (*fn)(void *), void *addr, const char *what)
{
	int status;

	target = addr;
	status = run_in_child(fn, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s at %p: %s, expected SIGSEGV",
	      what, addr, status_str(status));
}

static void expect_ok(int (*fn)(void *), void *addr, const char *what)
{
	int status;

	target = addr;
	status = run_in_child(fn, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s at %p: %s", what, addr,
	      status_str(status));
}

static void check_zero_and_keep(void)
{
	size_t len = 64 * PAGE;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap of %zu bytes: %s", len, strerror(errno));
	CHECK(((unsigned long)p & (PAGE - 1)) == 0, "mmap returned unaligned %p", (void *)p);
	for (size_t i = 0; i < len; i++)
		CHECK(p[i] == 0, "new anonymous memory at +%zu is %#x, not 0", i, p[i]);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	for (size_t i = 0; i < len; i++)
		CHECK(p[i] == (unsigned char)(i * 7 + 3), "byte +%zu did not keep its value", i);
	CHECK_EQ(munmap(p, len), 0);
}

static void check_munmap(void)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, 0x11, 3 * PAGE);
	CHECK_EQ(munmap(p + PAGE, PAGE), 0); /* a hole in the middle */
	expect_segv(child_write, p + PAGE, "write to an unmapped page");
	expect_segv(child_read, p + PAGE + 100, "read of an unmapped page");
	expect_ok(child_read, p, "read of the page before the hole");
	expect_ok(child_read, p + 2 * PAGE + PAGE - 1, "read of the page after the hole");
	CHECK_EQ(munmap(p, 3 * PAGE), 0); /* unmapping a range with a hole is fine */
	expect_segv(child_read, p, "read after munmap");
	expect_segv(child_write, p + 2 * PAGE, "write after munmap");
}

static void check_fixed(void)
{
	char *want = (char *)FIXED_ADDR;
	char *p = mmap(want, 2 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	CHECK(p == want, "MAP_FIXED at %p returned %p (%s)", (void *)want, (void *)p,
	      p == MAP_FAILED ? strerror(errno) : "elsewhere");
	CHECK(p[0] == 0 && p[2 * PAGE - 1] == 0, "MAP_FIXED memory is not zero");
	memset(p, 0x11, 2 * PAGE);
	/* MAP_FIXED over a mapping replaces it: fresh zeros. */
	p = mmap(want + PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(p == want + PAGE, "second MAP_FIXED returned %p", (void *)p);
	CHECK(want[0] == 0x11, "the page that was not replaced lost its contents");
	CHECK(want[PAGE] == 0 && want[2 * PAGE - 1] == 0, "the replaced page is not zero");
	CHECK_EQ(munmap(want, 2 * PAGE), 0);
	expect_segv(child_read, want, "read after munmap of the MAP_FIXED range");
}

static void check_protections(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap PROT_READ: %s", strerror(errno));
	CHECK_EQ(p[10], 0);
	expect_segv(child_write, p, "write to PROT_READ memory");
	CHECK_EQ(mprotect(p, PAGE, PROT_READ | PROT_WRITE), 0);
	p[10] = 0x11;
	CHECK_EQ(p[10], 0x11);
	CHECK_EQ(mprotect(p, PAGE, PROT_NONE), 0);
	expect_segv(child_read, p + 10, "read of PROT_NONE memory");
	CHECK_EQ(munmap(p, PAGE), 0);
}

static void check_einval(void)
{
	long anon = MAP_PRIVATE | MAP_ANONYMOUS, rw = PROT_READ | PROT_WRITE;

	CHECK_ERR(syscall6(__NR_mmap, 0, 0, rw, anon, -1, 0), EINVAL); /* length 0 */
	CHECK_ERR(syscall6(__NR_mmap, FIXED_ADDR + 1, PAGE, rw, anon | MAP_FIXED, -1, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_mmap, 0, PAGE, rw, MAP_ANONYMOUS, -1, 0), EINVAL); /* no type */
	CHECK_ERR(syscall6(__NR_munmap, FIXED_ADDR + 1, PAGE, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_munmap, FIXED_ADDR, 0, 0, 0, 0, 0), EINVAL);
}

int main(void)
{
	check_zero_and_keep();
	check_munmap();
	check_fixed();
	check_protections();
	check_einval();
	return 0;
}
