/* EXPECT: exit 0 */
/*
 * Directories of the initrd: getdents64() lists /data with hello.txt and pattern.bin as
 * DT_REG and badelf as DT_DIR, each name once, records 8-byte aligned; a second call
 * gives 0 at the end; fstat says S_IFDIR; a buffer too small for one record gives
 * EINVAL; getdents64 on a regular file gives ENOTDIR, and O_DIRECTORY on one fails too.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* d_name starts at byte 19 of a record (sizeof rounds the struct up to 24). */
#define NAME_OFFSET __builtin_offsetof(struct linux_dirent64, d_name)

static const struct {
	const char *name;
	unsigned char type;
} expected[] = {
	{ "hello.txt", DT_REG },
	{ "pattern.bin", DT_REG },
	{ "badelf", DT_DIR },
};

int main(void)
{
	static char buf[4096] __aligned(8);
	int found[ARRAY_SIZE(expected)] = { 0 };
	struct stat st;
	long n, total = 0;
	int fd = open(rootpath("/data"), O_RDONLY | O_DIRECTORY);

	CHECK(fd >= 0, "open /data: %s", strerror(errno));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISDIR(st.st_mode), "st_mode %#o is not a directory", st.st_mode);

	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		total += n;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);

			CHECK(d->d_reclen >= NAME_OFFSET + 2 && d->d_reclen % 8 == 0 &&
			      off + d->d_reclen <= n, "bad d_reclen %u at offset %ld", d->d_reclen, off);
			CHECK(strnlen(d->d_name, d->d_reclen - NAME_OFFSET) < d->d_reclen - NAME_OFFSET,
			      "d_name at offset %ld is not NUL-terminated in its record", off);
			for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
				if (strcmp(d->d_name, expected[i].name))
					continue;
				CHECK(!found[i], "%s listed twice", d->d_name);
				CHECK(d->d_type == expected[i].type, "%s has d_type %u, expected %u",
				      d->d_name, d->d_type, expected[i].type);
				found[i] = 1;
			}
			off += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	CHECK(total > 0, "getdents64 returned nothing for /data");
	for (size_t i = 0; i < ARRAY_SIZE(expected); i++)
		CHECK(found[i], "/data/%s is not listed", expected[i].name);
	CHECK_EQ(getdents64(fd, buf, sizeof(buf)), 0); /* still at the end */

	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(syscall6(__NR_getdents64, fd, (long)buf, 8, 0, 0, 0), EINVAL);
	CHECK_EQ(close(fd), 0);

	fd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(fd >= 0, "open /data/hello.txt: %s", strerror(errno));
	CHECK_ERR(syscall6(__NR_getdents64, fd, (long)buf, sizeof(buf), 0, 0, 0), ENOTDIR);
	CHECK_EQ(close(fd), 0);
	errno = 0;
	CHECK(open(rootpath("/data/hello.txt"), O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR,
	      "O_DIRECTORY on a file: errno %d, expected ENOTDIR", errno);
	return 0;
}
