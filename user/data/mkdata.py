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
PT_LOAD, PF_X, PF_W = 1, 1, 2
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
             misaligned_segment]


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
    os.makedirs(os.path.join(args.outdir, "badelf"), exist_ok=True)
    for make in BAD_ELVES:
        path = os.path.join(args.outdir, "badelf", make.__name__)
        with open(path, "wb") as f:
            f.write(bytes(make(bytearray(good))))
        os.chmod(path, 0o755)  # executable: only the ELF loader may refuse them


if __name__ == "__main__":
    main()
