/*
 * The initrd file system: the cpio archive the boot loader left in memory, unpacked into
 * a table of inodes whose data stays where it is. Read-only. Paths are absolute, with
 * "/" between names; a few synthetic files are added (/dev/console, /proc/meminfo).
 */
#ifndef KERNEL_RAMFS_H
#define KERNEL_RAMFS_H

#include <lib/avl.h>
#include <types.h>

struct file;

struct inode {
	char path[96];          /* absolute, normalised: "/", "/tests/runall" */
	const u8 *data;         /* file contents (in the initrd), NULL for directories */
	u64 size;               /* bytes */
	u32 mode;               /* S_IFREG / S_IFDIR / S_IFCHR | permissions */
	u32 ino;                /* inode number, unique */
	/* Synthetic files: fill file->contents at open time; returns its length. */
	long (*generate)(struct file *file);
	struct avl_root page_cache; /* the file's pages read so far (mm/filemap.c) */
};

/* Unpack the cpio archive [archive, archive+size); -EINVAL (with a message) if malformed. */
int ramfs_init(const void *archive, size_t size);
/* The root directory, "/". */
struct inode *ramfs_root(void);
/* The directory that holds dir ("/" for "/" itself). */
struct inode *ramfs_parent(const struct inode *dir);
/* The entry called name (len bytes, no '/') directly inside directory dir, or NULL. */
struct inode *ramfs_dir_lookup(const struct inode *dir, const char *name, size_t len);
/* The index-th entry directly inside directory dir, or NULL past the last. */
struct inode *ramfs_dir_entry(const struct inode *dir, size_t index);
/* Number of inodes (for tests). */
size_t ramfs_count(void);

#endif
