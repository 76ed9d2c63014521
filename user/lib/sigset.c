/* Signal sets: bit (sig - 1) of sigset_t.sig[0] stands for signal sig, as in the kernel. */
#include <errno.h>
#include <signal.h>

static int bad_signal(int sig)
{
	if (sig >= 1 && sig <= _NSIG)
		return 0;
	errno = EINVAL;
	return 1;
}

int sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->sig[0] = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[0] |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[0] &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->sig[0] >> (sig - 1)) & 1;
}
