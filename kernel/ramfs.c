/* The initrd file system (see ramfs.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/printk.h>
#include <kernel/ramfs.h>
#include <kernel/tty.h>
#include <lib/cpio.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/fault.h>
#include <mm/filemap.h>
#include <mm/frame.h>
#include <mm/pgtable.h>
#include <mm/kmalloc.h>
#include <mm/mm.h>
#include <uapi/abi.h>

#define MAX_INODES 256

static struct inode *inodes[MAX_INODES]; /* inodes[0] is "/" */
static size_t nr_inodes;

static long meminfo_generate(struct file *file);
static long vmstat_generate(struct file *file);

/*
 * Normalise path into out (size bytes): collapse "//", drop ".", resolve "..". Returns
 * 0 or -ENAMETOOLONG. path must be absolute.
 */
static int normalise(const char *path, char *out, size_t size)
{
	size_t len = 0;

	out[len++] = '/';
	while (*path) {
		const char *end;
		size_t n;

		while (*path == '/')
			path++;
		for (end = path; *end && *end != '/'; end++)
			;
		n = (size_t)(end - path);
		if (n == 0 || (n == 1 && path[0] == '.')) {
			/* nothing to add */
		} else if (n == 2 && path[0] == '.' && path[1] == '.') {
			while (len > 1 && out[len - 1] != '/')
				len--;
			if (len > 1)
				len--; /* the '/' before the dropped name */
		} else {
			if (len + (len > 1) + n >= size)
				return -ENAMETOOLONG;
			if (len > 1)
				out[len++] = '/';
			memcpy(out + len, path, n);
			len += n;
		}
		path = end;
	}
	out[len] = '\0';
	return 0;
}

static struct inode *add_inode(const char *path, u32 mode, const void *data, u64 size)
{
	struct inode *ino;

	if (nr_inodes == MAX_INODES || !(ino = kzalloc(sizeof(*ino))))
		return NULL;
	if (normalise(path, ino->path, sizeof(ino->path))) {
		kfree(ino);
		return NULL;
	}
	ino->mode = mode;
	ino->data = data;
	ino->size = size;
	ino->ino = (u32)nr_inodes + 1;
	inodes[nr_inodes++] = ino;
	return ino;
}

int ramfs_init(const void *archive, size_t size)
{
	size_t off = 0;
	struct cpio_entry e;
	const char *why = NULL;
	char path[96];
	int r = 0;

	add_inode("/", S_IFDIR | 0755, NULL, 0);
	add_inode("/dev", S_IFDIR | 0755, NULL, 0);
	add_inode("/dev/console", S_IFCHR | 0620, NULL, 0);
	add_inode("/proc", S_IFDIR | 0555, NULL, 0);
	add_inode("/proc/meminfo", S_IFREG | 0444, NULL, 0)->generate = meminfo_generate;
	add_inode("/proc/vmstat", S_IFREG | 0444, NULL, 0)->generate = vmstat_generate;
	while (archive && (r = cpio_next(archive, size, &off, &e, &why)) == 1) {
		if (strcmp(e.name, ".") == 0)
			continue;
		snprintf(path, sizeof(path), "/%s", e.name);
		if (!add_inode(path, e.mode, e.data, e.size)) {
			printk("initrd: cannot add %s (too many files or too long a name)\n", e.name);
			return -EINVAL;
		}
	}
	if (archive && r < 0) {
		printk("initrd: malformed archive at byte %lu: %s\n", (unsigned long)off, why);
		return -EINVAL;
	}
	return 0;
}

/* Is child's path directly inside dir's? */
static bool is_child(const struct inode *dir, const struct inode *child)
{
	size_t n = strlen(dir->path);
	const char *rest;

	if (child == dir || strncmp(child->path, dir->path, n) != 0)
		return false;
	rest = child->path + n;
	if (n > 1) {
		if (*rest != '/')
			return false;
		rest++;
	}
	return *rest && !strchr(rest, '/');
}

struct inode *ramfs_dir_entry(const struct inode *dir, size_t index)
{
	for (size_t i = 0; i < nr_inodes; i++)
		if (is_child(dir, inodes[i]) && index-- == 0)
			return inodes[i];
	return NULL;
}

/* The last '/' in an inode's path (every path has one). */
static const char *last_slash(const char *path)
{
	const char *slash = path;

	for (const char *p = path; *p; p++)
		if (*p == '/')
			slash = p;
	return slash;
}

struct inode *ramfs_root(void)
{
	return inodes[0];
}

/* The inode whose whole path is the first len bytes of path, or NULL. */
static struct inode *find_path(const char *path, size_t len)
{
	for (size_t i = 0; i < nr_inodes; i++)
		if (strlen(inodes[i]->path) == len && strncmp(inodes[i]->path, path, len) == 0)
			return inodes[i];
	return NULL;
}

struct inode *ramfs_parent(const struct inode *dir)
{
	struct inode *parent = find_path(dir->path, (size_t)(last_slash(dir->path) - dir->path));

	return parent ? parent : inodes[0]; /* "/" and the names just below it: the root */
}

struct inode *ramfs_dir_lookup(const struct inode *dir, const char *name, size_t len)
{
	for (size_t i = 0; i < nr_inodes; i++) {
		const char *base = last_slash(inodes[i]->path) + 1;

		if (strlen(base) == len && strncmp(base, name, len) == 0 && is_child(dir, inodes[i]))
			return inodes[i];
	}
	return NULL;
}

size_t ramfs_count(void)
{
	return nr_inodes;
}

/*
 * /proc/meminfo in Linux's format: what user tests read to spot leaked frames. Cached
 * pages are the page cache's, which it gives back under memory pressure; PageTables is
 * what the page tables of user address spaces hold.
 */
static long meminfo_generate(struct file *file)
{
	file->contents = kmalloc(256);
	if (!file->contents)
		return -ENOMEM;
	return snprintf(file->contents, 256,
			"MemTotal:       %8lu kB\nMemFree:        %8lu kB\nCached:         %8lu kB\n"
			"PageTables:     %8lu kB\n",
			nr_managed_frames() * (PAGE_SIZE / 1024), nr_free_frames() * (PAGE_SIZE / 1024),
			nr_cached_pages() * (PAGE_SIZE / 1024), nr_user_pgtables * (PAGE_SIZE / 1024));
}

/* /proc/vmstat: Linux's names where Linux has them, faultline_* for our own counters. */
static long vmstat_generate(struct file *file)
{
	file->contents = kmalloc(512);
	if (!file->contents)
		return -ENOMEM;
	return snprintf(file->contents, 512,
			"nr_free_pages %lu\nnr_file_pages %lu\npgfault %lu\npgmajfault %lu\n"
			"oom_kill %lu\nfaultline_minor_fault %lu\nfaultline_zero_page %lu\n"
			"faultline_cow %lu\nfaultline_fault_retry %lu\nfaultline_bad_fault %lu\n"
			"faultline_pgtable_walk %lu\n",
			nr_free_frames(), nr_cached_pages(), vm_events.nr_faults, vm_events.nr_major_faults,
			nr_oom_kills, vm_events.nr_minor_faults, vm_events.nr_zero_page_faults, vm_events.nr_cow_faults,
			vm_events.nr_retries, vm_events.nr_bad_faults, nr_pgtable_walks);
}
