/*
 * /tests/lazyload: a user-space pager that loads memory from a file on demand, the way
 * post-copy live migration and lazy restore of a checkpoint work: the program's memory
 * is there (mapped) from the start, but each page arrives only when a thread first
 * touches it. Written against Linux's userfaultfd ABI alone (<linux/userfaultfd.h>), so
 * the same binary runs on Faultline and on Linux. docs/blocking-faults.md follows one
 * of its faults through the kernel.
 *
 * The image is a file of NR_PAGES pages (a memfd here; the pager only pread()s it, so
 * any file would do), page i beginning with the text "image page i". The memory is an
 * anonymous mapping of the same size, registered with UFFDIO_REGISTER_MODE_MISSING: a
 * thread that touches a page not yet there blocks in the kernel, and the pager thread
 * read()s one struct uffd_msg saying which page and which thread (UFFD_FEATURE_THREAD_ID),
 * reads that page from the image and hands it to the kernel with UFFDIO_COPY, which maps
 * it and wakes the faulting thread; its access then completes as if the page had always
 * been there.
 *
 * Two worker threads touch pages one after the other (worker 2 starts when worker 1 is
 * done), so the trace is the same on every run:
 *
 *   worker 1: read page 3
 *   pager: page 3 for worker 1 (read fault): copied from image offset 0x3000
 *   worker 1: page 3 says "image page 3"
 *   ...
 *
 * A page already loaded (worker 2's read of page 5) does not fault again. At the end the
 * main thread compares every loaded page with the image and lists the pages that were
 * never needed, so never read from the file. Exit status 0 when all held, 1 otherwise.
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

/* One access a worker makes: a read or a write of one page. */
struct access {
	int page;
	int write;
};

struct worker {
	const char *name;
	const struct access *accesses;
	int nr_accesses;
	struct thread thread;
};

static const struct access worker1_accesses[] = { { 3, 0 }, { 0, 0 }, { 5, 1 } };
static const struct access worker2_accesses[] = { { 5, 0 }, { 1, 1 }, { 7, 0 } };

static struct worker workers[] = {
	{ "worker 1", worker1_accesses, 3, { 0, NULL } },
	{ "worker 2", worker2_accesses, 3, { 0, NULL } },
};

static char *area;            /* the lazily loaded memory, NR_PAGES pages */
static int image_fd;          /* the file the pages come from */
static int uffd;              /* the userfaultfd the pager reads */
static int loaded[NR_PAGES];  /* set by the pager when it has copied a page in */
static struct thread pager_thread;
static char copy_buf[PAGE] __attribute__((aligned(4096))); /* the page read from the file */

