# What tools/gdb/faultline.py's commands know of the kernel: the names of its flags and
# bits, read from its headers, and its memory, read through QEMU's gdb stub even while the
# CPU is in user mode.
#
# Every name comes from the kernel's headers, read when this file is loaded (mm/fault.h,
# mm/mm.h, arch/<arch>/include/asm/pgtable.h, asm/memory.h, asm/csr.h,
# arch/x86_64/kernel/x86.h), so the decoding cannot drift from the code.
#
# Reading kernel memory while the CPU runs in user mode: QEMU's gdb stub reads memory
# with the CPU's current privilege, and on riscv64 a user-mode CPU may not read a
# supervisor page (RISC-V privileged spec 4.3.1: U clear), so `p current` fails there.
# read_kernel() reads through the physical address instead when that happens: QEMU's
# stub has a physical-memory mode (the `Qqemu.PhyMemMode` packet), and the kernel's
# addresses are a fixed offset from physical ones (the direct map and the image,
# asm/memory.h). Page tables are always read physically, as the MMU reads them.

import os
import re

import gdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def header(path):
    with open(os.path.join(ROOT, path)) as f:
        return f.read()


def number(text):
    """A C integer constant as the headers write them: 0x1f, 12, (1UL << 38), _AC(x, UL)."""
    text = re.sub(r"_AC\(\s*([^,]+),\s*\w+\)", r"\1", text.strip())
    m = re.fullmatch(r"\(?\s*(0x[0-9a-fA-F]+|\d+)(?:UL|U|L)*\s*(?:<<\s*(\d+)\s*)?\)?", text)
    if not m:
        return None
    value = int(m.group(1), 0)
    return value << int(m.group(2)) if m.group(2) else value


def defines(path, prefix):
    """[(name, value, comment)] of every '#define <prefix>NAME <constant>' in path, in order;
    a define whose value is not a plain constant (an OR of others) is left out."""
    found = []
    for m in re.finditer(r"^#define[ \t]+(%s\w*)[ \t]+([^/\n]+?)[ \t]*(?:/\*(.*?)\*/)?[ \t]*$"
                         % prefix, header(path), re.M | re.S):
        value = number(m.group(2))
        if value is not None:
            found.append((m.group(1), value, " ".join((m.group(3) or "").split())))
    return found


def enum_names(path, enum):
    """The names of enum's constants, in order (their values 0, 1, ...)."""
    m = re.search(r"enum %s \{(.*?)\};" % enum, header(path), re.S)
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    return [n.strip() for n in body.split(",") if n.strip()]


