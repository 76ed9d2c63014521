/*
 * The fault trace (see fault_trace.h): the records, what a fault's outcome was, and the
 * console dump.
 *
 * The outcome is read from the page table, not told by the handlers: the PTE of the
 * faulting address before the lock half ran and after it, with the task's fault
 * counters, say what happened (a zero page appeared, a fresh page, a copy, the same page
 * made writable). So the trace needs no hook inside handle_mm_fault(), and it shows the
 * same thing whichever way a handler is written.
 *
 * The records live in frames allocated at boot, FAULT_TRACE_ENTRIES_PER_PAGE to a frame,
 * reached through a table of frame pointers; one CPU, so one spinlock protects them.
 */
#include <arch.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/task.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/fault_trace.h>
#include <mm/frame.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/page.h>

/* What a fault did, read from the PTE before and after it and from the decision. */
enum fault_outcome {
	FT_ZERO,        /* the shared zero page was mapped (a read of untouched anonymous memory) */
	FT_ANON,        /* an anonymous page appeared where none was: a fresh zeroed page
			   (or, after a retry, the page a user pager copied in) */
	FT_CACHE,       /* a file's page, already in the page cache, was mapped */
	FT_MAJOR,       /* a file's page had to be read in first */
	FT_COW,         /* a private copy replaced a shared page (fork, the zero page, a file) */
	FT_REUSE,       /* a write-protected page was made writable in place: nobody shared it */
	FT_SPURIOUS,    /* nothing changed: the page was already there (a stale TLB entry) */
	FT_SEGV_MAPERR, /* SIGSEGV SEGV_MAPERR: no VMA */
	FT_SEGV_ACCERR, /* SIGSEGV SEGV_ACCERR: the VMA forbids the access */
	FT_SIGBUS,      /* SIGBUS BUS_ADRERR: past the end of a file, or a pager gone */
	FT_HWPOISON,    /* SIGBUS BUS_MCEERR_AR: a poisoned page */
	FT_SIGNAL,      /* a signal ended the retries; the fault comes again after it */
	FT_OOM,         /* no memory: the OOM killer chose a victim */
	FT_FIXUP,       /* a kernel-mode fault that failed: the uaccess returns -EFAULT */
};

static const char *const outcome_names[] = {
	[FT_ZERO] = "zero",          [FT_ANON] = "anon",        [FT_CACHE] = "cache",
	[FT_MAJOR] = "major",        [FT_COW] = "cow",          [FT_REUSE] = "reuse",
	[FT_SPURIOUS] = "spurious",  [FT_SEGV_MAPERR] = "segv-maperr",
	[FT_SEGV_ACCERR] = "segv-accerr", [FT_SIGBUS] = "sigbus", [FT_HWPOISON] = "hwpoison",
	[FT_SIGNAL] = "signal",      [FT_OOM] = "oom",          [FT_FIXUP] = "fixup",
};

/* The kind of memory the fault was in: its VMA, once the fault is over. */
enum fault_vma_kind {
	FT_VMA_NONE,   /* no VMA covers the address */
	FT_VMA_ANON,   /* private anonymous memory (mmap) */
	FT_VMA_HEAP,   /* the brk heap */
	FT_VMA_STACK,  /* a VM_GROWSDOWN stack */
	FT_VMA_FILE,   /* a private file mapping (program text and data among them) */
	FT_VMA_SHARED, /* shared memory or a shared file mapping (VM_MAYSHARE) */
	FT_VMA_UFFD,   /* registered with a user pager (userfaultfd) */
};

static const char *const vma_kind_names[] = {
	[FT_VMA_NONE] = "none",   [FT_VMA_ANON] = "anon",     [FT_VMA_HEAP] = "heap",
	[FT_VMA_STACK] = "stack", [FT_VMA_FILE] = "file",     [FT_VMA_SHARED] = "shared",
	[FT_VMA_UFFD] = "uffd",
};

struct fault_trace_entry {
	unsigned long addr;         /* the faulting address, as the hardware gave it */
	u64 cost;                   /* instructions from the start to the end of the fault */
	int pid;                    /* the faulting task's thread id */
	unsigned int flags;         /* FAULT_FLAG_* at the start */
	u16 retries;                /* VM_FAULT_RETRY loops it took */
	u8 outcome;                 /* enum fault_outcome */
	u8 vma_kind;                /* enum fault_vma_kind */
	char name[TASK_NAME_LEN];   /* the task's name */
};

#define FAULT_TRACE_ENTRIES_PER_PAGE (PAGE_SIZE / sizeof(struct fault_trace_entry))
#define FAULT_TRACE_MAX_PAGES  (KMALLOC_MAX_SIZE / sizeof(struct page *))

