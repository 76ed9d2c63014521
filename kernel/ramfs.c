/* The initrd file system (see ramfs.h). */
#include <errno.h>
#include <kernel/devices.h>
#include <kernel/printk.h>
#include <kernel/procfs.h>
#include <kernel/ramfs.h>
#include <kernel/tmpfs.h>
#include <lib/cpio.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

/* Is s nothing but '/'s (maybe none)? */
static bool only_slashes(const char *s)
{
	while (*s == '/')
		s++;
	return !*s;
}

static struct super_block rootfs_sb = { .s_type = "rootfs", .s_dev = 1, .s_rdonly = true,
					.s_next_ino = 1 };

/*
 * The directory inode path's components lead to from the root, made (as directories of
 * the initrd) where missing; the last component is left in *last, *last_len. NULL if
 * out of memory or a component on the way is not a directory.
 */
static struct inode *make_parents(const char *path, const char **last, size_t *last_len)
{
	struct inode *dir = fs_root;

	for (;;) {
		const char *end;
		size_t len;
		struct inode *next;

		while (*path == '/')
			path++;
		for (end = path; *end && *end != '/'; end++)
			;
		len = (size_t)(end - path);
		if (only_slashes(end)) {
			*last = path;
			*last_len = len;
			return dir;
		}
		if (len > NAME_MAX)
			return NULL;
		next = d_lookup(dir, path, len);
		if (!next) {
			next = new_inode(&rootfs_sb, dir, S_IFDIR | 0755);
			if (!next)
				return NULL;
			d_add(next, path, len);
			iput(next); /* linked: the tree keeps it */
		}
		if (!inode_is_dir(next))
			return NULL;
		dir = next;
		path = end;
	}
}

/* Add one archive member; false if it cannot be. An existing directory is kept. */
static bool add_entry(const struct cpio_entry *e)
{
	const char *name;
	size_t len;
	struct inode *dir = make_parents(e->name, &name, &len), *inode;

	if (!dir || len == 0 || len > NAME_MAX)
		return false;
	inode = d_lookup(dir, name, len);
	if (inode)
		return inode_is_dir(inode) && (e->mode & S_IFMT) == S_IFDIR;
	inode = new_inode(&rootfs_sb, dir, e->mode);
	if (!inode)
		return false;
	inode->data = e->data;
	inode->size = e->size;
	if (inode_is_link(inode)) {
		/* A symbolic link's target is its data; kept as a string. */
		inode->link = kmalloc(e->size + 1);
		if (!inode->link) {
			iput(inode);
			return false;
		}
		memcpy(inode->link, e->data, e->size);
		inode->link[e->size] = '\0';
		inode->data = NULL;
	}
	d_add(inode, name, len);
	iput(inode);
	return true;
}

int ramfs_init(const void *archive, size_t size)
{
	size_t off = 0;
	struct cpio_entry e;
	const char *why = NULL;
	int r = 0;

	fs_root = new_inode(&rootfs_sb, NULL, S_IFDIR | 0755);
	if (!fs_root || devices_init(&rootfs_sb) || procfs_init() || tmpfs_init())
		return -ENOMEM;
	while (archive && (r = cpio_next(archive, size, &off, &e, &why)) == 1) {
		if (strcmp(e.name, ".") == 0)
			continue;
		if (!add_entry(&e)) {
			printk("initrd: cannot add %s (out of memory, a clash, or too long a name)\n",
			       e.name);
			return -EINVAL;
		}
	}
	if (archive && r < 0) {
		printk("initrd: malformed archive at byte %lu: %s\n", (unsigned long)off, why);
		return -EINVAL;
	}
	return 0;
}
