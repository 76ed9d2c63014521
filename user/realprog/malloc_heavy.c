/*
 * The allocator under load: many small blocks (brk), large ones (mmap), realloc growth
 * and frees in a scrambled order; every block's contents are checked before it is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_BLOCKS 4000

static unsigned int next_random(unsigned int *state)
{
	*state = *state * 1103515245 + 12345;
	return (*state >> 8) & 0xffffff;
}

int main(void)
{
	static unsigned char *blocks[NR_BLOCKS];
	static size_t sizes[NR_BLOCKS];
	unsigned int state = 1;
	unsigned long total = 0, bad = 0;

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < NR_BLOCKS; i++) {
			size_t size = next_random(&state) % (i % 100 == 0 ? 300000 : 2000) + 1;

			blocks[i] = malloc(size);
			if (!blocks[i]) {
				printf("malloc(%zu) failed\n", size);
				return 1;
			}
			memset(blocks[i], i & 0xff, size);
			sizes[i] = size;
			total += size;
		}
		for (int i = 0; i < NR_BLOCKS; i += 7) {
			size_t size = sizes[i] * 2 + 100;
			unsigned char *p = realloc(blocks[i], size);

			if (!p)
				return 1;
			memset(p + sizes[i], i & 0xff, size - sizes[i]);
			blocks[i] = p;
			sizes[i] = size;
		}
		for (int n = 0; n < NR_BLOCKS; n++) {
			int i = (int)((unsigned)n * 2654435761u % NR_BLOCKS);

			if (!blocks[i])
				continue;
			for (size_t b = 0; b < sizes[i]; b += 97)
				bad += blocks[i][b] != (i & 0xff);
			free(blocks[i]);
			blocks[i] = NULL;
		}
		for (int i = 0; i < NR_BLOCKS; i++)
			if (blocks[i]) {
				free(blocks[i]);
				blocks[i] = NULL;
			}
		printf("round %d: allocated %lu bytes in total so far, %lu bad bytes\n", round, total, bad);
	}
	void *big = calloc(64, 1 << 20);
	printf("calloc 64 MiB: %s, first and last byte %d %d\n", big ? "ok" : "failed",
	       big ? ((char *)big)[0] : -1, big ? ((char *)big)[(64 << 20) - 1] : -1);
	free(big);
	return bad != 0;
}
