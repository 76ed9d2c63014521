/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * Every userfaultfd ioctl with good and bad arguments, on anonymous memory registered
 * for missing pages, as Linux answers them (checked on Linux 6.18):
 *   - before UFFDIO_API every other ioctl and read() are EINVAL; a bad api, unknown
 *     feature bits or a second UFFDIO_API are EINVAL and zero the whole uffdio_api; a
 *     failed UFFDIO_API leaves the descriptor waiting for a good one; the good one
 *     reports api 0xAA, the ioctls REGISTER|UNREGISTER|API, and features that include
 *     the ones every Linux has for anonymous memory;
 *   - REGISTER: mode 0 or unknown bits, MINOR on anonymous memory, an unaligned start or
 *     length, length 0, a range wholly in a hole, wrapping, or past the top of user
 *     space are EINVAL; a range with a hole inside is fine; the range ioctls reported
 *     for MISSING are WAKE|COPY|ZEROPAGE (and POISON since Linux 6.6; MOVE since 6.8,
 *     which Faultline does not have, so that bit is not compared); read-only and PROT_NONE
 *     anonymous memory, and a memfd mapped private or shared, may be registered; a range another userfaultfd holds is EBUSY;
 *   - UNREGISTER: of a range never registered, or with a hole inside, is 0; unaligned,
 *     length 0, wholly in a hole or past user space is EINVAL;
 *   - COPY: an unaligned dst or length, length 0, unknown mode bits are EINVAL with .copy
 *     untouched; MODE_WP on a range not registered for WP is EINVAL with .copy -EINVAL;
 *     an unaligned src is fine; dst outside a registered range, or crossing its end, is
 *     ENOENT (.copy -ENOENT, nothing copied); an unreadable src is EFAULT (-EFAULT);
 *     a page already there is EEXIST (-EEXIST); success sets .copy to the length;
 *   - ZEROPAGE: the same rules (.zeropage), and the page reads as zeros;
 *   - WAKE: 0 on any aligned range (even one with nobody waiting or no mapping);
 *     unaligned or length 0 is EINVAL;
 *   - an unknown ioctl number on a userfaultfd is EINVAL; a userfaultfd ioctl on a pipe
 *     or /dev/null is ENOTTY.
 */
#include <check.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     UFFD_PAGE_SIZE
#define NR_PAGES 16
#define HOLE     8 /* the page of the mapping that is unmapped */

/* The range ioctls Linux reports for a MISSING registration, less the ones that came
 * with later kernels (POISON 6.6, MOVE 6.8; Faultline has no UFFDIO_MOVE). */
#define MISSING_RANGE_IOCTLS ((1ULL << _UFFDIO_WAKE) | (1ULL << _UFFDIO_COPY) | \
			      (1ULL << _UFFDIO_ZEROPAGE))
#define LATER_RANGE_IOCTLS ((1ULL << _UFFDIO_MOVE) | (1ULL << _UFFDIO_POISON))
/* Features every Linux with userfaultfd reports for anonymous memory on both arches. */
#define BASE_FEATURES (UFFD_FEATURE_EVENT_FORK | UFFD_FEATURE_EVENT_REMAP | \
		       UFFD_FEATURE_EVENT_REMOVE | UFFD_FEATURE_EVENT_UNMAP | \
		       UFFD_FEATURE_SIGBUS | UFFD_FEATURE_THREAD_ID | \
		       UFFD_FEATURE_EXACT_ADDRESS)
#define UNTOUCHED 0x777 /* what the out fields hold before the call */

static unsigned char src[2 * PAGE] __attribute__((aligned(PAGE)));

/* UFFDIO_API with api and features; checks the result err and, on failure, that the
 * whole struct came back zeroed. */
static void check_api(int fd, u64 api_version, u64 features, int err)
{
	struct uffdio_api api = { .api = api_version, .features = features, .ioctls = 1 };

	if (err) {
		CHECK_ERR(uffd_ioctl(fd, UFFDIO_API, &api), err);
		CHECK(api.api == 0 && api.features == 0 && api.ioctls == 0,
		      "failed UFFDIO_API left api %llx features %llx ioctls %llx, expected zeros",
		      (unsigned long long)api.api, (unsigned long long)api.features,
		      (unsigned long long)api.ioctls);
		return;
	}
	CHECK_EQ(uffd_ioctl(fd, UFFDIO_API, &api), 0);
	CHECK_EQ(api.api, UFFD_API);
	CHECK(api.ioctls == ((1ULL << _UFFDIO_REGISTER) | (1ULL << _UFFDIO_UNREGISTER) |
			     (1ULL << _UFFDIO_API)),
	      "UFFDIO_API ioctls %llx", (unsigned long long)api.ioctls);
	CHECK((api.features & BASE_FEATURES) == BASE_FEATURES,
	      "UFFDIO_API features %llx lack some of %llx", (unsigned long long)api.features,
	      (unsigned long long)BASE_FEATURES);
}

