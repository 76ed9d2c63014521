/*
 * Address spaces. A process's struct mm_struct (Linux's name) is its page table plus the
 * list of its mappings, struct vm_area_struct: [vm_start, vm_end) with one protection and
 * one backing (anonymous zeros, or a file at an offset). The kernel half of every page
 * table is shared: paging_init() creates all its top-level entries once, and each new
 * mm copies them.
 *
 * For now every mapping is populated when it is made (issue "The fault core" makes
 * them lazy), so a page fault in user space always means a bad access.
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <lib/list.h>
#include <mm/pgtable.h>
#include <types.h>

/* Lowest address mmap() hands out or accepts (Linux's mmap_min_addr): NULL stays unmapped. */
#define MMAP_MIN_ADDR 0x10000UL

/* vm_flags: the access a mapping allows, and what kind it is. */
#define VM_READ      0x01
#define VM_WRITE     0x02
#define VM_EXEC      0x04
#define VM_SHARED    0x08
#define VM_GROWSDOWN 0x10 /* the stack */

struct inode;

struct vm_area_struct {
	unsigned long vm_start;      /* first address */
	unsigned long vm_end;        /* first address past the end */
	unsigned long vm_flags;      /* VM_* */
	struct inode *vm_file;       /* backing file, or NULL: anonymous */
	unsigned long vm_pgoff;      /* file offset of vm_start, in pages */
	struct list_head vm_list;    /* in mm->mmap, sorted by address */
};

struct mm_struct {
	pte_t *pgd;                  /* the top-level page table */
	struct list_head mmap;       /* VMAs, sorted, never overlapping */
	unsigned long start_brk;     /* the heap: [start_brk, brk) */
	unsigned long brk;
	unsigned long mmap_base;     /* mmap() without a hint searches down from here */
	unsigned long nr_pages;      /* user pages mapped */
};

/* A new address space with only the kernel half mapped, or NULL. */
struct mm_struct *mm_alloc(void);
/* Unmap and free every user page and table, then the mm itself. */
void mm_release(struct mm_struct *mm);
/* A deep copy for fork(): new frames with the same contents; NULL if out of memory. */
struct mm_struct *mm_copy(struct mm_struct *old);
/* (The scheduler loads address spaces: activate_mm() in kernel/sched.h.) */

/*
 * si_code for a bad user access at addr: SEGV_ACCERR if a VMA covers it (the mapping
 * forbids the access), SEGV_MAPERR if none does. (The fault core takes this over.)
 */
int segv_code(struct mm_struct *mm, unsigned long addr);
/* The VMA containing addr, or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* True if no VMA overlaps [start, end). */
bool range_is_free(struct mm_struct *mm, unsigned long start, unsigned long end);
/* A free gap of len bytes, searched downwards from the top; 0 if none. */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len);

/*
 * Map [start, start+len) with vm_flags and fill it: zeros, then len bytes of file data
 * from data (may be NULL) copied at the start. Page-aligned start and len; the range
 * must be free. Returns 0, or -ENOMEM (nothing is left mapped).
 */
int mm_map_populate(struct mm_struct *mm, unsigned long start, unsigned long len,
		    unsigned long vm_flags, struct inode *file, unsigned long pgoff,
		    const void *data, size_t data_len);
/* Remove every mapping in [start, start+len), splitting VMAs at the edges. */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Change the protection of [start, start+len); -ENOMEM if part of it is not mapped. */
int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags);

/* The PAGE_* bits a user page of a VMA with these vm_flags gets. */
unsigned int vm_flags_to_prot(unsigned long vm_flags);

#endif