bool fault_trace_enabled;
static DEFINE_SPINLOCK(fault_trace_lock); /* protects the four below and the records */
static struct page **record_pages;        /* the frames holding the records */
static unsigned long max_records;         /* room */
static unsigned long nr_records;          /* records kept */
static unsigned long nr_dropped;          /* faults not kept: no room left */

static struct fault_trace_entry *record_at(unsigned long i)
{
	struct fault_trace_entry *page = page_address(record_pages[i / FAULT_TRACE_ENTRIES_PER_PAGE]);

	return &page[i % FAULT_TRACE_ENTRIES_PER_PAGE];
}

/* The number after `fault_trace=`, FAULT_TRACE_DEFAULT for a bare word, 0 if absent. */
static unsigned long wanted_records(void)
{
	char value[16];
	unsigned long n = 0;

	if (!cmdline_has("fault_trace"))
		return 0;
	if (!cmdline_get("fault_trace", value, sizeof(value)))
		return FAULT_TRACE_DEFAULT;
	for (const char *p = value; *p >= '0' && *p <= '9' && n < (1UL << 32); p++)
		n = n * 10 + (unsigned long)(*p - '0');
	return n;
}

void fault_trace_init(void)
{
	unsigned long want = wanted_records(), nr_pages;

	if (!want)
		return;
	nr_pages = (want + FAULT_TRACE_ENTRIES_PER_PAGE - 1) / FAULT_TRACE_ENTRIES_PER_PAGE;
	if (nr_pages > FAULT_TRACE_MAX_PAGES)
		nr_pages = FAULT_TRACE_MAX_PAGES;
	record_pages = kzalloc(nr_pages * sizeof(*record_pages));
	if (!record_pages)
		return;
	for (unsigned long i = 0; i < nr_pages; i++) {
		record_pages[i] = alloc_page();
		if (!record_pages[i])
			break;
		max_records += FAULT_TRACE_ENTRIES_PER_PAGE;
	}
	if (max_records > want)
		max_records = want;
	fault_trace_enabled = max_records > 0;
	printk("fault_trace: room for %lu faults, printed when init exits\n", max_records);
}

/* What one fault looked like when it started. */
struct fault_trace_probe {
	pte_t pte_before;             /* the leaf PTE before the fault (0: no table) */
	unsigned long retries_before; /* current->faults.nr_retries at the start */
	unsigned long major_before;   /* current->faults.nr_major_faults at the start */
	u64 start;                    /* arch_instruction_counter() at the start */
};

static enum fault_vma_kind vma_kind(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (!vma)
		return FT_VMA_NONE;
	if (vma->vm_flags & VM_GROWSDOWN)
		return FT_VMA_STACK;
	if (vma->vm_flags & __VM_UFFD_FLAGS)
		return FT_VMA_UFFD;
	if (vma->vm_flags & VM_MAYSHARE)
		return FT_VMA_SHARED;
	if (vma->vm_inode)
		return FT_VMA_FILE;
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)
		return FT_VMA_HEAP;
	return FT_VMA_ANON;
}

/* A fault that resolved: what the PTE before and after it say it did. */
static enum fault_outcome resolved_outcome(const struct fault_trace_probe *probe,
					   const struct vm_area_struct *vma, unsigned int flags,
					   pte_t after, bool major)
{
	pte_t before = probe->pte_before;

	if (!pte_present(after))
		return FT_SPURIOUS;
	if (pte_present(before) && pte_pa(before) == pte_pa(after) &&
	    pte_prot(before) == pte_prot(after))
		return FT_SPURIOUS; /* (the hardware's accessed and dirty bits do not count) */
	if (pte_pa(after) == page_to_phys(zero_page))
		return FT_ZERO;
	if (pte_present(before))
		return pte_pa(before) == pte_pa(after) ? FT_REUSE : FT_COW;
	if (!vma || !vma->vm_inode)
		return FT_ANON;
	if (major)
		return FT_MAJOR;
	if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED))
		return FT_COW; /* a private copy of the file's page */
	return FT_CACHE;
}

/* A fault that did not resolve: the decision's outcome. */
static enum fault_outcome failed_outcome(unsigned int flags, enum page_fault_retval r)
{
	if (!(flags & FAULT_FLAG_USER))
		return FT_FIXUP;
	switch (r) {
	case PF_RET_ACCESS_ERR:
		return FT_SEGV_ACCERR;
	case PF_RET_SIGBUS:
		return FT_SIGBUS;
	case PF_RET_HWPOISON:
		return FT_HWPOISON;
	case PF_RET_SIGNAL:
		return FT_SIGNAL;
	case PF_RET_OOM:
		return FT_OOM;
	default:
		return FT_SEGV_MAPERR;
	}
}

