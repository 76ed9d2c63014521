/* The out-of-memory killer. */
#ifndef MM_OOM_KILL_H
#define MM_OOM_KILL_H

/*
 * A fault could not get a frame (PF_RET_OOM): shrink the page cache, or kill the process
 * with the most memory. The caller returns, and the faulting instruction runs again.
 */
void pagefault_out_of_memory(void);

#endif
