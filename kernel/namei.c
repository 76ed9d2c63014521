/* Path names: copy in, walk (see namei.h). */
#include <errno.h>
#include <kernel/namei.h>
#include <kernel/ramfs.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

_Static_assert(PATH_MAX <= KMALLOC_MAX_SIZE, "a path name fits one kmalloc");

long getname(const char __user *filename, char **name)
{
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, filename, PATH_MAX);
	if (len == PATH_MAX)
		len = -ENAMETOOLONG; /* no NUL within PATH_MAX bytes */
	else if (len == 0)
		len = -ENOENT; /* Linux refuses the empty path unless asked (AT_EMPTY_PATH) */
	if (len < 0) {
		kfree(buf);
		return len;
	}
	*name = buf;
	return 0;
}

void putname(char *name)
{
	kfree(name);
}

static bool is_dir(const struct inode *inode)
{
	return (inode->mode & S_IFMT) == S_IFDIR;
}

int kern_path(const char *name, struct inode **inode)
{
	struct inode *at = ramfs_root();
	const char *p = name;

	if (!*name)
		return -ENOENT;
	for (;;) {
		const char *end;
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		for (end = p; *end && *end != '/'; end++)
			;
		len = (size_t)(end - p);
		if (!is_dir(at))
			return -ENOTDIR; /* "file/name" or "file/." */
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (len == 2 && p[0] == '.' && p[1] == '.')
			at = ramfs_parent(at);
		else if (!(len == 1 && p[0] == '.') && !(at = ramfs_dir_lookup(at, p, len)))
			return -ENOENT;
		p = end;
		cond_resched(); /* up to 2048 components, each a search of the inode table */
	}
	/* A trailing '/' asks for a directory: "file/" is ENOTDIR, as in Linux. */
	if (p > name && p[-1] == '/' && !is_dir(at))
		return -ENOTDIR;
	*inode = at;
	return 0;
}

int kern_path_parent(const char *name, struct inode **dir)
{
	size_t end = strlen(name);
	char *parent;
	int err;

	while (end > 0 && name[end - 1] == '/')
		end--; /* "a/b/" names b */
	while (end > 0 && name[end - 1] != '/')
		end--;
	parent = kmalloc(end + 2);
	if (!parent)
		return -ENOMEM;
	memcpy(parent, name, end);
	strlcpy(parent + end, end ? "" : ".", 2); /* "b" alone: the working directory */
	err = kern_path(parent, dir);
	kfree(parent);
	if (!err && !is_dir(*dir))
		err = -ENOTDIR;
	return err;
}
