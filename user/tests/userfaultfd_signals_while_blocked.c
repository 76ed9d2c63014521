/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * Signals aimed at a thread blocked in a user-mode fault on a missing page, as Linux
 * treats them (the fault sleeps interruptibly and, woken by a signal, returns to user
 * mode without the page; the access runs again afterwards):
 *   - SIGUSR1 with a handler: the handler runs once while the page is still missing
 *     (mincore says not resident); after sigreturn the access faults again and a second
 *     message for the same address comes, and only one; UFFDIO_COPY then lets the thread
 *     finish with the copied byte;
 *   - SIGSTOP on a child process blocked in a fault (its own userfaultfd, its pager
 *     thread holding back the answer): wait4(WUNTRACED) reports it stopped; after
 *     SIGCONT it faults again (its pager reads a second message for the same address),
 *     the pager answers, and the child exits 0;
 *   - SIGKILL on a child blocked in a fault that its pager never answers: wait4 reports
 *     it killed by SIGKILL.
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE UFFD_PAGE_SIZE

static unsigned char copy_src[PAGE] __attribute__((aligned(PAGE)));
static unsigned char *area;            /* one registered page */
static volatile int handler_runs;      /* SIGUSR1 handler calls */
static volatile int missing_in_handler; /* mincore said the page was not resident */

static void on_sigusr1(int sig)
{
	unsigned char vec = 1;

	(void)sig;
	if (syscall6(__NR_mincore, (long)area, PAGE, (long)&vec, 0, 0, 0) == 0 && !(vec & 1))
		missing_in_handler = 1;
	handler_runs++;
}

/* The next message on fd (waiting up to 10 s for it); returns its address. */
static unsigned long next_fault(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct uffd_msg msg;

	if (syscall6(__NR_ppoll, (long)&pfd, 1, (long)&(struct timespec){ 10, 0 }, 0, 0, 0) != 1)
		return 0;
	if (syscall6(__NR_read, fd, (long)&msg, sizeof(msg), 0, 0, 0) != sizeof(msg))
		return 0;
	return msg.event == UFFD_EVENT_PAGEFAULT ? (unsigned long)msg.arg.pagefault.address : 1;
}

/* A userfaultfd with one fresh registered page at area. */
static int registered_page(void)
{
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, area, PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	return fd;
}

static void caught_signal(void)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };
	struct uffd_msg msg;
	struct uffd_faulter f;
	int fd = registered_page();

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK(uffd_faulter_start(&f, area + 0x40, 0) > 0, "thread_create");
	CHECK_EQ(next_fault(fd), (unsigned long)area);
	CHECK_EQ(tgkill(getpid(), f.thread.tid, SIGUSR1), 0);
	CHECK(wait_flag(&handler_runs), "the handler did not run");
	CHECK_EQ(next_fault(fd), (unsigned long)area);
	CHECK_EQ(handler_runs, 1);
	CHECK_EQ(missing_in_handler, 1);
	CHECK(!f.done, "the access finished without a page");
	CHECK_ERR(syscall6(__NR_read, fd, (long)&msg, sizeof(msg), 0, 0, 0), EAGAIN);
	copy_src[0x40] = 0x17;
	CHECK_EQ(uffd_copy(fd, area, copy_src, PAGE, 0, NULL), 0);
	CHECK(wait_flag(&f.done), "the faulter did not finish");
	thread_join(&f.thread);
	CHECK_EQ(f.seen, 0x17);
	CHECK_EQ(handler_runs, 1);
	close(fd);
	munmap(area, PAGE);
}

/*
 * The children's pager thread: report each fault's address on a pipe; answer the
 * second fault (after a byte on the command pipe) only if told to.
 */
struct child_pager {
	int uffd;
	int report;         /* write end: one address per message */
	int command;        /* read end: a byte before the second message is read */
	int answer;         /* 1: answer the second message with UFFDIO_COPY */
	volatile long result; /* 0 when every step went as expected */
	struct thread thread;
};

static int child_pager_main(void *arg)
{
	struct child_pager *p = arg;
	unsigned long addr = next_fault(p->uffd);
	struct uffd_msg msg;
	char byte;

	p->result = -1;
	if (addr != (unsigned long)area ||
	    syscall6(__NR_write, p->report, (long)&addr, sizeof(addr), 0, 0, 0) != sizeof(addr))
		return 0;
	if (syscall6(__NR_read, p->command, (long)&byte, 1, 0, 0, 0) != 1)
		return 0;
	addr = next_fault(p->uffd);
	p->result = -2;
	if (addr != (unsigned long)area ||
	    syscall6(__NR_write, p->report, (long)&addr, sizeof(addr), 0, 0, 0) != sizeof(addr))
		return 0;
	p->result = -3;
	if (syscall6(__NR_read, p->uffd, (long)&msg, sizeof(msg), 0, 0, 0) != -EAGAIN)
		return 0; /* a third message */
	copy_src[0x80] = 0x29;
	if (uffd_copy(p->uffd, area, copy_src, PAGE, 0, NULL))
		return 0;
	p->result = 0;
	return 0;
}

/* The child: fault on its registered page with a pager thread; exit 0 if all held. */
static __noreturn void faulting_child(int report, int command)
{
	static struct child_pager p;

	p.uffd = registered_page();
	p.report = report;
	p.command = command;
	CHECK(thread_create(&p.thread, child_pager_main, &p, NULL) > 0, "thread_create");
	CHECK_EQ(area[0x80], 0x29);
	thread_join(&p.thread);
	CHECK_EQ(p.result, 0);
	_exit(0);
}

static pid_t start_child(int report[2], int command[2])
{
	pid_t pid;

	CHECK_EQ(pipe(report), 0);
	CHECK_EQ(pipe(command), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(report[0]);
		close(command[1]);
		faulting_child(report[1], command[0]);
	}
	close(report[1]);
	close(command[0]);
	return pid;
}

static unsigned long reported(int report)
{
	struct pollfd pfd = { .fd = report, .events = POLLIN };
	unsigned long addr = 0;

	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(report, &addr, sizeof(addr)), sizeof(addr));
	return addr;
}

static void stop_and_continue(void)
{
	int report[2], command[2], status;
	pid_t pid = start_child(report, command);
	unsigned long first = reported(report[0]);

	CHECK(first != 0, "the child's first fault was not reported");
	CHECK_EQ(kill(pid, SIGSTOP), 0);
	status = wait_child(pid, WUNTRACED);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "child blocked in a fault: %s, expected stopped by SIGSTOP", status_str(status));
	CHECK_EQ(kill(pid, SIGCONT), 0);
	CHECK_EQ(write(command[1], "x", 1), 1);
	CHECK_EQ(reported(report[0]), first);
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	close(report[0]);
	close(command[1]);
}

static void killed(void)
{
	int report[2], command[2], status;
	pid_t pid = start_child(report, command);

	CHECK(reported(report[0]) != 0, "the child's fault was not reported");
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "child blocked in a fault: %s, expected killed by SIGKILL", status_str(status));
	close(report[0]);
	close(command[1]);
}

int main(void)
{
	caught_signal();
	stop_and_continue();
	killed();
	return 0;
}
