/*
 * Calls into the SBI firmware (OpenSBI), which runs in M-mode below us. RISC-V SBI
 * specification v1.0: a7 = extension id, a6 = function id, a0-a5 = arguments;
 * returns error in a0 and value in a1.
 */
#ifndef ASM_SBI_H
#define ASM_SBI_H

#define SBI_EXT_LEGACY_PUTCHAR 0x01       /* legacy console putchar (5.2) */
#define SBI_EXT_BASE           0x10
#define SBI_EXT_TIME           0x54494D45 /* "TIME" (6) */
#define SBI_EXT_SRST           0x53525354 /* "SRST": system reset (10) */

#define SBI_SRST_SHUTDOWN       0
#define SBI_SRST_REASON_NONE    0
#define SBI_SRST_REASON_FAILURE 1

struct sbiret {
	long error; /* 0 = SBI_SUCCESS, negative on failure */
	long value;
};

/* Call function fid of extension ext with three arguments; the firmware's error and value. */
struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2);
/* Print one byte on the firmware's console (usable before the UART is mapped). */
void sbi_console_putchar(char c);
/* Raise a supervisor timer interrupt once the time CSR reaches stime_value. */
void sbi_set_timer(unsigned long stime_value);
/* Returns only if the firmware refused. */
void sbi_system_reset(unsigned long type, unsigned long reason);

#endif
