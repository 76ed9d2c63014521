/*
 * Shared memory (Linux's mm/shmem.c): files whose page cache is their only copy
 * (inode->cache_only: tmpfs files, memfds, MAP_SHARED|MAP_ANONYMOUS). Every mapping of
 * such a file, MAP_SHARED or MAP_PRIVATE, and read()/write() reach the very same pages;
 * a MAP_SHARED write fault maps the cache's page writable (do_shared_fault,
 * mm/memory.c), so a write through one mapping is seen through all of them. A page
 * never written is a hole: a fault there puts a zeroed page into the cache, charged to
 * tmpfs's page limit (full: SIGBUS, as Linux).
 */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <mm/fault.h>
#include <types.h>

struct inode;
struct page;
struct vm_fault;

/*
 * The page at index of the shared-memory file inode, with a reference for the caller,
 * in *pagep: the cached one, or a zeroed page added to the cache (Linux's
 * shmem_get_folio). 0, -ENOSPC past tmpfs's page limit, or -ENOMEM.
 */
int shmem_get_page(struct inode *inode, unsigned long index, struct page **pagep);
/* The fault's page of a shared-memory file (Linux's shmem_fault): 0, VM_FAULT_SIGBUS
 * (tmpfs full) or VM_FAULT_OOM; vmf->pgoff is inside the file. */
vm_fault_t shmem_fault(struct vm_fault *vmf);
/*
 * A user pager fills page index of the shared-memory file inode (UFFDIO_COPY,
 * UFFDIO_ZEROPAGE): a page is added to the cache with src's bytes (src NULL: zeros),
 * returned in *pagep with a reference for the caller. 0, -EFAULT past the end of the
 * file, -EEXIST if the cache has the page already, -ENOMEM.
 */
int shmem_mfill_page(struct inode *inode, unsigned long index, struct page *src,
		     struct page **pagep);
/*
 * The file behind a MAP_SHARED|MAP_ANONYMOUS mapping of len bytes (Linux's
 * shmem_zero_setup): an unlinked shared-memory inode named "dev/zero" under "/", so
 * /proc/<pid>/maps shows "/dev/zero (deleted)". With a reference for the caller, or
 * NULL (-ENOMEM or -ENOSPC in *err).
 */
struct inode *shmem_zero_setup(unsigned long len, int *err);
/*
 * Free the bytes [start, end) of a shared-memory file (FALLOC_FL_PUNCH_HOLE,
 * MADV_REMOVE): whole pages leave every mapping and the cache, the parts of the pages at
 * the edges are zeroed; the range reads as zeros afterwards. The size stays.
 */
void shmem_punch_hole(struct inode *inode, u64 start, u64 end);
/*
 * fallocate() on a shared-memory file: mode 0 or FALLOC_FL_KEEP_SIZE puts pages into
 * [offset, offset + len) and, without KEEP_SIZE, grows the size to cover it;
 * FALLOC_FL_PUNCH_HOLE|FALLOC_FL_KEEP_SIZE punches a hole. 0, -EOPNOTSUPP for any other
 * mode, -EPERM if a seal forbids it, -ENOSPC or -ENOMEM (the pages it added stay).
 */
long shmem_fallocate(struct inode *inode, int mode, u64 offset, u64 len);

#endif
