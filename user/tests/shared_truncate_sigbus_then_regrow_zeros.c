/* EXPECT: exit 0 */
/*
 * Truncating a file that is mapped MAP_SHARED takes the pages past the new end out of
 * every mapping: an access there is SIGBUS BUS_ADRERR with si_addr the byte touched,
 * read or write, in a mapping of this process and in a second one. The part of the last
 * page past the end reads as zeros. Growing the file again makes the range readable,
 * and it reads zeros, not the old bytes. Done on a memfd and on a file in /tmp.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static void expect_sigbus(unsigned char *addr, bool write)
{
	int sig = write ? probe_write(addr, 1) : probe_read(addr);

	CHECK_EQ(sig, SIGBUS);
	CHECK_EQ(probe_info.si_code, BUS_ADRERR);
	CHECK(probe_info.si_addr == addr, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)addr);
}

static void check_file(int fd, const char *what)
{
	unsigned char *a, *b;

	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0);
	a = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED, "mmap");
	memset(a, 0xaa, 3 * PAGE);
	CHECK_EQ(b[2 * PAGE + 9], 0xaa);

	CHECK_EQ(ftruncate(fd, PAGE + 10), 0);
	CHECK_EQ(a[PAGE + 9], 0xaa);
	CHECK_EQ(a[PAGE + 10], 0);         /* past the end, inside the last page */
	CHECK_EQ(b[2 * PAGE - 1], 0);
	expect_sigbus(a + 2 * PAGE, false);
	expect_sigbus(a + 2 * PAGE + 9, true);
	expect_sigbus(b + 2 * PAGE + 100, false);
	expect_sigbus(b + 3 * PAGE - 1, true);

	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0);
	CHECK_EQ(a[2 * PAGE + 9], 0);      /* the old bytes are gone */
	CHECK_EQ(b[PAGE + 10], 0);
	b[2 * PAGE] = 5;
	CHECK_EQ(a[2 * PAGE], 5);
	CHECK_EQ(munmap(a, 3 * PAGE), 0);
	CHECK_EQ(munmap(b, 3 * PAGE), 0);
	printf("%s: SIGBUS past the new end, zeros after growing\n", what);
}

int main(void)
{
	char path[64];
	int fd = memfd_create("truncated", 0);

	CHECK(fd >= 0, "memfd_create");
	check_file(fd, "memfd");
	CHECK_EQ(close(fd), 0);
	snprintf(path, sizeof(path), "/tmp/shared_truncate.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0, "open %s", path);
	check_file(fd, "tmpfs file");
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(unlink(path), 0);
	return 0;
}
