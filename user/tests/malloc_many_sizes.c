/* EXPECT: exit 0 */
/*
 * The libc's malloc over mmap: blocks of many sizes (0 bytes to 3 MiB) come back
 * 16-byte aligned and never overlap (each keeps its own fill); freed blocks are reused;
 * calloc zeroes even reused memory; realloc keeps the contents when growing and
 * shrinking; blocks of 64 KiB and more are returned to the kernel on free (a touch after
 * free kills with SIGSEGV). 5000 small blocks at once work too.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const size_t sizes[] = {
	0, 1, 2, 7, 8, 15, 16, 17, 24, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256,
	1000, 2047, 2048, 4095, 4096, 4097, 8192, 10000, 32767, 32768, 40000, 65519, 65520,
	65536, 100000, 1 << 20, 3 << 20,
};
#define NR_SIZES ARRAY_SIZE(sizes)

static unsigned char fill_of(size_t i)
{
	return (unsigned char)(0x40 + i);
}

static volatile char *target;

static int child_touch(void *arg)
{
	(void)arg;
	*target = 1;
	return 0;
}

static void check_sizes(void)
{
	unsigned char *blocks[NR_SIZES];

	for (size_t i = 0; i < NR_SIZES; i++) {
		blocks[i] = malloc(sizes[i]);
		CHECK(blocks[i] != NULL, "malloc(%zu) failed", sizes[i]);
		CHECK(((unsigned long)blocks[i] & 15) == 0, "malloc(%zu) = %p is not 16-byte aligned",
		      sizes[i], (void *)blocks[i]);
		memset(blocks[i], fill_of(i), sizes[i]);
	}
	for (size_t i = 0; i < NR_SIZES; i++)
		for (size_t j = 0; j < sizes[i]; j++)
			CHECK(blocks[i][j] == fill_of(i), "block of %zu bytes: byte %zu was overwritten",
			      sizes[i], j);
	for (size_t i = 0; i < NR_SIZES; i += 2) /* every other one, then the rest */
		free(blocks[i]);
	for (size_t i = 1; i < NR_SIZES; i += 2)
		free(blocks[i]);
}

static void check_reuse_and_calloc(void)
{
	unsigned char *a = malloc(200), *b;

	CHECK(a != NULL, "malloc(200) failed");
	memset(a, 0xee, 200);
	free(a);
	b = malloc(200);
	CHECK(b == a, "a freed block of the same size was not reused (%p, then %p)",
	      (void *)a, (void *)b);
	free(b);
	b = calloc(50, 4);
	CHECK(b != NULL, "calloc(50, 4) failed");
	for (int i = 0; i < 200; i++)
		CHECK(b[i] == 0, "calloc memory byte %d is %#x", i, b[i]);
	free(b);
	CHECK(calloc((size_t)-1 / 2, 4) == NULL && errno == ENOMEM, "calloc overflow not refused");
	free(NULL);
}

static void check_realloc(void)
{
	unsigned char *p = realloc(NULL, 10);

	CHECK(p != NULL, "realloc(NULL, 10) failed");
	for (int i = 0; i < 10; i++)
		p[i] = (unsigned char)i;
	p = realloc(p, 5000);
	CHECK(p != NULL, "realloc to 5000 failed");
	for (int i = 0; i < 10; i++)
		CHECK_EQ(p[i], i);
	for (int i = 0; i < 5000; i++)
		p[i] = (unsigned char)(i * 3);
	p = realloc(p, 200000);
	CHECK(p != NULL, "realloc to 200000 failed");
	for (int i = 0; i < 5000; i++)
		CHECK_EQ(p[i], (unsigned char)(i * 3));
	p = realloc(p, 100);
	CHECK(p != NULL, "realloc down to 100 failed");
	for (int i = 0; i < 100; i++)
		CHECK_EQ(p[i], (unsigned char)(i * 3));
	free(p);
}

static void check_large_returned(void)
{
	char *big = malloc(1 << 20);
	int status;

	CHECK(big != NULL, "malloc(1 MiB) failed");
	big[12345] = 1;
	free(big);
	target = big + 12345;
	status = run_in_child(child_touch, NULL);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "touching a freed 1 MiB block: %s, expected SIGSEGV (munmap)", status_str(status));
}

static void check_many_small(void)
{
	static int *blocks[5000];

	for (int i = 0; i < 5000; i++) {
		blocks[i] = malloc(24);
		CHECK(blocks[i] != NULL, "malloc(24) number %d failed", i);
		blocks[i][0] = i;
		blocks[i][5] = -i;
	}
	for (int i = 0; i < 5000; i++)
		CHECK(blocks[i][0] == i && blocks[i][5] == -i, "small block %d was overwritten", i);
	for (int i = 0; i < 5000; i++)
		free(blocks[i]);
}

int main(void)
{
	check_sizes();
	check_reuse_and_calloc();
	check_realloc();
	check_large_returned();
	check_many_small();
	return 0;
}
