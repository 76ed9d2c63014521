/* EXPECT: exit 0 */
/* LAB: cow 20 */
/*
 * A page shared by three processes: a process using more than half of RAM
 * (user/harness/meminfo.h) forks two children, so each of its pages is mapped three
 * times. In turns (pipes), the first child writes its tag into every 64th page, then
 * the second child, then the parent; each checks after its own writes and after each
 * later writer's that it reads only its own tags. The children exit 0; the parent,
 * the last holder of the pages it had not written, reads its own tags throughout.
 */
#include <check.h>
#include <errno.h>
#include <meminfo.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define STEP 64

static unsigned long *big;
static size_t nr_pages;

static unsigned long tag(size_t i, int who)
{
	return 0x3b0000000000UL | ((unsigned long)who << 24) | i;
}

static void write_tags(int who)
{
	for (size_t i = 0; i < nr_pages; i += STEP)
		big[i * PAGE / sizeof(long)] = tag(i, who);
}

static void check_tags(int who, const char *when)
{
	for (size_t i = 0; i < nr_pages; i += STEP)
		CHECK(big[i * PAGE / sizeof(long)] == tag(i, who),
		      "process %d %s: page %zu holds %#lx, expected %#lx", who, when, i,
		      big[i * PAGE / sizeof(long)], tag(i, who));
	/* A page nobody but the parent wrote: the parent's tag from before fork. */
	CHECK(big[PAGE / sizeof(long)] == tag(1, 0), "process %d %s: page 1 holds %#lx", who,
	      when, big[PAGE / sizeof(long)]);
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

/* Child who (1 or 2): wait for its turn on in, write, check, pass the turn to out, then
 * wait for the end on done and check again. */
static void child(int who, int in, int out, int done)
{
	check_tags(0, "before writing");
	wait_turn(in);
	check_tags(0, "before its turn");
	write_tags(who);
	check_tags(who, "after its writes");
	give_turn(out);
	wait_turn(done);
	check_tags(who, "after every writer");
	_exit(0);
}

int main(void)
{
	size_t len = more_than_half_of_ram();
	int turn1[2], turn2[2], turn_parent[2], done[2], status;
	pid_t pid[2];

	nr_pages = len / PAGE;
	big = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(big != MAP_FAILED, "mmap %zu MB: %s", len >> 20, strerror(errno));
	for (size_t i = 0; i < nr_pages; i++)
		big[i * PAGE / sizeof(long)] = tag(i, 0);
	CHECK_EQ(pipe(turn1), 0);
	CHECK_EQ(pipe(turn2), 0);
	CHECK_EQ(pipe(turn_parent), 0);
	CHECK_EQ(pipe(done), 0);
	for (int c = 0; c < 2; c++) {
		pid[c] = fork();
		CHECK(pid[c] >= 0, "fork %d of a process using %zu MB: %s", c + 1, len >> 20,
		      strerror(errno));
		if (pid[c] == 0) {
			if (c == 0)
				child(1, turn1[0], turn2[1], done[0]);
			child(2, turn2[0], turn_parent[1], done[0]);
		}
	}
	give_turn(turn1[1]);
	wait_turn(turn_parent[0]);
	check_tags(0, "after both children wrote");
	write_tags(3);
	CHECK_EQ(write(done[1], "xx", 2), 2);
	for (int c = 0; c < 2; c++) {
		CHECK_EQ(wait4(pid[c], &status, 0, NULL), pid[c]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: %s", c + 1,
		      status_str(status));
	}
	check_tags(3, "at the end");
	CHECK_EQ(munmap(big, len), 0);
	return 0;
}
