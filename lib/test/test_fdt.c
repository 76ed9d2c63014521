/*
 * lib/fdt.c on blobs built here (so every edge is known), on every one-byte corruption
 * and truncation of them (ASan catches any read outside the blob), and on the real
 * device tree of QEMU's virt machine (path in $FDT_BLOB, dumped by the test runner).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <lib/fdt.h>
#include "htest.h"

/* A tiny DTB writer: big-endian words into a structure block and a strings block. */
struct builder {
	uint32_t st[1024];
	size_t nst;
	char strings[512];
	size_t nstr;
};

static uint32_t be(uint32_t v)
{
	return __builtin_bswap32(v);
}

static void word(struct builder *b, uint32_t v)
{
	b->st[b->nst++] = be(v);
}

static void bytes(struct builder *b, const void *p, size_t n)
{
	size_t words = (n + 3) / 4;

	memset(&b->st[b->nst], 0, words * 4);
	memcpy(&b->st[b->nst], p, n);
	b->nst += words;
}

static void begin(struct builder *b, const char *name)
{
	word(b, 1);
	bytes(b, name, strlen(name) + 1);
}

static void end(struct builder *b)
{
	word(b, 2);
}

static void prop(struct builder *b, const char *name, const void *val, size_t len)
{
	size_t off = b->nstr;

	memcpy(b->strings + b->nstr, name, strlen(name) + 1);
	b->nstr += strlen(name) + 1;
	word(b, 3);
	word(b, (uint32_t)len);
	word(b, (uint32_t)off);
	bytes(b, val, len);
}

static void prop_cells(struct builder *b, const char *name, int n, const uint32_t *cells)
{
	uint32_t tmp[8];

	for (int i = 0; i < n; i++)
		tmp[i] = be(cells[i]);
	prop(b, name, tmp, (size_t)n * 4);
}

static void prop_str(struct builder *b, const char *name, const char *s, size_t len)
{
	prop(b, name, s, len);
}

/* Assemble header + reservation block + structure + strings into a malloc'd blob. */
static uint8_t *finish(struct builder *b, size_t *size)
{
	size_t off_rsv = 40, off_st = off_rsv + 32, off_str = off_st + b->nst * 4;
	size_t total = off_str + b->nstr;
	uint8_t *blob = calloc(1, total);
	uint32_t hdr[10] = { be(FDT_MAGIC), be((uint32_t)total), be((uint32_t)off_st),
			     be((uint32_t)off_str), be((uint32_t)off_rsv), be(17), be(16), 0,
			     be((uint32_t)b->nstr), be((uint32_t)(b->nst * 4)) };
	uint64_t rsv[4] = { __builtin_bswap64(0x80000000), __builtin_bswap64(0x80000), 0, 0 };

	memcpy(blob, hdr, sizeof(hdr));
	memcpy(blob + off_rsv, rsv, sizeof(rsv));
	memcpy(blob + off_st, b->st, b->nst * 4);
	memcpy(blob + off_str, b->strings, b->nstr);
	*size = total;
	return blob;
}

static uint8_t *build_board(size_t *size)
{
	static struct builder b;
	static const uint32_t two[] = { 2 }, one[] = { 1 };

	memset(&b, 0, sizeof(b));
	begin(&b, "");
	prop_cells(&b, "#address-cells", 1, two);
	prop_cells(&b, "#size-cells", 1, two);
	prop_str(&b, "compatible", "test,board\0test,generic", 24);
	begin(&b, "memory@80000000");
	prop_str(&b, "device_type", "memory", 7);
	prop_cells(&b, "reg", 4, (const uint32_t[]){ 0, 0x80000000, 0, 0x8000000 });
	end(&b);
	begin(&b, "chosen");
	prop_str(&b, "bootargs", "ktest=all x=1", 14);
	prop_cells(&b, "linux,initrd-start", 1, (const uint32_t[]){ 0x84000000 });
	prop_cells(&b, "linux,initrd-end", 2, (const uint32_t[]){ 0, 0x84100000 });
	end(&b);
	begin(&b, "soc");
	prop_cells(&b, "#address-cells", 1, one);
	prop_cells(&b, "#size-cells", 1, one);
	word(&b, 4); /* a NOP token, which readers must skip */
	begin(&b, "serial@10000000");
	prop_str(&b, "compatible", "ns16550a", 9);
	prop_cells(&b, "reg", 2, (const uint32_t[]){ 0x10000000, 0x100 });
	end(&b);
	begin(&b, "serial@10001000");
	prop_str(&b, "compatible", "vendor,uart\0ns16550a", 21);
	prop_cells(&b, "reg", 4, (const uint32_t[]){ 0x10001000, 0x100, 0x10002000, 0x10 });
	end(&b);
	end(&b);
	end(&b);
	word(&b, 9);
	return finish(&b, size);
}

