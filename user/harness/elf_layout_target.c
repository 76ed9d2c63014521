/*
 * /tests/elf_layout_target: the program that user/data/mkelflayouts.py wraps in extra
 * PT_LOAD segments laid out in the ways a linker may lay them out (file-less, sharing a
 * page, a .bss crossing pages, ...). Each file in /data/elflayout/ carries, in a program
 * header of type PT_LAYOUT_CHECKS, the address of a table of checks on those segments,
 * written by the generator from what Linux's loader makes of the layout. This program
 * runs the checks and exits with LAYOUT_OK if all hold; otherwise it prints the first
 * that failed ("# elf_layout_target: ...") and exits LAYOUT_FAILED. A segment that was
 * not mapped kills it with SIGSEGV at the first check that reads it.
 */
#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <sys/auxv.h>

#define LAYOUT_OK     77
#define LAYOUT_FAILED 99

/* An OS-specific program header type (gABI: PT_LOOS..PT_HIOS), ignored by loaders. */
#define PT_LAYOUT_CHECKS 0x6c61796f

/* One check of the table; the generator packs the same layout ("<QQII"). */
struct layout_check {
	unsigned long addr; /* first byte checked */
	unsigned long len;  /* bytes checked */
	unsigned int kind;  /* enum check_kind */
	unsigned int pad;
};

enum check_kind {
	CHECK_FILE_BYTES = 1, /* each byte is file_byte(its address): the file's bytes */
	CHECK_ZERO = 2,       /* each byte is zero */
	CHECK_WRITABLE = 3,   /* a store to the first byte completes */
	CHECK_READ_ONLY = 4,  /* a store to the first byte is refused with SIGSEGV */
};

/* The byte the generator put in the file where address addr is loaded: never zero. */
static unsigned char file_byte(unsigned long addr)
{
	return (unsigned char)((addr * 7 + 0x5a) % 255 + 1);
}

static const char *const kind_names[] = {
	[CHECK_FILE_BYTES] = "the file's bytes", [CHECK_ZERO] = "zeros",
	[CHECK_WRITABLE] = "writable", [CHECK_READ_ONLY] = "read-only",
};

/* 0 if check c holds, else LAYOUT_FAILED with a message. */
static int run_check(unsigned int i, const struct layout_check *c)
{
	volatile unsigned char *p = (volatile unsigned char *)c->addr;
	unsigned char old;

	switch (c->kind) {
	case CHECK_FILE_BYTES:
	case CHECK_ZERO:
		for (unsigned long b = 0; b < c->len; b++) {
			unsigned char want = c->kind == CHECK_ZERO ? 0 : file_byte(c->addr + b);

			if (p[b] != want) {
				printf("# elf_layout_target: check %u: %#lx holds %#x, expected %s\n", i,
				       c->addr + b, p[b], kind_names[c->kind]);
				return LAYOUT_FAILED;
			}
		}
		return 0;
	case CHECK_WRITABLE:
	case CHECK_READ_ONLY:
		old = *p;
		if ((probe_write(p, old) == 0) != (c->kind == CHECK_WRITABLE)) {
			printf("# elf_layout_target: check %u: %#lx is not %s\n", i, c->addr,
			       kind_names[c->kind]);
			return LAYOUT_FAILED;
		}
		return 0;
	}
	printf("# elf_layout_target: check %u: unknown kind %u\n", i, c->kind);
	return LAYOUT_FAILED;
}

int main(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long phnum = getauxval(AT_PHNUM);

	for (unsigned long i = 0; ph && i < phnum; i++) {
		const struct layout_check *checks = (const struct layout_check *)ph[i].p_vaddr;

		if (ph[i].p_type != PT_LAYOUT_CHECKS)
			continue;
		for (unsigned int c = 0; c < ph[i].p_memsz / sizeof(*checks); c++)
			if (run_check(c, &checks[c]))
				return LAYOUT_FAILED;
		return LAYOUT_OK;
	}
	printf("# elf_layout_target: no table of checks (PT_LAYOUT_CHECKS)\n");
	return LAYOUT_FAILED;
}
