/* EXPECT: exit 0 */
/*
 * A guard page: the middle page of three made PROT_NONE. Reads and writes of it are
 * SIGSEGV SEGV_ACCERR (it is mapped, but allows nothing) with si_addr the byte touched;
 * a copy that runs off the end of the first page stops exactly at the guard's first
 * byte, after storing every byte before it; the pages on either side are untouched by
 * all this. mincore() sees the guard as mapped but not resident. Made RW again, the
 * guard reads as zero and keeps what is written.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>

#define PAGE 4096UL

static sigjmp_buf fault_env;
static siginfo_t fault_info; /* what the last fault's handler was given */

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_info = *si;
	siglongjmp(fault_env, 1);
}

static unsigned char *area; /* three pages: data, guard, data */

/* Read (or write) area[offset]. Returns the signal that stopped it, or 0. */
static int try_access(unsigned long offset, bool write)
{
	return write ? probe_write(area + offset, 0xee) : probe_read(area + offset);
}

static void expect_accerr(unsigned long offset, bool write)
{
	int sig = try_access(offset, write);

	printf("%s guard+%#lx: %s %s si_addr=area+%#lx\n", write ? "write" : "read",
	       offset - PAGE, sig ? signal_name(sig) : "no signal",
	       sig ? si_code_name(sig, probe_info.si_code) : "",
	       sig ? (unsigned long)((unsigned char *)probe_info.si_addr - area) : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, SEGV_ACCERR);
	CHECK(probe_info.si_addr == area + offset, "si_addr %p, expected %p", probe_info.si_addr,
	      (void *)(area + offset));
}

/* Copy len bytes of 0x77 to area + offset, one at a time, as a runaway loop would.
 * Returns the signal that stopped it, or 0. */
static int try_runaway_copy(unsigned long offset, unsigned long len)
{
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	for (volatile unsigned long i = 0; i < len; i++)
		((volatile unsigned char *)area)[offset + i] = 0x77;
	return 0;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	unsigned char vec[3];
	int sig;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(area, 0x11, PAGE);
	memset(area + 2 * PAGE, 0x33, PAGE);
	CHECK_EQ(mprotect(area + PAGE, PAGE, PROT_NONE), 0);

	expect_accerr(PAGE, false);
	expect_accerr(PAGE, true);
	expect_accerr(PAGE + 0x7ff, false);
	expect_accerr(2 * PAGE - 1, true);

	sig = try_runaway_copy(PAGE - 16, 64);
	printf("runaway copy from guard-16: %s %s si_addr=area+%#lx\n",
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, fault_info.si_code) : "",
	       sig ? (unsigned long)((unsigned char *)fault_info.si_addr - area) : 0);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(fault_info.si_code, SEGV_ACCERR);
	CHECK(fault_info.si_addr == area + PAGE, "the copy stopped at %p, not at the guard %p",
	      fault_info.si_addr, (void *)(area + PAGE));
	for (unsigned long i = 0; i < PAGE; i++)
		CHECK(area[i] == (i < PAGE - 16 ? 0x11 : 0x77), "area[%#lx] is %#x", i, area[i]);
	for (unsigned long i = 2 * PAGE; i < 3 * PAGE; i++)
		CHECK(area[i] == 0x33, "area[%#lx] beyond the guard is %#x", i, area[i]);

	for (int i = 0; i < 3; i++) {
		int r = mincore(area + i * PAGE, PAGE, &vec[i]);

		if (r && errno == ENOMEM && i == 1 && under_qemu_user()) {
			note("qemu-user: mincore() of a PROT_NONE page fails with ENOMEM");
			vec[i] = 0;
			continue;
		}
		CHECK(r == 0, "mincore(area + %d pages): %s", i, strerror(errno));
	}
	printf("mincore: data %d, guard %d, data %d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1);
	CHECK_EQ(vec[0] & 1, 1);
	CHECK_EQ(vec[1] & 1, 0);
	CHECK_EQ(vec[2] & 1, 1);

	CHECK_EQ(mprotect(area + PAGE, PAGE, PROT_READ | PROT_WRITE), 0);
	for (unsigned long i = PAGE; i < 2 * PAGE; i++)
		CHECK(area[i] == 0, "the guard page, made RW, has %#x at +%#lx", area[i], i - PAGE);
	area[PAGE + 5] = 0x22;
	CHECK_EQ(area[PAGE + 5], 0x22);
	printf("made RW again: reads zero, keeps a write\n");
	CHECK_EQ(munmap(area, 3 * PAGE), 0);
	return 0;
}
