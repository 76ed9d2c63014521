/* EXPECT: exit 0 */
/*
 * Stack growth at the awkward places, each in its own child (a fresh copy of the stack):
 *
 *   - a PROT_READ mapping 600 KiB below the stack is within the guard gap of the growth
 *     to 592 KiB: a store there is SIGSEGV SEGV_MAPERR at the address. Made PROT_NONE,
 *     the same mapping no longer counts (Linux's guard gap only keeps the stack away
 *     from mappings that can be accessed) and the same store grows the stack;
 *   - a page munmapped out of the middle of a grown stack is a hole just above the
 *     stack's lower part: a read of it grows the upper part down into it (zero), as on
 *     Linux, and a store there keeps its value;
 *   - system calls write into the unmapped space below the stack and grow it from a
 *     kernel-mode fault: uname() into a struct straddling two such pages 1 MiB down,
 *     getrusage() 2 MiB down, read() of three pages of /data/pattern.bin 3 MiB down;
 *     16 MiB down, past the 8 MiB limit, uname() is EFAULT and nothing is mapped;
 *   - a signal sent while the stack pointer is 512 KiB below anything touched: the
 *     kernel's write of the signal frame grows the stack, the handler runs there.
 *
 * The gap, hole and limit cases depend on a stack that grows on faults with an 8 MiB
 * limit, which Linux gives only with RLIMIT_STACK at 8 MiB and not under qemu-user
 * (whose guest stack is one fixed mapping): there they are notes, not checks.
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
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PAGE        4096UL
#define KIB         1024UL
#define MIB         (1UL << 20)
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

/* Store value at addr. Returns the signal that stopped it, or 0. */
static int try_store(unsigned long addr, unsigned char value)
{
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	*(volatile unsigned char *)addr = value;
	return 0;
}

/* Load the byte at addr into *value. Returns the signal that stopped it, or 0. */
static int try_load(unsigned long addr, unsigned char *value)
{
	if (sigsetjmp(fault_env, 1))
		return fault_info.si_signo;
	*value = *(volatile unsigned char *)addr;
	return 0;
}

static void catch_faults(void)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

	CHECK_EQ(sigaction(SIGSEGV, &sa, NULL), 0);
}

/* The page of the caller's stack frame (the stack pointer, near enough). */
static __attribute__((noinline)) unsigned long stack_page(void)
{
	volatile char here = 0;

	return (unsigned long)&here & ~(PAGE - 1);
}

static bool is_mapped(unsigned long addr)
{
	unsigned char vec;

	return mincore((void *)(addr & ~(PAGE - 1)), PAGE, &vec) == 0; /* ENOMEM: not mapped */
}

