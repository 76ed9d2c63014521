/*
 * Eager filling of anonymous memory: what a kernel without demand paging does. The
 * student's tree of the lazy-allocation lab (docs/labs/lazy.md) calls it where the
 * lab's code goes, so that its kernel still boots and runs every program, at the cost
 * of a frame for every page of every anonymous VMA a program touches at all. The full
 * tree does not call it.
 */
#ifndef MM_EAGER_FILL_H
#define MM_EAGER_FILL_H

#include <mm/fault.h>
#include <mm/mm.h>

/*
 * Map a fresh zeroed frame, with the VMA's protections, at every page of the anonymous
 * VMA vma that has no page mapped yet (pages already mapped are left as they are; a
 * user pager's write-protect marker stays as the page's write protection). The caller holds vma's mm's mmap lock. 0, or VM_FAULT_OOM when the frames ran
 * out (the pages filled so far stay mapped).
 */
vm_fault_t eager_fill_anon_vma(struct vm_area_struct *vma);

#endif
