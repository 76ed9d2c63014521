/* EXPECT: exit 0 */
/*
 * The stack is a VMA that grows down (VM_GROWSDOWN): a touch below it extends it, up to
 * the stack limit (8 MiB) and never closer than the guard gap (1 MiB) to the mapping
 * below it.
 *
 *   - 1 MiB below the current stack nothing is mapped (mincore: ENOMEM); a store there
 *     works, reads back, and the stack now covers the whole MiB, with only the page
 *     touched resident. Touching the rest of the MiB page by page raises ru_minflt by at
 *     least the number of pages touched.
 *   - 16 MiB below the stack, past the 8 MiB limit, a read is a wild access, not growth:
 *     SIGSEGV SEGV_MAPERR with si_addr the address.
 *   - With a mapping placed 3 MiB below the grown stack, the stack still grows to 1.5 MiB
 *     above that mapping, but not to 0.5 MiB above it (the guard gap): SEGV_MAPERR.
 *
 * The last two depend on the stack limit and on a stack that really grows, which Linux
 * gives only with RLIMIT_STACK at 8 MiB and not under qemu-user (whose guest stack is a
 * fixed 8 MiB mapping): their lines are diagnostics, checked where they apply.
 */
#include <check.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <unistd.h>

#define PAGE     4096UL
#define MIB      (1UL << 20)
#define NR_PAGES (MIB / PAGE)
#define STACK_LIMIT (8 * MIB) /* Linux's default RLIMIT_STACK, Faultline's fixed limit */

static sigjmp_buf fault_env;
static siginfo_t fault_info; /* what the last fault's handler was given */

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_info = *si;
	siglongjmp(fault_env, 1);
}

/* Store value at addr and read it back. Returns the signal that stopped it, or 0. */
static int try_store(unsigned long addr, unsigned long value)
{
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	*(volatile unsigned long *)addr = value;
	CHECK_EQ(*(volatile unsigned long *)addr, value);
	return 0;
}

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static bool is_mapped(unsigned long addr)
{
	unsigned char vec;

	if (mincore((void *)addr, PAGE, &vec) == 0)
		return true;
	CHECK(errno == ENOMEM, "mincore(%#lx): errno %d", addr, errno);
	return false;
}

/*
 * Whether a stack that grows on faults, with an 8 MiB limit, is what we run on: always
 * under Faultline; on Linux if RLIMIT_STACK is 8 MiB (/proc/self/limits) and we are not
 * under qemu-user.
 */
static bool real_growing_stack(void)
{
	static const char key[] = "Max stack size";
	static char buf[4096];
	int fd;
	ssize_t n;

	if (on_faultline())
		return true;
	if (under_qemu_user())
		return false;
	fd = open("/proc/self/limits", O_RDONLY);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (const char *line = buf; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (!strncmp(line, key, strlen(key)))
			return strtol(line + strlen(key), NULL, 10) == (long)STACK_LIMIT;
	}
	return false;
}

