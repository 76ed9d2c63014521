/* memfd_create() and seals (see memfd.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/tmpfs.h>
#include <lib/string.h>
#include <mm/memfd.h>
#include <mm/mm.h>
#include <uapi/abi.h>
#include <uapi/fcntl.h>
#include <uapi/memfd.h>

#define MFD_ALL_FLAGS (MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)
#define F_ALL_SEALS   (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
		       F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)

/*
 * Linux's checks, in its order: unknown flags, or MFD_EXEC with MFD_NOEXEC_SEAL, are
 * EINVAL; so is MFD_HUGETLB (no huge pages here; Linux with hugetlbfs accepts it); a bad
 * name pointer is EFAULT, a name longer than MFD_NAME_MAX_LEN bytes EINVAL. The file is
 * a tmpfs inode that was never linked, named "memfd:NAME" under "/", so that its path
 * reads "/memfd:NAME (deleted)", open O_RDWR; without MFD_ALLOW_SEALING it carries
 * F_SEAL_SEAL, so no seal can be added (MFD_NOEXEC_SEAL allows sealing, as in Linux).
 */
long sys_memfd_create(const char __user *uname, unsigned int flags)
{
	char name[sizeof(MFD_NAME_PREFIX) + MFD_NAME_MAX_LEN];
	struct inode *inode;
	struct file *f;
	long len;
	int err, fd;

	if (flags & ~MFD_ALL_FLAGS)
		return -EINVAL;
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL))
		return -EINVAL;
	if (flags & MFD_HUGETLB)
		return -EINVAL;
	memcpy(name, MFD_NAME_PREFIX, sizeof(MFD_NAME_PREFIX) - 1);
	len = strncpy_from_user(name + sizeof(MFD_NAME_PREFIX) - 1, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0)
		return len;
	if (len > MFD_NAME_MAX_LEN)
		return -EINVAL; /* no NUL within the longest name */
	err = tmpfs_new_unlinked(name, sizeof(MFD_NAME_PREFIX) - 1 + (size_t)len, &inode);
	if (err)
		return err;
	if (!(flags & (MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL)))
		inode->seals = F_SEAL_SEAL;
	if (flags & MFD_NOEXEC_SEAL) {
		inode->mode &= ~0111U;
		inode->seals |= F_SEAL_EXEC;
	}
	f = alloc_file(inode, O_RDWR | O_LARGEFILE, inode->i_fop);
	iput(inode); /* the file holds its own */
	if (!f)
		return -ENOMEM;
	fd = fd_install(f, 0, flags & MFD_CLOEXEC ? O_CLOEXEC : 0);
	if (fd < 0)
		fput(f);
	return fd;
}

/* Does some VMA map inode shared and writable (Linux's mapping_writably_mapped)? */
static bool writably_mapped(struct inode *inode)
{
	struct list_head *pos;

	list_for_each(pos, &inode->i_mmap) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, vm_shared);

		if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == (VM_SHARED | VM_MAYWRITE))
			return true;
	}
	return false;
}

/*
 * Linux's rules: seals exist only on shared-memory files (else EINVAL); adding one
 * needs the file open for writing (EPERM), known seal bits (EINVAL), no F_SEAL_SEAL yet
 * (EPERM), and for F_SEAL_WRITE no shared writable mapping left (EBUSY).
 */
long memfd_fcntl(struct file *file, unsigned int cmd, unsigned int arg)
{
	struct inode *inode = file->inode;

	if (!inode->cache_only || (inode->mode & S_IFMT) != S_IFREG)
		return -EINVAL;
	if (cmd == F_GET_SEALS)
		return inode->seals;
	if ((file->flags & O_ACCMODE) == O_RDONLY)
		return -EPERM;
	if (arg & ~(unsigned int)F_ALL_SEALS)
		return -EINVAL;
	if (inode->seals & F_SEAL_SEAL)
		return -EPERM;
	if ((arg & F_SEAL_WRITE) && !(inode->seals & F_SEAL_WRITE) && writably_mapped(inode))
		return -EBUSY;
	inode->seals |= arg;
	return 0;
}
