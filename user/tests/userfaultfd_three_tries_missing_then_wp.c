/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/* LAB: retry 10 */
/*
 * The third try of one fault. A range is registered MISSING | WP; a thread stores into
 * a page never touched:
 *   try 1: the page is missing: a MISSING message (flags WRITE), the thread waits;
 *          the pager answers UFFDIO_COPY with UFFDIO_COPY_MODE_WP, which maps the page
 *          write-protected (pagemap bit 57) and wakes the thread;
 *   try 2: the page is there but write-protected: a WP message (flags WRITE | WP) for
 *          the same address, the thread waits again; the pager clears the protection
 *          with UFFDIO_WRITEPROTECT mode 0, which wakes it;
 *   try 3: the store completes, on the pager's page.
 * Checked: both messages exactly (event, flags, address, no thread id), no third one,
 * the bytes, the page unprotected at the end, and that the thread's one store counted
 * one fault in getrusage (minor + major: Linux counts a retried fault once, when it
 * completes). On Faultline also: the fault is major (it waited), and /proc/vmstat's
 * faultline_fault_retry rose by exactly 2, one per VM_FAULT_RETRY of that fault.
 * Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only):
 * Faultline riscv64 has the mode, and this test's reference is x86_64 Linux.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE       4096UL
#define PM_UFFD_WP (1ULL << 57)
#define PM_PRESENT (1ULL << 63)

static char *area;
static volatile long minflt = -1, majflt = -1, retries = -1;

static int writer(void *arg)
{
	struct rusage before, after;
	long retries_before = on_faultline() ? vmstat_counter("faultline_fault_retry") : 0;

	(void)arg;
	getrusage(RUSAGE_THREAD, &before);
	area[100] = 'w'; /* one store, three tries */
	getrusage(RUSAGE_THREAD, &after);
	if (on_faultline())
		retries = vmstat_counter("faultline_fault_retry") - retries_before;
	minflt = after.ru_minflt - before.ru_minflt;
	majflt = after.ru_majflt - before.ru_majflt;
	return 0;
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, -1, &msg), 0);
	return msg;
}

/* The message of a fault on area's first page, with these flags, and nothing else. */
static void check_fault_msg(const struct uffd_msg *msg, unsigned long long flags)
{
	struct uffd_msg want;

	memset(&want, 0, sizeof(want));
	want.event = UFFD_EVENT_PAGEFAULT;
	want.arg.pagefault.flags = flags;
	want.arg.pagefault.address = (unsigned long)area;
	CHECK_EQ(msg->event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg->arg.pagefault.flags, flags);
	CHECK_EQ(msg->arg.pagefault.address, (unsigned long)area);
	CHECK_EQ(msg->arg.pagefault.feat.ptid, 0);
	CHECK(memcmp(msg, &want, sizeof(want)) == 0, "reserved fields of the message are 0");
}

static unsigned long long pagemap_entry(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned long long entry = 0;

	CHECK(fd >= 0, "open pagemap: %s", strerror(errno));
	CHECK_EQ(pread(fd, &entry, sizeof(entry), (unsigned long)addr / PAGE * sizeof(entry)),
		 sizeof(entry));
	close(fd);
	return entry;
}

int main(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffdio_writeprotect wp;
	struct uffd_msg msg;
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK(reg.ioctls & (1ULL << _UFFDIO_WRITEPROTECT), "WRITEPROTECT in the range's ioctls");
	printf("registered MISSING|WP\n");

	CHECK(thread_create(&t, writer, NULL, NULL) > 0, "thread_create");

	/* Try 1: missing. */
	msg = next_msg(uffd);
	check_fault_msg(&msg, UFFD_PAGEFAULT_FLAG_WRITE);
	printf("1: MISSING message, flags WRITE\n");
	memset(src, 'c', PAGE);
	copy.dst = (unsigned long)area;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = UFFDIO_COPY_MODE_WP;
	copy.copy = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(copy.copy, PAGE);

	/* Try 2: write-protected. */
	msg = next_msg(uffd);
	check_fault_msg(&msg, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	printf("2: WP message, flags WRITE|WP, same address\n");
	CHECK_EQ(pagemap_entry(area) & (PM_PRESENT | PM_UFFD_WP), PM_PRESENT | PM_UFFD_WP);
	CHECK_EQ(area[100], 'c'); /* the store has not happened */
	printf("the page is the pager's, present and write-protected\n");
	wp.range.start = (unsigned long)area;
	wp.range.len = PAGE;
	wp.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);

	/* Try 3: done. */
	thread_join(&t);
	CHECK_EQ(area[100], 'w');
	CHECK_EQ(area[99], 'c');
	CHECK_EQ(area[101], 'c');
	CHECK_EQ(area[PAGE - 1], 'c');
	CHECK_EQ(pagemap_entry(area) & (PM_PRESENT | PM_UFFD_WP), PM_PRESENT);
	printf("3: the store landed on the pager's page, which is no longer protected\n");
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	printf("no third message\n");

	CHECK_EQ(minflt + majflt, 1);
	if (on_faultline()) {
		CHECK_EQ(majflt, 1);
		CHECK_EQ(retries, 2);
		note("faultline_fault_retry rose by %ld for the one store", retries);
	}
	printf("one fault in getrusage\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
