/*
 * /tests/wpsnap: an incremental snapshot of live memory with userfaultfd's write-protect
 * mode, the way a database's fork-less checkpoint or a VM's live snapshot works: the
 * snapshot is taken at one instant, but its pages are copied later, while the program
 * goes on writing. A page is copied early only if someone is about to change it.
 * Written against Linux's userfaultfd ABI alone (<linux/userfaultfd.h>): the same
 * binary runs on Faultline and on Linux (x86_64; Linux has no uffd-wp on riscv64,
 * Faultline has).
 *
 * The memory is NR_PAGES populated anonymous pages, registered with
 * UFFDIO_REGISTER_MODE_WP. The snapshot instant is one UFFDIO_WRITEPROTECT over the
 * whole range: from then on reads go on as before, but the first write to each page
 * blocks its thread in the kernel and sends the pager a message
 * (UFFD_PAGEFAULT_FLAG_WP). The pager copies the page, still unchanged, into the
 * snapshot, and clears the protection of that page (UFFDIO_WRITEPROTECT with mode 0),
 * which also wakes the writer: its write completes, and later writes to that page no
 * longer fault. When the worker is done, the main thread copies the pages nobody wrote
 * (still protected, so still as they were) and clears their protection.
 *
 * To show that the snapshot is right, the program keeps a plain copy of the memory made
 * just before the protection (a real snapshotter would not need one) and compares the
 * two at the end, and checks that the memory itself has the worker's writes. Exit status
 * 0 when all held, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <thread.h>
#include <unistd.h>

#define PAGE     4096UL
#define NR_PAGES 8

/* The pages the worker writes, in order: page 4 twice (the second write does not fault). */
static const int worker_writes[] = { 1, 4, 6, 4 };
#define NR_WRITES ((int)(sizeof(worker_writes) / sizeof(worker_writes[0])))

static char *area;            /* the live memory, NR_PAGES pages */
static char *snapshot;        /* the snapshot being filled, NR_PAGES pages */
static char *reference;       /* a plain copy made at the snapshot instant, to check with */
static int saved[NR_PAGES];   /* set when a page's old contents are in the snapshot */
static int uffd;              /* the userfaultfd the pager reads */
static struct thread pager_thread, worker_thread;

