/* Inodes and the tree of names (see fs.h). */
#include <errno.h>
#include <kernel/fs.h>
#include <kernel/time.h>
#include <kernel/tmpfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

struct inode *fs_root;

struct inode *new_inode(struct super_block *sb, struct inode *parent, u32 mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));

	if (!inode)
		return NULL;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->sibling);
	INIT_LIST_HEAD(&inode->i_mmap);
	inode->sb = sb;
	inode->mode = mode;
	inode->ino = sb->s_next_ino++;
	inode->i_count = 1;
	inode->atime_ns = inode->mtime_ns = inode->ctime_ns = ktime_get_ns();
	inode->parent = parent ? iget(parent) : inode;
	return inode;
}

void inode_touch(struct inode *inode)
{
	inode->mtime_ns = inode->ctime_ns = ktime_get_ns();
}

void d_add(struct inode *inode, const char *name, size_t len)
{
	memcpy(inode->name, name, len);
	inode->name[len] = '\0';
	list_add_tail(&inode->sibling, &inode->parent->children);
	inode->linked = true;
}

void d_delete(struct inode *inode)
{
	list_del(&inode->sibling);
	inode->linked = false;
	iput(iget(inode)); /* frees it now if nobody holds it */
}

struct inode *iget(struct inode *inode)
{
	if (inode)
		inode->i_count++;
	return inode;
}

/*
 * Free inode and what it owns; returns the parent, whose reference it held (NULL for an
 * inode made without one, which is its own parent). A loop in iput() walks up instead of
 * recursing.
 */
static struct inode *inode_free(struct inode *inode)
{
	struct inode *parent = inode->parent == inode ? NULL : inode->parent;

	if (inode->cache_only)
		tmpfs_evict(inode);
	kfree(inode->link);
	kfree(inode);
	return parent;
}

void iput(struct inode *inode)
{
	while (inode && --inode->i_count == 0 && !inode->linked && inode != fs_root)
		inode = inode_free(inode);
}

struct inode *d_lookup(struct inode *dir, const char *name, size_t len)
{
	struct list_head *pos;

	list_for_each(pos, &dir->children) {
		struct inode *child = list_entry(pos, struct inode, sibling);

		if (strlen(child->name) == len && memcmp(child->name, name, len) == 0)
			return child;
	}
	return NULL;
}

struct inode *lookup_one(struct inode *dir, const char *name, size_t len)
{
	struct inode *child = d_lookup(dir, name, len);

	if (child)
		return iget(child);
	return dir->i_op && dir->i_op->lookup ? dir->i_op->lookup(dir, name, len) : NULL;
}

u8 mode_to_dtype(u32 mode)
{
	return (u8)((mode & S_IFMT) >> 12); /* Linux's DT_* are the S_IFMT bits shifted */
}

unsigned int nr_subdirs(const struct inode *dir)
{
	const struct list_head *pos;
	unsigned int n = 0;

	list_for_each(pos, &dir->children)
		n += inode_is_dir(list_entry(pos, struct inode, sibling));
	return n;
}

bool dir_entry_at(struct inode *dir, size_t index, struct dir_entry *ent)
{
	struct list_head *pos;

	if (index < 2) {
		const struct inode *which = index == 0 ? dir : dir->parent;

		strlcpy(ent->name, index == 0 ? "." : "..", sizeof(ent->name));
		ent->ino = which->ino;
		ent->type = DT_DIR;
		return true;
	}
	index -= 2;
	list_for_each(pos, &dir->children) {
		struct inode *child = list_entry(pos, struct inode, sibling);

		if (index-- == 0) {
			strlcpy(ent->name, child->name, sizeof(ent->name));
			ent->ino = child->ino;
			ent->type = mode_to_dtype(child->mode);
			return true;
		}
	}
	return dir->i_op && dir->i_op->readdir && dir->i_op->readdir(dir, index, ent);
}

long inode_path(const struct inode *inode, char *buf, size_t size)
{
	size_t at = size - 1, len;

	if (size < 2)
		return -ENAMETOOLONG;
	buf[at] = '\0';
	for (; inode != fs_root; inode = inode->parent) {
		if (!inode->linked && !inode->i_op)
			return -ENOENT;
		len = strlen(inode->name);
		if (len + 1 > at)
			return -ENAMETOOLONG;
		at -= len;
		memcpy(buf + at, inode->name, len);
		buf[--at] = '/';
	}
	if (at == size - 1)
		buf[--at] = '/'; /* the root itself */
	len = size - 1 - at;
	memmove(buf, buf + at, len + 1);
	return (long)len;
}

long inode_get_link(struct inode *inode, char *buf, size_t size)
{
	size_t len;

	if (!inode_is_link(inode))
		return -EINVAL;
	if (inode->i_op && inode->i_op->get_link)
		return inode->i_op->get_link(inode, buf, size);
	if (!inode->link)
		return -EINVAL;
	len = strlen(inode->link);
	if (len + 1 > size)
		return -ENAMETOOLONG;
	memcpy(buf, inode->link, len + 1);
	return (long)len;
}
