/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/* LAB: retry 5 */
/*
 * A write-protect snapshot, as a live-migration or checkpoint pager takes one: 8 pages,
 * each filled with its own byte, registered UFFDIO_REGISTER_MODE_WP and protected with
 * UFFDIO_WRITEPROTECT; the pager then saves each page just before its first write.
 * A thread writes pages 1, 6 and 3, in that order. For each write the pager reads one
 * message (UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP, the page's address, in
 * the writer's order), checks the page still holds its old byte, saves it, and
 * unprotects that one page (mode 0), which wakes the writer. Reads of protected pages
 * never fault to the pager; mprotect to read-only or PROT_NONE (pagemap still shows
 * bit 57 there) and back to writable keeps the protection. At
 * the end: the snapshot holds every page as it was, the live pages hold the new bytes,
 * the pages nobody wrote are still protected (pagemap bit 57) and UFFDIO_UNREGISTER
 * removes their protection; a kernel-mode write (read() from a pipe into a protected
 * page) waits for the pager too (one more message, without the thread id: none was
 * asked for).
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
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE       4096UL
#define NR_PAGES   8
#define PM_UFFD_WP (1ULL << 57)

static const int order[] = { 1, 6, 3 };
#define NR_WRITES (int)(sizeof(order) / sizeof(order[0]))

static char *area;
static char snapshot[NR_PAGES][PAGE];
static volatile long read_sum = -1;
static volatile long pipe_read = -1;
static int pipefd[2];

static int writer(void *arg)
{
	long sum = 0;

	(void)arg;
	for (int i = 0; i < NR_PAGES; i++)
		sum += area[i * PAGE + 17]; /* reads: no message */
	read_sum = sum;
	for (int i = 0; i < NR_WRITES; i++)
		area[order[i] * PAGE + 9] = (char)('A' + i);
	/* The kernel writes into page 7 for read(): a kernel-mode fault that waits too. */
	pipe_read = read(pipefd[0], area + 7 * PAGE + 100, 3);
	return 0;
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, -1, &msg), 0);
	return msg;
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

/* Take the WP message for page, save the page, unprotect it (which wakes the writer). */
static void save_and_unprotect(int uffd, int page)
{
	struct uffd_msg msg = next_msg(uffd);
	struct uffdio_writeprotect wp;
	char *addr = area + page * PAGE;

	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)addr);
	CHECK_EQ(msg.arg.pagefault.feat.ptid, 0);
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK_EQ(addr[i], 'a' + page); /* not written yet */
	memcpy(snapshot[page], addr, PAGE);
	wp.range.start = (unsigned long)addr;
	wp.range.len = PAGE;
	wp.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	printf("page %d: WP message, saved, unprotected\n", page);
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_writeprotect wp;
	struct uffdio_range range;
	struct uffd_msg msg;
	struct thread t;
	long want_sum = 0;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	CHECK_EQ(pipe(pipefd), 0);
	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	for (int i = 0; i < NR_PAGES; i++) {
		memset(area + i * PAGE, 'a' + i, PAGE);
		want_sum += 'a' + i;
	}
	reg.range.start = (unsigned long)area;
	reg.range.len = NR_PAGES * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_WP;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	wp.range = reg.range;
	wp.mode = UFFDIO_WRITEPROTECT_MODE_WP;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	for (int i = 0; i < NR_PAGES; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	printf("8 pages protected\n");
	/* mprotect does not take the pager's protection away, even back to writable. */
	CHECK_EQ(mprotect(area, NR_PAGES * PAGE, PROT_READ), 0);
	CHECK_EQ(mprotect(area, 4 * PAGE, PROT_NONE), 0);
	for (int i = 0; i < NR_PAGES; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	CHECK_EQ(mprotect(area, NR_PAGES * PAGE, PROT_READ | PROT_WRITE), 0);
	for (int i = 0; i < NR_PAGES; i++)
		CHECK_EQ(pagemap_entry(area + i * PAGE) & PM_UFFD_WP, PM_UFFD_WP);
	printf("still protected after mprotect read-only or PROT_NONE and back\n");

	CHECK(thread_create(&t, writer, NULL, NULL) > 0, "thread_create");
	for (int i = 0; i < NR_WRITES; i++)
		save_and_unprotect(uffd, order[i]);

	/* The kernel's write into page 7 (read() from the pipe) waits for the pager too. */
	CHECK_EQ(write(pipefd[1], "xyz", 3), 3);
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + 7 * PAGE);
	CHECK_EQ(pipe_read, -1); /* still waiting */
	printf("page 7: read() into it waits for the pager\n");
	wp.range.start = (unsigned long)area + 7 * PAGE;
	wp.range.len = PAGE;
	wp.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);
	thread_join(&t);
	CHECK_EQ(pipe_read, 3);
	CHECK(memcmp(area + 7 * PAGE + 100, "xyz", 3) == 0, "read() wrote the page");
	CHECK_EQ(read_sum, want_sum);

	for (int i = 0; i < NR_WRITES; i++) {
		int page = order[i];

		for (unsigned long b = 0; b < PAGE; b++)
			CHECK_EQ(snapshot[page][b], 'a' + page);
		CHECK_EQ(area[page * PAGE + 9], 'A' + i);
		CHECK_EQ(area[page * PAGE + 8], 'a' + page);
		CHECK_EQ(pagemap_entry(area + page * PAGE) & PM_UFFD_WP, 0);
	}
	printf("the snapshot holds the old pages, the live pages the new bytes\n");
	for (int page = 0; page < NR_PAGES; page++) {
		int written = page == 1 || page == 3 || page == 6 || page == 7;

		CHECK_EQ(pagemap_entry(area + page * PAGE) & PM_UFFD_WP, written ? 0 : PM_UFFD_WP);
	}
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	printf("the pages nobody wrote are still protected; no other message\n");

	range = reg.range;
	CHECK_EQ(ioctl(uffd, UFFDIO_UNREGISTER, &range), 0);
	for (int page = 0; page < NR_PAGES; page++)
		CHECK_EQ(pagemap_entry(area + page * PAGE) & PM_UFFD_WP, 0);
	area[0] = 'z'; /* an ordinary write now */
	CHECK_EQ(area[0], 'z');
	printf("UNREGISTER removed the protection\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
