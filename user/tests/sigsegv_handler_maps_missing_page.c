/* EXPECT: exit 0 */
/*
 * A user-level pager: a SIGSEGV handler that maps the missing page with MAP_FIXED,
 * fills it, and returns, so that the access runs again and finds the page.
 *
 * A 16-page range is reserved and unmapped. Loads from pages 3, 9, 3, 0, 15, 9 fault
 * once per distinct page (SEGV_MAPERR, si_addr the word loaded) and read what the
 * handler filled in; a store to untouched page 12 faults once, and the page holds the
 * handler's fill plus the store. The handler sees each fault at the exact address.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE     4096UL
#define NR_PAGES 16
#define WORDS    (PAGE / sizeof(unsigned long))

static unsigned char *range;  /* NR_PAGES pages that start out unmapped */
static int nr_faults;
static int fault_pages[NR_PAGES];
static unsigned long fault_offsets[NR_PAGES];
static int bad_faults;        /* not MAPERR in the range, or mmap failed */

/* What the pager fills word w of page p with. */
static unsigned long fill(int p, unsigned long w)
{
	return 0xfeed000000UL | ((unsigned long)p << 16) | w;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	unsigned long offset = (unsigned long)((unsigned char *)si->si_addr - range);
	unsigned long *page;
	int p = (int)(offset / PAGE);

	(void)sig;
	(void)uc;
	if (si->si_code != SEGV_MAPERR || offset >= NR_PAGES * PAGE || nr_faults == NR_PAGES) {
		bad_faults++;
		signal(SIGSEGV, SIG_DFL);
		return;
	}
	fault_pages[nr_faults] = p;
	fault_offsets[nr_faults++] = offset;
	page = mmap(range + p * PAGE, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (page != (unsigned long *)(range + p * PAGE)) {
		bad_faults++;
		signal(SIGSEGV, SIG_DFL);
		return;
	}
	for (unsigned long w = 0; w < WORDS; w++)
		page[w] = fill(p, w);
}

static unsigned long load(int p, unsigned long w)
{
	return ((volatile unsigned long *)(range + p * PAGE))[w];
}

int main(void)
{
	static const struct {
		int page;
		unsigned long word;
	} loads[] = { { 3, 0 }, { 9, 17 }, { 3, 511 }, { 0, 5 }, { 15, 100 }, { 9, 18 } };
	static const int want_pages[] = { 3, 9, 0, 15, 12 };
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	volatile unsigned long *store_at;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	range = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		     -1, 0);
	CHECK(range != MAP_FAILED, "mmap: %s", strerror(errno));
	CHECK_EQ(munmap(range, NR_PAGES * PAGE), 0);

	for (size_t i = 0; i < ARRAY_SIZE(loads); i++) {
		unsigned long got = load(loads[i].page, loads[i].word);

		CHECK(got == fill(loads[i].page, loads[i].word), "load %zu: %#lx, expected %#lx",
		      i, got, fill(loads[i].page, loads[i].word));
	}
	printf("%zu loads from 4 distinct unmapped pages: %d faults, each filled in\n",
	       ARRAY_SIZE(loads), nr_faults);
	CHECK_EQ(bad_faults, 0);
	CHECK_EQ(nr_faults, 4);

	store_at = (volatile unsigned long *)(range + 12 * PAGE) + 40;
	*store_at = 0x5707e;
	printf("a store to unmapped page 12: %d fault, the store landed %d, the fill around "
	       "it %d\n", nr_faults - 4, *store_at == 0x5707e,
	       store_at[-1] == fill(12, 39) && store_at[1] == fill(12, 41));
	CHECK_EQ(nr_faults, 5);
	CHECK_EQ(*store_at, 0x5707e);
	CHECK_EQ(store_at[-1], fill(12, 39));
	CHECK_EQ(store_at[1], fill(12, 41));

	for (int i = 0; i < nr_faults; i++) {
		CHECK_EQ(fault_pages[i], want_pages[i]);
		printf("fault %d: page %d + %#lx\n", i, fault_pages[i], fault_offsets[i] % PAGE);
	}
	CHECK_EQ(fault_offsets[0], 3 * PAGE);
	CHECK_EQ(fault_offsets[1], 9 * PAGE + 17 * sizeof(long));
	CHECK_EQ(fault_offsets[2], 0 * PAGE + 5 * sizeof(long));
	CHECK_EQ(fault_offsets[3], 15 * PAGE + 100 * sizeof(long));
	CHECK_EQ(fault_offsets[4], 12 * PAGE + 40 * sizeof(long));
	CHECK_EQ(munmap(range, NR_PAGES * PAGE), 0);
	return 0;
}
