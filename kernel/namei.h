/*
 * Path names (Linux's fs/namei.c): copying one in from user space, and walking it, one
 * component at a time, to the inode it names. Every directory's parent is known and the
 * working directory is always "/", so a relative path is walked from the root as well.
 */
#ifndef KERNEL_NAMEI_H
#define KERNEL_NAMEI_H

#include <mm/uaccess.h>

#define PATH_MAX 4096 /* bytes in a path name, its NUL included (Linux's limits.h) */
#define NAME_MAX 255  /* bytes in one component of a path name */

struct inode;

/*
 * Copy the path name at user address filename into a new PATH_MAX buffer; *name is set
 * to it, to be freed with putname(). Returns 0, -EFAULT, -ENAMETOOLONG (no NUL within
 * PATH_MAX bytes), -ENOENT (the empty path) or -ENOMEM.
 */
long getname(const char __user *filename, char **name);
/* Free what getname() returned. */
void putname(char *name);
/*
 * The inode that the kernel string name leads to, in *inode. Returns 0, -ENOENT (a
 * component is missing, or name is empty), -ENOTDIR (a component before a '/' is not a
 * directory) or -ENAMETOOLONG (a component longer than NAME_MAX).
 */
int kern_path(const char *name, struct inode **inode);
/*
 * The directory that would hold name's last component ("/a/b" -> "/a", "b" -> the
 * working directory), in *dir: what creating name needs. Returns 0, kern_path()'s
 * errors for the directory, -ENOTDIR if it is not one, or -ENOMEM.
 */
int kern_path_parent(const char *name, struct inode **dir);

#endif