static __attribute__((noreturn)) void die(const char *what)
{
	printf("wpsnap: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void start_thread(struct thread *t, int (*fn)(void *), void *arg)
{
	long tid = thread_create(t, fn, arg, NULL);

	if (tid < 0) {
		errno = (int)-tid;
		die("thread_create");
	}
}

static char *map_pages(void)
{
	char *p = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

/* Write-protect nr_pages pages from page first (wp 1), or clear their protection and wake
 * the threads waiting to write them (wp 0). */
static void write_protect(int first, int nr_pages, int wp)
{
	struct uffdio_writeprotect arg = {
		.range = { .start = (unsigned long)area + (unsigned long)first * PAGE,
			   .len = (unsigned long)nr_pages * PAGE },
		.mode = wp ? UFFDIO_WRITEPROTECT_MODE_WP : 0,
	};

	if (ioctl(uffd, UFFDIO_WRITEPROTECT, &arg) < 0)
		die("UFFDIO_WRITEPROTECT");
}

/* Put page's present contents into the snapshot, then let writes to it go on. */
static void save_page(int page)
{
	memcpy(snapshot + (unsigned long)page * PAGE, area + (unsigned long)page * PAGE, PAGE);
	saved[page] = 1;
	write_protect(page, 1, 0);
}

/*
 * The pager: each message is the first write to a protected page since the snapshot.
 * It never returns: the process's exit ends it while it waits in read().
 */
static int pager(void *unused)
{
	struct uffd_msg msg;

	(void)unused;
	for (;;) {
		ssize_t n = read(uffd, &msg, sizeof(msg));
		int page;

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(msg))
			die("read userfaultfd");
		if (msg.event != UFFD_EVENT_PAGEFAULT ||
		    !(msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP)) {
			printf("pager: unexpected message: event %#x flags %#lx\n", msg.event,
			       (unsigned long)msg.arg.pagefault.flags);
			exit(1);
		}
		page = (int)((msg.arg.pagefault.address - (unsigned long)area) / PAGE);
		printf("pager: write-protect fault on page %d (%s): saving its old contents\n",
		       page, (unsigned int)worker_thread.tid == msg.arg.pagefault.feat.ptid ?
		       "the worker" : "another thread");
		save_page(page);
	}
	return 0;
}

/* The worker: writes "generation 1" over the start of some pages, reading them first. */
static int worker(void *unused)
{
	(void)unused;
	for (int i = 0; i < NR_WRITES; i++) {
		char *p = area + (unsigned long)worker_writes[i] * PAGE;

		printf("worker: page %d says \"%s\", writing it\n", worker_writes[i], p);
		snprintf(p, 64, "page %d, generation 1", worker_writes[i]);
		printf("worker: page %d now says \"%s\"\n", worker_writes[i], p);
	}
	return 0;
}

/* The memory, every page written ("page i, generation 0"), registered for WP faults. */
static void make_area(void)
{
	struct uffdio_api api = {
		.api = UFFD_API,
		.features = UFFD_FEATURE_PAGEFAULT_FLAG_WP | UFFD_FEATURE_THREAD_ID,
	};
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_WP };

	area = map_pages();
	for (int i = 0; i < NR_PAGES; i++) {
		memset(area + (unsigned long)i * PAGE, 'a' + i, PAGE);
		snprintf(area + (unsigned long)i * PAGE, 64, "page %d, generation 0", i);
	}
	uffd = userfaultfd(O_CLOEXEC);
	if (uffd < 0)
		die("userfaultfd");
	if (ioctl(uffd, UFFDIO_API, &api) < 0)
		die("UFFDIO_API");
	reg.range.start = (unsigned long)area;
	reg.range.len = NR_PAGES * PAGE;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0)
		die("UFFDIO_REGISTER");
	if (!(reg.ioctls & (1UL << _UFFDIO_WRITEPROTECT))) {
		printf("wpsnap: the range does not take UFFDIO_WRITEPROTECT\n");
		exit(1);
	}
}

/* The snapshot equals the memory at the snapshot instant; the memory has the writes. */
static int check(void)
{
	int ok = memcmp(snapshot, reference, NR_PAGES * PAGE) == 0;

	printf("wpsnap: snapshot %s the memory at the instant it was taken\n",
	       ok ? "equals" : "DIFFERS FROM");
	for (int i = 0; i < NR_WRITES; i++) {
		char want[64];

		snprintf(want, sizeof(want), "page %d, generation 1", worker_writes[i]);
		if (strcmp(area + (unsigned long)worker_writes[i] * PAGE, want) != 0) {
			printf("wpsnap: page %d lost the worker's write\n", worker_writes[i]);
			ok = 0;
		}
	}
	return ok;
}

int main(void)
{
	make_area();
	snapshot = map_pages();
	reference = map_pages();
	memcpy(reference, area, NR_PAGES * PAGE);
	write_protect(0, NR_PAGES, 1);
	printf("wpsnap: snapshot taken: %d pages write-protected\n", NR_PAGES);
	start_thread(&pager_thread, pager, NULL);
	start_thread(&worker_thread, worker, NULL);
	thread_join(&worker_thread);

	printf("wpsnap: saved on first write:");
	for (int i = 0; i < NR_PAGES; i++)
		if (saved[i])
			printf(" %d", i);
	printf("\nwpsnap: copied afterwards, never written:");
	for (int i = 0; i < NR_PAGES; i++)
		if (!saved[i]) {
			printf(" %d", i);
			save_page(i);
		}
	printf("\n");
	return check() ? 0 : 1;
}
