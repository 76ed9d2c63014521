/*
 * Address spaces. A process's struct mm_struct (Linux's name) is its page table plus its
 * mappings, struct vm_area_struct: [vm_start, vm_end) with one protection and one
 * backing (anonymous zeros, or a file at an offset). VMAs sit in a balanced tree for
 * O(log n) lookup (with a one-entry cache of the last hit) and O(log n) free-range
 * search (each node keeps the largest free gap below any VMA of its subtree: see
 * mm/vma_tree.c), and in an address-ordered list for walking. The kernel half of every page table is shared: paging_init() makes
 * all its top-level entries once, and each new mm copies them.
 *
 * Nothing is mapped before it is touched: mmap() only records a VMA, and the page-fault
 * core (mm/fault.c, mm/memory.c) fills pages in on first access.
 *
 * Locking: mm->mmap_lock (a reader/writer semaphore) protects the VMAs and the user half
 * of the page table. Page faults hold it for reading; mmap, munmap, mprotect, brk,
 * madvise and fork for writing.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <kernel/rwsem.h>
#include <lib/avl.h>
#include <lib/list.h>
#include <mm/pgtable.h>
#include <types.h>

/* Lowest address mmap() hands out or accepts (Linux's mmap_min_addr): NULL stays unmapped. */
#define MMAP_MIN_ADDR 0x10000UL
/* The gap the stack keeps from the mapping below it (Linux's stack_guard_gap); how far
 * it may grow is RLIMIT_STACK (kernel/rlimit.h). */
#define STACK_GUARD_GAP (256 * PAGE_SIZE)
/*
 * The most VMAs one process may have (Linux's vm.max_map_count, at its default
 * DEFAULT_MAX_MAP_COUNT): each costs kernel memory, so a process cannot fill the heap
 * with them. As in Linux, a new mapping is refused (ENOMEM) once map_count exceeds it,
 * and a split once map_count has reached it.
 */
#define MAX_MAP_COUNT 65530

/* vm_flags: the access a mapping allows, and what kind it is. */
#define VM_READ      0x01
#define VM_WRITE     0x02
#define VM_EXEC      0x04
#define VM_SHARED    0x08
#define VM_GROWSDOWN 0x10 /* the stack: grows down on faults below it */
#define VM_ACCESS    (VM_READ | VM_WRITE | VM_EXEC)

struct inode;

struct vm_area_struct {
	unsigned long vm_start;      /* first address */
	unsigned long vm_end;        /* first address past the end */
	unsigned long vm_flags;      /* VM_* */
	struct inode *vm_inode;      /* backing file's inode, or NULL: anonymous (Linux keeps
					the open file, vm_file, and reaches the inode through it;
					a mapping here needs nothing of the open file) */
	unsigned long vm_pgoff;      /* file offset of vm_start, in pages */
	struct mm_struct *vm_mm;     /* the address space it belongs to */
	struct list_head vm_list;    /* in mm->mmap, sorted by address */
	struct avl_node vm_node;     /* in mm->mm_tree, keyed by vm_start */
	unsigned long vm_subtree_gap; /* the largest vma_gap() of a VMA in vm_node's subtree */
};

struct mm_struct {
	pte_t *pgd;                  /* the top-level page table */
	struct list_head mmap;       /* VMAs, sorted, never overlapping */
	struct avl_root mm_tree;     /* the same VMAs, for lookup */
	struct vm_area_struct *mmap_cache; /* the last VMA find_vma() returned */
	struct rw_semaphore mmap_lock;
	unsigned long start_brk;     /* the heap: [start_brk, brk) */
	unsigned long brk;
	unsigned long mmap_base;     /* mmap() without a hint searches down from here; set
				      * before the first VMA (the VMA gaps stop at it) */
	unsigned long start_stack;   /* the stack's initial top */
	unsigned long arg_start;     /* the argv strings exec left on the stack: [arg_start, */
	unsigned long arg_end;       /* arg_end), for /proc/<pid>/cmdline */
	unsigned long nr_pages;      /* user pages mapped (resident set) */
	unsigned long hiwater_rss;   /* the most nr_pages has been (getrusage's ru_maxrss) */
	unsigned long map_count;     /* number of VMAs (at most MAX_MAP_COUNT + 1) */
	unsigned long nr_pgtables;   /* page-table pages of the user half, root included */
	int mm_users;                /* tasks using it (threads share one); the last frees it */
};

/* The mmap lock, in Linux's words (include/linux/mmap_lock.h). */
static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

/* A new address space with only the kernel half mapped, or NULL. */
struct mm_struct *mm_alloc(void);
/*
 * Drop a reference to mm. The last one (Linux's mmput of the last user) unmaps
 * everything, frees every page, table and VMA, then the mm itself.
 */
