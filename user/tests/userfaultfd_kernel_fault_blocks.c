/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 15 */
/*
 * A system call whose buffer lies in a range registered UFFDIO_REGISTER_MODE_MISSING
 * waits for the pager like a user access does: the kernel's own copy faults (a
 * kernel-mode fault), the message goes out, and the call sleeps until UFFDIO_COPY, then
 * completes with the exact bytes.
 *   write(pipe, area, 100): the kernel reads the buffer: a read fault (flags 0) at the
 *       page's address; after the COPY the pipe holds the pager's bytes.
 *   read(pipe, area + PAGE + 10, 100): the kernel writes the buffer: a write fault
 *       (UFFD_PAGEFAULT_FLAG_WRITE); after the COPY the page holds the pager's bytes
 *       around the 100 bytes read from the pipe.
 * Until the pager answers, the call has not returned (done stays 0), however long the
 * pager takes (it yields 200 times first).
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
static int pipefd[2];
static volatile long result = -2;
static volatile int done;

static int writer(void *arg)
{
	(void)arg;
	result = write(pipefd[1], area, 100); /* reads page 0: waits for the pager */
	done = 1;
	return 0;
}

static int reader(void *arg)
{
	(void)arg;
	result = read(pipefd[0], area + PAGE + 10, 100); /* writes page 1: waits */
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

/* Wait a while (no clock: the faulter has every chance to run), then fill the page at
 * dst with fill by UFFDIO_COPY. The faulter's call must not have returned before. */
static void answer(int uffd, unsigned long dst, char fill)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy;

	for (int i = 0; i < 200; i++)
		sched_yield();
	CHECK_EQ(done, 0);
	memset(src, fill, PAGE);
	copy.dst = dst;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	copy.copy = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(copy.copy, PAGE);
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffd_msg msg;
	char buf[200];
	struct thread t;

	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK_EQ(pipe(pipefd), 0);

	/* write() from a missing page. */
	CHECK(thread_create(&t, writer, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, 0);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	printf("write(): the kernel's read of the buffer waits: a read fault message\n");
	answer(uffd, (unsigned long)area, 'w');
	thread_join(&t);
	CHECK_EQ(result, 100);
	CHECK_EQ(read(pipefd[0], buf, sizeof(buf)), 100);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(buf[i], 'w');
	printf("write() completed with the pager's 100 bytes\n");

	/* read() into a missing page. */
	done = 0;
	result = -2;
	memset(buf, 'r', 100);
	CHECK_EQ(write(pipefd[1], buf, 100), 100);
	CHECK(thread_create(&t, reader, NULL, NULL) > 0, "thread_create");
	msg = next_msg(uffd);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + PAGE);
	printf("read(): the kernel's write of the buffer waits: a write fault message\n");
	answer(uffd, (unsigned long)area + PAGE, 'p');
	thread_join(&t);
	CHECK_EQ(result, 100);
	CHECK_EQ(area[PAGE + 9], 'p');
	for (int i = 10; i < 110; i++)
		CHECK_EQ(area[PAGE + i], 'r');
	CHECK_EQ(area[PAGE + 110], 'p');
	CHECK_EQ(area[2 * PAGE - 1], 'p');
	printf("read() completed: its 100 bytes inside the pager's page\n");

	/* Nothing else waited. */
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
