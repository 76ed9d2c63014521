# Faultline: `make` builds the kernel for ARCH (riscv64 by default, or x86_64).
# `make help` lists the targets.

ARCH ?= riscv64
ifeq ($(wildcard arch/$(ARCH)/arch.mk),)
$(error unknown ARCH=$(ARCH): one of $(notdir $(wildcard arch/*)))
endif
BUILD ?= build/$(ARCH)
# V=1 shows the full commands.
Q := $(if $(V),,@)
include arch/$(ARCH)/arch.mk

CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJDUMP := $(CROSS_COMPILE)objdump
NM      := $(CROSS_COMPILE)nm

# -Og: optimised for stepping through in gdb; frame pointers for the oops backtrace.
CFLAGS = -std=c11 -Og -g -Wall -Wextra -Werror -ffreestanding -fno-common \
          -fno-stack-protector -fno-pie -fno-omit-frame-pointer -fno-strict-aliasing \
          -fno-tree-loop-distribute-patterns \
          -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
          -I. -Iinclude -Iarch/$(ARCH)/include -MMD -MP $(ARCH_CFLAGS)
ASFLAGS = -D__ASSEMBLER__ $(CFLAGS)
LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack $(ARCH_LDFLAGS)

KSRCS := $(wildcard kernel/*.c kernel/test/*.c mm/*.c lib/*.c \
                    arch/$(ARCH)/*/*.c arch/$(ARCH)/*/*.S)
KOBJS := $(patsubst %,$(BUILD)/%.o,$(KSRCS))
KERNEL := $(BUILD)/kernel.elf

# The kernel command line for `make qemu`; tests pass their own. INIT="/prog args" makes
# /init run that command as its child, report how it ended, and power off (Linux passes
# the words after " -- " to init). EXTRA="a.elf b.txt" adds files to the initrd's root.
CMDLINE ?=
# RUN=path/to/prog.c (built as `make user PROG=... LIBC=...` builds it, user/prog.mk) or
# RUN=path/to/prog.elf: added to the initrd's root and run as init's child.
ifneq ($(RUN),)
PROG ?= $(filter %.c,$(RUN))
RUN_ELF := $(if $(filter %.c,$(RUN)),$(BUILD)/prog/$(or $(LIBC),faultline)/$(basename $(notdir $(RUN))),$(RUN))
override EXTRA += $(RUN_ELF)
INIT ?= /$(notdir $(RUN_ELF))
endif
ifneq ($(INIT),)
CMDLINE += -- $(INIT)
endif
INITRD := $(BUILD)/initrd.cpio
QEMU_BASE := $(QEMU) $(QEMU_MACHINE) -nographic -no-reboot -kernel $(KERNEL) -initrd $(INITRD)
# A gdb port of our own, so several users of one machine do not collide.
GDBPORT ?= $(shell expr 26000 + $$(id -u) % 5000)

all: $(KERNEL) $(INITRD)

# User space (libc, /init, tests) and the initrd: $(INITRD), USER_PROGS.
include user/user.mk
# The benchmark program: $(BENCH_PROG).
include user/bench/bench.mk
# A program of your own (make user PROG=..., make qemu RUN=...): $(PROG_ELF).
include user/prog.mk

# Two passes: link, generate the symbol table from the result (tools/kallsyms.py), link
# again with it. The table is the last section, so no other address moves; the cmp
# below checks that claim on every build.
$(KERNEL): $(KOBJS) linker/$(ARCH)-kernel.ld tools/kallsyms.py
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T linker/$(ARCH)-kernel.ld -o $(BUILD)/kernel.pass1.elf $(KOBJS)
	$(Q)$(NM) -n $(BUILD)/kernel.pass1.elf | python3 tools/kallsyms.py > $(BUILD)/kallsyms.S
	$(Q)$(CC) $(ASFLAGS) -c $(BUILD)/kallsyms.S -o $(BUILD)/kallsyms.o
	$(Q)$(LD) $(LDFLAGS) -T linker/$(ARCH)-kernel.ld -o $@ $(KOBJS) $(BUILD)/kallsyms.o
	$(Q)$(NM) -n $(BUILD)/kernel.pass1.elf | grep -v kallsyms | grep -v ' _end$$' > $(BUILD)/syms.pass1
	$(Q)$(NM) -n $@ | grep -v kallsyms | grep -v ' _end$$' > $(BUILD)/syms.pass2
	$(Q)cmp -s $(BUILD)/syms.pass1 $(BUILD)/syms.pass2 || \
		{ echo "kallsyms: symbols moved between link passes"; rm -f $@; exit 1; }

$(BUILD)/%.c.o: %.c Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

-include $(KOBJS:.o=.d)

# Run the kernel on the serial console: Ctrl-A X quits QEMU.
qemu: $(KERNEL) $(INITRD)
	$(QEMU_BASE) -append "$(CMDLINE)"

# Start QEMU halted, waiting for gdb on localhost:$(GDBPORT); then `make gdb` elsewhere.
qemu-gdb: $(KERNEL) $(INITRD)
	@echo "QEMU waits for gdb on port $(GDBPORT): run 'make gdb ARCH=$(ARCH)' in another terminal"
	$(QEMU_BASE) -append "$(CMDLINE)" -S -gdb tcp:127.0.0.1:$(GDBPORT)

# A picture of one program's page faults (tools/faultplot.py, docs/fault-pictures.md):
# boot with the fault trace on, run PROG, write build/$(ARCH)/faultplot-<name>.svg.
PROG ?= /tests/fault_trace_outcomes_at_known_addresses
faultplot: $(KERNEL) $(INITRD)
	python3 tools/faultplot.py --boot --arch $(ARCH) $(PROG)

gdb: $(KERNEL)
	gdb-multiarch -q -ex "set architecture $(GDB_ARCH)" -ex "file $(KERNEL)" \
		-x tools/gdb/faultline.gdb -ex "target remote 127.0.0.1:$(GDBPORT)"

# Install every tool the build, QEMU, gdb and the tests need (Debian; safe to run twice).
DEBIAN_PACKAGES := make gcc python3 cpio bear gdb-multiarch opensbi qemu-system-misc \
                   qemu-system-x86 qemu-user gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf \
                   gcc-riscv64-linux-gnu libc6-dev-riscv64-cross musl-tools libc6-dev
deps:
	@if dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1; then \
		echo "deps: all packages already installed"; \
	else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES); \
	fi

# Every test layer (host unit tests, in-kernel tests, crash tests, gdb) for every arch,
# or only ARCH when it is given on the command line.
ifeq ($(origin ARCH),command line)
TEST_ARCHES := $(ARCH)
else
TEST_ARCHES := $(notdir $(patsubst %/arch.mk,%,$(wildcard arch/*/arch.mk)))
endif
test:
	python3 tools/runtests.py $(addprefix --arch ,$(TEST_ARCHES))