void mmput(struct mm_struct *mm);
/* Take another reference to mm: a thread sharing it (clone with CLONE_VM). */
void mmget(struct mm_struct *mm);
/* fork(): a copy sharing every private page copy-on-write; NULL if out of memory. */
struct mm_struct *mm_copy(struct mm_struct *old);

/* The first VMA ending above addr (it may start above addr too), or NULL (Linux's find_vma). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The VMA containing addr, or NULL (Linux's vma_lookup). */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
/* The VMA before vma in address order, or NULL. */
struct vm_area_struct *vma_prev(struct vm_area_struct *vma);
/* True if no VMA overlaps [start, end). */
bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end);
/*
 * The highest free range of len bytes (page-aligned, not 0) below mmap_base, at or
 * above MMAP_MIN_ADDR; its address, or 0 if none. O(log n) in the number of VMAs.
 */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len);

/* May mm's mappings grow by len bytes under the caller's RLIMIT_AS? */
bool may_expand_vm(struct mm_struct *mm, unsigned long len);
/*
 * Map [start, start+len) (page-aligned, free) with vm_flags, backed by file from page
 * pgoff or anonymous; nothing is populated. Merges with equal neighbours. 0 or -ENOMEM
 * (also past RLIMIT_AS).
 */
int mmap_region(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long vm_flags, struct inode *file, unsigned long pgoff);
/*
 * Remove every mapping in [start, start+len), splitting VMAs at the edges, and free the
 * page tables left mapping only the gap (free_pgtables). 0 or -ENOMEM.
 */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Change the protection of [start, start+len); -ENOMEM if part of it is not mapped. */
int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags);
/* Grow the stack VMA down to cover addr, within RLIMIT_STACK, RLIMIT_AS and the guard gap; 0 or -ENOMEM. */
int expand_stack(struct vm_area_struct *vma, unsigned long addr);

/*
 * Copy len bytes into mm at va, faulting pages in as a write would (exec builds the new
 * stack this way). 0, -EFAULT, or -ENOMEM if memory ran out.
 */
int copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t len);

/*
 * After [start, end) of mm was unmapped (no VMA overlaps it any more): free the page
 * tables that only mapped the gap it now lies in, flush them from the TLB and uncount
 * them (Linux's free_pgtables(); the rule is in mm/pgtable.c).
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Free the pages mapped in [start, end) of vma's mm; the VMA stays (MADV_DONTNEED). */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* fork: share src's pages in [vma] with dst copy-on-write. 0 or -ENOMEM. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
/* madvise(MADV_HWPOISON): drop the page at addr and make any access SIGBUS BUS_MCEERR_AR. */
void poison_page(struct vm_area_struct *vma, unsigned long addr);
/* One more page mapped in mm: count it, and the high-water mark. */
static inline void mm_inc_rss(struct mm_struct *mm)
{
	if (++mm->nr_pages > mm->hiwater_rss)
		mm->hiwater_rss = mm->nr_pages;
}

/* Page-table pages of every address space, roots included (/proc/meminfo's PageTables). */
extern unsigned long nr_user_pgtables;

/* nr more page-table pages in mm (or fewer, if negative): count them there and in total. */
static inline void mm_account_pgtables(struct mm_struct *mm, long nr)
{
	mm->nr_pgtables += (unsigned long)nr;
	nr_user_pgtables += (unsigned long)nr;
}

/*
 * The leaf PTE of va in mm, making any missing page table (charged to mm: the OOM
 * killer counts them); NULL if no frame was free for one.
 */
static inline pte_t *mm_walk_alloc(struct mm_struct *mm, unsigned long va)
{
	unsigned long made = 0;
	pte_t *pte = walk_alloc(mm->pgd, va, &made);

	mm_account_pgtables(mm, (long)made);
	return pte;
}

/* The PAGE_* bits a user page of a VMA with these vm_flags gets. */
unsigned int vm_flags_to_prot(unsigned long vm_flags);

/* The shared, always-zero page that read faults on anonymous memory map. */
extern struct page *zero_page;
void zero_page_init(void);

/*
 * One page fault on its way through handle_mm_fault() (Linux's struct vm_fault): what
 * the fault is about, filled in once, and what the handlers found and made, so that
 * each handler takes this one argument and a later feature adds a field, not a
 * parameter to every handler.
 */
struct vm_fault {
	struct vm_area_struct *vma;  /* the VMA the fault is in (the caller checked the access) */
	unsigned long address;       /* the faulting address, rounded down to its page */
	unsigned long real_address;  /* the faulting address exactly as the access made it */
	unsigned int flags;          /* FAULT_FLAG_* (mm/fault.h) */
	unsigned long pgoff;         /* the page's index in vma->vm_inode (file-backed only) */
	pte_t *pte;                  /* the leaf PTE that maps address */
	pte_t orig_pte;              /* what *pte held when the fault started */
	struct page *page;           /* the page mapped (the zero page too), or the source of a copy */
	struct page *cow_page;       /* the private copy a copy-on-write maps, or NULL */
};

#endif
