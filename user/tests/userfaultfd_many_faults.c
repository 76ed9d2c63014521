/* EXPECT: exit 0 */
/* LINUX-VM: userfaultfd: qemu-riscv64 cannot run it; the host may forbid it */
/*
 * One pager thread serves 10,000 missing-page faults from 4 faulting threads: each
 * faulter owns 50 pages of one registered anonymous mapping and, 50 times over, reads
 * every word of each page, checks it against the pattern the pager fills that page with
 * (derived from the page's address and how many times it was dropped), then drops its
 * pages with MADV_DONTNEED so that the next round faults on every page again. The pager
 * answers each message with UFFDIO_COPY of one page: it reads exactly 10,000 messages,
 * maps 10,000 pages, and never finds a page already mapped.
 */
#include <check.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/syscall.h>
#include <thread.h>
#include <uffd_pager.h>
#include <unistd.h>

#define PAGE            UFFD_PAGE_SIZE
#define NR_FAULTERS     4
#define PAGES_EACH      50
#define ROUNDS          50
#define NR_PAGES        (NR_FAULTERS * PAGES_EACH)
#define NR_FAULTS       (NR_FAULTERS * PAGES_EACH * ROUNDS)
#define WORDS_PER_PAGE  (PAGE / sizeof(unsigned long))

static unsigned char *area;              /* the registered mapping */
static volatile int generation[NR_PAGES]; /* times each page was dropped */
static struct uffd_pager pager;

/* Word i of the page at addr in generation gen. */
static unsigned long pattern(unsigned long addr, int gen, unsigned long i)
{
	return (addr ^ ((unsigned long)gen << 48)) + i * 0x9e3779b97f4a7c15UL;
}

static void fill(unsigned long addr, unsigned char *buf, void *arg)
{
	unsigned long *words = (unsigned long *)buf;
	int gen = generation[(addr - (unsigned long)area) / PAGE];

	(void)arg;
	for (unsigned long i = 0; i < WORDS_PER_PAGE; i++)
		words[i] = pattern(addr, gen, i);
}

struct faulter {
	int index;                  /* which 50 pages */
	volatile long bad_words;    /* words that did not match */
	volatile long first_bad;    /* the first one's address */
	struct thread thread;
};

static int fault_pages(void *arg)
{
	struct faulter *f = arg;
	unsigned char *mine = area + (unsigned long)f->index * PAGES_EACH * PAGE;

	for (int round = 0; round < ROUNDS; round++) {
		for (int p = 0; p < PAGES_EACH; p++) {
			unsigned long addr = (unsigned long)mine + (unsigned long)p * PAGE;
			volatile unsigned long *words = (volatile unsigned long *)addr;
			int gen = generation[f->index * PAGES_EACH + p];

			for (unsigned long i = 0; i < WORDS_PER_PAGE; i++) {
				if (words[i] != pattern(addr, gen, i) && !f->bad_words++)
					f->first_bad = (long)&words[i];
			}
		}
		for (int p = 0; p < PAGES_EACH; p++)
			generation[f->index * PAGES_EACH + p]++;
		/* Raw, so errno (shared by the threads) is not written. */
		if (syscall6(__NR_madvise, (long)mine, PAGES_EACH * PAGE, MADV_DONTNEED,
			     0, 0, 0))
			f->bad_words = -1;
	}
	return 0;
}

int main(void)
{
	static struct faulter faulters[NR_FAULTERS];
	int fd = uffd_open(O_CLOEXEC | O_NONBLOCK, 0);

	CHECK(fd >= 0, "userfaultfd: %d", fd);
	area = mmap(NULL, NR_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(area != MAP_FAILED, "mmap");
	CHECK_EQ(uffd_register(fd, area, NR_PAGES * PAGE, UFFDIO_REGISTER_MODE_MISSING, NULL), 0);

	pager.uffd = fd;
	pager.fill = fill;
	CHECK_EQ(uffd_pager_start(&pager), 0);
	for (int i = 0; i < NR_FAULTERS; i++) {
		faulters[i].index = i;
		CHECK(thread_create(&faulters[i].thread, fault_pages, &faulters[i], NULL) > 0,
		      "thread_create");
	}
	for (int i = 0; i < NR_FAULTERS; i++)
		thread_join(&faulters[i].thread);
	CHECK_EQ(uffd_pager_stop(&pager), 0);

	for (int i = 0; i < NR_FAULTERS; i++)
		CHECK(faulters[i].bad_words == 0, "faulter %d: %ld words differ, the first at %lx",
		      i, faulters[i].bad_words, faulters[i].first_bad);
	CHECK_EQ(pager.nr_msgs, NR_FAULTS);
	CHECK_EQ(pager.nr_copied, NR_FAULTS);
	CHECK_EQ(pager.nr_exist, 0);
	close(fd);
	munmap(area, NR_PAGES * PAGE);
	return 0;
}
