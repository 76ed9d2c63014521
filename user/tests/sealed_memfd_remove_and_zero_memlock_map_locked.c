/* EXPECT: exit 0 */
/*
 * Two refusals Linux makes before touching anything:
 *   - MADV_REMOVE on a writable shared mapping of a memfd sealed afterwards with
 *     F_SEAL_FUTURE_WRITE is EPERM (the hole would change sealed bytes), and the bytes
 *     stay; the mapping itself may still be written, as the seal allows (qemu-user
 *     ignores MADV_REMOVE: that check is skipped there);
 *   - mmap(MAP_LOCKED) by a user other than root whose RLIMIT_MEMLOCK is 0 is EPERM (it
 *     may not lock at all), not EAGAIN (over a limit it has).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <uapi/memfd.h>
#include <unistd.h>

#define PAGE 4096UL

static int no_memlock(void *arg)
{
	struct rlimit none = { 0, 0 };
	void *p;

	(void)arg;
	CHECK_EQ(setrlimit(RLIMIT_MEMLOCK, &none), 0);
	CHECK_EQ(setuid(65534), 0);
	errno = 0;
	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	CHECK(p == MAP_FAILED && errno == EPERM, "MAP_LOCKED with no RLIMIT_MEMLOCK: %p %s", p,
	      strerror(errno));
	return 0;
}

int main(void)
{
	int fd = memfd_create("sealed", MFD_ALLOW_SEALING);
	char *p, buf[4];

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memcpy(p, "kept", 4);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), 0);
	if (!under_qemu_user()) { /* qemu-user does not pass MADV_REMOVE on: it answers 0 */
		errno = 0;
		CHECK_EQ(madvise(p, 2 * PAGE, MADV_REMOVE), -1);
		CHECK_EQ(errno, EPERM);
	}
	CHECK_EQ(pread(fd, buf, 4, 0), 4);
	CHECK_EQ(memcmp(buf, "kept", 4), 0);
	p[PAGE] = 1; /* the mapping made before the seal still writes */
	CHECK_EQ(munmap(p, 2 * PAGE), 0);
	CHECK_EQ(close(fd), 0);

	CHECK_EQ(run_in_child(no_memlock, NULL), 0);
	return 0;
}