/* Keep rec, if there is room. */
static void fault_trace_add(const struct fault_trace_entry *rec)
{
	unsigned long irqflags;

	spin_lock_irqsave(&fault_trace_lock, irqflags);
	if (nr_records < max_records)
		*record_at(nr_records++) = *rec;
	else
		nr_dropped++;
	spin_unlock_irqrestore(&fault_trace_lock, irqflags);
}

/* A record of the current task's fault at addr, with everything but the outcome. */
static void fault_trace_entry_init(struct fault_trace_entry *rec, unsigned long addr, unsigned int flags)
{
	memset(rec, 0, sizeof(*rec));
	rec->addr = addr;
	rec->pid = current->pid;
	rec->flags = flags;
	rec->vma_kind = FT_VMA_NONE;
	strlcpy(rec->name, current->name, sizeof(rec->name));
	for (char *c = rec->name; *c; c++)
		if (*c == ' ')
			*c = '_'; /* one word per column */
}

void __fault_trace_bad_area(unsigned long addr, unsigned int flags)
{
	struct fault_trace_entry rec;

	fault_trace_entry_init(&rec, addr, flags);
	rec.outcome = (u8)failed_outcome(flags, PF_RET_BAD_AREA);
	fault_trace_add(&rec);
}

enum page_fault_retval fault_in_mm_traced(struct mm_struct *mm, unsigned long addr,
					  unsigned int flags)
{
	struct fault_trace_probe probe;
	struct fault_trace_entry rec;
	struct vm_area_struct *vma;
	enum page_fault_retval r;
	bool locked = false;
	pte_t *pte;
	u64 cost;

	/* Before: the PTE, the task's counters, the instruction count. */
	mmap_read_lock(mm);
	pte = walk(mm->pgd, addr, false);
	probe.pte_before = pte ? *pte : 0;
	mmap_read_unlock(mm);
	probe.retries_before = current->faults.nr_retries;
	probe.major_before = current->faults.nr_major_faults;
	probe.start = arch_instruction_counter();

	r = fault_in_mm(mm, addr, flags, &locked);
	if (locked)
		mmap_read_unlock(mm);
	cost = arch_instruction_counter() - probe.start;

	/* After: what changed. */
	fault_trace_entry_init(&rec, addr, flags);
	rec.cost = cost;
	rec.retries = (u16)(current->faults.nr_retries - probe.retries_before);
	mmap_read_lock(mm);
	vma = vma_lookup(mm, addr);
	pte = walk(mm->pgd, addr, false);
	rec.vma_kind = (u8)vma_kind(mm, vma);
	if (r == PF_RET_DONE)
		rec.outcome = (u8)resolved_outcome(&probe, vma, flags, pte ? *pte : 0,
						   current->faults.nr_major_faults != probe.major_before &&
						   !rec.retries);
	else
		rec.outcome = (u8)failed_outcome(flags, r);
	mmap_read_unlock(mm);
	fault_trace_add(&rec);
	return r;
}

static const char *access_name(unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return "write";
	return flags & FAULT_FLAG_INSTRUCTION ? "fetch" : "read";
}

const char fault_trace_header[] = "seq pid comm addr access mode vma outcome retries insns";

bool fault_trace_line(unsigned long i, char *buf, size_t size)
{
	const struct fault_trace_entry *rec;
	unsigned long irqflags, n;

	spin_lock_irqsave(&fault_trace_lock, irqflags);
	n = nr_records;
	spin_unlock_irqrestore(&fault_trace_lock, irqflags);
	if (i >= n)
		return false;
	rec = record_at(i); /* a kept record never changes */
	snprintf(buf, size, "%lu %d %s %#lx %s %s %s %s %u %lu", i, rec->pid,
		 rec->name[0] ? rec->name : "-", rec->addr, access_name(rec->flags),
		 rec->flags & FAULT_FLAG_USER ? "user" : "kernel", vma_kind_names[rec->vma_kind],
		 outcome_names[rec->outcome], (unsigned int)rec->retries, (unsigned long)rec->cost);
	return true;
}

void fault_trace_dump(void)
{
	char line[FAULT_TRACE_LINE_MAX];

	if (!fault_trace_enabled)
		return;
	printk("fault_trace: begin: %lu faults, %lu dropped; insns: instructions retired, "
	       "exact under -icount shift=0,sleep=off\n", nr_records, nr_dropped);
	printk("%s\n", fault_trace_header);
	for (unsigned long i = 0; fault_trace_line(i, line, sizeof(line)); i++)
		printk("%s\n", line);
	printk("fault_trace: end\n");
}
