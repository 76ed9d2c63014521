/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * The two resolving ioctls that bring no bytes of their own:
 *   - UFFDIO_CONTINUE answers a MINOR fault: a memfd registered UFFDIO_REGISTER_MODE_MINOR
 *     through one mapping; a read of a page the file's cache holds but the mapping does
 *     not map yet sends a message with UFFD_PAGEFAULT_FLAG_MINOR; the pager changes the
 *     page through a second, unregistered mapping, then CONTINUE maps the cached page,
 *     and the reader sees the pager's byte. A page the cache lacks is an ordinary fault
 *     in a MINOR-only registration (no message: zeros). CONTINUE where nothing is cached
 *     is EFAULT, where the page is mapped already EEXIST, on anonymous memory EINVAL.
 *   - UFFDIO_POISON marks a missing page of anonymous memory poisoned: a touch is SIGBUS
 *     (BUS_MCEERR_AR at the page, si_addr_lsb 12; mainline Linux riscv64 reports it as
 *     BUS_ADRERR, which the test accepts there), a populated page is EEXIST.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <thread.h>
#include <unistd.h>

#define PAGE 4096UL

static char *m1, *m2;
static volatile int got0 = -1, got2 = -1;

static int reader(void *arg)
{
	(void)arg;
	got0 = m1[10];           /* MINOR: waits for CONTINUE */
	got2 = m1[2 * PAGE + 3]; /* not cached: an ordinary fault */
	return 0;
}

int main(void)
{
	int uffd = userfaultfd(O_CLOEXEC | O_NONBLOCK), fd = memfd_create("minor", 0);
	struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_MINOR_SHMEM };
	struct uffdio_register reg;
	struct uffdio_continue cont;
	struct uffdio_poison poison;
	struct pollfd pfd = { .events = POLLIN };
	struct uffd_msg msg;
	struct thread t;
	char page[PAGE], *anon;
	int sig;

	CHECK(uffd >= 0 && fd >= 0, "userfaultfd/memfd: %s", strerror(errno));
	CHECK_EQ(ioctl(uffd, UFFDIO_API, &api), 0);
	CHECK(api.features & UFFD_FEATURE_MINOR_SHMEM, "MINOR_SHMEM supported");
	CHECK_EQ(ftruncate(fd, 4 * PAGE), 0);
	memset(page, 'f', PAGE);
	CHECK_EQ(pwrite(fd, page, PAGE, 0), PAGE); /* page 0 cached; pages 1-3 not */
	m1 = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m2 = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m1 != MAP_FAILED && m2 != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)m1;
	reg.range.len = 4 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MINOR;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	CHECK(reg.ioctls & (1ULL << _UFFDIO_CONTINUE), "CONTINUE in the range's ioctls");
	printf("memfd registered MINOR\n");

	CHECK(thread_create(&t, reader, NULL, NULL) > 0, "thread_create");
	pfd.fd = uffd;
	CHECK_EQ(poll(&pfd, 1, -1), 1);
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	CHECK_EQ(msg.arg.pagefault.flags, UFFD_PAGEFAULT_FLAG_MINOR);
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)m1);
	printf("minor fault message\n");
	m2[10] = 'P'; /* the pager prepares the cached page through its own mapping */
	cont.range.start = (unsigned long)m1;
	cont.range.len = PAGE;
	cont.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_CONTINUE, &cont), 0);
	CHECK_EQ(cont.mapped, PAGE);
	thread_join(&t);
	CHECK_EQ(got0, 'P');
	CHECK_EQ(got2, 0);
	errno = 0;
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), -1);
	CHECK_EQ(errno, EAGAIN); /* the uncached page sent nothing */
	printf("continue mapped the pager's byte; an uncached page was an ordinary fault\n");

	cont.range.start = (unsigned long)m1 + 3 * PAGE; /* not cached */
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_CONTINUE, &cont), -1);
	CHECK_EQ(errno, EFAULT);
	CHECK_EQ(cont.mapped, -EFAULT);
	cont.range.start = (unsigned long)m1; /* mapped already */
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_CONTINUE, &cont), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(cont.mapped, -EEXIST);
	printf("continue: EFAULT uncached, EEXIST mapped\n");

	anon = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED, "mmap anon");
	reg.range.start = (unsigned long)anon;
	reg.range.len = 2 * PAGE;
	reg.mode = UFFDIO_REGISTER_MODE_MINOR; /* MINOR is for shared memory only */
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), -1);
	CHECK_EQ(errno, EINVAL);
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK_EQ(ioctl(uffd, UFFDIO_REGISTER, &reg), 0);
	cont.range.start = (unsigned long)anon;
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_CONTINUE, &cont), -1);
	CHECK_EQ(errno, EINVAL);
	printf("minor on anonymous memory: EINVAL\n");

	poison.range.start = (unsigned long)anon + PAGE;
	poison.range.len = PAGE;
	poison.mode = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_POISON, &poison), 0);
	CHECK_EQ(poison.updated, PAGE);
	errno = 0;
	CHECK_EQ(ioctl(uffd, UFFDIO_POISON, &poison), -1);
	CHECK_EQ(errno, EEXIST);
	CHECK_EQ(poison.updated, -EEXIST);
	memset(&probe_info, 0, sizeof(probe_info));
	sig = probe_read(anon + PAGE + 5);
	CHECK_EQ(sig, SIGBUS);
	if (on_faultline())
		CHECK_EQ(probe_info.si_code, BUS_MCEERR_AR);
	else
		CHECK(probe_info.si_code == BUS_MCEERR_AR || probe_info.si_code == BUS_ADRERR,
		      "si_code %d", probe_info.si_code);
	CHECK(probe_info.si_addr == anon + PAGE + 5, "si_addr %p", probe_info.si_addr);
	printf("poisoned page: SIGBUS at its address; poisoning it again: EEXIST\n");
	CHECK_EQ(close(uffd), 0);
	CHECK_EQ(munmap(anon, 2 * PAGE), 0); /* the marker goes with the mapping */
	return 0;
}
