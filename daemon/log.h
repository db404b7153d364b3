/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logging: syslog (facility daemon, ident nlpppd), plus stderr while the
 * daemon has not detached or runs with nodetach, plus the logfile option.
 * Never pass a secret to these functions.
 */
#ifndef NLPPPD_LOG_H
#define NLPPPD_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* Set up logging; @to_stderr copies every message to stderr. */
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
