/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LINUX-REF-ARCH: x86_64: Linux riscv64 has no uffd-wp (HAVE_ARCH_USERFAULTFD_WP is x86 and arm64 only), Faultline has it on both arches */
/* LAB: retry 15 */
/*
 * The third try of one kernel-mode fault. A range is registered MISSING | WP; a thread
 * read()s 100 bytes from a pipe into a page never touched, so the kernel's copy faults:
 *   try 1: the page is missing: a MISSING message (flags WRITE), the system call waits;
 *          the pager answers UFFDIO_COPY with UFFDIO_COPY_MODE_WP;
 *   try 2: the page is there but write-protected: a WP message (flags WRITE | WP) for
 *          the same address, the system call waits again; the pager clears the
 *          protection (UFFDIO_WRITEPROTECT mode 0), which wakes it;
 *   try 3: the copy completes.
 * A fault inside a system call cannot return to user mode between tries: each retry
 * must happen in the kernel, with FAULT_FLAG_TRIED. Checked: both messages, no third,
 * read()'s result (all 100 bytes, no EFAULT), and the bytes: the pipe's where the read
 * wrote, the pager's around them.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE  4096UL
#define COUNT 100 /* bytes read() moves */
#define AT    200 /* where in the page they land */

static char *area;
static int pipefd[2];
static volatile long result = -2;

static int reader(void *arg)
{
	(void)arg;
	result = read(pipefd[0], area + AT, COUNT); /* one kernel-mode fault, three tries */
	if (result < 0)
		result = -errno;
	return 0;
}

/*
 * The next message: a fault on area's first page, with these flags. The poll's 10 s are
 * a guard against a hang, not a measure: a kernel that ended the system call instead of
 * retrying its fault sends no second message.
 */
static void expect_fault_msg(int uffd, unsigned long long flags)
{
	struct uffd_msg msg;

	CHECK(uffd_read_msg(uffd, 10000, &msg) == 0, "a message (the reader: %ld)", result);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, flags);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
}

int main(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	static char data[COUNT];
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, UFFD_FEATURE_PAGEFAULT_FLAG_WP);
	struct uffdio_writeprotect wp;
	struct uffd_msg msg;
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %d", uffd);
	CHECK_EQ(pipe(pipefd), 0);
	for (int i = 0; i < COUNT; i++)
		data[i] = (char)('A' + i % 26);
	CHECK_EQ(write(pipefd[1], data, COUNT), COUNT);
	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(uffd, area, PAGE,
			       UFFDIO_REGISTER_MODE_MISSING | UFFDIO_REGISTER_MODE_WP, NULL), 0);
	printf("registered MISSING|WP\n");

	CHECK(thread_create(&t, reader, NULL, NULL) > 0, "thread_create");
	expect_fault_msg(uffd, UFFD_PAGEFAULT_FLAG_WRITE);
	printf("1: MISSING message, flags WRITE\n");
	memset(src, 'c', PAGE);
	CHECK_EQ(uffd_copy(uffd, area, src, PAGE, UFFDIO_COPY_MODE_WP, NULL), 0);

	expect_fault_msg(uffd, UFFD_PAGEFAULT_FLAG_WRITE | UFFD_PAGEFAULT_FLAG_WP);
	printf("2: WP message, flags WRITE|WP, same address\n");
	CHECK_EQ(result, -2); /* the system call still waits */
	wp.range.start = (unsigned long)area;
	wp.range.len = PAGE;
	wp.mode = 0;
	CHECK_EQ(uffd_ioctl(uffd, UFFDIO_WRITEPROTECT, &wp), 0);

	thread_join(&t);
	CHECK_EQ(result, COUNT);
	CHECK(memcmp(area + AT, data, COUNT) == 0, "the pipe's bytes at the read's buffer");
	CHECK_EQ(area[AT - 1], 'c');
	CHECK_EQ(area[AT + COUNT], 'c');
	CHECK_EQ(area[0], 'c');
	printf("3: read() returned %d, its bytes on the pager's page\n", COUNT);
	CHECK_EQ(uffd_read_msg(uffd, 0, &msg), -ETIMEDOUT);
	printf("no third message\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
