/* EXPECT: exit 0 */
/*
 * A program whose page faults are known in advance, one of each common outcome, so the
 * fault trace (mm/fault_trace.h) can be checked against it (tools/test_trace.py boots it
 * with `fault_trace` and reads the records of the addresses noted here):
 *
 *   1. fresh:  writes to NR_FRESH untouched anonymous pages: one "anon" fault each;
 *   2. zero:   a read of an untouched anonymous page ("zero": the zero page), then a
 *              write to it ("cow": a private copy of the zero page);
 *   3. fork:   the parent writes a page ("anon"), forks; the child writes it ("cow", in
 *              the child); after the child exits the parent writes it ("reuse": nobody
 *              else has it now);
 *   4. hole:   a write into an unmapped page between two mappings: SIGSEGV SEGV_MAPERR
 *              ("segv-maperr") at exactly that address.
 *
 * On its own (and on Linux) it checks what each access saw: the bytes, the child's
 * status, the signal, its si_code and address. The addresses go out as notes ("# ..."),
 * which differ from run to run and are not compared with Linux. Where /proc/fault_trace
 * exists (Faultline booted with the trace on), the program also reads it back and notes
 * whether the line of its SIGSEGV is there.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_FRESH 4

static unsigned char *map_anon(unsigned long nr_pages)
{
	void *p = mmap(NULL, nr_pages * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED, "mmap: %s", strerror(errno));
	return p;
}

static char trace[65536];

/*
 * Note whether /proc/fault_trace, if there is one, holds pid's SEGV_MAPERR fault at addr
 * (its line: "seq pid comm addr access mode vma outcome retries insns"; the comm is our
 * name cut to 15 characters).
 */
static void note_proc_trace(int pid, unsigned long addr)
{
	char want[128];
	ssize_t len = 0, n;
	int fd = open("/proc/fault_trace", O_RDONLY);

	if (fd < 0)
		return;
	while (len < (ssize_t)sizeof(trace) - 1 &&
	       (n = read(fd, trace + len, sizeof(trace) - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	trace[len] = '\0';
	snprintf(want, sizeof(want), " %d fault_trace_out %#lx write user none segv-maperr ", pid, addr);
	note("/proc/fault_trace %s the hole's fault", strstr(trace, want) ? "has" : "lacks");
}

int main(void)
{
	volatile unsigned char *fresh = map_anon(NR_FRESH), *zero = map_anon(1);
	volatile unsigned char *shared = map_anon(1), *around = map_anon(3);
	volatile unsigned char *hole = around + PAGE + 0x123;
	pid_t pid;
	int status;

	/* 4 first, before anything else can be mapped into the hole. */
	CHECK_EQ(munmap((void *)(around + PAGE), PAGE), 0);
	CHECK_EQ(probe_write(hole, 1), SIGSEGV);
	CHECK(probe_info.si_code == SEGV_MAPERR, "si_code %s",
	      si_code_name(SIGSEGV, probe_info.si_code));
	CHECK(probe_info.si_addr == (void *)hole, "si_addr %p, not %p", probe_info.si_addr,
	      (void *)hole);

	/* 1. */
	for (unsigned long i = 0; i < NR_FRESH; i++)
		fresh[i * PAGE + 8] = (unsigned char)(i + 1);
	for (unsigned long i = 0; i < NR_FRESH; i++)
		CHECK_EQ(fresh[i * PAGE + 8], i + 1);

	/* 2. */
	CHECK_EQ(zero[16], 0);
	zero[16] = 0x5a;
	CHECK_EQ(zero[16], 0x5a);

	/* 3. */
	shared[24] = 1;
	pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		shared[24] = 2;
		_exit(shared[24] == 2 ? 0 : 1);
	}
	status = wait_child(pid, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child: %s", status_str(status));
	CHECK_EQ(shared[24], 1);
	shared[24] = 3;
	CHECK_EQ(shared[24], 3);

	note("pid %d child %d", (int)getpid(), (int)pid);
	note("fresh %p pages %d", (void *)fresh, NR_FRESH);
	note("zero %p", (void *)zero);
	note("shared %p", (void *)shared);
	note("hole %p", (void *)hole);
	note_proc_trace((int)getpid(), (unsigned long)hole);
	printf("fresh pages, a zero page, a fork's copy and reuse, a hole: all as expected\n");
	return 0;
}
