/* EXPECT: exit 0 */
/*
 * When handlers run, and inside which other handler. Each handler logs "+SIG" on entry
 * and "-SIG" on exit; the logs are printed and compared with Linux's:
 *
 *   USR1 raising USR1 again, no SA_NODEFER   +USR1 -USR1 +USR1 -USR1  (blocked meanwhile,
 *                                            delivered once the handler has returned)
 *   the same with SA_NODEFER                 +USR1 +USR1 -USR1 -USR1  (nested)
 *   USR1 raising USR2                        +USR1 +USR2 -USR2 -USR1  (nested)
 *   the same, USR2 in USR1's sa_mask         +USR1 -USR1 +USR2 -USR2  (deferred)
 *   USR1, USR2, TERM pending, then unblocked all three run, in the order Linux gives:
 *                                            it builds one frame per signal, lowest
 *                                            number first, before returning to user
 *                                            mode, so the last frame built runs first
 *
 * Inside each handler the blocked mask is the old mask, plus sa_mask, plus the signal
 * itself unless SA_NODEFER; and the frame's uc_sigmask is the mask to go back to.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static char log_buf[256];
static int depth;
static int raise_in_handler;    /* the signal the USR1 handler raises, once (0: none) */
static sigset_t expect_inside;  /* the mask each handler should see, for the USR1 one */

static const char *short_name(int sig)
{
	return signal_name(sig) + 3; /* "SIGUSR1" -> "USR1" */
}

static void log_event(char sign, int sig)
{
	size_t len = strlen(log_buf);

	snprintf(log_buf + len, sizeof(log_buf) - len, "%s%c%s", len ? " " : "", sign,
		 short_name(sig));
}

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	sigset_t now;
	int again = raise_in_handler;

	(void)si;
	log_event('+', sig);
	depth++;
	CHECK(depth <= 3, "handlers nested %d deep", depth);
	if (sig == SIGUSR1 && again) {
		sigset_t outer;

		CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
		CHECK(now.sig[0] == expect_inside.sig[0], "mask inside the handler %#lx, expected %#lx",
		      now.sig[0], expect_inside.sig[0]);
		sigemptyset(&outer);
		CHECK(uc->uc_sigmask.sig[0] == outer.sig[0], "uc_sigmask %#lx, expected 0",
		      uc->uc_sigmask.sig[0]);
		raise_in_handler = 0;
		CHECK_EQ(raise(again), 0);
	}
	depth--;
	log_event('-', sig);
}

static void install(int sig, unsigned long flags, int also_blocked)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	if (also_blocked)
		sigaddset(&sa.sa_mask, also_blocked);
	CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

/* Raise USR1 with the given flags, its handler raising `again`; check the log. */
static void run(const char *what, unsigned long flags, int also_blocked, int again,
		const char *want)
{
	install(SIGUSR1, flags, also_blocked);
	install(SIGUSR2, 0, 0);
	sigemptyset(&expect_inside);
	if (!(flags & SA_NODEFER))
		sigaddset(&expect_inside, SIGUSR1);
	if (also_blocked)
		sigaddset(&expect_inside, also_blocked);
	log_buf[0] = '\0';
	raise_in_handler = again;
	CHECK_EQ(raise(SIGUSR1), 0);
	printf("%s: %s\n", what, log_buf);
	CHECK(!strcmp(log_buf, want), "%s: \"%s\", expected \"%s\"", what, log_buf, want);
}

int main(void)
{
	sigset_t three, empty;

	run("USR1 raises USR1", 0, 0, SIGUSR1, "+USR1 -USR1 +USR1 -USR1");
	run("USR1 raises USR1, SA_NODEFER", SA_NODEFER, 0, SIGUSR1, "+USR1 +USR1 -USR1 -USR1");
	run("USR1 raises USR2", 0, 0, SIGUSR2, "+USR1 +USR2 -USR2 -USR1");
	run("USR1 raises USR2, USR2 in sa_mask", 0, SIGUSR2, SIGUSR2, "+USR1 -USR1 +USR2 -USR2");

	install(SIGUSR1, 0, 0);
	install(SIGUSR2, 0, 0);
	install(SIGTERM, 0, 0);
	sigemptyset(&three);
	sigaddset(&three, SIGUSR1);
	sigaddset(&three, SIGUSR2);
	sigaddset(&three, SIGTERM);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &three, NULL), 0);
	CHECK_EQ(raise(SIGTERM), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR2), 0);
	log_buf[0] = '\0';
	raise_in_handler = 0;
	sigemptyset(&empty);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &empty, NULL), 0);
	printf("TERM, USR1, USR2 pending, then unblocked: %s\n", log_buf);
	CHECK(!strcmp(log_buf, "+TERM -TERM +USR2 -USR2 +USR1 -USR1"),
	      "unblocking three: \"%s\"", log_buf);
	return 0;
}
