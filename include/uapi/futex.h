/*
 * Futexes: the operations and flags of futex(2) and the robust-list layout, with
 * Linux's values (include/uapi/linux/futex.h). Shared by the kernel and user/.
 */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_REQUEUE         3
#define FUTEX_CMP_REQUEUE     4
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10

#define FUTEX_PRIVATE_FLAG    128 /* the word is not shared with another process */
#define FUTEX_CLOCK_REALTIME  256 /* an absolute timeout is on CLOCK_REALTIME */
#define FUTEX_CMD_MASK        (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

#define FUTEX_BITSET_MATCH_ANY 0xffffffff

/* A robust mutex's futex word: the owner's tid, and two flag bits. */
#define FUTEX_WAITERS         0x80000000 /* someone sleeps on it */
#define FUTEX_OWNER_DIED      0x40000000 /* its owner died holding it */
#define FUTEX_TID_MASK        0x3fffffff

/* The most entries the kernel follows on a robust list (Linux's ROBUST_LIST_LIMIT). */
#define ROBUST_LIST_LIMIT     2048

/* set_robust_list(): a thread's list of the robust mutexes it holds, in user memory. */
struct robust_list {
	struct robust_list *next; /* the next entry; the head's own address ends the list */
};

struct robust_list_head {
	struct robust_list list; /* the first entry */
	long futex_offset;       /* from an entry to its futex word */
	struct robust_list *list_op_pending; /* an entry being taken or released */
};

#endif
