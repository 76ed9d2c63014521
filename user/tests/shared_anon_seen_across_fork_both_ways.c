/* EXPECT: exit 0 */
/*
 * MAP_SHARED|MAP_ANONYMOUS memory is one object shared by parent and child after fork:
 * a write by either is seen by the other, on a page touched before the fork and on
 * pages first touched after it (by either side), and a page first read (mapped
 * read-only) and then written stays shared. A MAP_PRIVATE|MAP_ANONYMOUS mapping next to
 * it stays private (copy on write), and a fork's MAP_SHARED memory outlives the parent's
 * munmap in the child.
 */
#include <check.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

static volatile unsigned char *shared, *private;

/* Wait for one byte on fd; it must be want. */
static void wait_for(int fd, char want)
{
	char c = 0;

	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, want);
}

static void tell(int fd, char c)
{
	CHECK_EQ(write(fd, &c, 1), 1);
}

int main(void)
{
	int to_child[2], to_parent[2], status;
	pid_t pid;

	shared = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED && private != MAP_FAILED, "mmap failed");
	CHECK_EQ(shared[3 * PAGE], 0); /* a hole reads as zeros */
	shared[0] = 1;
	private[0] = 1;
	CHECK_EQ(pipe(to_child), 0);
	CHECK_EQ(pipe(to_parent), 0);
	pid = fork();
	CHECK(pid >= 0, "fork failed");
	if (pid == 0) {
		CHECK_EQ(shared[0], 1);
		shared[0] = 2;          /* a page the parent touched */
		shared[PAGE] = 3;       /* a page nobody touched */
		CHECK_EQ(shared[2 * PAGE + 5], 0);
		private[0] = 9;         /* private: the parent keeps 1 */
		tell(to_parent[1], 'a');
		wait_for(to_child[0], 'b');
		CHECK_EQ(shared[2 * PAGE + 5], 4); /* read before, written by the parent since */
		CHECK_EQ(shared[3 * PAGE], 5);
		shared[3 * PAGE] = 6;   /* first read (read-only PTE), now written */
		tell(to_parent[1], 'c');
		wait_for(to_child[0], 'd');
		/* The parent has unmapped its view: ours still holds what was written. */
		CHECK_EQ(shared[0], 2);
		CHECK_EQ(shared[3 * PAGE], 6);
		_exit(0);
	}
	wait_for(to_parent[0], 'a');
	CHECK_EQ(shared[0], 2);
	CHECK_EQ(shared[PAGE], 3);
	CHECK_EQ(private[0], 1);
	shared[2 * PAGE + 5] = 4;
	shared[3 * PAGE] = 5;
	tell(to_child[1], 'b');
	wait_for(to_parent[0], 'c');
	CHECK_EQ(shared[3 * PAGE], 6);
	CHECK_EQ(munmap((void *)shared, 4 * PAGE), 0);
	tell(to_child[1], 'd');
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	printf("shared anonymous memory: both directions seen, private stayed private\n");
	return 0;
}
