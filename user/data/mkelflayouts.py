#!/usr/bin/env python3
"""Generate the initrd's ELF layout cases (run by user/user.mk at build time).

    mkelflayouts.py TARGET OUTDIR

TARGET is /tests/elf_layout_target (user/harness/elf_layout_target.c). For each case in
CASES below, OUTDIR/<case> (mode 755) is TARGET with extra PT_LOAD segments appended at
LAYOUT_BASE above the program, laid out as the case says, and a table of checks that
the program runs on itself (user/tests/exec_segment_layouts.c execs each case and
expects exit 77). The segments' file bytes are file_byte(address) (never zero), so a
check tells the file's bytes from zeros.

The expected outcome of each case is what Linux's loader makes of the layout
(fs/binfmt_elf.c, elf_load() since 6.7): PT_LOAD segments are mapped in table order;
each maps the file pages holding its file bytes with its own permissions, replacing what
was there; if p_memsz > p_filesz it zeroes the rest of its last file page when it is
writable (padzero; a read-only one keeps the file's bytes there), then maps anonymous
zero pages, readable and writable whatever its p_flags, from the next page (from its
first page if it has no file bytes) to its end, again replacing what was there. The
same files run on Linux through difftest, which checks these expectations there.

Deterministic: the same TARGET gives the same files, byte for byte.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mkdata import (E_PHNUM, E_PHOFF, PAGE, PF_R, PF_W, PHDR_SIZE, PT_LOAD, append_page,  # noqa: E402
                    image_base, loads, phdr, put16, put64, u16, u64)

PT_LAYOUT_CHECKS = 0x6C61796F  # as in elf_layout_target.c
CHECK_FILE_BYTES, CHECK_ZERO, CHECK_WRITABLE, CHECK_READ_ONLY = 1, 2, 3, 4
LAYOUT_OFFSET = 0x1000000  # the cases' segments start this far above the program's base
TABLE_SPACE = 16 * PAGE    # room for the program headers and the checks


def file_byte(addr):
    """The byte at addr in a case's file bytes: the same rule as elf_layout_target.c."""
    return (addr * 7 + 0x5A) % 255 + 1


def seg(flags, off, filesz, memsz):
    return (flags, off, filesz, memsz)


def file_bytes(off, n):
    return (CHECK_FILE_BYTES, off, n)


def zero(off, n):
    return (CHECK_ZERO, off, n)


def writable(off):
    return (CHECK_WRITABLE, off, 1)


def read_only(off):
    return (CHECK_READ_ONLY, off, 1)


R, RW = PF_R, PF_R | PF_W

