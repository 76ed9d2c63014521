/*
 * The page-fault core: one path for every page fault, shared by both arches, cut in two
 * at the mmap lock (as Linux's is).
 *
 *   arch trap entry (asm) -> arch decode: arch/<arch>/mm/fault.c turns scause/stval or
 *                            the #PF error code and CR2 into an address + FAULT_FLAG_*
 *   -> generic_page_fault(regs, addr, flags)          mm/fault.c, the trap half:
 *        may the kernel fault here (the exception table, asked once)?
 *        fault_in_mm() -> enum page_fault_retval     mm/gup.c, the lock half:
 *             mmap lock, VMA lookup, stack growth, access check,
 *             handle_mm_fault() -> vm_fault_t         mm/memory.c
 *             the retry loop and its signal rules
 *        react to the decision with one switch: signal, fixup, oops, OOM kill
 *
 * The kernel's own drivers of faults (copy_to_mm for exec, fixup_user_fault, GUP in
 * mm/gup.h) call the lock half directly; nothing else calls handle_mm_fault().
 *
 * FAULT_FLAG_* and VM_FAULT_* are Linux's, with Linux's values and meanings.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include <compiler.h>
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
/*
 * Faultline's own: GUP with FOLL_FORCE (mm/gup.c) checked the access against the VMA by
 * its own, laxer rules, as Linux's GUP does before it calls handle_mm_fault(); the lock
 * half, which checks every other access, leaves it to that check.
 */
#define FAULT_FLAG_FORCE         0x10000

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
	PF_RET_OOM,        /* no memory: the OOM killer picks a victim; the fault comes again */
	PF_RET_SIGNAL,     /* a signal ended the retries: deliver it, the fault comes again */
	PF_RET_RETRY,      /* lock half only: the fault must be tried again (see fault_in_mm) */
};

struct pt_regs;
struct vm_area_struct;
struct mm_struct;

/*
 * The trap half: resolve a page fault at addr, taken with the registers regs, and act on
 * the decision (the program's signal, the kernel's exception-table fixup, an oops, the
 * OOM killer). Returns the decision, for tests and for a debugger.
 */
enum page_fault_retval generic_page_fault(struct pt_regs *regs, unsigned long addr,
					  unsigned int flags);

/*
 * The lock half: make the page at addr of mm present for an access with flags, or say
 * why not (PF_RET_DONE, BAD_AREA, ACCESS_ERR, SIGBUS, HWPOISON, OOM, or SIGNAL when a
 * signal ended the retries; never KERN_FIXUP: kernel or user is the trap half's
 * question). The mmap lock follows the `locked` protocol (Linux's GUP, since 2023):
 *   locked == NULL: the caller holds the lock for reading and it is never dropped;
 *                   flags must not have FAULT_FLAG_ALLOW_RETRY.
 *   *locked false:  the caller does not hold it. It is taken here, and the retry loop
 *                   runs here, retaking it as often as it takes.
 *   *locked true:   the caller holds it. A retry drops it and ends the call with
 *                   PF_RET_RETRY (or PF_RET_SIGNAL if a signal ends the retries): the
 *                   caller's VMA pointers are stale; it retakes the lock and calls again
 *                   with FAULT_FLAG_TRIED, as Linux's GUP loop does.
 * On return, *locked says whether the lock is held (the caller then releases it).
 * With FAULT_FLAG_RETRY_NOWAIT, a try that would have to wait returns PF_RET_RETRY at
 * once, the lock still held and nothing waited: the caller decides (GUP's FOLL_NOWAIT
 * takes no page). Only a caller that did not hold the lock may grow a stack (that needs
 * it for writing). Not Linux's fault_in_writeable() family, which prefault a user buffer
 * of the running process; this is the fault itself, for any mm.
 */
enum page_fault_retval fault_in_mm(struct mm_struct *mm, unsigned long addr,
				   unsigned int flags, bool *locked);

/*
 * Make the page at addr of vma present with the access flags ask for: zero-fill, read
 * the file, copy on write. Called by the lock half only (and by its own ktest), with the
 * mmap lock held for reading. Returns 0 or VM_FAULT_* bits; with VM_FAULT_RETRY the lock
 * has been dropped (unless flags had FAULT_FLAG_RETRY_NOWAIT).
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);

/*
 * Fault in the page at addr of mm as an access with fault_flags would (no USER), with the
 * same checks as a user access (Linux's fixup_user_fault). The caller holds mm's mmap
 * lock (for reading; with unlocked NULL, writing will do too). unlocked NULL: the lock
 * is never dropped. Otherwise the fault may retry (dropping and retaking the lock,
 * which sets *unlocked to true). 0, -EFAULT (no
 * VMA, not allowed, SIGBUS, poisoned), -ENOMEM (no frame for the page or a table) or
 * -EINTR (a fatal signal ended the retries; the lock is held again).
 */
