/* EXPECT: exit 0 */
/* LAB: cow 25 */
/*
 * After fork, each side of a copy-on-write page sees only its own writes. A process
 * using more than half of RAM (user/harness/meminfo.h), every page of it written,
 * forks; in turns (pipes):
 *   1. the child writes its tag into every 16th page and checks it reads it back;
 *   2. the parent checks that its pages still hold its own tags (the child's writes
 *      went to copies), then writes new tags into the same pages;
 *   3. the child checks that its pages still hold the child's tags, and exits 0;
 *   4. the parent, alone now, checks its tags again, writes once more, reads back.
 */
#include <check.h>
#include <errno.h>
#include <meminfo.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define STEP 16

static unsigned long *big;
static size_t nr_pages;

static unsigned long tag(size_t i, int who)
{
	return 0xfeed00000000UL | ((unsigned long)who << 24) | i;
}

static unsigned long *word(size_t i)
{
	return &big[i * PAGE / sizeof(long) + i % (PAGE / sizeof(long))];
}

static void write_tags(int who)
{
	for (size_t i = 0; i < nr_pages; i += STEP)
		*word(i) = tag(i, who);
}

/* Check that every STEP-th page holds who's tag; when says at which turn. */
static void check_tags(int who, const char *when)
{
	for (size_t i = 0; i < nr_pages; i += STEP)
		CHECK(*word(i) == tag(i, who), "%s: page %zu holds %#lx, expected %#lx", when, i,
		      *word(i), tag(i, who));
}

static void wait_turn(int fd)
{
	char c;

	CHECK_EQ(read(fd, &c, 1), 1);
}

static void give_turn(int fd)
{
	CHECK_EQ(write(fd, "x", 1), 1);
}

int main(void)
{
	size_t len = more_than_half_of_ram();
	int to_parent[2], to_child[2], status;
	pid_t pid;

	nr_pages = len / PAGE;
	big = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap %zu MB: %s", len >> 20, strerror(errno));
	for (size_t i = 0; i < nr_pages; i++) /* every page: all of it is in use */
		*word(i) = tag(i, 0);
	CHECK_EQ(pipe(to_parent), 0);
	CHECK_EQ(pipe(to_child), 0);
	pid = fork();
	CHECK(pid >= 0, "fork of a process using %zu MB: %s", len >> 20, strerror(errno));
	if (pid == 0) {
		check_tags(0, "child, right after fork");
		write_tags(1);
		check_tags(1, "child, after its writes");
		give_turn(to_parent[1]);
		wait_turn(to_child[0]);
		check_tags(1, "child, after the parent's writes");
		_exit(0);
	}
	wait_turn(to_parent[0]);
	check_tags(0, "parent, after the child's writes");
	write_tags(2);
	check_tags(2, "parent, after its writes");
	give_turn(to_child[1]);
	CHECK_EQ(wait4(pid, &status, 0, NULL), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	check_tags(2, "parent, after the child exited");
	write_tags(3);
	check_tags(3, "parent, alone");
	CHECK_EQ(munmap(big, len), 0);
	return 0;
}