/* Always under Faultline; on Linux if RLIMIT_STACK is 8 MiB and not under qemu-user. */
static bool real_growing_stack(void)
{
	static const char key[] = "Max stack size";
	static char buf[4096];
	ssize_t n;
	int fd;

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

/* A mapping in the guard gap blocks growth while accessible, not once PROT_NONE. */
static int gap_child(void *arg)
{
	unsigned long top = stack_page();
	unsigned long below = top - 600 * KIB, target = top - 592 * KIB + 0x10;
	void *m;
	int sig;

	(void)arg;
	catch_faults();
	m = mmap((void *)(below - 64 * KIB), 64 * KIB, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m != (void *)(below - 64 * KIB))
		return 10; /* not a growing stack here: the caller tells */
	sig = try_store(target, 0x5a);
	CHECK_EQ(sig, SIGSEGV);
	CHECK_EQ(fault_info.si_code, SEGV_MAPERR);
	CHECK_EQ((unsigned long)fault_info.si_addr, target);
	CHECK(!is_mapped(target), "the refused growth mapped %#lx", target);

	CHECK_EQ(mprotect(m, 64 * KIB, PROT_NONE), 0);
	sig = try_store(target, 0x5a);
	CHECK(sig == 0, "growth past a PROT_NONE mapping: %s %s at %p", signal_name(sig),
	      si_code_name(sig, fault_info.si_code), fault_info.si_addr);
	CHECK_EQ(*(volatile unsigned char *)target, 0x5a);
	CHECK(is_mapped(target), "the stack did not grow to %#lx", target);

	/* Back to readable: the stack, already there, stays; the mapping is unharmed. */
	CHECK_EQ(mprotect(m, 64 * KIB, PROT_READ), 0);
	CHECK_EQ(*(volatile unsigned char *)(below - 1), 0);
	CHECK_EQ(*(volatile unsigned char *)target, 0x5a);
	return 0;
}

/* A page munmapped out of a grown stack is grown back into, as a zero page. */
static int hole_child(void *arg)
{
	unsigned long top = stack_page();
	unsigned long low = top - MIB, hole = top - 512 * KIB;
	unsigned char value = 0xff;
	int sig;

	(void)arg;
	catch_faults();
	CHECK_EQ(try_store(low, 1), 0);       /* grow 1 MiB */
	CHECK_EQ(try_store(hole + 8, 7), 0);  /* a page in the middle, present */
	CHECK_EQ(munmap((void *)hole, PAGE), 0);
	CHECK(!is_mapped(hole), "the munmapped stack page is still mapped");
	sig = try_load(hole + 8, &value);
	CHECK(sig == 0, "read of a hole in the stack: %s %s at %p", signal_name(sig),
	      si_code_name(sig, fault_info.si_code), fault_info.si_addr);
	CHECK_EQ(value, 0);
	CHECK_EQ(try_store(hole + 8, 9), 0);
	CHECK_EQ(*(volatile unsigned char *)(hole + 8), 9);
	CHECK_EQ(*(volatile unsigned char *)low, 1); /* the lower part is untouched */
	return 0;
}

/* System calls whose copy_to_user() lands below the stack grow it. */
static int syscall_child(void *arg)
{
	unsigned long top = stack_page();
	unsigned long uts_at = top - MIB - sizeof(struct utsname) / 2; /* across two pages */
	struct rusage *ru = (struct rusage *)(top - 2 * MIB + 64);
	unsigned char *buf = (unsigned char *)(top - 3 * MIB);
	bool check = *(bool *)arg;
	int fd;

	catch_faults();
	CHECK_EQ(uname((struct utsname *)uts_at), 0);
	CHECK(((struct utsname *)uts_at)->sysname[0] != '\0', "uname wrote no sysname");
	CHECK_EQ(getrusage(RUSAGE_SELF, ru), 0);
	CHECK(ru->ru_minflt > 0, "getrusage: ru_minflt %ld", ru->ru_minflt);
	fd = open(rootpath("/data/pattern.bin"), O_RDONLY);
	CHECK(fd >= 0, "open pattern.bin: %s", strerror(errno));
	CHECK_EQ(read(fd, buf, 3 * PAGE), 3 * PAGE);
	CHECK_EQ(buf[0], 0x3c); /* pattern_byte(0) */
	close(fd);

	if (check) {
		unsigned long wild = top - 16 * MIB;

		CHECK_ERR(syscall6(__NR_uname, wild, 0, 0, 0, 0, 0), EFAULT);
		CHECK(!is_mapped(wild), "uname past the stack limit mapped %#lx", wild);
	}
	return 0;
}

static volatile unsigned long handler_sp; /* where SIGUSR1's handler ran */

static void on_usr1(int sig)
{
	volatile char here = 0;

	(void)sig;
	handler_sp = (unsigned long)&here;
}

/* 512 KiB of locals never touched, then a signal: its frame goes below them. */
static __attribute__((noinline)) int deep_frame_signal(void)
{
	volatile char big[512 * KIB];

	big[sizeof(big) - 1] = 1; /* only the top page of the array */
	kill(getpid(), SIGUSR1);
	return big[sizeof(big) - 1] == 1 && handler_sp < (unsigned long)&big[0];
}

static int frame_child(void *arg)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	(void)arg;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK(deep_frame_signal(), "the handler ran at %#lx, not below the untouched locals",
	      handler_sp);
	return 0;
}

int main(void)
{
	bool check = real_growing_stack();
	int status;

	if (!check)
		note("not a growing stack with an 8 MiB limit here: gap, hole and limit not checked");

	status = run_in_child(gap_child, NULL);
	printf("guard gap: an accessible mapping blocks growth, a PROT_NONE one does not\n");
	note("gap: %s", status_str(status));
	if (check)
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "gap: %s", status_str(status));

	status = run_in_child(hole_child, NULL);
	printf("a hole munmapped in the stack is grown back into\n");
	note("hole: %s", status_str(status));
	if (check)
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "hole: %s", status_str(status));

	status = run_in_child(syscall_child, &check);
	printf("uname, getrusage, read below the stack grow it: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "syscalls: %s", status_str(status));

	status = run_in_child(frame_child, NULL);
	printf("a signal frame below untouched locals grows the stack: %s\n", status_str(status));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "frame: %s", status_str(status));
	return 0;
}
