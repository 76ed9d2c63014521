# User space: the libc, /init, the tests, and the initrd that carries them.
#
# Included by the top-level Makefile, which defines ARCH, BUILD (build/<arch>),
# CROSS_COMPILE, CC (the kernel's compiler for ARCH) and Q. Defines:
#
#   $(BUILD)/initrd.cpio   the initrd (cpio newc), packed from the staging directory
#                          $(BUILD)/initrd/:
#                            /init                the shell (user/init/)
#                            /tests/<name>        each test (user/tests/<name>.c)
#                            /tests/runall        the test runner (user/harness/)
#                            /tests/exec_target   the good program the exec tests run
#                            /tests/fault_target  the program the gdb fault test stops on
#                            /tests/elf_layout_target  the program /data/elflayout/ wraps
#                            /tests/spin          a program that loops until stopped
#                            /tests/vmmap         a picture of an address space's pages
#                            /tests/<example>     each example program (user/examples/<example>.c)
#                            /tests/list          "<name> exit|signal <N> [console]" per test
#                            /tests/labs          "<name> <lab> <points>" per graded test
#                            /data/...            test data (user/data/)
#                            /<basename>          each file named in EXTRA
#   USER_PROGS             the built programs (ELF files under $(BUILD)/user/bin/)
#   USER_TESTS             the test names
#
#   make ... EXTRA="path/to/prog.elf other/file"   adds files to the initrd's root.
#
# Nothing here changes the default goal of the including makefile.

user_saved_goal := $(.DEFAULT_GOAL)

USER_BUILD  := $(BUILD)/user
USER_INITRD := $(BUILD)/initrd
USER_LD     := $(CROSS_COMPILE)ld
USER_AR     := $(CROSS_COMPILE)ar
USER_STRIP  := $(CROSS_COMPILE)strip

include user/arch/$(ARCH)/flags.mk

# user/include comes first: its errno.h, not the kernel's include/errno.h. User code may
# use, from the kernel's tree, only <uapi/abi.h>, <uapi/signal.h>, <uapi/errno.h>,
# <uapi/resource.h>, <uapi/termios.h>, <uapi/userfaultfd.h> (with <types.h>),
# <asm/unistd.h>, <asm/stat.h> and <asm/signal.h> (<compiler.h> and lib/'s headers too), and
# the libc builds the kernel's freestanding lib/printf.c and lib/string.c as they are.
USER_CFLAGS := -std=c11 -Og -g -Wall -Wextra -Werror -ffreestanding -fno-common \
               -fno-stack-protector -fno-pie -fno-omit-frame-pointer -fno-strict-aliasing \
               -fno-tree-loop-distribute-patterns -fno-asynchronous-unwind-tables \
               -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
               -Iuser/include -Iuser/arch/$(ARCH) -Iuser/harness \
               -I. -Iinclude -Iarch/$(ARCH)/include -MMD -MP $(USER_ARCH_CFLAGS)
USER_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack --build-id=none \
                -T linker/$(ARCH)-user.ld $(USER_ARCH_LDFLAGS)

