/* Making and removing names (see names.h). */
#include <errno.h>
#include <kernel/namei.h>
#include <kernel/names.h>
#include <kernel/task.h>
#include <kernel/tmpfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

u32 apply_umask(u32 mode)
{
	return mode & 07777 & ~current->umask;
}

/* "." or "..": names that cannot be made or removed. */
static bool is_dot_or_dotdot(const char *name)
{
	return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

int vfs_create(struct inode *dir, const char *last, u32 mode, struct inode **out)
{
	if (!dir->sb || !dir->sb->s_writable)
		return -EROFS;
	return tmpfs_create(dir, last, strlen(last), S_IFREG | apply_umask(mode), NULL, out);
}

/* The parent of user path upath and its last component, for making or removing it. */
static int parent_of(int dirfd, const char __user *upath, struct inode **dir,
		     struct last_component *last)
{
	char *path;
	int err = (int)getname(upath, &path);

	if (err)
		return err;
	err = path_parentat(dirfd, path, dir, last);
	putname(path);
	return err;
}

/* Make last in dir with mode (S_IFDIR, or S_IFLNK with target): the checks of mkdir and
 * symlink, in Linux's order. */
static long make_name(struct inode *dir, struct last_component *last, u32 mode,
		      const char *target)
{
	struct inode *inode;
	long err;

	if (!last->name[0] || is_dot_or_dotdot(last->name))
		return -EEXIST;
	if (d_lookup(dir, last->name, strlen(last->name)))
		return -EEXIST;
	if (!dir->linked && dir != fs_root)
		return -ENOENT; /* a directory already removed */
	if (last->trailing_slash && !(mode & S_IFDIR))
		return -ENOENT;
	if (!dir->sb || !dir->sb->s_writable)
		return -EROFS;
	err = tmpfs_create(dir, last->name, strlen(last->name), mode, target, &inode);
	if (!err)
		iput(inode); /* linked: the tree keeps it */
	return err;
}

long sys_mkdirat(int dirfd, const char __user *path, unsigned int mode)
{
	struct last_component last;
	struct inode *dir;
	long err = parent_of(dirfd, path, &dir, &last);

	if (err)
		return err;
	err = make_name(dir, &last, S_IFDIR | apply_umask(mode & 01777), NULL);
	iput(dir);
	return err;
}

long sys_symlinkat(const char __user *utarget, int newdirfd, const char __user *linkpath)
{
	struct last_component last;
	struct inode *dir;
	char *target;
	long err = getname(utarget, &target);

	if (err)
		return err;
	err = parent_of(newdirfd, linkpath, &dir, &last);
	if (!err) {
		err = make_name(dir, &last, S_IFLNK | 0777, target);
		iput(dir);
	}
	putname(target);
	return err;
}

/* Remove last from dir: a directory with rmdir (AT_REMOVEDIR), anything else without. */
static long remove_name(struct inode *dir, struct last_component *last, bool rmdir)
{
	struct inode *victim;

	if (rmdir && !last->name[0])
		return -EBUSY; /* "/" */
	if (rmdir && is_dot_or_dotdot(last->name))
		return last->name[1] ? -ENOTEMPTY : -EINVAL;
	if (!rmdir && (!last->name[0] || is_dot_or_dotdot(last->name)))
		return -EISDIR;
	if (!dir->sb || !dir->sb->s_writable)
		return -EROFS;
	victim = d_lookup(dir, last->name, strlen(last->name));
	if (!victim)
		return -ENOENT;
	if (rmdir) {
		if (!inode_is_dir(victim))
			return -ENOTDIR;
		if (!list_empty(&victim->children))
			return -ENOTEMPTY;
	} else if (inode_is_dir(victim)) {
		return -EISDIR;
	} else if (last->trailing_slash) {
		return -ENOTDIR;
	}
	tmpfs_unlink(victim);
	return 0;
}

long sys_unlinkat(int dirfd, const char __user *path, int flags)
{
	struct last_component last;
	struct inode *dir;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = parent_of(dirfd, path, &dir, &last);
	if (err)
		return err;
	err = remove_name(dir, &last, flags & AT_REMOVEDIR);
	iput(dir);
	return err;
}

/* Is inode dir, or inside it? */
static bool is_inside(const struct inode *inode, const struct inode *dir)
{
	for (; inode != fs_root; inode = inode->parent)
		if (inode == dir)
			return true;
	return dir == fs_root;
}

/* The checks of rename(2) in Linux's order, then the move; old and new are looked up. */
static long do_rename(struct inode *old_dir, struct last_component *old_last,
		      struct inode *new_dir, struct last_component *new_last, unsigned int flags)
{
	struct inode *source, *target;

	if (!old_last->name[0] || is_dot_or_dotdot(old_last->name) || !new_last->name[0] ||
	    is_dot_or_dotdot(new_last->name))
		return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	if (old_dir->sb != new_dir->sb)
		return -EXDEV;
	if (!new_dir->linked && new_dir != fs_root)
		return -ENOENT; /* into a directory already removed */
	if (!old_dir->sb || !old_dir->sb->s_writable)
		return -EROFS;
	source = d_lookup(old_dir, old_last->name, strlen(old_last->name));
	if (!source)
		return -ENOENT;
	target = d_lookup(new_dir, new_last->name, strlen(new_last->name));
	if (target && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!inode_is_dir(source) && (old_last->trailing_slash || new_last->trailing_slash))
		return -ENOTDIR;
	if (source == target)
		return 0; /* the same file: nothing to do, successfully */
	if (inode_is_dir(source) && is_inside(new_dir, source))
		return -EINVAL; /* into itself */
	if (target && inode_is_dir(source) && !inode_is_dir(target))
		return -ENOTDIR;
	if (target && !inode_is_dir(source) && inode_is_dir(target))
		return -EISDIR;
	if (target && inode_is_dir(target) && !list_empty(&target->children))
		return -ENOTEMPTY;
	if (target)
		tmpfs_unlink(target);
	tmpfs_move(source, new_dir, new_last->name, strlen(new_last->name));
	return 0;
}

long sys_renameat2(int olddirfd, const char __user *oldpath, int newdirfd,
		   const char __user *newpath, unsigned int flags)
{
	struct last_component *last;
	struct inode *old_dir, *new_dir;
	long err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL; /* RENAME_EXCHANGE and RENAME_WHITEOUT are not supported */
	last = kmalloc(2 * sizeof(*last));
	if (!last)
		return -ENOMEM;
	err = parent_of(olddirfd, oldpath, &old_dir, &last[0]);
	if (!err) {
		err = parent_of(newdirfd, newpath, &new_dir, &last[1]);
		if (!err) {
			err = do_rename(old_dir, &last[0], new_dir, &last[1], flags);
			iput(new_dir);
		}
		iput(old_dir);
	}
	kfree(last);
	return err;
}

long sys_renameat(int olddirfd, const char __user *oldpath, int newdirfd,
		  const char __user *newpath)
{
	return sys_renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

long sys_mkdir(const char __user *path, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_rmdir(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

long sys_unlink(const char __user *path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rename(const char __user *oldpath, const char __user *newpath)
{
	return sys_renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

long sys_symlink(const char __user *target, const char __user *linkpath)
{
	return sys_symlinkat(target, AT_FDCWD, linkpath);
}
