/* EXPECT: exit 0 */
/*
 * /proc/<pid>/mem and /proc/<pid>/pagemap read with hostile positions, buffers and
 * targets, answered as Linux answers them:
 *   - mem's positions are addresses (Linux's FOP_UNSIGNED_OFFSET): reading at 2^63 - 1,
 *     across 2^63, or at a "negative" position reached by lseek is EIO (nothing mapped
 *     there), not EINVAL; only a transfer from a negative position that would wrap past
 *     2^64 is EOVERFLOW, and pread's negative position EINVAL;
 *   - a fault on the caller's own buffer is EFAULT even after a page was copied into it
 *     (a buffer whose second page is unmapped, a huge count), for mem reads and writes
 *     and for pagemap; the file position does not move;
 *   - pagemap: a position or count not a multiple of 8 is EINVAL, so is a position whose
 *     end passes 2^63; past the last user page it is the end of the file;
 *   - a child that has exited (a zombie, then reaped) reads as the end of the file
 *     through a mem or pagemap descriptor opened while it lived; one that has exec'd
 *     does too: the descriptor belongs to the address space it was opened on.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

#define PAGE 4096UL
#define KERNEL_ADDR 0xffffffff80000000UL /* the kernel's half on both arches */
#define AFTER_EXEC "after-exec"

static long raw(long r)
{
	return r == -1 ? -errno : r;
}

static uint64_t entries[4];
static const char marker[] = "/";

/* mem: positions are addresses, the whole 64-bit range. */
static void mem_positions(int fd, unsigned char *buf)
{
	CHECK_EQ(lseek(fd, INT64_MAX, SEEK_SET), INT64_MAX);
	CHECK_ERR(raw(read(fd, buf, 16)), EIO);
	CHECK_ERR(raw(pread(fd, buf, 16, INT64_MAX - 8)), EIO);
	CHECK_EQ(lseek(fd, -(long)PAGE, SEEK_SET), -(long)PAGE);
	CHECK_ERR(raw(read(fd, buf, 16)), EIO);
	CHECK_ERR(raw(write(fd, buf, 16)), EIO);
	/* (lseek's answers -4095..-1 would read as errors: stay clear of them) */
	CHECK_EQ(lseek(fd, -2 * (long)PAGE, SEEK_SET), -2 * (long)PAGE);
	CHECK_ERR(raw(read(fd, buf, 4 * PAGE)), EOVERFLOW);
	CHECK_ERR(raw(read(fd, buf, 2 * PAGE)), EOVERFLOW);
	CHECK_ERR(raw(read(fd, buf, 16)), EIO);
	CHECK_EQ(lseek(fd, (long)KERNEL_ADDR, SEEK_SET), (long)KERNEL_ADDR);
	CHECK_ERR(raw(read(fd, buf, 16)), EIO);
	CHECK_ERR(raw(pread(fd, buf, 16, -1)), EINVAL);
	CHECK_ERR(raw(pread(fd, buf, 16, (long)KERNEL_ADDR)), EINVAL); /* negative */
}

/* mem: the caller's buffer faults after a page was done. */
static void mem_bad_buffers(int fd, unsigned char *p, unsigned char *half)
{
	long at = (long)(uintptr_t)p;

	CHECK_EQ(lseek(fd, at, SEEK_SET), at);
	CHECK_ERR(raw(read(fd, half, 2 * PAGE)), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), at);
	CHECK_ERR(raw(pread(fd, half, 2 * PAGE, at)), EFAULT);
	CHECK_ERR(raw(pread(fd, half + 100, PAGE, at)), EFAULT);
	CHECK_ERR(raw(pread(fd, half, 1UL << 40, at)), EFAULT);
	CHECK_ERR(raw(pwrite(fd, half, 2 * PAGE, at)), EFAULT);
	CHECK_ERR(raw(pread(fd, NULL, 16, at)), EFAULT);
	CHECK_ERR(raw(pread(fd, (void *)KERNEL_ADDR, 16, at)), EFAULT);
	/* Nothing went wrong on our side: a short read up to the hole. */
	CHECK_EQ(pread(fd, half, PAGE, at + (long)PAGE + 8), (long)PAGE - 8);
}

