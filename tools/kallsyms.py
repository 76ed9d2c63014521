#!/usr/bin/env python3
"""Turn `nm -n kernel.elf` output into an assembly file holding the kernel's symbol table.

The kernel prints backtraces as name+offset by binary-searching this table
(kernel/kallsyms.c). Only text symbols are kept. The section goes last in the image,
so linking it in a second pass moves no other symbol.
"""
import sys


def main():
    syms = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in "tTwW":
            continue
        addr, name = int(parts[0], 16), parts[2]
        if name.startswith(".L") or name.startswith("$"):
            continue
        syms.append((addr, name))
    syms.sort()
    out = ['\t.section .kallsyms, "a"', "\t.balign 8", "\t.globl kallsyms_num",
           "kallsyms_num:", "\t.quad %d" % len(syms), "\t.globl kallsyms_addresses",
           "kallsyms_addresses:"]
    out += ["\t.quad 0x%x" % a for a, _ in syms]
    out += ["\t.globl kallsyms_name_offsets", "kallsyms_name_offsets:"]
    offset = 0
    for _, name in syms:
        out.append("\t.long %d" % offset)
        offset += len(name) + 1
    out += ["\t.globl kallsyms_names", "kallsyms_names:"]
    out += ['\t.asciz "%s"' % name for _, name in syms]
    print("\n".join(out))


if __name__ == "__main__":
    main()
