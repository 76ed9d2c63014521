/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * The pager is another process: a forked child that inherited the userfaultfd answers
 * the parent's faults with UFFDIO_COPY into the parent's memory (a userfaultfd always
 * works on the memory of the process that made it). Then it dies by SIGKILL while a
 * thread of the parent waits in a fault whose message it read:
 *   - if the parent kept its own descriptor, the context lives on: the faulter stays
 *     asleep, even given time to run (50 ms: a progress flag is checked, never a
 *     duration), and its message, already read, is not queued again (EAGAIN); closing
 *     that last descriptor wakes it;
 *   - if the parent had closed its descriptor, the pager's death releases the context:
 *     the faulter wakes by itself.
 * Either way the woken faulter retries as an ordinary fault (its page is zeros, plus the
 * byte it stored), and the range is ordinary memory afterwards.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE     UFFD_PAGE_SIZE
#define NR_PAGES 4

/*
 * The pager child: answer the first fault with a page of 0xab, report each fault's
 * address on the report pipe, and never answer the second one.
 */
static __noreturn void pager(int fd, int report)
{
	static unsigned char buf[PAGE] __attribute__((aligned(PAGE)));
	struct uffd_msg msg;
	int served = 0;

	for (unsigned long i = 0; i < PAGE; i++)
		buf[i] = 0xab;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		unsigned long addr;

		if (poll(&pfd, 1, -1) < 0)
			_exit(2);
		if (read(fd, &msg, sizeof(msg)) != sizeof(msg))
			continue;
		addr = msg.arg.pagefault.address;
		if (!served++ && uffd_copy(fd, (void *)addr, buf, PAGE, 0, NULL))
			_exit(3);
		if (write(report, &addr, sizeof(addr)) != sizeof(addr))
			_exit(4);
	}
}

static unsigned long reported(int report)
{
	struct pollfd pfd = { .fd = report, .events = POLLIN };
	unsigned long addr = 0;

	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(report, &addr, sizeof(addr)), sizeof(addr));
	return addr;
}

static void check_finishes(struct uffd_faulter *f)
{
	CHECK(wait_flag(&f->done), "the faulter did not finish");
	thread_join(&f->thread);
}

static void check_zero_page(const unsigned char *page, unsigned long skip)
{
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK(i == skip || page[i] == 0, "byte %lu of page %p is %u", i, page, page[i]);
}

/* One round: a pager child serves one fault, then dies with a second one waiting. */
static void pager_dies(int keep_fd)
{
	struct uffd_faulter f;
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	int report[2], status;
	unsigned char *m;
	pid_t pid;
	char state;

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	m = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, m, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	CHECK_EQ(pipe(report), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(report[0]);
		pager(fd, report[1]);
	}
	close(report[1]);
	if (!keep_fd)
		CHECK_EQ(close(fd), 0);

	/* The pager answers the first fault. */
	CHECK(uffd_faulter_start(&f, m + 0x80, 0) > 0, "thread_create");
	CHECK_EQ(reported(report[0]), (unsigned long)m);
	check_finishes(&f);
	CHECK_EQ(f.seen, 0xab);
	CHECK_EQ(m[PAGE - 1], 0xab);

	/* It reads the second and dies. */
	CHECK(uffd_faulter_start(&f, m + PAGE + 0x90, 1) > 0, "thread_create");
	CHECK_EQ(reported(report[0]), (unsigned long)m + PAGE);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "pager ended with %s",
	      status_str(status));
	if (keep_fd) {
		struct uffd_msg msg;

		/* The dead pager took the message with it: nothing to read. */
		CHECK_ERR(syscall6(__NR_read, fd, (long)&msg, sizeof(msg), 0, 0, 0), EAGAIN);
		sleep_ms(50);
		CHECK(!f.done, "the faulter ran on while the parent holds the userfaultfd");
		state = task_state(f.thread.tid);
		CHECK(state == 'S' || state == 'D', "faulter state %c, expected asleep", state);
		CHECK_EQ(close(fd), 0);
	}
	check_finishes(&f);
	CHECK_EQ(m[PAGE + 0x90], 0x5a);
	check_zero_page(m + PAGE, 0x90);

	/* Ordinary memory now. */
	CHECK(uffd_faulter_start(&f, m + 2 * PAGE, 0) > 0, "thread_create");
	check_finishes(&f);
	CHECK_EQ(f.seen, 0);
	close(report[0]);
	munmap(m, NR_PAGES * PAGE);
}

int main(void)
{
	pager_dies(1);
	pager_dies(0);
	return 0;
}
