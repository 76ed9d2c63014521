/* The working directory and the umask (see cwd.h). */
#include <errno.h>
#include <kernel/cwd.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/task.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

void fs_fork(struct task *child, struct task *parent)
{
	child->cwd = iget(parent->cwd);
	child->umask = parent->umask;
}

void fs_exit(struct task *t)
{
	iput(t->cwd);
	t->cwd = NULL;
}

/* Make dir (a reference the caller gives up) the working directory, if it is one. */
static long set_cwd(struct inode *dir)
{
	if (!inode_is_dir(dir)) {
		iput(dir);
		return -ENOTDIR;
	}
	iput(current->cwd);
	current->cwd = dir;
	return 0;
}

long sys_chdir(const char __user *path)
{
	struct inode *dir;
	long err = user_path_at(AT_FDCWD, path, LOOKUP_FOLLOW, &dir);

	return err ? err : set_cwd(dir);
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);

	return f ? set_cwd(iget(f->inode)) : -EBADF;
}

/*
 * The working directory's absolute path, with its NUL; its length including the NUL (as
 * Linux's system call returns), -ERANGE if size is too small, -ENOENT if the directory
 * has been removed.
 */
long sys_getcwd(char __user *buf, size_t size)
{
	char *path = kmalloc(PATH_MAX);
	long len;

	if (!path)
		return -ENOMEM;
	len = inode_path(current->cwd ? current->cwd : fs_root, path, PATH_MAX);
	if (len >= 0 && (size_t)len + 1 > size)
		len = -ERANGE;
	else if (len >= 0)
		len = copy_to_user(buf, path, (size_t)len + 1) ? -EFAULT : len + 1;
	kfree(path);
	return len;
}

long sys_umask(unsigned int mask)
{
	unsigned int old = current->umask;

	current->umask = mask & 0777;
	return old;
}
