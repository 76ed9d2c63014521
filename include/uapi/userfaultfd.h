/*
 * userfaultfd: Linux's ABI (include/uapi/linux/userfaultfd.h, as of Linux 6.12): the
 * message read() returns, the ioctls and their argument layouts, the feature and mode
 * bits. Shared by the kernel (mm/userfaultfd.c) and user/. The layouts and numbers are
 * Linux's exactly, so a pager built against Linux's header runs here unchanged.
 */
#ifndef UAPI_USERFAULTFD_H
#define UAPI_USERFAULTFD_H

#include <types.h>

/* The one API version there is; UFFDIO_API asks for it. */
#define UFFD_API ((u64)0xAA)

/* ioctl numbers: _IOC(dir, 0xAA, nr, size), written out as Linux's _IOWR/_IOR give them
 * on both arches (dir: 3 read|write, 2 read, 0 none; size in bits 16-29). */
#define _UFFDIO_REGISTER     0x00
#define _UFFDIO_UNREGISTER   0x01
#define _UFFDIO_WAKE         0x02
#define _UFFDIO_COPY         0x03
#define _UFFDIO_ZEROPAGE     0x04
#define _UFFDIO_MOVE         0x05
#define _UFFDIO_WRITEPROTECT 0x06
#define _UFFDIO_CONTINUE     0x07
#define _UFFDIO_POISON       0x08
#define _UFFDIO_API          0x3F

#define UFFDIO 0xAA
#define UFFD_IOC(dir, nr, size) (((u32)(dir) << 30) | ((u32)(size) << 16) | (UFFDIO << 8) | (nr))
#define UFFDIO_API          UFFD_IOC(3, _UFFDIO_API, 24)          /* 0xc018aa3f */
#define UFFDIO_REGISTER     UFFD_IOC(3, _UFFDIO_REGISTER, 32)     /* 0xc020aa00 */
#define UFFDIO_UNREGISTER   UFFD_IOC(2, _UFFDIO_UNREGISTER, 16)   /* 0x8010aa01 */
#define UFFDIO_WAKE         UFFD_IOC(2, _UFFDIO_WAKE, 16)         /* 0x8010aa02 */
#define UFFDIO_COPY         UFFD_IOC(3, _UFFDIO_COPY, 40)         /* 0xc028aa03 */
#define UFFDIO_ZEROPAGE     UFFD_IOC(3, _UFFDIO_ZEROPAGE, 32)     /* 0xc020aa04 */
#define UFFDIO_MOVE         UFFD_IOC(3, _UFFDIO_MOVE, 40)         /* 0xc028aa05 */
#define UFFDIO_WRITEPROTECT UFFD_IOC(3, _UFFDIO_WRITEPROTECT, 24) /* 0xc018aa06 */
#define UFFDIO_CONTINUE     UFFD_IOC(3, _UFFDIO_CONTINUE, 32)     /* 0xc020aa07 */
#define UFFDIO_POISON       UFFD_IOC(3, _UFFDIO_POISON, 32)       /* 0xc020aa08 */

/* /dev/userfaultfd's one ioctl: a new userfaultfd, its argument the syscall's flags. */
#define USERFAULTFD_IOC     0xAA
#define USERFAULTFD_IOC_NEW ((u32)(USERFAULTFD_IOC << 8) | 0x00) /* _IO(0xAA, 0) */

/* What read() returns: one 32-byte message per event. */
struct uffd_msg {
	u8 event;     /* UFFD_EVENT_* */
	u8 reserved1;
	u16 reserved2;
	u32 reserved3;
	union {
		struct {
			u64 flags;   /* UFFD_PAGEFAULT_FLAG_* */
			u64 address; /* page-aligned unless UFFD_FEATURE_EXACT_ADDRESS */
			union {
				u32 ptid; /* the faulting thread, with UFFD_FEATURE_THREAD_ID */
			} feat;
		} pagefault;
		struct {
			u32 ufd; /* the child's new userfaultfd */
		} fork;
		struct {
			u64 from;
			u64 to;
			u64 len;
		} remap;
		struct {
			u64 start;
			u64 end;
		} remove; /* UFFD_EVENT_REMOVE and UFFD_EVENT_UNMAP */
		struct {
			u64 reserved1;
			u64 reserved2;
			u64 reserved3;
		} reserved;
	} arg;
} __attribute__((packed));

#define UFFD_EVENT_PAGEFAULT 0x12
#define UFFD_EVENT_FORK      0x13
#define UFFD_EVENT_REMAP     0x14
#define UFFD_EVENT_REMOVE    0x15
#define UFFD_EVENT_UNMAP     0x16

