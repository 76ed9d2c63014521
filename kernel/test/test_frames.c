/* Frame allocator: every free frame can be taken, each exactly once, and all come back. */
#include <kernel/test/ktest.h>
#include <lib/string.h>
#include <mm/frame.h>
#include <mm/memblock.h>

KTEST(frames_alloc_all_free_all)
{
	unsigned long before = nr_free_frames(), allocated = 0, freed = 0, bad = 0;
	void **chain = NULL; /* allocated frames, linked through their first word */
	struct page *page;

	while ((page = alloc_page()) != NULL) {
		void **mem = page_address(page);

		if (page->refcount != 1 || !pfn_valid(page_to_pfn(page)) ||
		    memblock_is_reserved(page_to_phys(page), PAGE_SIZE))
			bad++;
		mem[0] = chain;
		mem[1] = (void *)~(uintptr_t)mem; /* a frame handed out twice breaks this */
		chain = mem;
		allocated++;
	}
	KEXPECT_EQ(allocated, before);
	KEXPECT_EQ(nr_free_frames(), 0);
	KEXPECT_EQ(bad, 0);
	while (chain && freed < allocated) {
		void **next = chain[0];

		if (chain[1] != (void *)~(uintptr_t)chain)
			bad++;
		put_page(virt_to_page(chain));
		chain = next;
		freed++;
	}
	KEXPECT_EQ(freed, allocated);
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(nr_free_frames(), before);
}

KTEST(frames_refcount)
{
	unsigned long before = nr_free_frames(), bad_before = nr_bad_frees();
	struct page *page = alloc_page();

	KEXPECT(page != NULL);
	if (!page)
		return;
	KEXPECT_EQ(nr_free_frames(), before - 1);
	get_page(page);
	KEXPECT_EQ(page->refcount, 2);
	put_page(page);
	KEXPECT_EQ(nr_free_frames(), before - 1); /* one reference left: still in use */
	put_page(page);
	KEXPECT_EQ(nr_free_frames(), before);
	put_page(page); /* a double free is caught and counted, not a corrupt free list */
	KEXPECT_EQ(nr_bad_frees(), bad_before + 1);
	KEXPECT_EQ(nr_free_frames(), before);
}

KTEST(frames_zeroed)
{
	struct page *page = alloc_zeroed_page();
	const u8 *mem;
	unsigned long nonzero = 0;

	KEXPECT(page != NULL);
	if (!page)
		return;
	mem = page_address(page);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		nonzero += mem[i] != 0;
	KEXPECT_EQ(nonzero, 0);
	put_page(page);
}
