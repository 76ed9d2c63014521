/*
 * The ELF64 file header and program header (System V gABI, "ELF Header" and "Program
 * Header"), for programs that look at their own image through AT_PHDR.
 */
#ifndef USER_ELF_H
#define USER_ELF_H

#include <stdint.h>

#define EI_NIDENT  16
#define EI_CLASS   4   /* e_ident[EI_CLASS]: ELFCLASS64 */
#define ELFCLASS64 2
#define ET_EXEC    2
#define EM_X86_64  62
#define EM_RISCV   243

#define PT_LOAD 1
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	unsigned char e_ident[EI_NIDENT]; /* "\177ELF", class, data, version, ... */
	uint16_t e_type;      /* ET_EXEC for our static programs */
	uint16_t e_machine;   /* EM_RISCV or EM_X86_64 */
	uint32_t e_version;
	uint64_t e_entry;     /* where _start is */
	uint64_t e_phoff;     /* file offset of the program header table */
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize; /* size of one program header: sizeof(Elf64_Phdr) */
	uint16_t e_phnum;     /* number of program headers */
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	uint32_t p_type;   /* PT_LOAD: a segment to map */
	uint32_t p_flags;  /* PF_R | PF_W | PF_X */
	uint64_t p_offset; /* where the segment starts in the file */
	uint64_t p_vaddr;  /* where it goes in memory */
	uint64_t p_paddr;
	uint64_t p_filesz; /* bytes from the file */
	uint64_t p_memsz;  /* bytes in memory (the rest is zero: bss) */
	uint64_t p_align;
} Elf64_Phdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(Elf64_Phdr) == 56, "ELF64 program header is 56 bytes");

#endif
