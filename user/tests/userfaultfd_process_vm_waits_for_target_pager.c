/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * process_vm_readv/writev on a range another process registered MISSING: GUP faults the
 * target's missing page for the caller with the `locked` protocol (Linux's
 * pin_user_pages_remote(..., &locked)), so the fault may wait: the target's pager gets
 * the message, and the caller's system call blocks until the pager copies the page in,
 * then moves the exact bytes. The wait is killable: a caller blocked so, whose pager
 * never answers, dies of SIGKILL.
 *
 * The parent maps the area before fork, so both processes know its address; each child
 * registers it in its own address space and serves (or ignores) the faults.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area;
static int to_parent[2], to_child[2];

/* Register the area with a new userfaultfd; the descriptor, or -1. */
static int register_area(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	int uffd = userfaultfd(O_CLOEXEC);

	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		return -1;
	reg.range.start = (unsigned long)area;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		return -1;
	return uffd;
}

/* Read one fault message and tell the parent its address and flags. */
static int relay_msg(int uffd, struct uffd_msg *msg)
{
	unsigned long what[2];

	if (read(uffd, msg, sizeof(*msg)) != sizeof(*msg) || msg->event != UFFD_EVENT_PAGEFAULT)
		return -1;
	what[0] = msg->arg.pagefault.address;
	what[1] = msg->arg.pagefault.flags;
	return write(to_parent[1], what, sizeof(what)) == sizeof(what) ? 0 : -1;
}

/* The target: serve two faults with pages of 'a' + page index, then check the write. */
static int serving_target(void)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	int uffd = register_area();
	struct uffdio_copy copy;
	struct uffd_msg msg;
	char go;

	if (uffd < 0 || write(to_parent[1], "r", 1) != 1)
		return 10;
	for (int n = 0; n < 2; n++) {
		if (relay_msg(uffd, &msg))
			return 11;
		if (read(to_child[0], &go, 1) != 1) /* the parent checked the message */
			return 12;
		copy.dst = msg.arg.pagefault.address;
		memset(src, 'a' + (int)((copy.dst - (unsigned long)area) / PAGE), PAGE);
		copy.src = (unsigned long)src;
		copy.len = PAGE;
		copy.mode = 0;
		if (ioctl(uffd, UFFDIO_COPY, &copy))
			return 13;
	}
	if (read(to_child[0], &go, 1) != 1) /* the parent's writev has returned */
		return 14;
	if (memcmp(area + 2 * PAGE + 16, "hello", 5) || area[2 * PAGE + 15] != 'c' ||
	    area[2 * PAGE + 21] != 'c')
		return 15;
	return 0;
}

/* A target whose pager reads the message and never answers. */
static int silent_target(void)
{
	int uffd = register_area();
	struct uffd_msg msg;

	if (uffd < 0 || write(to_parent[1], "r", 1) != 1)
		return 10;
	if (relay_msg(uffd, &msg))
		return 11;
	for (;;)
		pause();
}

static void expect_msg(unsigned long address, unsigned long flags)
{
	unsigned long what[2];

	CHECK_EQ(read(to_parent[0], what, sizeof(what)), sizeof(what));
	CHECK_EQ(what[0], address);
	CHECK_EQ(what[1], flags);
}

static pid_t start(int (*fn)(void))
{
	pid_t pid;
	char ready;

	CHECK_EQ(pipe(to_parent), 0);
	CHECK_EQ(pipe(to_child), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(fn());
	close(to_parent[1]); /* so that a child that fails early is seen as end of file */
	close(to_child[0]);
	CHECK_EQ(read(to_parent[0], &ready, 1), 1); /* registered */
	return pid;
}

static pid_t target_pid;

/* The caller killed in the second part: blocked in process_vm_readv forever. */
static int blocked_reader(void *arg)
{
	char buf[8];
	struct iovec local = { buf, sizeof(buf) }, remote = { area + 3 * PAGE, sizeof(buf) };

	(void)arg;
	(void)process_vm_readv(target_pid, &local, 1, &remote, 1, 0);
	return 20;
}

int main(void)
{
	char buf[100];
	struct iovec local = { buf, sizeof(buf) }, remote = { NULL, sizeof(buf) };
	int status;
	pid_t pid;

	area = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");

	/* process_vm_readv of a missing page: a read fault in the target, then the bytes. */
	pid = start(serving_target);
	CHECK_EQ(write(to_child[1], "g", 1), 1); /* lets the pager answer once it has the message */
	remote.iov_base = area + PAGE + 8;
	CHECK_EQ(process_vm_readv(pid, &local, 1, &remote, 1, 0), sizeof(buf));
	expect_msg((unsigned long)area + PAGE, 0);
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 'b');
	printf("process_vm_readv waited for the target's pager and read its bytes\n");

	/* process_vm_writev: a write fault in the target. */
	CHECK_EQ(write(to_child[1], "g", 1), 1);
	local.iov_base = "hello";
	local.iov_len = 5;
	remote.iov_base = area + 2 * PAGE + 16;
	remote.iov_len = 5;
	CHECK_EQ(process_vm_writev(pid, &local, 1, &remote, 1, 0), 5);
	expect_msg((unsigned long)area + 2 * PAGE, UFFD_PAGEFAULT_FLAG_WRITE);
	CHECK_EQ(write(to_child[1], "g", 1), 1);
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "target: %s", status_str(status));
	printf("process_vm_writev waited too, and its bytes landed in the pager's page\n");
	close(to_parent[0]);
	close(to_child[1]);

	/* A caller blocked for a pager that never answers dies of SIGKILL. */
	target_pid = start(silent_target);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(blocked_reader(NULL));
	expect_msg((unsigned long)area + 3 * PAGE, 0);
	CHECK_EQ(kill(pid, SIGKILL), 0);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "caller: %s", status_str(status));
	printf("a caller blocked in process_vm_readv died of SIGKILL\n");
	CHECK_EQ(kill(target_pid, SIGKILL), 0);
	status = wait_child(target_pid, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "target: %s", status_str(status));
	return 0;
}
