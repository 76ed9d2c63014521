/* EXPECT: exit 0 */
/*
 * The upper half of every address space is the kernel's: its pages are mapped, but
 * without the user bit, so user mode touching them faults. Linux (and Faultline) do
 * not tell user space whether anything is there: every access is SIGSEGV SEGV_MAPERR
 * with si_addr the address, whether it is the kernel image, the direct map of
 * physical memory, or the very last page. A read, a write and a jump are all refused,
 * and the program carries on.
 */
#include <check.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>

#if defined(__x86_64__)
#define DIRECT_MAP 0xffff888000000000UL /* Linux's page_offset_base with 4-level paging */
#else
#define DIRECT_MAP 0xffffffd800000000UL /* Linux's PAGE_OFFSET with Sv39 */
#endif
#define LAST_PAGE 0xfffffffffffff000UL

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

static void expect_maperr(enum access how, const char *name, unsigned long addr)
{
	int sig = try_access(how, addr);

	printf("%s %s: %s %s si_addr=%s\n", access_name[how], name,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig && (unsigned long)probe_info.si_addr == addr ? name : "elsewhere");
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_MAPERR);
	CHECK_EQ((unsigned long)probe_info.si_addr, addr);
	if (how == FETCH)
		CHECK(probe_pc == addr, "saved pc %#lx, expected the target %#lx", probe_pc, addr);
}

int main(void)
{
	static const struct {
		const char *name;
		unsigned long addr;
	} targets[] = {
		{ "KERNEL_IMAGE", KERNEL_IMAGE },
		{ "KERNEL_IMAGE+0x1008", KERNEL_IMAGE + 0x1008 },
		{ "DIRECT_MAP", DIRECT_MAP },
		{ "LAST_PAGE", LAST_PAGE },
	};

	for (size_t i = 0; i < ARRAY_SIZE(targets); i++) {
		expect_maperr(READ, targets[i].name, targets[i].addr);
		expect_maperr(WRITE, targets[i].name, targets[i].addr);
		expect_maperr(FETCH, targets[i].name, targets[i].addr);
	}
	return 0;
}
