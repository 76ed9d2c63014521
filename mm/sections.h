/* Boundaries of the kernel image, defined by the arch's linker script (linker/). */
#ifndef MM_SECTIONS_H
#define MM_SECTIONS_H

extern char _kernel_start[]; /* first byte of the image (== _text) */
extern char _text[], _etext[];     /* code: mapped R-X */
extern char _rodata[], _erodata[]; /* read-only data and the exception table: R-- */
extern char _data[], _edata[];     /* initialised data: RW- */
extern char _bss_start[], _bss_end[];
extern char _kallsyms[];          /* the symbol table: R-- */
extern char _end[];                /* end of the image, page-aligned */

/* The boot stack, with an unmapped guard page right below it (head.S, mm/kstack.h). */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];

#endif
