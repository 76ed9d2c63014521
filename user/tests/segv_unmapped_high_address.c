/* EXPECT: exit 0 */
/*
 * An address high in user space that nothing maps (half-way up: far above the program
 * and its heap, far below the mappings and the stack) faults like NULL does: SIGSEGV
 * SEGV_MAPERR with si_addr the byte accessed, for a read, a write and an instruction
 * fetch (where the saved pc is the target too). The kernel is asked first, with
 * mincore(), that nothing is mapped there (ENOMEM), so the test cannot touch something
 * by luck. On x86_64 the same holds for the first page above user space (0x7ffffffff000,
 * still a canonical lower-half address, but not one user space may map).
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman_extra.h>

#define PAGE 4096UL
#define HALF_WAY ((USER_TOP / 2) & ~(PAGE - 1))

enum access { READ, WRITE, FETCH };
static const char *const access_name[] = { "read", "write", "fetch" };

/* Access the byte at addr. Returns the signal that stopped it, or 0. */
static int try_access(enum access how, unsigned long addr)
{
	if (how == READ)
		return probe_read((void *)addr);
	if (how == WRITE)
		return probe_write((void *)addr, 1);
	return probe_fetch(addr);
}

static void expect_maperr(enum access how, const char *base_name, unsigned long base,
			  unsigned long offset)
{
	unsigned long addr = base + offset;
	int sig = try_access(how, addr);
	unsigned long got_off = (unsigned long)probe_info.si_addr - base;

	printf("%s %s+%#lx: %s %s si_addr=%s+%#lx\n", access_name[how], base_name, offset,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       base_name, sig ? got_off : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	CHECK_EQ((unsigned long)probe_info.si_addr, addr);
	if (how == FETCH)
		CHECK(probe_pc == addr, "saved pc %#lx, expected the target %#lx", probe_pc, addr);
}

/* Fail unless mincore() says that nothing is mapped at [addr, addr + PAGE). */
static void check_unmapped(unsigned long addr)
{
	unsigned char vec;

	CHECK(mincore((void *)addr, PAGE, &vec) == -1 && errno == ENOMEM,
	      "mincore(%#lx) says something is mapped there (errno %d)", addr, errno);
}

int main(void)
{
	check_unmapped(HALF_WAY);
	expect_maperr(READ, "HALF_WAY", HALF_WAY, 0);
	expect_maperr(WRITE, "HALF_WAY", HALF_WAY, 0);
	expect_maperr(READ, "HALF_WAY", HALF_WAY, PAGE - 1);
	expect_maperr(WRITE, "HALF_WAY", HALF_WAY, 0x123);
	expect_maperr(FETCH, "HALF_WAY", HALF_WAY, 0);
	expect_maperr(FETCH, "HALF_WAY", HALF_WAY, 0x800);
	/* Still nothing there: a fault that was refused maps nothing. */
	check_unmapped(HALF_WAY);
#if defined(__x86_64__)
	expect_maperr(READ, "USER_TOP", USER_TOP, 0);
	expect_maperr(WRITE, "USER_TOP", USER_TOP, 8);
	expect_maperr(FETCH, "USER_TOP", USER_TOP, 0);
#endif
	return 0;
}
