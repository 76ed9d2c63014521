/* EXPECT: exit 0 */
/*
 * process_vm_readv() and process_vm_writev() on a forked child's memory:
 *   - reading a region the child never touched gives zeros, faulting its pages in on
 *     the way; Linux counts those faults to the caller (ru_minflt of the reader rises
 *     by at least one per page);
 *   - writing into the child lands in the child's copy: the child sees the bytes, the
 *     parent's pages it shared copy-on-write keep the parent's;
 *   - the remote iovecs are done in order and the first that cannot be reached ends
 *     the call: the bytes done so far, or EFAULT if none (also for a bad local buffer;
 *     a bad second local iovec leaves the bytes of the first);
 *   - errors: flags != 0 and more than IOV_MAX iovecs are EINVAL, a process that is
 *     gone ESRCH; nothing to do remotely is 0; another user may not read root's memory
 *     (EPERM).
 * Under qemu-user the fault counts are qemu's own, host-side: noted, not checked; and
 * qemu-user has no process_vm_readv (ENOSYS): the test notes it and stops.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 16

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static unsigned char *lazy;   /* never touched before the fork, nor by the child */
static unsigned char *shared; /* written before the fork: shared copy-on-write */
static unsigned char *guarded; /* NR_PAGES pages, the one after them unmapped */
static unsigned char buf[NR_PAGES * PAGE];
static int to_child[2], from_child[2];

/* The child: tells the parent it is ready, waits, then checks what was written into it. */
static void child(void)
{
	char c;

	CHECK_EQ(write(from_child[1], "r", 1), 1);
	CHECK_EQ(read(to_child[0], &c, 1), 1);
	for (unsigned long i = 0; i < 100; i++)
		CHECK(shared[PAGE + i] == (unsigned char)(0xc0 + i % 7), "child byte %lu is %#x", i,
		      shared[PAGE + i]);
	CHECK(shared[0] == 0x11, "child's first page");
	_exit(0);
}

static int read_parent(void *arg)
{
	struct iovec l = { buf, 16 }, r = { arg, 16 };

	CHECK_EQ(setuid(65534), 0);
	CHECK_ERR(raw(process_vm_readv(getppid(), &l, 1, &r, 1, 0)), EPERM);
	return 0;
}

int main(void)
{
	struct iovec l, r, rv[3], lv[2];
	long before, faults;
	pid_t pid, gone;
	char c;
	int status;

	lazy = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	guarded = mmap(NULL, (NR_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(lazy != MAP_FAILED && shared != MAP_FAILED && guarded != MAP_FAILED, "mmap");
	CHECK_EQ(munmap(guarded + NR_PAGES * PAGE, PAGE), 0);
	memset(shared, 0x11, 2 * PAGE);
	memset(buf, 0xff, sizeof(buf)); /* our own buffer's pages are in before we count */
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(from_child), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		child();
	CHECK_EQ(read(from_child[0], &c, 1), 1);

	/* The child's untouched region reads as zeros; its faults are counted to us. */
	l = (struct iovec){ buf, sizeof(buf) };
	r = (struct iovec){ lazy, sizeof(buf) };
	minflt();
	before = minflt();
	if (raw(process_vm_readv(pid, &l, 1, &r, 1, 0)) == -ENOSYS && under_qemu_user()) {
		note("qemu-user has no process_vm_readv: not run");
		kill(pid, SIGKILL);
		wait_child(pid, 0);
		return 0;
	}
	CHECK_EQ(raw(process_vm_readv(pid, &l, 1, &r, 1, 0)), (long)sizeof(buf));
	faults = minflt() - before;
	for (unsigned long i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0, "byte %lu of the child's lazy region is %#x", i, buf[i]);
	if (under_qemu_user())
		note("qemu-user: fault counts are the host's, not checked");
	else
		CHECK(faults >= NR_PAGES, "reading %d remote pages counted %ld faults", NR_PAGES, faults);

	/* Write into the child's copy-on-write page: the parent's stays as it was. */
	for (unsigned long i = 0; i < 100; i++)
		buf[i] = (unsigned char)(0xc0 + i % 7);
	l = (struct iovec){ buf, 100 };
	r = (struct iovec){ shared + PAGE, 100 };
	CHECK_EQ(process_vm_writev(pid, &l, 1, &r, 1, 0), 100);
	for (unsigned long i = 0; i < 2 * PAGE; i++)
		CHECK(shared[i] == 0x11, "parent byte %lu changed to %#x", i, shared[i]);

	/* Partial transfers: the first remote iovec that fails ends the call. */
	l = (struct iovec){ buf, sizeof(buf) };
	rv[0] = (struct iovec){ lazy, PAGE };
	rv[1] = (struct iovec){ guarded + NR_PAGES * PAGE, PAGE };
	rv[2] = (struct iovec){ lazy, PAGE };
	CHECK_EQ(process_vm_readv(pid, &l, 1, rv, 3, 0), (long)PAGE);
	rv[0] = (struct iovec){ lazy, 100 };
	rv[1] = (struct iovec){ guarded + (NR_PAGES - 1) * PAGE, 2 * PAGE };
	CHECK_EQ(process_vm_readv(pid, &l, 1, rv, 2, 0), (long)(100 + PAGE));
	CHECK_EQ(process_vm_writev(pid, &l, 1, rv, 2, 0), (long)(100 + PAGE));
	rv[0] = (struct iovec){ guarded + NR_PAGES * PAGE, PAGE };
	CHECK_ERR(raw(process_vm_readv(pid, &l, 1, rv, 2, 0)), EFAULT);
	CHECK_ERR(raw(process_vm_writev(pid, &l, 1, rv, 1, 0)), EFAULT);
	r = (struct iovec){ lazy, PAGE };
	l = (struct iovec){ guarded + NR_PAGES * PAGE, PAGE };
	CHECK_ERR(raw(process_vm_readv(pid, &l, 1, &r, 1, 0)), EFAULT);
	lv[0] = (struct iovec){ buf, 100 };
	lv[1] = (struct iovec){ guarded + NR_PAGES * PAGE, PAGE };
	CHECK_EQ(process_vm_readv(pid, lv, 2, &r, 1, 0), 100);

	/* Errors. */
	l = (struct iovec){ buf, PAGE };
	CHECK_ERR(raw(process_vm_readv(pid, &l, 1, &r, 1, 1)), EINVAL);
	CHECK_ERR(raw(process_vm_writev(pid, &l, IOV_MAX + 1, &r, 1, 0)), EINVAL);
	CHECK_ERR(raw(process_vm_readv(pid, &l, 1, &r, IOV_MAX + 1, 0)), EINVAL);
	CHECK_EQ(process_vm_readv(pid, &l, 0, &r, 1, 0), 0);
	r.iov_len = 0;
	CHECK_EQ(process_vm_readv(pid, &l, 1, &r, 1, 0), 0);

	CHECK_EQ(write(to_child[1], "g", 1), 1);
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));

	/* A process that is gone, and one of another user. */
	gone = fork();
	if (gone == 0)
		_exit(0);
	wait_child(gone, 0);
	r = (struct iovec){ lazy, PAGE };
	CHECK_ERR(raw(process_vm_readv(gone, &l, 1, &r, 1, 0)), ESRCH);
	r.iov_len = 0;
	CHECK_EQ(process_vm_readv(gone, &l, 1, &r, 1, 0), 0); /* nothing to do: pid unasked */
	if (geteuid() == 0) {
		status = run_in_child(read_parent, lazy);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "setuid child: %s",
		      status_str(status));
	} else {
		note("not root: the EPERM case is not run");
	}
	return 0;
}
