/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 5 */
/*
 * futex(FUTEX_WAIT) on a word in a page of a range registered MISSING waits for the
 * pager before it can even compare the word, then behaves as on any other word:
 *   FUTEX_WAIT | FUTEX_PRIVATE_FLAG: the kernel reads the word (get_user): a read
 *       fault, message flags 0. The pager copies a page whose word is 5: waiting for 7
 *       is EAGAIN.
 *   FUTEX_WAIT (shared): the futex's key needs the page itself, which Linux's
 *       get_futex_key() gets with GUP for writing (FOLL_WRITE first, reading only if
 *       that is refused): a write fault, UFFD_PAGEFAULT_FLAG_WRITE. The page the pager
 *       copies holds 7 this time: the wait sleeps until FUTEX_WAKE.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static volatile long result = -2;
static volatile int done;

static int wait_private(void *arg)
{
	(void)arg;
	result = futex((volatile int *)(area + 40), FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 7, NULL,
		       NULL, 0);
	done = 1;
	return 0;
}

static int wait_shared(void *arg)
{
	(void)arg;
	result = futex((volatile int *)(area + PAGE + 40), FUTEX_WAIT, 7, NULL, NULL, 0);
	done = 1;
	return 0;
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, -1, &msg), 0);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	return msg;
}

/* Copy in a page of zeros whose futex word (at offset 40) is word. */
static void copy_page_with_word(int uffd, unsigned long dst, int word)
{
	static int src[PAGE / sizeof(int)] __attribute__((aligned(4096)));
	struct uffdio_copy copy;

	memset(src, 0, sizeof(src));
	src[10] = word;
	copy.dst = dst;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	copy.copy = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffd_msg msg;
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);

	CHECK(thread_create(&t, wait_private, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, 0);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	for (int i = 0; i < 100; i++)
		sched_yield();
	CHECK_EQ(done, 0);
	printf("private FUTEX_WAIT waits for the pager: a read fault message\n");
	copy_page_with_word(uffd, (unsigned long)area, 5);
	thread_join(&t);
	CHECK_EQ(result, -EAGAIN);
	printf("then compares the pager's word: EAGAIN\n");

	done = 0;
	result = -2;
	CHECK(thread_create(&t, wait_shared, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + PAGE);
	printf("shared FUTEX_WAIT waits for the pager: a write fault message\n");
	copy_page_with_word(uffd, (unsigned long)area + PAGE, 7);
	/* It now sleeps on the word (7 == 7) until woken; wake it until it has gone. */
	while (!done) {
		futex((volatile int *)(area + PAGE + 40), FUTEX_WAKE, 1, NULL, NULL, 0);
		sched_yield();
	}
	thread_join(&t);
	CHECK_EQ(result, 0);
	printf("then sleeps on the pager's word until FUTEX_WAKE\n");

	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
