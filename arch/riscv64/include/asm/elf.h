/* The ELF machine this kernel runs (System V gABI e_machine). */
#ifndef ASM_ELF_H
#define ASM_ELF_H

#define ELF_MACHINE EM_RISCV

#endif
