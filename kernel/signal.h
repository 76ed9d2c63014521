/*
 * Signals, as far as this stage of Faultline goes: every signal has its default action
 * "terminate". A fault in user mode, or kill(), marks the task; on its way back to user
 * mode (exit_to_user_mode) it exits with the signal as its wait status. Handlers,
 * masks and siginfo come with the issue "Signals and user exceptions".
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

struct pt_regs;
struct task;

/* Make t die of sig at its next return to user mode (wakes it if asleep). */
void send_fatal_signal(struct task *t, int sig);
/*
 * A user-mode exception the program cannot survive: print Linux's one-line report
 * ("name[pid]: segfault at ADDR ip IP sp SP error CODE") and kill current with sig.
 */
void user_fault_kill(struct pt_regs *regs, int sig, const char *what, unsigned long addr,
		     unsigned long error);
/* Last stop before returning to user mode: die of a pending signal, or reschedule. */
void exit_to_user_mode(struct pt_regs *regs);
/* The name of a signal ("SIGSEGV"), or "signal". */
const char *signal_name(int sig);

#endif
