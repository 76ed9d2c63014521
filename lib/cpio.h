/*
 * A reader for cpio archives in the "newc" format (what `cpio -o -H newc` and Linux's
 * initramfs use): each entry is a 110-byte ASCII header ("070701" and 13 fields of 8 hex
 * digits), the NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes.
 * The archive ends with an entry named "TRAILER!!!".
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <types.h>

struct cpio_entry {
	const char *name;  /* NUL-terminated, inside the archive */
	const void *data;  /* inside the archive */
	u64 size;          /* bytes of data */
	u32 mode;          /* file type and permissions (S_IFREG | 0755, ...) */
	u32 ino;
};

/*
 * Read the entry at *offset of the archive [archive, archive + size) and advance
 * *offset past it. Returns 1 with *e filled, 0 at the trailer, or -EINVAL if the archive
 * is malformed (bad magic or digit, a name or data running past the end), with a reason
 * in *why. Never reads outside the archive.
 */
int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *e,
	      const char **why);

#endif
