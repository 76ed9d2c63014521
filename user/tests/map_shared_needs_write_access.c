/* EXPECT: exit 0 */
/*
 * What MAP_SHARED asks of the descriptor (Linux's do_mmap): a file open O_RDONLY may be
 * mapped MAP_SHARED with PROT_READ (the initrd's /data/hello.txt reads its bytes), but
 * not with PROT_WRITE (EACCES), and mprotect() may not make that mapping writable later
 * (EACCES: it lacks VM_MAYWRITE) though PROT_NONE and back is fine; a MAP_PRIVATE one
 * may become writable. A descriptor open O_WRONLY is EACCES for any mapping. Pipes and
 * directories have nothing to map (ENODEV). MAP_SHARED_VALIDATE refuses an unknown flag
 * with EOPNOTSUPP, is EINVAL without a file, and accepts the known ones. (qemu-user
 * checks MAP_SHARED_VALIDATE's flags itself, more strictly, and says EINVAL: noted and
 * let pass there.)
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096UL
#define UNKNOWN_MAP_FLAG 0x200000 /* no MAP_* flag has this bit */

static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

/* The raw result of mmap(): -errno on failure. */
static long try_mmap(unsigned long len, int prot, int flags, int fd)
{
	void *p = mmap(NULL, len, prot, flags, fd, 0);

	if (p == MAP_FAILED)
		return -errno;
	CHECK_EQ(munmap(p, len), 0);
	return 0;
}

int main(void)
{
	int ro = open(rootpath("/data/hello.txt"), O_RDONLY), wo, pipefd[2], dir;
	char path[64];
	unsigned char *m;
	long r;

	CHECK(ro >= 0, "open hello.txt");
	m = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(m != MAP_FAILED, "MAP_SHARED PROT_READ of a read-only file: errno %d", errno);
	CHECK(memcmp(m, sentence, sizeof(sentence) - 1) == 0, "the file's bytes");
	CHECK_EQ(m[sizeof(sentence) - 1], 0);
	CHECK_ERR(mprotect(m, PAGE, PROT_READ | PROT_WRITE) ? -errno : 0, EACCES);
	CHECK_ERR(mprotect(m, PAGE, PROT_WRITE) ? -errno : 0, EACCES);
	CHECK_EQ(mprotect(m, PAGE, PROT_NONE), 0);
	CHECK_EQ(mprotect(m, PAGE, PROT_READ), 0);
	CHECK_EQ(m[0], 'F');
	CHECK_EQ(munmap(m, PAGE), 0);
	CHECK_ERR(try_mmap(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro), EACCES);
	CHECK_ERR(try_mmap(PAGE, PROT_WRITE, MAP_SHARED, ro), EACCES);

	m = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 0);
	CHECK(m != MAP_FAILED, "MAP_PRIVATE");
	CHECK_EQ(mprotect(m, PAGE, PROT_READ | PROT_WRITE), 0);
	m[0] = 'f'; /* a private copy */
	CHECK_EQ(munmap(m, PAGE), 0);

	r = try_mmap(PAGE, PROT_READ, MAP_SHARED_VALIDATE | UNKNOWN_MAP_FLAG, ro);
	if (r == -EINVAL && under_qemu_user())
		note("qemu-user: MAP_SHARED_VALIDATE with an unknown flag is EINVAL");
	else
		CHECK_ERR(r, EOPNOTSUPP);
	r = try_mmap(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED_VALIDATE | UNKNOWN_MAP_FLAG, ro);
	if (!(r == -EINVAL && under_qemu_user()))
		CHECK_ERR(r, EOPNOTSUPP); /* the flags first, then the access */
	r = try_mmap(PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_NORESERVE, ro);
	if (!(r == -EINVAL && under_qemu_user()))
		CHECK_EQ(r, 0);
	CHECK_EQ(try_mmap(PAGE, PROT_READ, MAP_SHARED | UNKNOWN_MAP_FLAG, ro), 0); /* ignored */
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1), EINVAL);

	snprintf(path, sizeof(path), "/tmp/map_shared_wo.%d", getpid());
	wo = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(wo >= 0, "open %s", path);
	CHECK_EQ(ftruncate(wo, PAGE), 0);
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_SHARED, wo), EACCES);
	CHECK_ERR(try_mmap(PAGE, PROT_WRITE, MAP_SHARED, wo), EACCES);
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_PRIVATE, wo), EACCES);
	CHECK_EQ(close(wo), 0);
	CHECK_EQ(unlink(path), 0);

	CHECK_EQ(pipe(pipefd), 0);
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_PRIVATE, pipefd[0]), ENODEV);
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_SHARED, pipefd[0]), ENODEV);
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_PRIVATE, pipefd[1]), EACCES);
	dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0, "open /tmp");
	CHECK_ERR(try_mmap(PAGE, PROT_READ, MAP_PRIVATE, dir), ENODEV);
	printf("MAP_SHARED access checks as Linux's\n");
	return 0;
}
