/* The ELF loader: validation first, then mapping (see elf.h). */
#include <asm/elf.h>
#include <errno.h>
#include <kernel/elf.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
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
 * Map one PT_LOAD segment lazily: its file bytes as a private file mapping (through the
 * page cache), the rest (.bss) as anonymous zeros. The last file page may hold bytes past
 * p_filesz that belong to no segment: for a writable segment they are zeroed (a write,
 * so the page gets its own copy), as Linux's padzero() does. A segment with no file bytes
 * at all is anonymous from its first page, even when it starts and ends inside one page.
 */
static int map_segment(struct mm_struct *mm, struct inode *file, const struct elf64_phdr *ph)
{
	unsigned long flags = segment_flags(ph);
	unsigned long start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long file_top = ph->p_filesz ? ALIGN_UP(file_end, PAGE_SIZE) : start;
	unsigned long mem_end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	static const u8 zeros[256];
	int err = 0;

	if (file_top > start)
		err = mmap_region(mm, start, file_top - start, flags, file,
				  ALIGN_DOWN(ph->p_offset, PAGE_SIZE) >> PAGE_SHIFT);
	if (!err && mem_end > file_top)
		err = mmap_region(mm, file_top, mem_end - file_top, flags, NULL, 0);
	for (unsigned long a = file_end; !err && ph->p_memsz > ph->p_filesz && (flags & VM_WRITE) &&
	     a < file_top; a += MIN(sizeof(zeros), file_top - a))
		err = copy_to_mm(mm, a, zeros, MIN(sizeof(zeros), file_top - a));
	return err;
}

/* Program header i, copied out of the file: e_phoff need not be aligned. */
static void read_phdr(const u8 *data, const struct elf64_ehdr *eh, int i, struct elf64_phdr *ph)
{
	memcpy(ph, data + eh->e_phoff + (size_t)i * sizeof(*ph), sizeof(*ph));
}

/* Do the PT_LOAD segments a and b share a page? */
static bool share_page(const struct elf64_phdr *a, const struct elf64_phdr *b)
{
	return ALIGN_DOWN(a->p_vaddr, PAGE_SIZE) < ALIGN_UP(b->p_vaddr + b->p_memsz, PAGE_SIZE) &&
	       ALIGN_DOWN(b->p_vaddr, PAGE_SIZE) < ALIGN_UP(a->p_vaddr + a->p_memsz, PAGE_SIZE);
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

/* Validate every segment, and that no two share a page, before mapping anything. */
static int check_segments(const u8 *data, size_t size, const struct elf64_ehdr *eh)
{
	struct elf64_phdr ph, other;
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
		for (int j = 0; j < i; j++) {
			read_phdr(data, eh, j, &other);
			if (other.p_type == PT_LOAD && share_page(&ph, &other))
				return bad("two segments share a page");
		}
		cond_resched(); /* up to ELF_MAX_PHNUM squared pairs */
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