class Arch:
    """What differs between riscv64 and x86_64, from the headers of the arch gdb debugs."""

    def __init__(self, name):
        self.name = name
        asm = "arch/%s/include/asm/" % name
        memory = {n: v for n, v, _ in defines(asm + "memory.h", "")}
        self.page_offset = memory["PAGE_OFFSET"]
        self.direct_map_size = memory["DIRECT_MAP_SIZE"]
        self.kernel_virt = memory["KERNEL_VIRT_BASE"]
        self.kernel_phys = memory["KERNEL_PHYS_BASE"]
        self.levels = {n: v for n, v, _ in defines(asm + "pgtable.h", "PGTABLE_LEVELS")}[
            "PGTABLE_LEVELS"]
        # One name per PTE bit; a bit with two names (a software bit that means one thing
        # in a valid entry and another in an invalid one) keeps both, each with the
        # state its comment gives ("V set", "V clear"; "P clear" on x86_64).
        self.pte_bits = []
        for n, v, comment in defines(asm + "pgtable.h", "_PAGE_"):
            if v == 0 or v & (v - 1) or n.endswith("_SHIFT") or n.endswith("_MASK"):
                continue
            state = None
            if re.search(r"\b[VP] set\b", comment):
                state = True
            elif re.search(r"\b[VP] clear\b", comment):
                state = False
            self.pte_bits.append((n[len("_PAGE_"):], v, state))
        if name == "riscv64":
            self.present_bit = 1  # _PAGE_V
            self.level_names = ["level 2", "level 1", "level 0"]
            causes = defines(asm + "csr.h", "EXC_")
            self.causes = {v: (n[len("EXC_"):], c) for n, v, c in causes}
            self.irqs = {v: n for n, v, _ in defines(asm + "csr.h", "IRQ_")}
        else:
            self.present_bit = 1  # _PAGE_PRESENT
            self.level_names = ["PML4", "PDPT", "PD", "PT"]
            self.pf_error_bits = [(n[len("X86_PF_"):], v) for n, v, _ in
                                  defines("arch/x86_64/kernel/x86.h", "X86_PF_")]

    def entry_target(self, pte):
        """The physical address a valid entry points at (a table or a page)."""
        if self.name == "riscv64":
            return ((pte >> 10) & ((1 << 44) - 1)) << 12  # PPN, bits 53:10 (4.4.1)
        return pte & 0x000ffffffffff000  # bits 51:12 (Intel SDM vol. 3A, table 4-20)

    def is_leaf(self, pte, depth):
        if self.name == "riscv64":
            return bool(pte & 0xe)  # R, W or X set: a leaf at any level (4.4.1)
        return depth == self.levels - 1 or (depth > 0 and bool(pte & 0x80))  # PS

    def root(self):
        """(the page-table root register's name and value, the root table's physical address)."""
        if self.name == "riscv64":
            satp = register("satp")
            return "satp", satp, (satp & ((1 << 44) - 1)) << 12  # PPN in bits 43:0 (4.1.11)
        cr3 = register("cr3")
        return "cr3", cr3, cr3 & 0x000ffffffffff000

    def user_mode(self):
        if self.name == "riscv64":
            return register("priv") == 0  # QEMU's virtual register: the privilege level
        return register("cs") & 3 == 3  # CPL

    def kernel_pa(self, va):
        """The physical address of a kernel virtual address, or None if not a fixed offset."""
        if self.page_offset <= va < self.page_offset + self.direct_map_size:
            return va - self.page_offset
        if va >= self.kernel_virt:
            return va - self.kernel_virt + self.kernel_phys
        return None


def current_arch():
    name = gdb.selected_inferior().architecture().name()
    if name.startswith("riscv"):
        key = "riscv64"
    elif "x86-64" in name:
        key = "x86_64"
    else:
        raise gdb.GdbError("faultline: unknown architecture %s" % name)
    if key not in _arches:
        _arches[key] = Arch(key)
    return _arches[key]


_arches = {}


def register(name):
    return int(gdb.selected_frame().read_register(name)) & (2 ** 64 - 1)


FAULT_FLAGS = [(n, v) for n, v, _ in defines("mm/fault.h", "FAULT_FLAG_")]
VM_FAULTS = [(n, v) for n, v, _ in defines("mm/fault.h", "VM_FAULT_")]
VM_FLAGS = [(n, v) for n, v, _ in defines("mm/mm.h", "VM_")]
PF_RET = enum_names("mm/fault.h", "page_fault_retval")


def decode(value, names):
    """value as 'NAME|NAME' in the order of names, plus what no name covers."""
    parts = [n for n, bit in names if value & bit]
    rest = value & ~sum(bit for _, bit in names)
    if rest:
        parts.append("unknown %#x" % rest)
    return "|".join(parts) or "none"


def decode_pte(arch, pte):
    """A page-table entry's bits by name (the state-specific name of a shared bit)."""
    present = bool(pte & arch.present_bit)
    parts = []
    for bit in sorted({v for _, v, _ in arch.pte_bits}):
        if not pte & bit:
            continue
        named = [(n, s) for n, v, s in arch.pte_bits if v == bit]
        fitting = [n for n, s in named if s == present] or [n for n, s in named if s is None]
        parts.append(fitting[0] if fitting else named[0][0])
    return "|".join(parts) or "none"