# Sources -> objects: user/X.c -> $(BUILD)/user/X.o, lib/X.c -> $(BUILD)/user/klib/X.o.
USER_LIBC_SRCS := $(wildcard user/lib/*.c)
# The libc's assembly: user/arch/$(ARCH)/*.S but crt0.S (setjmp, the signal trampoline).
USER_LIBC_ASM  := $(filter-out %/crt0.S,$(wildcard user/arch/$(ARCH)/*.S))
USER_LIBC_ASM_OBJS := $(patsubst user/arch/$(ARCH)/%.S,$(USER_BUILD)/arch/%.o,$(USER_LIBC_ASM))
USER_KLIB_SRCS := lib/printf.c lib/string.c
USER_TEST_SRCS := $(sort $(wildcard user/tests/*.c))
USER_EXAMPLE_SRCS := $(sort $(wildcard user/examples/*.c))
USER_C_SRCS    := $(USER_LIBC_SRCS) $(wildcard user/init/*.c user/harness/*.c) $(USER_TEST_SRCS) \
		  $(USER_EXAMPLE_SRCS)
USER_C_OBJS    := $(patsubst user/%.c,$(USER_BUILD)/%.o,$(USER_C_SRCS))
USER_KLIB_OBJS := $(patsubst lib/%.c,$(USER_BUILD)/klib/%.o,$(USER_KLIB_SRCS))
USER_CRT0      := $(USER_BUILD)/crt0.o
USER_LIBC      := $(USER_BUILD)/libc.a

USER_TESTS := $(patsubst user/tests/%.c,%,$(USER_TEST_SRCS))
# Example programs that are not tests (user/examples/: the user-space pagers); tests run them.
USER_EXAMPLES := $(patsubst user/examples/%.c,%,$(USER_EXAMPLE_SRCS))
USER_PROGS := $(addprefix $(USER_BUILD)/bin/,init runall exec_target fault_target \
                                             elf_layout_target spin vmmap $(USER_TESTS) \
                                             $(USER_EXAMPLES))
# The real-program check's /init (tools/realprog.py), built here but not in this initrd.
REALPROG_INIT := $(USER_BUILD)/bin/realprog_init

# Static pattern rules, so the kernel's $(BUILD)/%.c.o rules never apply here.
$(USER_C_OBJS): $(USER_BUILD)/%.o: user/%.c user/user.mk user/arch/$(ARCH)/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_KLIB_OBJS): $(USER_BUILD)/klib/%.o: lib/%.c user/user.mk user/arch/$(ARCH)/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $< (user)"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(USER_CRT0): user/arch/$(ARCH)/crt0.S user/user.mk user/arch/$(ARCH)/flags.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) -D__ASSEMBLER__ $(USER_CFLAGS) -c $< -o $@

$(USER_LIBC_ASM_OBJS): $(USER_BUILD)/arch/%.o: user/arch/$(ARCH)/%.S user/user.mk \
		       user/arch/$(ARCH)/flags.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) -D__ASSEMBLER__ $(USER_CFLAGS) -c $< -o $@

$(USER_LIBC): $(patsubst user/%.c,$(USER_BUILD)/%.o,$(USER_LIBC_SRCS)) $(USER_KLIB_OBJS) \
	      $(USER_LIBC_ASM_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@
	$(Q)$(USER_AR) rcsD $@ $^

# Each program: crt0, its own objects, then the libc (only the members it needs).
$(USER_BUILD)/bin/init: $(USER_BUILD)/init/init.o
$(USER_BUILD)/bin/runall: $(USER_BUILD)/harness/runall.o
$(USER_BUILD)/bin/exec_target: $(USER_BUILD)/harness/exec_target.o
$(USER_BUILD)/bin/fault_target: $(USER_BUILD)/harness/fault_target.o
$(USER_BUILD)/bin/elf_layout_target: $(USER_BUILD)/harness/elf_layout_target.o \
				     $(USER_BUILD)/harness/check.o
$(REALPROG_INIT): $(USER_BUILD)/harness/realprog_init.o
$(USER_BUILD)/bin/spin: $(USER_BUILD)/harness/spin.o
$(USER_BUILD)/bin/vmmap: $(USER_BUILD)/harness/vmmap.o
$(foreach e,$(USER_EXAMPLES),$(eval $(USER_BUILD)/bin/$(e): $(USER_BUILD)/examples/$(e).o))
$(foreach t,$(USER_TESTS),$(eval \
  $(USER_BUILD)/bin/$(t): $(USER_BUILD)/tests/$(t).o $(USER_BUILD)/harness/check.o))

$(USER_PROGS) $(REALPROG_INIT): $(USER_CRT0) $(USER_LIBC) linker/$(ARCH)-user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(USER_LD) $(USER_LDFLAGS) -o $@ $(filter %.o,$^) $(USER_LIBC)

# The set of test names, remembered, so that adding or deleting a test (which makes no
# prerequisite newer) still rebuilds the list and the initrd: only the sources count.
$(USER_BUILD)/tests.names: user-tests-changed
	@mkdir -p $(dir $@)
	@echo '$(USER_TESTS)' | cmp -s - $@ || echo '$(USER_TESTS)' > $@

# /tests/list ("<name> exit|signal <N>[ console]" per test) and /tests/labs ("<name>
# <lab> <points>" per graded test), from the tests' sources (user/harness/mklist.py).
$(USER_BUILD)/tests.list: $(USER_TEST_SRCS) $(USER_BUILD)/tests.names user/user.mk \
			  user/harness/mklist.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)python3 user/harness/mklist.py list $(USER_TEST_SRCS) > $@.tmp && mv $@.tmp $@

$(USER_BUILD)/tests.labs: $(USER_TEST_SRCS) $(USER_BUILD)/tests.names user/user.mk \
			  user/harness/mklist.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)python3 user/harness/mklist.py labs $(USER_TEST_SRCS) > $@.tmp && mv $@.tmp $@

# EXTRA's value is remembered here, so that changing it repacks the initrd.
$(USER_BUILD)/extra.txt: user-extra-changed
	@mkdir -p $(dir $@)
	@echo '$(EXTRA)' | cmp -s - $@ || echo '$(EXTRA)' > $@

# The staging directory is rebuilt from nothing each time, so no stale file survives.
# Programs go in without debug information (gdb reads $(BUILD)/user/bin/ instead).
# The archive is reproducible: names sorted, owner 0:0, fixed modes and times.
$(BUILD)/initrd.cpio: $(USER_PROGS) $(USER_BUILD)/tests.list $(USER_BUILD)/tests.names \
		      $(USER_BUILD)/tests.labs \
		      user/data/hello.txt \
		      user/data/mkdata.py user/data/mkelflayouts.py $(EXTRA) $(USER_BUILD)/extra.txt
	@echo "  CPIO    $@"
	$(Q)rm -rf $(USER_INITRD)
	$(Q)mkdir -p $(USER_INITRD)/tests $(USER_INITRD)/data
	$(Q)install -m 755 $(USER_BUILD)/bin/init $(USER_INITRD)/init
	$(Q)install -m 755 $(addprefix $(USER_BUILD)/bin/,runall exec_target fault_target \
		elf_layout_target spin vmmap $(USER_TESTS) $(USER_EXAMPLES)) \
		$(USER_INITRD)/tests/
	$(Q)$(USER_STRIP) --strip-debug $(USER_INITRD)/init $(USER_INITRD)/tests/*
	$(Q)install -m 644 $(USER_BUILD)/tests.list $(USER_INITRD)/tests/list
	$(Q)install -m 644 $(USER_BUILD)/tests.labs $(USER_INITRD)/tests/labs
	$(Q)install -m 644 user/data/hello.txt $(USER_INITRD)/data/
	$(Q)python3 user/data/mkdata.py --good $(USER_BUILD)/bin/exec_target $(USER_INITRD)/data
	$(Q)python3 user/data/mkelflayouts.py $(USER_INITRD)/tests/elf_layout_target \
		$(USER_INITRD)/data/elflayout
	$(Q)for f in $(EXTRA); do \
		dst=$(USER_INITRD)/$$(basename "$$f"); \
		[ ! -e "$$dst" ] || { echo "EXTRA: $$f: the initrd already has /$$(basename "$$f")" >&2; exit 1; }; \
		if [ -x "$$f" ]; then m=755; else m=644; fi; \
		install -m $$m "$$f" "$$dst" || exit 1; \
	done
	$(Q)find $(USER_INITRD) -type d -exec chmod 755 {} +
	$(Q)find $(USER_INITRD) -exec touch -h -d @0 {} +
	$(Q)out=$$(realpath -m $@.tmp) && cd $(USER_INITRD) && \
		find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --reproducible --quiet > "$$out"
	$(Q)mv $@.tmp $@

-include $(USER_C_OBJS:.o=.d) $(USER_KLIB_OBJS:.o=.d) $(USER_CRT0:.o=.d) $(USER_LIBC_ASM_OBJS:.o=.d)

.PHONY: user-extra-changed user-tests-changed

.DEFAULT_GOAL := $(user_saved_goal)