static void pagemap_hostile(int pm, unsigned char *p, unsigned char *half)
{
	long at = (long)((uintptr_t)p / PAGE * 8);

	CHECK_ERR(raw(pread(pm, entries, 8, INT64_MAX - 7)), EINVAL);
	CHECK_ERR(raw(pread(pm, entries, 8, 4)), EINVAL);
	CHECK_ERR(raw(pread(pm, entries, 7, 0)), EINVAL);
	CHECK_EQ(pread(pm, entries, 8, (long)(KERNEL_ADDR / PAGE * 8)), 0);
	CHECK_EQ(pread(pm, entries, 0, 0), 0);
	CHECK_EQ(lseek(pm, at, SEEK_SET), at);
	CHECK_ERR(raw(read(pm, half, 2 * PAGE)), EFAULT);
	CHECK_EQ(lseek(pm, 0, SEEK_CUR), at);
	CHECK_ERR(raw(read(pm, half, 1UL << 40)), EFAULT);
	CHECK_EQ(lseek(pm, 0, SEEK_CUR), at);
	CHECK_ERR(raw(pread(pm, NULL, 8, at)), EFAULT);
	CHECK_EQ(pread(pm, entries, 16, at), 16);
	CHECK(entries[0] >> 63 && entries[1] >> 63, "both pages present: %llx %llx",
	      (unsigned long long)entries[0], (unsigned long long)entries[1]);
}

/* Open a child's mem and pagemap, let it exit (or exec self), read both. */
static void dead_target(bool by_exec, const char *self)
{
	int go[2], mem, pm;
	char path[64], c = 0;
	int status;
	pid_t pid;

	CHECK_EQ(pipe(go), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char *argv[] = { (char *)self, AFTER_EXEC, NULL }, *envp[] = { NULL };

		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(3);
		if (by_exec) {
			execve(self, argv, envp);
			_exit(4);
		}
		_exit(0);
	}
	close(go[0]);
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	mem = open(path, O_RDONLY);
	CHECK(mem >= 0, "open %s: errno %d", path, errno);
	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	pm = open(path, O_RDONLY);
	CHECK(pm >= 0, "open %s: errno %d", path, errno);
	/* Alive: the child's copy of our data reads. */
	CHECK_EQ(pread(mem, &c, 1, (long)(uintptr_t)marker), 1);
	CHECK_EQ(c, '/');
	CHECK_EQ(write(go[1], &c, 1), 1);
	close(go[1]);
	/* Exited or exec'd, not yet reaped: the address space read is gone; wait for
	 * that (a bounded number of yields), the answer being the end of the file. */
	for (int i = 0; i < 100000 && pread(mem, &c, 1, (long)(uintptr_t)marker) != 0; i++)
		sched_yield();
	CHECK_EQ(pread(mem, &c, 1, (long)(uintptr_t)marker), 0);
	CHECK_EQ(pread(pm, entries, 8, 0), 0);
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == (by_exec ? 5 : 0), "child %s",
	      status_str(status));
	/* Reaped: the pid is gone too. */
	CHECK_EQ(pread(mem, &c, 1, (long)(uintptr_t)marker), 0);
	CHECK_EQ(pread(pm, entries, 8, 0), 0);
	close(mem);
	close(pm);
}

int main(int argc, char **argv)
{
	unsigned char *p, *half;
	int fd, pm;

	if (argc == 2 && strcmp(argv[1], AFTER_EXEC) == 0)
		return 5;
	if (under_qemu_user()) {
		note("qemu-user: /proc/<pid>/mem and pagemap are the emulator's own: not run");
		return 0;
	}
	p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	half = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED && half != MAP_FAILED, "mmap");
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0); /* two pages, then a hole */
	CHECK_EQ(munmap(half + PAGE, PAGE), 0);
	memset(p, 0x5a, 2 * PAGE);
	fd = open("/proc/self/mem", O_RDWR);
	CHECK(fd >= 0, "open /proc/self/mem: errno %d", errno);
	pm = open("/proc/self/pagemap", O_RDONLY);
	CHECK(pm >= 0, "open /proc/self/pagemap: errno %d", errno);

	mem_positions(fd, half);
	mem_bad_buffers(fd, p, half);
	pagemap_hostile(pm, p, half);
	close(fd);
	close(pm);

	dead_target(false, NULL);
	dead_target(true, rootpath(argv[0]));
	return 0;
}
