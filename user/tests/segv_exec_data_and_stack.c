/* EXPECT: exit 0 */
/*
 * Memory that is writable is not executable (the program headers ask for a
 * non-executable stack, PT_GNU_STACK, and data is RW-): jumping to code copied into an
 * anonymous RW mapping, onto the stack, or into .data is SIGSEGV SEGV_ACCERR (the page
 * is mapped, but not for fetching) with si_addr and the saved pc both the target. To
 * show that the bytes were good code, the same mapping made PROT_READ | PROT_EXEC by
 * mprotect() then runs them: they return 42.
 */
#include <check.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096UL

/* A function that returns 42, as machine code. */
#if defined(__x86_64__)
static const unsigned char code_42[] = {
	0xb8, 0x2a, 0x00, 0x00, 0x00, /* mov $42, %eax */
	0xc3,                         /* ret */
};
#else
static const unsigned char code_42[] = {
	0x13, 0x05, 0xa0, 0x02, /* addi a0, zero, 42 */
	0x67, 0x80, 0x00, 0x00, /* jalr zero, 0(ra): ret */
};
#endif

static unsigned char data_code[64] __aligned(16) = { 1 }; /* in .data (initialised) */

static sigjmp_buf fault_env;
static siginfo_t fault_info; /* what the last fault's handler was given */
static unsigned long fault_pc;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	fault_info = *si;
	fault_pc = uc_pc(uc);
	siglongjmp(fault_env, 1);
}

/* Make the instruction fetches see the bytes just stored (RISC-V: fence.i). */
static void sync_icache(void)
{
#if defined(__riscv)
	__asm__ volatile(".4byte 0x0000100f" ::: "memory"); /* fence.i (Zifencei) */
#endif
}

/* Call the code at target. Returns the signal that stopped it (si in fault_info), or 0
 * with what it returned in *ret. */
static int try_call(const unsigned char *target, int *ret)
{
	sync_icache();
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	*ret = ((int (*)(void))target)();
	return 0;
}

static void expect_accerr(const char *name, unsigned char *target)
{
	int ret = 0, sig;

	memcpy(target, code_42, sizeof(code_42));
	sig = try_call(target, &ret);

	printf("jump to %s: %s %s si_addr=%s pc=%s\n", name, sig ? signal_name(sig) : "no signal",
	       sig ? si_code_name(sig, fault_info.si_code) : "",
	       fault_info.si_addr == target ? "target" : "elsewhere",
	       fault_pc == (unsigned long)target ? "target" : "elsewhere");
	CHECK(sig == SIGSEGV, "no fault: the code ran and returned %d", ret);
	CHECK_EQ(fault_info.si_code, SEGV_ACCERR);
	CHECK(fault_info.si_addr == target, "si_addr %p, expected %p", fault_info.si_addr,
	      (void *)target);
	CHECK(fault_pc == (unsigned long)target, "saved pc %#lx, expected %p", fault_pc,
	      (void *)target);
	memset(&fault_info, 0, sizeof(fault_info));
	fault_pc = 0;
}

static __noinline void jump_to_stack(void)
{
	unsigned char on_stack[64] __aligned(16);

	expect_accerr("the stack", on_stack);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	unsigned char *page;
	int ret = 0, sig;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED, "mmap: %s", strerror(errno));

	expect_accerr("an RW mapping", page);
	expect_accerr("an RW mapping + 0x800", page + 0x800);
	jump_to_stack();
	expect_accerr(".data", data_code);

	/* The same bytes, executable now (and no longer writable). */
	CHECK_EQ(mprotect(page, PAGE, PROT_READ | PROT_EXEC), 0);
	sig = try_call(page, &ret);
	printf("after mprotect(PROT_READ | PROT_EXEC): %s, returned %d\n",
	       sig ? signal_name(sig) : "no signal", ret);
	CHECK_EQ(sig, 0);
	CHECK_EQ(ret, 42);
	CHECK_EQ(munmap(page, PAGE), 0);
	return 0;
}
