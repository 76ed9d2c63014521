#!/usr/bin/env python3
"""Generate the initrd's test data (run by user/user.mk at build time).

    mkdata.py --good ELF OUTDIR

writes into OUTDIR (the initrd's /data):

  pattern.bin        PATTERN_SIZE bytes from a fixed generator (pattern_byte below);
                     user/tests/initrd_file_read.c computes the same bytes and compares.
  badelf/<case>      (mode 755) copies of ELF (a good static program: /tests/exec_target) with one
                     thing broken each, so each case exercises one check of the kernel's
                     ELF loader. Every one must make execve() fail with ENOEXEC and leave
                     the caller running. The cases are listed in BAD_ELVES below and,
                     with their expected outcomes, in user/tests/exec_rejects_bad_elf.c.
  goodelf/<case>     (mode 755) copies of ELF changed in a way that is legal, though
                     unusual: each must run as exec_target does (it checks its own
                     segments through AT_PHDR). Listed in GOOD_ELVES below and in
                     user/tests/exec_runs_unusual_elf.c.
  interp/<case>      (mode 755) copies of ELF with a PT_INTERP program header naming a
                     program interpreter: INTERP_ELVES below, user/tests/exec_interp.c.

Deterministic: the same ELF gives the same files, byte for byte.
"""
import argparse
import os
import struct

PATTERN_SIZE = 20000

# Elf64_Ehdr field offsets (System V gABI).
EI_CLASS = 4
E_TYPE, E_MACHINE, E_PHOFF, E_PHENTSIZE, E_PHNUM = 16, 18, 32, 54, 56
# Elf64_Phdr field offsets.
P_TYPE, P_FLAGS, P_OFFSET, P_VADDR, P_FILESZ, P_MEMSZ = 0, 4, 8, 16, 32, 40
PT_NULL, PT_LOAD, PT_INTERP, PT_GNU_STACK = 0, 1, 3, 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4
PHDR_SIZE = 56
PAGE = 4096
# Linux reads at most 64 KiB of program headers (load_elf_phdrs in fs/binfmt_elf.c).
MAX_PHNUM = 65536 // PHDR_SIZE
EM_IA_64 = 50


def pattern_byte(i):
    """Byte i of pattern.bin: a 32-bit LCG (Numerical Recipes), top byte of each step."""
    return (((i * 1664525 + 1013904223) & 0xFFFFFFFF) >> 24) ^ (i & 0xFF)


def u16(b, off):
    return struct.unpack_from("<H", b, off)[0]


def u64(b, off):
    return struct.unpack_from("<Q", b, off)[0]


def put16(b, off, v):
    struct.pack_into("<H", b, off, v)


def put64(b, off, v):
    struct.pack_into("<Q", b, off, v)


def loads(elf):
    """File offsets of the PT_LOAD program headers, in table order."""
    phoff, phentsize, phnum = u64(elf, E_PHOFF), u16(elf, E_PHENTSIZE), u16(elf, E_PHNUM)
    heads = [phoff + i * phentsize for i in range(phnum)]
    return [h for h in heads if struct.unpack_from("<I", elf, h + P_TYPE)[0] == PT_LOAD]


def with_flags(elf, flag):
    """The first PT_LOAD whose p_flags has flag."""
    return next(h for h in loads(elf) if struct.unpack_from("<I", elf, h + P_FLAGS)[0] & flag)


def put32(b, off, v):
    struct.pack_into("<I", b, off, v)


def phdr(p_type, flags, offset, vaddr, filesz, memsz, align=PAGE):
    return struct.pack("<IIQQQQQQ", p_type, flags, offset, vaddr, vaddr, filesz, memsz, align)


def gnu_stack(elf):
    """The file offset of the PT_GNU_STACK program header: a slot free for reuse."""
    phoff, phnum = u64(elf, E_PHOFF), u16(elf, E_PHNUM)
    return next(h for h in (phoff + i * PHDR_SIZE for i in range(phnum))
                if struct.unpack_from("<I", elf, h + P_TYPE)[0] == PT_GNU_STACK)


def image_base(elf):
    """p_vaddr - p_offset of the first PT_LOAD: where file byte 0 would be in memory."""
    h = loads(elf)[0]
    return u64(elf, h + P_VADDR) - u64(elf, h + P_OFFSET)


def append_page(elf):
    """Pad elf to a page boundary; returns the offset of the new page."""
    elf += bytes(-len(elf) % PAGE)
    return len(elf)


def new_phdr_table(elf, phnum, misalign=0):
    """Move the program headers to a new page at the end of the file, padded with PT_NULL
    entries to phnum, starting misalign bytes into the page, inside a new read-only
    PT_LOAD (so AT_PHDR still finds them) at the address the file's layout implies."""
    old_off, old_num = u64(elf, E_PHOFF), u16(elf, E_PHNUM)
    heads = [bytes(elf[old_off + i * PHDR_SIZE:old_off + (i + 1) * PHDR_SIZE])
             for i in range(old_num)]
    page = append_page(elf)
    size = misalign + phnum * PHDR_SIZE
    heads.append(phdr(PT_LOAD, PF_R, page, image_base(elf) + page, size, size))
    heads += [phdr(PT_NULL, 0, 0, 0, 0, 0, 0)] * (phnum - len(heads))
    elf += bytes(misalign) + b"".join(heads)
    put64(elf, E_PHOFF, page + misalign)
    put16(elf, E_PHNUM, phnum)
    return elf


