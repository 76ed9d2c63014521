/* EXPECT: exit 0 */
/* DIFFERS: on Linux (as root) MADV_HWPOISON would poison real frames of the machine running the test, so the test calls it only under Faultline and checks nothing elsewhere. */
/*
 * A poisoned page (madvise(MADV_HWPOISON)) used every way a program can think of. The
 * kernel's own accesses to it end in EFAULT, the program's in SIGBUS BUS_MCEERR_AR,
 * and nothing leaks (runall's frame check):
 *
 *   - system calls given it: read, write, uname, getrusage, nanosleep, rt_sigaction,
 *     rt_sigtimedwait are EFAULT; read() into 100 good bytes and on into it returns 100;
 *   - execve() with an argument on it: EFAULT, the program goes on;
 *   - an alternate stack on it: the frame cannot be written, SIGSEGV kills;
 *   - fork: the child's read of it is SIGBUS BUS_MCEERR_AR at the address; a page
 *     poisoned by the parent after the fork stays good (and its bytes) in the child;
 *   - MADV_HWPOISON again on it: EFAULT; over a range with a hole: EFAULT, the pages
 *     before the hole poisoned; beyond user space: EFAULT; at an unaligned address:
 *     EINVAL; length 1: one page;
 *   - PROT_NONE and back: still poisoned; MADV_DONTNEED: a zero page again; munmap,
 *     then MAP_FIXED there: a zero page;
 *   - a page of a private file mapping never touched: read in, then poisoned; after
 *     MADV_DONTNEED the file's bytes come back;
 *   - the page of the function about to be called: the call is SIGBUS and kills.
 */
#include <check.h>
#include <fcntl.h>
#include <memlayout.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL

/* Byte i of /data/pattern.bin (user/data/mkdata.py's pattern_byte). */
static unsigned char pattern_byte(unsigned long i)
{
	return (unsigned char)((((i * 1664525 + 1013904223) & 0xFFFFFFFF) >> 24) ^ (i & 0xFF));
}

static unsigned char *map_rw(unsigned long pages)
{
	unsigned char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, 0x5a, pages * PAGE);
	return p;
}

static void expect_poisoned(unsigned char *addr, const char *what)
{
	int sig = probe_read(addr);

	CHECK(sig == SIGBUS && probe_info.si_code == BUS_MCEERR_AR && probe_info.si_addr == addr,
	      "%s: signal %d code %d addr %p", what, sig, probe_info.si_code, probe_info.si_addr);
}

static void check_syscalls(unsigned char *bad, unsigned char *good_before)
{
	long b = (long)bad;
	int fd = open("/data/pattern.bin", O_RDONLY);

	CHECK(fd >= 0, "open: %s", strerror(errno));
	CHECK_ERR(syscall6(__NR_read, fd, b, 16, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_write, 1, b, 16, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_uname, b, 0, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_getrusage, RUSAGE_SELF, b, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_nanosleep, b, 0, 0, 0, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_rt_sigaction, SIGUSR1, b, 0, 8, 0, 0), EFAULT);
	CHECK_ERR(syscall6(__NR_rt_sigtimedwait, b, 0, 0, 8, 0, 0), EFAULT);
	CHECK_EQ(read(fd, good_before + PAGE - 100, 200), 100);
	close(fd);
	printf("system calls on a poisoned page: EFAULT; a read into it stops at it\n");
}

static unsigned char *poisoned_arg;

static int exec_with_poisoned_arg(void *arg)
{
	char *argv[] = { "exec_target", "42", (char *)poisoned_arg, NULL };
	char *envp[] = { "EXEC_TARGET=1", NULL };

	(void)arg;
	execve("/tests/exec_target", argv, envp);
	return 120 + errno;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static int altstack_on_poison(void *arg)
{
	stack_t ss = { .ss_sp = arg, .ss_size = PAGE };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_ONSTACK };

	CHECK_EQ(sigaltstack(&ss, NULL), 0);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	return 3;
}

/* In the child: the page poisoned before fork is poisoned, the one after is good. */
static int child_after_fork(void *arg)
{
	unsigned char *p = arg;

	expect_poisoned(p + 3, "the child's copy of a poisoned page");
	CHECK_EQ(p[PAGE + 5], 0x5a);
	return 0;
}

static void check_fork(void)
{
	unsigned char *p = map_rw(2);
	int status;
	pid_t pid;

	CHECK_EQ(madvise(p, PAGE, MADV_HWPOISON), 0);
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		struct timespec ts = { 0, 50 * 1000000L };

		nanosleep(&ts, NULL); /* the parent poisons p + PAGE meanwhile, or already did */
		_exit(child_after_fork(p));
	}
	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_HWPOISON), 0);
	expect_poisoned(p + PAGE + 5, "the parent's page poisoned after fork");
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK_EQ(munmap(p, 2 * PAGE), 0);
	printf("fork: poison is copied, and a later poisoning stays the parent's\n");
}

