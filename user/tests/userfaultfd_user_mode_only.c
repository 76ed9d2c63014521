/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * Who may have a user pager for which faults (vm.unprivileged_userfaultfd at its
 * default 0, as on Debian):
 *   - a user who is not root (no CAP_SYS_PTRACE) gets EPERM from userfaultfd(0): a pager
 *     of kernel-mode faults could stall the kernel inside a system call at will;
 *   - with UFFD_USER_MODE_ONLY it gets one; then a user-mode fault in a registered range
 *     goes to the pager as usual, but a kernel-mode one (read() from a pipe into the
 *     range) is not sent: the kernel's access fails at once, and read() is EFAULT;
 *   - unknown flags are EINVAL.
 * The unprivileged part runs in a child after setuid(1000).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static int unprivileged(void *arg)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffd_msg msg;
	int uffd, pipefd[2];
	char *area;

	(void)arg;
	CHECK_EQ(setuid(1000), 0);
	errno = 0;
	CHECK_EQ(userfaultfd(O_CLOEXEC), -1);
	CHECK_EQ(errno, EPERM);
	uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
	CHECK(uffd >= 0, "userfaultfd(UFFD_USER_MODE_ONLY): %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)area;
	reg.range.len = PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK_EQ(pipe(pipefd), 0);
	CHECK_EQ(write(pipefd[1], "abc", 3), 3);
	errno = 0;
	CHECK_EQ(read(pipefd[0], area, 3), -1);
	CHECK_EQ(errno, EFAULT);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN); /* no message: the pager never heard of it */
	return 0;
}

int main(void)
{
	int uffd;

	errno = 0;
	CHECK_EQ(userfaultfd(0x1000), -1); /* not a flag */
	CHECK_EQ(errno, EINVAL);
	uffd = userfaultfd(O_CLOEXEC);
	CHECK(uffd >= 0, "root's userfaultfd(0): %s", strerror(errno));
	CHECK_EQ(close(uffd), 0);
	printf("root: a userfaultfd for every fault\n");
	CHECK_EQ(run_in_child(unprivileged, NULL), 0); /* exit 0 */
	printf("user: EPERM without UFFD_USER_MODE_ONLY; with it, a kernel-mode fault is EFAULT\n");
	return 0;
}
