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

#include <compiler.h>
#include <kernel/rwsem.h>
#include <lib/avl.h>
#include <lib/list.h>
#include <mm/page.h>
#include <mm/pgtable.h>
#include <types.h>

/* Lowest address mmap() hands out or accepts (Linux's mmap_min_addr): NULL stays unmapped. */
#define MMAP_MIN_ADDR 0x10000UL
/* The gap the stack keeps from the mapping below it (Linux's stack_guard_gap); how far
 * it may grow is RLIMIT_STACK (kernel/rlimit.h). */
#define STACK_GUARD_GAP (256 * PAGE_SIZE)
/*
 * The most VMAs one process may have (Linux's vm.max_map_count, /proc/sys/vm/
 * max_map_count, which root may change; DEFAULT_MAX_MAP_COUNT at boot): each costs
 * kernel memory, so a process cannot fill the heap with them. As in Linux, a new mapping
 * is refused (ENOMEM) once map_count exceeds it, and a split once map_count has reached
 * it. MAX_MAP_COUNT reads the current limit.
 */
#define DEFAULT_MAX_MAP_COUNT 65530
extern int sysctl_max_map_count;
#define MAX_MAP_COUNT ((unsigned long)sysctl_max_map_count)

/*
 * vm_flags, with Linux's bit values (include/linux/mm.h), so a number printed by gdb or
 * the fault trace reads the same as in Linux. The VM_MAY* bits say what mprotect() may
 * ever turn on: a shared mapping of a file opened read-only lacks VM_MAYWRITE.
 */
#define VM_READ        0x00000001
#define VM_WRITE       0x00000002
#define VM_EXEC        0x00000004
#define VM_SHARED      0x00000008 /* writes reach the file (or the shared memory), no COW */
#define VM_MAYREAD     0x00000010
#define VM_MAYWRITE    0x00000020
#define VM_MAYEXEC     0x00000040
#define VM_MAYSHARE    0x00000080 /* mapped MAP_SHARED (even if VM_SHARED is off: read-only) */
#define VM_GROWSDOWN   0x00000100 /* the stack: grows down on faults below it */
#define VM_UFFD_MISSING 0x00000200 /* userfaultfd: a missing page goes to the pager */
#define VM_UFFD_WP     0x00001000 /* userfaultfd: a write to a write-protected page does */
#define VM_LOCKED      0x00002000 /* mlock(): pages stay resident (reclaim never drops them) */
#define VM_SEQ_READ    0x00008000 /* madvise(MADV_SEQUENTIAL) */
#define VM_RAND_READ   0x00010000 /* madvise(MADV_RANDOM) */
#define VM_DONTCOPY    0x00020000 /* madvise(MADV_DONTFORK): a fork's child does not get it */
#define VM_DONTEXPAND  0x00040000 /* mremap() may not grow it */
#define VM_LOCKONFAULT 0x00080000 /* mlock2(MLOCK_ONFAULT): locked, but filled only by faults */
#define VM_NORESERVE   0x00200000 /* MAP_NORESERVE */
#define VM_WIPEONFORK  0x02000000 /* madvise(MADV_WIPEONFORK): a fork's child gets zeros */
#define VM_DONTDUMP    0x04000000 /* madvise(MADV_DONTDUMP) */
#define VM_HUGEPAGE    0x20000000 /* madvise(MADV_HUGEPAGE): recorded only, no huge pages */
#define VM_NOHUGEPAGE  0x40000000 /* madvise(MADV_NOHUGEPAGE) */
#define VM_MERGEABLE   0x80000000 /* madvise(MADV_MERGEABLE): KSM may merge (it never runs here) */
#define VM_UFFD_MINOR  (1UL << 38) /* userfaultfd: a cached page not yet mapped does (shmem) */
#define __VM_UFFD_FLAGS (VM_UFFD_MISSING | VM_UFFD_WP | VM_UFFD_MINOR)
#define VM_ACCESS      (VM_READ | VM_WRITE | VM_EXEC)
#define VM_MAYACCESS   (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)