static __attribute__((noreturn)) void die(const char *what)
{
	printf("lazyload: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Start fn(arg) in a new thread of this process (no TLS: this libc keeps none). */
static void start_thread(struct thread *t, int (*fn)(void *), void *arg)
{
	long tid = thread_create(t, fn, arg, NULL);

	if (tid < 0) {
		errno = (int)-tid;
		die("thread_create");
	}
}

/* The worker whose thread id is tid, by name, or "thread <tid>" for another thread. */
static const char *thread_name(unsigned int tid)
{
	static char other[32];

	for (unsigned int i = 0; i < sizeof(workers) / sizeof(workers[0]); i++)
		if ((unsigned int)workers[i].thread.tid == tid)
			return workers[i].name;
	snprintf(other, sizeof(other), "thread %u", tid);
	return other;
}

/*
 * Load the page at page_addr from the image for the thread that faulted on it. The
 * kernel wakes the thread when UFFDIO_COPY has mapped the page. EEXIST means the page
 * is already there (another thread's fault on it was served first): then only the wake
 * is left to do.
 */
static void serve_missing(unsigned long page_addr, const struct uffd_msg *msg)
{
	int page = (int)((page_addr - (unsigned long)area) / PAGE);
	struct uffdio_copy copy = {
		.dst = page_addr,
		.src = (unsigned long)copy_buf,
		.len = PAGE,
		.mode = 0,
	};

	if (pread(image_fd, copy_buf, PAGE, (off_t)page * (off_t)PAGE) != (ssize_t)PAGE)
		die("pread image");
	printf("pager: page %d for %s (%s fault): copied from image offset 0x%lx\n", page,
	       thread_name(msg->arg.pagefault.feat.ptid),
	       msg->arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WRITE ? "write" : "read",
	       (unsigned long)page * PAGE);
	loaded[page] = 1; /* before the copy: the copy wakes the worker, who may finish */
	if (ioctl(uffd, UFFDIO_COPY, &copy) < 0) {
		struct uffdio_range range = { .start = page_addr, .len = PAGE };

		if (errno != EEXIST)
			die("UFFDIO_COPY");
		if (ioctl(uffd, UFFDIO_WAKE, &range) < 0)
			die("UFFDIO_WAKE");
		return;
	}
	if (copy.copy != (long)PAGE) {
		printf("lazyload: UFFDIO_COPY copied %ld bytes, not %lu\n", (long)copy.copy, PAGE);
		exit(1);
	}
}

/*
 * The pager: one message at a time, each a page fault to serve. It never returns: the
 * process's exit ends it while it waits in read().
 */
static int pager(void *unused)
{
	struct uffd_msg msg;

	(void)unused;
	for (;;) {
		ssize_t n = read(uffd, &msg, sizeof(msg));

		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(msg))
			die("read userfaultfd");
		if (msg.event != UFFD_EVENT_PAGEFAULT) {
			printf("pager: unexpected event %#x\n", msg.event);
			exit(1);
		}
		serve_missing(msg.arg.pagefault.address & ~(PAGE - 1), &msg);
	}
	return 0;
}

/* A worker: each access in turn, saying what it does and what it found. */
static int worker(void *arg)
{
	struct worker *w = arg;

	for (int i = 0; i < w->nr_accesses; i++) {
		volatile char *p = area + (unsigned long)w->accesses[i].page * PAGE;

		printf("%s: %s page %d\n", w->name, w->accesses[i].write ? "write" : "read",
		       w->accesses[i].page);
		if (w->accesses[i].write)
			p[PAGE - 1] = 'w'; /* the last byte: the image's text stays readable */
		else
			(void)p[0];
		printf("%s: page %d says \"%s\"\n", w->name, w->accesses[i].page, (const char *)p);
	}
	return 0;
}

/* The image file: page i starts with "image page i", the rest of it is i + 1. */
static void make_image(void)
{
	image_fd = memfd_create("lazyload-image", MFD_CLOEXEC);
	if (image_fd < 0)
		die("memfd_create");
	for (int i = 0; i < NR_PAGES; i++) {
		memset(copy_buf, i + 1, PAGE);
		snprintf(copy_buf, 32, "image page %d", i);
		if (write(image_fd, copy_buf, PAGE) != (ssize_t)PAGE)
			die("write image");
	}
}

/* The memory, registered with a new userfaultfd for missing pages. */
static void make_lazy_area(void)
{
	struct uffdio_api api = { .api = UFFD_API, .features = UFFD_FEATURE_THREAD_ID };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };

	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	if (area == MAP_FAILED)
		die("mmap");
	uffd = userfaultfd(O_CLOEXEC);
	if (uffd < 0)
		die("userfaultfd");
	if (ioctl(uffd, UFFDIO_API, &api) < 0)
		die("UFFDIO_API");
	reg.range.start = (unsigned long)area;
	reg.range.len = NR_PAGES * PAGE;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0)
		die("UFFDIO_REGISTER");
	if (!(reg.ioctls & (1UL << _UFFDIO_COPY))) {
		printf("lazyload: the range does not take UFFDIO_COPY\n");
		exit(1);
	}
}

/* Every loaded page equals the image, but for the last byte of those written. */
static int check_pages(void)
{
	char want[PAGE];
	int ok = 1;

	printf("lazyload: loaded pages:");
	for (int i = 0; i < NR_PAGES; i++) {
		if (!loaded[i])
			continue;
		printf(" %d", i);
		if (pread(image_fd, want, PAGE, (off_t)i * (off_t)PAGE) != (ssize_t)PAGE)
			die("pread image");
		if (memcmp(area + (unsigned long)i * PAGE, want, PAGE - 1) != 0)
			ok = 0;
	}
	printf("\nlazyload: never needed, never read from the image:");
	for (int i = 0; i < NR_PAGES; i++)
		if (!loaded[i])
			printf(" %d", i);
	printf("\nlazyload: loaded pages %s the image\n", ok ? "match" : "DO NOT match");
	return ok;
}

int main(void)
{
	make_image();
	make_lazy_area();
	start_thread(&pager_thread, pager, NULL);
	for (unsigned int i = 0; i < sizeof(workers) / sizeof(workers[0]); i++) {
		start_thread(&workers[i].thread, worker, &workers[i]);
		thread_join(&workers[i].thread);
	}
	return check_pages() ? 0 : 1;
}
