/*
 * What riscv64 keeps per task beyond the registers (Linux's struct thread_struct).
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

struct thread_struct {
	unsigned long bad_cause; /* scause of the last user-mode exception sent as a signal */
};

#endif
