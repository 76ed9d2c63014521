# A program of your own, built for Faultline: `make user PROG=path/to/prog.c [LIBC=...]`.
#
# Included by the top-level Makefile after user/user.mk. LIBC chooses the C library:
#
#   faultline  (default) Faultline's small libc (user/lib/, user/include/), linked as the
#              tests are: crt0, the program, the test harness (user/harness/check.h
#              works), the libc
#   glibc      Debian's static glibc (the host gcc on x86_64, riscv64-linux-gnu-gcc)
#   musl       static musl (musl-gcc on x86_64; on riscv64 Debian trixie's musl-dev,
#              fetched under build/ by tools/muslcc.py)
#
# The program is written to $(BUILD)/prog/<libc>/<name> (PROG_ELF). `make qemu
# RUN=path/to/prog.c` builds it the same way, adds it to the initrd's root and runs it as
# init's child (the top-level Makefile sets EXTRA and INIT from RUN).

LIBC ?= faultline
ifeq ($(filter $(LIBC),faultline glibc musl),)
$(error unknown LIBC=$(LIBC): one of faultline, glibc, musl)
endif
PROG_NAME := $(basename $(notdir $(PROG)))
PROG_DIR  := $(BUILD)/prog/$(LIBC)
PROG_ELF  := $(PROG_DIR)/$(PROG_NAME)
PROG_LIBC_CFLAGS := -static -O2 -g -Wall -Wextra

user:
	$(if $(filter %.c,$(PROG)),,$(error make user needs PROG=path/to/prog.c))
	@$(MAKE) --no-print-directory $(PROG_ELF)
	@echo "built $(PROG_ELF): run it with 'make qemu ARCH=$(ARCH) RUN=$(PROG_ELF)'"

ifneq ($(filter %.c,$(PROG)),)
ifeq ($(LIBC),faultline)
$(PROG_ELF): $(PROG) $(USER_CRT0) $(USER_LIBC) $(USER_BUILD)/harness/check.o \
	     linker/$(ARCH)-user.ld
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@.o
	$(Q)$(USER_LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $@.o $(USER_BUILD)/harness/check.o \
		$(USER_LIBC)
else
$(PROG_ELF): $(PROG)
	@mkdir -p $(dir $@)
	@echo "  CC      $< ($(LIBC))"
	$(Q)$(USER_$(shell echo $(LIBC) | tr a-z A-Z)_CC) $(PROG_LIBC_CFLAGS) -o $@ $<
endif
endif

.PHONY: user
