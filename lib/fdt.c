/* Flattened device tree reader: see fdt.h for the contract. */
#include <compiler.h>
#include <errno.h>
#include <lib/fdt.h>
#include <lib/string.h>

/* Header of a DTB (Devicetree Specification, 5.2). Every field is big-endian. */
struct fdt_header {
	u32 magic;             /* 0xd00dfeed */
	u32 totalsize;         /* size of the whole blob */
	u32 off_dt_struct;     /* offset of the structure block */
	u32 off_dt_strings;    /* offset of the strings block (property names) */
	u32 off_mem_rsvmap;    /* offset of the memory reservation block */
	u32 version;           /* 17 today; we need at least 16 */
	u32 last_comp_version;
	u32 boot_cpuid_phys;
	u32 size_dt_strings;
	u32 size_dt_struct;
};

/* Structure block tokens (5.4.1). */
#define FDT_BEGIN_NODE 1 /* followed by the NUL-terminated node name, padded to 4 */
#define FDT_END_NODE   2
#define FDT_PROP       3 /* followed by u32 len, u32 nameoff, then len bytes, padded */
#define FDT_NOP        4
#define FDT_END        9

static u32 hdr(const void *fdt, size_t field)
{
	return fdt32_to_cpu(((const u32 *)fdt)[field / 4]);
}

#define HDR(fdt, f) hdr(fdt, __builtin_offsetof(struct fdt_header, f))

u32 fdt_totalsize(const void *fdt)
{
	return HDR(fdt, totalsize);
}

static const u8 *struct_base(const void *fdt)
{
	return (const u8 *)fdt + HDR(fdt, off_dt_struct);
}

static u32 struct_size(const void *fdt)
{
	return HDR(fdt, size_dt_struct);
}

static u32 token_at(const void *fdt, int off)
{
	if (off < 0 || (u32)off + 4 > struct_size(fdt))
		return FDT_END;
	return fdt32_to_cpu(*(const u32 *)(struct_base(fdt) + off));
}

/*
 * Offset of the token after the one at off, or -EINVAL if it would leave the block.
 * Works for every token kind; this is the one place that knows their sizes.
 */
static int next_token(const void *fdt, int off)
{
	const u8 *base = struct_base(fdt);
	u32 size = struct_size(fdt), tok = token_at(fdt, off);
	u32 pos = (u32)off + 4;

	switch (tok) {
	case FDT_BEGIN_NODE: {
		u32 n = (u32)strnlen((const char *)base + pos, size - pos);

		if (pos + n >= size)
			return -EINVAL; /* name not terminated inside the block */
		pos += n + 1;
		break;
	}
	case FDT_PROP: {
		u32 len;

		if (pos + 8 > size)
			return -EINVAL;
		len = fdt32_to_cpu(*(const u32 *)(base + pos));
		if (len > size - pos - 8)
			return -EINVAL;
		pos += 8 + len;
		break;
	}
	case FDT_END_NODE:
	case FDT_NOP:
		break;
	default:
		return -EINVAL;
	}
	pos = (pos + 3) & ~3u;
	return pos <= size ? (int)pos : -EINVAL;
}

/* The header's sizes and offsets: NULL if they fit in max_size, else the reason. */
static const char *check_header(const void *fdt, size_t max_size)
{
	u32 total, ostruct, sstruct, ostr, sstr, orsv;

	if (max_size < sizeof(struct fdt_header) || HDR(fdt, magic) != FDT_MAGIC)
		return "bad magic (not a device tree blob)";
	total = HDR(fdt, totalsize);
	ostruct = HDR(fdt, off_dt_struct);
	sstruct = HDR(fdt, size_dt_struct);
	ostr = HDR(fdt, off_dt_strings);
	sstr = HDR(fdt, size_dt_strings);
	orsv = HDR(fdt, off_mem_rsvmap);
	if (total > max_size || total < sizeof(struct fdt_header))
		return "totalsize out of range";
	if (HDR(fdt, version) < 16 || HDR(fdt, last_comp_version) > 17)
		return "unsupported version";
	if (ostruct > total || sstruct > total - ostruct || (ostruct & 3) ||
	    ostr > total || sstr > total - ostr || orsv > total - 16 || (orsv & 7))
		return "block offsets outside the blob";
	return NULL;
}

