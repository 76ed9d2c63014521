# The benchmark program, $(BUILD)/user/bin/bench (user/bench/*.c over the user libc).
# Included by the top-level Makefile after user/user.mk, whose libc, crt0, flags and
# linker script it uses; tools/bench.py packs it into the initrds it boots.

BENCH_SRCS := $(sort $(wildcard user/bench/*.c))
BENCH_OBJS := $(patsubst user/%.c,$(USER_BUILD)/%.o,$(BENCH_SRCS))
BENCH_PROG := $(USER_BUILD)/bin/bench

$(BENCH_OBJS): $(USER_BUILD)/%.o: user/%.c user/bench/bench.mk user/arch/$(ARCH)/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

$(BENCH_PROG): $(USER_CRT0) $(BENCH_OBJS) $(USER_LIBC) linker/$(ARCH)-user.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(USER_LD) $(USER_LDFLAGS) -o $@ $(filter %.o,$^) $(USER_LIBC)

-include $(BENCH_OBJS:.o=.d)
