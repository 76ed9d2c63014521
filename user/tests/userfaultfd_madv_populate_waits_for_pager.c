/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 5 */
/*
 * MADV_POPULATE_WRITE/READ on a range registered MISSING: the population is GUP with
 * the `locked` protocol (Linux's faultin_page_range(), FOLL_UNLOCKABLE), so every missing
 * page is a fault that waits for the pager, one message per page in order (write faults
 * for POPULATE_WRITE, read faults for POPULATE_READ), and madvise() returns 0 when the
 * last page is in. The wait is killable only: a caught signal that arrives meanwhile
 * does not end it (no EINTR); the handler runs after madvise() has returned.
 * getrusage counts no fault for the populating thread: every try that waited ended in
 * VM_FAULT_RETRY, which is counted only when the fault completes, and GUP's next look
 * found the page the pager had put there, with no fault to complete.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static volatile long result = -2, majflt = -1, minflt = -1;
static volatile int handled, done;
static int advice;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static int populate(void *arg)
{
	struct rusage before, after;

	(void)arg;
	getrusage(RUSAGE_THREAD, &before);
	result = madvise(area, 2 * PAGE, advice) ? -errno : 0;
	getrusage(RUSAGE_THREAD, &after);
	majflt = after.ru_majflt - before.ru_majflt;
	minflt = after.ru_minflt - before.ru_minflt;
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

static void copy_page(int uffd, unsigned long dst, char fill)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy;

	memset(src, fill, PAGE);
	copy.dst = dst;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
}

/* Populate both pages in a thread with adv; serve its faults, flags expected each;
 * with signal, send the thread SIGUSR1 while the first fault waits. */
static void populate_and_serve(int uffd, int adv, unsigned long flags, bool signal)
{
	struct uffd_msg msg;
	struct thread t;

	advice = adv;
	done = 0;
	result = -2;
	CHECK(thread_create(&t, populate, NULL, NULL) > 0, "thread_create");
	for (unsigned long page = 0; page < 2; page++) {
		msg = next_msg(uffd);
		CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area + page * PAGE);
		CHECK_EQ(msg.arg.pagefault.flags, flags);
		if (signal && page == 0)
			CHECK_EQ(tgkill(getpid(), t.tid, SIGUSR1), 0);
		for (int i = 0; i < 100; i++)
			sched_yield();
		CHECK_EQ(done, 0);
		CHECK_EQ(handled, 0);
		copy_page(uffd, (unsigned long)area + page * PAGE, (char)('a' + page));
	}
	thread_join(&t);
	CHECK_EQ(result, 0);
	/* Each page's fault ended in a wait (not counted: a retry is counted when it
	 * completes), and GUP's retry found the pager's page present: no fault completed. */
	CHECK_EQ(majflt, 0);
	if (on_faultline())
		CHECK_EQ(minflt, 0);
	else /* Linux 6.12 riscv64 counts one more (the thread's own stack or TLS, once) */
		CHECK(minflt <= 1, "minflt %ld", (long)minflt);
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffd_msg msg;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);

	populate_and_serve(uffd, MADV_POPULATE_WRITE, UFFD_PAGEFAULT_FLAG_WRITE, false);
	CHECK_EQ(area[0], 'a');
	CHECK_EQ(area[2 * PAGE - 1], 'b');
	printf("MADV_POPULATE_WRITE waited for the pager, page by page, and returned 0\n");

	CHECK_EQ(madvise(area, 2 * PAGE, MADV_DONTNEED), 0); /* missing again */
	populate_and_serve(uffd, MADV_POPULATE_READ, 0, true);
	CHECK_EQ(handled, 1);
	CHECK_EQ(area[PAGE - 1], 'a');
	CHECK_EQ(area[PAGE], 'b');
	printf("MADV_POPULATE_READ too, through SIGUSR1: no EINTR, the handler ran after\n");

	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