static void before_api(void)
{
	int fd = (int)syscall6(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK, 0, 0, 0, 0, 0);
	struct uffdio_register reg = { { 0x10000000, PAGE }, UFFDIO_REGISTER_MODE_MISSING, 0 };
	struct uffdio_range range = { 0x10000000, PAGE };
	struct uffd_msg msg;

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	CHECK_ERR(uffd_ioctl(fd, UFFDIO_REGISTER, &reg), EINVAL);
	CHECK_ERR(uffd_ioctl(fd, UFFDIO_UNREGISTER, &range), EINVAL);
	CHECK_ERR(uffd_ioctl(fd, UFFDIO_WAKE, &range), EINVAL);
	CHECK_ERR(syscall6(__NR_read, fd, (long)&msg, sizeof(msg), 0, 0, 0), EINVAL);
	CHECK_ERR(uffd_ioctl(fd, UFFDIO_API, NULL), EFAULT);
	check_api(fd, 0xAB, 0, EINVAL);
	check_api(fd, UFFD_API, 1ULL << 17, EINVAL);
	check_api(fd, UFFD_API, 1ULL << 31, EINVAL);
	check_api(fd, UFFD_API, 1ULL << 63, EINVAL);
	check_api(fd, UFFD_API, 0, 0);
	check_api(fd, UFFD_API, 0, EINVAL);
	check_api(fd, UFFD_API, UFFD_FEATURE_THREAD_ID, EINVAL);
	CHECK_ERR(uffd_ioctl(fd, 0x1234, NULL), EINVAL);
	CHECK_ERR(uffd_ioctl(fd, UFFD_IOC(3, 0x3e, 24), &range), EINVAL);
	CHECK_ERR(syscall6(__NR_read, fd, (long)&msg, sizeof(msg), 0, 0, 0), EAGAIN);
	close(fd);
}

static void check_register(int fd, const void *start, unsigned long len, u64 mode, int err)
{
	u64 ioctls = UNTOUCHED;

	if (err) {
		CHECK_ERR(uffd_register(fd, start, len, mode, NULL), err);
		return;
	}
	CHECK_EQ(uffd_register(fd, start, len, mode, &ioctls), 0);
	ioctls &= ~LATER_RANGE_IOCTLS;
	CHECK(ioctls == MISSING_RANGE_IOCTLS, "REGISTER ioctls %llx, expected %llx",
	      (unsigned long long)ioctls, (unsigned long long)MISSING_RANGE_IOCTLS);
}

/* Shared memory, mapped private or shared, takes MISSING too. */
static void other_kinds(int fd)
{
	int memfd = memfd_create("uffd", 0);
	unsigned char *priv, *shared;

	CHECK(memfd >= 0, "memfd_create");
	CHECK_EQ(ftruncate(memfd, 2 * PAGE), 0);
	priv = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, memfd, 0);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	CHECK(priv != MAP_FAILED && shared != MAP_FAILED, "mmap");
	check_register(fd, priv, 2 * PAGE, UFFDIO_REGISTER_MODE_MISSING, 0);
	check_register(fd, shared, 2 * PAGE, UFFDIO_REGISTER_MODE_MISSING, 0);
	munmap(priv, 2 * PAGE);
	munmap(shared, 2 * PAGE);
	close(memfd);
}

static void registers(int fd, unsigned char *m)
{
	const u64 missing = UFFDIO_REGISTER_MODE_MISSING;
	unsigned char *ro, *none;
	int other;

	check_register(fd, m, PAGE, 0, EINVAL);
	check_register(fd, m, PAGE, 1ULL << 3, EINVAL);
	check_register(fd, m, PAGE, missing | 1ULL << 3, EINVAL);
	check_register(fd, m, PAGE, 1ULL << 40, EINVAL);
	check_register(fd, m, PAGE, UFFDIO_REGISTER_MODE_MINOR, EINVAL);
	check_register(fd, m + 1, PAGE, missing, EINVAL);
	check_register(fd, m, PAGE + 1, missing, EINVAL);
	check_register(fd, m, 0, missing, EINVAL);
	check_register(fd, m + HOLE * PAGE, PAGE, missing, EINVAL);
	check_register(fd, m, -PAGE, missing, EINVAL);
	check_register(fd, m, 1UL << 62, missing, EINVAL);
	check_register(fd, (void *)(1UL << 63), PAGE, missing, EINVAL);
	check_register(fd, NULL, PAGE, missing, EINVAL);
	/* A hole inside the range is fine; so is registering again. */
	check_register(fd, m + (HOLE - 1) * PAGE, 2 * PAGE, missing, 0);
	check_register(fd, m, HOLE * PAGE, missing, 0);
	check_register(fd, m, HOLE * PAGE, missing, 0);

	ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED && none != MAP_FAILED, "mmap");
	check_register(fd, ro, 2 * PAGE, missing, 0);
	check_register(fd, none, 2 * PAGE, missing, 0);

	other_kinds(fd);

	other = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	CHECK(other >= 0, "second userfaultfd: %d", other);
	check_register(other, m, PAGE, missing, EBUSY);
	check_register(other, ro, 2 * PAGE, missing, EBUSY);
	close(other);
	munmap(ro, 2 * PAGE);
	munmap(none, 2 * PAGE);
}

