/* EXPECT: exit 0 */
/*
 * /proc/<pid>/mem is the address space as a file, the position being the address:
 *   - pread/pwrite at a variable's address read and change it; lseek + read/write too;
 *   - a write into a read-only private mapping succeeds (as a debugger's does): the
 *     bytes change, the mapping stays read-only (a store still faults), and for a file
 *     mapping the file itself is unchanged;
 *   - an unmapped address reads and writes as EIO; a read that runs into one is short;
 *   - a parent reads its child's memory through /proc/<child>/mem.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static volatile unsigned long variable = 0x1234567890abcdefUL;
static const char sentence[] = "Faultline reads this sentence from its initrd, byte for byte.\n";

int main(void)
{
	unsigned long got = 0, val = 0xfeedfacecafef00dUL;
	unsigned char *ro, *hole, *rw, small[64];
	char path[64], text[sizeof(sentence)];
	int fd, ffd, cfd, status, pipefd[2];
	volatile unsigned char *fmap;
	pid_t pid;

	fd = open("/proc/self/mem", O_RDWR);
	CHECK(fd >= 0, "open /proc/self/mem: %s", strerror(errno));
	CHECK_EQ(pread(fd, &got, sizeof(got), (long)&variable), (long)sizeof(got));
	CHECK_EQ(got, 0x1234567890abcdefUL);
	CHECK_EQ(pwrite(fd, &val, sizeof(val), (long)&variable), (long)sizeof(val));
	CHECK_EQ(variable, val);
	CHECK_EQ(lseek(fd, (long)&variable + 2, SEEK_SET), (long)&variable + 2);
	CHECK_EQ(write(fd, "\x42", 1), 1);
	CHECK_EQ((variable >> 16) & 0xff, 0x42);
	CHECK_EQ(lseek(fd, -3, SEEK_CUR), (long)&variable);
	CHECK_EQ(read(fd, &got, sizeof(got)), (long)sizeof(got));
	CHECK_EQ(got, variable);

	/* A read-only private anonymous mapping: written through mem, still read-only. */
	ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED, "mmap");
	CHECK_EQ(ro[PAGE + 5], 0); /* the second page is mapped (the zero page) first */
	CHECK_EQ(pwrite(fd, "written", 7, (long)ro + 10), 7);
	CHECK_EQ(pwrite(fd, "again", 5, (long)ro + PAGE + 5), 5);
	CHECK(memcmp(ro + 10, "written", 7) == 0, "bytes through mem");
	CHECK(memcmp(ro + PAGE + 5, "again", 5) == 0, "bytes through mem, second page");
	CHECK_EQ(probe_write(ro + 10, 1), SIGSEGV);
	CHECK_EQ(probe_read(ro + 10), 0);

	/* A read-only private file mapping: the mapping changes, the file does not. */
	ffd = open(rootpath("/data/hello.txt"), O_RDONLY);
	CHECK(ffd >= 0, "open /data/hello.txt: %s", strerror(errno));
	fmap = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ffd, 0);
	CHECK(fmap != MAP_FAILED, "mmap file");
	CHECK_EQ(pwrite(fd, "FAULTLINE", 9, (long)fmap), 9);
	CHECK(memcmp((const void *)fmap, "FAULTLINE reads", 15) == 0, "file mapping through mem");
	CHECK_EQ(pread(ffd, text, sizeof(sentence) - 1, 0), (long)sizeof(sentence) - 1);
	CHECK(memcmp(text, sentence, sizeof(sentence) - 1) == 0, "the file is unchanged");
	CHECK_EQ(probe_write((void *)fmap, 1), SIGSEGV);

	/* Unmapped addresses: EIO, or a short read up to them. */
	rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(rw != MAP_FAILED, "mmap");
	hole = rw + PAGE;
	CHECK_EQ(munmap(hole, PAGE), 0);
	memset(rw, 0x77, PAGE);
	CHECK_ERR(raw(pread(fd, small, sizeof(small), (long)hole)), EIO);
	CHECK_ERR(raw(pwrite(fd, small, sizeof(small), (long)hole)), EIO);
	CHECK_EQ(pread(fd, small, sizeof(small), (long)hole - 16), 16);
	CHECK_EQ(small[15], 0x77);
	close(fd);

	/* The parent reads its child's memory. */
	CHECK_EQ(pipe(pipefd), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		variable = 0x600dUL;
		CHECK_EQ(write(pipefd[1], "r", 1), 1);
		pause(); /* until the parent is done (it kills us) */
		_exit(0);
	}
	CHECK_EQ(read(pipefd[0], small, 1), 1);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	cfd = open(path, O_RDONLY);
	CHECK(cfd >= 0, "open %s: %s", path, strerror(errno));
	CHECK_EQ(pread(cfd, &got, sizeof(got), (long)&variable), (long)sizeof(got));
	CHECK_EQ(got, 0x600dUL);
	close(cfd);
	kill(pid, SIGKILL);
	status = wait_child(pid, 0);
	CHECK(WIFSIGNALED(status), "child: %s", status_str(status));
	return 0;
}
