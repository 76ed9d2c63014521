/* EXPECT: exit 0 */
/*
 * process_vm_readv/writev on our own pid with hostile iovecs, as Linux answers them:
 *   - a remote length of SSIZE_MAX on a small mapping moves what our side holds (the
 *     remote addresses are only asked when reached); a length over SSIZE_MAX anywhere
 *     in the remote array is EINVAL before anything moves;
 *   - a kernel address, an unmapped one, and a range that wraps past the top of the
 *     address space are EFAULT on the remote side; a kernel address on the local side
 *     is EFAULT; a local length of SSIZE_MAX is cut to what the remote side gives;
 *   - IOV_MAX one-byte remote iovecs all move; unreadable iovec arrays are EFAULT.
 * qemu-user has no process_vm_readv (ENOSYS): the test notes it and stops.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGE 4096UL
#define KERNEL_ADDR ((void *)~0xfffUL) /* the last page: the kernel's on both arches */

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static unsigned char buf[2 * PAGE];
static struct iovec many[IOV_MAX];

int main(void)
{
	pid_t me = getpid();
	struct iovec l = { buf, PAGE }, r, two[2];
	unsigned char *p, *hole;

	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap");
	hole = p + 2 * PAGE;
	CHECK_EQ(munmap(hole, PAGE), 0);
	memset(p, 0x3c, 2 * PAGE);
	r = (struct iovec){ p, 16 };
	if (raw(process_vm_readv(me, &l, 1, &r, 1, 0)) == -ENOSYS && under_qemu_user()) {
		note("qemu-user has no process_vm_readv: not run");
		return 0;
	}

	r = (struct iovec){ p, SIZE_MAX / 2 };
	CHECK_EQ(process_vm_readv(me, &l, 1, &r, 1, 0), (long)PAGE);
	CHECK_EQ(buf[PAGE - 1], 0x3c);
	r.iov_len = SIZE_MAX;
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EINVAL);
	two[0] = (struct iovec){ p, 16 };
	two[1] = (struct iovec){ p, SIZE_MAX };
	CHECK_ERR(raw(process_vm_writev(me, &l, 1, two, 2, 0)), EINVAL);

	r = (struct iovec){ KERNEL_ADDR, 16 };
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EFAULT);
	CHECK_ERR(raw(process_vm_writev(me, &l, 1, &r, 1, 0)), EFAULT);
	r = (struct iovec){ hole, 2 * PAGE };
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EFAULT);
	r = (struct iovec){ (void *)(UINTPTR_MAX - 10), 100 };
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EFAULT);

	r = (struct iovec){ p, 16 };
	l = (struct iovec){ KERNEL_ADDR, 16 };
	CHECK_ERR(raw(process_vm_readv(me, &l, 1, &r, 1, 0)), EFAULT);
	l = (struct iovec){ buf, SIZE_MAX / 2 };
	CHECK_EQ(process_vm_readv(me, &l, 1, &r, 1, 0), 16);

	/* Two pages into one: our side is full after a page. */
	l = (struct iovec){ buf, PAGE };
	r = (struct iovec){ p, 2 * PAGE };
	CHECK_EQ(process_vm_writev(me, &l, 1, &r, 1, 0), (long)PAGE);

	/* IOV_MAX remote iovecs of one byte each, every one a different byte. */
	for (unsigned long i = 0; i < IOV_MAX; i++) {
		p[i * 2] = (unsigned char)(i * 7);
		many[i] = (struct iovec){ p + i * 2, 1 };
	}
	l = (struct iovec){ buf, sizeof(buf) };
	CHECK_EQ(process_vm_readv(me, &l, 1, many, IOV_MAX, 0), IOV_MAX);
	for (unsigned long i = 0; i < IOV_MAX; i++)
		CHECK(buf[i] == (unsigned char)(i * 7), "byte %lu", i);

	CHECK_ERR(raw(process_vm_readv(me, &l, 1, (struct iovec *)hole, 1, 0)), EFAULT);
	CHECK_ERR(raw(process_vm_readv(me, (struct iovec *)hole, 1, many, 1, 0)), EFAULT);
	return 0;
}
