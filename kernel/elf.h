/*
 * ELF64 executables (the System V gABI, "ELF-64 Object File Format"): only what the
 * loader reads. A static program has an ELF header, a table of program headers, and
 * PT_LOAD segments to map at fixed addresses.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <types.h>

#define EI_NIDENT   16
#define ELFMAG      "\177ELF"
#define ELFCLASS64  2
#define ELFDATA2LSB 1 /* little-endian */
#define EV_CURRENT  1
#define ET_EXEC     2
#define EM_X86_64   62
#define EM_RISCV    243
#define PT_LOAD     1
#define PT_INTERP   3 /* the path of a program interpreter (a dynamic loader) */
#define PF_X        1
#define PF_W        2
#define PF_R        4

/* At most 64 KiB of program headers, as Linux's load_elf_phdrs() allows. */
#define ELF_MAX_PHNUM (65536 / sizeof(struct elf64_phdr))

struct elf64_ehdr {
	u8 e_ident[EI_NIDENT]; /* magic, class, data encoding, version, ABI */
	u16 e_type;            /* ET_EXEC for a static program */
	u16 e_machine;         /* EM_RISCV, EM_X86_64 */
	u32 e_version;
	u64 e_entry;           /* where execution starts */
	u64 e_phoff;           /* file offset of the program header table */
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;       /* size of one program header: 56 */
	u16 e_phnum;           /* how many */
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
};

struct elf64_phdr {
	u32 p_type;   /* PT_LOAD: map this segment */
	u32 p_flags;  /* PF_R, PF_W, PF_X */
	u64 p_offset; /* where its bytes start in the file */
	u64 p_vaddr;  /* where they go in memory */
	u64 p_paddr;
	u64 p_filesz; /* bytes from the file; the rest up to p_memsz is zero (.bss) */
	u64 p_memsz;
	u64 p_align;
};

/* What the loader learnt, for the initial stack's auxiliary vector. */
struct elf_info {
	unsigned long entry;     /* AT_ENTRY */
	unsigned long phdr_addr; /* AT_PHDR: where the program headers are in memory, or 0 */
	unsigned int phnum;      /* AT_PHNUM */
	unsigned long brk;       /* first page after the highest segment: the heap starts here */
};

struct mm_struct;
struct inode;

/*
 * Check the executable in [data, data+size) and map its segments into mm with their
 * permissions. Returns 0, -ENOEXEC for anything malformed or foreign (printing why),
 * -ENOMEM, or the error of looking up a program interpreter it names (-ENOENT, ...).
 */
int elf_load(struct mm_struct *mm, struct inode *file, const u8 *data, size_t size,
	     struct elf_info *info);

#endif
