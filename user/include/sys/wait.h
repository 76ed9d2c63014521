/*
 * Waiting for children. The status word is Linux's: exit code << 8 for an exit, the
 * signal number in the low 7 bits for a kill; WIFEXITED() and friends (uapi/abi.h)
 * take it apart.
 */
#ifndef USER_SYS_WAIT_H
#define USER_SYS_WAIT_H

#include <sys/types.h>
#include <uapi/abi.h>

struct rusage; /* never filled in here: pass NULL */

/* Wait for child pid (-1: any child). Returns its pid, 0 (WNOHANG and none has ended
 * yet), or -1 (ECHILD: no such child). Stores the status in *status if status != NULL. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
