/*
 * A reader for the flattened device tree (DTB) that firmware hands the kernel.
 * Format: Devicetree Specification v0.4, chapter 5. All numbers in the blob are
 * big-endian. Nodes are named by their offset in the structure block.
 *
 * fdt_check() walks the whole blob once and rejects anything malformed; the other
 * functions assume a blob that passed it (they still never read outside it).
 */
#ifndef LIB_FDT_H
#define LIB_FDT_H

#include <types.h>

#define FDT_MAGIC 0xd00dfeedu

/* Return 0, or -EINVAL and a reason in *why, for the blob at fdt of at most max_size bytes. */
int fdt_check(const void *fdt, size_t max_size, const char **why);
/* The blob's size in bytes, from its header. */
u32 fdt_totalsize(const void *fdt);

/* Offset of the node at path ("/", "/chosen", "/soc/serial"), or -ENOENT.
 * A path component without '@' matches a node name with any unit address. */
int fdt_path_offset(const void *fdt, const char *path);
/* The next node after node (depth-first) that lists compat; start with node = -1. */
int fdt_find_compatible(const void *fdt, int node, const char *compat);
/* Depth-first successor of node (-1 for the root), or -ENOENT; *depth tracks nesting. */
int fdt_next_node(const void *fdt, int node, int *depth);
/* The parent of node, or -ENOENT for the root. */
int fdt_parent(const void *fdt, int node);
/* The node's name with its unit address ("serial@10000000"). */
const char *fdt_node_name(const void *fdt, int node);

/* The value of property name of node and its length in *len, or NULL. */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *len);
bool fdt_is_compatible(const void *fdt, int node, const char *compat);
/* The index-th (address, size) pair of node's "reg", sized by the parent's cells. */
int fdt_reg(const void *fdt, int node, int index, u64 *addr, u64 *size);
/* A one-cell property as a number, or dflt if absent. */
u32 fdt_getprop_u32(const void *fdt, int node, const char *name, u32 dflt);

/* Entries of the memory reservation block (section 5.3). */
int fdt_num_mem_rsv(const void *fdt);
void fdt_get_mem_rsv(const void *fdt, int index, u64 *addr, u64 *size);

/* Big-endian to CPU order (both our CPUs are little-endian). Written out, because
 * __builtin_bswap32 becomes a libgcc call on riscv64 without Zbb, and we have no libgcc. */
static inline u32 fdt32_to_cpu(u32 be)
{
	return (be >> 24) | ((be >> 8) & 0xff00) | ((be << 8) & 0xff0000) | (be << 24);
}

static inline u64 fdt64_to_cpu(u64 be)
{
	return ((u64)fdt32_to_cpu((u32)be) << 32) | fdt32_to_cpu((u32)(be >> 32));
}

static inline u64 fdt_read_cells(const u32 *cells, int n)
{
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(cells[i]);
	return v;
}

#endif
