/* EXPECT: exit 0 */
/*
 * One memfd, mapped MAP_SHARED at two addresses: a store through one mapping is seen
 * through the other and by read(); write() is seen through both mappings; ftruncate
 * gives it its size, and the part of a page past the size reads as zeros. A MAP_PRIVATE
 * mapping of the same memfd sees the file until it writes, then keeps its own copy.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 4096UL

int main(void)
{
	int fd = memfd_create("coherent", 0);
	char buf[16] = { 0 };
	unsigned char *a, *b, *p;
	struct stat st;

	CHECK(fd >= 0, "memfd_create: errno %d", errno);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	a = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED && a != b, "mmap: %p %p", (void *)a, (void *)b);
	CHECK_EQ(b[PAGE + 7], 0);
	memcpy(a + PAGE, "through a", 10);
	CHECK(memcmp(b + PAGE, "through a", 10) == 0, "b does not see a's store");
	CHECK_EQ(pread(fd, buf, 10, PAGE), 10);
	CHECK(memcmp(buf, "through a", 10) == 0, "read() does not see the store");

	CHECK_EQ(pwrite(fd, "written", 8, 100), 8);
	CHECK(memcmp(a + 100, "written", 8) == 0 && memcmp(b + 100, "written", 8) == 0,
	      "the mappings do not see write()");

	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "private mmap");
	CHECK(memcmp(p + 100, "written", 8) == 0, "private mapping does not see the file");
	a[200] = 'x';
	CHECK_EQ(p[200], 'x'); /* not written privately yet: still the file's page */
	p[100] = 'P';
	CHECK_EQ(a[100], 'w'); /* the private copy is not the file */
	a[201] = 'y';
	CHECK_EQ(p[201], 0);   /* and no longer follows it */

	/* Shrink to the middle of page 0: the rest of that page reads as zeros. */
	CHECK_EQ(ftruncate(fd, 104), 0);
	CHECK_EQ(b[103], 't');
	CHECK_EQ(b[104], 0);
	CHECK_EQ(a[200], 0);
	CHECK_EQ(munmap(a, 2 * PAGE), 0);
	CHECK_EQ(munmap(b, 2 * PAGE), 0);
	CHECK_EQ(munmap(p, PAGE), 0);
	CHECK_EQ(close(fd), 0);
	printf("memfd: two mappings, read() and write() agree\n");
	return 0;
}
