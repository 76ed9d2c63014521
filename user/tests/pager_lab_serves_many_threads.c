/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/* LAB: pager 25 */
/*
 * The pager lab's pager (user/lib/lab_pager.c) serves faults from several threads at
 * once. 4 threads each read all 16 pages of a range that shows a 16-page file, each
 * starting at another page (thread t at page 4t), so several threads often wait on one
 * page: the pager gets a message for each, maps the page for the first and must only
 * wake the others (UFFDIO_COPY says -EEXIST). Checked: every thread saw every page's
 * bytes (the page's number in its first word, its last byte 0xa5), each page was copied
 * exactly once, and the pager had no error.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <lab_pager.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE       LAB_PAGE_SIZE
#define NR_PAGES   16
#define NR_THREADS 4

static struct lab_pager pager;
static unsigned char *area;
static unsigned char buf[PAGE];

struct reader {
	int first;            /* the page it starts at */
	volatile int wrong;   /* pages whose bytes were not the file's */
	struct thread thread; /* the thread */
};

static int read_pages(void *arg)
{
	struct reader *r = arg;

	for (int n = 0; n < NR_PAGES; n++) {
		int i = (r->first + n) % NR_PAGES;
		const volatile unsigned char *page = area + (unsigned long)i * PAGE;
		unsigned long word;

		memcpy(&word, (const void *)page, sizeof(word));
		if (word != (unsigned long)i || page[PAGE - 1] != 0xa5)
			r->wrong++;
	}
	return 0;
}

int main(void)
{
	static struct reader readers[NR_THREADS];
	int fd = memfd_create("pager-lab-threads", MFD_CLOEXEC);
	int uffd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "memfd_create: %s", strerror(errno));
	CHECK(uffd >= 0, "userfaultfd: %d", uffd);
	for (unsigned long i = 0; i < NR_PAGES; i++) {
		memset(buf, 0xa5, PAGE);
		memcpy(buf, &i, sizeof(i));
		CHECK_EQ(write(fd, buf, PAGE), PAGE);
	}
	area = lab_pager_serve(&pager, uffd, NR_PAGES * PAGE,
			       UFFDIO_REGISTER_MODE_MISSING,
			       fd, NR_PAGES * PAGE, NULL);
	CHECK(area, "lab_pager_serve: %s", strerror(errno));
	for (int t = 0; t < NR_THREADS; t++) {
		readers[t].first = t * (NR_PAGES / NR_THREADS);
		CHECK(thread_create(&readers[t].thread, read_pages, &readers[t], NULL) > 0,
		      "thread_create");
	}
	for (int t = 0; t < NR_THREADS; t++)
		thread_join(&readers[t].thread);
	CHECK_EQ(lab_pager_stop(&pager), 0);
	for (int t = 0; t < NR_THREADS; t++)
		CHECK(readers[t].wrong == 0, "thread %d saw %d wrong pages", t, readers[t].wrong);
	printf("%d threads read all %d pages right\n", NR_THREADS, NR_PAGES);
	CHECK_EQ(pager.nr_copied, NR_PAGES);
	CHECK_EQ(pager.nr_zeroed, 0);
	printf("each page copied once\n");
	CHECK_EQ(close(uffd), 0);
	return 0;
}
