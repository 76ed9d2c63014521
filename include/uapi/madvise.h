/*
 * The madvise() advice values Linux knows (include/uapi/asm-generic/mman-common.h),
 * beyond the first few in uapi/abi.h. What each does here is in mm/madvise.c.
 */
#ifndef UAPI_MADVISE_H
#define UAPI_MADVISE_H

#define MADV_RANDOM          1   /* expect random page references */
#define MADV_SEQUENTIAL      2   /* expect sequential page references */
#define MADV_REMOVE          9   /* free the pages and their backing store (shared memory) */
#define MADV_DONTFORK        10  /* a fork's child does not inherit the range */
#define MADV_DOFORK          11  /* undo MADV_DONTFORK */
#define MADV_MERGEABLE       12  /* KSM may merge identical pages */
#define MADV_UNMERGEABLE     13  /* undo MADV_MERGEABLE */
#define MADV_HUGEPAGE        14  /* worth backing with transparent huge pages */
#define MADV_NOHUGEPAGE      15  /* not worth backing with huge pages */
#define MADV_DONTDUMP        16  /* leave out of a core dump */
#define MADV_DODUMP          17  /* undo MADV_DONTDUMP */
#define MADV_WIPEONFORK      18  /* a fork's child gets the range zero-filled */
#define MADV_KEEPONFORK      19  /* undo MADV_WIPEONFORK */
#define MADV_COLD            20  /* deactivate these pages */
#define MADV_PAGEOUT         21  /* reclaim these pages */
#define MADV_POPULATE_READ   22  /* fault the pages in, readable */
#define MADV_POPULATE_WRITE  23  /* fault the pages in, writable */
#define MADV_DONTNEED_LOCKED 24  /* MADV_DONTNEED that also drops locked pages */
#define MADV_COLLAPSE        25  /* make transparent huge pages now */
#define MADV_SOFT_OFFLINE    101 /* migrate the page away from its frame, then retire the frame */
#define MADV_GUARD_INSTALL   102 /* Linux 6.13: make the range a guard region */
#define MADV_GUARD_REMOVE    103 /* Linux 6.13: undo MADV_GUARD_INSTALL */

#endif
