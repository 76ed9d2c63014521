/* cpio "newc" reader (see cpio.h). */
#include <errno.h>
#include <lib/cpio.h>
#include <lib/string.h>

#define HEADER_SIZE 110
#define FIELD(n) (6 + 8 * (n)) /* offset of the n-th 8-digit field */
#define F_INO      0
#define F_MODE     1
#define F_FILESIZE 6
#define F_NAMESIZE 11

/* Parse 8 hex digits; false if one is not a hex digit. */
static bool hex8(const char *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = (u32)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (u32)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (u32)(c - 'A' + 10);
		else
			return false;
		v = (v << 4) | d;
	}
	*out = v;
	return true;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_next(const void *archive, size_t size, size_t *offset, struct cpio_entry *e,
	      const char **why)
{
	const char *base = archive, *h = base + *offset;
	u32 ino, mode, filesize, namesize;
	size_t name_off, data_off, end;

	if (*offset > size || size - *offset < HEADER_SIZE) {
		*why = "entry header past the end of the archive";
		return -EINVAL;
	}
	if (memcmp(h, "070701", 6) != 0) {
		*why = "bad magic (not a newc cpio archive)";
		return -EINVAL;
	}
	if (!hex8(h + FIELD(F_INO), &ino) || !hex8(h + FIELD(F_MODE), &mode) ||
	    !hex8(h + FIELD(F_FILESIZE), &filesize) || !hex8(h + FIELD(F_NAMESIZE), &namesize)) {
		*why = "a header field is not hexadecimal";
		return -EINVAL;
	}
	name_off = *offset + HEADER_SIZE;
	if (namesize == 0 || namesize > size - name_off || base[name_off + namesize - 1] != '\0') {
		*why = "name runs past the end or is not terminated";
		return -EINVAL;
	}
	data_off = align4(name_off + namesize);
	if (data_off > size || filesize > size - data_off) {
		*why = "file data runs past the end of the archive";
		return -EINVAL;
	}
	end = align4(data_off + filesize);
	e->name = base + name_off;
	e->data = base + data_off;
	e->size = filesize;
	e->mode = mode;
	e->ino = ino;
	*offset = end < size ? end : size;
	return strcmp(e->name, "TRAILER!!!") == 0 ? 0 : 1;
}
