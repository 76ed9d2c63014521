/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * UFFD_FEATURE_EVENT_FORK: a fork's child keeps the registration of its parent's range,
 * with a userfaultfd of its own that the pager learns of by reading the parent's. A
 * thread forks; its fork() waits until the pager (this main thread) has read the FORK
 * message, whose arg.fork.ufd is a new descriptor in the READER's table (O_NONBLOCK and
 * FD_CLOEXEC as the parent's was made). The child reads a page it copied from the
 * parent, then a missing one: that fault comes through the new descriptor (read, at the
 * page's address) and is served there with UFFDIO_COPY. A range of a second userfaultfd
 * without the feature is not registered in the child: it reads zeros without a pager.
 * After the event, COPY on the parent's descriptor works again (mmap_changing dropped).
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
#include <sys/wait.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE 4096UL

static char *area, *plain;
static volatile int fork_returned;
static volatile int child_status = -1;
static int last_fd; /* the parent's highest descriptor before the fork */

/* The child: 0 if every page reads as expected, else which one did not. */
static int child_main(void)
{
	/* The descriptor the pager's read makes for the child's userfaultfd is the pager's:
	 * the child's own table was copied before it existed (Linux copies the files
	 * before the memory), so the child does not hold its own pager's context. */
	if (fcntl(last_fd + 1, F_GETFD) != -1 || errno != EBADF)
		return 13;
	if (plain[0] != 0)
		return 10;      /* no registration here: zeros, no pager */
	if (area[PAGE] != 'a')
		return 11;      /* copied at fork */
	if (area[0] != 'c')
		return 12;      /* waits for the pager, on the child's userfaultfd */
	return 0;
}

static int forker(void *arg)
{
	pid_t pid;
	int status;

	(void)arg;
	pid = fork();
	if (pid == 0)
		_exit(child_main());
	fork_returned = 1;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	child_status = status;
	return 0;
}

/* Wait until a message can be read from uffd (at most 10 s: a hang fails the test). */
static void wait_readable(int uffd)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };

	CHECK_EQ(poll(&pfd, 1, 10000), 1);
}

static struct uffd_msg next_msg(int uffd)
{
	struct uffd_msg msg;

	CHECK_EQ(uffd_read_msg(uffd, 10000, &msg), 0);
	return msg;
}

static int new_uffd(unsigned long long features)
{
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, features);

	CHECK(uffd >= 0, "userfaultfd and UFFDIO_API: %s", strerror(-uffd));
	return uffd;
}

static void register_range(int uffd, void *start, unsigned long len)
{
	struct uffdio_register reg = { .range = { (unsigned long)start, len },
				       .mode = UFFDIO_REGISTER_MODE_MISSING };

	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
}

static void copy_page(int uffd, char *dst, char fill)
{
	static char src[PAGE] __attribute__((aligned(4096)));
	struct uffdio_copy copy = { .dst = (unsigned long)dst, .src = (unsigned long)src,
				    .len = PAGE };

	memset(src, fill, PAGE);
	CHECK_EQ(ioctl(uffd, UFFDIO_COPY, &copy), 0);
	CHECK_EQ(copy.copy, PAGE);
}

int main(void)
{
	int uffd = new_uffd(UFFD_FEATURE_EVENT_FORK), uffd2 = new_uffd(0), child_uffd;
	struct uffd_msg msg;
	struct thread t;

	area = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	plain = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED && plain != MAP_FAILED, "mmap");
	area[PAGE] = 'a';
	register_range(uffd, area, 2 * PAGE);
	register_range(uffd2, plain, PAGE);
	last_fd = uffd2;

	CHECK(thread_create(&t, forker, NULL, NULL) > 0, "thread_create");
	wait_readable(uffd);
	CHECK_EQ(fork_returned, 0); /* fork() is waiting for this read */
	msg = next_msg(uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_FORK);
	child_uffd = (int)msg.arg.fork.ufd;
	CHECK_EQ(child_uffd, uffd2 + 1); /* the lowest free one */
	CHECK_EQ(msg.arg.reserved.reserved2, 0);
	CHECK_EQ(msg.arg.reserved.reserved3, 0);
	CHECK_EQ(fcntl(child_uffd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	CHECK_EQ(fcntl(child_uffd, F_GETFD), FD_CLOEXEC);
	printf("FORK message with the child's descriptor %d\n", child_uffd);

	msg = next_msg(child_uffd);
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, 0);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);
	copy_page(child_uffd, area, 'c');
	thread_join(&t);
	CHECK(WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0, "child: %s",
	      status_str(child_status));
	printf("the child's fault was served through its own descriptor\n");

	/* The parent's range is still its own, and its pager may fill it again. */
	copy_page(uffd, area, 'p');
	CHECK_EQ(area[0], 'p');
	errno = 0;
	CHECK_EQ(read(uffd2, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(close(child_uffd), 0);
	CHECK_EQ(close(uffd2), 0);
	CHECK_EQ(close(uffd), 0);
	return 0;
}
