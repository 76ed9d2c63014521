/* EXPECT: exit 0 */
/*
 * getrusage()'s other fields and arguments:
 *   - ru_maxrss (KiB) is a high-water mark: after 8 MiB of anonymous memory is written it
 *     is at least 6 MiB (Linux's RSS counters are per-CPU and read approximately), and
 *     after that memory is unmapped it has not shrunk. Linux also folds in the high-water
 *     mark of the image exec() replaced (signal->maxrss), so there the value before can
 *     already be large; Faultline starts each exec() from zero, and there the test also
 *     checks it grew by the full 8 MiB.
 *   - RUSAGE_THREAD counts the calling thread's faults; with one thread per process it
 *     agrees with RUSAGE_SELF.
 *   - a bad `who` is EINVAL, a wild rusage pointer EFAULT.
 *   - mprotect() of a range beyond user space is ENOMEM (nothing is mapped there), of a
 *     misaligned address EINVAL.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define PAGE 4096UL
#define LEN  (8UL << 20)

static long maxrss(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

int main(void)
{
	struct rusage self, thread;
	unsigned char *area;
	long before, peak, after;

	before = maxrss();
	CHECK(before > 0, "ru_maxrss before anything is %ld KiB", before);

	area = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap of 8 MiB: %s", strerror(errno));
	for (unsigned long off = 0; off < LEN; off += PAGE)
		area[off] = 1;
	peak = maxrss();
	note("ru_maxrss: %ld KiB before, %ld KiB after touching 8 MiB", before, peak);
	printf("ru_maxrss is at least 6144 KiB: %s\n",
	       peak >= (long)(LEN >> 10) * 3 / 4 ? "yes" : "no");
	CHECK(peak >= (long)(LEN >> 10) * 3 / 4 && peak >= before, "ru_maxrss %ld KiB, was %ld", peak,
	      before);
	if (on_faultline())
		CHECK(peak - before >= (long)(LEN >> 10), "ru_maxrss grew by %ld KiB",
		      peak - before);

	CHECK_EQ(munmap(area, LEN), 0);
	after = maxrss();
	printf("after munmap ru_maxrss has not shrunk: %s\n", after >= peak ? "yes" : "no");
	CHECK(after >= peak, "ru_maxrss fell from %ld to %ld KiB", peak, after);

	CHECK_EQ(getrusage(RUSAGE_SELF, &self), 0);
	CHECK_EQ(getrusage(RUSAGE_THREAD, &thread), 0);
	printf("RUSAGE_THREAD counts this thread's faults: %s\n",
	       thread.ru_minflt > 0 && thread.ru_minflt <= self.ru_minflt ? "yes" : "no");
	CHECK(thread.ru_minflt > 0 && thread.ru_minflt <= self.ru_minflt,
	      "thread minflt %ld, self minflt %ld", thread.ru_minflt, self.ru_minflt);

	CHECK_ERR(syscall6(__NR_getrusage, 2, (long)&self, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_getrusage, -2, (long)&self, 0, 0, 0, 0), EINVAL);
	CHECK_ERR(syscall6(__NR_getrusage, RUSAGE_SELF, 16, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_getrusage, RUSAGE_SELF, -4096L, 0, 0, 0, 0), EFAULT);
	printf("bad who: EINVAL; wild pointer: EFAULT\n");

	/* Above the user half (and, on Linux, above TASK_SIZE) nothing is mapped. */
	CHECK_ERR(syscall6(__NR_mprotect, 1L << 62, PAGE, PROT_READ, 0, 0, 0), ENOMEM);
	if (under_qemu_user())
		note("qemu-user asserts on mprotect() of the last page of the address space");
	else
		CHECK_ERR(syscall6(__NR_mprotect, (long)(-PAGE), PAGE, PROT_READ, 0, 0, 0), ENOMEM);
	CHECK_ERR(syscall6(__NR_mprotect, 4097, PAGE, PROT_READ, 0, 0, 0), EINVAL);
	printf("mprotect beyond user space: ENOMEM; misaligned: EINVAL\n");
	return 0;
}