/* Walk every token: nodes must nest and properties name real strings. NULL if fine. */
static const char *check_structure(const void *fdt)
{
	u32 sstruct = HDR(fdt, size_dt_struct), sstr = HDR(fdt, size_dt_strings);
	const char *strings = (const char *)fdt + HDR(fdt, off_dt_strings);
	int off, depth = 0;

	for (off = 0;;) {
		u32 tok = token_at(fdt, off);

		if (tok == FDT_END)
			break;
		if (tok == FDT_BEGIN_NODE)
			depth++;
		else if (tok == FDT_END_NODE && --depth < 0)
			break;
		else if (tok == FDT_PROP && (u32)off + 12 <= sstruct) {
			u32 nameoff = fdt32_to_cpu(*(const u32 *)(struct_base(fdt) + off + 8));

			if (nameoff >= sstr || strnlen(strings + nameoff, sstr - nameoff) == sstr - nameoff)
				return "property name outside the strings block";
		}
		off = next_token(fdt, off);
		if (off < 0)
			return "malformed structure block";
	}
	if (depth != 0 || token_at(fdt, 0) != FDT_BEGIN_NODE)
		return "unbalanced nodes";
	return NULL;
}

int fdt_check(const void *fdt, size_t max_size, const char **why)
{
	const char *reason = !fdt ? "no device tree pointer" : check_header(fdt, max_size);

	if (!reason)
		reason = check_structure(fdt);
	if (reason && why)
		*why = reason;
	return reason ? -EINVAL : 0;
}

/* Skip NOPs and properties: the offset of the next BEGIN_NODE/END_NODE/END at or after off. */
static int skip_props(const void *fdt, int off)
{
	while (off >= 0) {
		u32 tok = token_at(fdt, off);

		if (tok != FDT_PROP && tok != FDT_NOP)
			return off;
		off = next_token(fdt, off);
	}
	return off;
}

int fdt_next_node(const void *fdt, int node, int *depth)
{
	int off = 0;

	if (node >= 0) {
		off = next_token(fdt, node); /* past our BEGIN_NODE */
		for (;;) {
			off = skip_props(fdt, off);
			if (off < 0 || token_at(fdt, off) != FDT_END_NODE)
				break;
			if (depth)
				(*depth)--;
			off = next_token(fdt, off);
		}
	}
	if (off < 0 || token_at(fdt, off) != FDT_BEGIN_NODE)
		return -ENOENT;
	if (depth)
		(*depth)++;
	return off;
}

const char *fdt_node_name(const void *fdt, int node)
{
	return (const char *)struct_base(fdt) + node + 4;
}

int fdt_parent(const void *fdt, int node)
{
	int stack[16], depth = 0, off = -1;

	/* Walk from the root, remembering the last node seen at each depth. */
	for (;;) {
		int d = depth;

		off = fdt_next_node(fdt, off, &d);
		if (off < 0 || d > (int)ARRAY_SIZE(stack))
			return -ENOENT;
		depth = d;
		stack[depth - 1] = off;
		if (off == node)
			return depth >= 2 ? stack[depth - 2] : -ENOENT;
	}
}

/* Does node name match the path component comp of length len? "serial" matches
 * "serial@10000000"; "serial@10000000" must match exactly. */
static bool name_matches(const char *name, const char *comp, size_t len)
{
	bool comp_has_unit = false;

	for (size_t i = 0; i < len; i++)
		if (comp[i] == '@')
			comp_has_unit = true;
	if (strncmp(name, comp, len) != 0)
		return false;
	return name[len] == '\0' || (name[len] == '@' && !comp_has_unit);
}

