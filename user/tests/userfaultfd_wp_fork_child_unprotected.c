/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/*
 * fork() without UFFD_FEATURE_EVENT_FORK: the child's memory is not registered with the
 * parent's pager, so the child gets none of the parent's write-protection (Linux's
 * copy_present_pte and copy_pte_marker clear uffd-wp when the child's VMA is not
 * registered for it). The parent protects a populated page and marks an unpopulated
 * one (UFFD_FEATURE_WP_UNPOPULATED); the child sees neither in its pagemap, writes both
 * pages at once (no message could ever be answered: the parent does not read), and
 * exits 0. The parent's pages stay protected and unchanged, and a write of the parent
 * still goes to its pager.
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
#include <thread.h>
#include <unistd.h>

#define PAGE       4096UL
#define PM_UFFD_WP (1ULL << 57)
#define PM_SWAP    (1ULL << 62)
#define PM_PRESENT (1ULL << 63)
#define PM_FLAGS   (PM_PRESENT | PM_SWAP | PM_UFFD_WP)

static char *area;

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

static int child(void *arg)
{
	(void)arg;
	CHECK_EQ(pagemap_flags(area), PM_PRESENT);
	CHECK_EQ(pagemap_flags(area + PAGE), 0);
	area[3] = 'C';
	area[PAGE + 3] = 'C';
	CHECK_EQ(area[3], 'C');
	CHECK_EQ(area[4], 'p');
	CHECK_EQ(area[PAGE + 3], 'C');
	CHECK_EQ(area[PAGE + 4], 0);
	return 0;
}

static int parent_writer(void *arg)
{
	(void)arg;
	area[3] = 'P';
	return 0;
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_WP_UNPOPULATED };
	struct uffdio_register reg;
	struct uffdio_writeprotect wp;
	struct pollfd pfd;
	struct uffd_msg msg;
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	memset(area, 'p', PAGE);
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_WP;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	wp.range = reg.range;
	wp.mode = UFFDIO_WRITEPROTECT_MODE_WP;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	CHECK_EQ(pagemap_flags(area), PM_PRESENT | PM_UFFD_WP);
	CHECK_EQ(pagemap_flags(area + PAGE), PM_SWAP | PM_UFFD_WP);
	printf("parent: one page protected, one marked\n");

	CHECK_EQ(run_in_child(child, NULL), 0);
	printf("child: no protection, wrote both pages\n");

	CHECK_EQ(pagemap_flags(area), PM_PRESENT | PM_UFFD_WP);
	CHECK_EQ(pagemap_flags(area + PAGE), PM_SWAP | PM_UFFD_WP);
	CHECK_EQ(area[3], 'p');
	pfd.fd = uffd;
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, 0), 0);
	printf("parent: still protected and unchanged, no message\n");

	CHECK(thread_create(&t, parent_writer, NULL, NULL) > 0, "thread_create");
	CHECK_EQ(poll(&pfd, 1, -1), 1);
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	wp.range.len = PAGE;
	wp.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	thread_join(&t);
	CHECK_EQ(area[3], 'P');
	printf("parent: a write still goes to the pager\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
