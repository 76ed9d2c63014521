/* EXPECT: exit 0 */
/*
 * Copy-on-write after fork: parent and child share every page until one of them
 * writes, and then the writer gets its own copy; nobody ever sees another's writes.
 *
 *   - Parent and child: the child sees what the parent wrote before fork, writes its
 *     own value over it, and the parent still reads its own, before and after the
 *     child has exited; then the parent writes again (the frame is its alone now).
 *   - A fork tree of depth 3 (15 processes, two children each): every process writes
 *     its own value into its level's slot of each of 16 pages, checks that its
 *     ancestors' slots hold what they wrote and the deeper slots are still zero, forks
 *     its two children, waits for them, and checks again: nothing it reads changed.
 *
 * Faultline counts copies in /proc/vmstat's faultline_cow: it rises by at least one per
 * page each of the 14 non-root processes wrote.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE      4096UL
#define NR_PAGES  16
#define DEPTH     3 /* levels below the root */
#define NR_LEVELS (DEPTH + 1)

/* Each page: one slot per level of the tree. */
struct page_slots {
	unsigned long slot[NR_LEVELS];
};

static struct page_slots *pages[NR_PAGES];

/* What the process numbered id (root 1, children 2 id and 2 id + 1) at level writes. */
static unsigned long tag(int level, unsigned long id, int page)
{
	return 0xc0000000UL | ((unsigned long)level << 20) | (id << 8) | (unsigned long)page;
}

/* Check slots 0..level: ancestor (or own) values; the deeper ones: zero. 0 or 1. */
static int slots_ok(int level, unsigned long id, const char *when)
{
	for (int p = 0; p < NR_PAGES; p++) {
		for (int l = 0; l < NR_LEVELS; l++) {
			unsigned long want = l <= level ? tag(l, id >> (level - l), p) : 0;

			if (pages[p]->slot[l] != want) {
				note("process %lu (level %d) %s: page %d slot %d is %#lx, expected %#lx",
				     id, level, when, p, l, pages[p]->slot[l], want);
				return 1;
			}
		}
	}
	return 0;
}

/* The process numbered id at level: write, fork the subtree, check. Its exit status. */
static int node(int level, unsigned long id)
{
	const struct timespec pause = { 0, 1000 * 1000 };
	pid_t child[2];
	int bad = 0;

	for (int p = 0; p < NR_PAGES; p++)
		pages[p]->slot[level] = tag(level, id, p);
	if (slots_ok(level, id, "after its writes"))
		return 1;
	if (level == DEPTH) {
		nanosleep(&pause, NULL); /* let a sibling write meanwhile */
		return slots_ok(level, id, "a little later");
	}
	for (int c = 0; c < 2; c++) {
		child[c] = fork();
		CHECK(child[c] >= 0, "fork: %s", strerror(errno));
		if (child[c] == 0)
			_exit(node(level + 1, 2 * id + (unsigned long)c));
	}
	for (int c = 0; c < 2; c++) {
		int status = wait_child(child[c], 0);

		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			note("process %lu: its child %lu %s", id, 2 * id + (unsigned long)c,
			     status_str(status));
			bad = 1;
		}
	}
	return bad | slots_ok(level, id, "after its children");
}

static volatile unsigned long *shared_word;

static int child_writes(void *arg)
{
	(void)arg;
	if (*shared_word != 0x1111)
		return 1;
	*shared_word = 0x2222;
	return *shared_word == 0x2222 ? 0 : 2;
}

int main(void)
{
	unsigned char *area;
	long cow_before, cow_after;
	int status;

	area = mmap(NULL, (NR_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	for (int p = 0; p < NR_PAGES; p++)
		pages[p] = (struct page_slots *)(area + (unsigned long)p * PAGE + 8 * p);
	shared_word = (unsigned long *)(area + NR_PAGES * PAGE);

	*shared_word = 0x1111;
	status = run_in_child(child_writes, NULL);
	printf("child: saw the parent's 0x1111, wrote 0x2222: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %s", status_str(status));
	printf("parent after the child: %#lx\n", *shared_word);
	CHECK_EQ(*shared_word, 0x1111);
	*shared_word = 0x3333;
	CHECK_EQ(*shared_word, 0x3333);

	cow_before = vmstat_counter("faultline_cow");
	status = node(0, 1);
	cow_after = vmstat_counter("faultline_cow");
	printf("fork tree of depth %d, %d processes, %d pages each: %s\n", DEPTH,
	       (1 << NR_LEVELS) - 1, NR_PAGES,
	       status ? "someone saw another's write" : "every value where it belongs");
	CHECK_EQ(status, 0);
	note("faultline_cow: %ld, then %ld", cow_before, cow_after);
	if (on_faultline())
		CHECK(cow_after - cow_before >= ((1 << NR_LEVELS) - 2) * NR_PAGES,
		      "faultline_cow rose by %ld for %d pages written by %d children",
		      cow_after - cow_before, NR_PAGES, (1 << NR_LEVELS) - 2);
	CHECK_EQ(munmap(area, (NR_PAGES + 1) * PAGE), 0);
	return 0;
}
