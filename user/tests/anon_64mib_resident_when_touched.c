/* EXPECT: exit 0 */
/*
 * Nothing is mapped before it is touched. A 64 MiB anonymous mapping costs no memory:
 * mincore() shows none of its 16384 pages resident. After a scattered set of pages is
 * touched (written, or only read), mincore() shows exactly those pages resident, no
 * neighbour and nothing else; ru_minflt rose by at least the number of pages touched
 * (one fault each, none of them needing I/O).
 *
 * On Linux the mapping is advised MADV_NOHUGEPAGE first, so that a touch maps a 4 KiB
 * page and not a 2 MiB one (which would show 512 pages resident).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mman_extra.h>
#include <sys/resource.h>

#define PAGE     4096UL
#define LEN      (64UL << 20)
#define NR_PAGES (LEN / PAGE)

/* The pages touched: both ends, neighbours, a 2 MiB boundary, and scattered ones. */
static const unsigned long touched[] = { 0, 1, 2, 511, 512, 4095, 8000, 12345, 16382, 16383 };
/* Of those, the ones only read: a read maps a page too (the shared zero page). */
static const unsigned long only_read[] = { 2, 8000 };

static unsigned char vec[NR_PAGES];

static bool in(const unsigned long *set, size_t n, unsigned long page)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == page)
			return true;
	return false;
}

static long minflt(void)
{
	struct rusage ru;

	CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_minflt;
}

static unsigned long count_resident(void)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < NR_PAGES; i++)
		n += vec[i] & 1;
	return n;
}

int main(void)
{
	unsigned char *area;
	unsigned long sum = 0;
	long before, after;

	area = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(area != MAP_FAILED, "mmap of 64 MiB: %s", strerror(errno));
	if (!on_faultline() && madvise(area, LEN, MADV_NOHUGEPAGE))
		note("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));

	CHECK_EQ(mincore(area, LEN, vec), 0);
	printf("64 MiB mapped: %lu of %lu pages resident\n", count_resident(), NR_PAGES);
	CHECK_EQ(count_resident(), 0);

	before = minflt();
	for (size_t i = 0; i < ARRAY_SIZE(touched); i++) {
		volatile unsigned char *p = area + touched[i] * PAGE + (i * 97) % PAGE;

		if (in(only_read, ARRAY_SIZE(only_read), touched[i]))
			sum += *p;
		else
			*p = (unsigned char)(i + 1);
	}
	after = minflt();
	CHECK_EQ(sum, 0);

	CHECK_EQ(mincore(area, LEN, vec), 0);
	printf("touched %zu pages (%zu only read): %lu pages resident\n", ARRAY_SIZE(touched),
	       ARRAY_SIZE(only_read), count_resident());
	for (unsigned long i = 0; i < NR_PAGES; i++)
		CHECK((vec[i] & 1) == in(touched, ARRAY_SIZE(touched), i),
		      "page %lu is %sresident", i, vec[i] & 1 ? "" : "not ");
	printf("resident: exactly the pages touched\n");

	note("ru_minflt rose by %ld", after - before);
	printf("ru_minflt rose by at least %zu: %s\n", ARRAY_SIZE(touched),
	       after - before >= (long)ARRAY_SIZE(touched) ? "yes" : "no");
	CHECK(after - before >= (long)ARRAY_SIZE(touched), "ru_minflt rose by %ld", after - before);

	for (size_t i = 0; i < ARRAY_SIZE(touched); i++) {
		unsigned char *p = area + touched[i] * PAGE + (i * 97) % PAGE;
		bool read_only = in(only_read, ARRAY_SIZE(only_read), touched[i]);

		CHECK_EQ(*p, read_only ? 0 : (unsigned char)(i + 1));
	}
	CHECK_EQ(munmap(area, LEN), 0);
	return 0;
}
