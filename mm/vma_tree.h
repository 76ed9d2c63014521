/*
 * The VMA tree's own operations, for the code that splits and merges VMAs (mm/vma.c)
 * and for the host tests (mm/test/test_vma_tree.c). Every change to the set of VMAs of
 * an mm or to a VMA's bounds goes through these, so that the free gaps the tree keeps
 * for find_free_range() stay true. Caller holds mm->mmap_lock for writing.
 */
#ifndef MM_VMA_TREE_H
#define MM_VMA_TREE_H

#include <mm/mm.h>

/* The VMA after vma in address order, or NULL. */
struct vm_area_struct *vma_next(struct vm_area_struct *vma);
/* The highest VMA of mm, or NULL if it has none. */
struct vm_area_struct *last_vma(struct mm_struct *mm);
/* Link vma (its bounds set, overlapping none) into mm's list and tree. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
/* Take vma out of its mm's list and tree; the caller frees it. */
void vma_unlink(struct vm_area_struct *vma);
/*
 * Move vma's start to new_start (file offset kept in step), or its end to new_end;
 * neither may make it overlap a neighbour.
 */
void vma_set_start(struct vm_area_struct *vma, unsigned long new_start);
void vma_set_end(struct vm_area_struct *vma, unsigned long new_end);

#endif
