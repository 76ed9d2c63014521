/*
 * debug_tlb: catching a missing TLB flush (the rule is in tlbflush.h).
 *
 * A list of (address space, address) pairs whose PTE lost a page or a permission
 * since their last flush, with the frame the PTE mapped and where each change was made.
 * A flush of the same address in another address space does not count. One CPU, so
 * "pending" is global; the list is protected by debug_tlb_lock.
 *
 * Also the flush counters (tlbflush.h), which are kept whether debug_tlb is on or not.
 */
#include <arch.h>
#include <kernel/cmdline.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <mm/tlbflush.h>

/*
 * More unflushed changes than this at once: only a full flush clears. A range loop
 * flushes at least once per leaf table (PTRS_PER_TABLE entries), so this is room for
 * one whole table and what else may be waiting.
 */
#define MAX_PENDING (2 * PTRS_PER_TABLE)

struct pending_flush {
	struct mm_struct *mm; /* whose page table changed */
	unsigned long addr;  /* the page whose translation may be stale, or a freed table's start */
	phys_addr_t pa;      /* the frame the stale translation leads to (not for a table) */
	const char *file;    /* where set_pte_at() was called */
	int line;
	bool table;          /* a freed page table: only flush_tlb_pgtables() or _all() clear it */
};

unsigned long nr_tlb_flush_page;
unsigned long nr_tlb_flush_range;

static bool debug_tlb;                             /* "debug_tlb" on the command line */
static DEFINE_SPINLOCK(debug_tlb_lock); /* protects pending[], nr_pending, pending_overflow */
static struct pending_flush pending[MAX_PENDING];
static int nr_pending;
static bool pending_overflow; /* lost track: only flush_tlb_all() clears this */

void debug_tlb_init(void)
{
	debug_tlb = cmdline_has("debug_tlb");
	if (debug_tlb)
		printk("debug_tlb: every PTE change that takes something away must be flushed\n");
}

/* Does old -> new take away a page or a permission the TLB may still hold? */
static bool needs_flush(pte_t old, pte_t new)
{
	if (!pte_present(old))
		return false; /* nothing could have been cached */
	if (!pte_present(new) || pte_pa(new) != pte_pa(old))
		return true;
	return pte_prot(old) & ~pte_prot(new);
}

/*
 * Remember that (mm, addr, table) waits for a flush. The same address may be listed
 * twice (a flush forgets every entry of it); that costs room, not correctness, and
 * keeps this O(1) while a range loop records a whole table.
 */
static void record(struct mm_struct *mm, unsigned long addr, phys_addr_t pa, bool table,
		   const char *file, int line)
{
	unsigned long flags;

	spin_lock_irqsave(&debug_tlb_lock, flags);
	if (nr_pending == MAX_PENDING)
		pending_overflow = true;
	else
		pending[nr_pending++] = (struct pending_flush){
			.mm = mm, .addr = addr, .pa = pa, .file = file, .line = line, .table = table
		};
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
}

void debug_tlb_pte_changed(struct mm_struct *mm, unsigned long addr, pte_t old, pte_t new,
			   const char *file, int line)
{
	if (debug_tlb && needs_flush(old, new))
		record(mm, ALIGN_DOWN(addr, PAGE_SIZE), pte_pa(old), false, file, line);
}

void debug_tlb_pgtables_freed(struct mm_struct *mm, unsigned long start, const char *file,
			      int line)
{
	if (debug_tlb)
		record(mm, start, 0, true, file, line);
}

void debug_tlb_pgtables_flushed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long flags;

	if (!debug_tlb)
		return;
	spin_lock_irqsave(&debug_tlb_lock, flags);
	for (int i = 0; i < nr_pending; i++)
		if (pending[i].mm == mm && pending[i].table && pending[i].addr >= start &&
		    pending[i].addr < end)
			pending[i--] = pending[--nr_pending];
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
}

void debug_tlb_flushed(struct mm_struct *mm, unsigned long addr)
{
	unsigned long flags;

	if (!debug_tlb)
		return;
	addr = ALIGN_DOWN(addr, PAGE_SIZE);
	spin_lock_irqsave(&debug_tlb_lock, flags);
	for (int i = 0; i < nr_pending; i++)
		if (pending[i].mm == mm && pending[i].addr == addr && !pending[i].table)
			pending[i--] = pending[--nr_pending];
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
}

void debug_tlb_flushed_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long flags;

	if (!debug_tlb)
		return;
	spin_lock_irqsave(&debug_tlb_lock, flags);
	for (int i = 0; i < nr_pending; i++)
		if (pending[i].mm == mm && pending[i].addr >= start && pending[i].addr < end &&
		    !pending[i].table)
			pending[i--] = pending[--nr_pending];
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
}

void debug_tlb_flushed_all(void)
{
	unsigned long flags;

	spin_lock_irqsave(&debug_tlb_lock, flags);
	nr_pending = 0;
	pending_overflow = false;
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
}

void debug_tlb_check_user_return(void)
{
	if (!debug_tlb || (!nr_pending && !pending_overflow))
		return;
	for (int i = 0; i < nr_pending && i < 16; i++) /* the first few say enough */
		printk("debug_tlb: %s %#lx changed at %s:%d, never flushed\n",
		       pending[i].table ? "page tables from" : "PTE of", pending[i].addr,
		       pending[i].file, pending[i].line);
	panic("BUG: returning to user mode with %d TLB flush(es) missing%s", nr_pending,
	      pending_overflow ? " (and more)" : "");
}

void debug_tlb_frame_freed(phys_addr_t pa)
{
	struct pending_flush hit;
	unsigned long flags;
	bool found = false;

	if (!debug_tlb)
		return;
	spin_lock_irqsave(&debug_tlb_lock, flags);
	for (int i = 0; i < nr_pending && !found; i++) {
		if (!pending[i].table && pending[i].pa == pa) {
			hit = pending[i];
			found = true;
		}
	}
	spin_unlock_irqrestore(&debug_tlb_lock, flags);
	if (!found)
		return;
	printk("debug_tlb: PTE of %#lx changed at %s:%d, never flushed, still leads to it\n",
	       hit.addr, hit.file, hit.line);
	panic("BUG: frame %#lx freed before the TLB flush of its last translation",
	      (unsigned long)pa);
}
