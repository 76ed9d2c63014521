/* EXPECT: exit 0 */
/* LAB: traps 30 */
/*
 * An instruction fetch is its own kind of access: a jump into memory that may be read
 * but not executed is SIGSEGV SEGV_ACCERR (the page is mapped, not for fetching), with
 * si_addr and the saved pc both the jump's target, whether the page is
 *
 *   - anonymous RW- and present (written just before),
 *   - anonymous R-- and never touched (not present: the fetch is its first access),
 *   - the program's .rodata (a file-backed R-- segment),
 *   - the stack (PT_GNU_STACK asks for no execute permission).
 *
 * A jump to an address no mapping covers is SEGV_MAPERR instead. The kernel learns that
 * an access was a fetch only from the trap (RISC-V scause 12, the I/D bit of the x86 #PF
 * error code): a decode that takes a fetch for a read finds the page readable and
 * returns to the jump, which faults again, and again. So each jump runs in a child with
 * a watchdog alarm: such a child dies of SIGALRM instead of its SIGSEGV.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL
#define WATCHDOG_SEC 10 /* only for a fetch that never ends in a signal */

static const unsigned char rodata_bytes[64] __aligned(16) = { 0x90 };

struct jump {
	const char *what;
	unsigned long target;
	int si_code; /* the SIGSEGV expected */
};

/* In the child: jump to j->target; 0 if the fault was the one expected. */
static int jump_and_check(void *arg)
{
	const struct jump *j = arg;
	int sig;

	alarm(WATCHDOG_SEC);
	sig = probe_fetch(j->target);
	printf("jump to %s: %s %s si_addr=%s pc=%s\n", j->what,
	       sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, probe_info.si_code) : "",
	       (unsigned long)probe_info.si_addr == j->target ? "target" : "elsewhere",
	       probe_pc == j->target ? "target" : "elsewhere");
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(probe_info.si_code, j->si_code);
	CHECK_EQ((unsigned long)probe_info.si_addr, j->target);
	CHECK_EQ(probe_pc, j->target);
	return 0;
}

static void expect_fault(const char *what, unsigned long target, int si_code)
{
	struct jump j = { what, target, si_code };
	int status = run_in_child(jump_and_check, &j);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "jump to %s: child %s", what,
	      status_str(status));
}

static __noinline void jump_to_stack(void)
{
	unsigned char on_stack[64] __aligned(16);

	memset(on_stack, 0, sizeof(on_stack));
	expect_fault("the stack", (unsigned long)on_stack, SEGV_ACCERR);
}

int main(void)
{
	unsigned char *rw, *ro, *hole;

	rw = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hole = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(rw != MAP_FAILED && ro != MAP_FAILED && hole != MAP_FAILED, "mmap: %s",
	      strerror(errno));
	CHECK_EQ(munmap(hole, PAGE), 0);
	memset(rw, 0, PAGE); /* present, writable, not executable */

	expect_fault("an RW- page", (unsigned long)rw + 0x40, SEGV_ACCERR);
	expect_fault("an untouched R-- page", (unsigned long)ro + 0x800, SEGV_ACCERR);
	expect_fault(".rodata", (unsigned long)rodata_bytes, SEGV_ACCERR);
	jump_to_stack();
	expect_fault("an unmapped page", (unsigned long)hole + 0x10, SEGV_MAPERR);
	return 0;
}
