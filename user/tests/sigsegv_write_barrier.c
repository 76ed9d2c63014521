/* EXPECT: exit 0 */
/*
 * The write-barrier pattern of garbage collectors and checkpointers: keep memory
 * read-only, and let a SIGSEGV handler note the first write to each page, make that
 * page writable with mprotect() and return, so that the write runs again and succeeds.
 *
 * Over 8 pages, writes go to pages 5, 2, 5, 7, 2, 0, 5 (several to some, at different
 * offsets): exactly 4 faults, one per distinct page, in first-write order, each
 * SEGV_ACCERR with si_addr the byte of that first write; reads never fault, and every
 * write landed. Re-armed (all 8 read-only again in one mprotect()), writes to pages 2,
 * 6 and 2 trap twice. The handler counts no fault it did not expect.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE     4096UL
#define NR_PAGES 8

static unsigned char *heap;           /* the watched pages */
static int dirty_order[NR_PAGES * 2]; /* pages in the order their first write trapped */
static unsigned long dirty_offset[NR_PAGES * 2]; /* si_addr - heap of each trap */
static int nr_traps;
static int stray_traps;               /* faults that were not first writes to heap */

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	unsigned long offset = (unsigned long)((unsigned char *)si->si_addr - heap);

	(void)sig;
	(void)uc;
	if (si->si_code != SEGV_ACCERR || offset >= NR_PAGES * PAGE ||
	    nr_traps == ARRAY_SIZE(dirty_order)) {
		stray_traps++;
		signal(SIGSEGV, SIG_DFL); /* do not loop: the fault kills us when it comes back */
		return;
	}
	dirty_order[nr_traps] = (int)(offset / PAGE);
	dirty_offset[nr_traps++] = offset;
	if (mprotect(heap + (offset & ~(PAGE - 1)), PAGE, PROT_READ | PROT_WRITE))
		stray_traps++;
}

struct store {
	int page;
	unsigned long offset;
	unsigned char value;
};

static void run(const char *name, const struct store *stores, int nr_stores,
		const int *want_order, int nr_want)
{
	unsigned long sum = 0;

	nr_traps = 0;
	for (int i = 0; i < NR_PAGES; i++)
		sum += heap[i * PAGE + 17]; /* reads: never a trap */
	CHECK_EQ(nr_traps, 0);
	for (int i = 0; i < nr_stores; i++)
		((volatile unsigned char *)heap)[stores[i].page * PAGE + stores[i].offset] =
			stores[i].value;
	for (int i = 0; i < nr_stores; i++) {
		int last = i;

		for (int j = i + 1; j < nr_stores; j++)
			if (stores[j].page == stores[i].page && stores[j].offset == stores[i].offset)
				last = j;
		CHECK_EQ(heap[stores[i].page * PAGE + stores[i].offset], stores[last].value);
	}

	printf("%s: %d stores, %d traps, pages", name, nr_stores, nr_traps);
	for (int i = 0; i < nr_traps; i++)
		printf(" %d@%#lx", dirty_order[i], dirty_offset[i] % PAGE);
	printf("\n");
	CHECK_EQ(stray_traps, 0);
	CHECK_EQ(nr_traps, nr_want);
	for (int i = 0; i < nr_want; i++) {
		unsigned long first = 0;

		CHECK_EQ(dirty_order[i], want_order[i]);
		for (int j = nr_stores - 1; j >= 0; j--)
			if (stores[j].page == want_order[i])
				first = stores[j].page * PAGE + stores[j].offset;
		CHECK_EQ(dirty_offset[i], first); /* the first write to it trapped */
	}
	(void)sum;
}

int main(void)
{
	static const struct store first[] = {
		{ 5, 0x100, 1 }, { 2, 0x8, 2 }, { 5, 0xff0, 3 }, { 7, 0, 4 },
		{ 2, 0x8, 5 },   { 0, 0xfff, 6 }, { 5, 0x100, 7 },
	};
	static const int first_order[] = { 5, 2, 7, 0 };
	static const struct store second[] = { { 2, 0x40, 8 }, { 6, 0x123, 9 }, { 2, 0x41, 10 } };
	static const int second_order[] = { 2, 6 };
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	heap = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(heap != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(heap, 0xaa, NR_PAGES * PAGE);

	CHECK_EQ(mprotect(heap, NR_PAGES * PAGE, PROT_READ), 0);
	run("armed", first, ARRAY_SIZE(first), first_order, ARRAY_SIZE(first_order));
	CHECK_EQ(mprotect(heap, NR_PAGES * PAGE, PROT_READ), 0);
	run("re-armed", second, ARRAY_SIZE(second), second_order, ARRAY_SIZE(second_order));

	CHECK_EQ(heap[1 * PAGE], 0xaa); /* never written */
	CHECK_EQ(heap[0 * PAGE + 0xfff], 6);
	CHECK_EQ(munmap(heap, NR_PAGES * PAGE), 0);
	return 0;
}