# Fault microbenchmarks (user/bench/) under -icount, for every arch or only ARCH: guest
# instructions per operation. bench-linux also boots Debian's Linux with the same binary
# as init and prints Faultline/Linux per row (docs/performance.md). QUICK=1: a short run.
BENCH_FLAGS = $(addprefix --arch ,$(TEST_ARCHES)) $(if $(QUICK),--quick)
bench:
	python3 tools/bench.py $(BENCH_FLAGS)

bench-linux:
	python3 tools/bench.py --linux $(BENCH_FLAGS)

# Programs built by others (user/realprog/ with static glibc and musl, Debian's busybox)
# on Faultline and on Debian's Linux in the same QEMU, outputs compared (tools/realprog.py).
realprog:
	python3 tools/realprog.py $(addprefix --arch ,$(TEST_ARCHES))

# Every user test on Linux too (x86_64 natively, riscv64 under qemu-riscv64), compared
# with a fresh Faultline boot. (`make test` runs the same comparison on its own boot.)
difftest:
	python3 tools/difftest.py --boot $(addprefix --arch ,$(TEST_ARCHES))

# Host unit tests of lib/ and mm/ data structures, under AddressSanitizer and UBSan.
include tools/hosttest.mk
hosttest: $(HOST_BUILD)/hosttest $(HOST_BUILD)/virt.dtb
	FDT_BLOB=$${FDT_BLOB:-$(HOST_BUILD)/virt.dtb} $(HOST_BUILD)/hosttest

# compile_commands.json for clangd, covering both arches' builds.
compile_commands.json:
	rm -rf build/cc && bear --output $@ -- sh -c ' \
		for a in $(notdir $(patsubst %/arch.mk,%,$(wildcard arch/*/arch.mk))); do \
			$(MAKE) -B ARCH=$$a BUILD=build/cc/$$a build/cc/$$a/kernel.elf || exit 1; done'

# Labs (docs/labs/): `make lab LAB=cow [OUT=dir]` writes the student's tree (build/labs/cow
# by default); `make grade LAB=cow [ARCH=...]` builds this tree and runs the lab's graded
# tests, both arches unless ARCH is given; `make handin`, in a lab tree, packs the work.
OUT ?= build/labs/$(LAB)
lab:
	@[ -n "$(LAB)" ] || { echo "make lab LAB=<lab> [OUT=dir]"; exit 2; }
	python3 tools/mklab.py $(LAB) $(OUT)

grade:
	@[ -n "$(LAB)" ] || { echo "make grade LAB=<lab> [ARCH=...]"; exit 2; }
	python3 tools/grade.py --lab $(LAB) $(addprefix --arch ,$(TEST_ARCHES))

handin:
	python3 tools/handin.py

# For tools: `make print-VAR` prints a make variable (the runner asks for QEMU_BASE).
print-%:
	@echo '$($*)'

clean:
	rm -rf build compile_commands.json

help:
	@echo "make [ARCH=riscv64|x86_64]   build $(KERNEL)"
	@echo "make deps                    install the Debian packages everything needs"
	@echo "make qemu [CMDLINE=...]      boot in QEMU on this terminal (Ctrl-A X quits)"
	@echo "make qemu-gdb / make gdb     boot halted for gdb / attach gdb (port $(GDBPORT))"
	@echo "make user PROG=prog.c [LIBC=faultline|glibc|musl]  build your own program"
	@echo "make qemu RUN=prog.c|prog.elf [LIBC=...]  boot and run it as init's child"
	@echo "make test [ARCH=...]         all tests, both arches unless ARCH is given"
	@echo "make hosttest                host unit tests of lib/ and mm/ (ASan, UBSan)"
	@echo "make bench [QUICK=1]         fault microbenchmarks, instructions per operation"
	@echo "make bench-linux             the same on Debian's Linux too, with ratios"
	@echo "make difftest                run every user test on Linux too and compare"
	@echo "make faultplot PROG=/tests/X an SVG picture of X's page faults (build/ARCH/)"
	@echo "make realprog                glibc/musl programs and busybox: Faultline vs Linux"
	@echo "make compile_commands.json   editor support (clangd)"
	@echo "make lab LAB=cow [OUT=dir]   write the student's tree of a lab (docs/labs/)"
	@echo "make grade LAB=cow [ARCH=..] run a lab's graded tests: points and a Score"
	@echo "make handin                  in a lab tree: pack the work into handin-<lab>.patch"

.PHONY: all qemu qemu-gdb gdb faultplot deps test bench bench-linux difftest realprog hosttest clean help \
	lab grade handin \
	compile_commands.json
