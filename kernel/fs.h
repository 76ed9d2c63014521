/*
 * Inodes and the tree of names (Linux's struct inode and dentry, folded into one: there
 * are no hard links, so every inode has at most one name, in one directory).
 *
 * The tree: each inode that has a name is linked into its parent's children list. Three
 * file systems hang off it, each a struct super_block: the initrd (read-only, kernel/
 * ramfs.c), tmpfs on /tmp (writable, file data in page-cache pages, kernel/tmpfs.c) and
 * /proc (kernel/procfs.c), whose per-process entries are made on demand by its lookup()
 * and are never linked. /dev lives in the initrd's tree (kernel/devices.c).
 *
 * Lifetime rules:
 *  - i_count counts references: an open file, a working directory, a path walk in
 *    progress, a VMA mapping it (so an unlinked file stays while mapped), and every
 *    child (linked or not) for its parent, so a parent outlives its children and ".."
 *    always leads somewhere.
 *  - An inode is freed when it is neither linked nor referenced: unlink() or rmdir()
 *    unlinks it, and its last iput() frees it with its pages. Linked inodes of the
 *    initrd, /dev and /proc's root are never freed.
 * The kernel is not preempted, so these change only between sleeps: a walk that may
 * sleep (cond_resched) holds a reference on the inode it stands on.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <lib/avl.h>
#include <lib/list.h>
#include <types.h>

#define NAME_MAX 255 /* bytes in one component of a path name (Linux's limits.h) */

struct file;
struct file_operations;
struct inode;

/* One mounted file system. */
struct super_block {
	const char *s_type;          /* "rootfs", "tmpfs", "proc" */
	u32 s_dev;                   /* st_dev of its inodes (minor number, major 0) */
	bool s_writable;             /* names may be created and removed (else EROFS) */
	bool s_rdonly;               /* mounted read-only: opening its files to write is EROFS */
	u32 s_next_ino;              /* the next inode number to hand out */
	unsigned long s_max_pages;   /* tmpfs: data pages allowed (ENOSPC past it) */
	unsigned long s_nr_pages;    /* tmpfs: data pages in use */
	unsigned long s_max_inodes;  /* tmpfs: inodes allowed (ENOSPC past it) */
	unsigned long s_nr_inodes;   /* tmpfs: inodes in use */
};

/* What getdents64 reports of one directory entry. */
struct dir_entry {
	char name[NAME_MAX + 1];
	u64 ino;
	u8 type; /* DT_* */
};

/* What differs between file systems; a NULL operation is not supported. */
struct inode_operations {
	/* A directory's entries made on demand (/proc/<pid>): the one called name (len
	 * bytes) with a reference for the caller, or NULL. Asked after the linked ones. */
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	/* The same entries for getdents64: the index-th into *ent; false past the last. */
	bool (*readdir)(struct inode *dir, size_t index, struct dir_entry *ent);
	/* A symbolic link made on demand (/proc/self): its target into buf (size bytes,
	 * NUL-terminated); the length or -errno. */
	long (*get_link)(struct inode *inode, char *buf, size_t size);
};

struct inode {
	char name[NAME_MAX + 1];     /* its name in parent; "" for "/" */
	struct inode *parent;        /* the directory it is (or was last) in; "/" for "/" */
	struct list_head children;   /* directories: the linked entries, through sibling */
	struct list_head sibling;    /* in parent->children while linked */
	bool linked;                 /* has a name in the tree */
	bool cache_only;             /* tmpfs: the page cache is the file's only copy (never
					shrunk; a missing page inside the size is a hole) */
	int i_count;                 /* references (see the lifetime rules above) */
	struct super_block *sb;      /* its file system (NULL only for in-kernel tests) */
	const struct inode_operations *i_op;  /* NULL: a plain inode of the tree */
	const struct file_operations *i_fop;  /* NULL: chosen by its type in kernel/file.c */
	const u8 *data;              /* initrd files: contents, in the initrd; else NULL */
	u64 size;                    /* bytes */
	u32 mode;                    /* S_IF* | permissions */
	u32 ino;                     /* inode number, unique in its file system */
	u32 rdev;                    /* devices: (major << 8) | minor, as Linux encodes it */
	u64 atime_ns;                /* last access (set by utimensat only), */
	u64 mtime_ns;                /* last change of the data or of a directory's entries, */
	u64 ctime_ns;                /* and of anything: CLOCK_REALTIME ns, which here counts
					from boot */
	char *link;                  /* tmpfs symbolic links: the target, kmalloc'd */
	int pid;                     /* /proc/<pid> entries: the process */
	int proc_kind;               /* /proc entries: which file (kernel/procfs.c) */
	struct avl_root page_cache;  /* the file's pages (mm/filemap.c) */
	struct list_head i_mmap;     /* the VMAs that map it, through vm_shared (Linux's
					i_mmap): truncate unmaps the pages it drops from each */
	unsigned int seals;          /* memfd: F_SEAL_* set by fcntl(F_ADD_SEALS) (mm/memfd.c) */
};

static inline bool inode_is_dir(const struct inode *inode)
{
	return (inode->mode & 0170000) == 0040000;
}

static inline bool inode_is_link(const struct inode *inode)
{
	return (inode->mode & 0170000) == 0120000;
}

/* The root directory, "/". */
extern struct inode *fs_root;

/*
 * A new inode of sb with mode, unlinked, holding one reference (the caller's) and one on
 * parent (which it keeps until it is freed); NULL if out of memory. Without a parent
 * (the root, a pipe) the inode is its own parent and holds nothing.
 */
struct inode *new_inode(struct super_block *sb, struct inode *parent, u32 mode);
/* Give inode the name (len bytes) and link it into its parent directory. */
void d_add(struct inode *inode, const char *name, size_t len);
/* Take inode out of its directory; freed at once if nobody holds it. */
void d_delete(struct inode *inode);
/* Set inode's mtime and ctime to now: its data or its entries changed. */
void inode_touch(struct inode *inode);
/* Take a reference on inode (NULL is allowed); returns it. */
struct inode *iget(struct inode *inode);
/* Drop a reference; the last one on an unlinked inode frees it (and maybe its parents). */
void iput(struct inode *inode);
/* The linked entry called name (len bytes) in dir, without a reference, or NULL. */
struct inode *d_lookup(struct inode *dir, const char *name, size_t len);
/*
 * The entry called name in dir, linked or made on demand, with a reference, or NULL:
 * what a path walk asks.
 */
struct inode *lookup_one(struct inode *dir, const char *name, size_t len);
/* The index-th entry of dir for getdents64 ("." and ".." first); false past the last. */
bool dir_entry_at(struct inode *dir, size_t index, struct dir_entry *ent);
/* Number of directories linked in dir (its st_nlink is 2 more). */
unsigned int nr_subdirs(const struct inode *dir);
/*
 * The absolute path of inode into buf (size bytes, NUL-terminated). Returns its length,
 * -ENOENT if inode or a directory above it is unlinked, or -ENAMETOOLONG.
 */
long inode_path(const struct inode *inode, char *buf, size_t size);
/* The target of symbolic link inode into buf (size bytes, NUL-terminated); length or -errno. */
long inode_get_link(struct inode *inode, char *buf, size_t size);
/* DT_* for an inode's mode. */
u8 mode_to_dtype(u32 mode);

#endif