/*
 * The kinds of page an address space's resident set is made of (Linux's mm counters,
 * /proc/<pid>/status's RssFile, RssAnon, RssShmem; swap entries once swap exists).
 */
enum mm_counter {
	MM_FILEPAGES,   /* page-cache pages of ordinary files */
	MM_ANONPAGES,   /* private pages: zero-filled, or copies */
	MM_SWAPENTS,    /* pages out on swap */
	MM_SHMEMPAGES,  /* page-cache pages of shared memory (tmpfs, memfd, MAP_SHARED|MAP_ANONYMOUS) */
	NR_MM_COUNTERS
};

struct inode;
struct page;
struct userfaultfd_ctx;

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
	struct list_head vm_shared;  /* in vm_inode->i_mmap (file-backed only) */
	struct avl_node vm_node;     /* in mm->mm_tree, keyed by vm_start */
	unsigned long vm_subtree_gap; /* the largest vma_gap() of a VMA in vm_node's subtree */
	struct userfaultfd_ctx *vm_userfaultfd_ctx; /* the user pager this range is registered
					with (mm/userfaultfd.c), or NULL; set exactly when a
					__VM_UFFD_FLAGS bit is */
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
	unsigned long nr_pages;      /* user pages mapped (resident set): the sum of rss_stat
				      * but MM_SWAPENTS */
	unsigned long rss_stat[NR_MM_COUNTERS]; /* the resident set by kind (enum mm_counter) */
	unsigned long locked_vm;     /* pages of VM_LOCKED VMAs (VmLck, RLIMIT_MEMLOCK) */
	unsigned long def_flags;     /* vm_flags every new mapping gets: VM_LOCKED (and
				      * VM_LOCKONFAULT) after mlockall(MCL_FUTURE) */
	unsigned long hiwater_rss;   /* the most nr_pages has been (getrusage's ru_maxrss) */
	unsigned long map_count;     /* number of VMAs (at most MAX_MAP_COUNT + 1) */
	unsigned long total_vm;      /* pages the VMAs cover (VmSize; kept by mm/vma_tree.c) */
	unsigned long hiwater_vm;    /* the most total_vm has been (VmPeak): see update_hiwater_vm */
	unsigned long nr_pgtables;   /* page-table pages of the user half, root included */
	int mm_users;                /* tasks using it (threads share one); the last one out
				      * tears the address space down */
	int mm_count;                /* references to this struct itself: the users together
				      * hold one, and anybody who must reach the mm without
				      * keeping its memory alive (a userfaultfd) one each; the
				      * last frees it (Linux's mmgrab/mmdrop) */
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
/* mmget(), unless the address space is already gone (its last user left): false then. */
bool mmget_not_zero(struct mm_struct *mm);
/* Keep the struct mm_struct itself (not its memory) until the matching mmdrop(). */
void mmgrab(struct mm_struct *mm);
void mmdrop(struct mm_struct *mm);
/*
 * fork(): a copy sharing every private page copy-on-write, but for the VMAs advised
 * MADV_DONTFORK (VM_DONTCOPY: left out) and MADV_WIPEONFORK (VM_WIPEONFORK: mapped
 * empty); NULL if out of memory.
 */
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

/*
 * A new VMA that is a copy of orig (not linked into any mm yet), holding its own
 * reference on orig's file and listed in the file's i_mmap (Linux's vm_area_dup); NULL
 * if out of memory.
 */
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig);
/* Free a VMA (unlinked from its mm already): off its file's i_mmap, the file let go. */
void vm_area_free(struct vm_area_struct *vma);
/*
 * Take [start, end) of the file inode, in bytes (end 0: to the end of the file), out of
 * every mapping of it (Linux's unmap_mapping_range): the PTEs go, and the next access
 * faults the page in again, or gets SIGBUS past the end of the file. even_cows: also
 * drop the private copies a MAP_PRIVATE mapping made (truncate), else only the file's
 * own pages (a hole punched in it).
 */
