/* The ELF loader: validation first, then mapping (see elf.h). */
#include <asm/elf.h>
#include <errno.h>
#include <kernel/elf.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page.h>

/* Reject with a reason the student can act on. */
static int bad(const char *why)
{
	printk("exec: not a valid executable: %s\n", why);
	return -ENOEXEC;
}

static int check_header(const struct elf64_ehdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) != 0)
		return bad("no ELF magic");
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_ident[6] != EV_CURRENT)
		return bad("not a little-endian ELF64 file");
	if (eh->e_type != ET_EXEC)
		return bad("not a static executable (e_type must be ET_EXEC)");
	if (eh->e_machine != ELF_MACHINE)
		return bad("built for another machine");
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHNUM)
		return bad("bad program header size or count");
	if (eh->e_phoff > size || (size - eh->e_phoff) / sizeof(struct elf64_phdr) < eh->e_phnum)
		return bad("program header table outside the file");
	if (eh->e_entry >= TASK_SIZE)
		return bad("entry point outside user space");
	return 0;
}

static int check_segment(const struct elf64_phdr *ph, size_t size)
{
	if (ph->p_filesz > ph->p_memsz)
		return bad("segment larger in the file than in memory");
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return bad("segment data outside the file");
	if (ph->p_vaddr < MMAP_MIN_ADDR || ph->p_vaddr >= TASK_SIZE ||
	    ph->p_memsz > TASK_SIZE - ph->p_vaddr)
		return bad("segment outside user space");
	if (ph->p_vaddr + ph->p_memsz > TASK_SIZE - (64UL << 20))
		return bad("segment in the top 64 MiB, kept for the stack and its guard gap");
	if (ph->p_vaddr % PAGE_SIZE != ph->p_offset % PAGE_SIZE)
		return bad("segment address and file offset disagree modulo the page size");
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return bad("segment both writable and executable (W^X)");
	return 0;
}

static unsigned long segment_flags(const struct elf64_phdr *ph)
{
	return ((ph->p_flags & PF_R) ? VM_READ : 0) | ((ph->p_flags & PF_W) ? VM_WRITE : 0) |
	       ((ph->p_flags & PF_X) ? VM_EXEC : 0);
}

/*
 * Map [start, start+len) of the new mm afresh, replacing whatever an earlier segment put
 * there: Linux maps every segment but the first with MAP_FIXED, and its .bss with
 * vm_brk_flags(), which unmaps first too. 0 or -ENOMEM.
 */
static int map_fixed(struct mm_struct *mm, unsigned long start, unsigned long len,
		     unsigned long vm_flags, struct inode *file, unsigned long pgoff)
{
	int err = 0;

	if (!range_is_free(mm, start, start + len))
		err = mm_unmap(mm, start, len);
	return err ?: mmap_region(mm, start, len, vm_flags, file, pgoff);
}

/*
 * Zero from addr to the end of its page, as Linux's padzero() does: the bytes of the last
 * file page past p_filesz belong to the file, not to the segment. A write, so the page
 * gets its own copy. 0, -EFAULT or -ENOMEM.
 */
static int pad_zero(struct mm_struct *mm, unsigned long addr)
{
	static const u8 zeros[256];
	unsigned long end = ALIGN_UP(addr, PAGE_SIZE);
	int err = 0;

	for (; !err && addr < end; addr += MIN(sizeof(zeros), end - addr))
		err = copy_to_mm(mm, addr, zeros, MIN(sizeof(zeros), end - addr));
	return err;
}

/*
 * Map one PT_LOAD segment lazily, in the order of the program headers and with the
 * rules of Linux's elf_load() (fs/binfmt_elf.c), so every layout Linux runs runs here:
 *  1. Its file bytes, if any, as a private file mapping of the pages that hold them,
 *     with the segment's permissions.
 *  2. If p_memsz > p_filesz and there are file bytes: the rest of the last file page is
 *     zeroed, if the segment is writable (Linux ignores the failed write otherwise).
 *  3. If p_memsz > p_filesz: anonymous zero pages from the first page after the file
 *     bytes (or from the segment's first page, with no file bytes) to the end, readable
 *     and writable whatever p_flags says, as vm_brk_flags() maps them. Faultline keeps
 *     W^X, so an executable segment's zero pages keep its permissions instead (Linux
 *     would make them writable and executable).
 * Pages an earlier segment mapped are replaced, not merged: a page two segments share
 * ends up as the later one maps it (its permissions; its file page, or zeros).
 */
