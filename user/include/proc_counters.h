/*
 * Reading the kernel's counters from /proc, for tests that check what a fault did:
 * /proc/vmstat ("pgfault 1234" per line: Linux's names, and Faultline's own
 * faultline_* ones) and /proc/meminfo ("MemFree:   1234 kB").
 */
#ifndef USER_PROC_COUNTERS_H
#define USER_PROC_COUNTERS_H

/* The value of counter name in /proc/vmstat, or -1 if there is no such line (a
 * faultline_* counter on Linux) or no /proc/vmstat. */
long vmstat_counter(const char *name);

/* The value in kB of key ("MemTotal") in /proc/meminfo, or -1 if there is none. */
long meminfo_kb(const char *key);

/* The value in kB of key ("VmPTE") in /proc/self/status, or -1 if there is none (there
 * is no such line). */
long self_status_kb(const char *key);

#endif
