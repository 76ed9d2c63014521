/* SBI calls (see asm/sbi.h). */
#include <asm/sbi.h>

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a2), "r"(a6), "r"(a7)
			     : "memory");
	return (struct sbiret){ (long)a0, (long)a1 };
}

void sbi_console_putchar(char c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0, 0);
}

void sbi_set_timer(unsigned long stime_value)
{
	sbi_ecall(SBI_EXT_TIME, 0, stime_value, 0, 0);
}

void sbi_system_reset(unsigned long type, unsigned long reason)
{
	sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0);
}
