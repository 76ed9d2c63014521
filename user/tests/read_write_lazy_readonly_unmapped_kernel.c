/* EXPECT: exit 0 */
/*
 * System calls fault on user buffers too, in the kernel, through the same fault path:
 *
 *   - read() into a never-touched anonymous mapping succeeds: the kernel's copy
 *     demand-pages it (a page was not resident before, is after; ru_minflt rose), also
 *     across a page boundary into two untouched pages;
 *   - write() from a never-touched (and read-only) private file mapping writes the
 *     file's bytes: the line below that starts "Faultline reads" comes that way;
 *   - read() into read-only memory is EFAULT, whether no page is there yet or the
 *     shared zero page is mapped there (the kernel must not write it), and into a
 *     PROT_NONE page, an unmapped page or a kernel address too; write() from PROT_NONE,
 *     unmapped or kernel memory is EFAULT. A refused read() leaves the file offset be.
 */
#include <check.h>
#include <fcntl.h>
#include <memlayout.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE      4096UL
#define FILE_SIZE 62L

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static int resident(const void *page)
{
	unsigned char vec;

	CHECK_EQ(mincore((void *)page, PAGE, &vec), 0);
	return vec & 1;
}

static void check_lazy(int fd)
{
	char *lazy = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	long before, after, n;

	CHECK(lazy != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(resident(lazy), 0);
	before = minflt();
	n = read(fd, lazy + 100, 200);
	after = minflt();
	printf("read() into an untouched page: %ld bytes, resident after %d, ru_minflt rose %d\n",
	       n, resident(lazy), after > before);
	CHECK_EQ(n, FILE_SIZE);
	CHECK(!memcmp(lazy + 100, sentence, FILE_SIZE), "read() stored \"%.62s\"", lazy + 100);
	CHECK_EQ(lazy[99], 0);
	CHECK(after > before, "ru_minflt %ld, then %ld", before, after);

	CHECK_EQ(resident(lazy + PAGE), 0);
	CHECK_EQ(resident(lazy + 2 * PAGE), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	n = read(fd, lazy + 2 * PAGE - 10, 200);
	printf("read() across two untouched pages: %ld bytes, both resident %d\n", n,
	       resident(lazy + PAGE) && resident(lazy + 2 * PAGE));
	CHECK_EQ(n, FILE_SIZE);
	CHECK(!memcmp(lazy + 2 * PAGE - 10, sentence, FILE_SIZE), "read() across pages");
	CHECK_EQ(munmap(lazy, 3 * PAGE), 0);
}

static void check_write_from_file_mapping(int fd)
{
	char *file = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	CHECK(file != MAP_FAILED, "mmap of hello.txt: %s", strerror(errno));
	CHECK_EQ(write(STDOUT_FILENO, file, FILE_SIZE), FILE_SIZE);
	CHECK_EQ(munmap(file, PAGE), 0);
}

static void expect_efault(const char *call, const char *what, long r)
{
	printf("%s %s: %s\n", call, what, r == -EFAULT ? "EFAULT" : "not EFAULT");
	CHECK_ERR(r, EFAULT);
}

static void check_refused(int fd)
{
	char *ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(ro != MAP_FAILED && none != MAP_FAILED && gone != MAP_FAILED, "mmap: %s",
	      strerror(errno));
	CHECK_EQ(munmap(gone, PAGE), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);

	expect_efault("read() into", "untouched read-only memory",
		      syscall6(__NR_read, fd, (long)ro, 16, 0, 0, 0));
	CHECK_EQ(ro[PAGE + 5], 0); /* the zero page is mapped there now */
	expect_efault("read() into", "read-only memory on the zero page",
		      syscall6(__NR_read, fd, (long)(ro + PAGE), 16, 0, 0, 0));
	CHECK_EQ(ro[PAGE], 0);
	expect_efault("read() into", "PROT_NONE memory",
		      syscall6(__NR_read, fd, (long)none, 16, 0, 0, 0));
	expect_efault("read() into", "unmapped memory",
		      syscall6(__NR_read, fd, (long)gone, 16, 0, 0, 0));
	expect_efault("read() into", "a kernel address",
		      syscall6(__NR_read, fd, (long)KERNEL_IMAGE, 16, 0, 0, 0));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	printf("file offset after the refused reads: %ld\n", (long)lseek(fd, 0, SEEK_CUR));

	expect_efault("write() from", "PROT_NONE memory",
		      syscall6(__NR_write, STDOUT_FILENO, (long)none, 16, 0, 0, 0));
	expect_efault("write() from", "unmapped memory",
		      syscall6(__NR_write, STDOUT_FILENO, (long)gone, 16, 0, 0, 0));
	expect_efault("write() from", "a kernel address",
		      syscall6(__NR_write, STDOUT_FILENO, (long)KERNEL_IMAGE, 16, 0, 0, 0));
	for (unsigned long i = 0; i < 2 * PAGE; i++)
		CHECK(ro[i] == 0, "read-only memory changed at +%lu", i);
	CHECK_EQ(munmap(ro, 2 * PAGE), 0);
	CHECK_EQ(munmap(none, PAGE), 0);
}

int main(void)
{
	int fd = open(rootpath("/data/hello.txt"), O_RDONLY);

	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	check_lazy(fd);
	check_write_from_file_mapping(fd);
	check_refused(fd);
	CHECK_EQ(close(fd), 0);
	return 0;
}