HTEST(fdt_lookup_built_tree)
{
	size_t size;
	uint8_t *fdt = build_board(&size);
	const char *why = "";
	int soc, s0, s1, len;
	uint64_t addr, sz;

	HEXPECT_EQ(fdt_check(fdt, size, &why), 0);
	HEXPECT_EQ(fdt_path_offset(fdt, "/"), 0);
	HEXPECT(fdt_path_offset(fdt, "/memory") > 0);
	HEXPECT_EQ(fdt_path_offset(fdt, "/memory"), fdt_path_offset(fdt, "/memory@80000000"));
	HEXPECT_EQ(fdt_path_offset(fdt, "/memory@8"), -ENOENT); /* unit addresses match whole */
	HEXPECT_EQ(fdt_path_offset(fdt, "/soc/nothing"), -ENOENT);
	HEXPECT_EQ(fdt_path_offset(fdt, "/serial"), -ENOENT); /* only direct children */
	soc = fdt_path_offset(fdt, "/soc");
	s0 = fdt_path_offset(fdt, "/soc/serial");
	s1 = fdt_path_offset(fdt, "/soc/serial@10001000");
	HEXPECT(soc > 0 && s0 > soc && s1 > s0);
	HEXPECT_STREQ(fdt_node_name(fdt, s1), "serial@10001000");
	HEXPECT_EQ(fdt_parent(fdt, s1), soc);
	HEXPECT_EQ(fdt_parent(fdt, soc), 0);

	/* reg is sized by the parent's cells: 2+2 at the root, 1+1 under /soc. */
	HEXPECT_EQ(fdt_reg(fdt, fdt_path_offset(fdt, "/memory"), 0, &addr, &sz), 0);
	HEXPECT_EQ(addr, 0x80000000);
	HEXPECT_EQ(sz, 0x8000000);
	HEXPECT_EQ(fdt_reg(fdt, s1, 1, &addr, &sz), 0);
	HEXPECT_EQ(addr, 0x10002000);
	HEXPECT_EQ(sz, 0x10);
	HEXPECT_EQ(fdt_reg(fdt, s1, 2, &addr, &sz), -ENOENT);

	HEXPECT_EQ(fdt_find_compatible(fdt, -1, "ns16550a"), s0);
	HEXPECT_EQ(fdt_find_compatible(fdt, s0, "ns16550a"), s1);
	HEXPECT_EQ(fdt_find_compatible(fdt, s1, "ns16550a"), -ENOENT);
	HEXPECT(fdt_is_compatible(fdt, 0, "test,generic"));
	HEXPECT(!fdt_is_compatible(fdt, 0, "test"));

	HEXPECT_STREQ(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "bootargs", &len),
		      "ktest=all x=1");
	HEXPECT_EQ(len, 14);
	HEXPECT(fdt_getprop(fdt, soc, "reg", &len) == NULL);
	HEXPECT_EQ(fdt_getprop_u32(fdt, soc, "#size-cells", 7), 1);
	HEXPECT_EQ(fdt_getprop_u32(fdt, soc, "absent", 7), 7);

	HEXPECT_EQ(fdt_num_mem_rsv(fdt), 1);
	fdt_get_mem_rsv(fdt, 0, &addr, &sz);
	HEXPECT_EQ(addr, 0x80000000);
	HEXPECT_EQ(sz, 0x80000);
	free(fdt);
}

