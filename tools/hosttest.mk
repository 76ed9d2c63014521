# Host unit tests (make hosttest): lib/ and mm/ code built with the host gcc under
# AddressSanitizer and UBSan into one binary, build/host/hosttest.
#
# lib/ defines memcpy, snprintf, ... which the host C library has too. So lib objects
# are compiled alone and their symbols renamed (lib/test/host.syms: memcpy ->
# fl_memcpy); tests call them by the fl_ names and can compare with the host's.

HOST_CC      := gcc
HOST_BUILD   := build/host
HOST_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS  := -std=c11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer \
                -fno-tree-loop-distribute-patterns $(HOST_SAN) -I. -Iinclude -MMD -MP
# Code under test: the same sources as the kernel, freestanding-style.
HOST_UNITS   := $(wildcard lib/*.c) mm/memblock.c mm/fault_flags.c mm/vma_tree.c
HOST_TESTS   := $(wildcard lib/test/*.c mm/test/*.c)
HOST_UNIT_OBJS := $(patsubst %.c,$(HOST_BUILD)/%.renamed.o,$(HOST_UNITS))
HOST_TEST_OBJS := $(patsubst %.c,$(HOST_BUILD)/%.o,$(HOST_TESTS))

# mm/mm.h reaches asm/pgtable.h for the page-table entry type; the VMA tree uses none of
# it, so the host's own arch headers serve.
HOST_ARCH    := $(shell uname -m)
$(HOST_BUILD)/mm/vma_tree.renamed.o $(HOST_BUILD)/mm/test/test_vma_tree.o: \
	HOST_CFLAGS += -Iarch/$(HOST_ARCH)/include

$(HOST_BUILD)/hosttest: $(HOST_UNIT_OBJS) $(HOST_TEST_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_SAN) -o $@ $^

$(HOST_BUILD)/%.renamed.o: %.c lib/test/host.syms tools/hosttest.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -ffreestanding -c $< -o $@.tmp
	$(Q)objcopy --redefine-syms=lib/test/host.syms $@.tmp $@
	$(Q)rm -f $@.tmp

$(HOST_BUILD)/%.o: %.c tools/hosttest.mk
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -D_DEFAULT_SOURCE -c $< -o $@

-include $(HOST_UNIT_OBJS:.o=.d) $(HOST_TEST_OBJS:.o=.d)

# The FDT tests read the device tree of the riscv64 machine the kernel boots on, as QEMU
# dumps it ($FDT_BLOB; tools/runtests.py dumps its own copy).
$(HOST_BUILD)/virt.dtb:
	@mkdir -p $(dir $@)
	@echo "  DTB     $@"
	$(Q)qemu-system-riscv64 -machine virt,dumpdtb=$@ -m 128M -nographic >/dev/null
