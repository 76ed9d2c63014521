/* kmalloc: distinct, aligned, usable objects; every frame returns after kfree. */
#include <kernel/test/ktest.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>

#define PER_SIZE 40

KTEST(kmalloc_sizes_and_free)
{
	static const size_t sizes[] = { 1, 8, 16, 17, 100, 512, 2048, 2049, 4096 };
	static u64 *objs[ARRAY_SIZE(sizes)][PER_SIZE];
	unsigned long before = nr_free_frames(), bad = 0, misaligned = 0;

	for (unsigned s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t align = sizes[s] <= 16 ? 16 : sizes[s] > 2048 ? PAGE_SIZE : 1;

		while (align < sizes[s] && align < PAGE_SIZE)
			align <<= 1;
		for (int i = 0; i < PER_SIZE; i++) {
			objs[s][i] = kmalloc(sizes[s]);
			if (!objs[s][i]) {
				bad++;
				continue;
			}
			misaligned += (uintptr_t)objs[s][i] % align != 0;
			objs[s][i][0] = (u64)s << 32 | (u64)i; /* overlap would clobber this */
		}
	}
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(misaligned, 0);
	for (unsigned s = 0; s < ARRAY_SIZE(sizes); s++)
		for (int i = 0; i < PER_SIZE; i++)
			if (objs[s][i]) {
				bad += objs[s][i][0] != ((u64)s << 32 | (u64)i);
				kfree(objs[s][i]);
			}
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(nr_free_frames(), before);
	KEXPECT(kmalloc(0) == NULL);
	KEXPECT(kmalloc(KMALLOC_MAX_SIZE + 1) == NULL);
	kfree(NULL);
}
