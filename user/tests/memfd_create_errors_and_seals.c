/* EXPECT: exit 0 */
/*
 * memfd_create() as Linux: a name of 249 bytes is the longest (250 is EINVAL), any
 * bytes may be in it (even '/'), a bad name pointer is EFAULT, unknown flags and
 * MFD_EXEC with MFD_NOEXEC_SEAL are EINVAL. The descriptor is O_RDWR, MFD_CLOEXEC sets
 * FD_CLOEXEC, and /proc/self/fd shows "/memfd:NAME (deleted)". Seals: without
 * MFD_ALLOW_SEALING the file has F_SEAL_SEAL and F_ADD_SEALS is EPERM; with it, seals
 * add up, F_SEAL_SHRINK / F_SEAL_GROW make ftruncate EPERM that way, F_SEAL_WRITE is
 * EBUSY while a shared writable mapping exists and afterwards makes write() and a
 * shared writable mmap EPERM; F_SEAL_SEAL ends the adding. F_GET_SEALS on a pipe is
 * EINVAL.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL

static long mfd(const char *name, unsigned int flags)
{
	int fd = memfd_create(name, flags);

	if (fd < 0)
		return -errno;
	CHECK_EQ(close(fd), 0);
	return 0;
}

static long ret(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	char name[300], link[128], path[64];
	int fd, pipefd[2];
	unsigned char *m;
	long n;

	memset(name, 'n', sizeof(name));
	name[249] = '\0';
	CHECK_EQ(mfd(name, 0), 0);
	name[249] = 'n';
	name[250] = '\0';
	CHECK_ERR(mfd(name, 0), EINVAL);
	CHECK_ERR(mfd((const char *)1, 0), EFAULT);
	CHECK_ERR(mfd("x", 0x100), EINVAL);
	CHECK_ERR(mfd("x", MFD_EXEC | MFD_NOEXEC_SEAL), EINVAL);
	CHECK_EQ(mfd("", 0), 0);
	CHECK_EQ(mfd("a/b", 0), 0);

	fd = memfd_create("hello", MFD_CLOEXEC);
	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n >= 0) { /* where /proc/<pid>/fd exists */
		link[n] = '\0';
		CHECK(strcmp(link, "/memfd:hello (deleted)") == 0, "link %s", link);
	}
	CHECK_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SEAL);
	CHECK_ERR(ret(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK)), EPERM);
	CHECK_EQ(close(fd), 0);

	fd = memfd_create("sealed", MFD_ALLOW_SEALING);
	CHECK(fd >= 0, "memfd_create");
	CHECK_EQ(fcntl(fd, F_GET_SEALS), 0);
	CHECK_EQ(ftruncate(fd, 2 * PAGE), 0);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK), 0);
	CHECK_ERR(ret(ftruncate(fd, PAGE)), EPERM);
	CHECK_EQ(ftruncate(fd, 3 * PAGE), 0);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW), 0);
	CHECK_ERR(ret(ftruncate(fd, 4 * PAGE)), EPERM);
	CHECK_EQ(fcntl(fd, F_GET_SEALS), F_SEAL_SHRINK | F_SEAL_GROW);
	CHECK_ERR(ret(fcntl(fd, F_ADD_SEALS, 0x1000)), EINVAL);

	m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	m[0] = 1;
	CHECK_ERR(ret(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EBUSY);
	CHECK_EQ(munmap(m, PAGE), 0);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0);
	CHECK_ERR(ret(write(fd, "x", 1)), EPERM);
	CHECK_ERR(ret((long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)), EPERM);
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "read-only shared mmap of a write-sealed memfd");
	CHECK_EQ(m[0], 1);
	CHECK_ERR(ret(mprotect(m, PAGE, PROT_READ | PROT_WRITE)), EACCES);
	CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL), 0);
	CHECK_ERR(ret(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK)), EPERM);

	CHECK_EQ(pipe(pipefd), 0);
	CHECK_ERR(ret(fcntl(pipefd[0], F_GET_SEALS)), EINVAL);
	printf("memfd_create and seals as Linux\n");
	return 0;
}
