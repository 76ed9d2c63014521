/*
 * /proc/<pid>/mem (Linux's fs/proc/base.c mem_rw): the process's address space as a
 * file, the file position being the address. Reads and writes go through
 * access_remote_vm() with FOLL_FORCE, as a debugger's do: a write into a read-only
 * private mapping (a breakpoint in the program's text) lands in a private copy of the
 * page, the mapping stays read-only and the file underneath unchanged. An address with
 * nothing mapped there (or a page that cannot be reached) reads and writes as EIO, or
 * short if some bytes before it were done; a fault on the caller's own buffer is EFAULT,
 * whatever moved before it (Linux's mem_rw). Positions are addresses: the whole 64-bit
 * range can be read (FOP_UNSIGNED_OFFSET), and above TASK_SIZE is EIO like any hole.
 * Who may: the rule of ptrace_may_access()
 * (kernel/process_vm.h), asked at every access; a process that has gone reads as end of
 * file.
 */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc_mem.h>
#include <kernel/proc_pid.h>
#include <kernel/process_vm.h>
#include <kernel/uio.h>
#include <mm/gup.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/abi.h>

/* Move up to iov_iter_count(iter) bytes between iter and the process's memory at *pos. */
static long mem_rw(struct file *file, struct iov_iter *iter, u64 *pos, bool write)
{
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	unsigned long addr = (unsigned long)*pos;
	struct mm_struct *mm;
	long copied = 0, err;
	char *page;

	mm = mm_access_pid(file->inode->pid, &err);
	if (!mm)
		return err == -ESRCH ? 0 : -EACCES;
	page = kmalloc(PAGE_SIZE);
	if (!page) {
		mmput(mm);
		return -ENOMEM;
	}
	while (iov_iter_count(iter)) {
		size_t len = MIN(iov_iter_count(iter), PAGE_SIZE), done;

		if (write && copy_from_iter(page, len, iter) < len) {
			copied = -EFAULT;
			break;
		}
		done = (size_t)access_remote_vm(mm, addr, page, len, flags);
		if (!done) {
			copied = copied ? copied : -EIO;
			break;
		}
		if (!write && copy_to_iter(page, done, iter) < done) {
			copied = -EFAULT;
			break;
		}
		addr += done;
		copied += (long)done;
		if (done < len)
			break; /* the next page cannot be reached: a short transfer */
	}
	if (copied > 0)
		*pos = addr;
	kfree(page);
	mmput(mm);
	return copied;
}

static long mem_read(struct file *file, struct iov_iter *to, u64 *pos)
{
	return mem_rw(file, to, pos, false);
}

static long mem_write(struct file *file, struct iov_iter *from, u64 *pos)
{
	return mem_rw(file, from, pos, true);
}

long mem_lseek(struct file *file, long offset, int whence)
{
	switch (whence) {
	case SEEK_SET:
		file->pos = (u64)offset;
		break;
	case SEEK_CUR:
		file->pos += (u64)offset;
		break;
	default:
		return -EINVAL;
	}
	return (long)file->pos;
}

const struct file_operations proc_mem_operations = {
	.read_iter = mem_read,
	.write_iter = mem_write,
	.llseek = mem_lseek,
	.fop_flags = FOP_UNSIGNED_OFFSET,
};
