/*
 * clear_page() and copy_page() for x86_64 (include/arch.h), replacing the generic word
 * loops of mm/page_copy.c. One string instruction does the whole page: rep stosq stores
 * rax to (rdi) rcx times, rep movsq copies rcx quadwords from (rsi) to (rdi), each
 * stepping rdi (and rsi) up by 8 since the kernel keeps EFLAGS.DF clear (Intel SDM vol. 2B,
 * REP/STOS/MOVS). Pages are in the direct map and never fault, so there is no exception
 * table entry here.
 */
#include <asm/memory.h>

	.section .text

/* void clear_page(void *page): rdi = page */
	.globl clear_page
clear_page:
	movl	$PAGE_SIZE / 8, %ecx	/* quadwords in a page */
	xorl	%eax, %eax		/* the value to store */
	rep stosq
	ret

/* void copy_page(void *to, const void *from): rdi = to, rsi = from */
	.globl copy_page
copy_page:
	movl	$PAGE_SIZE / 8, %ecx	/* quadwords in a page */
	rep movsq
	ret