static void unregisters(int fd, unsigned char *m)
{
	CHECK_EQ(uffd_unregister(fd, m + (HOLE + 1) * PAGE, PAGE), 0);
	CHECK_ERR(uffd_unregister(fd, m + 1, PAGE), EINVAL);
	CHECK_ERR(uffd_unregister(fd, m, PAGE + 1), EINVAL);
	CHECK_ERR(uffd_unregister(fd, m, 0), EINVAL);
	CHECK_ERR(uffd_unregister(fd, m + HOLE * PAGE, PAGE), EINVAL);
	CHECK_ERR(uffd_unregister(fd, (void *)(1UL << 63), PAGE), EINVAL);
	/* Page HOLE - 1 leaves the range: pages 0..HOLE-2 stay registered. */
	CHECK_EQ(uffd_unregister(fd, m + (HOLE - 1) * PAGE, 2 * PAGE), 0);
}

/* One UFFDIO_COPY; checks its result and its .copy (out) afterwards. */
static void check_copy(int fd, void *dst, const void *from, unsigned long len, u64 mode,
		       int err, s64 out)
{
	struct uffdio_copy copy = {
		.dst = (unsigned long)dst, .src = (unsigned long)from, .len = len,
		.mode = mode, .copy = UNTOUCHED,
	};

	if (err)
		CHECK_ERR(uffd_ioctl(fd, UFFDIO_COPY, &copy), err);
	else
		CHECK_EQ(uffd_ioctl(fd, UFFDIO_COPY, &copy), 0);
	CHECK(copy.copy == out, "UFFDIO_COPY dst +%lx len %lx mode %llx: .copy %lld, expected %lld",
	      (unsigned long)dst & 0xffff, len, (unsigned long long)mode, (long long)copy.copy,
	      (long long)out);
}

static void check_zeropage(int fd, void *dst, unsigned long len, u64 mode, int err, s64 out)
{
	struct uffdio_zeropage zero = {
		.range = { .start = (unsigned long)dst, .len = len }, .mode = mode,
		.zeropage = UNTOUCHED,
	};

	if (err)
		CHECK_ERR(uffd_ioctl(fd, UFFDIO_ZEROPAGE, &zero), err);
	else
		CHECK_EQ(uffd_ioctl(fd, UFFDIO_ZEROPAGE, &zero), 0);
	CHECK(zero.zeropage == out,
	      "UFFDIO_ZEROPAGE dst +%lx len %lx mode %llx: .zeropage %lld, expected %lld",
	      (unsigned long)dst & 0xffff, len, (unsigned long long)mode,
	      (long long)zero.zeropage, (long long)out);
}

