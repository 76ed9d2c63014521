/* EXPECT: exit 0 */
/*
 * fallocate() on a memfd. Mode 0 allocates and grows the size; FALLOC_FL_KEEP_SIZE
 * allocates without growing it. FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE frees a range:
 * it reads as zeros afterwards through every MAP_SHARED mapping and read(), whole pages
 * and the parts of pages at its edges, and the bytes around it stay; the size stays.
 * A MAP_PRIVATE mapping's own copy of a page is not the file's, and keeps its bytes.
 * Errors as Linux's: len <= 0 or offset < 0 EINVAL, PUNCH_HOLE without KEEP_SIZE and
 * unknown modes EOPNOTSUPP, a descriptor not open for writing EBADF, a pipe ESPIPE, a
 * past-the-largest-size end EFBIG.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096UL
#define FALLOC_FL_ZERO_RANGE 0x10

static long size_of(int fd)
{
	struct stat st;

	CHECK_EQ(fstat(fd, &st), 0);
	return st.st_size;
}

int main(void)
{
	int fd = memfd_create("punch", 0), pipefd[2], ro;
	unsigned char *a, *b, *p, buf[8];

	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(fallocate(fd, 0, 0, 4 * PAGE), 0);
	CHECK_EQ(size_of(fd), 4 * PAGE);
	CHECK_EQ(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 6 * PAGE), 0);
	CHECK_EQ(size_of(fd), 4 * PAGE);
	CHECK_EQ(fallocate(fd, 0, 100, 4 * PAGE), 0);
	CHECK_EQ(size_of(fd), 4 * PAGE + 100);

	a = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED && p != MAP_FAILED, "mmap");
	memset(a, 0x5a, 4 * PAGE);
	CHECK_EQ(b[3 * PAGE], 0x5a);
	CHECK_EQ(p[PAGE + 1], 0x5a);  /* the file's page, read through the private mapping */
	p[2 * PAGE] = 0x11;           /* a private copy of page 2 */

	/* From the middle of page 0 to the middle of page 3. */
	CHECK_EQ(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE / 2, 3 * PAGE), 0);
	CHECK_EQ(size_of(fd), 4 * PAGE + 100);
	CHECK_EQ(a[PAGE / 2 - 1], 0x5a);
	CHECK_EQ(a[PAGE / 2], 0);
	CHECK_EQ(b[PAGE / 2], 0);
	CHECK_EQ(b[PAGE + 7], 0);
	CHECK_EQ(a[2 * PAGE + 7], 0);
	CHECK_EQ(b[3 * PAGE + PAGE / 2 - 1], 0);
	CHECK_EQ(b[3 * PAGE + PAGE / 2], 0x5a);
	CHECK_EQ(p[PAGE + 1], 0);     /* private, but still the file's page */
	CHECK_EQ(p[2 * PAGE], 0x11);  /* its own copy stays */
	CHECK_EQ(p[2 * PAGE + 1], 0x5a);
	CHECK_EQ(pread(fd, buf, 4, 2 * PAGE), 4);
	CHECK_EQ(buf[0] | buf[1] | buf[2] | buf[3], 0);
	a[PAGE] = 3;                  /* the hole can be written again */
	CHECK_EQ(b[PAGE], 3);

	CHECK_ERR(fallocate(fd, 0, 0, 0) ? -errno : 0, EINVAL);
	CHECK_ERR(fallocate(fd, 0, -1, 10) ? -errno : 0, EINVAL);
	CHECK_ERR(fallocate(fd, 0, 0, -1) ? -errno : 0, EINVAL);
	CHECK_ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, PAGE) ? -errno : 0, EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, PAGE) ? -errno : 0, EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, 0, 0x7fffffffffffffffL, 10) ? -errno : 0, EFBIG);
	CHECK_ERR(fallocate(-1, 0, 0, PAGE) ? -errno : 0, EBADF);
	CHECK_EQ(pipe(pipefd), 0);
	CHECK_ERR(fallocate(pipefd[1], 0, 0, PAGE) ? -errno : 0, ESPIPE);
	CHECK_ERR(fallocate(pipefd[0], 0, 0, PAGE) ? -errno : 0, EBADF);
	ro = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(ro >= 0, "open hello.txt");
	CHECK_ERR(fallocate(ro, 0, 0, PAGE) ? -errno : 0, EBADF);
	printf("fallocate: holes read as zeros in every mapping\n");
	return 0;
}
