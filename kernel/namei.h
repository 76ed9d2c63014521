/*
 * Path names (Linux's fs/namei.c): copying one in from user space, and walking it, one
 * component at a time, to the inode it names. A relative path starts at the caller's
 * working directory, or at the directory open on dirfd for the *at() calls; symbolic
 * links on the way are followed (at most MAXSYMLINKS of them), the last one only when
 * asked.
 */
#ifndef KERNEL_NAMEI_H
#define KERNEL_NAMEI_H

#include <kernel/fs.h>
#include <mm/uaccess.h>

#define PATH_MAX    4096 /* bytes in a path name, its NUL included (Linux's limits.h) */
#define MAXSYMLINKS 40   /* links followed in one walk before ELOOP (Linux's) */

/* Walk flags */
#define LOOKUP_FOLLOW 0x1 /* follow a symbolic link in the last component */
#define LOOKUP_EMPTY  0x2 /* the empty path names dirfd itself (AT_EMPTY_PATH) */

/* What a walk to the parent found out about the last component. */
struct last_component {
	char name[NAME_MAX + 1]; /* "" when the path has none ("/") */
	bool trailing_slash;     /* "a/b/": b must be a directory */
};

/*
 * Copy the path name at user address filename into a new PATH_MAX buffer; *name is set
 * to it, to be freed with putname(). Returns 0, -EFAULT, -ENAMETOOLONG (no NUL within
 * PATH_MAX bytes), -ENOENT (the empty path) or -ENOMEM.
 */
long getname(const char __user *filename, char **name);
/* getname(), but the empty path is allowed (for LOOKUP_EMPTY). */
long getname_flags(const char __user *filename, unsigned int flags, char **name);
/* Free what getname() returned. */
void putname(char *name);
/*
 * The inode name leads to from dirfd (AT_FDCWD: the working directory), with a
 * reference for the caller, in *inode. Returns 0, -ENOENT (a component is missing, or
 * name is empty), -ENOTDIR (a component before a '/' is not a directory, or dirfd is
 * not one), -EBADF (dirfd), -ENAMETOOLONG, -ELOOP or -ENOMEM.
 */
int path_lookupat(int dirfd, const char *name, unsigned int flags, struct inode **inode);
/* path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, inode). */
int kern_path(const char *name, struct inode **inode);
/* getname() and path_lookupat() for a user path. */
int user_path_at(int dirfd, const char __user *name, unsigned int flags, struct inode **inode);
/*
 * The directory that holds name's last component, with a reference, in *dir, and that
 * component in *last: what creating or removing name needs. Returns path_lookupat()'s
 * errors for the directory.
 */
int path_parentat(int dirfd, const char *name, struct inode **dir, struct last_component *last);
/*
 * path_parentat() for open(O_CREAT): with LOOKUP_FOLLOW, a last component that is a
 * symbolic link is followed (up to MAXSYMLINKS in all), so *dir and *last name the
 * link's target, which open creates if it is missing, as Linux's open_last_lookups.
 */
int path_create_parentat(int dirfd, const char *name, unsigned int flags, struct inode **dir,
			 struct last_component *last);

#endif
