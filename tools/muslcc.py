#!/usr/bin/env python3
"""`python3 tools/muslcc.py ARCH gcc-arguments...`: compile and link static against musl.

x86_64 has musl-gcc (musl-tools). For riscv64 Debian bookworm has no musl, so this uses
Debian trixie's riscv64 musl-dev, fetched and unpacked under build/ the way `make
realprog` does it (tools/realprog.py), with riscv64-linux-gnu-gcc as the compiler.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import realprog  # noqa: E402


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    cc = realprog.compilers(sys.argv[1])["musl"]
    args = sys.argv[2:]
    cmd = cc[:cc.index("LINK_HERE")] + args + cc[cc.index("LINK_HERE") + 1:] \
        if "LINK_HERE" in cc else cc + args
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    main()
