/* The out-of-memory killer. */
#ifndef MM_OOM_KILL_H
#define MM_OOM_KILL_H

/*
 * A fault could not get a frame (PF_RET_OOM): shrink the page cache, or kill the process
 * with the most memory. The caller returns, and the faulting instruction runs again.
 */
void pagefault_out_of_memory(void);

struct mm_struct;
/*
 * How many frames the OOM killer charges to mm (the victim is the process with the
 * most): its own pages, its page tables, and the heap its VMAs take, rounded up.
 */
unsigned long oom_badness(const struct mm_struct *mm);

#endif