/* Registered now: pages 0..HOLE-2 of m. */
static void copies(int fd, unsigned char *m)
{
	unsigned char *unreadable = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
					 -1, 0);

	CHECK(unreadable != MAP_FAILED, "mmap");
	for (unsigned long i = 0; i < sizeof(src); i++)
		src[i] = (unsigned char)(i * 7 + 1);
	check_copy(fd, m + 1, src, PAGE, 0, EINVAL, UNTOUCHED);
	check_copy(fd, m, src, PAGE + 1, 0, EINVAL, UNTOUCHED);
	check_copy(fd, m, src, 0, 0, EINVAL, UNTOUCHED);
	check_copy(fd, m, src, PAGE, 1ULL << 2, EINVAL, UNTOUCHED);
	check_copy(fd, m, src, PAGE, 1ULL << 40, EINVAL, UNTOUCHED);
	check_copy(fd, (void *)(1UL << 63), src, PAGE, 0, EINVAL, UNTOUCHED);
	check_copy(fd, m, src, PAGE, UFFDIO_COPY_MODE_WP, EINVAL, -EINVAL);
	check_copy(fd, m + (HOLE + 1) * PAGE, src, PAGE, 0, ENOENT, -ENOENT);
	check_copy(fd, m + HOLE * PAGE, src, PAGE, 0, ENOENT, -ENOENT);
	check_copy(fd, m + (HOLE - 2) * PAGE, src, 2 * PAGE, 0, ENOENT, -ENOENT);
	check_copy(fd, m, m + HOLE * PAGE, PAGE, 0, EFAULT, -EFAULT);
	check_copy(fd, m, unreadable, PAGE, 0, EFAULT, -EFAULT);
	/* Nothing above mapped a page: each one is still missing. */
	check_copy(fd, m, src + 1, PAGE, 0, 0, PAGE);
	CHECK(memcmp(m, src + 1, PAGE) == 0, "page 0 after a copy from an unaligned source");
	check_copy(fd, m, src, PAGE, 0, EEXIST, -EEXIST);
	check_copy(fd, m + PAGE, src, 2 * PAGE, UFFDIO_COPY_MODE_DONTWAKE, 0, 2 * PAGE);
	CHECK(memcmp(m + PAGE, src, 2 * PAGE) == 0, "pages 1-2 after a copy");
	/* The copy refused for crossing the end of the range mapped nothing. */
	check_copy(fd, m + (HOLE - 2) * PAGE, src, PAGE, 0, 0, PAGE);
	munmap(unreadable, PAGE);
}

/* Pages 0..2 and HOLE-2 are there now; 3..HOLE-3 are still missing. */
static void zeropages(int fd, unsigned char *m)
{
	unsigned char *z = m + 3 * PAGE;

	check_zeropage(fd, z + 1, PAGE, 0, EINVAL, UNTOUCHED);
	check_zeropage(fd, z, PAGE + 1, 0, EINVAL, UNTOUCHED);
	check_zeropage(fd, z, 0, 0, EINVAL, UNTOUCHED);
	check_zeropage(fd, z, PAGE, 1ULL << 1, EINVAL, UNTOUCHED);
	check_zeropage(fd, z, PAGE, 1ULL << 40, EINVAL, UNTOUCHED);
	check_zeropage(fd, m + (HOLE + 1) * PAGE, PAGE, 0, ENOENT, -ENOENT);
	check_zeropage(fd, m + (HOLE - 2) * PAGE, 2 * PAGE, 0, ENOENT, -ENOENT);
	check_zeropage(fd, m, PAGE, 0, EEXIST, -EEXIST);
	check_zeropage(fd, z, PAGE, 0, 0, PAGE);
	check_zeropage(fd, z, PAGE, 0, EEXIST, -EEXIST);
	check_zeropage(fd, z + PAGE, PAGE, UFFDIO_ZEROPAGE_MODE_DONTWAKE, 0, PAGE);
	for (unsigned long i = 0; i < 2 * PAGE; i++)
		CHECK(z[i] == 0, "byte %lu of the zero pages is %u", i, z[i]);
}

static void wakes(int fd, unsigned char *m)
{
	CHECK_EQ(uffd_wake(fd, m, PAGE), 0);
	CHECK_EQ(uffd_wake(fd, m + HOLE * PAGE, PAGE), 0);
	CHECK_EQ(uffd_wake(fd, m + (HOLE + 1) * PAGE, PAGE), 0);
	CHECK_ERR(uffd_wake(fd, m + 1, PAGE), EINVAL);
	CHECK_ERR(uffd_wake(fd, m, PAGE - 1), EINVAL);
	CHECK_ERR(uffd_wake(fd, m, 0), EINVAL);
	CHECK_ERR(uffd_wake(fd, (void *)(1UL << 63), PAGE), EINVAL);
}

static void not_a_userfaultfd(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_copy copy = { 0 };
	int fds[2];
	int null = open("/dev/null", O_RDWR);

	CHECK_EQ(pipe(fds), 0);
	CHECK(null >= 0, "open /dev/null");
	CHECK_ERR(uffd_ioctl(fds[0], UFFDIO_API, &api), ENOTTY);
	CHECK_ERR(uffd_ioctl(fds[0], UFFDIO_COPY, &copy), ENOTTY);
	CHECK_ERR(uffd_ioctl(null, UFFDIO_API, &api), ENOTTY);
	close(fds[0]);
	close(fds[1]);
	close(null);
}

int main(void)
{
	unsigned char *m;
	int fd;

	before_api();

	fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	CHECK(fd >= 0, "userfaultfd + UFFDIO_API: %d", fd);
	m = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(munmap(m + HOLE * PAGE, PAGE), 0);

	registers(fd, m);
	unregisters(fd, m);
	copies(fd, m);
	zeropages(fd, m);
	wakes(fd, m);
	not_a_userfaultfd();
	close(fd);
	return 0;
}