static int map_segment(struct mm_struct *mm, struct inode *file, const struct elf64_phdr *ph)
{
	unsigned long flags = segment_flags(ph);
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long mem_end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned long zero_start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	unsigned long zero_flags = (flags & VM_EXEC) ? flags : VM_READ | VM_WRITE;
	int err = 0;

	if (ph->p_filesz) {
		zero_start = ALIGN_UP(file_end, PAGE_SIZE);
		err = map_fixed(mm, ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE),
				zero_start - ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE), flags, file,
				ALIGN_DOWN(ph->p_offset, PAGE_SIZE) >> PAGE_SHIFT);
		if (!err && ph->p_memsz > ph->p_filesz && (flags & VM_WRITE))
			err = pad_zero(mm, file_end);
	}
	if (!err && ph->p_memsz > ph->p_filesz && mem_end > zero_start)
		err = map_fixed(mm, zero_start, mem_end - zero_start, zero_flags, NULL, 0);
	return err;
}

/* Program header i, copied out of the file: e_phoff need not be aligned. */
static void read_phdr(const u8 *data, const struct elf64_ehdr *eh, int i, struct elf64_phdr *ph)
{
	memcpy(ph, data + eh->e_phoff + (size_t)i * sizeof(*ph), sizeof(*ph));
}

/*
 * The first PT_INTERP names the program interpreter (the dynamic loader) that Linux
 * would load and start instead of the program. Faultline has no dynamic loader support:
 * a path that leads nowhere fails as in Linux (-ENOENT, ...), a malformed one with
 * -ENOEXEC, and an interpreter that exists with -ENOEXEC too, saying why.
 */
static int check_interp(const u8 *data, size_t size, const struct elf64_phdr *ph)
{
	const char *path = (const char *)data + ph->p_offset;
	struct inode *interp;
	int err;

	if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX)
		return bad("program interpreter path too short or too long");
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return bad("program interpreter path outside the file");
	if (path[ph->p_filesz - 1] != '\0')
		return bad("program interpreter path not NUL-terminated");
	err = kern_path(path, &interp);
	if (err)
		return err;
	iput(interp);
	printk("exec: program interpreter %s: only static programs are supported\n", path);
	return -ENOEXEC;
}

/*
 * Validate every segment before mapping anything. Segments may share pages and overlap,
 * as in Linux: map_segment() says how the later one wins.
 */
static int check_segments(const u8 *data, size_t size, const struct elf64_ehdr *eh)
{
	struct elf64_phdr ph;
	bool interp_seen = false;
	int err;

	for (int i = 0; i < eh->e_phnum; i++) {
		read_phdr(data, eh, i, &ph);
		if (ph.p_type == PT_INTERP && !interp_seen) {
			interp_seen = true;
			if ((err = check_interp(data, size, &ph)))
				return err;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if ((err = check_segment(&ph, size)))
			return err;
	}
	return 0;
}

int elf_load(struct mm_struct *mm, struct inode *file, const u8 *data, size_t size,
	     struct elf_info *info)
{
	const struct elf64_ehdr *eh = (const struct elf64_ehdr *)data;
	struct elf64_phdr ph;
	int err = check_header(eh, size);

	if (!err)
		err = check_segments(data, size, eh);
	if (err)
		return err;
	memset(info, 0, sizeof(*info));
	info->entry = eh->e_entry;
	info->phnum = eh->e_phnum;
	for (int i = 0; i < eh->e_phnum; i++) {
		read_phdr(data, eh, i, &ph);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		err = map_segment(mm, file, &ph);
		if (err)
			return err == -EFAULT ? -ENOMEM : err;
		/* The program headers are usually inside the first segment's file bytes. */
		if (eh->e_phoff >= ph.p_offset &&
		    eh->e_phoff + eh->e_phnum * sizeof(ph) <= ph.p_offset + ph.p_filesz)
			info->phdr_addr = ph.p_vaddr + (eh->e_phoff - ph.p_offset);
		info->brk = MAX(info->brk, ALIGN_UP(ph.p_vaddr + ph.p_memsz, PAGE_SIZE));
	}
	if (!info->brk)
		return bad("no loadable segment");
	return 0;
}