int fixup_user_fault(struct mm_struct *mm, unsigned long addr, unsigned int fault_flags,
		     bool *unlocked);

/*
 * What the arch supplies to the trap half (arch/<arch>/mm/fault.c):
 *   fixup_exception(regs) (kernel/extable.h): for a kernel-mode fetch fault, which only
 *       exec's probe may take, with two small arch hooks that find and leave its call.
 *   page_fault_oops(regs, addr): a kernel-mode fault nobody expected: say what the
 *       hardware reported, then oops.
 *   set_signal_archinfo(regs, addr): record the arch's details of a user fault for the
 *       signal frame (x86: trapno, error code, cr2 in struct thread_struct; riscv64: the
 *       cause) and return the error code Linux prints in its one-line report (Linux's
 *       x86-only function of that name returns nothing; it prints elsewhere).
 */
__noreturn void page_fault_oops(struct pt_regs *regs, unsigned long addr);
unsigned long set_signal_archinfo(struct pt_regs *regs, unsigned long addr);

/* The retry rules, as pure functions (host-tested in mm/test/test_fault_flags.c). */
bool fault_flags_valid(unsigned int flags);
/* After VM_FAULT_RETRY: the flags for the next try, or 0 if a signal ends the loop. */
unsigned int fault_retry_flags(unsigned int flags, bool fatal_signal, bool any_signal);
/* The decision for a finished handle_mm_fault() result (no RETRY bit). */
enum page_fault_retval fault_result(vm_fault_t ret);

/* Counters of every fault, per task and system-wide (/proc/vmstat). */
struct fault_counters {
	unsigned long nr_faults;           /* every call of generic_page_fault */
	unsigned long nr_minor_faults;     /* resolved without reading anything or waiting */
	unsigned long nr_major_faults;     /* resolved by reading a page in, or after a wait */
	unsigned long nr_zero_page_faults; /* read faults given the shared zero page */
	unsigned long nr_cow_faults;       /* copy-on-write copies */
	unsigned long nr_retries;          /* VM_FAULT_RETRY loops */
	unsigned long nr_bad_faults;       /* ended in a signal or a fixup */
};

extern struct fault_counters vm_events; /* system-wide */
extern unsigned long nr_oom_kills;

/* Count one event of a fault, for current and for the system (Linux's count_vm_event()
 * counts the system's; the task's own count is Faultline's, for getrusage). */
#define count_fault_event(field)              \
	do {                                  \
		current->faults.field++;      \
		vm_events.field++;            \
	} while (0)

/*
 * Count a fault the lock half finished (ret without VM_FAULT_RETRY: a retry is counted
 * when it happens, the fault once, when it completes): an error as bad, else major if it
 * read a page in or ever waited (FAULT_FLAG_TRIED), else minor (Linux's mm_account_fault).
 */
void mm_account_fault(vm_fault_t ret, unsigned int flags);

/*
 * A debug knob for watching the retry loop before anything really blocks: the next
 * nr_left faults on the page at addr (of any mm, from any caller that allows a retry)
 * return VM_FAULT_RETRY from handle_mm_fault(), exactly as a blocking source would: the
 * mmap lock dropped (kept with RETRY_NOWAIT). Set it from a test, or from gdb:
 *     (gdb) set var fault_retry_inject.addr = 0x10000000
 *     (gdb) set var fault_retry_inject.nr_left = 3
 */
struct fault_retry_inject {
	unsigned long addr;          /* page address whose faults retry; 0: off */
	unsigned int nr_left;        /* how many more tries end in VM_FAULT_RETRY */
	unsigned int nr_injected;    /* how many have so far */
	unsigned int flags_seen[4];  /* the flags of the first four tries it saw */
	unsigned int nr_seen;        /* tries seen (flags_seen holds the first four) */
};
extern struct fault_retry_inject fault_retry_inject;
/* In handle_mm_fault(): should this try end in VM_FAULT_RETRY? (drops the lock if so) */
bool fault_retry_injected(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);

#endif
