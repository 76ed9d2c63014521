/*
 * Linux's user ABI for files and paths beyond open/read/write (include/uapi/linux/fcntl.h,
 * stat.h, fs.h): the *at() flags, the other file types, statx(). The same on riscv64 and
 * x86_64. Included by uapi/abi.h.
 */
#ifndef UAPI_FS_H
#define UAPI_FS_H

/* openat() flags beyond uapi/abi.h's */
#define O_EXCL      0200
#define O_NOFOLLOW  0400000
#define O_PATH      010000000

/* The *at() calls' flags */
#define AT_SYMLINK_NOFOLLOW 0x100  /* newfstatat, statx: do not follow a final link */
#define AT_REMOVEDIR        0x200  /* unlinkat: remove a directory (rmdir) */
#define AT_EACCESS          0x200  /* faccessat2: check with the effective ids */
#define AT_SYMLINK_FOLLOW   0x400  /* linkat: follow a final link */
#define AT_NO_AUTOMOUNT     0x800  /* accepted, nothing here mounts itself */
#define AT_EMPTY_PATH       0x1000 /* "" names dirfd itself */
#define AT_STATX_SYNC_TYPE  0x6000 /* statx: how hard to sync (nothing to sync here) */

/* renameat2() flags */
#define RENAME_NOREPLACE (1 << 0) /* EEXIST rather than replace the target */
#define RENAME_EXCHANGE  (1 << 1) /* swap the two names (not supported: EINVAL) */
#define RENAME_WHITEOUT  (1 << 2) /* overlayfs only (EINVAL) */

/* utimensat(): tv_nsec values that are not times */
#define UTIME_NOW  ((1L << 30) - 1L) /* set to the current time */
#define UTIME_OMIT ((1L << 30) - 2L) /* leave as it is */

/* faccessat() modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* More st_mode file types, and the bits beyond permissions */
#define S_IFLNK  0120000
#define S_IFIFO  0010000
#define S_IFBLK  0060000
#define S_IFSOCK 0140000
#define S_ISUID  04000
#define S_ISGID  02000
#define S_ISVTX  01000

/* More d_type values: Linux's DT_* are the S_IFMT bits shifted right by 12 */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_BLK     6
#define DT_LNK     10
#define DT_SOCK    12

/* statx() */
#define STATX_TYPE        0x0001
#define STATX_MODE        0x0002
#define STATX_NLINK       0x0004
#define STATX_UID         0x0008
#define STATX_GID         0x0010
#define STATX_ATIME       0x0020
#define STATX_MTIME       0x0040
#define STATX_CTIME       0x0080
#define STATX_INO         0x0100
#define STATX_SIZE        0x0200
#define STATX_BLOCKS      0x0400
#define STATX_BASIC_STATS 0x07ff
#define STATX__RESERVED   0x80000000U /* must not be asked for: EINVAL */

struct statx_timestamp {
	long long tv_sec;
	unsigned int tv_nsec;
	int __reserved;
};

struct statx {
	unsigned int stx_mask;        /* what was filled in (STATX_*) */
	unsigned int stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink;
	unsigned int stx_uid;
	unsigned int stx_gid;
	unsigned short stx_mode;
	unsigned short __spare0;
	unsigned long long stx_ino;
	unsigned long long stx_size;
	unsigned long long stx_blocks; /* 512-byte units */
	unsigned long long stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor;
	unsigned int stx_dev_major, stx_dev_minor;
	unsigned long long __spare2[14];
};

_Static_assert(sizeof(struct statx) == 256, "Linux's struct statx is 256 bytes");

#endif