void unmap_mapping_range(struct inode *inode, u64 start, u64 end, bool even_cows);

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
/*
 * Change the protection of [start, start+len); -ENOMEM if part of it is not mapped,
 * -EACCES at the first VMA whose VM_MAY* bits forbid it (a shared mapping of a file
 * open read-only may not become writable).
 */
int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags);
/*
 * mremap's new place for part of vma: [addr, addr+len) (free) gets a VMA with vma's
 * flags and backing, from file page pgoff, merged with equal neighbours (Linux's
 * copy_vma; no page moves). Returns the VMA that covers it, or NULL if out of memory.
 */
struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff);
/*
 * Grow vma's end by delta bytes over free space, merging with the next VMA if that
 * continues it (Linux's vma_merge_extend). Returns the VMA that now covers the range.
 */
struct vm_area_struct *vma_merge_extend(struct vm_area_struct *vma, unsigned long delta);
/*
 * Give [start, end) (inside vma) new_flags, splitting vma at start and end first and
 * merging with equal neighbours after (Linux's vma_modify_flags). Returns the VMA that
 * now covers [start, end), or NULL (-ENOMEM) if a split failed (out of memory, or the
 * mm at MAX_MAP_COUNT VMAs).
 */
struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags);
/* vma_modify_flags(), also giving [start, end) the user pager ctx (userfaultfd's
 * register and unregister; Linux's vma_modify_flags_uffd). */
struct vm_area_struct *vma_modify_flags_uffd(struct vm_area_struct *vma, unsigned long start,
					     unsigned long end, unsigned long new_flags,
					     struct userfaultfd_ctx *ctx);
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
/* As zap_page_range(), but only the PTEs that map a page of the file's page cache: a
 * MAP_PRIVATE mapping's own copies stay (a hole punched in the file). */
void zap_page_range_cache(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* fork: share src's pages in [vma] with dst copy-on-write. 0 or -ENOMEM. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);
/* madvise(MADV_HWPOISON): drop the page at addr and make any access SIGBUS BUS_MCEERR_AR. */
void poison_page(struct vm_area_struct *vma, unsigned long addr);
/* Which mm counter a page mapped by a user PTE counts in (Linux's mm_counter()). */
static __always_inline enum mm_counter mm_counter(const struct page *page)
{
	if (!(page->flags & PG_cache))
		return MM_ANONPAGES;
	return (page->flags & PG_swapbacked) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* page is now mapped in mm: count it by its kind, and the high-water mark. */
static __always_inline void mm_inc_rss(struct mm_struct *mm, const struct page *page)
{
	mm->rss_stat[mm_counter(page)]++;
	if (++mm->nr_pages > mm->hiwater_rss)
		mm->hiwater_rss = mm->nr_pages;
}

/*
 * rss[kind] more pages of each kind mapped in mm, or fewer where negative (fork counts
 * a page table's worth at once, as Linux's add_mm_rss_vec()).
 */
static inline void add_mm_rss_vec(struct mm_struct *mm, const long *rss)
{
	for (int i = 0; i < NR_MM_COUNTERS; i++) {
		mm->rss_stat[i] += (unsigned long)rss[i];
		if (i != MM_SWAPENTS)
			mm->nr_pages += (unsigned long)rss[i];
	}
	if (mm->nr_pages > mm->hiwater_rss)
		mm->hiwater_rss = mm->nr_pages;
}

/* page is no longer mapped in mm. */
static __always_inline void mm_dec_rss(struct mm_struct *mm, const struct page *page)
{
	mm->rss_stat[mm_counter(page)]--;
	mm->nr_pages--;
}

/*
 * Raise mm's VmPeak to its size now. Called where mappings have grown and are whole
 * again (the end of mmap_region, expand_stack, mremap), not midway: a merge grows one
 * VMA before it drops the other, and that moment is no peak.
 */
static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
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
