/*
 * The page-fault core: one path for every page fault, shared by both arches.
 *
 *   arch trap entry -> arch decode (address; FAULT_FLAG_WRITE / INSTRUCTION / USER)
 *   -> generic_page_fault(regs, addr, flags)          mm/fault.c
 *        mmap lock, VMA lookup, access check, stack growth,
 *        handle_mm_fault() -> vm_fault_t               mm/memory.c
 *        retry loop and signal checks
 *   -> enum page_fault_retval: a decision the arch acts on with one switch.
 *
 * FAULT_FLAG_* and VM_FAULT_* are Linux's, with Linux's values and meanings.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include <types.h>

/*
 * Fault flags (Linux's enum fault_flag).
 *
 * The retry flags follow one rule. A fault that may be retried has ALLOW_RETRY; its first
 * try lacks TRIED, every later try has it. A fault that may not be retried (a kernel
 * caller that cannot drop the mmap lock) has neither. ALLOW_RETRY clear with TRIED set
 * is illegal, and fault_flags_valid() says so. KILLABLE: a fatal signal may end a retry
 * loop. INTERRUPTIBLE: so may any unblocked signal, for a fault from user mode.
 * RETRY_NOWAIT: whoever would block returns VM_FAULT_RETRY without waiting.
 */
#define FAULT_FLAG_WRITE         0x0001 /* a store */
#define FAULT_FLAG_MKWRITE       0x0002
#define FAULT_FLAG_ALLOW_RETRY   0x0004 /* the fault may be retried */
#define FAULT_FLAG_RETRY_NOWAIT  0x0008 /* do not wait when retrying would */
#define FAULT_FLAG_KILLABLE      0x0010 /* a fatal signal ends the retries */
#define FAULT_FLAG_TRIED         0x0020 /* this is a retry */
#define FAULT_FLAG_USER          0x0040 /* from user mode */
#define FAULT_FLAG_REMOTE        0x0080 /* on behalf of another mm (exec, GUP) */
#define FAULT_FLAG_INSTRUCTION   0x0100 /* an instruction fetch */
#define FAULT_FLAG_INTERRUPTIBLE 0x0200 /* any signal ends the retries (user faults) */

/* Every fault from user mode starts with these (Linux's FAULT_FLAG_DEFAULT | USER). */
#define FAULT_FLAG_DEFAULT (FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_KILLABLE | FAULT_FLAG_INTERRUPTIBLE)

/* What handle_mm_fault() reports (Linux's vm_fault_t bits). */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM       0x000001 /* out of memory */
#define VM_FAULT_SIGBUS    0x000002 /* beyond the end of the file, an I/O error */
#define VM_FAULT_MAJOR     0x000004 /* the page had to be read in */
#define VM_FAULT_HWPOISON  0x000010 /* the page is poisoned */
#define VM_FAULT_SIGSEGV   0x000040 /* no access after all */
#define VM_FAULT_RETRY     0x000400 /* the lock was dropped: try again */
#define VM_FAULT_COMPLETED 0x004000 /* done, and the lock was dropped */
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_HWPOISON)

/* The core's decision, for the arch's one switch. */
enum page_fault_retval {
	PF_RET_DONE,       /* mapped, or nothing to do: run the instruction again */
	PF_RET_BAD_AREA,   /* no VMA covers it: SIGSEGV SEGV_MAPERR, or kernel fixup/oops */
	PF_RET_ACCESS_ERR, /* the VMA forbids it: SIGSEGV SEGV_ACCERR, or kernel fixup/oops */
	PF_RET_KERN_FIXUP, /* a kernel uaccess hit a bad user address: exception table */
	PF_RET_SIGBUS,     /* beyond the file, I/O error, pager gone: SIGBUS BUS_ADRERR */
	PF_RET_HWPOISON,   /* poisoned page: SIGBUS BUS_MCEERR_AR */
	PF_RET_OOM,        /* no memory: the OOM killer has chosen; try again */
	PF_RET_SIGNAL,     /* a signal ended the retries: deliver it, the fault comes again */
};

struct pt_regs;
struct vm_area_struct;

/* Resolve a page fault at addr (see above). */
enum page_fault_retval generic_page_fault(struct pt_regs *regs, unsigned long addr,
					  unsigned int flags);
/*
 * Make the page at addr of vma present with the access flags ask for: zero-fill, read
 * the file, copy on write. Called with the mmap lock held for reading. Returns 0 or
 * VM_FAULT_* bits; with VM_FAULT_RETRY the lock has been dropped.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);

struct mm_struct;
/*
 * Fault in the page at addr of mm as an access with fault_flags would (no USER, no
 * ALLOW_RETRY), with the same access checks; caller holds mm's mmap lock. 0, -EFAULT (no
 * VMA, not allowed, SIGBUS, poisoned) or -ENOMEM (no frame for the page or a table).
 */
int fixup_user_fault(struct mm_struct *mm, unsigned long addr, unsigned int fault_flags);

/* The retry rules, as pure functions (host-tested in mm/test/test_fault_flags.c). */
bool fault_flags_valid(unsigned int flags);
/* After VM_FAULT_RETRY: the flags for the next try, or 0 if a signal ends the loop. */
unsigned int fault_retry_flags(unsigned int flags, bool fatal_signal, bool any_signal);
/* The decision for a finished handle_mm_fault() result (no RETRY bit). */
enum page_fault_retval fault_result(vm_fault_t ret, bool user);

/* Counters of every fault, per task and system-wide (/proc/vmstat). */
struct fault_counters {
	unsigned long faults;       /* every call of generic_page_fault */
	unsigned long minor;        /* resolved without reading anything */
	unsigned long major;        /* resolved by reading a page in */
	unsigned long zero_page;    /* read faults given the shared zero page */
	unsigned long cow;          /* copy-on-write copies */
	unsigned long retries;      /* VM_FAULT_RETRY loops */
	unsigned long bad;          /* ended in a signal or a fixup */
};

extern struct fault_counters vm_events; /* system-wide */
extern unsigned long nr_oom_kills;

#endif
