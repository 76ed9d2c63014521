/* EXPECT: exit 0 */
/*
 * A SIGSEGV handler that removes the cause and returns makes the faulting instruction
 * run again, and this time it succeeds: the handler runs exactly once per fault.
 *
 *   store to a read-only page       SEGV_ACCERR; the handler mprotect()s it RW
 *   load from a PROT_NONE page      SEGV_ACCERR; the handler mprotect()s it R
 *   store to an unmapped page       SEGV_MAPERR; the handler mmap()s it there
 *
 * This is how user-level pagers, garbage collectors and checkpointers use SIGSEGV.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096

static char *page;          /* the page the accesses go to */
static int fix_prot;        /* what the handler makes it: PROT_* or -1 (map it) */
static int nr_faults;       /* handler runs */
static int last_code;       /* si_code of the last one */
static long last_offset;    /* si_addr - page of the last one */

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	nr_faults++;
	last_code = si->si_code;
	last_offset = (char *)si->si_addr - page;
	if (nr_faults > 1)
		check_failed(__FILE__, __LINE__, "the fault came back after the handler fixed it");
	if (fix_prot >= 0)
		CHECK_EQ(mprotect(page, PAGE, fix_prot), 0);
	else
		CHECK(mmap(page, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
			   -1, 0) == page, "mmap in the handler: %s", strerror(errno));
}

static void report(const char *what, long value)
{
	printf("%s: %d SIGSEGV (%s at page+%#lx), then value %#lx\n", what, nr_faults,
	       si_code_name(SIGSEGV, last_code), last_offset, value);
	CHECK_EQ(nr_faults, 1);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	volatile long *word;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED, "mmap: %s", strerror(errno));
	word = (volatile long *)(page + 0x10);

	fix_prot = PROT_READ | PROT_WRITE;
	*word = 0x1234;
	report("store to a read-only page", *word);
	CHECK_EQ(last_code, SEGV_ACCERR);
	CHECK_EQ(last_offset, 0x10);
	CHECK_EQ(*word, 0x1234);

	CHECK_EQ(mprotect(page, PAGE, PROT_NONE), 0);
	nr_faults = 0;
	fix_prot = PROT_READ;
	report("load from a PROT_NONE page", *word);
	CHECK_EQ(last_code, SEGV_ACCERR);
	CHECK_EQ(*word, 0x1234);

	CHECK_EQ(munmap(page, PAGE), 0);
	nr_faults = 0;
	fix_prot = -1;
	word[1] = 0x5678;
	report("store to an unmapped page", word[1]);
	CHECK_EQ(last_code, SEGV_MAPERR);
	CHECK_EQ(last_offset, 0x18);
	CHECK_EQ(word[0], 0); /* a new, zero-filled page */
	CHECK_EQ(word[1], 0x5678);
	return 0;
}
