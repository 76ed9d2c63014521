/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: retry 5 */
/*
 * A thread blocked in a fault on a missing page does not hold the mmap lock: while it
 * waits (its message read, no answer yet), another thread of the process maps, writes,
 * write-protects and unmaps memory 50 times over and reads /proc/self/maps, all of which
 * take that lock for writing or reading, and the faulter is still waiting afterwards.
 * Once answered, the fault is counted as Linux 6.18 counts a fault that waited in
 * handle_userfault() and retried: once, in the faulting thread's getrusage
 * (RUSAGE_THREAD), and as a minor fault. (The try that ended in VM_FAULT_RETRY is not
 * counted; the retry is counted major only if it runs with FAULT_FLAG_TRIED, which
 * Linux's arch fault handlers set after a retry under the mmap lock but not after one
 * under the per-VMA lock, where an anonymous userfault starts.)
 */
#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE       UFFD_PAGE_SIZE
#define ROUNDS     50
#define MAP_PAGES  4

static volatile unsigned char *area; /* one registered page */
static volatile int started, done;
static volatile unsigned char seen;
static struct rusage before, after;

static int fault_and_count(void *arg)
{
	(void)arg;
	after = before; /* both pages of the results are there before the first count */
	syscall6(__NR_getrusage, RUSAGE_THREAD, (long)&before, 0, 0, 0, 0);
	started = 1;
	seen = area[0x30];
	syscall6(__NR_getrusage, RUSAGE_THREAD, (long)&after, 0, 0, 0, 0);
	done = 1;
	return 0;
}

/* Read all of /proc/self/maps; its size. */
static long read_maps(void)
{
	static char buf[4096];
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	long total = 0, n;

	CHECK(fd >= 0, "open /proc/self/maps");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	CHECK_EQ(n, 0);
	close(fd);
	return total;
}

static void use_the_mmap_lock(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		unsigned char *p = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		CHECK(p != MAP_FAILED, "mmap in round %d", round);
		for (int i = 0; i < MAP_PAGES; i++)
			p[i * PAGE] = (unsigned char)(round + i);
		CHECK_EQ(mprotect(p, MAP_PAGES * PAGE, PROT_READ), 0);
		for (int i = 0; i < MAP_PAGES; i++)
			CHECK_EQ(p[i * PAGE], (unsigned char)(round + i));
		CHECK_EQ(munmap(p, MAP_PAGES * PAGE), 0);
	}
	CHECK(read_maps() > 0, "/proc/self/maps is empty");
}

int main(void)
{
	static unsigned char src[PAGE] __attribute__((aligned(PAGE)));
	struct pollfd pfd;
	struct uffd_msg msg;
	struct thread t;
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);
	char state;

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	area = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, (void *)area, PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);
	CHECK(thread_create(&t, fault_and_count, NULL, NULL) > 0, "thread_create");
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(fd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.arg.pagefault.address, (unsigned long)area);

	use_the_mmap_lock();
	CHECK(!done, "the faulter finished without a page");
	state = task_state(t.tid);
	CHECK(state == 'S' || state == 'D', "faulter state %c, expected asleep", state);

	src[0x30] = 0x3c;
	CHECK_EQ(uffd_copy(fd, (void *)area, src, PAGE, 0, NULL), 0);
	CHECK(wait_flag(&done), "the faulter did not finish");
	thread_join(&t);
	CHECK_EQ(seen, 0x3c);
	/* Counted once. Faultline counts a fault that waited as major (issue's rule, and
	 * Linux's mm_account_fault() for a retry marked FAULT_FLAG_TRIED); Linux 6.18 counts
	 * this one minor, since its retry after the VMA-lock try is not marked TRIED. */
	CHECK_EQ((after.ru_majflt - before.ru_majflt) + (after.ru_minflt - before.ru_minflt), 1);
	if (on_faultline())
		CHECK_EQ(after.ru_majflt - before.ru_majflt, 1);
	close(fd);
	return 0;
}
