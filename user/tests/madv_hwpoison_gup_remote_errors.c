/* EXPECT: exit 0 */
/* DIFFERS: on Linux (as root) MADV_HWPOISON would poison real frames of the machine running the test, so the test calls it only under Faultline and checks nothing elsewhere. */
/*
 * GUP meeting a poisoned page (madvise(MADV_HWPOISON)), with the errors Linux's code
 * gives (mm/process_vm_access.c, fs/proc/base.c mem_rw, mm/madvise.c, mm/mlock.c):
 *   - process_vm_readv/writev over good, poisoned, good pages: the good page before it
 *     moves (a short count); starting at the poisoned page: EFAULT;
 *   - /proc/self/mem: a read over the three pages is short (one page); at the poisoned
 *     page, reads and writes are EIO;
 *   - MADV_POPULATE_READ and _WRITE over it: EHWPOISON; mlock over it: ENOMEM (its
 *     population failed, as __mlock_posix_error_return says);
 *   - after MADV_DONTNEED the page is a fresh zero page to all of them.
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096UL

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static unsigned char buf[3 * PAGE];

int main(void)
{
	struct iovec l = { buf, sizeof(buf) }, r;
	unsigned char *p;
	pid_t me = getpid();
	int mem;

	if (!on_faultline()) {
		note("MADV_HWPOISON is not called on Linux: not run");
		return 0;
	}
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap");
	memset(p, 7, 3 * PAGE);
	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_HWPOISON), 0);

	r = (struct iovec){ p, 3 * PAGE };
	CHECK_EQ(process_vm_readv(me, &l, 1, &r, 1, 0), (long)PAGE);
	CHECK_EQ(buf[PAGE - 1], 7);
	CHECK_EQ(process_vm_writev(me, &l, 1, &r, 1, 0), (long)PAGE);
	r = (struct iovec){ p + PAGE, PAGE };
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EFAULT);
	CHECK_ERR(raw(process_vm_writev(me, &l, 1, &r, 1, 0)), EFAULT);

	mem = open("/proc/self/mem", O_RDWR);
	CHECK(mem >= 0, "open /proc/self/mem");
	CHECK_EQ(pread(mem, buf, 3 * PAGE, (long)(uintptr_t)p), (long)PAGE);
	CHECK_ERR(raw(pread(mem, buf, PAGE, (long)(uintptr_t)(p + PAGE))), EIO);
	CHECK_ERR(raw(pwrite(mem, buf, PAGE, (long)(uintptr_t)(p + PAGE))), EIO);

	CHECK_ERR(raw(madvise(p, 3 * PAGE, MADV_POPULATE_READ)), EHWPOISON);
	CHECK_ERR(raw(madvise(p, 3 * PAGE, MADV_POPULATE_WRITE)), EHWPOISON);
	CHECK_ERR(raw(mlock(p, 3 * PAGE)), ENOMEM);
	CHECK_EQ(munlock(p, 3 * PAGE), 0);

	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(madvise(p, 3 * PAGE, MADV_POPULATE_READ), 0);
	CHECK_EQ(pread(mem, buf, 3 * PAGE, (long)(uintptr_t)p), (long)(3 * PAGE));
	CHECK(buf[0] == 7 && buf[PAGE] == 0 && buf[2 * PAGE] == 7, "bytes %d %d %d", buf[0],
	      buf[PAGE], buf[2 * PAGE]);
	r = (struct iovec){ p, 3 * PAGE };
	CHECK_EQ(process_vm_readv(me, &l, 1, &r, 1, 0), (long)(3 * PAGE));
	CHECK_EQ(mlock(p, 3 * PAGE), 0);
	close(mem);
	return 0;
}
