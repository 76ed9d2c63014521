/*
 * Out of memory: a page fault found no frame. First give back page-cache pages nobody
 * maps; if that frees nothing, kill the process using the most memory (never init) and
 * let the faulting task try again once it has gone. (Linux's mm/oom_kill.c.)
 *
 * "The most memory" is oom_badness(): every frame the process holds on its own account,
 * not only the pages it maps. A process that maps a huge read-only range and touches
 * one byte per 2 MiB has almost no pages of its own (they are all the zero page) but
 * one page table per touch, and those tables are what fill memory; so, as in Linux,
 * its page tables count, and so does the kernel memory its VMAs take.
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>
#include <uapi/abi.h>

unsigned long nr_oom_kills;

unsigned long oom_badness(const struct mm_struct *mm)
{
	unsigned long vma_pages = ALIGN_UP(mm->map_count *
					   kmalloc_size_roundup(sizeof(struct vm_area_struct)),
					   PAGE_SIZE) / PAGE_SIZE;

	return mm->nr_pages + mm->nr_pgtables + vma_pages;
}

void pagefault_out_of_memory(void)
{
	struct task *victim;

	if (shrink_page_cache())
		return; /* try again with the frames the cache gave back */
	victim = oom_choose_victim();
	if (!victim)
		panic("out of memory, and no process to kill");
	if (!fatal_signal_pending(victim)) {
		nr_oom_kills++;
		printk("Out of memory: Killed process %d (%s) rss:%lukB pgtables:%lukB vmas:%lu\n",
		       victim->pid, victim->name, victim->mm->nr_pages * (PAGE_SIZE / 1024),
		       victim->mm->nr_pgtables * (PAGE_SIZE / 1024), victim->mm->map_count);
		send_signal(SIGKILL, NULL, victim);
	}
	if (victim != current)
		schedule(); /* let the victim run and die before faulting again */
}
