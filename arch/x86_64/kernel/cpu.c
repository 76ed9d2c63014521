/* CPU features: turn on SMEP and SMAP where CPUID reports them (Intel SDM vol. 2A, CPUID leaf 7). */
#include <asm/processor.h>
#include <asm/uaccess.h>
#include "x86.h"

#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)

bool x86_smep_enabled;
bool x86_smap_enabled;

void x86_cpu_init(void)
{
	u32 max_leaf, a, b, c, d;

	tsc_frequency = x86_calibrate_tsc();
	cpuid(0, 0, &max_leaf, &b, &c, &d);
	if (max_leaf < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	if (b & CPUID7_EBX_SMEP) {
		write_cr4(read_cr4() | CR4_SMEP);
		x86_smep_enabled = true;
	}
	if (b & CPUID7_EBX_SMAP) {
		write_cr4(read_cr4() | CR4_SMAP);
		x86_smap_enabled = true;
	}
}