# Memory: kernel virtual addresses, and physical ones through QEMU's physical mode.

def read_phys(pa, size):
    gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
    try:
        return bytes(gdb.selected_inferior().read_memory(pa, size))
    finally:
        gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)


def read_kernel(va, size):
    """size bytes at kernel address va, through the physical address if the CPU's
    privilege does not allow the read (riscv64 in user mode)."""
    try:
        return bytes(gdb.selected_inferior().read_memory(va, size))
    except gdb.MemoryError:
        pa = current_arch().kernel_pa(va)
        if pa is None:
            raise gdb.GdbError("cannot read kernel address %#x" % va)
        return read_phys(pa, size)


def u(data):
    return int.from_bytes(data, "little")


class KObj:
    """A kernel struct at an address, read field by field (offsets from the kernel's
    debug information, bytes through read_kernel)."""

    def __init__(self, addr, type_name):
        self.addr = addr
        self.type = gdb.lookup_type(type_name) if isinstance(type_name, str) else type_name

    def offset(self, name):
        for f in self.type.strip_typedefs().fields():
            if f.name == name:
                return f.bitpos // 8, f.type
        raise gdb.GdbError("%s has no field %s" % (self.type, name))

    def int(self, name):
        off, t = self.offset(name)
        return u(read_kernel(self.addr + off, t.sizeof))

    def str(self, name):
        off, t = self.offset(name)
        return read_kernel(self.addr + off, t.sizeof).split(b"\0")[0].decode(errors="replace")

    def ptr(self, name, type_name):
        return KObj(self.int(name), type_name)


def current_task():
    cur = gdb.lookup_global_symbol("current")
    addr = u(read_kernel(int(cur.value().address), 8))
    if addr == 0:
        raise gdb.GdbError("no current task yet")
    return KObj(addr, "struct task")


def all_tasks():
    """Every task but idle, in the order of the kernel's list (kernel/task.c all_tasks)."""
    head = int(gdb.lookup_static_symbol("all_tasks").value().address)
    link = KObj(0, "struct task").offset("tasks")[0]
    out, node = [], u(read_kernel(head, 8))
    while node != head and len(out) < 100000:
        out.append(KObj(node - link, "struct task"))
        node = u(read_kernel(node, 8))
    return out


def task_arg(arg):
    """The task a command's argument names: a pid, or the current task if none."""
    if not arg.strip():
        return current_task()
    pid = int(arg, 0)
    for task in all_tasks():
        if task.int("pid") == pid:
            return task
    raise gdb.GdbError("no task with pid %d" % pid)


def task_state(task):
    return str(gdb.Value(task.int("state")).cast(gdb.lookup_type("enum task_state")))


def vmas(mm):
    """The VMAs of mm, in address order, walking mm->mmap."""
    head = mm.addr + mm.offset("mmap")[0]
    link = KObj(0, "struct vm_area_struct").offset("vm_list")[0]
    out, node = [], u(read_kernel(head, 8))
    limit = mm.int("map_count") + 2
    while node != head and len(out) < limit:
        out.append(KObj(node - link, "struct vm_area_struct"))
        node = u(read_kernel(node, 8))
    return out


def vma_kind(vma):
    inode = vma.int("vm_inode")
    if inode:
        return "file (inode %#x) from page %d" % (inode, vma.int("vm_pgoff"))
    return "anonymous"


def prot_letters(flags):
    return "".join(c if flags & bit else "-" for c, bit in
                   (("r", 0x1), ("w", 0x2), ("x", 0x4))) + ("s" if flags & 0x8 else "p")


def to_int(arg):
    if not arg.strip():
        raise gdb.GdbError("a value is needed")
    try:
        return int(gdb.parse_and_eval(arg)) & (2 ** 64 - 1)
    except gdb.MemoryError as e:
        raise gdb.GdbError("%s (gdb cannot read kernel memory while a riscv64 CPU is in user "
                           "mode: give the number, as fl-task prints it)" % e)
