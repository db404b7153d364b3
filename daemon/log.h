/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging: syslog (facility daemon, ident nlpppd), plus stderr while the
 * daemon has not detached or runs with nodetach, plus the logfile option.
 * When stderr is systemd's journal stream ($JOURNAL_STREAM), a message goes
 * there alone, as "<priority>text": one journal entry, no own time stamp.
 * Never pass a secret to these functions.
 */
#ifndef NLPPPD_LOG_H
#define NLPPPD_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>

/* Set up logging; @to_stderr copies every message to stderr. Reads $JOURNAL_STREAM. */
void nl_log_init(const char *ident, bool to_stderr);
void nl_log_set_stderr(bool on);
void nl_log_set_debug(bool on);
bool nl_log_debug_enabled(void);
/*
 * Also append every message to @path ("" closes it). Returns 0 or -errno:
 * -ELOOP for a symlink, -EINVAL for anything but a regular file.
 */
int nl_log_set_file(const char *path);

void nl_log(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Rate limiting of what a peer can make us say (bad packets, rejects,
 * failures): at most NL_RATELIMIT_BURST messages per NL_RATELIMIT_MS per
 * limiter, then silence, counted. The count is reported by the first
 * message let through once the interval is over ("N similar messages
 * suppressed"), or by nl_ratelimit_flush() when the limiter's owner goes.
 * One limiter per link (or per process-wide channel), zeroed to start, so
 * that one noisy peer does not silence the others.
 */
enum { NL_RATELIMIT_BURST = 10, NL_RATELIMIT_MS = 5000 };

struct nl_ratelimit {
	uint64_t begin_ms;		/* start of the current interval */
	unsigned int printed;		/* messages let through in it */
	unsigned int suppressed;	/* messages held back since the last report */
	bool started;
};

/*
 * The decision at @now_ms (pure, for tests): true if a message may be
 * logged. *@report is set to the number of messages suppressed that must be
 * reported before it (0 if none).
 */
bool nl_ratelimit_check(struct nl_ratelimit *rl, uint64_t now_ms, unsigned int *report);
/* Log what @rl has suppressed and not yet reported, if anything. */
void nl_ratelimit_flush(struct nl_ratelimit *rl);
/* nl_log() through @rl, on the loop's clock (nl_now_ms). */
void nl_log_ratelimited(struct nl_ratelimit *rl, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define nl_warn_rl(rl, ...) nl_log_ratelimited(rl, LOG_WARNING, __VA_ARGS__)
#define nl_err_rl(rl, ...) nl_log_ratelimited(rl, LOG_ERR, __VA_ARGS__)

#define nl_err(...) nl_log(LOG_ERR, __VA_ARGS__)
#define nl_warn(...) nl_log(LOG_WARNING, __VA_ARGS__)
#define nl_notice(...) nl_log(LOG_NOTICE, __VA_ARGS__)
#define nl_info(...) nl_log(LOG_INFO, __VA_ARGS__)
#define nl_dbg(...)                                \
	do {                                       \
		if (nl_log_debug_enabled())        \
			nl_log(LOG_DEBUG, __VA_ARGS__); \
	} while (0)

#endif
