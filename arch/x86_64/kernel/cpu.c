/* CPU features: turn on SMEP and SMAP where CPUID reports them (Intel SDM vol. 2A, CPUID leaf 7). */
#include <asm/processor.h>
#include <asm/uaccess.h>
#include <arch.h>
#include <lib/string.h>
#include "x86.h"

#define CPUID1_ECX_RDRAND (1u << 30)
#define CPUID7_EBX_RDSEED (1u << 18)
#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)

bool x86_smep_enabled;
bool x86_smap_enabled;
static bool has_rdrand, has_rdseed;

void x86_cpu_init(void)
{
	u32 max_leaf, a, b, c, d;

	tsc_frequency = x86_calibrate_tsc();
	cpuid(0, 0, &max_leaf, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	has_rdrand = c & CPUID1_ECX_RDRAND;
	if (max_leaf < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	has_rdseed = b & CPUID7_EBX_RDSEED;
	if (b & CPUID7_EBX_SMEP) {
		write_cr4(read_cr4() | CR4_SMEP);
		x86_smep_enabled = true;
	}
	if (b & CPUID7_EBX_SMAP) {
		write_cr4(read_cr4() | CR4_SMAP);
		x86_smap_enabled = true;
	}
}

/*
 * One 64-bit value from RDSEED (the entropy source itself) or, if use_seed is false,
 * RDRAND (a DRBG the source reseeds). CF=1 says the value is valid; CF=0 that the
 * hardware had none ready, which the SDM (vol. 1, 7.3.17) says to retry a few times.
 */
static bool rdrand64(bool use_seed, u64 *v)
{
	for (int tries = 0; tries < 10; tries++) {
		bool ok;

		if (use_seed)
			__asm__ __volatile__("rdseed %0" : "=r"(*v), "=@ccc"(ok));
		else
			__asm__ __volatile__("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

size_t arch_get_random_seed(void *buf, size_t len)
{
	size_t done = 0;
	u64 v;

	if (!has_rdseed && !has_rdrand)
		return 0;
	while (len - done >= sizeof(v) && rdrand64(has_rdseed, &v)) {
		memcpy((u8 *)buf + done, &v, sizeof(v));
		done += sizeof(v);
	}
	return done;
}