/* A wild access far below the stack, and one that would cross the guard gap. */
static void check_limits(unsigned long stack_low, unsigned long here)
{
	unsigned long wild = (here & ~(PAGE - 1)) - 16 * MIB + 0x40;
	unsigned long guard = stack_low - 3 * MIB, ok_addr, bad_addr;
	bool check = real_growing_stack();
	void *g;
	int sig;

	if (!check)
		note("not a growing stack with an 8 MiB limit here: these lines are not checked");
	sig = try_store(wild, 1);
	note("store 16 MiB below the stack: %s %s si_addr %s", sig ? signal_name(sig) : "no signal",
	     sig ? si_code_name(sig, fault_info.si_code) : "",
	     sig && (unsigned long)fault_info.si_addr == wild ? "exact" : "elsewhere");
	if (check) {
		CHECK_EQ(sig, SIGSEGV);
		CHECK_EQ(fault_info.si_code, SEGV_MAPERR);
		CHECK_EQ((unsigned long)fault_info.si_addr, wild);
	}

	g = mmap((void *)guard, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (g != (void *)guard) {
		CHECK(!check, "mmap 3 MiB below the stack: %p (%s)", g,
		      g == MAP_FAILED ? strerror(errno) : "elsewhere");
		note("cannot map 3 MiB below the stack here: no guard gap check");
		if (g != MAP_FAILED)
			munmap(g, PAGE);
		return;
	}
	ok_addr = guard + PAGE + MIB + MIB / 2;  /* 1.5 MiB above the mapping */
	bad_addr = guard + PAGE + MIB / 2 + 8;   /* 0.5 MiB above it */
	sig = try_store(ok_addr, 2);
	note("stack growth to 1.5 MiB above a mapping: %s", sig ? signal_name(sig) : "works");
	if (check)
		CHECK_EQ(sig, 0);
	sig = try_store(bad_addr, 3);
	note("stack growth to 0.5 MiB above a mapping: %s %s si_addr %s",
	     sig ? signal_name(sig) : "no signal", sig ? si_code_name(sig, fault_info.si_code) : "",
	     sig && (unsigned long)fault_info.si_addr == bad_addr ? "exact" : "elsewhere");
	if (check) {
		CHECK_EQ(sig, SIGSEGV);
		CHECK_EQ(fault_info.si_code, SEGV_MAPERR);
		CHECK_EQ((unsigned long)fault_info.si_addr, bad_addr);
	}
	CHECK_EQ(munmap(g, PAGE), 0);
}

int main(void)
{
	static unsigned char vec[NR_PAGES];
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };
	volatile char here = 0;
	unsigned long here_addr = (unsigned long)&here;
	unsigned long low = (here_addr & ~(PAGE - 1)) - MIB; /* 1 MiB below the stack */
	long before, after, nr_touched = 0;
	int sig;

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
	if (is_mapped(low)) {
		CHECK(under_qemu_user(), "1 MiB below the stack is mapped already");
		note("qemu-user: the guest stack is one fixed mapping, already there");
	}

	before = minflt();
	sig = try_store(low + 0x18, 0x57ac4);
	after = minflt();
	printf("store 1 MiB below the stack: %s, reads back\n", sig ? signal_name(sig) : "works");
	CHECK_EQ(sig, 0);
	CHECK(after > before, "ru_minflt did not rise (%ld, then %ld)", before, after);

	/* The stack covers the MiB now; only its lowest page and the top are resident. */
	CHECK_EQ(mincore((void *)low, MIB, vec), 0);
	CHECK_EQ(vec[0] & 1, 1);
	for (unsigned long i = 1; i < NR_PAGES - 64; i++)
		CHECK(!(vec[i] & 1), "stack page 1 MiB - %lu pages below is resident, untouched",
		      NR_PAGES - i);
	printf("mincore: the stack covers the MiB; resident: its lowest page, not the %lu above\n",
	       NR_PAGES - 65);

	/* Touch the rest of the MiB but for its top 256 KiB (in use already, maybe). */
	before = minflt();
	for (unsigned long i = 1; i < NR_PAGES - 64; i++, nr_touched++)
		CHECK_EQ(try_store(low + i * PAGE, i), 0);
	after = minflt();
	for (unsigned long i = 1; i < NR_PAGES - 64; i++)
		CHECK_EQ(*(volatile unsigned long *)(low + i * PAGE), i);
	CHECK_EQ(*(volatile unsigned long *)(low + 0x18), 0x57ac4);
	printf("touched %ld more stack pages: ru_minflt rose by at least that: %s\n", nr_touched,
	       after - before >= nr_touched ? "yes" : "no");
	note("ru_minflt rose by %ld", after - before);
	CHECK(after - before >= nr_touched, "ru_minflt rose by %ld for %ld new pages",
	      after - before, nr_touched);

	check_limits(low, here_addr);
	return 0;
}