static void check_odd_ranges(void)
{
	unsigned char *p = map_rw(4);

	CHECK_EQ(madvise(p, 1, MADV_HWPOISON), 0); /* length 1: the whole page */
	expect_poisoned(p + PAGE - 1, "the page of a 1-byte poisoning");
	CHECK(probe_read(p + PAGE) == 0, "the page after a 1-byte poisoning");
	CHECK(madvise(p, PAGE, MADV_HWPOISON) == -1 && errno == EFAULT, "poison twice: %d", errno);
	CHECK(madvise(p + 1, PAGE, MADV_HWPOISON) == -1 && errno == EINVAL, "unaligned: %d", errno);
	CHECK(madvise((void *)USER_TOP, PAGE, MADV_HWPOISON) == -1 && errno == EFAULT,
	      "beyond user space: %d", errno);
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0); /* a hole at the third page */
	CHECK(madvise(p + PAGE, 3 * PAGE, MADV_HWPOISON) == -1 && errno == EFAULT, "hole: %d", errno);
	expect_poisoned(p + PAGE + 8, "the page before the hole");
	expect_poisoned(p + 3 * PAGE - 1 - PAGE, "the page before the hole, last byte");
	CHECK(probe_read(p + 3 * PAGE) == 0, "the page after the hole was poisoned");

	/* PROT_NONE and back, DONTNEED, munmap and MAP_FIXED. */
	CHECK_EQ(mprotect(p, 2 * PAGE, PROT_NONE), 0);
	CHECK_EQ(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
	expect_poisoned(p + 100, "a poisoned page after PROT_NONE and back");
	CHECK_EQ(madvise(p, PAGE, MADV_DONTNEED), 0);
	CHECK(probe_read(p) == 0 && p[0] == 0, "after MADV_DONTNEED: not a zero page");
	CHECK_EQ(munmap(p + PAGE, PAGE), 0);
	CHECK(mmap(p + PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == p + PAGE, "MAP_FIXED over the unmapped poisoned page");
	CHECK(probe_read(p + PAGE) == 0 && p[PAGE] == 0, "mapped again: not a zero page");
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
	printf("odd ranges, PROT_NONE, MADV_DONTNEED, munmap: as expected\n");
}

static void check_file_page(void)
{
	int fd = open("/data/pattern.bin", O_RDONLY);
	unsigned char *f;

	CHECK(fd >= 0, "open: %s", strerror(errno));
	f = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED, "mmap file: %s", strerror(errno));
	close(fd);
	CHECK_EQ(madvise(f + PAGE, PAGE, MADV_HWPOISON), 0); /* never touched */
	expect_poisoned(f + PAGE + 1, "a poisoned file page");
	CHECK_EQ(madvise(f + PAGE, PAGE, MADV_DONTNEED), 0);
	CHECK(probe_read(f + PAGE) == 0, "the file page after MADV_DONTNEED");
	for (unsigned long i = PAGE; i < 2 * PAGE; i++)
		CHECK(f[i] == pattern_byte(i), "byte %lu after MADV_DONTNEED: %#x, the file has %#x",
		      i, f[i], pattern_byte(i));
	CHECK_EQ(munmap(f, 2 * PAGE), 0);
	printf("a file page: poisoned untouched, the file again after MADV_DONTNEED\n");
}

static __attribute__((noinline, aligned(4096))) int victim_function(int x)
{
	return x * 3 + 1;
}

static int call_poisoned_code(void *arg)
{
	unsigned long page = (unsigned long)victim_function & ~(PAGE - 1);

	(void)arg;
	CHECK_EQ(victim_function(2), 7);
	CHECK_EQ(madvise((void *)page, PAGE, MADV_HWPOISON), 0);
	return victim_function(3); /* SIGBUS: the fetch (or the return to madvise) */
}

int main(void)
{
	unsigned char *p;
	int status;

	if (!on_faultline()) {
		note("not Faultline: MADV_HWPOISON would poison this machine's memory; nothing done");
		return 0;
	}
	p = map_rw(3);
	CHECK_EQ(madvise(p + PAGE, PAGE, MADV_HWPOISON), 0);
	check_syscalls(p + PAGE, p);

	poisoned_arg = p + PAGE;
	status = run_in_child(exec_with_poisoned_arg, NULL);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 120 + EFAULT, "exec: %s",
	      status_str(status));
	status = run_in_child(altstack_on_poison, p + PAGE);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "altstack: %s", status_str(status));
	printf("execve with a poisoned argument: EFAULT; an alternate stack on it: SIGSEGV\n");
	CHECK_EQ(munmap(p, 3 * PAGE), 0);

	check_fork();
	check_odd_ranges();
	check_file_page();

	status = run_in_child(call_poisoned_code, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS, "poisoned code: %s",
	      status_str(status));
	printf("a call into a poisoned code page: SIGBUS\n");
	return 0;
}
