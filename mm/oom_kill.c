/*
 * Out of memory: a page fault found no frame. First give back page-cache pages nobody
 * maps; if that frees nothing, kill the process using the most memory (never init) and
 * let the faulting task try again once it has gone. (Linux's mm/oom_kill.c.)
 */
#include <arch.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/mm.h>
#include <mm/oom_kill.h>
#include <uapi/abi.h>

unsigned long nr_oom_kills;

void pagefault_out_of_memory(void)
{
	struct task *victim;

	if (shrink_page_cache())
		return; /* try again with the frames the cache gave back */
	victim = oom_choose_victim();
	if (!victim)
		panic("out of memory, and no process to kill");
	if (!(victim->pending.sig[0] & sigmask(SIGKILL))) {
		nr_oom_kills++;
		printk("Out of memory: Killed process %d (%s) total-vm:%lukB\n", victim->pid,
		       victim->name, victim->mm->nr_pages * (PAGE_SIZE / 1024));
		send_signal(SIGKILL, NULL, victim);
	}
	if (victim != current)
		schedule(); /* let the victim run and die before faulting again */
}