int fdt_path_offset(const void *fdt, const char *path)
{
	int node = 0, depth = 1; /* the root is the first node, at offset 0 */

	if (path[0] != '/')
		return -EINVAL;
	for (const char *p = path + 1; *p;) {
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		int want = depth + 1, off = node, d = depth;

		/* Look through node's subtree for a direct child with that name. */
		for (;;) {
			off = fdt_next_node(fdt, off, &d);
			if (off < 0 || d <= depth)
				return -ENOENT;
			if (d == want && name_matches(fdt_node_name(fdt, off), p, len))
				break;
		}
		node = off;
		depth = want;
		p += len;
		if (*p == '/')
			p++;
	}
	return node;
}

const void *fdt_getprop(const void *fdt, int node, const char *name, int *len)
{
	const char *strings = (const char *)fdt + HDR(fdt, off_dt_strings);
	int off;

	if (node < 0 || token_at(fdt, node) != FDT_BEGIN_NODE)
		return NULL;
	for (off = next_token(fdt, node); off >= 0; off = next_token(fdt, off)) {
		u32 tok = token_at(fdt, off);
		const u32 *p = (const u32 *)(struct_base(fdt) + off);

		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			break; /* properties come before child nodes */
		if (strcmp(strings + fdt32_to_cpu(p[2]), name) == 0) {
			if (len)
				*len = (int)fdt32_to_cpu(p[1]);
			return p + 3;
		}
	}
	return NULL;
}

bool fdt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *list = fdt_getprop(fdt, node, "compatible", &len);

	/* "compatible" is a list of NUL-terminated strings, most specific first. */
	for (int pos = 0; list && pos < len;) {
		size_t n = strnlen(list + pos, (size_t)(len - pos));

		if (n == strlen(compat) && strncmp(list + pos, compat, n) == 0)
			return true;
		pos += (int)n + 1;
	}
	return false;
}

int fdt_find_compatible(const void *fdt, int node, const char *compat)
{
	for (;;) {
		node = fdt_next_node(fdt, node, NULL);
		if (node < 0 || fdt_is_compatible(fdt, node, compat))
			return node;
	}
}

u32 fdt_getprop_u32(const void *fdt, int node, const char *name, u32 dflt)
{
	int len;
	const u32 *v = fdt_getprop(fdt, node, name, &len);

	return v && len >= 4 ? fdt32_to_cpu(*v) : dflt;
}

int fdt_reg(const void *fdt, int node, int index, u64 *addr, u64 *size)
{
	int parent = fdt_parent(fdt, node), len;
	/* A node's reg is sized by its parent's cells; 2 and 1 are the spec's defaults. */
	u32 ac = fdt_getprop_u32(fdt, parent < 0 ? 0 : parent, "#address-cells", 2);
	u32 sc = fdt_getprop_u32(fdt, parent < 0 ? 0 : parent, "#size-cells", 1);
	const u32 *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || ac > 2 || sc > 2 || index < 0 ||
	    (u32)(index + 1) * (ac + sc) * 4 > (u32)len)
		return -ENOENT;
	reg += (u32)index * (ac + sc);
	*addr = fdt_read_cells(reg, (int)ac);
	*size = fdt_read_cells(reg + ac, (int)sc);
	return 0;
}

int fdt_num_mem_rsv(const void *fdt)
{
	const u64 *rsv = (const u64 *)((const u8 *)fdt + HDR(fdt, off_mem_rsvmap));
	u32 max = (HDR(fdt, totalsize) - HDR(fdt, off_mem_rsvmap)) / 16;
	u32 n = 0;

	/* The block ends with an entry whose address and size are both zero. */
	while (n < max && (rsv[2 * n] || rsv[2 * n + 1]))
		n++;
	return (int)n;
}

void fdt_get_mem_rsv(const void *fdt, int index, u64 *addr, u64 *size)
{
	const u64 *rsv = (const u64 *)((const u8 *)fdt + HDR(fdt, off_mem_rsvmap));

	*addr = fdt64_to_cpu(rsv[2 * index]);
	*size = fdt64_to_cpu(rsv[2 * index + 1]);
}
