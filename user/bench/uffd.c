/*
 * The user-pager round trip: a write to a missing page of a range registered with
 * userfaultfd (UFFDIO_REGISTER_MODE_MISSING), the message the pager thread read()s,
 * its UFFDIO_COPY of one page, the wake, and the faulting thread's retry to the end.
 * One operation is one such fault, all of it: the fault path twice (the try that waits
 * and the retry), two thread switches, the read() and the ioctl.
 *
 * The row runs in a process of its own, so that the pager thread, which waits in
 * read() for ever, ends with it and the later rows run in a one-thread process.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread.h>
#include <unistd.h>

#include "bench.h"

static int uffd;
static char source_page[PAGE] __attribute__((aligned(4096))); /* what every copy maps */
static volatile unsigned long nr_served; /* faults the pager has answered */

// The pager: each message is a missing page; copy source_page there, which wakes the
// faulting thread. Ends with its process.
static int pager(void *unused)
{
	struct uffd_msg msg;

	(void)unused;
	for (;;) {
		struct uffdio_copy copy = { .src = (unsigned long)source_page, .len = PAGE };
		ssize_t n = read(uffd, &msg, sizeof(msg));

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(msg) || msg.event != UFFD_EVENT_PAGEFAULT)
			bench_die("read userfaultfd");
		copy.dst = msg.arg.pagefault.address & ~(PAGE - 1);
		nr_served++; /* before the copy, whose wake may let the row finish first */
		if (ioctl(uffd, UFFDIO_COPY, &copy) < 0)
			bench_die("UFFDIO_COPY");
	}
	return 0;
}

// n pages registered for missing-page faults with uffd; not measured.
static char *map_registered(unsigned long n)
{
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	char *p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bench_die("mmap");
	reg.range.start = (unsigned long)p;
	reg.range.len = n * PAGE;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0)
		bench_die("UFFDIO_REGISTER");
	return p;
}

// One repetition: first writes to n registered pages, each served by the pager. A page
// the pager did not fill (the source's second byte is missing) makes it count nothing.
static struct bench_rep round_trips(unsigned long n)
{
	char *p = map_registered(n);
	struct bench_rep rep = { .ops = n };
	bench_ns_t t0 = bench_now();

	touch_write(p, n * PAGE);
	rep.ns = bench_now() - t0 - bench_clock_cost();
	for (unsigned long off = 0; off < n * PAGE; off += PAGE)
		if (p[off + 1] != source_page[1])
			rep.ops = 0;
	munmap(p, n * PAGE);
	return rep;
}

// The row, in the process that runs it: a userfaultfd, a pager thread, the repetitions.
static void uffd_row(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct bench_rep reps[16];
	struct thread pager_thread;

	source_page[1] = 0x5a;
	uffd = userfaultfd(O_CLOEXEC);
	if (uffd < 0) {
		char why[80];

		snprintf(why, sizeof(why), "userfaultfd: %s", strerror(errno));
		bench_skip("uffd_roundtrip", why);
		return;
	}
	if (ioctl(uffd, UFFDIO_API, &api) < 0)
		bench_die("UFFDIO_API");
	if (thread_create(&pager_thread, pager, NULL, NULL) < 0)
		bench_die("thread_create");
	for (unsigned long i = 0; i < scale.reps; i++)
		reps[i] = round_trips(scale.n);
	if (nr_served != scale.reps * scale.n) {
		bench_skip("uffd_roundtrip", "the pager did not serve one fault per page");
		return;
	}
	bench_row("uffd_roundtrip", reps, scale.reps,
		  "user-pager round trip (fault, read, UFFDIO_COPY, wake, retry)");
}

void bench_uffd(void)
{
	pid_t pid;
	int status;

	if (!bench_wanted("uffd_roundtrip"))
		return;
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0) {
		uffd_row();
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		bench_die("waitpid");
	if (status != 0)
		bench_skip("uffd_roundtrip", "the row's process failed");
}
