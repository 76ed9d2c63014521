/*
 * Process groups and sessions (Linux's kernel/sys.c): every process is in one group, and
 * every group in one session; fork inherits both. A group is named by the pid of the
 * process that made it (its leader), a session likewise. kill(0)/kill(-pgid) and
 * wait4(0)/wait4(-pgid) reach a whole group. There are no controlling terminals yet.
 */
#ifndef KERNEL_PGRP_H
#define KERNEL_PGRP_H

#include <kernel/task.h>

/* Is some process (live or zombie) in process group pgid? */
bool pgrp_exists(int pgid);

long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);

#endif
