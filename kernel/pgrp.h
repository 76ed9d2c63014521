/*
 * Process groups and sessions (Linux's kernel/sys.c): every process is in one group, and
 * every group in one session; fork inherits both. A group is named by the pid of the
 * process that made it (its leader), a session likewise. kill(0)/kill(-pgid) and
 * wait4(0)/wait4(-pgid) reach a whole group. A session may have the console as its
 * controlling terminal (kernel/tty.c), which signals its groups.
 */
#ifndef KERNEL_PGRP_H
#define KERNEL_PGRP_H

#include <kernel/task.h>

/* Is some process (live or zombie) in process group pgid? */
bool pgrp_exists(int pgid);

/* Is some process in group pgid in session sid? */
bool pgrp_in_session(int pgid, int sid);
/*
 * Is group pgid orphaned (POSIX; Linux's will_become_orphaned_pgrp): no live member has
 * a parent, other than init, in another group of the same session, so no shell is left
 * to continue it? Stopping such a group for job control would leave it stopped forever.
 */
bool pgrp_is_orphaned(int pgid);
/* Send sig (SI_KERNEL) to every live process in group pgid; may be called from an
 * interrupt (the console's ^C). */
void kill_pgrp(int pgid, int sig);

long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);

#endif
