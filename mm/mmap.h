/* The memory system calls: mmap, munmap, mprotect, brk, msync (Linux's semantics). */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include <types.h>
struct mm_struct;

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags,
	      int fd, unsigned long offset);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_mprotect(unsigned long addr, unsigned long len, unsigned long prot);
long sys_brk(unsigned long brk);
long sys_madvise(unsigned long addr, unsigned long len, int advice);
long sys_mincore(unsigned long addr, unsigned long len, unsigned char *vec);
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr);
/* mremap() on mm (mm/mremap.c): the new address, or -errno. */
long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr);

#endif
