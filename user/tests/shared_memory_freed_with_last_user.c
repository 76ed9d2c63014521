/* EXPECT: exit 0 */
/*
 * Shared memory lives as long as something maps it or names it, and not longer. 300
 * rounds each make 1 MiB of it and touch every page, as MAP_SHARED|MAP_ANONYMOUS memory
 * a child writes and exits from, and as a memfd that is closed while still mapped
 * (the mapping keeps it) and then unmapped. 300 MiB in all, more than the machine's
 * memory under Faultline's test runner: if the last unmap did not free the pages (and
 * give them back to tmpfs's limit), a round would die of SIGBUS or the OOM killer. The
 * runner's frame-leak check after the test says that nothing at all stayed behind.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE   4096UL
#define SIZE   (1UL << 20)
#define ROUNDS 300

static void touch_all(unsigned char *p, unsigned char value)
{
	for (unsigned long off = 0; off < SIZE; off += PAGE)
		p[off] = value;
}

int main(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		unsigned char *s = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
					MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		int fd = memfd_create("round", 0), status;
		unsigned char *m;
		pid_t pid;

		CHECK(s != MAP_FAILED && fd >= 0, "round %d: setup", round);
		pid = fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0) {
			touch_all(s, (unsigned char)round);
			_exit(0);
		}
		CHECK_EQ(waitpid(pid, &status, 0), pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
		CHECK_EQ(s[SIZE - PAGE], (unsigned char)round);
		CHECK_EQ(munmap(s, SIZE), 0);

		CHECK_EQ(ftruncate(fd, SIZE), 0);
		m = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		CHECK(m != MAP_FAILED, "mmap memfd");
		CHECK_EQ(close(fd), 0);
		touch_all(m, 1);
		CHECK_EQ(m[PAGE], 1);
		CHECK_EQ(munmap(m, SIZE), 0);
	}
	printf("%d rounds of 2 MiB of shared memory, all freed\n", ROUNDS);
	return 0;
}
