/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 10 */
/*
 * A caught signal that arrives while a system call waits for the pager in a kernel-mode
 * fault does not end the wait, and (on Faultline) does not make it spin.
 *
 * A thread read()s from a pipe into a page of a range registered MISSING: the kernel's
 * copy faults and waits. The pager (main) reads the message, sends the thread SIGUSR1
 * (a handler, no SA_RESTART), and keeps the fault waiting while it yields 2000 times.
 * Then it copies the page in.
 *
 * What Linux does, checked on Linux 6.18: the signal stays pending for the whole wait,
 * the handler does not run before the system call ends, the read() completes with all
 * its bytes (no EINTR: a kernel-mode fault cannot stop halfway), and the handler runs
 * once, on the way back to user mode. Linux gets there by retrying the fault in a busy
 * loop (handle_userfault() sleeps TASK_INTERRUPTIBLE, a pending signal wakes it at once,
 * and the kernel-mode fault is not allowed to end), each try queueing the message again.
 * Faultline's kernel-mode faults wait KILLABLE only (mm/fault.c): the thread sleeps, so
 * the fault retry counter (/proc/vmstat faultline_fault_retry, which Linux does not
 * have) grows by at most 2 over the whole wait, and no second message is queued; both
 * are checked on Faultline only.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <proc_counters.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <thread.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static int pipefd[2];
static volatile long result = -2;
static volatile int handled, done;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

static int reader(void *arg)
{
	(void)arg;
	result = read(pipefd[0], area + 100, 50); /* the kernel writes page 0: waits */
	done = 1;
	return 0;
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK);
	struct uffdio_api api = { .api = UFFD_API };
	static char src[PAGE] __attribute__((aligned(4096)));
	struct pollfd pfd = { .fd = -1, .events = POLLIN };
	struct sigaction sa;
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffd_msg msg;
	long retries_before, retries_after;
	char buf[50];
	struct thread t;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0); /* no SA_RESTART */
	CHECK(uffd >= 0, "userfaultfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK_EQ(pipe(pipefd), 0);
	memset(buf, 'd', sizeof(buf));
	CHECK_EQ(write(pipefd[1], buf, sizeof(buf)), sizeof(buf));

	CHECK(thread_create(&t, reader, NULL, NULL) > 0, "thread_create");
	pfd.fd = uffd;
	CHECK_EQ(poll(&pfd, 1, -1), 1);
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_WRITE);
	printf("read() waits in a kernel-mode fault\n");

	retries_before = vmstat_counter("faultline_fault_retry");
	CHECK_EQ(tgkill(getpid(), t.tid, SIGUSR1), 0);
	for (int i = 0; i < 2000; i++)
		sched_yield();
	retries_after = vmstat_counter("faultline_fault_retry");
	CHECK_EQ(done, 0);
	CHECK_EQ(handled, 0);
	printf("with SIGUSR1 pending the call still waits and the handler has not run\n");
	if (on_faultline()) {
		CHECK(retries_before >= 0, "faultline_fault_retry in /proc/vmstat");
		CHECK(retries_after - retries_before <= 2,
		      "the waiting fault retried %ld times: it spins", retries_after - retries_before);
		errno = 0;
		CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1); /* no second message */
		CHECK_EQ(errno, EAGAIN);
	}

	memset(src, 'p', PAGE);
	copy.dst = (unsigned long)area;
	copy.src = (unsigned long)src;
	copy.len = PAGE;
	copy.mode = 0;
	copy.copy = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	thread_join(&t);
	CHECK_EQ(result, 50);
	CHECK_EQ(handled, 1);
	CHECK_EQ(area[99], 'p');
	for (int i = 100; i < 150; i++)
		CHECK_EQ(area[i], 'd');
	CHECK_EQ(area[150], 'p');
	printf("after the copy read() returned all 50 bytes, then the handler ran once\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
