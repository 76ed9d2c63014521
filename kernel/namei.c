/* Path names: copy in, walk (see namei.h). */
#include <errno.h>
#include <kernel/file.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/task.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <uapi/abi.h>

_Static_assert(PATH_MAX <= KMALLOC_MAX_SIZE, "a path name fits one kmalloc");

#define LOOKUP_PARENT 0x100 /* internal: stop before the last component */

long getname_flags(const char __user *filename, unsigned int flags, char **name)
{
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, filename, PATH_MAX);
	if (len == PATH_MAX)
		len = -ENAMETOOLONG; /* no NUL within PATH_MAX bytes */
	else if (len == 0 && !(flags & LOOKUP_EMPTY))
		len = -ENOENT; /* Linux refuses the empty path unless asked (AT_EMPTY_PATH) */
	if (len < 0) {
		kfree(buf);
		return len;
	}
	*name = buf;
	return 0;
}

long getname(const char __user *filename, char **name)
{
	return getname_flags(filename, 0, name);
}

void putname(char *name)
{
	kfree(name);
}

/* Where a walk of name starts, with a reference: the root, the cwd or dirfd's directory. */
static int start_dir(int dirfd, const char *name, struct inode **start)
{
	struct file *f;

	if (name[0] == '/') {
		*start = iget(fs_root);
		return 0;
	}
	if (dirfd == AT_FDCWD) {
		*start = iget(current->cwd ? current->cwd : fs_root);
		return 0;
	}
	f = fget(dirfd);
	if (!f)
		return -EBADF;
	if (name[0] && !inode_is_dir(f->inode))
		return -ENOTDIR;
	*start = iget(f->inode);
	return 0;
}

/*
 * Replace the part of buf already walked by link's target: buf becomes the target
 * followed by rest (which is inside buf). 0, or the link's error, -ENOENT for an empty
 * target, -ENAMETOOLONG, -ENOMEM.
 */
static int expand_link(struct inode *link, char *buf, const char *rest)
{
	char *target = kmalloc(PATH_MAX);
	size_t rest_len = strlen(rest);
	long n;

	if (!target)
		return -ENOMEM;
	n = inode_get_link(link, target, PATH_MAX);
	if (n == 0)
		n = -ENOENT;
	else if (n > 0 && (size_t)n + rest_len + 1 > PATH_MAX)
		n = -ENAMETOOLONG;
	if (n > 0) {
		memcpy(target + n, rest, rest_len + 1);
		memcpy(buf, target, (size_t)n + rest_len + 1);
	}
	kfree(target);
	return n < 0 ? (int)n : 0;
}

/*
 * Walk buf (a PATH_MAX buffer, rewritten as links are followed) from start (whose
 * reference it takes over). With LOOKUP_PARENT it stops at the last component, which it
 * copies to *last. On success *out holds a reference.
 */
static int walk(struct inode *start, char *buf, unsigned int flags, struct inode **out,
		struct last_component *last)
{
	struct inode *at = start, *next;
	char *p = buf;
	int links = 0, err;

	for (;;) {
		char *end, *rest;
		size_t len;
		bool is_last;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		for (end = p; *end && *end != '/'; end++)
			;
		for (rest = end; *rest == '/'; rest++)
			;
		len = (size_t)(end - p);
		is_last = !*rest;
		err = !inode_is_dir(at) ? -ENOTDIR : len > NAME_MAX ? -ENAMETOOLONG : 0;
		if (err)
			goto fail; /* "file/name", or a component too long */
		if ((flags & LOOKUP_PARENT) && is_last) {
			/* With LOOKUP_FOLLOW a last link is followed: its target is the last. */
			next = (flags & LOOKUP_FOLLOW) && rest == end ? lookup_one(at, p, len) : NULL;
			if (!next || !inode_is_link(next)) {
				if (next)
					iput(next);
				memcpy(last->name, p, len);
				last->name[len] = '\0';
				last->trailing_slash = rest != end;
				*out = at;
				return 0;
			}
		} else if (len == 1 && p[0] == '.') {
			p = end;
			continue;
		} else {
			next = len == 2 && p[0] == '.' && p[1] == '.' ? iget(at->parent) :
			       lookup_one(at, p, len);
			if (!next) {
				err = -ENOENT;
				goto fail;
			}
		}
		if (inode_is_link(next) && (!is_last || (flags & LOOKUP_FOLLOW) || rest != end)) {
			err = ++links > MAXSYMLINKS ? -ELOOP : expand_link(next, buf, end);
			iput(next);
			if (err)
				goto fail;
			if (buf[0] == '/') { /* an absolute target starts again at the root */
				iput(at);
				at = iget(fs_root);
			}
			p = buf;
			continue;
		}
		iput(at);
		at = next;
		p = end;
		cond_resched(); /* up to 2048 components, each a search of a directory */
	}
	if (flags & LOOKUP_PARENT) { /* nothing after the last '/': "/" or "" */
		last->name[0] = '\0';
		last->trailing_slash = false;
	} else if (p > buf && p[-1] == '/' && !inode_is_dir(at)) {
		err = -ENOTDIR; /* "file/" asks for a directory, as in Linux */
		goto fail;
	}
	*out = at;
	return 0;
fail:
	iput(at);
	return err;
}

/* Copy name into a PATH_MAX buffer and walk it from dirfd. */
static int do_walk(int dirfd, const char *name, unsigned int flags, struct inode **out,
		   struct last_component *last)
{
	struct inode *start;
	char *buf;
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = start_dir(dirfd, name, &start);
	if (err)
		return err;
	buf = kmalloc(PATH_MAX);
	if (!buf) {
		iput(start);
		return -ENOMEM;
	}
	strlcpy(buf, name, PATH_MAX);
	err = walk(start, buf, flags, out, last);
	kfree(buf);
	return err;
}

int path_lookupat(int dirfd, const char *name, unsigned int flags, struct inode **inode)
{
	return do_walk(dirfd, name, flags, inode, NULL);
}

int kern_path(const char *name, struct inode **inode)
{
	return path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, inode);
}

int user_path_at(int dirfd, const char __user *uname, unsigned int flags, struct inode **inode)
{
	char *name;
	int err = (int)getname_flags(uname, flags, &name);

	if (err)
		return err;
	err = path_lookupat(dirfd, name, flags, inode);
	putname(name);
	return err;
}

int path_parentat(int dirfd, const char *name, struct inode **dir, struct last_component *last)
{
	return do_walk(dirfd, name, LOOKUP_PARENT, dir, last);
}

int path_create_parentat(int dirfd, const char *name, unsigned int flags, struct inode **dir,
			 struct last_component *last)
{
	return do_walk(dirfd, name, LOOKUP_PARENT | (flags & LOOKUP_FOLLOW), dir, last);
}