# name: (segments in table order, offsets from the layout base; checks, offsets alike)
CASES = {
    # A lone .bss (p_filesz 0) starting mid-page, in a page of its own.
    "bss_only_mid_page": (
        [seg(R, 0, 0x300, 0x300), seg(RW, 0x1800, 0, 0x100)],
        [file_bytes(0, 0x300), read_only(0), zero(0x1800, 0x100), writable(0x1800)]),
    # A read-only segment with no file bytes: zeros, mapped writable as Linux maps them.
    "bss_only_read_only_flags": (
        [seg(R, 0, 0x300, 0x300), seg(R, 0x1800, 0, 0x100)],
        [file_bytes(0, 0x300), zero(0x1800, 0x100), writable(0x1800)]),
    # A .bss with no file bytes starting in the previous segment's last page and crossing
    # into the next: its zero pages start at that page and replace it, file bytes too.
    "bss_only_shares_page": (
        [seg(R, 0, 0x300, 0x300), seg(RW, 0x800, 0, 0x1000)],
        [zero(0, 0x1800), writable(0), writable(0x1000)]),
    # Data followed by a .bss that crosses two page boundaries, both ends unaligned: the
    # rest of the last file page is zeroed (padzero), then zero pages follow.
    "data_bss_tail_crosses_pages": (
        [seg(RW, 0x100, 0x1234, 0x3000)],
        [file_bytes(0, 0x1334), zero(0x1334, 0x3100 - 0x1334), writable(0x100),
         writable(0x3000)]),
    # Data starting in the last page of a read-only segment: the shared page is the data
    # segment's (writable); the read-only segment's own page stays read-only.
    "data_shares_page_with_read_only": (
        [seg(R, 0, 0x1900, 0x1900), seg(RW, 0x1900, 0x200, 0x1800)],
        [file_bytes(0, 0x1B00), read_only(0), writable(0x1000), zero(0x1B00, 0x3100 - 0x1B00),
         writable(0x3000)]),
    # A read-only segment with p_memsz > p_filesz: its last file page cannot be written,
    # so it keeps the file's bytes past p_filesz; the zero pages after it are writable.
    "read_only_bss_tail": (
        [seg(R, 0x100, 0x500, 0x2000)],
        [file_bytes(0, 0x1000), read_only(0), zero(0x1000, 0x1100), writable(0x1000)]),
    # A segment with file bytes mapped over the page of an earlier .bss: the file page
    # replaces the zeros, with the later segment's permissions.
    "file_page_over_earlier_bss": (
        [seg(RW, 0, 0, 0x800), seg(R, 0x900, 0x100, 0x100)],
        [file_bytes(0, 0x1000), read_only(0)]),
}


def build(target, segments, checks):
    """target (bytes) with the case's segments and its table of checks added."""
    elf = bytearray(target)
    old_off, old_num = u64(elf, E_PHOFF), u16(elf, E_PHNUM)
    heads = [bytes(elf[old_off + i * PHDR_SIZE:old_off + (i + 1) * PHDR_SIZE])
             for i in range(old_num)]
    base = image_base(elf) + LAYOUT_OFFSET
    span = max(off + memsz for _, off, _, memsz in segments)
    span += -span % PAGE
    # The table: program headers, then checks, in a read-only segment at the address the
    # file's layout implies (qemu-user computes AT_PHDR as base + e_phoff).
    table_off = append_page(elf)
    table_addr = image_base(elf) + table_off
    nr_heads = len(heads) + 2 + len(segments)
    checks_off = table_off + nr_heads * PHDR_SIZE
    check_bytes = b"".join(struct.pack("<QQII", base + off, n, kind, 0) for kind, off, n in checks)
    table_size = nr_heads * PHDR_SIZE + len(check_bytes)
    assert table_size <= TABLE_SPACE and table_addr + TABLE_SPACE <= base
    # The cases' file bytes, from a page-aligned file offset: address base + i is file
    # byte region + i.
    region = table_off + TABLE_SPACE
    heads.append(phdr(PT_LOAD, R, table_off, table_addr, table_size, table_size))
    heads.append(phdr(PT_LAYOUT_CHECKS, R, checks_off, table_addr + (checks_off - table_off),
                      len(check_bytes), len(check_bytes), 8))
    for flags, off, filesz, memsz in segments:
        heads.append(phdr(PT_LOAD, flags, region + off, base + off, filesz, memsz))
    elf += b"".join(heads) + check_bytes
    elf += bytes(region - len(elf))
    elf += bytes(file_byte(base + i) for i in range(span))
    put64(elf, E_PHOFF, table_off)
    put16(elf, E_PHNUM, nr_heads)
    return bytes(elf)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.splitlines()[2].strip())
    target, outdir = sys.argv[1], sys.argv[2]
    with open(target, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or not loads(elf):
        raise SystemExit("mkelflayouts.py: %s is not the ELF program expected" % target)
    os.makedirs(outdir, exist_ok=True)
    for name, (segments, checks) in CASES.items():
        path = os.path.join(outdir, name)
        with open(path, "wb") as f:
            f.write(build(elf, segments, checks))
        os.chmod(path, 0o755)


if __name__ == "__main__":
    main()