HTEST(fdt_next_node_depths)
{
	size_t size;
	uint8_t *fdt = build_board(&size);
	int depth = 0, node = -1, n = 0, depths[8] = { 0 };

	while ((node = fdt_next_node(fdt, node, &depth)) >= 0 && n < 8)
		depths[n++] = depth;
	/* /, memory, chosen, soc, serial, serial */
	HEXPECT_EQ(n, 6);
	HEXPECT_EQ(depths[0], 1);
	HEXPECT_EQ(depths[1], 2);
	HEXPECT_EQ(depths[2], 2);
	HEXPECT_EQ(depths[3], 2);
	HEXPECT_EQ(depths[4], 3);
	HEXPECT_EQ(depths[5], 3);
	free(fdt);
}

/* Use every accessor on a blob that passed fdt_check: must stay inside it. */
static void exercise(const uint8_t *fdt)
{
	int node = -1, depth = 0, len;
	uint64_t a, s;

	while ((node = fdt_next_node(fdt, node, &depth)) >= 0) {
		(void)fdt_node_name(fdt, node);
		(void)fdt_getprop(fdt, node, "compatible", &len);
		(void)fdt_is_compatible(fdt, node, "ns16550a");
		(void)fdt_reg(fdt, node, 0, &a, &s);
		(void)fdt_parent(fdt, node);
	}
	(void)fdt_path_offset(fdt, "/soc/serial@10001000");
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++)
		fdt_get_mem_rsv(fdt, i, &a, &s);
}

HTEST(fdt_corrupt_blobs_stay_in_bounds)
{
	size_t size;
	uint8_t *good = build_board(&size);
	int accepted = 0, rejected = 0;

	for (size_t i = 0; i < size; i++) {
		static const uint8_t flips[] = { 0x01, 0x80, 0xff };

		for (size_t f = 0; f < sizeof(flips); f++) {
			/* An exact-size heap copy, so ASan sees a read one past the end. */
			uint8_t *bad = malloc(size);
			const char *why = NULL;

			memcpy(bad, good, size);
			bad[i] ^= flips[f];
			if (fdt_check(bad, size, &why) == 0) {
				exercise(bad);
				accepted++;
			} else {
				HEXPECT(why != NULL);
				rejected++;
			}
			free(bad);
		}
	}
	/* Truncations: a blob cut short must be refused. */
	for (size_t n = 0; n < size; n++) {
		uint8_t *cut = malloc(n ? n : 1);

		memcpy(cut, good, n);
		HEXPECT_EQ(fdt_check(n ? cut : NULL, n, NULL), -EINVAL);
		free(cut);
	}
	HEXPECT(rejected > 0 && accepted > 0); /* both paths really ran */
	free(good);
}

HTEST(fdt_qemu_virt_blob)
{
	const char *path = getenv("FDT_BLOB");
	FILE *f = path ? fopen(path, "rb") : NULL;
	static uint8_t blob[1 << 20];
	size_t n;
	int node;
	uint64_t addr, size;

	HEXPECT(f != NULL); /* the runner dumps QEMU's device tree and sets FDT_BLOB */
	if (!f)
		return;
	n = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	HEXPECT_EQ(fdt_check(blob, n, NULL), 0);
	node = fdt_path_offset(blob, "/memory");
	HEXPECT(node > 0);
	HEXPECT_EQ(fdt_reg(blob, node, 0, &addr, &size), 0);
	HEXPECT_EQ(addr, 0x80000000);
	HEXPECT_EQ(size, 128u << 20); /* the runner dumps it with -m 128M */
	node = fdt_find_compatible(blob, -1, "ns16550a");
	HEXPECT_EQ(fdt_reg(blob, node, 0, &addr, &size), 0);
	HEXPECT_EQ(addr, 0x10000000);
	HEXPECT(fdt_find_compatible(blob, -1, "sifive,test0") > 0);
	HEXPECT_EQ(fdt_getprop_u32(blob, fdt_path_offset(blob, "/cpus"), "timebase-frequency", 0),
		   10000000);
}
