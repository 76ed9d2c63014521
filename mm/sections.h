/* Boundaries of the kernel image, defined by the arch's linker script (linker/). */
#ifndef MM_SECTIONS_H
#define MM_SECTIONS_H

extern char _kernel_start[]; /* first byte of the image (== _text) */
extern char _text[], _etext[];     /* code: mapped R-X */
extern char _rodata[], _erodata[]; /* read-only data and the exception table: R-- */
extern char _data[], _edata[];     /* initialised data: RW- */
extern char _bss_start[], _bss_end[];
extern char _kallsyms[];          /* the symbol table: R-- */
extern char _end[];
/* The boot stack, with one unmapped page below it so an overflow faults (head.S). */
extern char boot_stack_guard[], boot_stack[], boot_stack_top[];                /* end of the image, page-aligned */

#endif
