/* EXPECT: exit 0 */
/* DIFFERS: on Linux the child would exhaust the machine running the test, so nothing is allocated there: the test checks nothing outside Faultline. */
/*
 * Allocating until memory runs out. Linux's overcommit guess (and Faultline's) refuses
 * a single writable mapping larger than all of RAM (ENOMEM) but not a read-only one,
 * which can never need a page of its own. Memory is otherwise promised freely, so a
 * child that maps 16 MiB chunks and touches every page of each runs the machine out of
 * frames in a page fault: the OOM killer picks the process using the most memory, the
 * child, and kills it with SIGKILL; /proc/vmstat's oom_kill rises, the parent and the
 * kernel carry on, and a fresh mapping of ours can be touched. runall's leak check
 * (MemFree + Cached) then proves every frame of the child came back.
 *
 * Only under Faultline (see DIFFERS): on Linux the test says so and exits 0.
 */
#include <check.h>
#include <proc_counters.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE  4096UL
#define CHUNK (16UL << 20)

static unsigned long ram_bytes;

/* In the child: map and touch until killed. Returns (exit status) only on a problem. */
static int allocate_forever(void *arg)
{
	unsigned long mapped = 0;

	(void)arg;
	while (mapped < 4 * ram_bytes) {
		unsigned char *chunk = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (chunk == MAP_FAILED) {
			note("child: mmap after %lu MiB: %s", mapped >> 20, strerror(errno));
			return 2;
		}
		for (unsigned long off = 0; off < CHUNK; off += PAGE)
			chunk[off] = 1;
		mapped += CHUNK;
	}
	note("child: touched %lu MiB, four times RAM, and is still alive", mapped >> 20);
	return 3;
}

static void check_overcommit_guess(void)
{
	unsigned long len = 2 * ram_bytes;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	printf("a writable mapping of twice RAM: %s\n",
	       p == MAP_FAILED ? strerror(errno) : "mapped");
	CHECK(p == MAP_FAILED && errno == ENOMEM, "mmap of %lu MiB: %s", len >> 20,
	      p == MAP_FAILED ? strerror(errno) : "mapped");
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("a read-only mapping of twice RAM: %s\n",
	       p == MAP_FAILED ? strerror(errno) : "mapped");
	CHECK(p != MAP_FAILED, "read-only mmap of %lu MiB: %s", len >> 20, strerror(errno));
	CHECK_EQ(munmap(p, len), 0);
}

int main(void)
{
	long oom_before, oom_after, total_kb = meminfo_kb("MemTotal");
	unsigned char *after;
	int status;

	if (!on_faultline()) {
		note("not Faultline: running this machine out of memory is not a test; nothing done");
		return 0;
	}
	CHECK(total_kb > 0, "no MemTotal in /proc/meminfo");
	ram_bytes = (unsigned long)total_kb * 1024;
	check_overcommit_guess();

	oom_before = vmstat_counter("oom_kill");
	status = run_in_child(allocate_forever, NULL);
	oom_after = vmstat_counter("oom_kill");
	printf("a child that allocates without end: %s\n", status_str(status));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the child: %s, expected the "
	      "OOM killer's SIGKILL", status_str(status));
	note("oom_kill: %ld, then %ld", oom_before, oom_after);
	printf("/proc/vmstat oom_kill rose by %ld\n", oom_after - oom_before);
	CHECK_EQ(oom_after - oom_before, 1);

	after = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(after != MAP_FAILED, "mmap after the OOM kill: %s", strerror(errno));
	for (unsigned long off = 0; off < CHUNK; off += PAGE)
		after[off] = 2;
	printf("then 16 MiB of our own, touched: fine\n");
	CHECK_EQ(munmap(after, CHUNK), 0);
	return 0;
}
