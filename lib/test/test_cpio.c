/* lib/cpio.c on archives made by Debian's cpio, and on every corruption of one. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <lib/cpio.h>
#include "htest.h"

/* Build a newc archive with the real cpio tool from two files; returns it malloc'd. */
static uint8_t *make_archive(size_t *size)
{
	char cmd[512];
	FILE *f;
	uint8_t *buf = malloc(1 << 16);

	system("rm -rf /tmp/fl-cpio && mkdir -p /tmp/fl-cpio/dir && "
	       "printf 'hello, cpio\\n' > /tmp/fl-cpio/a.txt && "
	       "head -c 5000 /dev/zero | tr '\\0' 'z' > /tmp/fl-cpio/dir/b.bin");
	snprintf(cmd, sizeof(cmd),
		 "cd /tmp/fl-cpio && printf 'a.txt\\ndir\\ndir/b.bin\\n' | cpio -o -H newc 2>/dev/null");
	f = popen(cmd, "r");
	*size = f ? fread(buf, 1, 1 << 16, f) : 0;
	if (f)
		pclose(f);
	return buf;
}

HTEST(cpio_reads_real_archive)
{
	size_t size, off = 0;
	uint8_t *ar = make_archive(&size);
	struct cpio_entry e;
	const char *why = NULL;

	HEXPECT(size > 0); /* needs Debian's cpio, which `make deps` installs */
	HEXPECT_EQ(cpio_next(ar, size, &off, &e, &why), 1);
	HEXPECT_STREQ(e.name, "a.txt");
	HEXPECT_EQ(e.size, 12);
	HEXPECT_EQ(memcmp(e.data, "hello, cpio\n", 12), 0);
	HEXPECT_EQ(e.mode & 0170000, 0100000); /* a regular file */
	HEXPECT_EQ(cpio_next(ar, size, &off, &e, &why), 1);
	HEXPECT_STREQ(e.name, "dir");
	HEXPECT_EQ(e.mode & 0170000, 0040000); /* a directory */
	HEXPECT_EQ(cpio_next(ar, size, &off, &e, &why), 1);
	HEXPECT_STREQ(e.name, "dir/b.bin");
	HEXPECT_EQ(e.size, 5000);
	HEXPECT_EQ(((const uint8_t *)e.data)[4999], 'z');
	HEXPECT_EQ(cpio_next(ar, size, &off, &e, &why), 0); /* the trailer */
	free(ar);
}

HTEST(cpio_corrupt_archives_stay_in_bounds)
{
	size_t size;
	uint8_t *good = make_archive(&size);
	int rejected = 0, entries = 0;
	unsigned sink = 0;

	/* Truncate everywhere and corrupt every byte of the first 1 KiB; ASan watches. */
	for (size_t n = 0; n < size; n += (n < 600 ? 1 : 97)) {
		uint8_t *cut = malloc(n ? n : 1);
		size_t off = 0;
		struct cpio_entry e;
		const char *why;
		int r;

		memcpy(cut, good, n);
		while ((r = cpio_next(cut, n, &off, &e, &why)) == 1)
			entries++;
		rejected += r < 0;
		free(cut);
	}
	for (size_t i = 0; i < 1024 && i < size; i++) {
		uint8_t *bad = malloc(size);
		size_t off = 0;
		struct cpio_entry e;
		const char *why;
		int r, guard = 0;

		memcpy(bad, good, size);
		bad[i] ^= 0x5a;
		while ((r = cpio_next(bad, size, &off, &e, &why)) == 1 && guard++ < 100) {
			if (e.size) /* read the last data byte: ASan objects if it is outside */
				sink += ((const volatile uint8_t *)e.data)[e.size - 1];
			entries++;
		}
		rejected += r < 0;
		free(bad);
	}
	HEXPECT(rejected > 100);
	HEXPECT(entries > 0);
	(void)sink;
	free(good);
}
