/* EXPECT: exit 0 */
/*
 * getdents64 with buffers just big enough: a buffer that holds exactly one record of
 * /data returns one record per call and, call after call, the same names a big buffer
 * lists, each once; a buffer one byte short of the next record fails with EINVAL without
 * moving past it (the next call with room returns it); at the end, 0.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NAME_OFFSET __builtin_offsetof(struct linux_dirent64, d_name)

static char big[8192] __aligned(8);
static char small[512] __aligned(8);

int main(void)
{
	int fd = open(rootpath("/data"), O_RDONLY | O_DIRECTORY);
	long n, total, off;
	int count = 0, seen = 0;

	CHECK(fd >= 0, "open /data: %s", strerror(errno));
	total = getdents64(fd, big, sizeof(big));
	CHECK(total > 0, "getdents64: %ld", total);
	CHECK_EQ(getdents64(fd, big + total, sizeof(big) - total), 0);
	for (off = 0; off < total; count++)
		off += ((struct linux_dirent64 *)(big + off))->d_reclen;
	CHECK(count >= 3, "only %d entries", count);

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	for (off = 0; off < total; seen++) {
		struct linux_dirent64 *want = (struct linux_dirent64 *)(big + off);
		struct linux_dirent64 *got = (struct linux_dirent64 *)small;

		CHECK_ERR(syscall6(__NR_getdents64, fd, (long)small, want->d_reclen - 1, 0, 0, 0),
			  EINVAL);
		n = getdents64(fd, small, want->d_reclen);
		CHECK_EQ(n, want->d_reclen);
		CHECK(!strcmp(got->d_name, want->d_name), "entry %d: %s, expected %s", seen,
		      got->d_name, want->d_name);
		CHECK_EQ(got->d_type, want->d_type);
		off += want->d_reclen;
	}
	CHECK_EQ(seen, count);
	CHECK_EQ(getdents64(fd, small, sizeof(small)), 0);
	CHECK_EQ(close(fd), 0);
	return 0;
}