def bss_only(elf, flags):
    """Turn PT_GNU_STACK into a PT_LOAD with no file bytes that starts and ends inside
    one page, above everything else (what a linker makes of a lone unaligned .bss)."""
    page = append_page(elf)
    put_phdr(elf, gnu_stack(elf), phdr(PT_LOAD, flags, 0x800, image_base(elf) + page + 0x800,
                                        0, 0x100))
    return elf


def put_phdr(elf, at, head):
    elf[at:at + PHDR_SIZE] = head


def bss_only_rw_mid_page(elf):
    return bss_only(elf, PF_R | PF_W)


def bss_only_ro_mid_page(elf):
    return bss_only(elf, PF_R)


def phnum_max(elf):
    return new_phdr_table(elf, MAX_PHNUM)  # 1170 program headers: 64 KiB less 16 bytes


def phoff_unaligned(elf):
    return new_phdr_table(elf, u16(elf, E_PHNUM) + 1, misalign=4)


def phnum_over_max(elf):
    return new_phdr_table(elf, MAX_PHNUM + 1)  # over 64 KiB of program headers


def with_interp(elf, path):
    """Turn PT_GNU_STACK into a PT_INTERP naming path (bytes, NUL included or not)."""
    off = len(elf)
    elf += path
    put_phdr(elf, gnu_stack(elf), phdr(PT_INTERP, PF_R, off, 0, len(path), len(path), 1))
    return elf


def interp_unterminated(elf):
    return with_interp(elf, b"/tests/exec_target")  # no NUL at the end


def interp_missing(elf):
    return with_interp(elf, b"/no_such_dir/ld.so\0")


def interp_exec_target(elf):
    return with_interp(elf, b"/tests/exec_target\0")


def bad_magic(elf):
    elf[1:4] = b"ELG"
    return elf


def wrong_machine(elf):
    # Itanium: a 64-bit machine that neither arch is, and that no host runs through
    # qemu-user and binfmt_misc (the other arch's EM_ would run on an x86_64 host).
    put16(elf, E_MACHINE, EM_IA_64)
    return elf


def class32(elf):
    elf[EI_CLASS] = 1  # ELFCLASS32, the rest still laid out as ELF64
    return elf


def not_executable(elf):
    put16(elf, E_TYPE, 1)  # ET_REL: an object file, not a program
    return elf


def truncated_header(elf):
    return elf[:40]  # the file ends in the middle of the 64-byte header


def phdrs_past_eof(elf):
    put64(elf, E_PHOFF, len(elf) - 16)  # the table starts 16 bytes before the end
    return elf


def filesz_over_memsz(elf):
    # The text segment, which always has file bytes (the data segment may be all .bss,
    # with p_filesz 0, and halving 0 would leave a legal empty segment).
    h = with_flags(elf, PF_X)
    put64(elf, h + P_MEMSZ, u64(elf, h + P_FILESZ) // 2)
    return elf


def kernel_half_vaddr(elf):
    h = with_flags(elf, PF_W)  # map the data segment into the kernel's half
    put64(elf, h + P_VADDR, 0xFFFF800000000000 + (u64(elf, h + P_VADDR) & 0xFFF))
    return elf


def segment_past_eof(elf):
    h = with_flags(elf, PF_X)  # text claims 1 MiB more file than there is
    put64(elf, h + P_FILESZ, u64(elf, h + P_FILESZ) + 0x100000)
    put64(elf, h + P_MEMSZ, u64(elf, h + P_MEMSZ) + 0x100000)
    return elf


def misaligned_segment(elf):
    h = with_flags(elf, PF_W)  # p_offset and p_vaddr no longer agree modulo the page size
    put64(elf, h + P_VADDR, u64(elf, h + P_VADDR) + 8)
    return elf


BAD_ELVES = [bad_magic, wrong_machine, class32, not_executable, truncated_header,
             phdrs_past_eof, filesz_over_memsz, kernel_half_vaddr, segment_past_eof,
             misaligned_segment, phnum_over_max, interp_unterminated]
GOOD_ELVES = [bss_only_rw_mid_page, bss_only_ro_mid_page, phnum_max, phoff_unaligned]
INTERP_ELVES = [interp_missing, interp_exec_target]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--good", required=True, help="a good static ELF program")
    ap.add_argument("outdir")
    args = ap.parse_args()

    path = os.path.join(args.outdir, "pattern.bin")
    with open(path, "wb") as f:
        f.write(bytes(pattern_byte(i) for i in range(PATTERN_SIZE)))
    os.chmod(path, 0o644)

    with open(args.good, "rb") as f:
        good = f.read()
    if good[:4] != b"\x7fELF" or len(loads(good)) < 2:
        raise SystemExit("mkdata.py: %s is not the ELF program expected" % args.good)
    for folder, makers in (("badelf", BAD_ELVES), ("goodelf", GOOD_ELVES),
                           ("interp", INTERP_ELVES)):
        os.makedirs(os.path.join(args.outdir, folder), exist_ok=True)
        for make in makers:
            path = os.path.join(args.outdir, folder, make.__name__)
            with open(path, "wb") as f:
                f.write(bytes(make(bytearray(good))))
            os.chmod(path, 0o755)  # executable: only the ELF loader may refuse them


if __name__ == "__main__":
    main()
