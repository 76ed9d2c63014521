/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/*
 * Write-protecting pages never populated (UFFD_FEATURE_WP_UNPOPULATED). Without the
 * feature, UFFDIO_WRITEPROTECT leaves an unpopulated page as it is (pagemap 0) and a
 * write there is an ordinary fault: no message. With it, the protect leaves a PTE
 * marker: pagemap shows the page "swapped" (bit 62) and uffd-wp (bit 57), not present,
 * and mincore says not resident. Then:
 *   - a read maps a page of zeros that keeps the protection (bits 63 and 57), and a
 *     later write to it sends a WP message; unprotecting lets it finish;
 *   - a write straight to a marked page sends the WP message too (flags WRITE | WP);
 *   - UFFDIO_COPY may fill a marked page (without MODE_WP it ends unprotected), while
 *     UFFDIO_ZEROPAGE finds it taken: EEXIST;
 *   - MADV_DONTNEED removes a marker (pagemap 0), and so does unprotecting;
 *   - close() of the userfaultfd removes the markers and marks left (pagemap), and the
 *     pages are written as any others.
 * Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only):
 * Faultline riscv64 has the mode, and this test's reference is x86_64 Linux.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE       4096UL
#define PM_UFFD_WP (1ULL << 57)
#define PM_SWAP    (1ULL << 62)
#define PM_PRESENT (1ULL << 63)
#define PM_FLAGS   (PM_PRESENT | PM_SWAP | PM_UFFD_WP)

static char *area;
static volatile int writes_done;

static int writer(void *arg)
{
	(void)arg;
	area[PAGE + 1] = 'r'; /* page 1 was read: zeros, still protected */
	writes_done = 1;
	area[2 * PAGE + 2] = 'w'; /* page 2: never populated */
	writes_done = 2;
	return 0;
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, -1, &msg), 0);
	return msg;
}

static unsigned long long pagemap_flags(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long long entry = 0;

	CHECK(fd >= 0, "open pagemap: %s", strerror(errno));
	CHECK_EQ(pread(fd, &entry, sizeof(entry), (unsigned long)addr / PAGE * sizeof(entry)),
		 sizeof(entry));
	close(fd);
	return entry & PM_FLAGS;
}

static int new_uffd(unsigned long long features, char *start, unsigned long len)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API, .features = features };
	struct uffdio_register reg = { .range = { (unsigned long)start, len },
				       .mode = UFFDIO_REGISTER_MODE_WP };
	struct uffdio_writeprotect wp = { .range = { (unsigned long)start, len },
					  .mode = UFFDIO_WRITEPROTECT_MODE_WP };

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	return uffd;
}

static void unprotect(int uffd, char *addr)
{
	struct uffdio_writeprotect wp = { .range = { (unsigned long)addr, PAGE }, .mode = 0 };

	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
}

static void without_feature(void)
{
	char *plain = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
	struct uffd_msg msg;
	int uffd;

	CHECK(plain != MAP_FAILED, "mmap");
	uffd = new_uffd(0, plain, 2 * PAGE);
	CHECK_EQ(pagemap_flags(plain), 0);
	plain[5] = 'o'; /* an ordinary fault: nobody answers it, and it needs nobody */
	CHECK_EQ(plain[5], 'o');
	CHECK_EQ(pagemap_flags(plain), PM_PRESENT);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	CHECK_EQ(munmap(plain, 2 * PAGE), 0);
	printf("without WP_UNPOPULATED: no marker, a write there is an ordinary fault\n");
}

int main(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy;
	struct uffdio_zeropage zero;
	unsigned char vec[6];
	struct uffd_msg msg;
	struct thread t;
	int uffd;

	without_feature();

	area = mmap(NULL, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	uffd = new_uffd(UFFD_FEATURE_WP_UNPOPULATED, area, 6 * PAGE);
	for (int i = 0; i < 6; i++)
		CHECK_EQ(pagemap_flags(area + i * PAGE), PM_SWAP | PM_UFFD_WP);
	CHECK_EQ(mincore(area, 6 * PAGE, vec), 0);
	for (int i = 0; i < 6; i++)
		CHECK_EQ(vec[i] & 1, 0);
	printf("WP_UNPOPULATED: markers, not present, not resident\n");

	CHECK_EQ(area[PAGE + 7], 0);
	CHECK_EQ(pagemap_flags(area + PAGE), PM_PRESENT | PM_UFFD_WP);
	printf("a read of a marked page: zeros, still protected\n");

	CHECK(thread_create(&t, writer, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + PAGE);
	CHECK_EQ(writes_done, 0);
	unprotect(uffd, area + PAGE);
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + 2 * PAGE);
	CHECK_EQ(writes_done, 1);
	CHECK_EQ(area[2 * PAGE + 2], 0); /* not written yet */
	unprotect(uffd, area + 2 * PAGE);
	thread_join(&t);
	CHECK_EQ(area[PAGE + 1], 'r');
	CHECK_EQ(area[2 * PAGE + 2], 'w');
	CHECK_EQ(pagemap_flags(area + PAGE), PM_PRESENT);
	CHECK_EQ(pagemap_flags(area + 2 * PAGE), PM_PRESENT);
	printf("writes to a read page and to a marked one: WP messages, then done\n");

	memset(src, 's', PAGE);
	copy.dst = (unsigned long)area + 3 * PAGE;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(copy.copy, PAGE);
	CHECK_EQ(pagemap_flags(area + 3 * PAGE), PM_PRESENT);
	CHECK_EQ(area[3 * PAGE + 5], 's');
	zero.range.start = (unsigned long)area + 4 * PAGE;
	zero.range.len = PAGE;
	zero.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_ZEROPAGE, &zero), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(zero.zeropage, -EEXIST);
	printf("COPY fills a marked page; ZEROPAGE: EEXIST\n");

	CHECK_EQ(madvise(area + 4 * PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK_EQ(pagemap_flags(area + 4 * PAGE), 0);
	unprotect(uffd, area);
	CHECK_EQ(pagemap_flags(area), 0);
	printf("MADV_DONTNEED and unprotect remove markers\n");

	/* Page 5 keeps its marker, page 1 gets protected again: close removes both. */
	{
		struct uffdio_writeprotect wp = { .range = { (unsigned long)area + PAGE, PAGE },
						  .mode = UFFDIO_WRITEPROTECT_MODE_WP };

		CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	}
	CHECK_EQ(pagemap_flags(area + PAGE), PM_PRESENT | PM_UFFD_WP);
	CHECK_EQ(pagemap_flags(area + 5 * PAGE), PM_SWAP | PM_UFFD_WP);
	CHECK_EQ(close(uffd), 0);
	CHECK_EQ(pagemap_flags(area + PAGE), PM_PRESENT);
	CHECK_EQ(pagemap_flags(area + 5 * PAGE), 0);
	area[PAGE] = 'c';
	area[5 * PAGE] = 'c';
	CHECK_EQ(area[PAGE] + area[5 * PAGE], 2 * 'c');
	printf("close removes the marks and markers left\n");
	CHECK_EQ(munmap(area, 6 * PAGE), 0);
	return 0;
}