/* uffd_msg.arg.pagefault.flags */
#define UFFD_PAGEFAULT_FLAG_WRITE (1 << 0) /* a write fault */
#define UFFD_PAGEFAULT_FLAG_WP    (1 << 1) /* a write to a write-protected page */
#define UFFD_PAGEFAULT_FLAG_MINOR (1 << 2) /* the page is in the cache, not mapped */

struct uffdio_api {
	u64 api;      /* in: UFFD_API */
	u64 features; /* in: the features asked for; out: every feature supported */
	u64 ioctls;   /* out: 1 << _UFFDIO_* of the ioctls the descriptor takes */
};

#define UFFD_FEATURE_PAGEFAULT_FLAG_WP  (1 << 0)
#define UFFD_FEATURE_EVENT_FORK         (1 << 1)
#define UFFD_FEATURE_EVENT_REMAP        (1 << 2)
#define UFFD_FEATURE_EVENT_REMOVE       (1 << 3)
#define UFFD_FEATURE_MISSING_HUGETLBFS  (1 << 4)
#define UFFD_FEATURE_MISSING_SHMEM      (1 << 5)
#define UFFD_FEATURE_EVENT_UNMAP        (1 << 6)
#define UFFD_FEATURE_SIGBUS             (1 << 7)
#define UFFD_FEATURE_THREAD_ID          (1 << 8)
#define UFFD_FEATURE_MINOR_HUGETLBFS    (1 << 9)
#define UFFD_FEATURE_MINOR_SHMEM        (1 << 10)
#define UFFD_FEATURE_EXACT_ADDRESS      (1 << 11)
#define UFFD_FEATURE_WP_HUGETLBFS_SHMEM (1 << 12)
#define UFFD_FEATURE_WP_UNPOPULATED     (1 << 13)
#define UFFD_FEATURE_POISON             (1 << 14)
#define UFFD_FEATURE_WP_ASYNC           (1 << 15)
#define UFFD_FEATURE_MOVE               (1 << 16)

struct uffdio_range {
	u64 start;
	u64 len;
};

struct uffdio_register {
	struct uffdio_range range;
	u64 mode;   /* UFFDIO_REGISTER_MODE_* */
	u64 ioctls; /* out: the range ioctls the range takes */
};
#define UFFDIO_REGISTER_MODE_MISSING ((u64)1 << 0)
#define UFFDIO_REGISTER_MODE_WP      ((u64)1 << 1)
#define UFFDIO_REGISTER_MODE_MINOR   ((u64)1 << 2)

struct uffdio_copy {
	u64 dst;
	u64 src;
	u64 len;
	u64 mode;
	s64 copy; /* out: bytes copied, or -errno */
};
#define UFFDIO_COPY_MODE_DONTWAKE ((u64)1 << 0)
#define UFFDIO_COPY_MODE_WP       ((u64)1 << 1)

struct uffdio_zeropage {
	struct uffdio_range range;
	u64 mode;
	s64 zeropage; /* out: bytes mapped, or -errno */
};
#define UFFDIO_ZEROPAGE_MODE_DONTWAKE ((u64)1 << 0)

struct uffdio_move {
	u64 dst;
	u64 src;
	u64 len;
	u64 mode;
	s64 move;
};
#define UFFDIO_MOVE_MODE_DONTWAKE        ((u64)1 << 0)
#define UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES ((u64)1 << 1)

struct uffdio_writeprotect {
	struct uffdio_range range;
	u64 mode;
};
#define UFFDIO_WRITEPROTECT_MODE_WP       ((u64)1 << 0)
#define UFFDIO_WRITEPROTECT_MODE_DONTWAKE ((u64)1 << 1)

struct uffdio_continue {
	struct uffdio_range range;
	u64 mode;
	s64 mapped; /* out: bytes mapped, or -errno */
};
#define UFFDIO_CONTINUE_MODE_DONTWAKE ((u64)1 << 0)
#define UFFDIO_CONTINUE_MODE_WP       ((u64)1 << 1)

struct uffdio_poison {
	struct uffdio_range range;
	u64 mode;
	s64 updated; /* out: bytes poisoned, or -errno */
};
#define UFFDIO_POISON_MODE_DONTWAKE ((u64)1 << 0)

/* userfaultfd() flags, besides O_CLOEXEC and O_NONBLOCK */
#define UFFD_USER_MODE_ONLY 1 /* only user-mode faults are handled (no privilege needed) */

#endif
