/* Signals: numbers are Linux's (uapi/abi.h). No handlers yet: only the default actions. */
#ifndef USER_SIGNAL_H
#define USER_SIGNAL_H

#include <sys/types.h>
#include <uapi/abi.h>

/* Send sig to process pid; sig 0 only checks that pid exists (ESRCH if not). */
int kill(pid_t pid, int sig);
/* "SIGSEGV" for SIGSEGV, ..., or NULL for a number without a name here. */
const char *signal_name(int sig);

#endif
